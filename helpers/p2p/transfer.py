"""Plumbing of notebook 07's ImageNet route: can the pretrained weights be had?

A ``keras.applications`` model such as MobileNetV2 has learned its filters on the
1.3 million photos of ImageNet. Its weights are a download (about 9 MB for MobileNetV2
without its classification head). The notebook builds the network itself with
``keras.applications``; :func:`imagenet_weights` only finds the weights file, in the
Keras cache or by downloading it into that cache, and says in one line when it cannot.
"""

from __future__ import annotations

from pathlib import Path

from .data import network_available
from .paths import keras_models_dir

WEIGHTS_HOST = "storage.googleapis.com"
"""The host that serves the ImageNet weights of ``keras.applications``."""

WEIGHTS_URL = f"https://{WEIGHTS_HOST}/tensorflow/keras-applications/mobilenet_v2/"
"""Where ``keras.applications.MobileNetV2`` downloads its weights from."""

MOBILENET_V2_FILE = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{alpha}_{size}_no_top.h5"
MOBILENET_V2_SIZES = (96, 128, 160, 192, 224)


def weights_file(size: int = 96, alpha: float = 1.0) -> Path:
    """Where the ImageNet weights of MobileNetV2 (no top) for ``size`` are cached."""
    if size not in MOBILENET_V2_SIZES:
        raise ValueError(f"size must be one of {MOBILENET_V2_SIZES}, got {size}.")
    return keras_models_dir() / MOBILENET_V2_FILE.format(alpha=float(alpha), size=size)


def imagenet_weights(size: int = 96, alpha: float = 1.0) -> Path | None:
    """The file of MobileNetV2's ImageNet weights without its head, or None.

    Pass the result to ``keras.applications.MobileNetV2(..., include_top=False,
    weights=path)``.

    Args:
        size: the square input size in pixels; one of 96, 128, 160, 192, 224.
        alpha: the width multiplier of MobileNetV2 (1.0 is the standard network).

    Returns:
        The cached file (downloaded first if needed), or None, with one printed line,
        when it is neither cached nor downloadable.
    """
    path = weights_file(size, alpha)
    if path.is_file():
        return path
    if not network_available(host=WEIGHTS_HOST):
        print(
            "No network and no cached copy of the pretrained MobileNetV2 weights: "
            "skipping transfer learning here (run this cell again when you are online)."
        )
        return None
    import keras

    path.parent.mkdir(parents=True, exist_ok=True)  # else Keras falls back to /tmp/.keras
    try:
        fetched = keras.utils.get_file(
            path.name,
            origin=WEIGHTS_URL + path.name,
            cache_dir=str(path.parent.parent),
            cache_subdir=path.parent.name,
        )
    except Exception as error:  # keras raises a bare Exception for failed downloads
        print(f"The pretrained weights could not be downloaded ({error}); skipping this step.")
        return None
    return Path(fetched)
