"""Unit tests of p2p.convolution: kernels, the sample photo, to_grey and fast_convolve."""

from __future__ import annotations

import numpy as np

from p2p import convolution


def _by_hand(image, kernel):
    k = kernel.shape[0]
    out = np.zeros((image.shape[0] - k + 1, image.shape[1] - k + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + k, j : j + k] * kernel)
    return out


def test_fast_convolve_equals_the_loop_and_keras():
    import keras

    rng = np.random.default_rng(0)
    image = rng.random((9, 11)).astype("float32")
    kernel = np.array(convolution.KERNELS["vertical edges"], dtype="float32")
    fast = convolution.fast_convolve(image, kernel)
    assert fast.shape == (7, 9)
    np.testing.assert_allclose(fast, _by_hand(image, kernel), atol=1e-5)
    conv = keras.layers.Conv2D(1, 3, use_bias=False)
    conv.build((None, 9, 11, 1))
    conv.set_weights([kernel.reshape(3, 3, 1, 1)])
    by_keras = conv(image.reshape(1, 9, 11, 1)).numpy()[0, :, :, 0]
    np.testing.assert_allclose(fast, by_keras, atol=1e-5)


def test_kernels_are_3x3_and_blur_keeps_brightness():
    for name, kernel in convolution.KERNELS.items():
        assert np.asarray(kernel).shape == (3, 3), name
    flat = np.full((5, 5), 0.7)
    np.testing.assert_allclose(
        convolution.fast_convolve(flat, convolution.KERNELS["blur"]), 0.7, atol=1e-6
    )
    np.testing.assert_allclose(
        convolution.fast_convolve(flat, convolution.KERNELS["vertical edges"]), 0.0, atol=1e-6
    )


def test_sample_photo_is_a_real_grey_image():
    photo = convolution.sample_photo(size=(60, 40))
    assert photo.shape == (40, 60)
    assert photo.dtype == np.float32
    assert 0.0 <= photo.min() < photo.max() <= 1.0
    assert photo.std() > 0.05  # not a flat placeholder
    colour = convolution.sample_photo(size=(60, 40), grey=False)
    assert colour.shape == (40, 60, 3)


def test_to_grey_handles_uint8_colour_and_single_channel():
    rgb = np.zeros((4, 4, 3), dtype=np.uint8)
    rgb[..., 0] = 255
    grey = convolution.to_grey(rgb)
    assert grey.shape == (4, 4)
    np.testing.assert_allclose(grey, 0.299, atol=1e-3)
    single = np.full((4, 4, 1), 0.5, dtype=np.float32)
    np.testing.assert_allclose(convolution.to_grey(single), 0.5)
