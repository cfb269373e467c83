"""Convolution's plumbing for notebook 05: a real photo to work on, classic kernels and a
fast convolution for the kernel explorer.

The notebook computes convolutions itself, by hand in NumPy (its ``convolve``, kept in
:mod:`p2p.lessons`) and then with ``Conv2D``. The figures are in :mod:`p2p.plots`, the
explorer in :mod:`p2p.widgets`.
"""

from __future__ import annotations

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
    """The lesson's ``convolve`` ("valid" padding, stride 1), vectorised with NumPy.

    Used by the explorer, which must redraw quickly. Like Keras' ``Conv2D``, the
    kernel is not flipped (strictly speaking this is a cross-correlation).
    """
    from numpy.lib.stride_tricks import sliding_window_view

    kernel = np.asarray(kernel, dtype=np.float32)
    windows = sliding_window_view(np.asarray(image, dtype=np.float32), kernel.shape)
    return np.einsum("ijkl,kl->ij", windows, kernel)
