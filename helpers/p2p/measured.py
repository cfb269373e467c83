"""Figures the course's benchmark measured, shipped with the package for the notebooks.

``benchmarks/ablation.py`` trains notebook 08's recipe once per ingredient and writes
``results/ablation-<profile>.json`` beside this module; :func:`ablation` shows it in the
notebook, and the benchmark's RESULTS.md lists the same rows (:func:`ablation_rows`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from .errors import CourseError

RESULTS = Path(__file__).parent / "results"


def load_ablation(profile: str = "workshop") -> dict:
    """The results file of ``benchmarks/ablation.py`` for ``profile``, as a dict."""
    path = RESULTS / f"ablation-{profile}.json"
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        raise CourseError(
            f"No ablation results for the {profile!r} profile ({path.name}): run "
            f"`python benchmarks/ablation.py {profile}` in the course repository."
        ) from None


def noise_line(accuracy: float, images: int) -> float:
    """The rough line between chance and a clear difference of two accuracies (fractions)
    measured on ``images`` images each: twice the standard error of their difference,
    2 × √2 × √(p (1 − p) / n), with p = ``accuracy``."""
    return 2 * math.sqrt(2) * math.sqrt(accuracy * (1 - accuracy) / images)


def ablation_rows(result: dict) -> list[dict]:
    """One dict per ingredient: the validation accuracy in percent (one decimal), its
    change in percentage points from the last kept row above it, written with its sign
    (empty for the first row; a left-out row is compared with the finished recipe),
    whether that change is clear or within the noise (:func:`noise_line`), the seconds
    ``fit`` took and whether the ingredient is kept ("yes" or "left out")."""
    rows, previous = [], None
    for row in result["rows"]:
        accuracy = round(100 * row["val_accuracy"], 1)  # as shown, so the changes add up
        change = None if previous is None else accuracy - previous
        line = None if previous is None else noise_line(previous / 100, result["val_images"])
        rows.append(
            {
                "ingredient": row["ingredient"],
                "validation accuracy (%)": accuracy,
                "change (points)": "" if change is None else f"{change:+.1f}",
                "clear?": ""
                if change is None
                else ("clear" if abs(change) > 100 * line else "within noise"),
                "fit time (s)": round(row["fit_s"]),
                "kept": "yes" if row["kept"] else "left out",
            }
        )
        if row["kept"]:
            previous = accuracy
    return rows


def ablation(profile: str = "workshop") -> pd.DataFrame:
    """The ablation table of notebook 08's recipe, as the benchmark measured it.

    One row per ingredient, each adding to the kept rows above it (see
    :func:`ablation_rows` for the columns). A line above the table says where and when it
    was measured.
    """
    result = load_ablation(profile)
    typical = [row for row in result["rows"] if row["kept"]][-1]["val_accuracy"]  # the recipe
    print(
        f"measured on {result['date']}: {result['epochs']} epochs on "
        f"{result['train_images']:,} training images per row, {result['cpus']} CPU cores, "
        f"TensorFlow {result['tensorflow']}; a change is clear when larger than "
        f"2 × √2 × the standard error (about "
        f"{100 * noise_line(typical, result['val_images']):.1f} points near {typical:.0%})"
    )
    return pd.DataFrame(ablation_rows(result)).set_index("ingredient")
