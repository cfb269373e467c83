"""Every figure of the course, in plain matplotlib: images, a neuron, training curves,
an optimiser's walk, a classifier's mistakes, feature maps, augmented images and the
results board.

Each ``show_``, ``plot_`` or ``draw_`` function draws one figure and shows it
(:func:`history_frame` and :func:`surface_grid` return the numbers a figure is drawn
from). The numbers behind a figure come from the modules that compute them
(:mod:`p2p.metrics`, :mod:`p2p.optimizers`, :mod:`p2p.augmentation`, :mod:`p2p.board`);
the interactive versions of some figures are in :mod:`p2p.widgets`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import cycler
from matplotlib.ticker import MaxNLocator

from .augmentation import augmented_versions
from .data import label_name
from .metrics import as_labels, confusion_matrix, mistakes
from .optimizers import (
    DIVERGED_BEYOND,
    OPTIMIZERS,
    Surface,
    diverged,
    get_surface,
    losses_along,
    walk,
)

# Okabe and Ito's colours, which colour-blind readers tell apart; lines that carry meaning
# differ by marker and dash too. p2p.setup() makes COLOURS matplotlib's default cycle.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish green": "#009E73",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "sky blue": "#56B4E9",
    "black": "#000000",
}
COLOURS = cycler(color=list(PALETTE.values()))
LINES = COLOURS + cycler(
    marker=["o", "s", "^", "D", "v", "P", "X"],
    linestyle=["-", "--", "-.", ":", "-", "--", "-."],  # matplotlib's four dashes
)
RIGHT, WRONG = PALETTE["bluish green"], PALETTE["vermillion"]


def _line(i: int) -> dict:
    """The ``i``-th line's colour, marker and dash, from :data:`LINES`."""
    return list(LINES)[i % len(LINES)]


