"""The results board and the profiles."""

from __future__ import annotations

import json

import pytest

from p2p import board
from p2p.profiles import PROFILES, get_profile


def test_board_keeps_one_final_result_per_notebook():
    board.record("02", "softmax", 0.35)
    board.record("03", "dense", 0.45)
    frame = board.table(include_references=False)
    assert list(frame["notebook"]) == ["02", "03"]
    assert list(frame["model"]) == ["softmax", "dense"]
    assert list(frame["test accuracy"]) == [0.35, 0.45]
    assert list(frame["source"]) == ["this course, smoke profile"] * 2


def test_rerecording_replaces_the_entry_even_when_lower(capsys):
    """Keeping the maximum would be choosing by the test set: a re-run replaces the entry."""
    board.record("03", "dense + adam", 0.48)
    board.record("03", "dense, chosen on validation", 0.41)
    frame = board.table(include_references=False)
    assert list(frame["notebook"]) == ["03"]
    assert list(frame["model"]) == ["dense, chosen on validation"]
    assert list(frame["test accuracy"]) == [0.41]
    assert "replaces the earlier entry" in capsys.readouterr().out


def test_board_reads_the_old_layout_keeping_the_latest_entry():
    old = {
        "03": {
            "a": {"notebook": "03", "model": "a", "test_accuracy": 0.5, "time": "2026-01-02"},
            "b": {"notebook": "03", "model": "b", "test_accuracy": 0.4, "time": "2026-01-03"},
        }
    }
    board.board_path().write_text(json.dumps(old))
    frame = board.table(include_references=False)
    assert list(frame["model"]) == ["b"]
    assert list(frame["test accuracy"]) == [0.4]


def test_table_lists_the_external_references_marked_as_such():
    board.record("05", "CNN", 0.7)
    frame = board.table()
    ours, external = frame.iloc[:1], frame.iloc[1:]
    assert list(ours["notebook"]) == ["05"]
    assert len(external) == len(board.REFERENCES) >= 3
    assert set(external["notebook"]) == {"external"}
    assert all(source.startswith("external: ") for source in external["source"])
    assert all(len(note) > 20 for note in external["note"])  # why it is not comparable
    assert "tensorflow.org/tutorials/images/cnn" in " ".join(external["source"])
    assert sorted(external["test accuracy"]) == [0.70, 0.79, 0.9264]
    for ref in board.REFERENCES:
        assert 0 < ref.test_accuracy < 1 and ref.source and ref.note


def test_table_of_ours_only():
    assert board.table(include_references=False).empty
    assert len(board.table()) == len(board.REFERENCES)
    board.record("02", "softmax", 0.3)
    assert list(board.table(include_references=False)["notebook"]) == ["02"]


def test_board_is_kept_per_profile():
    board.record("02", "softmax", 0.35, profile="smoke")
    assert board.table(profile="workshop", include_references=False).empty
    assert len(board.table(profile="smoke", include_references=False)) == 1


def test_board_rejects_percentages():
    with pytest.raises(ValueError, match="between 0 and 1"):
        board.record("02", "softmax", 35.0)


def test_board_survives_a_damaged_file(capsys):
    board.board_path().write_text("{not json")
    assert board.table(include_references=False).empty
    board.record("02", "softmax", 0.3)
    assert len(board.table(include_references=False)) == 1
    assert "unreadable" in capsys.readouterr().out


def test_board_show_draws_ours_and_the_references_apart():
    import matplotlib.pyplot as plt

    board.record("02", "softmax", 0.3)
    board.record("05", "CNN", 0.7)
    frame = board.show()
    assert list(frame["notebook"]) == ["02", "05"] + ["external"] * len(board.REFERENCES)
    ax = plt.gcf().axes[0]
    assert ax.get_ylabel() == "test accuracy (final model)"
    assert "smoke profile" in ax.get_title()
    bars = ax.patches
    assert len(bars) == 2 + len(board.REFERENCES)
    assert {bar.get_hatch() for bar in bars[2:]} == {"//"}
    assert {bar.get_hatch() for bar in bars[:2]} == {None}
    labels = [tick.get_text() for tick in ax.get_xticklabels()]
    assert labels[:2] == ["02", "05"]
    assert all(label.startswith("external") for label in labels[2:])
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert any("external" in text for text in legend)


def test_board_show_without_references():
    board.record("02", "softmax", 0.3)
    assert list(board.show(include_references=False)["notebook"]) == ["02"]


def test_board_show_on_an_empty_board(capsys):
    frame = board.show()
    assert "empty" in capsys.readouterr().out
    assert set(frame["notebook"]) == {"external"}


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
