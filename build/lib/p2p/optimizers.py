"""Optimisers walking down a 2-D loss surface, in NumPy, for notebook 03's widget.

A real network has millions of weights, so its loss surface cannot be drawn. A loss
that depends on just two numbers ``(w1, w2)`` can: it is a landscape, and training is
a walk downhill on it. The update rules here are essentially the ones Keras uses (same names,
same default settings), applied to two weights instead of millions:

- ``SGD``: step against the gradient, ``w -= learning_rate * gradient``.
- ``SGD with momentum``: a velocity that keeps a memory of past gradients
  (``momentum=0.9``), so steps build up along a consistent direction and cancel out
  when the gradient flips back and forth.
- ``RMSprop``: divides each weight's step by a running average of its squared
  gradients, so steep and flat directions get steps of similar size.
- ``Adam``: momentum and RMSprop together, with a correction for the first steps.

Everything is plain NumPy and takes milliseconds, so the widget responds instantly.
The figure is :func:`p2p.plots.plot_walk`, the widget :func:`p2p.widgets.optimizer_walk`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

OPTIMIZERS = ("SGD", "SGD with momentum", "RMSprop", "Adam")
"""The optimisers of notebook 03, by the names the widget shows."""

DIVERGED_BEYOND = 1e3
"""A walk that gets further than this from the origin has diverged and is stopped."""


@dataclass(frozen=True)
class Surface:
    """A loss that depends on two weights, with its gradient and a view to draw it.

    Attributes:
        name: short name shown in the widget.
        loss: ``loss(w1, w2)``, works on NumPy arrays (for drawing) and on numbers.
        gradient: ``gradient(w1, w2)`` returns ``(dloss/dw1, dloss/dw2)``.
        start: where every walk starts.
        minimum: where the loss is lowest.
        xlim, ylim: the part of the plane to draw.
        description: one sentence on what the surface shows.
    """

    name: str
    loss: Callable
    gradient: Callable
    start: tuple[float, float]
    minimum: tuple[float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    description: str


def _ravine_loss(w1, w2):
    return 0.05 * w1**2 + 2.0 * w2**2


def _ravine_gradient(w1, w2):
    return 0.1 * w1, 4.0 * w2


def _banana_loss(w1, w2):
    return (1 - w1) ** 2 + 5 * (w2 - w1**2) ** 2


def _banana_gradient(w1, w2):
    return -2 * (1 - w1) - 20 * w1 * (w2 - w1**2), 10 * (w2 - w1**2)


def _valleys_loss(w1, w2):
    return (w1**2 - 1) ** 2 + 0.3 * w1 + 0.5 * w2**2 + 0.5


def _valleys_gradient(w1, w2):
    return 4 * w1 * (w1**2 - 1) + 0.3, w2


SURFACES = {
    "ravine": Surface(
        name="ravine",
        loss=_ravine_loss,
        gradient=_ravine_gradient,
        start=(-9.0, 1.8),
        minimum=(0.0, 0.0),
        xlim=(-10.0, 3.0),
        ylim=(-3.0, 3.0),
        description="a long narrow valley: steep across, almost flat along the floor",
    ),
    "banana": Surface(
        name="banana",
        loss=_banana_loss,
        gradient=_banana_gradient,
        start=(-1.5, 2.0),
        minimum=(1.0, 1.0),
        xlim=(-2.0, 2.0),
        ylim=(-1.0, 3.0),
        description="a curved valley (Rosenbrock's function): easy to enter, slow to follow",
    ),
    "two valleys": Surface(
        name="two valleys",
        loss=_valleys_loss,
        gradient=_valleys_gradient,
        start=(1.8, 1.5),
        minimum=(-1.036, 0.0),
        xlim=(-2.0, 2.0),
        ylim=(-2.0, 2.0),
        description="a shallow valley on the right, the deepest one on the left",
    ),
}
"""The loss surfaces of the widget, by name."""


def get_surface(surface) -> Surface:
    """A :class:`Surface` given by itself or by its name in :data:`SURFACES`."""
    if isinstance(surface, Surface):
        return surface
    try:
        return SURFACES[surface]
    except KeyError:
        known = ", ".join(SURFACES)
        raise ValueError(f"Unknown surface {surface!r}: choose one of {known}.") from None


def walk(
    surface="ravine",
    optimizer: str = "SGD",
    learning_rate: float = 0.1,
    steps: int = 50,
    start=None,
    momentum: float = 0.9,
    rho: float = 0.9,
    beta_1: float = 0.9,
    beta_2: float = 0.999,
    epsilon: float = 1e-7,
) -> np.ndarray:
    """The path of ``optimizer`` walking ``steps`` steps down ``surface``.

    The update rules and default settings are those of ``keras.optimizers.SGD``,
    ``SGD(momentum=0.9)``, ``RMSprop`` and ``Adam``. A walk that leaves the plane
    (further than :data:`DIVERGED_BEYOND` from the origin, or not a number) has
    diverged and stops early.

    Args:
        surface: a name from :data:`SURFACES` or a :class:`Surface`.
        optimizer: one of :data:`OPTIMIZERS`.
        learning_rate: the step size.
        steps: how many updates to make.
        start: the starting point ``(w1, w2)``; by default the surface's.

    Returns:
        The visited points, shape ``(number of steps taken + 1, 2)``; row 0 is the start.
    """
    surface = get_surface(surface)
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"Unknown optimiser {optimizer!r}: choose one of {', '.join(OPTIMIZERS)}.")
    w = np.array(surface.start if start is None else start, dtype=float)
    velocity = np.zeros(2)  # momentum's velocity, Adam's first moment
    average = np.zeros(2)  # RMSprop's and Adam's running average of squared gradients
    path = [w.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, int(steps) + 1):
            g = np.array(surface.gradient(*w), dtype=float)
            if optimizer == "SGD":
                w = w - learning_rate * g
            elif optimizer == "SGD with momentum":
                velocity = momentum * velocity - learning_rate * g
                w = w + velocity
            elif optimizer == "RMSprop":
                average = rho * average + (1 - rho) * g**2
                w = w - learning_rate * g / (np.sqrt(average) + epsilon)
            else:  # Adam
                velocity = beta_1 * velocity + (1 - beta_1) * g
                average = beta_2 * average + (1 - beta_2) * g**2
                step = learning_rate * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
                w = w - step * velocity / (np.sqrt(average) + epsilon)
            path.append(w.copy())
            if not np.all(np.isfinite(w)) or np.abs(w).max() > DIVERGED_BEYOND:
                break
    return np.array(path)


def losses_along(surface, path) -> np.ndarray:
    """The loss at every point of a path returned by :func:`walk`."""
    surface = get_surface(surface)
    path = np.asarray(path, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(surface.loss(path[:, 0], path[:, 1]), dtype=float)


def diverged(path) -> bool:
    """True if a path left the plane (see :data:`DIVERGED_BEYOND`)."""
    last = np.asarray(path, dtype=float)[-1]
    return bool(not np.all(np.isfinite(last)) or np.abs(last).max() > DIVERGED_BEYOND)