def _panels(n: int, columns: int, width: float, height: float):
    """A figure of ``n`` small picture panels, ``columns`` to a row, each ``width`` x
    ``height`` inches, without axes; returns the figure and the ``n`` panels in order."""
    rows = int(np.ceil(n / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(width * columns, height * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    return fig, list(axes.flat)[:n]


def _show_picture(ax, image) -> None:
    """One image in a panel: greyscale images in grey, colour images as they are."""
    image = np.asarray(image)
    ax.imshow(image.squeeze(), cmap="gray" if image.shape[-1] == 1 else None)


# ------------------------------------------------------------------------------------------ images


def show_images(
    images,
    labels=None,
    class_names=None,
    n: int = 20,
    columns: int = 10,
    predictions=None,
    title: str | None = None,
):
    """Show the first ``n`` images in a grid, each titled with its label.

    Args:
        images: ``uint8`` array ``(n, height, width, channels)`` or floats in [0, 1].
        labels: integer labels, shown as titles (``class_names`` turns them into words).
        predictions: optional predicted labels; wrong ones are titled in red (vermillion).
    """
    n = min(n, len(images))
    fig, axes = _panels(n, columns, 1.3, 1.5)
    for i, ax in enumerate(axes):
        _show_picture(ax, images[i])
        if labels is not None:
            name = label_name(labels[i], class_names)
            if predictions is not None:
                guess = label_name(predictions[i], class_names)
                ax.set_title(
                    f"{guess}\n({name})", fontsize=8, color="black" if guess == name else WRONG
                )
            else:
                ax.set_title(name, fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def plot_pixel_histograms(images, bins: int = 32, title: str | None = None):
    """Histogram of the pixel values of ``images``, one line per colour channel.

    Works for ``uint8`` images (0 to 255) and for scaled floats (0 to 1) alike; greyscale
    images get one grey line.
    """
    images = np.asarray(images)
    channels = images.shape[-1]
    names = ("red", "green", "blue") if channels == 3 else ("grey",) * channels
    hues = ("vermillion", "bluish green", "blue") if channels == 3 else ("black",) * channels
    top = 255 if images.dtype == np.uint8 else max(1.0, float(images.max()))
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for c in range(channels):
        values = images[..., c].reshape(-1)
        ax.hist(
            values,
            bins=bins,
            range=(0, top),
            histtype="step",
            linewidth=1.5,
            color=PALETTE[hues[c]],
            linestyle=_line(c)["linestyle"],
            label=names[c],
        )
    ax.set_xlabel("pixel value")
    ax.set_ylabel("number of pixels")
    ax.legend()
    ax.set_title(title or "pixel values")
    fig.tight_layout()
    plt.show()


# --------------------------------------------------------------------------- a neuron (notebook 01)


def plot_neuron(weights, bias, activation, name, points, labels):
    """One neuron with two inputs: its output over the input plane, and some points.

    The white line is the decision boundary (output 0.5 for sigmoid and step, 0 for the
    others); the title counts the points on their right side.

    Args:
        weights: the two weights ``(w1, w2)``; bias: the bias ``b``.
        activation: the activation function; name: its name (``"sigmoid"``, ...).
        points, labels: 2-D input points (an array of rows) and their 0/1 classes.
    """
    grid = np.linspace(-0.5, 1.5, 121)
    gx, gy = np.meshgrid(grid, grid)
    plane = np.stack([gx.ravel(), gy.ravel()], axis=1)
    weights = np.asarray(weights, dtype=float)
    out = activation(plane @ weights + bias).reshape(gx.shape)
    threshold = 0.5 if name in ("sigmoid", "step") else 0.0
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
    predicted = activation(points @ weights + bias) > threshold
    correct = int((predicted == labels.astype(bool)).sum())
    ax.set_title(f"{name}(w·x + b): {correct}/{len(points)} points right")
    ax.set_xlabel("input x1")
    ax.set_ylabel("input x2")
    plt.show()


# --------------------------------------------------------------------------------- training curves


def history_frame(history) -> pd.DataFrame:
    """A Keras ``History`` (or its ``.history`` dict) as a DataFrame, one row per epoch."""
    data = history.history if hasattr(history, "history") else history
    frame = pd.DataFrame(data)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="epoch")
    return frame


def plot_history(history, metrics=("loss", "accuracy"), title: str | None = None):
    """Plot training against validation curves, one panel per metric."""
    frame = history_frame(history)
    metrics = [m for m in metrics if m in frame]
    fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.5), squeeze=False)
    for ax, metric in zip(axes.flat, metrics, strict=True):
        ax.plot(frame.index, frame[metric], **_line(0), label="training")
        if f"val_{metric}" in frame:
            ax.plot(frame.index, frame[f"val_{metric}"], **_line(1), label="validation")
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
        ax.set_ylabel(metric)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def compare_histories(histories: dict, metric: str = "val_accuracy", title: str | None = None):
    """Plot one metric of several runs on one axis; ``histories`` maps names to histories."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for i, (name, history) in enumerate(histories.items()):
        frame = history_frame(history)
        ax.plot(frame.index, frame[metric], **_line(i), label=name)
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(metric.replace("_", " "))
    ax.legend()
    ax.set_title(title or metric.replace("_", " "))
    fig.tight_layout()
    plt.show()


# --------------------------------------------------------------- an optimiser's walk (notebook 03)


def surface_grid(surface: Surface, n: int = 160):
    """The loss of ``surface`` on an ``n`` x ``n`` grid: ``(gx, gy, loss)``."""
    gx, gy = np.meshgrid(np.linspace(*surface.xlim, n), np.linspace(*surface.ylim, n))
    return gx, gy, surface.loss(gx, gy)


def _walk_summary(surface: Surface, optimizer: str, path) -> str:
    if diverged(path):
        return f"{optimizer}: diverged after {len(path) - 1} steps"
    return f"{optimizer}: loss {losses_along(surface, path)[-1]:.3g} after {len(path) - 1} steps"


def plot_walk(surface="ravine", optimizers=("SGD",), learning_rate=0.1, steps=50, grid=None):
    """Draw the surface as contour lines, each optimiser's path on it, and loss per step.

    Args:
        optimizers: one name or several from :data:`OPTIMIZERS`; each has its own line style.
        grid: an optional precomputed ``(gx, gy, loss)`` grid (the widget caches it).
    """
    surface = get_surface(surface)
    optimizers = (optimizers,) if isinstance(optimizers, str) else tuple(optimizers)
    gx, gy, gz = grid if grid is not None else surface_grid(surface)
    fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(10, 4), gridspec_kw={"width_ratios": [3, 2]})
    levels = np.quantile(gz, np.linspace(0, 1, 25) ** 2)
    ax.contourf(gx, gy, gz, levels=np.unique(levels), cmap="viridis_r", alpha=0.8)
    ax.contour(gx, gy, gz, levels=np.unique(levels), colors="white", linewidths=0.4)
    ax.plot(*surface.minimum, "*", color="gold", markersize=16, markeredgecolor="k")
    ax.plot(*surface.start, "o", color="white", markeredgecolor="k", markersize=8)
    lines = []
    for name in optimizers:
        path = walk(surface, name, learning_rate, steps)
        style = _line(OPTIMIZERS.index(name))
        shown = path[np.all(np.abs(path) < DIVERGED_BEYOND, axis=1)]
        ax.plot(
            *shown.T, **style, markersize=4, markeredgecolor="k", markeredgewidth=0.3, label=name
        )
        losses = losses_along(surface, path)
        finite = np.isfinite(losses)
        steps_drawn = np.arange(len(path))[finite]
        ax_loss.plot(steps_drawn, losses[finite], **style, markevery=0.1, label=name)
        lines.append(_walk_summary(surface, name, path))
    ax.set_xlim(surface.xlim)
    ax.set_ylim(surface.ylim)
    ax.set_xlabel("weight w1")
    ax.set_ylabel("weight w2")
    ax.set_title(
        f"{surface.name}: {surface.description}\nwhite dot: start, gold star: lowest point",
        fontsize=9,
    )
    ax.grid(False)
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("loss (log scale)")
    ax_loss.legend(fontsize=8)
    ax_loss.set_title("\n".join(lines), fontsize=9)
    fig.suptitle(f"learning rate {learning_rate:.3g}", fontsize=10)
    fig.tight_layout()
    plt.show()


# ------------------------------------------------------------ a classifier's results (notebook 04)


def plot_confusion_matrix(
    y_true, y_pred, class_names, normalize: bool = False, title: str | None = None
):
    """Draw the confusion matrix of ``y_true`` against ``y_pred`` with class names.

    Args:
        normalize: if True, show each row as fractions of its true class (the diagonal
            is then the per-class accuracy) instead of counts.
    """
    matrix = confusion_matrix(y_true, y_pred, len(class_names))
    draw_confusion_matrix(matrix, class_names, normalize=normalize, title=title)


def draw_confusion_matrix(matrix, class_names, normalize: bool = False, title: str | None = None):
    """Draw a confusion matrix you already have (rows true classes, columns predicted).

    Every cell shows its count (or, with ``normalize=True``, its fraction of the row).
    """
    matrix = np.asarray(matrix, dtype=float)
    if normalize:
        totals = matrix.sum(axis=1, keepdims=True)
        matrix = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
    n = len(class_names)
    size = max(4.5, 0.55 * n + 1.5)
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(matrix, cmap="Blues")
    fig.colorbar(
        image, ax=ax, fraction=0.046, label="fraction of the row" if normalize else "images"
    )
    threshold = matrix.max() / 2 if matrix.size else 0
    for i in range(n):
        for j in range(n):
            text = f"{matrix[i, j]:.2f}" if normalize else f"{int(matrix[i, j])}"
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if matrix[i, j] > threshold else "black",
            )
    ax.set_xticks(range(n), class_names, rotation=45, ha="right")
    ax.set_yticks(range(n), class_names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title(title or ("confusion matrix (rows sum to 1)" if normalize else "confusion matrix"))
    fig.tight_layout()
    plt.show()


def show_mistakes(
    images,
    y_true,
    probabilities,
    class_names,
    n: int = 20,
    most_confident_first: bool = False,
    columns: int = 10,
    title: str | None = None,
):
    """A grid of wrongly predicted images, each titled "predicted (confidence) / true".

    Args:
        images: the images the probabilities belong to (``uint8`` or floats in [0, 1]).
        most_confident_first: show the most confident mistakes (see :func:`p2p.metrics.mistakes`).
    """
    y_true = as_labels(y_true)
    probabilities = np.asarray(probabilities)
    chosen = mistakes(y_true, probabilities, most_confident_first)[:n]
    if len(chosen) == 0:
        print("No mistakes to show: every image was predicted correctly.")
        return
    fig, axes = _panels(len(chosen), min(columns, len(chosen)), 1.45, 1.75)
    for ax, index in zip(axes, chosen, strict=True):
        _show_picture(ax, images[index])
        guess = int(probabilities[index].argmax())
        ax.set_title(
            f"{class_names[guess]} {probabilities[index, guess]:.0%}\n"
            f"true: {class_names[y_true[index]]}",
            fontsize=7,
            color=WRONG,
        )
    default = "most confident mistakes" if most_confident_first else "misclassified images"
    fig.suptitle(f"{title or default} (red: prediction and its confidence)", fontsize=10)
    fig.tight_layout()
    plt.show()


def plot_prediction(image, probabilities, class_names, true_label=None, title: str | None = None):
    """One image next to its predicted probabilities as horizontal bars.

    The predicted class is red (vermillion) and hatched when it is wrong; the true class
    is green (bluish green).
    """
    probabilities = np.asarray(probabilities, dtype=float).reshape(-1)
    guess = int(probabilities.argmax())
    fig, (ax_image, ax_bars) = plt.subplots(
        1, 2, figsize=(8, 3.2), gridspec_kw={"width_ratios": [1, 1.6]}
    )
    _show_picture(ax_image, image)
    ax_image.axis("off")
    colours = ["tab:gray"] * len(class_names)
    if true_label is not None:
        true_label = int(true_label)
        colours[guess] = RIGHT if guess == true_label else WRONG
        colours[true_label] = RIGHT
    else:
        colours[guess] = PALETTE["blue"]
    positions = np.arange(len(class_names))
    bars = ax_bars.barh(positions, probabilities, color=colours)
    if true_label is not None and guess != true_label:
        bars[guess].set_hatch("//")  # wrong, whatever colours the reader sees
    ax_bars.bar_label(bars, labels=[f"{p:.0%}" for p in probabilities], fontsize=7, padding=2)
    ax_bars.set_yticks(positions, class_names)
    ax_bars.invert_yaxis()
    ax_bars.set_xlim(0, 1.12)
    ax_bars.set_xlabel("predicted probability")
    if title is None:
        title = f"predicted: {class_names[guess]} ({probabilities[guess]:.0%})"
        if true_label is not None:
            verdict = "right" if guess == true_label else "wrong"
            title += f", true: {class_names[true_label]}: {verdict}"
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    plt.show()


# ---------------------------------------------------------------------- convolutions (notebook 05)


def _brightness_kernel(kernel) -> bool:
    """True for kernels whose weights add up to 1 (blur, sharpen): their maps are images.

    The explorer's boxes show three decimals, so blur's nine 0.111 (sum 0.999) count too.
    """
    return kernel is not None and bool(np.isclose(np.sum(kernel), 1.0, atol=0.01))


def _show_map(ax, values, title, cmap="gray", as_image=False):
    """Draw a map; ``as_image`` keeps the photo's 0..1 scale, else the colours stretch."""
    values = np.asarray(values)
    if as_image:
        ax.imshow(values, cmap=cmap, vmin=0.0, vmax=1.0)
    else:
        ax.imshow(values, cmap=cmap)
    ax.set_title(title, fontsize=9)
    ax.axis("off")


def show_kernel_maps(image, maps: dict, kernels: dict | None = None):
    """Show an image and the feature map each kernel made from it, side by side.

    Args:
        image: the input image, ``(height, width)``.
        maps: name -> feature map (2-D arrays).
        kernels: optional name -> kernel, printed under each map's title. Maps of
            kernels whose weights add up to 1 (blur, sharpen) are drawn on the photo's
            0..1 brightness scale; the others (edges) stretch their colours to their range.
    """
    n = len(maps) + 1
    fig, axes = plt.subplots(1, n, figsize=(3.0 * n, 3.0))
    _show_map(axes[0], image, f"input {np.shape(image)[0]}x{np.shape(image)[1]}")
    for ax, (name, fmap) in zip(axes[1:], maps.items(), strict=True):
        title = f"{name}\n{fmap.shape[0]}x{fmap.shape[1]}"
        kernel = kernels.get(name) if kernels is not None else None
        if kernel is not None:
            rows = np.round(np.asarray(kernel, dtype=float), 2)
            title += "\n" + "\n".join(" ".join(f"{v:g}" for v in row) for row in rows)
        _show_map(ax, fmap, title, as_image=_brightness_kernel(kernel))
    fig.tight_layout()
    plt.show()


def show_kernel_map(image, kernel, feature_map):
    """The photo, the kernel as numbers and the feature map it makes, side by side."""
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), gridspec_kw={"width_ratios": [3, 1.2, 3]})
    _show_map(axes[0], image, f"photo {image.shape[0]}x{image.shape[1]}")
    show_numbers(kernel, "kernel", ax=axes[1], fmt="{:.2g}")
    _show_map(
        axes[2],
        feature_map,
        f"feature map {feature_map.shape[0]}x{feature_map.shape[1]}\n"
        f"values {feature_map.min():.2f} to {feature_map.max():.2f}",
        as_image=_brightness_kernel(kernel),
    )
    fig.tight_layout()
    plt.show()


