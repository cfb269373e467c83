"""Helpers of notebook 05: kernels, feature maps, learned filters, image folders.

The notebook computes convolutions itself (by hand in NumPy, then with ``Conv2D``);
this module holds the plumbing around them: a real photo to work on, a few classic
kernels, the figures, the interactive kernel explorer and the writer that puts a
subset of a data set on disk as one folder of image files per class.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

KERNELS = {
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "vertical edges": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "horizontal edges": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "outline": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
    "blur": [[1 / 9, 1 / 9, 1 / 9], [1 / 9, 1 / 9, 1 / 9], [1 / 9, 1 / 9, 1 / 9]],
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "emboss": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
}
"""Classic 3x3 kernels by name (lists of rows); ``np.array(KERNELS["blur"])`` gives one."""


def sample_photo(size: tuple[int, int] = (240, 160), grey: bool = True) -> np.ndarray:
    """A real photo that needs no download: scikit-learn's bundled picture of a temple.

    Args:
        size: ``(width, height)`` in pixels to resize it to (small is fast).
        grey: True for one brightness channel, ``(height, width)``; False for RGB,
            ``(height, width, 3)``.

    Returns:
        ``float32`` values between 0 and 1.
    """
    from PIL import Image
    from sklearn.datasets import load_sample_image

    image = Image.fromarray(load_sample_image("china.jpg"))
    if grey:
        image = image.convert("L")
    image = image.resize(size, Image.Resampling.LANCZOS)
    return np.asarray(image, dtype=np.float32) / 255.0


def to_grey(image) -> np.ndarray:
    """One brightness channel of an image, ``(height, width)`` floats in [0, 1]."""
    image = np.asarray(image, dtype=np.float32)
    if image.max() > 1.0:
        image = image / 255.0
    if image.ndim == 3:
        if image.shape[-1] == 1:
            return image[..., 0]
        return image[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return image


def fast_convolve(image, kernel) -> np.ndarray:
    """The same sum as a by-hand loop ("valid" padding, stride 1), vectorised with NumPy.

    Used by the explorer, which must redraw quickly. Like Keras' ``Conv2D``, the
    kernel is not flipped (strictly speaking this is a cross-correlation).
    """
    from numpy.lib.stride_tricks import sliding_window_view

    kernel = np.asarray(kernel, dtype=np.float32)
    windows = sliding_window_view(np.asarray(image, dtype=np.float32), kernel.shape)
    return np.einsum("ijkl,kl->ij", windows, kernel)


def _brightness_kernel(kernel) -> bool:
    """True for kernels whose weights add up to 1 (blur, sharpen): their maps are images."""
    return kernel is not None and bool(np.isclose(np.sum(kernel), 1.0))


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
    rows = int(np.ceil(count / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.1 * columns, 1.2 * rows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= count:
            continue
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
    rows = int(np.ceil(n / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.2 * columns, 1.3 * rows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(maps[..., i], cmap="viridis")
            ax.set_title(str(i), fontsize=8)
    fig.suptitle(
        f"{title} ({maps.shape[0]}x{maps.shape[1]}, first {n} of {maps.shape[-1]} channels)"
    )
    fig.tight_layout()
    plt.show()


def kernel_explorer(image=None, kernels: dict | None = None):
    """An interactive kernel explorer: pick or edit a 3x3 kernel, see the feature map.

    A drop-down picks one of the classic kernels and fills in the nine boxes; edit any
    box to make your own kernel. The figure shows the photo, the kernel and the
    feature map (the kernel slid over the photo, "valid" padding), redrawn at once.

    Args:
        image: a real image (grey or colour); by default :func:`sample_photo`.
        kernels: name -> 3x3 kernel for the drop-down; by default :data:`KERNELS`.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    image = to_grey(sample_photo() if image is None else image)
    kernels = kernels or KERNELS
    choice = widgets.Dropdown(options=list(kernels), value="vertical edges", description="kernel")
    boxes = [
        widgets.FloatText(value=0.0, step=0.5, layout=widgets.Layout(width="70px"))
        for _ in range(9)
    ]
    relu = widgets.Checkbox(value=False, description="apply ReLU (keep positives)")
    busy = {"filling": False}

    def fill(change=None):
        busy["filling"] = True
        for box, value in zip(boxes, np.asarray(kernels[choice.value], float).ravel(), strict=True):
            box.value = round(float(value), 3)
        busy["filling"] = False
        redraw()

    output = widgets.Output()

    def redraw(change=None):
        if busy["filling"]:
            return
        kernel = np.array([box.value for box in boxes], dtype=np.float32).reshape(3, 3)
        fmap = fast_convolve(image, kernel)
        if relu.value:
            fmap = np.maximum(fmap, 0.0)
        with output:
            output.clear_output(wait=True)
            fig, axes = plt.subplots(
                1, 3, figsize=(10, 3.4), gridspec_kw={"width_ratios": [3, 1.2, 3]}
            )
            _show_map(axes[0], image, f"photo {image.shape[0]}x{image.shape[1]}")
            show_numbers(kernel, "kernel", ax=axes[1], fmt="{:.2g}")
            _show_map(
                axes[2],
                fmap,
                f"feature map {fmap.shape[0]}x{fmap.shape[1]}\n"
                f"values {fmap.min():.2f} to {fmap.max():.2f}",
                as_image=_brightness_kernel(kernel),
            )
            fig.tight_layout()
            plt.show()

    choice.observe(fill, names="value")
    for widget in [*boxes, relu]:
        widget.observe(redraw, names="value")
    grid = widgets.GridBox(boxes, layout=widgets.Layout(grid_template_columns="repeat(3, 76px)"))
    fill()
    return widgets.VBox([widgets.HBox([widgets.VBox([choice, relu]), grid]), output])


