"""Tests of p2p.convolution: kernels, the folder writer, figures and the kernel explorer."""

from __future__ import annotations

import numpy as np
import pytest

from p2p import convolution
from p2p.data import list_image_files, read_images


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


def _toy_split(n, rng, channels=3):
    images = rng.integers(0, 256, (n, 8, 8, channels), dtype=np.uint8)
    labels = np.arange(n) % 3  # classes 0, 1, 2 in turn
    return images, labels


def test_write_class_folders_counts_and_round_trip(tmp_path):
    rng = np.random.default_rng(1)
    train, val = _toy_split(12, rng), _toy_split(6, rng)
    names = ["cat", "dog", "T-shirt/top"]
    root = convolution.write_class_folders(
        {"train": train, "validation": val}, names, ["dog", "T-shirt/top"], tmp_path / "pair"
    )
    assert sorted(p.name for p in (root / "train").iterdir()) == ["T-shirt_top", "dog"]
    assert len(list((root / "train" / "dog").iterdir())) == 4
    assert len(list((root / "validation" / "T-shirt_top").iterdir())) == 2
    assert not (root / "train" / "cat").exists()
    # the images read back from disk equal the arrays, in order (PNG is lossless)
    paths, labels, classes = list_image_files(root / "train", ["dog", "T-shirt_top"])
    back = read_images(paths)
    expected = np.concatenate([train[0][train[1] == 1], train[0][train[1] == 2]])
    np.testing.assert_array_equal(back, expected)
    np.testing.assert_array_equal(labels, [0] * 4 + [1] * 4)


def test_write_class_folders_empties_old_files_and_handles_greyscale(tmp_path):
    rng = np.random.default_rng(2)
    grey = _toy_split(9, rng, channels=1)
    root = tmp_path / "pair"
    (root / "train" / "a").mkdir(parents=True)
    (root / "train" / "a" / "stale.png").write_bytes(b"old")
    convolution.write_class_folders({"train": grey}, ["a", "b", "c"], ["a", "b"], root)
    files = sorted(p.name for p in (root / "train" / "a").iterdir())
    assert "stale.png" not in files and len(files) == 3
    back = read_images(sorted((root / "train" / "b").iterdir()), mode="L")
    np.testing.assert_array_equal(back, grey[0][grey[1] == 1])


def test_write_class_folders_rejects_unknown_classes(tmp_path):
    rng = np.random.default_rng(3)
    with pytest.raises(ValueError, match="horse"):
        convolution.write_class_folders(
            {"train": _toy_split(3, rng)}, ["a", "b", "c"], ["a", "horse"], tmp_path / "x"
        )


def test_image_dataset_from_directory_reads_the_folders(tmp_path):
    import keras

    rng = np.random.default_rng(4)
    root = convolution.write_class_folders(
        {"train": _toy_split(12, rng)}, ["a", "b", "c"], ["a", "c"], tmp_path / "pair"
    )
    ds = keras.utils.image_dataset_from_directory(
        root / "train", label_mode="binary", image_size=(8, 8), batch_size=32, shuffle=False
    )
    assert ds.class_names == ["a", "c"]
    images, labels = next(iter(ds))
    assert images.shape == (8, 8, 8, 3)
    assert labels.numpy().ravel().tolist() == [0.0] * 4 + [1.0] * 4


def test_figures_build(monkeypatch):
    import keras
    import matplotlib.pyplot as plt

    image = convolution.sample_photo(size=(30, 20))
    maps = {"blur": convolution.fast_convolve(image, convolution.KERNELS["blur"])}
    convolution.show_kernel_maps(image, maps, convolution.KERNELS)
    assert len(plt.gcf().axes) == 2
    convolution.show_numbers(np.eye(3), "kernel")
    conv = keras.layers.Conv2D(10, 3)
    conv.build((None, 8, 8, 3))
    convolution.show_filters(conv, columns=4)
    assert sum(ax.has_data() for ax in plt.gcf().axes) == 10
    convolution.show_feature_maps(np.random.default_rng(0).random((1, 6, 6, 5)), "maps")
    assert sum(ax.has_data() for ax in plt.gcf().axes) == 5


def test_kernel_explorer_redraws_when_a_control_moves(monkeypatch):
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    drawn = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: drawn.append(plt.gcf().axes[2].get_title()))
    box = convolution.kernel_explorer(convolution.sample_photo(size=(40, 30)))
    assert isinstance(box, widgets.VBox)
    controls, output = box.children
    choice = controls.children[0].children[0]
    grid = controls.children[1]
    assert isinstance(choice, widgets.Dropdown)
    before = [b.value for b in grid.children]
    assert before == [-1.0, 0.0, 1.0, -2.0, 0.0, 2.0, -1.0, 0.0, 1.0]
    assert isinstance(output, widgets.Output)
    assert len(drawn) == 1
    choice.value = "blur"
    assert [round(b.value, 3) for b in grid.children] == [0.111] * 9
    assert len(drawn) == 2  # one redraw for the new kernel, not one per box
    assert "values 0." in drawn[-1]  # a blur of a photo stays between 0 and 1
    grid.children[4].value = 3.0  # editing one box redraws too
    assert len(drawn) == 3 and drawn[-1] != drawn[-2]
