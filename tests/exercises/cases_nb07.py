"""The test side of notebook 07's exercises (:mod:`p2p.exercises.nb07`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

import statistics

import numpy as np

from p2p.exercises.nb07 import LAST_EPOCHS

from tests.exercises import history_of


def _two_runs() -> dict:
    """The notebook's two runs, as the questions receive them: without and with augmentation."""
    return {"history": _example_run(), "augmented_history": _example_run(seed=1)}


def _example_run(seed: int = 0, epochs: int = 10):
    """A History like the notebook's runs (ten epochs), with uneven numbers."""
    rng = np.random.default_rng(seed)
    accuracy = np.sort(rng.uniform(0.5, 0.85, epochs))
    val_accuracy = accuracy - rng.uniform(0.0, 0.1, epochs)
    loss = np.sort(rng.uniform(0.3, 1.2, epochs))[::-1]  # spread unlike the accuracy's
    return history_of(
        {
            "loss": list(loss),
            "accuracy": list(accuracy),
            "val_loss": list(loss + rng.uniform(0.0, 0.2, epochs)),
            "val_accuracy": list(val_accuracy),
        }
    )


EXAMPLES = {
    "q1": _two_runs,
    "q2": _two_runs,
    "q3": _two_runs,
    "q4": _two_runs,
}

MISTAKES = {
    "q1": [
        ("the mean", lambda history: np.mean(history.history["accuracy"])),
        ("the last epoch", lambda history: history.history["accuracy"][-1]),
        ("the validation accuracy", lambda history: np.median(history.history["val_accuracy"])),
        ("a percentage", lambda history: 100 * np.median(history.history["accuracy"])),
    ],
    "q2": [
        ("the variance", lambda history: np.var(history.history["loss"])),
        ("of the accuracy", lambda history: np.std(history.history["accuracy"])),
        ("of the validation loss", lambda history: np.std(history.history["val_loss"])),
        ("the mean loss", lambda history: np.mean(history.history["loss"])),
    ],
    "q3": [
        ("the median", lambda augmented_history: np.median(augmented_history.history["val_loss"])),
        ("the training loss", lambda augmented_history: np.mean(augmented_history.history["loss"])),
        ("the last epoch", lambda augmented_history: augmented_history.history["val_loss"][-1]),
    ],
    "q4": [
        (
            "all the epochs",
            lambda augmented_history: np.mean(augmented_history.history["val_accuracy"]),
        ),
        (
            "one epoch too few",
            lambda augmented_history: np.mean(augmented_history.history["val_accuracy"][-4:]),
        ),
        (
            "the training accuracy",
            lambda augmented_history: np.mean(augmented_history.history["accuracy"][-LAST_EPOCHS:]),
        ),
    ],
}

ALTERNATIVES = {
    "q1": [
        ("statistics.median", lambda history: statistics.median(history.history["accuracy"])),
        (
            "rounded to four significant figures",
            lambda history: float(f"{np.median(history.history['accuracy']):.4g}"),
        ),
    ],
    "q2": [
        (
            "the sample standard deviation (ddof=1)",
            lambda history: statistics.stdev(history.history["loss"]),
        ),
        (
            "np.std of the .history dict's list",
            lambda history: float(np.std(history.history["loss"])),
        ),
    ],
    "q3": [
        (
            "statistics.mean",
            lambda augmented_history: statistics.mean(augmented_history.history["val_loss"]),
        ),
        (
            "sum over count",
            lambda augmented_history: (
                sum(augmented_history.history["val_loss"])
                / len(augmented_history.history["val_loss"])
            ),
        ),
    ],
    "q4": [
        (
            "epochs 6 to 10 by position",
            lambda augmented_history: np.mean(augmented_history.history["val_accuracy"][5:10]),
        ),
        (
            "a plain average",
            lambda augmented_history: (
                sum(augmented_history.history["val_accuracy"][-LAST_EPOCHS:]) / LAST_EPOCHS
            ),
        ),
    ],
}
