"""The data layer: CIFAR-10 (default), Fashion-MNIST, and an offline fallback.

:func:`load_data` returns :class:`CourseData` with ``uint8`` images and integer labels
for training, validation (carved out of the training set) and test, plus the class
names. Subset sizes come from the active profile.

Where the images come from, in order:

1. a folder of per-class images when ``COURSE_DATA_DIR`` names one
   (``<dir>/cifar10/train/<class>/*.jpg`` and ``<dir>/cifar10/test/<class>/*.jpg``);
2. the Keras download cache (``$KERAS_HOME/datasets``, by default ``~/.keras/datasets``);
3. the official download, when there is a network.

With no network and no cache you get a short notice and the offline data set
(scikit-learn's bundled handwritten digits, resized to 32x32 colour images), so that
every notebook still runs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import socket
import tarfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import CourseDataError
from .folders import list_image_files, read_images
from .paths import DATA_DIR_ENV, keras_cache_dir
from .profiles import Profile, get_profile

SEED = 42
OFFLINE_ENV = "COURSE_OFFLINE"

CIFAR10_CLASSES = [
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
]
FASHION_CLASSES = [
    "T-shirt/top",
    "trouser",
    "pullover",
    "dress",
    "coat",
    "sandal",
    "shirt",
    "sneaker",
    "bag",
    "ankle boot",
]
DIGIT_CLASSES = [str(d) for d in range(10)]

CIFAR10_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
CIFAR10_SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"
# Keras' own cache layout for CIFAR-10 (keras.datasets.cifar10.load_data):
CIFAR10_ARCHIVE = "cifar-10-batches-py-target_archive"
CIFAR10_EXTRACTED = Path("cifar-10-batches-py-target") / "cifar-10-batches-py"
CIFAR10_BATCHES = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]

DATASETS = ("cifar10", "fashion_mnist", "digits")


@dataclass
class CourseData:
    """Images and labels of one data set, split three ways.

    ``x_*`` are ``uint8`` arrays of shape ``(n, height, width, channels)``; ``y_*`` are
    integer class labels of shape ``(n,)``.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: list
    source: str

    @property
    def train(self) -> tuple[np.ndarray, np.ndarray]:
        """``(x_train, y_train)``"""
        return self.x_train, self.y_train

    @property
    def val(self) -> tuple[np.ndarray, np.ndarray]:
        """``(x_val, y_val)``"""
        return self.x_val, self.y_val

    @property
    def test(self) -> tuple[np.ndarray, np.ndarray]:
        """``(x_test, y_test)``"""
        return self.x_test, self.y_test

    def __str__(self) -> str:
        return (
            f"{self.name} from {self.source}: train {len(self.x_train):,} · "
            f"val {len(self.x_val):,} · test {len(self.x_test):,} images "
            f"of shape {self.x_train.shape[1:]}"
        )


def label_name(label, class_names=None) -> str:
    """The class name of an integer label (a NumPy scalar or a one-element array too);
    the label itself as text when there are no class names."""
    label = int(np.asarray(label).reshape(-1)[0])
    return str(class_names[label]) if class_names is not None else str(label)


def class_counts(labels, class_names):
    """How many images each class has, as a pandas Series indexed by class name."""
    import pandas as pd

    counts = np.bincount(np.asarray(labels).reshape(-1), minlength=len(class_names))
    return pd.Series(counts, index=class_names, name="images")


# ----------------------------------------------------------------------------- network


