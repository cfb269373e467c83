"""Plotting helpers shared by the notebooks (plain matplotlib underneath)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator


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
        predictions: optional predicted labels; wrong ones are titled in red.
    """
    n = min(n, len(images))
    rows = int(np.ceil(n / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        image = np.asarray(images[i])
        ax.imshow(image.squeeze(), cmap="gray" if image.shape[-1] == 1 else None)
        if labels is not None:
            name = _name(labels[i], class_names)
            if predictions is not None:
                guess = _name(predictions[i], class_names)
                ax.set_title(
                    f"{guess}\n({name})", fontsize=8, color="black" if guess == name else "red"
                )
            else:
                ax.set_title(name, fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def _name(label, class_names) -> str:
    label = int(np.asarray(label).reshape(-1)[0])
    return class_names[label] if class_names is not None else str(label)


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
        ax.plot(frame.index, frame[metric], "o-", label="training")
        if f"val_{metric}" in frame:
            ax.plot(frame.index, frame[f"val_{metric}"], "s--", label="validation")
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
    for name, history in histories.items():
        frame = history_frame(history)
        ax.plot(frame.index, frame[metric], "o-", label=name)
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(metric.replace("_", " "))
    ax.legend()
    ax.set_title(title or metric.replace("_", " "))
    fig.tight_layout()
    plt.show()


def class_counts(labels, class_names) -> pd.Series:
    """How many images each class has, as a Series indexed by class name."""
    counts = np.bincount(np.asarray(labels).reshape(-1), minlength=len(class_names))
    return pd.Series(counts, index=class_names, name="images")


def plot_pixel_histograms(images, bins: int = 32, title: str | None = None):
    """Histogram of the pixel values of ``images``, one line per colour channel.

    Works for ``uint8`` images (0 to 255) and for scaled floats (0 to 1) alike; greyscale
    images get one grey line.
    """
    images = np.asarray(images)
    channels = images.shape[-1]
    names, colours = (("red", "green", "blue"), ("tab:red", "tab:green", "tab:blue"))
    if channels != 3:
        names, colours = ("grey",) * channels, ("black",) * channels
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
            color=colours[c],
            label=names[c],
        )
    ax.set_xlabel("pixel value")
    ax.set_ylabel("number of pixels")
    ax.legend()
    ax.set_title(title or "pixel values")
    fig.tight_layout()
    plt.show()