def show_numbers(array, title: str = "", ax=None, fmt: str = "{:g}"):
    """Draw a small 2-D array as a grid of numbers (for kernels and pooling by hand)."""
    array = np.asarray(array, dtype=float)
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(0.6 * array.shape[1] + 0.6, 0.6 * array.shape[0] + 0.6))
    ax.imshow(array, cmap="Blues")
    for (i, j), value in np.ndenumerate(array):
        ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.set_title(title, fontsize=9)
    if own:
        plt.show()


def show_filters(conv_layer, columns: int = 8):
    """Show the learned kernels of a ``Conv2D`` layer, one small picture per filter.

    A first-layer filter has one 3x3 slice per colour channel; on colour images the
    three slices are shown together as a tiny RGB picture (rescaled to 0..1), on
    greyscale images as a grey one.
    """
    kernel, _bias = conv_layer.get_weights()  # (k, k, channels, filters)
    count = kernel.shape[-1]
    fig, axes = _panels(count, columns, 1.1, 1.2)
    for i, ax in enumerate(axes):
        weights = kernel[..., i]
        if weights.shape[-1] != 3:
            weights = weights.mean(axis=-1)
        low, high = weights.min(), weights.max()
        ax.imshow((weights - low) / ((high - low) or 1.0), cmap="gray", interpolation="nearest")
        ax.set_title(str(i), fontsize=8)
    fig.suptitle(
        f"The {count} learned {kernel.shape[0]}x{kernel.shape[1]} filters of {conv_layer.name}"
    )
    fig.tight_layout()
    plt.show()


