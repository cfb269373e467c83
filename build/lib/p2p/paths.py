"""Where the course keeps its files: downloads, caches, results, checkpoints."""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = "https://github.com/pixels-to-predictions/course"
"""Where the course lives on the web (its notebooks, its helper package, its website's source)."""
HOME_ENV = "COURSE_HOME"
DATA_DIR_ENV = "COURSE_DATA_DIR"


def course_home() -> Path:
    """The course folder: ``$COURSE_HOME``, else the repository around the working
    directory (the folder that holds ``notebooks/`` and ``helpers/``), else
    ``~/.pixels-to-predictions``."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser().resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "helpers" / "p2p").is_dir():
            return folder
    return Path.home() / ".pixels-to-predictions"


def work_dir(name: str) -> Path:
    """A folder below ``<course home>/data/`` (created if needed), ignored by git.

    Used for the results board, checkpoints, saved models and images written to disk.
    """
    folder = course_home() / "data" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keras_home() -> Path:
    """Keras' own folder: ``$KERAS_HOME``, by default ``~/.keras`` (as Keras reads it)."""
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")


def keras_cache_dir() -> Path:
    """The folder where Keras caches downloaded data sets (``$KERAS_HOME/datasets``)."""
    return keras_home() / "datasets"


def keras_models_dir() -> Path:
    """The folder where Keras caches downloaded model weights (``$KERAS_HOME/models``)."""
    return keras_home() / "models"
