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
    expect_number,
    expect_validation,
    history_of,
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


def example_predictions():
    """Labels and predicted probabilities shaped like the notebook's (for the tests)."""
    rng = np.random.default_rng(4)
    probabilities = rng.dirichlet(np.full(10, 0.3), size=60)
    y_test = rng.integers(0, 10, size=60)
    return {"y_test": y_test, "probabilities": probabilities}


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


cat_as_dog.mistake("row and column swapped", lambda: example_confusion[5, 3])
cat_as_dog.mistake("the correct cats", lambda: example_confusion[3, 3])
cat_as_dog.mistake("the whole cat row", lambda: example_confusion[3].sum())
cat_as_dog.mistake("a fraction", lambda: 0.22)
cat_as_dog.mistake("classes counted from 1", lambda: example_confusion[4, 6])
cat_as_dog.mistake("the whole dog column", lambda: example_confusion[:, 5].sum())


@cat_as_dog.alternative("a pandas table with the class names")
def _():
    table = pd.DataFrame(example_confusion, index=example_classes, columns=example_classes)
    return table.loc["cat", "dog"]


cat_as_dog.alternative("read off the plot", lambda: 22)
cat_as_dog.alternative("chained indexing, a float", lambda: float(example_confusion[3][5]))


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


class_accuracies.mistake(
    "column sums", lambda: np.diag(example_confusion) / example_confusion.sum(axis=0)
)
class_accuracies.mistake("counts, not fractions", lambda: np.diag(example_confusion))
class_accuracies.mistake(
    "overall accuracy", lambda: np.trace(example_confusion) / example_confusion.sum()
)
class_accuracies.mistake(
    "percentages", lambda: 100 * np.diag(example_confusion) / example_confusion.sum(axis=1)
)
class_accuracies.mistake(
    "divided by all images", lambda: np.diag(example_confusion) / example_confusion.sum()
)
class_accuracies.mistake(
    "error rates", lambda: 1 - np.diag(example_confusion) / example_confusion.sum(axis=1)
)
class_accuracies.mistake(
    "a dict without class names", lambda: dict(enumerate(np.diag(example_confusion) / 100))
)


@class_accuracies.alternative("a list comprehension")
def _():
    m = example_confusion
    return [m[i, i] / m[i].sum() for i in range(len(m))]


@class_accuracies.alternative("a pandas Series indexed by class name")
def _():
    m = example_confusion
    return pd.Series(np.diag(m) / m.sum(axis=1), index=example_classes)


@class_accuracies.alternative("a dict by class name, in another order")
def _():
    m = example_confusion
    pairs = reversed(list(enumerate(example_classes)))
    return {name: m[i, i] / m[i].sum() for i, name in pairs}


@class_accuracies.alternative("a column, shape (10, 1)")
def _():
    m = example_confusion
    return np.diag(m)[:, None] / m.sum(axis=1, keepdims=True)


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
    examples=example_predictions,
)


@confident_mistakes.solved_by
def _(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)  # positions of the mistakes
    confidence = probabilities[wrong, predicted[wrong]]  # how sure each mistake was
    return wrong[np.argsort(-confidence)][:5]  # most confident first


confident_mistakes.mistake("an empty list", lambda y_test, probabilities: [])
confident_mistakes.mistake(
    "most confident overall, right or wrong",
    lambda probabilities: np.argsort(-probabilities.max(axis=1))[:5],
)
confident_mistakes.mistake(
    "the first mistakes, unsorted",
    lambda y_test, probabilities: np.flatnonzero(probabilities.argmax(axis=1) != y_test)[:5],
)


