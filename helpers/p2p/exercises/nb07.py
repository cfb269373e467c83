"""Exercises of notebook 07, the capstone: questions answered from your own training runs.

Like a course homework, the questions ask for numbers computed from your own
``History``; the checks compute the same from the run you pass (``history=...``), so
they accept your numbers, whatever your run gave, and say what was computed wrongly.
"""

from __future__ import annotations

import numpy as np

from .answers import expect_history, expect_number
from .question import Question, Wrong, bind

LAST_EPOCHS = 5
"""The augmented run's last epochs whose validation accuracy the fourth question averages."""


def _series(history, what: str, keyword: str = "history") -> np.ndarray:
    """One metric of the notebook's run, per epoch; :class:`Wrong` when it is missing."""
    if history is None:
        raise Wrong(f"pass your run too: check(answer, {keyword}={keyword}), as the cell shows.")
    metrics, _ = expect_history(history)
    if what not in metrics:
        raise Wrong(
            f"the run you passed has no {what!r}: compile with metrics=['accuracy'] and fit "
            "with validation data."
        )
    return np.asarray(metrics[what], dtype=float)


def _near(value, target) -> bool:
    """Equal to four significant figures (close quantities of a run differ in the third)."""
    if not np.isfinite(target) or target == 0:
        return bool(np.isclose(value, target, atol=1e-9))
    half_unit = 0.5 * 10 ** (np.floor(np.log10(abs(target))) - 3)  # of the 4th figure
    return bool(abs(value - target) <= half_unit * 1.0001)


_RUNS = {"history": "the first run", "augmented_history": "the run with augmentation"}


def _judge(answer, runs: dict, metric: str, statistic, what: str, misses, also=None) -> None:
    """Return when ``answer`` is ``statistic`` (or ``also``) of ``metric`` in the first of
    ``runs`` (the notebook's names -> its Histories); else :class:`Wrong` saying what it is:
    one of ``misses(series, metrics)``, (description, number) pairs of that run, or the
    same statistic of the other run."""
    (keyword, run), (other_keyword, other) = runs.items()
    series = _series(run, metric, keyword)
    value = expect_number(answer, f"one number, {what}")
    if _near(value, statistic(series)) or (also is not None and _near(value, also(series))):
        return
    elsewhere = expect_history(other)[0] if other is not None else {}
    candidates = [
        *misses(series, expect_history(run)[0]),
        (
            f"from {_RUNS[other_keyword]}; the question asks about {_RUNS[keyword]}",
            statistic(_of(elsewhere, metric)),
        ),
    ]
    matching = [d for d, number in candidates if np.isfinite(number) and _near(value, number)]
    if matching:
        raise Wrong(f"{value:.4g} is " + "; or it is ".join(matching) + ".")
    if np.isclose(value, statistic(series), rtol=5e-3):
        raise Wrong(
            f"{value:g} is close, but compute it from `history.history` to at least four "
            "significant figures: at two or three, other numbers of the run look the same."
        )
    raise Wrong(f"{value:.4g} is not {what} of the run you passed.")


def _of(metrics: dict, name: str) -> np.ndarray:
    return np.asarray(metrics.get(name, [np.nan]), dtype=float)


# ----------------------------------------------------------------------------- q1


def _check_median_accuracy(answer, history=None, augmented_history=None):
    _judge(
        answer,
        {"history": history, "augmented_history": augmented_history},
        "accuracy",
        np.median,
        "the median of the first run's training accuracy",
        lambda accuracy, run: [
            (
                "the mean of the training accuracy; the question asks for the median",
                accuracy.mean(),
            ),
            (
                "the median as a percentage; give it as a fraction, as History holds it",
                100 * np.median(accuracy),
            ),
            ("the last epoch's training accuracy; take the median over all epochs", accuracy[-1]),
            (
                "the median of the validation accuracy; the question asks about the "
                "training accuracy",
                np.median(_of(run, "val_accuracy")),
            ),
        ],
    )


