"""The results board: one final test accuracy per notebook, next to a few external references.

Each notebook builds and tunes its models on the **validation** set, chooses one, and
only then evaluates that chosen model on the **test** set, once. That one number is what
the notebook puts on the board. Keeping "the best test accuracy" of several models would
be choosing by the test set, and the number would no longer be an honest estimate of how
the model does on new images. So re-running a notebook *replaces* its entry, whatever the
model and whether the new number is higher or lower.

Results are kept per profile in ``<course home>/data/results/board-<profile>.json``, so
a quick ``smoke`` run never overwrites a ``workshop`` result.

The board also lists a few **external** results (:data:`REFERENCES`) for orientation,
each marked as external, with its source and why it is not directly comparable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .paths import work_dir
from .profiles import get_profile

COLUMNS = ["notebook", "model", "test accuracy", "source", "note"]
EXTERNAL = "external"  # the "notebook" value of a reference row


@dataclass(frozen=True)
class Reference:
    """A published result from outside the course, shown on the board for orientation.

    Attributes:
        label: a short name for the chart.
        model: what was trained.
        test_accuracy: the reported test accuracy, between 0 and 1.
        source: where the result comes from.
        note: why it is not directly comparable with this course's numbers.
    """

    label: str
    model: str
    test_accuracy: float
    source: str
    note: str


REFERENCES = (
    Reference(
        label="TF tutorial\n(CIFAR-10)",
        model="Conv2D 32-64-64 + Dense(64), 10 epochs",
        test_accuracy=0.70,
        source=(
            "TensorFlow tutorial 'Convolutional Neural Network (CNN)', "
            "tensorflow.org/tutorials/images/cnn"
        ),
        note=(
            "same data set (CIFAR-10), about 70% after 10 epochs; but it trains on all 50,000 "
            "training images and validates on the test set, so the test set is not untouched"
        ),
    ),
    Reference(
        label="bee vs wasp\n(2 classes)",
        model=(
            "Conv2D(32, 3 x 3) + MaxPooling2D + Dense(64) + one sigmoid output, "
            "with augmentation, 150 x 150 photos"
        ),
        test_accuracy=0.79,
        source=(
            "a course homework, ML Zoomcamp 2023 homework 8 (DataTalksClub): "
            "github.com/DataTalksClub/machine-learning-zoomcamp, "
            "cohorts/2023/08-deep-learning/homework.md"
        ),
        note=(
            "two classes (chance is 50%, not 10%) and larger photos: a different task; "
            "it also validates on its test set"
        ),
    ),
    Reference(
        label="guided\nproject\n(other data)",
        model="TensorFlow CNN with BatchNorm, Dropout and L2, 50 epochs",
        test_accuracy=0.9264,
        source="a guided TensorFlow CNN project",
        note="its own 10-class picture set, not CIFAR-10: a different data set",
    ),
)


def board_path(profile: str | None = None) -> Path:
    """The JSON file that holds the board of ``profile`` (default: the active profile)."""
    return work_dir("results") / f"board-{get_profile(profile).name}.json"


def _is_entry(value) -> bool:
    return isinstance(value, dict) and "test_accuracy" in value


def _read(path: Path) -> dict:
    """The board as ``{notebook: entry}``; boards of the old layout keep their latest entry."""
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text())
    except (json.JSONDecodeError, OSError):
        print(f"\N{WARNING SIGN} The results board {path} was unreadable; starting a new one.")
        return {}
    if not isinstance(raw, dict):
        print(f"\N{WARNING SIGN} The results board {path} was unreadable; starting a new one.")
        return {}
    board = {}
    for notebook, value in raw.items():
        if _is_entry(value):
            board[notebook] = value
        elif isinstance(value, dict):  # old layout {notebook: {model: entry}}: latest wins
            entries = [e for e in value.values() if _is_entry(e)]
            if entries:
                board[notebook] = max(entries, key=lambda e: e.get("time", ""))
    return board


def record(notebook: str, model: str, test_accuracy: float, profile: str | None = None) -> None:
    """Put a notebook's one final test accuracy on the board, replacing its earlier entry.

    Call this once per notebook, for the model chosen on the validation set, after its
    single evaluation on the test set. The test set is touched once, for that final
    number: the board never keeps the maximum of several test scores, because choosing
    by the test set would make the number optimistic. Re-running a notebook replaces
    its entry, whatever the model name and even when the new accuracy is lower.

    Args:
        notebook: the notebook number, such as ``"02"``.
        model: a short description, such as ``"Flatten + Dense(10)"``.
        test_accuracy: accuracy on the test set, between 0 and 1.
        profile: the board to write to (default: the active profile's).
    """
    value = float(test_accuracy)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"test_accuracy must be between 0 and 1, got {test_accuracy!r}.")
    path = board_path(profile)
    board = _read(path)
    previous = board.get(str(notebook))
    board[str(notebook)] = {
        "notebook": str(notebook),
        "model": model,
        "test_accuracy": value,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path.write_text(json.dumps(board, indent=2))
    print(f"Results board: notebook {notebook}, {model}: test accuracy {value:.1%}")
    if previous is not None:
        print(
            f"  (replaces the earlier entry, {previous['model']}: "
            f"{previous['test_accuracy']:.1%}; one final number per notebook)"
        )


def references():
    """The external references as a pandas DataFrame with the columns of :func:`table`."""
    import pandas as pd

    rows = [
        {
            "notebook": EXTERNAL,
            "model": ref.model,
            "test accuracy": ref.test_accuracy,
            "source": f"external: {ref.source}",
            "note": ref.note,
        }
        for ref in REFERENCES
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def table(profile: str | None = None, include_references: bool = True):
    """The board as a pandas DataFrame: one row per notebook, then the external references.

    Each notebook's row holds its final model's test accuracy (the model chosen on
    validation, evaluated once on the test set). Reference rows have ``"external"`` in
    the ``notebook`` column and a ``source`` starting with ``"external:"``; their
    ``note`` says why they are not directly comparable.

    Args:
        profile: the board to read (default: the active profile's).
        include_references: ``False`` for this course's rows only.
    """
    import pandas as pd

    name = get_profile(profile).name
    board = _read(board_path(profile))
    rows = [
        {
            "notebook": notebook,
            "model": board[notebook]["model"],
            "test accuracy": round(board[notebook]["test_accuracy"], 4),
            "source": f"this course, {name} profile",
            "note": "",
        }
        for notebook in sorted(board)
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if include_references:
        # Leave an empty board out of concat: pandas 2 warns (FutureWarning) about empty
        # frames in concat, and pandas 3 would make "test accuracy" an object column.
        parts = [part for part in (frame, references()) if len(part)]
        frame = pd.concat(parts, ignore_index=True) if parts else frame
    return frame


def show(profile: str | None = None, include_references: bool = True):
    """Draw the climb of test accuracy across notebooks, beside the external references
    (:func:`p2p.plots.plot_board`), and print why each reference is not comparable.

    This course's bars are blue; external references are grey, hatched and labelled
    "external". Returns the table (see :func:`table`).
    """
    from . import plots

    name = get_profile(profile).name
    frame = table(profile, include_references=include_references)
    if frame[frame["notebook"] != EXTERNAL].empty:
        print("The results board is empty: run a notebook that trains a model first.")
        return frame
    plots.plot_board(frame, name)
    for ref in REFERENCES if include_references else ():
        print(f"external, {ref.label.replace(chr(10), ' ')}: {ref.note}")
    return frame