def show_feature_maps(maps, title: str = "", n: int = 16, columns: int = 8):
    """Show the first ``n`` channels of one image's feature maps ``(height, width, channels)``."""
    maps = np.asarray(maps)
    if maps.ndim == 4:  # a batch of one image
        maps = maps[0]
    n = min(n, maps.shape[-1])
    fig, axes = _panels(n, columns, 1.2, 1.3)
    for i, ax in enumerate(axes):
        ax.imshow(maps[..., i], cmap="viridis")
        ax.set_title(str(i), fontsize=8)
    fig.suptitle(
        f"{title} ({maps.shape[0]}x{maps.shape[1]}, first {n} of {maps.shape[-1]} channels)"
    )
    fig.tight_layout()
    plt.show()


# ---------------------------------------------------------------------- augmentation (notebook 06)


def _as_display(image, scale: float = 1.0) -> np.ndarray:
    """A [0, 1] float image ready for ``imshow``: divided by ``scale``, clipped
    (interpolation can overshoot a hair), and greyscale images without their channel axis."""
    image = np.clip(np.asarray(image, dtype=np.float32) / scale, 0.0, 1.0)
    return image[..., 0] if image.shape[-1] == 1 else image


def show_augmented(
    images,
    augment,
    versions: int = 5,
    labels=None,
    class_names=None,
    title: str | None = None,
):
    """A grid: each row is one real image, first as it is, then ``versions`` augmented copies.

    Args:
        images: a few images ``(n, height, width, channels)``, uint8 (0 to 255) or
            floats scaled to [0, 1]. They reach ``augment`` at that scale, so its
            ``RandomContrast`` needs the matching ``value_range``.
        augment: the augmentation layer or ``keras.Sequential`` to apply.
        labels, class_names: optional, to write each row's class on the left.

    Each call draws new random versions (the global random seeds are not touched).
    """
    images = np.asarray(images)
    scale = 255.0 if images.dtype == np.uint8 else 1.0
    copies = augmented_versions(images, augment, versions)
    n = len(images)
    fig, axes = plt.subplots(
        n, versions + 1, figsize=(1.5 * (versions + 1), 1.5 * n), squeeze=False
    )
    for row in range(n):
        axes[row, 0].imshow(_as_display(images[row], scale), cmap="gray")
        axes[row, 0].set_title("original", fontsize=8)
        if labels is not None:
            axes[row, 0].set_ylabel(label_name(labels[row], class_names), fontsize=9)
        for v in range(versions):
            axes[row, v + 1].imshow(_as_display(copies[v, row], scale), cmap="gray")
            axes[row, v + 1].set_title(f"version {v + 1}", fontsize=8)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


