"""Exercises of notebook 04: visualising data and training."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

import p2p

from .. import metrics
from ..data import CIFAR10_CLASSES
from .answers import (
    accuracy_name,
    expect_array,
    expect_history,
    expect_items,
    expect_number,
    expect_validated_on,
    expect_validation,
)
from .question import Question, Wrong, bind

example_classes = list(CIFAR10_CLASSES)
"""The class names of :data:`example_confusion` (CIFAR-10's)."""

example_confusion = np.array(
    [
        [58, 4, 6, 2, 3, 1, 2, 3, 16, 5],
        [5, 60, 1, 2, 1, 1, 2, 2, 8, 18],
        [8, 2, 35, 9, 16, 8, 12, 6, 3, 1],
        [3, 3, 8, 31, 8, 22, 14, 6, 3, 2],
        [4, 1, 13, 7, 42, 6, 14, 10, 2, 1],
        [2, 1, 9, 20, 8, 43, 7, 8, 1, 1],
        [1, 2, 8, 9, 10, 4, 62, 2, 1, 1],
        [3, 1, 6, 6, 10, 9, 3, 56, 2, 4],
        [12, 6, 2, 2, 1, 1, 1, 1, 68, 6],
        [5, 15, 1, 2, 1, 1, 2, 3, 8, 62],
    ]
)
"""A confusion matrix of a dense model on 1,000 CIFAR-10 test images (100 per class).
Rows are true classes, columns predicted classes, in the order of :data:`example_classes`."""

example_history = {
    "loss": [2.05, 1.78, 1.62, 1.50, 1.39, 1.29, 1.19, 1.09, 0.99, 0.90, 0.81, 0.73],
    "accuracy": [0.26, 0.37, 0.43, 0.47, 0.51, 0.54, 0.58, 0.61, 0.65, 0.68, 0.71, 0.74],
    "val_loss": [1.86, 1.72, 1.64, 1.60, 1.58, 1.61, 1.65, 1.71, 1.79, 1.88, 1.99, 2.11],
    "val_accuracy": [0.33, 0.39, 0.42, 0.44, 0.45, 0.44, 0.44, 0.43, 0.42, 0.42, 0.41, 0.40],
}
"""The history of a training run that overfits (for the last question): twelve epochs."""

_CAT, _DOG = example_classes.index("cat"), example_classes.index("dog")

CONFIDENT_MISTAKES = 5
"""How many of the most confident mistakes the third question asks for."""


def _check_cat_as_dog(answer):
    value = expect_number(answer, "a whole number of images")
    m = example_confusion
    if value == m[_CAT, _DOG]:
        return
    if value == m[_DOG, _CAT]:
        raise Wrong(
            "that is the number of dogs predicted as cats. Rows are the true class, "
            "columns the predicted class."
        )
    if value == m[_CAT, _CAT]:
        raise Wrong("that is the number of cats predicted correctly (the diagonal).")
    if value == m[_CAT].sum():
        raise Wrong("that is the number of all cat images (the whole row).")
    if value == m[:, _DOG].sum():
        raise Wrong("that is the number of all images predicted as dog (the whole column).")
    if value in (m[_CAT + 1, _DOG + 1], m[_CAT - 1, _DOG - 1]):
        raise Wrong(
            f"{value:g} is the count of a cell next to the right one. Python counts from 0: "
            f"example_classes.index('cat') is {_CAT}, example_classes.index('dog') is {_DOG}, "
            f"so the cell is example_confusion[{_CAT}, {_DOG}]."
        )
    if 0 < value < 1:
        raise Wrong("count images (a whole number), not a fraction.")
    raise Wrong(
        f"{value:g} is not it. Find the row of the true class and the column of the prediction."
    )


cat_as_dog = Question(
    "in the example confusion matrix, how many cat images were predicted as dog?",
    checker=_check_cat_as_dog,
    hint="Rows are true classes, columns are predicted classes. Find the row 'cat' and "
    "the column 'dog'; in NumPy, the class names' positions give the indices.",
)


@cat_as_dog.solved_by
def _():
    cat, dog = example_classes.index("cat"), example_classes.index("dog")
    return example_confusion[cat, dog]  # row: true cat, column: predicted dog


def _by_class_name(answer):
    """A dict or pandas Series keyed by the class names as a list in the classes' order."""
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:  # one column of accuracies
        answer = answer.iloc[:, 0]
    if isinstance(answer, pd.Series) and set(map(str, answer.index)) == set(example_classes):
        return [answer[name] for name in example_classes]
    if isinstance(answer, dict):
        if set(map(str, answer)) != set(example_classes):
            raise Wrong(
                "give the ten accuracies as an array in the order of the classes (a dict "
                "would need the ten class names as its keys)."
            )
        return [answer[name] for name in example_classes]
    return answer


def _check_class_accuracies(answer):
    m = example_confusion.astype(float)
    expected = np.diag(m) / m.sum(axis=1)
    if isinstance(answer, numbers.Number | np.generic) and not isinstance(answer, bool):
        if isinstance(answer, numbers.Real) and np.isclose(float(answer), np.trace(m) / m.sum()):
            raise Wrong(
                "that is the overall accuracy; the question asks for one accuracy per class."
            )
        raise Wrong("expected one accuracy per class (10 numbers), got a single number.")
    values = expect_array(_by_class_name(answer), "the per-class accuracies")
    values = values.reshape(-1) if values.size == len(expected) else values
    if values.size == 1:
        raise Wrong("expected one accuracy per class (10 numbers), got a single number.")
    if values.shape != expected.shape:
        raise Wrong(f"expected 10 numbers, one per class; yours has shape {values.shape}.")
    values = values.astype(float)
    if np.allclose(values, np.diag(m)) or np.allclose(values, expected * 100):
        raise Wrong(
            "these are counts of correct images (or percentages). Give fractions between 0 "
            "and 1: divide each count by the number of images of its class."
        )
    if np.allclose(values, np.diag(m) / m.sum(axis=0)):
        raise Wrong(
            "you divided by the column sums (how often each class was predicted). Divide by the "
            "row sums: how many images each class really has."
        )
    if np.allclose(values, np.diag(m) / m.sum()):
        raise Wrong(
            "you divided by all 1,000 images. Divide each class's correct count by the number "
            "of images of that class (its row sum)."
        )
    if np.allclose(values, 1 - expected, atol=1e-3):
        raise Wrong("these are the error rates (1 - accuracy); give the accuracies.")
    wrong = np.flatnonzero(~np.isclose(values, expected, atol=1e-3))
    if wrong.size:
        name = example_classes[wrong[0]]
        raise Wrong(f"the accuracy of {name} is not {values[wrong[0]]:.3f}; look at its row again.")


class_accuracies = Question(
    "the accuracy of every class, from the example confusion matrix",
    checker=_check_class_accuracies,
    hint="For each class: the correct predictions (the diagonal, np.diag) divided by the "
    "number of images of that class (the row sum, .sum(axis=1)).",
)


@class_accuracies.solved_by
def _():
    correct = np.diag(example_confusion)  # right answers per true class
    images = example_confusion.sum(axis=1)  # images per true class (row sums)
    return correct / images


def _check_confident_mistakes(answer, y_test=None, probabilities=None):
    if y_test is None or probabilities is None:
        raise Wrong(
            "pass the labels and the predictions too: "
            "q3.check(answer, y_test=y_test, probabilities=probabilities)."
        )
    probabilities = np.asarray(probabilities, dtype=float)
    y_true = np.asarray(y_test)
    if y_true.ndim == 2 and y_true.shape[1] == probabilities.shape[1] > 1:  # one-hot labels
        y_true = y_true.argmax(axis=1)
    y_true = y_true.reshape(-1).astype(int)
    predicted = probabilities.argmax(axis=1)
    wrong = metrics.mistakes(y_true, probabilities)  # in the data's order
    ranked = metrics.mistakes(y_true, probabilities, most_confident_first=True)
    order = np.searchsorted(wrong, ranked)  # positions in `wrong`, most confident first
    expected = ranked[:CONFIDENT_MISTAKES]
    if isinstance(answer, numbers.Number | np.generic) and not isinstance(answer, bool):
        raise Wrong(f"that is one number; give the indices of {CONFIDENT_MISTAKES} images.")
    indices = expect_array(answer, f"the indices of {CONFIDENT_MISTAKES} test images").reshape(-1)
    if indices.size == 0:
        raise Wrong(f"your answer is empty; give the indices of {CONFIDENT_MISTAKES} images.")
    if not np.issubdtype(indices.dtype, np.integer):
        if np.issubdtype(indices.dtype, np.floating) and np.all(indices <= 1.0):
            raise Wrong(
                "these look like probabilities; give the positions (indices) of the images."
            )
        raise Wrong("give the positions of the images as whole numbers (indices).")
    if len(indices) != len(expected):
        raise Wrong(f"expected {len(expected)} image indices; yours has {len(indices)}.")
    outside = indices[(indices < 0) | (indices >= len(y_true))]
    if outside.size:
        raise Wrong(f"indices go from 0 to {len(y_true) - 1}; yours include {outside[0]}.")
    if np.array_equal(indices, order[:CONFIDENT_MISTAKES]) and not np.array_equal(
        indices, expected
    ):
        raise Wrong(
            "these are positions in your array of mistakes, not in x_test. Use them to "
            "index the array of the mistakes' positions in x_test: if `mistakes` holds those "
            "positions and `order` your argsort result, answer with mistakes[order][:5]."
        )
    right = [int(i) for i in indices if predicted[i] == y_true[i]]
    if right:
        raise Wrong(
            f"image {right[0]} was predicted correctly, so it is not a mistake. Keep only the "
            "images whose predicted class differs from the true one."
        )
    if np.array_equal(indices, expected):
        return
    confidence_of = probabilities[np.arange(len(y_true)), predicted]
    unique = len(set(indices.tolist())) == len(indices)
    if unique and np.array_equal(confidence_of[indices], confidence_of[expected]):
        return  # equally confident mistakes (a tie) may come in either order
    if set(indices.tolist()) == set(expected.tolist()):
        raise Wrong("the right images, in the wrong order: most confident mistake first.")
    raise Wrong(
        "these are mistakes, but not the most confident ones. Sort the mistakes by the "
        "probability of the (wrong) predicted class, highest first."
    )


confident_mistakes = Question(
    f"the indices of the {CONFIDENT_MISTAKES} most confident mistakes, most confident first",
    checker=_check_confident_mistakes,
    hint="predicted = probabilities.argmax(axis=1); the mistakes are np.flatnonzero(predicted != "
    "y_test); their confidence is probabilities[mistakes, predicted[mistakes]]; np.argsort of "
    "minus the confidence puts the highest first.",
)


@confident_mistakes.solved_by
def _(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)  # positions of the mistakes
    confidence = probabilities[wrong, predicted[wrong]]  # how sure each mistake was
    return wrong[np.argsort(-confidence)][:5]  # most confident first


def _check_best_epoch(answer):
    value = expect_number(answer, "an epoch number")
    val_loss = np.asarray(example_history["val_loss"])
    best = int(val_loss.argmin()) + 1
    if value == best:
        return
    if value != round(value):
        raise Wrong("epochs are whole numbers, counted from 1.")
    if value == best - 1:
        raise Wrong("epochs are counted from 1 (as on the plot), but Python counts from 0: add 1.")
    if value == len(val_loss):
        raise Wrong(
            "the last epoch has the lowest training loss, but its validation loss is the "
            "worst of all: the model had started to memorise the training images."
        )
    if not 1 <= value <= len(val_loss):
        raise Wrong(f"the run has epochs 1 to {len(val_loss)}.")
    raise Wrong(
        f"at epoch {value:g} the validation loss is {val_loss[int(value) - 1]:.2f}; "
        "there is a lower one."
    )


best_epoch = Question(
    "the epoch where the overfitting run should have stopped (lowest validation loss)",
    checker=_check_best_epoch,
    hint="Look for the lowest point of the validation loss curve, not the training one. "
    "np.argmin gives its position counted from 0; epochs on the plot count from 1.",
)


@best_epoch.solved_by
def _():
    return int(np.argmin(example_history["val_loss"])) + 1  # epochs count from 1


# ----------------------------------------------------------------------- underfit and overfit


OVERFIT_GAP = 0.15
"""Training accuracy at least this far above validation accuracy: the run overfits."""
UNDERFIT_GAP = 0.08
"""An underfitting run ends with training accuracy less than this above validation accuracy."""


def _final_gap(metrics: dict) -> tuple[float, float]:
    """(training accuracy, training minus validation accuracy) at the last epoch."""
    validation = float(expect_validation(metrics)[-1])
    train = float(metrics[accuracy_name(metrics)][-1])
    return train, train - validation


def _check_underfit_and_overfit(answer, x_val=None, y_val=None):
    runs = expect_items(answer, "underfitting_run", "overfitting_run")
    mine = [expect_history(run)[0] for run in runs]
    (under_train, under_gap), (over_train, over_gap) = (_final_gap(m) for m in mine)
    if over_gap < OVERFIT_GAP and under_gap >= OVERFIT_GAP:
        raise Wrong("the two runs are the wrong way round: (underfitting run, overfitting run).")
    if over_gap < OVERFIT_GAP:
        raise Wrong(
            f"your overfitting run ends with training accuracy only {over_gap:.0%} above "
            f"validation accuracy; overfitting opens a gap of {OVERFIT_GAP:.0%} or more. "
            "Give a big model few training images and many epochs."
        )
    if under_gap >= UNDERFIT_GAP:
        raise Wrong(
            f"your underfitting run already fits its training images {under_gap:.0%} better "
            "than new ones: that is the start of overfitting. Use a smaller model or "
            "fewer epochs."
        )
    if under_train > over_train - 0.2:
        raise Wrong(
            f"your underfitting run reaches {under_train:.0%} on its training images, close "
            f"to the overfitting run's {over_train:.0%}: an underfitting model cannot fit "
            "even its training images. Make it smaller or train it less."
        )
    for name, run in zip(("underfitting", "overfitting"), runs, strict=True):
        expect_validated_on(run, x_val, y_val, network=f"your {name} run")


underfit_and_overfit = Question(
    "two runs of your own: one that underfits and one that overfits",
    checker=_check_underfit_and_overfit,
    hint="Underfitting: a small model (build_model(hidden_units=())) for a few epochs, "
    "profile.epochs_for('exercise_underfit'). Overfitting: a big model "
    "(build_model(hidden_units=(1024,))) on a few images (x_train[:len(x_train) // 20]) for "
    "many epochs, profile.epochs_for('exercise_overfit'). Give validation_data=(x_val, y_val) "
    "to both.",
)


@underfit_and_overfit.solved_by
def _(build_model, x_train, y_train, x_val, y_val, profile):
    small = build_model(hidden_units=())  # the classification layer alone
    underfitting = small.fit(
        x_train,
        y_train,
        epochs=profile.epochs_for("exercise_underfit"),  # and only a few epochs
        validation_data=(x_val, y_val),
        verbose=2,
    )
    n_few = len(x_train) // 20  # 1,000 images in the workshop profile
    big = build_model(hidden_units=(1024,))
    overfitting = big.fit(
        x_train[:n_few],
        y_train[:n_few],
        epochs=profile.epochs_for("exercise_overfit"),  # many epochs on few images
        validation_data=(x_val, y_val),
        verbose=2,
    )
    p2p.plots.plot_history(underfitting, title="underfitting")
    p2p.plots.plot_history(overfitting, title="overfitting")
    return (underfitting, overfitting)


bind(
    globals(),
    [cat_as_dog, class_accuracies, confident_mistakes, best_epoch, underfit_and_overfit],
)
