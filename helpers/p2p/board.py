"""The results board: every notebook records its best test accuracy; a chart shows the climb.

Results are kept per profile in ``<course home>/data/results/board-<profile>.json``, so
a quick ``smoke`` run never overwrites a ``workshop`` result.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from .paths import work_dir
from .profiles import get_profile


def board_path(profile: str | None = None) -> Path:
    """The JSON file that holds the board of ``profile`` (default: the active profile)."""
    return work_dir("results") / f"board-{get_profile(profile).name}.json"


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text())
    except (json.JSONDecodeError, OSError):
        print(f"\N{WARNING SIGN} The results board {path} was unreadable; starting a new one.")
        return {}


def record(notebook: str, model: str, test_accuracy: float, profile: str | None = None) -> None:
    """Put a model's test accuracy on the board under its notebook number.

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
    entry = {
        "notebook": str(notebook),
        "model": model,
        "test_accuracy": value,
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    board.setdefault(str(notebook), {})[model] = entry
    path.write_text(json.dumps(board, indent=2))
    print(f"Results board: notebook {notebook}, {model}: test accuracy {value:.1%}")


def table(profile: str | None = None):
    """The board as a pandas DataFrame: one row per notebook, its best model first."""
    import pandas as pd

    board = _read(board_path(profile))
    rows = []
    for notebook in sorted(board):
        best = max(board[notebook].values(), key=lambda e: e["test_accuracy"])
        rows.append(
            {
                "notebook": notebook,
                "best model": best["model"],
                "test accuracy": round(best["test_accuracy"], 4),
            }
        )
    return pd.DataFrame(rows, columns=["notebook", "best model", "test accuracy"])


def show(profile: str | None = None):
    """Draw the climb of test accuracy across notebooks and return the table."""
    import matplotlib.pyplot as plt

    frame = table(profile)
    if frame.empty:
        print("The results board is empty: run a notebook that trains a model first.")
        return frame
    fig, ax = plt.subplots(figsize=(6, 3))
    bars = ax.bar(frame["notebook"], frame["test accuracy"], color="tab:blue")
    ax.bar_label(bars, labels=[f"{v:.0%}" for v in frame["test accuracy"]])
    ax.set_ylim(0, 1)
    ax.set_xlabel("notebook")
    ax.set_ylabel("best test accuracy")
    ax.set_title(f"The climb ({get_profile(profile).name} profile)")
    plt.show()
    return frame
