"""Exercises of notebook 04: visualising data and training."""

from __future__ import annotations

import numpy as np

from ..data import CIFAR10_CLASSES
from .checks import expect_array, expect_number
from .core import Question, Wrong

EXAMPLE_CLASSES = list(CIFAR10_CLASSES)
"""The class names of :data:`EXAMPLE_CONFUSION` (CIFAR-10's)."""

EXAMPLE_CONFUSION = np.array(
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
Rows are true classes, columns predicted classes, in the order of :data:`EXAMPLE_CLASSES`."""

_CAT, _DOG = EXAMPLE_CLASSES.index("cat"), EXAMPLE_CLASSES.index("dog")

# ----------------------------------------------------------------------------- q1


def _check_q1(answer):
    value = expect_number(answer, "a whole number of images")
    m = EXAMPLE_CONFUSION
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
    if 0 < value < 1:
        raise Wrong("count images (a whole number), not a fraction.")
    raise Wrong(
        f"{value:g} is not it. Find the row of the true class and the column of the prediction."
    )


q1 = Question(
    notebook="04",
    number=1,
    title="in the example confusion matrix, how many cat images were predicted as dog?",
    checker=_check_q1,
    hint="Rows are true classes, columns are predicted classes. Find the row 'cat' and "
    "the column 'dog'; in NumPy, the class names' positions give the indices.",
    setup="from p2p.exercises.nb04 import EXAMPLE_CONFUSION, EXAMPLE_CLASSES",
    solution="""
        cat, dog = EXAMPLE_CLASSES.index("cat"), EXAMPLE_CLASSES.index("dog")
        answer = EXAMPLE_CONFUSION[cat, dog]      # row: true cat, column: predicted dog
    """,
    mistakes=[
        ("row and column swapped", "answer = EXAMPLE_CONFUSION[5, 3]"),
        ("the correct cats", "answer = EXAMPLE_CONFUSION[3, 3]"),
        ("the whole cat row", "answer = EXAMPLE_CONFUSION[3].sum()"),
        ("a fraction", "answer = 0.22"),
    ],
)

# ----------------------------------------------------------------------------- q2


def _check_q2(answer):
    m = EXAMPLE_CONFUSION.astype(float)
    expected = np.diag(m) / m.sum(axis=1)
    if isinstance(answer, int | float | np.number):
        if np.isclose(float(answer), np.trace(m) / m.sum()):
            raise Wrong(
                "that is the overall accuracy; the question asks for one accuracy per class."
            )
        raise Wrong("expected one accuracy per class (10 numbers), got a single number.")
    values = expect_array(getattr(answer, "values", answer), "the per-class accuracies")
    values = values.reshape(-1) if values.size == len(expected) else values
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
    wrong = np.flatnonzero(~np.isclose(values, expected, atol=1e-3))
    if wrong.size:
        name = EXAMPLE_CLASSES[wrong[0]]
        raise Wrong(f"the accuracy of {name} is not {values[wrong[0]]:.3f}; look at its row again.")


q2 = Question(
    notebook="04",
    number=2,
    title="the accuracy of every class, from the example confusion matrix",
    checker=_check_q2,
    hint="For each class: the correct predictions (the diagonal, np.diag) divided by the "
    "number of images of that class (the row sum, .sum(axis=1)).",
    setup="from p2p.exercises.nb04 import EXAMPLE_CONFUSION\nimport numpy as np",
    solution="""
        correct = np.diag(EXAMPLE_CONFUSION)            # right answers per true class
        images = EXAMPLE_CONFUSION.sum(axis=1)          # images per true class (row sums)
        answer = correct / images
    """,
    mistakes=[
        ("column sums", "answer = np.diag(EXAMPLE_CONFUSION) / EXAMPLE_CONFUSION.sum(axis=0)"),
        ("counts, not fractions", "answer = np.diag(EXAMPLE_CONFUSION)"),
        ("overall accuracy", "answer = np.trace(EXAMPLE_CONFUSION) / EXAMPLE_CONFUSION.sum()"),
        (
            "percentages",
            "answer = 100 * np.diag(EXAMPLE_CONFUSION) / EXAMPLE_CONFUSION.sum(axis=1)",
        ),
    ],
)

# ----------------------------------------------------------------------------- q3

Q3_COUNT = 5


def example_predictions():
    """Labels and predicted probabilities shaped like the notebook's (for the tests of q3)."""
    rng = np.random.default_rng(4)
    probabilities = rng.dirichlet(np.full(10, 0.3), size=60)
    y_test = rng.integers(0, 10, size=60)
    return {"y_test": y_test, "probabilities": probabilities}


def _check_q3(answer, y_test=None, probabilities=None):
    if y_test is None or probabilities is None:
        raise Wrong(
            "pass the labels and the predictions too: "
            "q3.check(answer, y_test=y_test, probabilities=probabilities)."
        )
    y_true = np.asarray(y_test).reshape(-1).astype(int)
    probabilities = np.asarray(probabilities, dtype=float)
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_true)
    confidence = probabilities[wrong, predicted[wrong]]
    expected = wrong[np.argsort(-confidence, kind="stable")][:Q3_COUNT]
    indices = expect_array(answer, f"the indices of {Q3_COUNT} test images").reshape(-1)
    if not np.issubdtype(indices.dtype, np.integer):
        if np.issubdtype(indices.dtype, np.floating) and np.all(indices <= 1.0):
            raise Wrong(
                "these look like probabilities; give the positions (indices) of the images."
            )
        raise Wrong("give the positions of the images as whole numbers (indices).")
    if len(indices) != len(expected):
        raise Wrong(f"expected {len(expected)} image indices; yours has {len(indices)}.")
    if np.any((indices < 0) | (indices >= len(y_true))):
        raise Wrong(f"indices go from 0 to {len(y_true) - 1}; yours include {indices.max()}.")
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


