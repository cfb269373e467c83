"""Exercises of notebook 07, the capstone: questions answered from your own training runs.

Like a course homework, the questions ask for numbers computed from your own
``History``; the checks compute the same from the run you pass (``history=...``), so
they accept your numbers, whatever your run gave, and say what was computed wrongly.
"""

from __future__ import annotations

import statistics

import numpy as np

from .answers import expect_history, expect_number, history_of
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
    return bool(np.isclose(value, target, atol=5e-4, rtol=0))  # three decimals are enough


def _explain(value, history, candidates) -> None:
    """:class:`Wrong` naming every candidate ``(description, number)`` that matches."""
    matching = [d for d, number in candidates if np.isfinite(number) and _near(value, number)]
    if matching:
        raise Wrong(f"{value:.4g} is " + "; or it is ".join(matching) + ".")


# ----------------------------------------------------------------------------- q1


def _check_median_accuracy(answer, history=None):
    accuracy = _series(history, "accuracy")
    value = expect_number(answer, "one number, the median")
    if _near(value, np.median(accuracy)):
        return
    metrics = expect_history(history)[0]
    _explain(
        value,
        history,
        [
            ("the mean of the training accuracy; the median is np.median(...)", accuracy.mean()),
            (
                "the median as a percentage; give it as a fraction, as History holds it",
                100 * np.median(accuracy),
            ),
            ("the last epoch's training accuracy; take the median over all epochs", accuracy[-1]),
            (
                "the median of the validation accuracy; the question asks for the training "
                "accuracy, history.history['accuracy']",
                np.median(metrics.get("val_accuracy", [np.nan])),
            ),
        ],
    )
    raise Wrong(
        f"{value:.4g} is not the median of your run's training accuracy: "
        "np.median(history.history['accuracy'])."
    )


median_accuracy = Question(
    "the median of the training accuracy over all the epochs of your first run",
    checker=_check_median_accuracy,
    hint="history.history['accuracy'] holds one training accuracy per epoch; np.median of it.",
    examples=lambda: {"history": _example_run()},
)


@median_accuracy.solved_by
def _(history):
    return np.median(history.history["accuracy"])


median_accuracy.mistake("the mean", lambda history: np.mean(history.history["accuracy"]))
median_accuracy.mistake("the last epoch", lambda history: history.history["accuracy"][-1])
median_accuracy.mistake(
    "the validation accuracy", lambda history: np.median(history.history["val_accuracy"])
)
median_accuracy.mistake(
    "a percentage", lambda history: 100 * np.median(history.history["accuracy"])
)
median_accuracy.alternative(
    "statistics.median", lambda history: statistics.median(history.history["accuracy"])
)
median_accuracy.alternative(
    "rounded to three decimals",
    lambda history: round(float(np.median(history.history["accuracy"])), 3),
)


# ----------------------------------------------------------------------------- q2


def _check_loss_spread(answer, history=None):
    loss = _series(history, "loss")
    value = expect_number(answer, "one number, the standard deviation")
    if _near(value, np.std(loss)) or (len(loss) > 1 and _near(value, np.std(loss, ddof=1))):
        return
    metrics = expect_history(history)[0]
    _explain(
        value,
        history,
        [
            ("the variance; the standard deviation is its square root, np.std(...)", np.var(loss)),
            (
                "the standard deviation of the training accuracy; the question asks for the "
                "training loss, history.history['loss']",
                np.std(metrics.get("accuracy", [np.nan])),
            ),
            (
                "the standard deviation of the validation loss; the question asks for the "
                "training loss",
                np.std(metrics.get("val_loss", [np.nan])),
            ),
            ("the mean of the training loss; the spread is np.std(...)", loss.mean()),
        ],
    )
    raise Wrong(
        f"{value:.4g} is not the standard deviation of your run's training loss: "
        "np.std(history.history['loss'])."
    )


loss_spread = Question(
    "the standard deviation of the training loss over the epochs of your first run",
    checker=_check_loss_spread,
    hint="np.std(history.history['loss']).",
    examples=lambda: {"history": _example_run()},
)


@loss_spread.solved_by
def _(history):
    return np.std(history.history["loss"])


loss_spread.mistake("the variance", lambda history: np.var(history.history["loss"]))
loss_spread.mistake("of the accuracy", lambda history: np.std(history.history["accuracy"]))
loss_spread.mistake("of the validation loss", lambda history: np.std(history.history["val_loss"]))
loss_spread.mistake("the mean loss", lambda history: np.mean(history.history["loss"]))
loss_spread.alternative(
    "the sample standard deviation (ddof=1)",
    lambda history: statistics.stdev(history.history["loss"]),
)
loss_spread.alternative(
    "np.std of the .history dict's list", lambda history: float(np.std(history.history["loss"]))
)


# ----------------------------------------------------------------------------- q3


