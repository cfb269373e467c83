"""The data layer: folders, the Keras cache, corrupt downloads, no network, bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from p2p import data as d
from p2p.errors import CourseDataError
from p2p.profiles import Profile, get_profile

from tests.support import make_keras_cache, serve

SMOKE = get_profile("smoke")
TINY = Profile("tiny", train_size=8, val_size=4, test_size=6)


def make_class_folders(root: Path, classes=("cat", "dog"), per_class=6, size=(32, 32)):
    """Write train/ and test/ folders of small solid-colour PNGs; return the colours used."""
    for split in ("train", "test"):
        for label, name in enumerate(classes):
            folder = root / split / name
            folder.mkdir(parents=True)
            for i in range(per_class):
                colour = (label * 100, i * 10, 7)
                Image.new("RGB", size, colour).save(folder / f"{i:04d}.png")
    return root


def test_folder_loader_reads_labels_and_sizes(tmp_path, monkeypatch):
    root = make_class_folders(tmp_path / "pets")
    data = d.load_image_folder(root, TINY, name="pets")
    assert data.class_names == ["cat", "dog"]
    assert data.x_train.dtype == np.uint8 and data.x_train.shape[1:] == (32, 32, 3)
    # 12 training files: validation gets at most a fifth (2), training the next 8
    assert (len(data.x_train), len(data.x_val), len(data.x_test)) == (8, 2, 6)
    assert np.array_equal(data.x_train[:, 0, 0, 0] // 100, data.y_train)
    # the smoke profile wants more than 12: training gets all that validation leaves
    data = d.load_image_folder(root, SMOKE, name="pets")
    assert (len(data.x_train), len(data.x_val)) == (10, 2)
    # every image's red channel encodes its class: labels must match pixels
    assert np.array_equal(data.x_test[:, 0, 0, 0] // 100, data.y_test)


def test_non_image_file_is_named(tmp_path):
    root = make_class_folders(tmp_path / "pets")
    stray = root / "train" / "dog" / "notes.txt"
    stray.write_text("not a picture")
    with pytest.raises(CourseDataError, match="notes.txt is not an image"):
        d.load_image_folder(root, SMOKE, name="pets")


def test_hidden_files_are_ignored(tmp_path):
    root = make_class_folders(tmp_path / "pets")
    (root / "train" / "cat" / ".DS_Store").write_bytes(b"\0\1")
    data = d.load_image_folder(root, SMOKE, name="pets")
    assert len(data.x_train) + len(data.x_val) == 12  # every image, and nothing else


def test_damaged_image_is_named(tmp_path):
    root = make_class_folders(tmp_path / "pets")
    (root / "test" / "cat" / "0000.png").write_bytes(b"\x89PNG truncated")
    with pytest.raises(CourseDataError, match="0000.png could not be read"):
        d.load_image_folder(root, SMOKE, name="pets")


def test_data_dir_without_folders_explains(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    with pytest.raises(CourseDataError, match="no 'cifar10/train'"):
        d.load_data("cifar10")


def test_shared_cifar10_folder(shared_cifar, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(shared_cifar.parent))
    data = d.load_data("cifar10", "smoke")
    assert data.source.startswith("folder")
    assert data.class_names == d.CIFAR10_CLASSES
    assert data.x_train.shape == (SMOKE.train_size, 32, 32, 3)
    assert data.x_val.shape == (SMOKE.val_size, 32, 32, 3)
    assert data.x_test.shape == (SMOKE.test_size, 32, 32, 3)
    assert data.x_train.dtype == np.uint8 and data.y_train.dtype == np.uint8
    # all ten classes appear, and the same seed gives the same subset
    assert set(np.unique(data.y_train)) == set(range(10))
    again = d.load_data("cifar10", "smoke")
    assert np.array_equal(again.x_train, data.x_train)
    # validation images are not training images
    flat_train = {img.tobytes() for img in data.x_train}
    assert not any(img.tobytes() in flat_train for img in data.x_val)


def test_keras_cache_is_used_without_network(tmp_path):
    make_keras_cache(Path(tmp_path / "keras" / "datasets"))
    data = d.load_data("cifar10", "smoke")
    assert data.source == "the Keras cache"
    # 5 training batches of 20 -> 100 images; smoke wants 600 + 200, so all are used
    assert len(data.x_train) + len(data.x_val) == 100
    assert len(data.x_test) == 20
    assert data.x_train.shape[1:] == (32, 32, 3)


def test_no_network_no_cache_falls_back_to_digits(capsys):
    data = d.load_data("cifar10", "smoke")
    out = capsys.readouterr().out
    assert "not available offline" in out and "p2p-download" in out
    assert data.name == "digits"
    assert data.x_train.shape[1:] == (32, 32, 3) and data.x_train.dtype == np.uint8
    assert data.class_names == d.DIGIT_CLASSES


def test_truncated_archive_is_named_and_moved_aside(tmp_path, capsys):
    cache = Path(tmp_path / "keras" / "datasets")
    cache.mkdir(parents=True)
    archive = cache / d.CIFAR10_ARCHIVE
    archive.write_bytes(b"\x1f\x8b" + b"partial download" * 100)
    data = d.load_data("cifar10", "smoke")
    out = capsys.readouterr().out
    assert "incomplete or corrupt" in out and str(archive) in out
    assert not archive.exists() and archive.with_name(archive.name + ".corrupt").exists()
    assert data.name == "digits"  # no network: the offline data set, with a notice
    assert "not available offline" in out


def test_corrupt_archive_is_fetched_again_when_online(tmp_path, monkeypatch, capsys):
    cache = Path(tmp_path / "keras" / "datasets")
    cache.mkdir(parents=True)
    (cache / d.CIFAR10_ARCHIVE).write_bytes(b"garbage")
    fetched = []

    def fake_download(cache_dir=None):
        fetched.append(True)
        make_keras_cache(cache)

    monkeypatch.setattr(d, "network_available", lambda *a, **k: True)
    monkeypatch.setattr(d, "download_cifar10", fake_download)
    data = d.load_data("cifar10", "smoke")
    assert fetched == [True]
    assert data.source == "the official download"
    assert "incomplete or corrupt" in capsys.readouterr().out


def test_download_failure_falls_back_with_notice(monkeypatch, capsys):
    def failing_download(cache_dir=None):
        raise CourseDataError("The CIFAR-10 download failed: URL fetch failure")

    monkeypatch.setattr(d, "network_available", lambda *a, **k: True)
    monkeypatch.setattr(d, "download_cifar10", failing_download)
    data = d.load_data("cifar10", "smoke")
    assert data.name == "digits"
    assert "download failed" in capsys.readouterr().out


def test_damaged_cache_batch_is_explained(tmp_path):
    folder = make_keras_cache(Path(tmp_path / "keras" / "datasets"))
    (folder / "data_batch_3").write_bytes(b"\x80\x04truncated")
    with pytest.raises(CourseDataError, match="damaged"):
        d.read_cifar10_cache()


def test_offline_switch_skips_the_network(monkeypatch):
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    assert d.network_available() is False


def test_fashion_mnist_offline_falls_back(capsys):
    data = d.load_data("fashion_mnist", "smoke")
    assert data.name == "digits"
    assert "Fashion-MNIST is not available offline" in capsys.readouterr().out


def test_unknown_dataset_is_explained():
    with pytest.raises(CourseDataError, match="choose one of"):
        d.load_data("imagenet")


def test_split_arrays_carves_validation_from_train():
    x = np.arange(50 * 4).reshape(50, 2, 2).astype(np.uint8)
    y = np.arange(50) % 10
    data = d.split_arrays("toy", (x, y), (x[:10], y[:10]), list("abcdefghij"), "test", SMOKE)
    assert data.x_train.shape == (40, 2, 2, 1)  # greyscale gets a channel axis
    assert len(data.x_val) == 10  # at most a fifth of a small set goes to validation
    small = Profile("tiny", 30, 8, 5)
    data = d.split_arrays("toy", (x, y), (x[:10], y[:10]), list("abcdefghij"), "test", small)
    assert (len(data.x_train), len(data.x_val), len(data.x_test)) == (30, 8, 5)
    seen = {v.tobytes() for v in data.x_train}
    assert not any(v.tobytes() in seen for v in data.x_val)


def test_train_size_override_keeps_validation_and_test(shared_cifar, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(shared_cifar.parent))
    data = d.load_data("cifar10", "smoke", train_size=100)
    assert (len(data.x_train), len(data.x_val), len(data.x_test)) == (
        100,
        SMOKE.val_size,
        SMOKE.test_size,
    )


def test_split_is_the_one_notebook_02_shows(tmp_path):
    """load_data's split is exactly the seeded permutation and slicing of notebook 02."""
    make_keras_cache(Path(tmp_path / "keras" / "datasets"))
    pool = d.load_data("cifar10", "smoke", split=False)
    assert len(pool.x_train) == 100 and len(pool.x_val) == 0
    x_pool, y_pool = pool.train
    # notebook 02, section 2, line by line
    order = np.random.default_rng(42).permutation(len(x_pool))
    n_val = min(SMOKE.val_size, len(x_pool) // 5)
    val_idx = order[:n_val]
    train_idx = order[n_val : n_val + SMOKE.train_size]
    data = d.load_data("cifar10", "smoke")
    assert np.array_equal(data.x_val, x_pool[val_idx])
    assert np.array_equal(data.y_val, y_pool[val_idx])
    assert np.array_equal(data.x_train, x_pool[train_idx])
    assert np.array_equal(data.x_test, pool.x_test)


def test_validation_set_does_not_depend_on_training_size():
    """Notebooks 02-04 and 05-06 train on different numbers of images, not validate."""
    _, val_small = d.split_indices(50_000, 20_000, 5_000)
    train_big, val_big = d.split_indices(50_000, 45_000, 5_000)
    assert np.array_equal(val_small, val_big)
    assert len(train_big) == 45_000 and not set(train_big) & set(val_big)


def cifar_archive(folder: Path) -> Path:
    """An archive laid out as the official cifar-10-python.tar.gz, of small batches."""
    import tarfile

    batches = make_keras_cache(folder / "made")
    archive = folder / "web" / "cifar-10-python.tar.gz"
    archive.parent.mkdir()
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(batches, arcname="cifar-10-batches-py")
    return archive


def test_without_folders_or_cache_the_keras_download_is_used(tmp_path, monkeypatch, capsys):
    """No image folders, nothing cached, a network: the real download code fetches the
    archive over HTTP, checks its SHA-256, extracts it where Keras keeps it, and reads it."""
    archive = cifar_archive(tmp_path)
    monkeypatch.setattr(d, "CIFAR10_SHA256", d.sha256_of(archive))
    monkeypatch.setattr(d, "network_available", lambda *a, **k: True)
    with serve(archive.parent) as url:
        monkeypatch.setattr(d, "CIFAR10_URL", url + archive.name)
        data = d.load_data("cifar10", "smoke")
    assert data.name == "cifar10" and data.source == "the official download"
    assert len(data.x_train) + len(data.x_val) == 100 and len(data.x_test) == 20
    assert "not available offline" not in capsys.readouterr().out
    assert d.read_cifar10_cache() is not None  # cached: the next notebook reads it offline


def test_a_download_with_the_wrong_checksum_is_not_used(tmp_path, monkeypatch, capsys):
    archive = cifar_archive(tmp_path)
    monkeypatch.setattr(d, "network_available", lambda *a, **k: True)
    with serve(archive.parent) as url:
        monkeypatch.setattr(d, "CIFAR10_URL", url + archive.name)
        data = d.load_data("cifar10", "smoke")  # the real checksum: this archive fails it
    out = capsys.readouterr().out
    assert data.name == "digits"
    assert out.count("\N{WARNING SIGN}") == 1 and "p2p-download" in out
