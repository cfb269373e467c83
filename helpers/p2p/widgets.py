"""Interactive widgets of the notebooks (ipywidgets + matplotlib)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import neuron as nn


def neuron_playground(points=None, labels=None, activations=None):
    """A neuron with two inputs: sliders for the weights and bias, a choice of activation.

    The plot shows the neuron's output over the input plane; the white line is its
    decision boundary (output 0.5 for sigmoid and step, 0 for tanh and ReLU). By
    default it shows the four points of the logical AND problem, with weights that
    solve it (w1 = w2 = 1, b = -1.5: only x1 + x2 = 2 gets over the threshold).

    Args:
        points, labels: 2-D input points and their 0/1 classes to draw.
        activations: a dict of name -> function (your own, if you wrote them);
            by default the ones in :mod:`p2p.neuron`.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    activations = activations or nn.ACTIVATIONS
    if points is None:
        points = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
        labels = np.array([0, 0, 0, 1])
    w1 = widgets.FloatSlider(value=1.0, min=-5, max=5, step=0.1, description="weight w1")
    w2 = widgets.FloatSlider(value=1.0, min=-5, max=5, step=0.1, description="weight w2")
    b = widgets.FloatSlider(value=-1.5, min=-5, max=5, step=0.1, description="bias b")
    activation = widgets.Dropdown(
        options=list(activations), value="sigmoid", description="activation"
    )
    grid = np.linspace(-0.5, 1.5, 121)
    gx, gy = np.meshgrid(grid, grid)
    plane = np.stack([gx.ravel(), gy.ravel()], axis=1)

    def draw(w1, w2, b, activation):
        weights = np.array([w1, w2])
        f = activations[activation]
        out = f(plane @ weights + b).reshape(gx.shape)
        threshold = 0.5 if activation in ("sigmoid", "step") else 0.0
        fig, ax = plt.subplots(figsize=(4.5, 4))
        mesh = ax.pcolormesh(gx, gy, out, cmap="coolwarm", shading="auto")
        fig.colorbar(mesh, ax=ax, label="neuron output")
        if out.min() <= threshold < out.max():  # ReLU touches 0 but never goes below
            ax.contour(gx, gy, out, levels=[threshold], colors="white", linewidths=2)
        for target, colour, marker in ((0, "black", "o"), (1, "white", "s")):
            chosen = points[labels == target]
            ax.scatter(
                *chosen.T, c=colour, marker=marker, edgecolors="k", s=120, label=f"target {target}"
            )
        ax.legend(loc="upper left", fontsize=8, framealpha=0.8)
        predicted = f(points @ weights + b) > threshold
        correct = int((predicted == labels.astype(bool)).sum())
        ax.set_title(f"{activation}(w·x + b): {correct}/{len(points)} points right")
        ax.set_xlabel("input x1")
        ax.set_ylabel("input x2")
        plt.show()

    output = widgets.interactive_output(
        draw, {"w1": w1, "w2": w2, "b": b, "activation": activation}
    )
    controls = widgets.VBox([w1, w2, b, activation])
    return widgets.VBox([widgets.HBox([controls]), output])