@confident_mistakes.mistake("least confident first")
def _(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return wrong[np.argsort(probabilities[wrong, predicted[wrong]])][:5]


@confident_mistakes.mistake("the confidences, not the indices")
def _(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return np.sort(probabilities[wrong, predicted[wrong]])[::-1][:5]


@confident_mistakes.mistake("positions in the list of mistakes, not in x_test")
def _(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return np.argsort(-probabilities[wrong, predicted[wrong]])[:5]


@confident_mistakes.mistake("one index too few")
def _(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return wrong[np.argsort(-probabilities[wrong, predicted[wrong]])][:4]


@confident_mistakes.alternative("sorted upwards, then reversed; a list of Python ints")
def _(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    confidence = probabilities[wrong, predicted[wrong]]
    return wrong[np.argsort(confidence)[::-1]][:5].tolist()


@confident_mistakes.alternative("pandas: the largest confidences among the mistakes")
def _(y_test, probabilities):
    table = pd.DataFrame(
        {
            "true": y_test,
            "predicted": probabilities.argmax(axis=1),
            "confidence": probabilities.max(axis=1),
        }
    )
    mistakes = table[table["true"] != table["predicted"]]
    return mistakes["confidence"].nlargest(5).index


@confident_mistakes.alternative("a confidence of 0 for the right answers, then the top 5")
def _(y_test, probabilities):
    confidence = np.where(probabilities.argmax(axis=1) != y_test, probabilities.max(axis=1), 0.0)
    return np.argsort(-confidence)[:5]


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


best_epoch.mistake("counted from 0", lambda: int(np.argmin(example_history["val_loss"])))
best_epoch.mistake("the lowest training loss", lambda: int(np.argmin(example_history["loss"])) + 1)
best_epoch.mistake("the last epoch", lambda: 12)
best_epoch.mistake("a string", lambda: "epoch 5")
best_epoch.mistake("one epoch late", lambda: 6)
best_epoch.mistake(
    "the highest validation loss", lambda: int(np.argmax(example_history["val_loss"])) + 1
)


@best_epoch.alternative("list.index of the minimum")
def _():
    losses = example_history["val_loss"]
    return losses.index(min(losses)) + 1


best_epoch.alternative("a NumPy integer", lambda: np.argmin(example_history["val_loss"]) + 1)
best_epoch.alternative("read off the plot, a float", lambda: 5.0)


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


def _check_underfit_and_overfit(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise Wrong("expected two things in a tuple: (underfitting_run, overfitting_run).")
    mine = [expect_history(run)[0] for run in answer]
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


def _example_data() -> dict:
    """The notebook's data, build_model and profile (the active profile's sizes)."""
    import keras

    from ..data import load_data
    from ..profiles import get_profile

    data = load_data()

    def build_model(hidden_units=(512, 256)):
        layers = [
            keras.Input(shape=data.x_train.shape[1:]),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
        ]
        layers += [keras.layers.Dense(units, activation="relu") for units in hidden_units]
        layers.append(keras.layers.Dense(10, activation="softmax"))
        model = keras.Sequential(layers)
        model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=0.001),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        return model

    return {
        "x_train": data.x_train,
        "y_train": data.y_train,
        "x_val": data.x_val,
        "y_val": data.y_val,
        "build_model": build_model,
        "profile": get_profile(),
    }


underfit_and_overfit = Question(
    "two runs of your own: one that underfits and one that overfits",
    checker=_check_underfit_and_overfit,
    hint="Underfitting: a small model (build_model(hidden_units=())) for a few epochs, "
    "profile.epochs_for('exercise_underfit'). Overfitting: a big model "
    "(build_model(hidden_units=(1024,))) on a few images (x_train[:1000]) for many epochs, "
    "profile.epochs_for('exercise_overfit'). Give validation_data=(x_val, y_val) to both.",
    examples=_example_data,
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


def _curves(train, val):
    """A made-up History whose accuracies climb to ``train`` and ``val``."""
    n = 5
    return history_of(
        {
            "loss": list(np.linspace(2.0, 1.0, n)),
            "accuracy": list(np.linspace(0.2, train, n)),
            "val_loss": list(np.linspace(2.0, 1.6, n)),
            "val_accuracy": list(np.linspace(0.2, val, n)),
        }
    )


underfit_and_overfit.mistake(
    "the two the wrong way round", lambda: (_curves(0.95, 0.4), _curves(0.35, 0.34))
)
underfit_and_overfit.mistake(
    "an 'overfit' run without a gap", lambda: (_curves(0.35, 0.34), _curves(0.5, 0.45))
)
underfit_and_overfit.mistake(
    "an 'underfit' run that overfits already",
    lambda: (_curves(0.6, 0.4), _curves(0.95, 0.4)),
)
underfit_and_overfit.mistake(
    "an 'underfit' run that fits its training images well",
    lambda: (_curves(0.8, 0.78), _curves(0.95, 0.4)),
)
underfit_and_overfit.mistake("one run only", lambda: _curves(0.95, 0.4))
underfit_and_overfit.mistake(
    "no validation data",
    lambda: (
        history_of({"loss": [1.0], "accuracy": [0.3]}),
        history_of({"loss": [0.1], "accuracy": [0.99]}),
    ),
)
underfit_and_overfit.alternative(
    "the .history dicts", lambda: (_curves(0.35, 0.34).history, _curves(0.95, 0.4).history)
)
underfit_and_overfit.alternative(
    "a list instead of a tuple", lambda: [_curves(0.3, 0.31), _curves(0.9, 0.5)]
)


bind(
    globals(),
    [cat_as_dog, class_accuracies, confident_mistakes, best_epoch, underfit_and_overfit],
)