q3 = Question(
    notebook="04",
    number=3,
    title=f"the indices of the {Q3_COUNT} most confident mistakes, most confident first",
    checker=_check_q3,
    hint="predicted = probabilities.argmax(axis=1); the mistakes are np.flatnonzero(predicted != "
    "y_test); their confidence is probabilities[mistakes, predicted[mistakes]]; np.argsort of "
    "minus the confidence puts the highest first.",
    setup="import numpy as np",
    solution=f"""
        predicted = probabilities.argmax(axis=1)
        wrong = np.flatnonzero(predicted != y_test)             # positions of the mistakes
        confidence = probabilities[wrong, predicted[wrong]]     # how sure each mistake was
        answer = wrong[np.argsort(-confidence)][:{Q3_COUNT}]    # most confident first
    """,
    mistakes=[
        (
            "most confident overall, right or wrong",
            f"answer = np.argsort(-probabilities.max(axis=1))[:{Q3_COUNT}]",
        ),
        (
            "the first mistakes, unsorted",
            f"answer = np.flatnonzero(probabilities.argmax(axis=1) != y_test)[:{Q3_COUNT}]",
        ),
        (
            "least confident first",
            f"""
            predicted = probabilities.argmax(axis=1)
            wrong = np.flatnonzero(predicted != y_test)
            answer = wrong[np.argsort(probabilities[wrong, predicted[wrong]])][:{Q3_COUNT}]
        """,
        ),
        (
            "the confidences, not the indices",
            f"""
            predicted = probabilities.argmax(axis=1)
            wrong = np.flatnonzero(predicted != y_test)
            answer = np.sort(probabilities[wrong, predicted[wrong]])[::-1][:{Q3_COUNT}]
        """,
        ),
    ],
    example_context=example_predictions,
)

# ----------------------------------------------------------------------------- q4

EXAMPLE_HISTORY = {
    "loss": [2.05, 1.78, 1.62, 1.50, 1.39, 1.29, 1.19, 1.09, 0.99, 0.90, 0.81, 0.73],
    "accuracy": [0.26, 0.37, 0.43, 0.47, 0.51, 0.54, 0.58, 0.61, 0.65, 0.68, 0.71, 0.74],
    "val_loss": [1.86, 1.72, 1.64, 1.60, 1.58, 1.61, 1.65, 1.71, 1.79, 1.88, 1.99, 2.11],
    "val_accuracy": [0.33, 0.39, 0.42, 0.44, 0.45, 0.44, 0.44, 0.43, 0.42, 0.42, 0.41, 0.40],
}
"""The history of a training run that overfits (for q4): twelve epochs."""


def _check_q4(answer):
    value = expect_number(answer, "an epoch number")
    val_loss = np.asarray(EXAMPLE_HISTORY["val_loss"])
    best = int(val_loss.argmin()) + 1
    if value == best:
        return
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


q4 = Question(
    notebook="04",
    number=4,
    title="the epoch where the overfitting run should have stopped (lowest validation loss)",
    checker=_check_q4,
    hint="Look for the lowest point of the validation loss curve, not the training one. "
    "np.argmin gives its position counted from 0; epochs on the plot count from 1.",
    setup="from p2p.exercises.nb04 import EXAMPLE_HISTORY\nimport numpy as np",
    solution="""
        answer = int(np.argmin(EXAMPLE_HISTORY["val_loss"])) + 1   # epochs count from 1
    """,
    mistakes=[
        ("counted from 0", 'answer = int(np.argmin(EXAMPLE_HISTORY["val_loss"]))'),
        ("the lowest training loss", 'answer = int(np.argmin(EXAMPLE_HISTORY["loss"])) + 1'),
        ("the last epoch", "answer = 12"),
        ("a string", "answer = 'epoch 5'"),
    ],
)
