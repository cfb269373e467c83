"""Helpers of notebook 06: pictures of data augmentation and an explorer of its strengths.

The notebook builds its own augmentation layers (``keras.layers.RandomFlip`` and
friends); these functions only show what they do to real images.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np


def _as_display(image, scale: float = 1.0) -> np.ndarray:
    """A [0, 1] float image ready for ``imshow``: divided by ``scale``, clipped
    (interpolation can overshoot a hair), and greyscale images without their channel axis."""
    image = np.clip(np.asarray(image, dtype=np.float32) / scale, 0.0, 1.0)
    return image[..., 0] if image.shape[-1] == 1 else image


def augmented_versions(images, augment, versions: int = 5) -> np.ndarray:
    """``versions`` random augmentations of every image: shape ``(versions, n, h, w, c)``.

    ``augment`` is a layer or model (such as a ``keras.Sequential`` of preprocessing
    layers); it is called with ``training=True`` so that it changes the images. The
    images are passed on at their own scale (``uint8`` images as floats from 0 to 255).
    The random numbers come from the layers' own generators and the global seeds are
    left alone, so every call gives new versions.
    """
    import keras

    batch = np.asarray(images, dtype=np.float32)
    out = [keras.ops.convert_to_numpy(augment(batch, training=True)) for _ in range(versions)]
    return np.stack(out)


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
            label = int(np.asarray(labels[row]).reshape(-1)[0])
            name = class_names[label] if class_names is not None else str(label)
            axes[row, 0].set_ylabel(name, fontsize=9)
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


def build_augmenter(
    flip: str = "horizontal",
    translation: float = 0.1,
    rotation: float = 0.05,
    zoom: float = 0.1,
    contrast: float = 0.2,
    seed: int | None = None,
    value_range: tuple[float, float] = (0, 255),
):
    """A ``keras.Sequential`` of the five augmentation layers of notebook 06.

    A strength of 0 (or ``flip="none"``) leaves that layer out.

    Args:
        flip: ``"none"``, ``"horizontal"``, ``"vertical"`` or ``"horizontal_and_vertical"``.
        translation: largest shift, as a fraction of the height and width.
        rotation: largest rotation, as a fraction of a full turn (0.05 = 18 degrees).
        zoom: largest zoom in or out, as a fraction of the size.
        contrast: largest contrast change, as a fraction.
        seed: optional seed for every layer (None: each layer draws its own).
        value_range: the scale of the pixels the layers receive: ``(0, 255)`` for raw
            images (as in notebook 06, where augmentation comes before ``Rescaling``),
            ``(0, 1)`` for scaled ones. Only ``RandomContrast`` needs to know it.
    """
    import keras

    layers = []
    if flip != "none":
        layers.append(keras.layers.RandomFlip(flip, seed=seed))
    if translation > 0:
        layers.append(keras.layers.RandomTranslation(translation, translation, seed=seed))
    if rotation > 0:
        layers.append(keras.layers.RandomRotation(rotation, seed=seed))
    if zoom > 0:
        layers.append(keras.layers.RandomZoom(zoom, seed=seed))
    if contrast > 0:
        layers.append(keras.layers.RandomContrast(contrast, value_range=value_range, seed=seed))
    if not layers:
        layers.append(keras.layers.Identity())
    return keras.Sequential(layers, name="augmentation")


def augmentation_explorer(images, versions: int = 5):
    """Sliders for the strength of each augmentation; the grid of augmented images redraws.

    Args:
        images: two to four real images ``(n, height, width, channels)``.
        versions: augmented copies per image.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    images = np.asarray(images)[:4]
    value_range = (0, 255) if images.dtype == np.uint8 else (0, 1)  # for RandomContrast
    style = {"description_width": "90px"}
    controls = {
        "flip": widgets.Dropdown(
            options=["none", "horizontal", "vertical", "horizontal_and_vertical"],
            value="horizontal",
            description="flip",
            style=style,
        ),
        "translation": widgets.FloatSlider(
            value=0.1, min=0, max=0.5, step=0.05, description="translation", style=style
        ),
        "rotation": widgets.FloatSlider(
            value=0.05, min=0, max=0.5, step=0.025, description="rotation", style=style
        ),
        "zoom": widgets.FloatSlider(
            value=0.1, min=0, max=0.5, step=0.05, description="zoom", style=style
        ),
        "contrast": widgets.FloatSlider(
            value=0.2, min=0, max=0.9, step=0.1, description="contrast", style=style
        ),
    }

    def draw(flip, translation, rotation, zoom, contrast):
        augment = build_augmenter(
            flip, translation, rotation, zoom, contrast, value_range=value_range
        )
        turn = f"±{rotation * 360:.0f}°"
        show_augmented(
            images,
            augment,
            versions,
            title=f"flip {flip}, shift ±{translation:.0%}, rotate {turn}, "
            f"zoom ±{zoom:.0%}, contrast ±{contrast:.0%}",
        )

    output = widgets.interactive_output(draw, controls)
    return widgets.VBox([widgets.HBox([widgets.VBox(list(controls.values()))]), output])
