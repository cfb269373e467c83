"""Unit tests of p2p.augmentation: the augmenter and the augmented versions it makes."""

from __future__ import annotations

import numpy as np

from p2p import augmentation


def _images(n=3, channels=3):
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (n, 16, 16, channels), dtype=np.uint8)


def test_build_augmenter_leaves_out_zero_strengths():
    import keras

    full = augmentation.build_augmenter()
    kinds = [type(layer).__name__ for layer in full.layers]
    assert kinds == [
        "RandomFlip",
        "RandomTranslation",
        "RandomRotation",
        "RandomZoom",
        "RandomContrast",
    ]
    only_flip = augmentation.build_augmenter("vertical", 0, 0, 0, 0)
    assert [type(layer).__name__ for layer in only_flip.layers] == ["RandomFlip"]
    assert only_flip.layers[0].mode == "vertical"
    nothing = augmentation.build_augmenter("none", 0, 0, 0, 0)
    batch = _images().astype("float32") / 255
    np.testing.assert_allclose(keras.ops.convert_to_numpy(nothing(batch, training=True)), batch)


def test_augmented_versions_change_images_but_keep_shape_and_range():
    batch = _images()  # raw uint8 pixels, as the notebook's augmentation receives them
    augment = augmentation.build_augmenter(translation=0.2, rotation=0.1)
    copies = augmentation.augmented_versions(batch, augment, versions=4)
    assert copies.shape == (4, 3, 16, 16, 3)
    assert not np.allclose(copies[0], batch)
    assert not np.allclose(copies[0], copies[1])  # each version differs
    assert copies.min() >= -1 and copies.max() <= 256  # interpolation may overshoot a hair


def test_augmented_versions_leave_the_global_seeds_alone():
    import keras

    keras.utils.set_random_seed(7)
    expected = np.random.random()
    keras.utils.set_random_seed(7)
    augmentation.augmented_versions(_images(), augmentation.build_augmenter(), versions=2)
    assert np.random.random() == expected  # NumPy's global generator was not reset


def test_contrast_uses_the_given_value_range():
    raw = augmentation.build_augmenter("none", 0, 0, 0, 0.5)
    scaled = augmentation.build_augmenter("none", 0, 0, 0, 0.5, value_range=(0, 1))
    assert tuple(raw.layers[0].value_range) == (0, 255)
    assert tuple(scaled.layers[0].value_range) == (0, 1)


def test_augmentation_is_off_at_inference():
    batch = _images().astype("float32") / 255
    augment = augmentation.build_augmenter(translation=0.3, rotation=0.2)
    import keras

    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(augment(batch, training=False)), batch, atol=1e-6
    )
