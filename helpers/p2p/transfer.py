"""Helpers of notebook 06's next step: transfer learning from a pretrained network.

A ``keras.applications`` model such as MobileNetV2 has learned its filters on the
1.3 million photos of ImageNet. Its weights are a download (about 9 MB for
MobileNetV2 without its classification head), so :func:`pretrained_base` only builds
it when the weights are already in the Keras cache or the download host is reachable;
otherwise it says so in one line and returns None.
"""

from __future__ import annotations

import os
from pathlib import Path

from .data import network_available

WEIGHTS_HOST = "storage.googleapis.com"
"""The host that serves the ImageNet weights of ``keras.applications``."""

MOBILENET_V2_FILE = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{alpha}_{size}_no_top.h5"
MOBILENET_V2_SIZES = (96, 128, 160, 192, 224)


def keras_models_cache() -> Path:
    """The folder where Keras caches downloaded model weights (``$KERAS_HOME/models``)."""
    keras_home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(keras_home) / "models"


def weights_cached(size: int = 96, alpha: float = 1.0) -> bool:
    """True when MobileNetV2's ImageNet weights (no top) for ``size`` are in the cache."""
    name = MOBILENET_V2_FILE.format(alpha=float(alpha), size=size)
    return (keras_models_cache() / name).is_file()


def pretrained_base(size: int = 96, alpha: float = 1.0, trainable: bool = False):
    """MobileNetV2 pretrained on ImageNet, without its classification head, or None.

    Args:
        size: the square input size in pixels; one of 96, 128, 160, 192, 224. Small
            images (such as CIFAR-10's 32x32) must be resized up to it first.
        alpha: the width multiplier of MobileNetV2 (1.0 is the standard network).
        trainable: False freezes the pretrained weights (feature extraction).

    Returns:
        The base model (input ``(size, size, 3)`` with pixels scaled to [-1, 1], output
        a grid of features), or None with one printed line when the weights are neither
        cached nor downloadable.
    """
    if size not in MOBILENET_V2_SIZES:
        raise ValueError(f"size must be one of {MOBILENET_V2_SIZES}, got {size}.")
    if not weights_cached(size, alpha) and not network_available(host=WEIGHTS_HOST):
        print(
            "No network and no cached copy of the pretrained MobileNetV2 weights: "
            "skipping transfer learning here (run this cell again when you are online)."
        )
        return None
    import keras

    try:
        base = keras.applications.MobileNetV2(
            input_tensor=keras.Input(shape=(size, size, 3)),
            alpha=alpha,
            include_top=False,
            weights="imagenet",
        )
    except Exception as error:  # keras raises a bare Exception for failed downloads
        print(f"The pretrained weights could not be downloaded ({error}); skipping this step.")
        return None
    base.trainable = trainable
    return base
