"""Unit tests of p2p.folders: reading and writing data sets as folders of image files."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from p2p import folders
from p2p.errors import CourseDataError


def _png(path, colour=(10, 20, 30), size=(4, 4)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


def _toy_split(n, rng, channels=3):
    images = rng.integers(0, 256, (n, 8, 8, channels), dtype=np.uint8)
    labels = np.arange(n) % 3  # classes 0, 1, 2 in turn
    return images, labels


# ------------------------------------------------------------------------------ reading


def test_list_image_files_labels_classes_in_sorted_order(tmp_path):
    _png(tmp_path / "dog" / "b.png")
    _png(tmp_path / "cat" / "a.png")
    _png(tmp_path / "cat" / "c.JPG")  # suffixes count whatever their case
    paths, labels, classes = folders.list_image_files(tmp_path)
    assert classes == ["cat", "dog"]
    assert [p.name for p in paths] == ["a.png", "c.JPG", "b.png"]
    np.testing.assert_array_equal(labels, [0, 0, 1])
    # a given order of classes decides the labels
    paths, labels, classes = folders.list_image_files(tmp_path, ["dog", "cat"])
    assert classes == ["dog", "cat"]
    assert [p.name for p in paths] == ["b.png", "a.png", "c.JPG"]
    np.testing.assert_array_equal(labels, [0, 1, 1])


def test_list_image_files_skips_hidden_files_and_folders(tmp_path):
    _png(tmp_path / "cat" / "a.png")
    (tmp_path / "cat" / ".DS_Store").write_bytes(b"\0\1")
    _png(tmp_path / ".ipynb_checkpoints" / "x.png")
    paths, labels, classes = folders.list_image_files(tmp_path)
    assert classes == ["cat"]
    assert [p.name for p in paths] == ["a.png"]
    assert labels.tolist() == [0]


def test_list_image_files_names_a_file_that_is_not_an_image(tmp_path):
    _png(tmp_path / "cat" / "a.png")
    (tmp_path / "cat" / "notes.txt").write_text("not a picture")
    with pytest.raises(CourseDataError, match="notes.txt is not an image") as error:
        folders.list_image_files(tmp_path)
    assert "'cat'" in str(error.value)


def test_list_image_files_explains_missing_folders(tmp_path):
    with pytest.raises(CourseDataError, match="does not exist"):
        folders.list_image_files(tmp_path / "nowhere")
    _png(tmp_path / "cat" / "a.png")
    with pytest.raises(CourseDataError, match="dog is missing"):
        folders.list_image_files(tmp_path, ["cat", "dog"])


def test_image_suffixes_are_lower_case_with_a_dot():
    assert {".png", ".jpg", ".jpeg"} <= folders.IMAGE_SUFFIXES
    assert all(s.startswith(".") and s == s.lower() for s in folders.IMAGE_SUFFIXES)


def test_read_images_stacks_pixels_in_order(tmp_path):
    first = _png(tmp_path / "a.png", (255, 0, 0))
    second = _png(tmp_path / "b.png", (0, 0, 255))
    images = folders.read_images([second, first])
    assert images.shape == (2, 4, 4, 3) and images.dtype == np.uint8
    assert images[0, 0, 0].tolist() == [0, 0, 255]
    assert images[1, 0, 0].tolist() == [255, 0, 0]
    grey = folders.read_images([first], mode="L")
    assert grey.shape == (1, 4, 4, 1)  # greyscale keeps a channel axis


def test_read_images_names_a_corrupt_file(tmp_path):
    good = _png(tmp_path / "good.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG truncated")
    with pytest.raises(CourseDataError, match="bad.png could not be read"):
        folders.read_images([good, bad])


def test_read_images_refuses_mixed_sizes_unless_given_a_size(tmp_path):
    small = _png(tmp_path / "small.png", size=(4, 4))
    wide = _png(tmp_path / "wide.png", size=(6, 4))
    with pytest.raises(CourseDataError, match="wide.png is 6x4 pixels"):
        folders.read_images([small, wide])
    assert folders.read_images([small, wide], size=(5, 5)).shape == (2, 5, 5, 3)


def test_read_images_of_nothing_is_explained():
    with pytest.raises(CourseDataError, match="No images"):
        folders.read_images([])


# ------------------------------------------------------------------------------ writing


def test_write_class_folders_counts_and_round_trip(tmp_path):
    rng = np.random.default_rng(1)
    train, val = _toy_split(12, rng), _toy_split(6, rng)
    names = ["cat", "dog", "T-shirt/top"]
    root = folders.write_class_folders(
        {"train": train, "validation": val}, names, ["dog", "T-shirt/top"], tmp_path / "pair"
    )
    assert sorted(p.name for p in (root / "train").iterdir()) == ["T-shirt_top", "dog"]
    assert len(list((root / "train" / "dog").iterdir())) == 4
    assert len(list((root / "validation" / "T-shirt_top").iterdir())) == 2
    assert not (root / "train" / "cat").exists()
    # the images read back from disk equal the arrays, in order (PNG is lossless)
    paths, labels, classes = folders.list_image_files(root / "train", ["dog", "T-shirt_top"])
    back = folders.read_images(paths)
    expected = np.concatenate([train[0][train[1] == 1], train[0][train[1] == 2]])
    np.testing.assert_array_equal(back, expected)
    np.testing.assert_array_equal(labels, [0] * 4 + [1] * 4)


def test_write_class_folders_round_trips_labels_with_the_sorted_classes(tmp_path):
    rng = np.random.default_rng(5)
    val = _toy_split(9, rng)
    root = folders.write_class_folders(
        {"validation": val}, ["a", "b", "c"], ["a", "b", "c"], tmp_path
    )
    paths, labels, classes = folders.list_image_files(root / "validation")
    assert classes == ["a", "b", "c"]
    order = np.argsort(val[1], kind="stable")  # files come class by class, in data order
    np.testing.assert_array_equal(folders.read_images(paths), val[0][order])
    np.testing.assert_array_equal(labels, val[1][order])


def test_write_class_folders_empties_old_files_and_handles_greyscale(tmp_path):
    rng = np.random.default_rng(2)
    grey = _toy_split(9, rng, channels=1)
    root = tmp_path / "pair"
    (root / "train" / "a").mkdir(parents=True)
    (root / "train" / "a" / "stale.png").write_bytes(b"old")
    folders.write_class_folders({"train": grey}, ["a", "b", "c"], ["a", "b"], root)
    files = sorted(p.name for p in (root / "train" / "a").iterdir())
    assert "stale.png" not in files and len(files) == 3
    back = folders.read_images(sorted((root / "train" / "b").iterdir()), mode="L")
    np.testing.assert_array_equal(back, grey[0][grey[1] == 1])


def test_write_class_folders_removes_folders_of_classes_no_longer_chosen(tmp_path):
    rng = np.random.default_rng(6)
    split = {"train": _toy_split(6, rng)}
    folders.write_class_folders(split, ["a", "b", "c"], ["a", "b"], tmp_path / "pair")
    folders.write_class_folders(split, ["a", "b", "c"], ["a", "c"], tmp_path / "pair")
    assert sorted(p.name for p in (tmp_path / "pair" / "train").iterdir()) == ["a", "c"]


def test_write_class_folders_rejects_unknown_classes(tmp_path):
    rng = np.random.default_rng(3)
    with pytest.raises(ValueError, match="horse"):
        folders.write_class_folders(
            {"train": _toy_split(3, rng)}, ["a", "b", "c"], ["a", "horse"], tmp_path / "x"
        )
    assert not (tmp_path / "x").exists()  # nothing was written


def test_write_class_folders_prints_the_counts(tmp_path, capsys):
    rng = np.random.default_rng(7)
    folders.write_class_folders(
        {"train": _toy_split(6, rng)}, ["a", "b", "c"], ["b"], tmp_path / "one"
    )
    out = capsys.readouterr().out
    assert str(tmp_path / "one") in out
    assert "b" in out.splitlines()[-1] and out.splitlines()[-1].split()[-1] == "2"


def test_image_dataset_from_directory_reads_the_folders(tmp_path):
    import keras

    rng = np.random.default_rng(4)
    root = folders.write_class_folders(
        {"train": _toy_split(12, rng)}, ["a", "b", "c"], ["a", "c"], tmp_path / "pair"
    )
    ds = keras.utils.image_dataset_from_directory(
        root / "train", label_mode="binary", image_size=(8, 8), batch_size=32, shuffle=False
    )
    assert ds.class_names == ["a", "c"]
    images, labels = next(iter(ds))
    assert images.shape == (8, 8, 8, 3)
    assert labels.numpy().ravel().tolist() == [0.0] * 4 + [1.0] * 4
