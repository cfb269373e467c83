"""Unit tests of p2p.paths: where the course and Keras keep their files."""

from __future__ import annotations

from p2p import paths

from tests.support import REPO


def test_course_home_honours_course_home(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_HOME", str(tmp_path / "elsewhere"))
    assert paths.course_home() == (tmp_path / "elsewhere").resolve()
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.setenv("COURSE_HOME", "~/course")
    assert paths.course_home() == (tmp_path / "me" / "course").resolve()


def test_course_home_finds_the_repository_from_a_sub_folder(monkeypatch):
    monkeypatch.delenv("COURSE_HOME")
    monkeypatch.chdir(REPO / "helpers" / "p2p")
    assert paths.course_home() == REPO
    monkeypatch.chdir(REPO)
    assert paths.course_home() == REPO


def test_course_home_falls_back_to_a_folder_in_the_home_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    (tmp_path / "work" / "notebooks").mkdir(parents=True)  # notebooks/ alone is no course
    monkeypatch.chdir(tmp_path / "work")
    assert paths.course_home() == tmp_path / "me" / ".pixels-to-predictions"


def test_work_dir_creates_its_folder_below_data(tmp_path):
    folder = paths.work_dir("checkpoints")
    assert folder == tmp_path / "home" / "data" / "checkpoints"  # COURSE_HOME of the fixture
    assert folder.is_dir()
    assert paths.work_dir("checkpoints") == folder  # a second call is fine


def test_keras_home_honours_keras_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "k"))
    assert paths.keras_home() == tmp_path / "k"
    assert paths.keras_cache_dir() == tmp_path / "k" / "datasets"
    assert paths.keras_models_dir() == tmp_path / "k" / "models"


def test_keras_home_defaults_to_dot_keras(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.delenv("KERAS_HOME")
    assert paths.keras_home() == tmp_path / "me" / ".keras"
    assert paths.keras_cache_dir() == tmp_path / "me" / ".keras" / "datasets"
    assert paths.keras_models_dir() == tmp_path / "me" / ".keras" / "models"


def test_keras_folders_are_not_created_by_asking():
    assert not paths.keras_cache_dir().exists()
    assert not paths.keras_models_dir().exists()