def _check_augmented_val_loss(answer, augmented_history=None, history=None):
    if augmented_history is None and history is not None:
        raise Wrong(
            "this question is about the run with augmentation: pass it as "
            "augmented_history=augmented_history."
        )
    history = augmented_history
    val_loss = _series(history, "val_loss", "augmented_history")
    value = expect_number(answer, "one number, the mean")
    if _near(value, val_loss.mean()):
        return
    metrics = expect_history(history)[0]
    _explain(
        value,
        history,
        [
            ("the median; the question asks for the mean, np.mean(...)", np.median(val_loss)),
            (
                "the mean of the training loss; the question asks for the validation loss, "
                "history.history['val_loss']",
                np.mean(metrics.get("loss", [np.nan])),
            ),
            ("the last epoch's validation loss; average over all the epochs", val_loss[-1]),
        ],
    )
    raise Wrong(
        f"{value:.4g} is not the mean validation loss of the run you passed: "
        "np.mean(augmented_history.history['val_loss'])."
    )


augmented_val_loss = Question(
    "the mean validation loss over all the epochs of the run with augmentation",
    checker=_check_augmented_val_loss,
    hint="np.mean(augmented_history.history['val_loss']).",
    examples=lambda: {"augmented_history": _example_run(seed=1)},
)


@augmented_val_loss.solved_by
def _(augmented_history):
    return np.mean(augmented_history.history["val_loss"])


augmented_val_loss.mistake(
    "the median", lambda augmented_history: np.median(augmented_history.history["val_loss"])
)
augmented_val_loss.mistake(
    "the training loss", lambda augmented_history: np.mean(augmented_history.history["loss"])
)
augmented_val_loss.mistake(
    "the last epoch", lambda augmented_history: augmented_history.history["val_loss"][-1]
)
augmented_val_loss.alternative(
    "statistics.mean",
    lambda augmented_history: statistics.mean(augmented_history.history["val_loss"]),
)
augmented_val_loss.alternative(
    "sum over count",
    lambda augmented_history: (
        sum(augmented_history.history["val_loss"]) / len(augmented_history.history["val_loss"])
    ),
)


# ----------------------------------------------------------------------------- q4


def _check_last_val_accuracy(answer, augmented_history=None, history=None):
    if augmented_history is None and history is not None:
        raise Wrong(
            "this question is about the run with augmentation: pass it as "
            "augmented_history=augmented_history."
        )
    history = augmented_history
    val_accuracy = _series(history, "val_accuracy", "augmented_history")
    value = expect_number(answer, "one number, the average")
    last = val_accuracy[-LAST_EPOCHS:]
    if _near(value, last.mean()):
        return
    metrics = expect_history(history)[0]
    _explain(
        value,
        history,
        [
            (
                f"the mean over all the epochs; the question asks for the last {LAST_EPOCHS}, "
                f"[-{LAST_EPOCHS}:]",
                val_accuracy.mean(),
            ),
            (
                f"the mean of the last {LAST_EPOCHS - 1} epochs; [-{LAST_EPOCHS}:] takes "
                f"the last {LAST_EPOCHS}",
                val_accuracy[-(LAST_EPOCHS - 1) :].mean(),
            ),
            (
                "the training accuracy; the question asks for the validation accuracy",
                np.mean(np.asarray(metrics.get("accuracy", [np.nan]))[-LAST_EPOCHS:]),
            ),
        ],
    )
    raise Wrong(
        f"{value:.4g} is not the mean validation accuracy of the last {LAST_EPOCHS} epochs "
        "of the run you passed: np.mean(augmented_history.history['val_accuracy']"
        f"[-{LAST_EPOCHS}:])."
    )


last_val_accuracy = Question(
    f"the average validation accuracy of the last {LAST_EPOCHS} epochs of the run with "
    "augmentation",
    checker=_check_last_val_accuracy,
    hint=f"A list's last {LAST_EPOCHS} entries are list[-{LAST_EPOCHS}:].",
    examples=lambda: {"augmented_history": _example_run(seed=1)},
)


@last_val_accuracy.solved_by
def _(augmented_history):
    return np.mean(augmented_history.history["val_accuracy"][-LAST_EPOCHS:])


last_val_accuracy.mistake(
    "all the epochs", lambda augmented_history: np.mean(augmented_history.history["val_accuracy"])
)
last_val_accuracy.mistake(
    "one epoch too few",
    lambda augmented_history: np.mean(augmented_history.history["val_accuracy"][-4:]),
)
last_val_accuracy.mistake(
    "the training accuracy",
    lambda augmented_history: np.mean(augmented_history.history["accuracy"][-LAST_EPOCHS:]),
)
last_val_accuracy.alternative(
    "epochs 6 to 10 by position",
    lambda augmented_history: np.mean(augmented_history.history["val_accuracy"][5:10]),
)
last_val_accuracy.alternative(
    "a plain average",
    lambda augmented_history: (
        sum(augmented_history.history["val_accuracy"][-LAST_EPOCHS:]) / LAST_EPOCHS
    ),
)


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


bind(globals(), [median_accuracy, loss_spread, augmented_val_loss, last_val_accuracy])