def write_class_folders(
    splits: dict,
    class_names,
    classes,
    root: Path | str,
    image_format: str = "png",
) -> Path:
    """Write a subset of a data set to disk as one folder of image files per class.

    For each split (such as ``"train"``) and each chosen class, the images of that
    class go to ``root/<split>/<class>/<split>_<class>_00000.png``, ... The folder
    ``root`` is emptied first, so the counts on disk always match the arrays.

    Args:
        splits: split name -> ``(images, labels)`` with ``uint8`` images and integer labels.
        class_names: the names of all classes of the data set (label -> name).
        classes: the class names to write (for example two of them for a binary task).
        root: the folder to write into (for example ``p2p.work_dir("folders") / "two_classes"``).
        image_format: ``"png"`` (lossless, default) or ``"jpg"``.

    Returns:
        The root folder. A table of the counts is printed.
    """
    import pandas as pd
    from PIL import Image

    root = Path(root)
    class_names = list(class_names)
    missing = [c for c in classes if c not in class_names]
    if missing:
        raise ValueError(f"Unknown classes {missing}; the data set has {class_names}.")
    if root.exists():
        shutil.rmtree(root)
    counts = {}
    for split, (images, labels) in splits.items():
        labels = np.asarray(labels).reshape(-1)
        counts[split] = {}
        for name in classes:
            folder = root / split / _safe(name)
            folder.mkdir(parents=True, exist_ok=True)
            chosen = np.flatnonzero(labels == class_names.index(name))
            for i, index in enumerate(chosen):
                pixels = np.asarray(images[index], dtype=np.uint8)
                if pixels.ndim == 3 and pixels.shape[-1] == 1:
                    pixels = pixels[..., 0]
                Image.fromarray(pixels).save(
                    folder / f"{split}_{_safe(name)}_{i:05d}.{image_format}"
                )
            counts[split][_safe(name)] = len(chosen)
    print(f"Wrote images to {root}:")
    print(pd.DataFrame(counts).to_string())
    return root


def _safe(name: str) -> str:
    """A class name usable as a folder name (``T-shirt/top`` -> ``T-shirt_top``)."""
    return str(name).replace("/", "_").replace("\\", "_").replace(" ", "_")