def network_available(host: str = "www.cs.toronto.edu", port: int = 443, timeout=3.0) -> bool:
    """True if a connection to ``host`` opens within ``timeout`` seconds.

    Setting ``COURSE_OFFLINE=1`` makes this False without trying (useful on bad wifi).
    """
    if os.environ.get(OFFLINE_ENV, "").strip() not in ("", "0"):
        return False
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def sha256_of(path: Path) -> str:
    """The SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ----------------------------------------------------------------------------- folders


def find_image_folder(name: str = "cifar10") -> Path | None:
    """The per-class image folder for ``name`` under ``COURSE_DATA_DIR``, if any.

    Accepts ``COURSE_DATA_DIR`` pointing either at the folder that holds ``cifar10/``
    or at the ``cifar10`` folder itself.
    """
    root = os.environ.get(DATA_DIR_ENV)
    if not root:
        return None
    root_path = Path(root).expanduser()
    for candidate in (root_path / name, root_path):
        if (candidate / "train").is_dir() and (candidate / "test").is_dir():
            return candidate
    raise CourseDataError(
        f"{DATA_DIR_ENV} is set to {root!r}, but no '{name}/train' and '{name}/test' "
        "folders are there. Point it at the folder that holds them, or unset it to "
        "download the data instead."
    )


def split_indices(n_total: int, train_size: int, val_size: int, seed: int = SEED):
    """The training / validation split that notebook 02 does in a visible cell.

    The ``n_total`` training images are put in a seeded random order; the first
    ``val_size`` of that order are the validation set (at most a fifth of a small data
    set), the next ``train_size`` the training set. Because the validation images come
    first, every notebook validates on the same images, whatever its training size.

    Returns:
        ``(train_indices, val_indices)``, two disjoint index arrays.
    """
    order = np.random.default_rng(seed).permutation(n_total)
    n_val = min(val_size, n_total // 5)
    return order[n_val : n_val + train_size], order[:n_val]


def _test_indices(n_total: int, test_size: int) -> np.ndarray:
    """A seeded subset of the test set, in a random order (all of it when it is small)."""
    return np.random.default_rng(SEED + 1).permutation(n_total)[:test_size]


def load_image_folder(
    root: Path, profile: Profile, name: str = "cifar10", split: bool = True
) -> CourseData:
    """Load ``root/train/<class>/*`` and ``root/test/<class>/*`` with the profile's sizes.

    Only the images the profile needs are decoded. Validation images are carved out of
    ``train/``; ``test/`` is kept for final results.
    """
    root = Path(root)
    class_names = CIFAR10_CLASSES if name == "cifar10" else None
    train_paths, train_labels, class_names = list_image_files(root / "train", class_names)
    test_paths, test_labels, _ = list_image_files(root / "test", class_names)
    if split:
        train_idx, val_idx = split_indices(len(train_paths), profile.train_size, profile.val_size)
    else:
        train_idx, val_idx = np.arange(len(train_paths)), np.arange(0)
    test_idx = _test_indices(len(test_paths), profile.test_size)

    def pick(paths, labels, idx, like=None):
        if len(idx) == 0 and like is not None:  # e.g. too few images for a validation set
            return np.empty((0, *like.shape[1:]), np.uint8), np.empty(0, np.uint8)
        return read_images([paths[i] for i in idx]), labels[idx].astype(np.uint8)

    x_train, y_train = pick(train_paths, train_labels, train_idx)
    x_val, y_val = pick(train_paths, train_labels, val_idx, like=x_train)
    x_test, y_test = pick(test_paths, test_labels, test_idx, like=x_train)
    return CourseData(
        name, x_train, y_train, x_val, y_val, x_test, y_test, class_names, f"folder {root}"
    )


# ----------------------------------------------------------------------------- arrays


def split_arrays(
    name: str,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    class_names: list,
    source: str,
    profile: Profile,
    split: bool = True,
) -> CourseData:
    """Carve a validation set out of ``train`` and cut every split to the profile's size.

    With ``split=False`` all of ``train`` is returned as training images and the
    validation set is empty (notebook 02 makes the split itself).
    """
    x_all, y_all = train[0], np.asarray(train[1]).reshape(-1).astype(np.uint8)
    x_test_all, y_test_all = test[0], np.asarray(test[1]).reshape(-1).astype(np.uint8)
    if x_all.ndim == 3:  # greyscale: add a channel axis
        x_all, x_test_all = x_all[..., None], x_test_all[..., None]
    if split:
        train_idx, val_idx = split_indices(len(x_all), profile.train_size, profile.val_size)
    else:
        train_idx, val_idx = np.arange(len(x_all)), np.arange(0)
    test_idx = _test_indices(len(x_test_all), profile.test_size)
    return CourseData(
        name,
        x_all[train_idx],
        y_all[train_idx],
        x_all[val_idx],
        y_all[val_idx],
        x_test_all[test_idx],
        y_test_all[test_idx],
        class_names,
        source,
    )


def _read_cifar_batch(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with open(path, "rb") as handle:
        batch = pickle.load(handle, encoding="bytes")
    data = np.asarray(batch[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
    return data.transpose(0, 2, 3, 1), np.asarray(batch[b"labels"], dtype=np.uint8)


def read_cifar10_cache(cache_dir: Path | None = None):
    """CIFAR-10 arrays from the Keras cache, or None when the cache does not hold them.

    Reads the extracted batches; when only the archive is there, checks its SHA-256
    and extracts it. A corrupt or partial archive is moved aside (``.corrupt``) and
    :class:`CourseDataError` says so.
    """
    cache_dir = Path(cache_dir or keras_cache_dir())
    extracted = cache_dir / CIFAR10_EXTRACTED
    archive = cache_dir / CIFAR10_ARCHIVE
    if not all((extracted / b).is_file() for b in CIFAR10_BATCHES):
        if not archive.is_file():
            return None
        if sha256_of(archive) != CIFAR10_SHA256:
            quarantine = archive.with_name(archive.name + ".corrupt")
            shutil.move(archive, quarantine)
            raise CourseDataError(
                f"The CIFAR-10 download in {archive} is incomplete or corrupt "
                f"(its SHA-256 checksum does not match). It was moved to {quarantine.name}; "
                "run the notebook again with a network to download a fresh copy."
            )
        with tarfile.open(archive) as tar:
            tar.extractall(extracted.parent, filter="data")
    try:
        parts = [_read_cifar_batch(extracted / b) for b in CIFAR10_BATCHES]
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, ValueError) as error:
        raise CourseDataError(
            f"The CIFAR-10 files in {extracted} are damaged ({error.__class__.__name__}). "
            f"Delete the folder {extracted.parent} and run again with a network."
        ) from None
    x_train = np.concatenate([x for x, _ in parts[:5]])
    y_train = np.concatenate([y for _, y in parts[:5]])
    return (x_train, y_train), parts[5]


def download_cifar10(cache_dir: Path | None = None) -> None:
    """Download the official CIFAR-10 archive into the Keras cache, verifying its SHA-256."""
    import keras

    cache_dir = Path(cache_dir or keras_cache_dir())
    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        keras.utils.get_file(
            fname="cifar-10-batches-py-target",
            origin=CIFAR10_URL,
            extract=True,
            file_hash=CIFAR10_SHA256,
            cache_dir=str(cache_dir.parent),
            cache_subdir=cache_dir.name,
        )
    except Exception as error:  # keras raises a bare Exception for network failures
        raise CourseDataError(f"The CIFAR-10 download failed: {error}") from None


def _offline_notice(name: str, reason: str) -> None:
    print(
        f"\N{WARNING SIGN} {name} is not available offline ({reason}). Using the offline "
        "data set instead: handwritten digits, resized to 32x32 colour images. The "
        "lessons work the same; accuracies differ. To get the real data, connect to a "
        "network and run `p2p-download` (or `python -m p2p.download`)."
    )


def load_cifar10(profile: Profile, split: bool = True) -> CourseData:
    """CIFAR-10 from the folder, the cache or the network, else the offline digits."""
    folder = find_image_folder("cifar10")
    if folder is not None:
        return load_image_folder(folder, profile, "cifar10", split)
    try:
        arrays = read_cifar10_cache()
    except CourseDataError as problem:
        print(f"\N{WARNING SIGN} {problem}")
        arrays = None
    if arrays is not None:
        return split_arrays("cifar10", *arrays, CIFAR10_CLASSES, "the Keras cache", profile, split)
    if not network_available():
        _offline_notice("CIFAR-10", "no network and no downloaded copy")
        return load_digits(profile, split)
    try:
        download_cifar10()
        arrays = read_cifar10_cache()
    except CourseDataError as problem:
        _offline_notice("CIFAR-10", str(problem))
        return load_digits(profile, split)
    return split_arrays(
        "cifar10", *arrays, CIFAR10_CLASSES, "the official download", profile, split
    )


def load_fashion_mnist(profile: Profile, split: bool = True) -> CourseData:
    """Fashion-MNIST (28x28 greyscale) from the Keras cache or the network."""
    import keras

    cached = keras_cache_dir() / "fashion-mnist"
    files_cached = cached.is_dir() and len(list(cached.glob("*.gz"))) == 4
    if not files_cached and not network_available("storage.googleapis.com"):
        _offline_notice("Fashion-MNIST", "no network and no downloaded copy")
        return load_digits(profile, split)
    try:
        train, test = keras.datasets.fashion_mnist.load_data()
    except (OSError, EOFError, ValueError) as error:
        raise CourseDataError(
            f"The Fashion-MNIST files in {cached} are damaged ({error.__class__.__name__}). "
            f"Delete that folder and run again with a network."
        ) from None
    except Exception as error:  # keras raises a bare Exception for network failures
        _offline_notice("Fashion-MNIST", f"the download failed: {error}")
        return load_digits(profile, split)
    return split_arrays("fashion_mnist", train, test, FASHION_CLASSES, "Keras", profile, split)


def load_digits(profile: Profile, split: bool = True) -> CourseData:
    """scikit-learn's bundled handwritten digits, resized to 32x32x3 ``uint8`` images.

    Needs no network. 1,797 images in all, so every split is small.
    """
    from sklearn.datasets import load_digits as sk_load_digits

    digits = sk_load_digits()
    small = (digits.images / 16.0 * 255.0).astype(np.uint8)  # (n, 8, 8), 0..255
    big = small.repeat(4, axis=1).repeat(4, axis=2)  # (n, 32, 32): each pixel -> 4x4
    images = np.repeat(big[..., None], 3, axis=3)
    labels = digits.target.astype(np.uint8)
    order = np.random.default_rng(SEED).permutation(len(images))
    n_test = len(images) // 4
    test_idx, train_idx = order[:n_test], order[n_test:]
    return split_arrays(
        "digits",
        (images[train_idx], labels[train_idx]),
        (images[test_idx], labels[test_idx]),
        DIGIT_CLASSES,
        "scikit-learn (offline)",
        profile,
        split,
    )


def load_data(
    name: str = "cifar10",
    profile: Profile | str | None = None,
    train_size: int | None = None,
    split: bool = True,
) -> CourseData:
    """Load a data set, split into train, validation and test, sized by the profile.

    Args:
        name: ``"cifar10"`` (default), ``"fashion_mnist"`` or ``"digits"`` (offline).
        profile: a :class:`Profile` or profile name; by default the active profile.
        train_size: how many training images, instead of the profile's ``train_size``
            (for example ``profile.cnn_train_size``). Validation and test sizes stay.
        split: False returns all training images undivided in ``train`` and an empty
            ``val``, for notebook 02, which shows the split (:func:`split_indices`).

    Returns:
        :class:`CourseData` with ``x_train, y_train, x_val, y_val, x_test, y_test``,
        ``class_names`` and ``source``.
    """
    if not isinstance(profile, Profile):
        profile = get_profile(profile)
    if train_size is not None:
        profile = dataclasses.replace(profile, train_size=int(train_size))
    key = name.lower().replace("-", "_")
    loaders = {"cifar10": load_cifar10, "fashion_mnist": load_fashion_mnist}
    if key == "digits":
        data = load_digits(profile, split)
    elif key in loaders:
        data = loaders[key](profile, split)
    else:
        raise CourseDataError(f"Unknown data set {name!r}: choose one of {', '.join(DATASETS)}.")
    print(data)
    return data
