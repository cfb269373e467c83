"""Fixtures for the unit tests: an isolated course home, Keras cache and network."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

from tests.support import SHARED_CIFAR

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test gets its own course home and Keras cache, no data folder and no network."""
    monkeypatch.setenv("COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    monkeypatch.setenv("COURSE_PROFILE", "smoke")
    import matplotlib.pyplot as plt

    monkeypatch.setattr(plt, "show", lambda *a, **k: None)  # build figures, do not display
    yield tmp_path
    plt.close("all")


@pytest.fixture
def shared_cifar():
    """The shared CIFAR-10 JPEG folders, or skip when this checkout has none beside it."""
    path = Path(os.environ.get("SHARED_CIFAR10", SHARED_CIFAR))
    if not (path / "train").is_dir():
        pytest.skip(f"no CIFAR-10 folders at {path}: clone the course with shared/ beside it")
    return path
