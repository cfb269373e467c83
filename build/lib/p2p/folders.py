"""Data sets as folders of image files, one sub-folder per class: reading and writing.

This is the layout of ``keras.utils.image_dataset_from_directory`` and of most photo
collections::

    root/train/cat/0001.jpg
    root/train/dog/0002.jpg
    root/test/...

:func:`list_image_files` and :func:`read_images` read such a folder (the course's
CIFAR-10 folders, see :mod:`p2p.data`); :func:`write_class_folders` writes arrays out in
this layout (notebook 05 trains from the folders it writes).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from .errors import CourseDataError

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif"}


def list_image_files(split_dir: Path, class_names=None) -> tuple[list[Path], np.ndarray, list]:
    """All image files below ``split_dir/<class>/``, with integer labels.

    Hidden files (such as ``.DS_Store``) are skipped. Any other file that is not an
    image raises :class:`CourseDataError` naming it.

    Returns:
        ``(paths, labels, class_names)``; classes are the sub-folders in sorted order
        unless ``class_names`` gives the order.
    """
    split_dir = Path(split_dir)
    if not split_dir.is_dir():
        raise CourseDataError(f"The image folder {split_dir} does not exist.")
    if class_names is None:
        class_names = sorted(
            p.name for p in split_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
        )
    paths, labels = [], []
    for label, class_name in enumerate(class_names):
        class_dir = split_dir / class_name
        if not class_dir.is_dir():
            raise CourseDataError(
                f"The class folder {class_dir} is missing: every class needs a folder of images."
            )
        for path in sorted(class_dir.iterdir()):
            if path.name.startswith("."):
                continue
            if path.is_dir() or path.suffix.lower() not in IMAGE_SUFFIXES:
                raise CourseDataError(
                    f"{path} is not an image, but it sits in the class folder "
                    f"'{class_name}'. Move it out of {split_dir} and run the cell again."
                )
            paths.append(path)
            labels.append(label)
    return paths, np.asarray(labels, dtype=np.int64), list(class_names)


def read_images(paths, size: tuple[int, int] | None = None, mode: str = "RGB") -> np.ndarray:
    """Decode image files into one ``uint8`` array ``(n, height, width, channels)``.

    A file that cannot be decoded raises :class:`CourseDataError` naming it.
    """
    from PIL import Image, UnidentifiedImageError

    paths = list(paths)
    stacked = None  # filled in place: no list of small arrays and no second full copy
    for index, path in enumerate(paths):
        try:
            with Image.open(path) as image:
                image = image.convert(mode)
                if size is not None and image.size != size:
                    image = image.resize(size)
                pixels = np.asarray(image, dtype=np.uint8)
        except (UnidentifiedImageError, OSError) as error:
            raise CourseDataError(
                f"{path} could not be read as an image ({error.__class__.__name__}). "
                "It may be damaged or only partly copied: replace it or move it away."
            ) from None
        if stacked is None:
            stacked = np.empty((len(paths), *pixels.shape), dtype=np.uint8)
        if pixels.shape != stacked.shape[1:]:
            raise CourseDataError(
                f"{path} is {pixels.shape[1]}x{pixels.shape[0]} pixels, unlike the images "
                f"before it ({stacked.shape[2]}x{stacked.shape[1]}): give a size to resize them."
            )
        stacked[index] = pixels
    if stacked is None:
        raise CourseDataError("No images were found to read.")
    return stacked[..., None] if stacked.ndim == 3 else stacked


def write_class_folders(
    splits: dict,
    class_names,
    classes,
    root: Path | str,
    image_format: str = "png",
) -> Path:
    """Write a subset of a data set to disk as one folder of image files per class.

    For each split (such as ``"train"``) and each chosen class, the images of that
    class go to ``root/<split>/<class>/<split>_<class>_00000.png``, ... The folder
    ``root`` is emptied first, so the counts on disk always match the arrays.

    Args:
        splits: split name -> ``(images, labels)`` with ``uint8`` images and integer labels.
        class_names: the names of all classes of the data set (label -> name).
        classes: the class names to write (for example two of them for a binary task).
        root: the folder to write into (for example ``p2p.work_dir("folders") / "two_classes"``).
        image_format: ``"png"`` (lossless, default) or ``"jpg"``.

    Returns:
        The root folder. A table of the counts is printed.
    """
    import pandas as pd
    from PIL import Image

    root = Path(root)
    class_names = list(class_names)
    missing = [c for c in classes if c not in class_names]
    if missing:
        raise ValueError(f"Unknown classes {missing}; the data set has {class_names}.")
    if root.exists():
        shutil.rmtree(root)
    counts = {}
    for split, (images, labels) in splits.items():
        labels = np.asarray(labels).reshape(-1)
        counts[split] = {}
        for name in classes:
            folder = root / split / folder_name(name)
            folder.mkdir(parents=True, exist_ok=True)
            chosen = np.flatnonzero(labels == class_names.index(name))
            for i, index in enumerate(chosen):
                pixels = np.asarray(images[index], dtype=np.uint8)
                if pixels.ndim == 3 and pixels.shape[-1] == 1:
                    pixels = pixels[..., 0]
                Image.fromarray(pixels).save(
                    folder / f"{split}_{folder_name(name)}_{i:05d}.{image_format}"
                )
            counts[split][folder_name(name)] = len(chosen)
    print(f"Wrote images to {root}:")
    print(pd.DataFrame(counts).to_string())
    return root


def folder_name(name: str) -> str:
    """A class name usable as a folder name (``T-shirt/top`` -> ``T-shirt_top``)."""
    return str(name).replace("/", "_").replace("\\", "_").replace(" ", "_")
