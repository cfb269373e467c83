"""Exercises of notebook 04: visualising data and training."""

from __future__ import annotations

import numbers

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
    if value == m[:, _DOG].sum():
        raise Wrong("that is the number of all images predicted as dog (the whole column).")
    if value in (m[_CAT + 1, _DOG + 1], m[_CAT - 1, _DOG - 1]):
        raise Wrong(
            f"that cell is one row and one column off. Python counts from 0: "
            f"EXAMPLE_CLASSES.index('cat') is {_CAT}, EXAMPLE_CLASSES.index('dog') is {_DOG}."
        )
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
        ("classes counted from 1", "answer = EXAMPLE_CONFUSION[4, 6]"),
        ("the whole dog column", "answer = EXAMPLE_CONFUSION[:, 5].sum()"),
    ],
    alternatives=[
        (
            "a pandas table with the class names",
            """
            import pandas as pd
            table = pd.DataFrame(EXAMPLE_CONFUSION, index=EXAMPLE_CLASSES, columns=EXAMPLE_CLASSES)
            answer = table.loc["cat", "dog"]
            """,
        ),
        ("read off the plot", "answer = 22"),
        ("chained indexing, a float", "answer = float(EXAMPLE_CONFUSION[3][5])"),
    ],
)

# ----------------------------------------------------------------------------- q2


def _by_class_name(answer):
    """A dict or pandas Series keyed by the class names as a list in the classes' order."""
    import pandas as pd

    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:  # one column of accuracies
        answer = answer.iloc[:, 0]
    if isinstance(answer, pd.Series) and set(map(str, answer.index)) == set(EXAMPLE_CLASSES):
        return [answer[name] for name in EXAMPLE_CLASSES]
    if isinstance(answer, dict):
        if set(map(str, answer)) != set(EXAMPLE_CLASSES):
            raise Wrong(
                "give the ten accuracies as an array in the order of the classes (a dict "
                "would need the ten class names as its keys)."
            )
        return [answer[name] for name in EXAMPLE_CLASSES]
    return answer


def _check_q2(answer):
    m = EXAMPLE_CONFUSION.astype(float)
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
        ("divided by all images", "answer = np.diag(EXAMPLE_CONFUSION) / EXAMPLE_CONFUSION.sum()"),
        (
            "error rates",
            "answer = 1 - np.diag(EXAMPLE_CONFUSION) / EXAMPLE_CONFUSION.sum(axis=1)",
        ),
        (
            "a dict without class names",
            "answer = dict(enumerate(np.diag(EXAMPLE_CONFUSION) / 100))",
        ),
    ],
    alternatives=[
        (
            "a list comprehension",
            "m = EXAMPLE_CONFUSION\nanswer = [m[i, i] / m[i].sum() for i in range(len(m))]",
        ),
        (
            "a pandas Series indexed by class name",
            """
            import pandas as pd
            from p2p.exercises.nb04 import EXAMPLE_CLASSES
            m = EXAMPLE_CONFUSION
            answer = pd.Series(np.diag(m) / m.sum(axis=1), index=EXAMPLE_CLASSES)
            """,
        ),
        (
            "a dict by class name, in another order",
            """
            from p2p.exercises.nb04 import EXAMPLE_CLASSES
            m = EXAMPLE_CONFUSION
            pairs = reversed(list(enumerate(EXAMPLE_CLASSES)))
            answer = {name: m[i, i] / m[i].sum() for i, name in pairs}
            """,
        ),
        (
            "a column, shape (10, 1)",
            "m = EXAMPLE_CONFUSION\nanswer = np.diag(m)[:, None] / m.sum(axis=1, keepdims=True)",
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
    probabilities = np.asarray(probabilities, dtype=float)
    y_true = np.asarray(y_test)
    if y_true.ndim == 2 and y_true.shape[1] == probabilities.shape[1] > 1:  # one-hot labels
        y_true = y_true.argmax(axis=1)
    y_true = y_true.reshape(-1).astype(int)
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_true)
    confidence = probabilities[wrong, predicted[wrong]]
    order = np.argsort(-confidence, kind="stable")
    expected = wrong[order][:Q3_COUNT]
    if isinstance(answer, numbers.Number | np.generic) and not isinstance(answer, bool):
        raise Wrong(f"that is one number; give the indices of {Q3_COUNT} images.")
    indices = expect_array(answer, f"the indices of {Q3_COUNT} test images").reshape(-1)
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
    if np.array_equal(indices, order[:Q3_COUNT]) and not np.array_equal(indices, expected):
        raise Wrong(
            "these are positions in your array of mistakes, not in x_test. Use them to "
            "index the array that holds the mistakes' positions in x_test: wrong[order][:5]."
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
        (
            "positions in the list of mistakes, not in x_test",
            f"""
            predicted = probabilities.argmax(axis=1)
            wrong = np.flatnonzero(predicted != y_test)
            answer = np.argsort(-probabilities[wrong, predicted[wrong]])[:{Q3_COUNT}]
        """,
        ),
        (
            "one index too few",
            f"""
            predicted = probabilities.argmax(axis=1)
            wrong = np.flatnonzero(predicted != y_test)
            answer = wrong[np.argsort(-probabilities[wrong, predicted[wrong]])][:{Q3_COUNT - 1}]
        """,
        ),
    ],
    alternatives=[
        (
            "sorted upwards, then reversed; a list of Python ints",
            f"""
            predicted = probabilities.argmax(axis=1)
            wrong = np.flatnonzero(predicted != y_test)
            confidence = probabilities[wrong, predicted[wrong]]
            answer = wrong[np.argsort(confidence)[::-1]][:{Q3_COUNT}].tolist()
        """,
        ),
        (
            "pandas: the largest confidences among the mistakes",
            f"""
            import pandas as pd
            table = pd.DataFrame({{"true": y_test, "predicted": probabilities.argmax(axis=1),
                                  "confidence": probabilities.max(axis=1)}})
            mistakes = table[table["true"] != table["predicted"]]
            answer = mistakes["confidence"].nlargest({Q3_COUNT}).index
        """,
        ),
        (
            "a confidence of 0 for the right answers, then the top 5",
            f"""
            confidence = np.where(probabilities.argmax(axis=1) != y_test,
                                  probabilities.max(axis=1), 0.0)
            answer = np.argsort(-confidence)[:{Q3_COUNT}]
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
        ("one epoch late", "answer = 6"),
        ("the highest validation loss", 'answer = int(np.argmax(EXAMPLE_HISTORY["val_loss"])) + 1'),
    ],
    alternatives=[
        (
            "list.index of the minimum",
            'losses = EXAMPLE_HISTORY["val_loss"]\nanswer = losses.index(min(losses)) + 1',
        ),
        ("a NumPy integer", 'answer = np.argmin(EXAMPLE_HISTORY["val_loss"]) + 1'),
        ("read off the plot, a float", "answer = 5.0"),
    ],
)
