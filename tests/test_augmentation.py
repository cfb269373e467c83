"""Tests of p2p.augmentation: the augmenter, the grid of versions and the explorer."""

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


def test_show_augmented_grid_has_a_row_per_image():
    import matplotlib.pyplot as plt

    augment = augmentation.build_augmenter()
    augmentation.show_augmented(
        _images(2), augment, versions=3, labels=[0, 1], class_names=["cat", "dog"]
    )
    axes = plt.gcf().axes
    assert len(axes) == 2 * 4
    assert axes[0].get_ylabel() == "cat" and axes[4].get_ylabel() == "dog"
    # every version is drawn on the same 0..1 scale as the original (none goes black)
    originals = [np.asarray(axes[i].images[0].get_array()) for i in (0, 4)]
    for ax in axes:
        shown = np.asarray(ax.images[0].get_array())
        assert 0.0 <= shown.min() and shown.max() <= 1.0
        assert abs(shown.mean() - originals[0 if ax in axes[:4] else 1].mean()) < 0.25
    augmentation.show_augmented(_images(1, channels=1), augment, versions=2)
    assert len(plt.gcf().axes) == 3


def test_explorer_redraws_when_a_slider_moves(monkeypatch):
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    titles = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: titles.append(plt.gcf()._suptitle.get_text()))
    box = augmentation.augmentation_explorer(_images(2), versions=2)
    assert isinstance(box, widgets.VBox)
    controls = box.children[0].children[0].children
    output = box.children[1]
    names = [c.description for c in controls]
    assert names == ["flip", "translation", "rotation", "zoom", "contrast"]
    assert isinstance(output, widgets.Output)
    drawn = len(titles)
    controls[2].value = 0.25
    assert len(titles) == drawn + 1  # the grid was drawn again for the new strength
    assert "rotate ±90°" in titles[-1]
