"""Figures the course's benchmark measured, shipped with the package for the notebooks.

``benchmarks/ablation.py`` trains notebook 06's best model once per ingredient and writes
``results/ablation-<profile>.json`` beside this module; :func:`ablation` shows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .errors import CourseError

RESULTS = Path(__file__).parent / "results"


def ablation(profile: str = "workshop") -> pd.DataFrame:
    """The ablation table of notebook 06's best model, as the benchmark measured it.

    One row per ingredient, each adding to the kept rows above it: the validation
    accuracy in percent, its change in percentage points from the last kept row above
    (so a left-out row is compared with the finished recipe), the time ``fit`` took, and
    whether the ingredient is part of the best model. A line above the table says where
    and when it was measured.
    """
    path = RESULTS / f"ablation-{profile}.json"
    try:
        result = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        raise CourseError(
            f"No ablation results for the {profile!r} profile ({path.name}): run "
            f"`python benchmarks/ablation.py {profile}` in the course repository."
        ) from None
    print(
        f"measured on {result['date']}: {result['epochs']} epochs on "
        f"{result['train_images']:,} training images per row, {result['cpus']} CPU cores, "
        f"TensorFlow {result['tensorflow']}"
    )
    rows, previous = [], None
    for row in result["rows"]:
        accuracy = round(100 * row["val_accuracy"], 1)  # as shown, so the changes add up
        change = None if previous is None else accuracy - previous
        rows.append(
            {
                "ingredient": row["ingredient"],
                "validation accuracy (%)": round(accuracy, 1),
                "change (points)": None if change is None else round(change, 1),
                "fit time (s)": round(row["fit_s"]),
                "kept": "yes" if row["kept"] else "left out",
            }
        )
        if row["kept"]:
            previous = accuracy
    return pd.DataFrame(rows).set_index("ingredient")
