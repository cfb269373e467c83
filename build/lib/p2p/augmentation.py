"""Data augmentation for notebook 06: an augmenter built from strengths, and its output.

The notebook builds its own augmentation layers (``keras.layers.RandomFlip`` and
friends); :func:`build_augmenter` builds the same from a few strengths for the explorer
in :mod:`p2p.widgets`, and :func:`augmented_versions` applies one to real images (drawn
by :func:`p2p.plots.show_augmented`).
"""

from __future__ import annotations

import numpy as np


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