median_accuracy = Question(
    "the median of the training accuracy over all the epochs of your first run",
    checker=_check_median_accuracy,
    hint="history.history holds one list per metric, one number per epoch; NumPy has a "
    "function for the median of a list.",
)


@median_accuracy.solved_by
def _(history):
    return np.median(history.history["accuracy"])


# ----------------------------------------------------------------------------- q2


def _check_loss_spread(answer, history=None, augmented_history=None):
    _judge(
        answer,
        {"history": history, "augmented_history": augmented_history},
        "loss",
        np.std,
        "the standard deviation of the first run's training loss",
        lambda loss, run: [
            ("the variance; the standard deviation is its square root", np.var(loss)),
            (
                "the spread of the training accuracy; the question asks for the training loss",
                np.std(_of(run, "accuracy")),
            ),
            (
                "the spread of the validation loss; the question asks for the training loss",
                np.std(_of(run, "val_loss")),
            ),
            ("the mean of the training loss; the question asks for its spread", loss.mean()),
        ],
        also=lambda loss: np.std(loss, ddof=1) if len(loss) > 1 else np.nan,  # a sample's
    )


loss_spread = Question(
    "the standard deviation of the training loss over the epochs of your first run",
    checker=_check_loss_spread,
    hint="The training loss of every epoch is one of history.history's lists; the spread "
    "of a list of numbers is its standard deviation (NumPy has a function for it).",
)


@loss_spread.solved_by
def _(history):
    return np.std(history.history["loss"])


# ----------------------------------------------------------------------------- q3


def _check_augmented_val_loss(answer, augmented_history=None, history=None):
    _judge(
        answer,
        {"augmented_history": augmented_history, "history": history},
        "val_loss",
        np.mean,
        "the mean validation loss of the run with augmentation",
        lambda val_loss, run: [
            ("the median; the question asks for the mean", np.median(val_loss)),
            (
                "the mean of the training loss; the question asks for the validation loss",
                np.mean(_of(run, "loss")),
            ),
            ("the last epoch's validation loss; average over all the epochs", val_loss[-1]),
        ],
    )


augmented_val_loss = Question(
    "the mean validation loss over all the epochs of the run with augmentation",
    checker=_check_augmented_val_loss,
    hint="The second run's History is augmented_history; its validation loss per epoch is "
    "one of its .history lists.",
)


@augmented_val_loss.solved_by
def _(augmented_history):
    return np.mean(augmented_history.history["val_loss"])


# ----------------------------------------------------------------------------- q4


def _check_last_val_accuracy(answer, augmented_history=None, history=None):
    n = LAST_EPOCHS
    _judge(
        answer,
        {"augmented_history": augmented_history, "history": history},
        "val_accuracy",
        lambda val_accuracy: val_accuracy[-n:].mean(),
        f"the mean validation accuracy of the last {n} epochs of the run with augmentation",
        lambda val_accuracy, run: [
            (
                f"the mean over all the epochs; the question asks for the last {n}",
                val_accuracy.mean(),
            ),
            (
                f"the mean of the last {n - 1} epochs; the question asks for the last {n}",
                val_accuracy[-(n - 1) :].mean(),
            ),
            (
                "the training accuracy; the question asks for the validation accuracy",
                _of(run, "accuracy")[-n:].mean(),
            ),
        ],
    )


last_val_accuracy = Question(
    f"the average validation accuracy of the last {LAST_EPOCHS} epochs of the run with "
    "augmentation",
    checker=_check_last_val_accuracy,
    hint=f"A list's last {LAST_EPOCHS} entries are list[-{LAST_EPOCHS}:].",
)


@last_val_accuracy.solved_by
def _(augmented_history):
    return np.mean(augmented_history.history["val_accuracy"][-5:])  # the last 5 epochs


bind(globals(), [median_accuracy, loss_spread, augmented_val_loss, last_val_accuracy])