# ------------------------------------------------------------------------------- the results board


def plot_board(frame, profile_name: str):
    """The results board as bars: this course's notebooks in blue, external references
    grey and hatched. ``frame`` is :func:`p2p.board.table`'s table."""
    from matplotlib.patches import Patch

    from .board import EXTERNAL, REFERENCES

    ours = frame[frame["notebook"] != EXTERNAL]
    name = profile_name
    external = frame[frame["notebook"] == EXTERNAL]
    fig, ax = plt.subplots(figsize=(9.5 if len(external) else 6, 3.8))
    positions = list(range(len(ours)))
    bars = ax.bar(positions, ours["test accuracy"], color=PALETTE["blue"])
    ax.bar_label(bars, labels=[f"{v:.0%}" for v in ours["test accuracy"]])
    ticks, labels = positions[:], list(ours["notebook"])
    handles = [Patch(color=PALETTE["blue"], label=f"this course ({name} profile)")]
    if len(external):
        start = len(ours) + 0.5  # a gap between the two groups
        ref_positions = [start + i for i in range(len(external))]
        ref_bars = ax.bar(
            ref_positions,
            external["test accuracy"],
            color="lightgrey",
            edgecolor="grey",
            hatch="//",
        )
        ax.bar_label(ref_bars, labels=[f"{v:.0%}" for v in external["test accuracy"]])
        ticks += ref_positions
        labels += [f"external:\n{ref.label}" for ref in REFERENCES][: len(external)]
        handles.append(
            Patch(
                facecolor="lightgrey",
                edgecolor="grey",
                hatch="//",
                label="external reference (not directly comparable)",
            )
        )
    ax.set_xticks(ticks, labels, fontsize=8)
    ax.set_ylim(0, 1.15)
    ax.set_xlabel("notebook")
    ax.set_ylabel("test accuracy (final model)")
    ax.set_title(f"Results board, {name} profile: one final model per notebook")
    ax.legend(handles=handles, loc="upper left", fontsize=8)
    plt.show()
