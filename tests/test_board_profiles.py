"""The results board and the profiles."""

from __future__ import annotations

import pytest

from p2p import board
from p2p.profiles import PROFILES, get_profile


def test_board_keeps_best_result_per_notebook():
    board.record("02", "softmax", 0.35)
    board.record("03", "dense", 0.45)
    board.record("03", "dense + adam", 0.48)
    board.record("03", "dense, too high learning rate", 0.10)
    frame = board.table()
    assert list(frame["notebook"]) == ["02", "03"]
    assert list(frame["best model"]) == ["softmax", "dense + adam"]
    assert list(frame["test accuracy"]) == [0.35, 0.48]


def test_board_is_kept_per_profile():
    board.record("02", "softmax", 0.35, profile="smoke")
    assert board.table(profile="workshop").empty
    assert len(board.table(profile="smoke")) == 1


def test_board_rejects_percentages():
    with pytest.raises(ValueError, match="between 0 and 1"):
        board.record("02", "softmax", 35.0)


def test_board_survives_a_damaged_file(capsys):
    board.board_path().write_text("{not json")
    assert board.table().empty
    board.record("02", "softmax", 0.3)
    assert len(board.table()) == 1
    assert "unreadable" in capsys.readouterr().out


def test_board_show_returns_table():
    board.record("02", "softmax", 0.3)
    assert list(board.show()["notebook"]) == ["02"]


def test_profile_comes_from_environment(monkeypatch):
    monkeypatch.delenv("COURSE_PROFILE")
    assert get_profile().name == "workshop"
    monkeypatch.setenv("COURSE_PROFILE", "Full")
    assert get_profile().name == "full"
    monkeypatch.setenv("COURSE_PROFILE", "fast")
    with pytest.raises(ValueError, match="choose one of smoke, workshop, full"):
        get_profile()


def test_profiles_grow_from_smoke_to_full():
    smoke, workshop, full = (PROFILES[n] for n in ("smoke", "workshop", "full"))
    assert smoke.train_size < workshop.train_size <= full.train_size
    assert set(smoke.epochs) == set(workshop.epochs) == set(full.epochs)
    for run in workshop.epochs:
        assert smoke.epochs_for(run) <= workshop.epochs_for(run) <= full.epochs_for(run), run
    assert full.train_size + full.val_size <= 50_000  # validation is carved from train
    for profile in (smoke, workshop, full):
        assert profile.cnn_train_size + profile.val_size <= 50_000, profile.name
    assert smoke.cnn_train_size < workshop.cnn_train_size
    with pytest.raises(KeyError, match="known runs"):
        workshop.epochs_for("no such run")
