"""The test side of notebook 04's exercises (:mod:`p2p.exercises.nb04`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from p2p.exercises.nb04 import example_classes, example_confusion, example_history

from tests.exercises import history_of


def example_predictions():
    """Labels and predicted probabilities shaped like the notebook's (for the tests)."""
    rng = np.random.default_rng(4)
    probabilities = rng.dirichlet(np.full(10, 0.3), size=60)
    y_test = rng.integers(0, 10, size=60)
    return {"y_test": y_test, "probabilities": probabilities}


def _a_pandas_table_with_the_class_names():
    table = pd.DataFrame(example_confusion, index=example_classes, columns=example_classes)
    return table.loc["cat", "dog"]


def _a_list_comprehension():
    m = example_confusion
    return [m[i, i] / m[i].sum() for i in range(len(m))]


def _a_pandas_series_indexed_by_class_name():
    m = example_confusion
    return pd.Series(np.diag(m) / m.sum(axis=1), index=example_classes)


def _a_dict_by_class_name_in_another_order():
    m = example_confusion
    pairs = reversed(list(enumerate(example_classes)))
    return {name: m[i, i] / m[i].sum() for i, name in pairs}


def _a_column_shape_10_1():
    m = example_confusion
    return np.diag(m)[:, None] / m.sum(axis=1, keepdims=True)


def _least_confident_first(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return wrong[np.argsort(probabilities[wrong, predicted[wrong]])][:5]


def _the_confidences_not_the_indices(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return np.sort(probabilities[wrong, predicted[wrong]])[::-1][:5]


def _positions_in_the_list_of_mistakes_not(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return np.argsort(-probabilities[wrong, predicted[wrong]])[:5]


def _one_index_too_few(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    return wrong[np.argsort(-probabilities[wrong, predicted[wrong]])][:4]


def _sorted_upwards_then_reversed_a_list_of(y_test, probabilities):
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_test)
    confidence = probabilities[wrong, predicted[wrong]]
    return wrong[np.argsort(confidence)[::-1]][:5].tolist()


def _pandas_the_largest_confidences_among(y_test, probabilities):
    table = pd.DataFrame(
        {
            "true": y_test,
            "predicted": probabilities.argmax(axis=1),
            "confidence": probabilities.max(axis=1),
        }
    )
    mistakes = table[table["true"] != table["predicted"]]
    return mistakes["confidence"].nlargest(5).index


def _a_confidence_of_0_for_the_right(y_test, probabilities):
    confidence = np.where(probabilities.argmax(axis=1) != y_test, probabilities.max(axis=1), 0.0)
    return np.argsort(-confidence)[:5]


def _list_index_of_the_minimum():
    losses = example_history["val_loss"]
    return losses.index(min(losses)) + 1


def _example_data() -> dict:
    """The notebook's data, build_model and profile (the active profile's sizes)."""
    import keras

    from p2p.data import load_data
    from p2p.profiles import get_profile

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


def _real_runs(
    build_model, x_train, y_train, x_val, y_val, profile, under_on_train=False, n_few=None
):
    """The underfitting and overfitting runs, for real: the underfitting one validated on
    its own training images, or the overfitting one on ``n_few`` images."""
    under = build_model(hidden_units=()).fit(
        x_train,
        y_train,
        epochs=profile.epochs_for("exercise_underfit"),
        validation_data=(x_train[:200], y_train[:200]) if under_on_train else (x_val, y_val),
        verbose=0,
    )
    n_few = n_few or len(x_train) // 20
    over = build_model(hidden_units=(1024,)).fit(
        x_train[:n_few],
        y_train[:n_few],
        epochs=profile.epochs_for("exercise_overfit"),
        validation_data=(x_val, y_val),
        verbose=0,
    )
    return under, over


EXAMPLES = {
    "q3": example_predictions,
    "q5": _example_data,
}

MISTAKES = {
    "q1": [
        ("row and column swapped", lambda: example_confusion[5, 3]),
        ("the correct cats", lambda: example_confusion[3, 3]),
        ("the whole cat row", lambda: example_confusion[3].sum()),
        ("a fraction", lambda: 0.22),
        ("classes counted from 1", lambda: example_confusion[4, 6]),
        ("the whole dog column", lambda: example_confusion[:, 5].sum()),
    ],
    "q2": [
        ("column sums", lambda: np.diag(example_confusion) / example_confusion.sum(axis=0)),
        ("counts, not fractions", lambda: np.diag(example_confusion)),
        ("overall accuracy", lambda: np.trace(example_confusion) / example_confusion.sum()),
        ("percentages", lambda: 100 * np.diag(example_confusion) / example_confusion.sum(axis=1)),
        ("divided by all images", lambda: np.diag(example_confusion) / example_confusion.sum()),
        ("error rates", lambda: 1 - np.diag(example_confusion) / example_confusion.sum(axis=1)),
        ("a dict without class names", lambda: dict(enumerate(np.diag(example_confusion) / 100))),
    ],
    "q3": [
        ("an empty list", lambda y_test, probabilities: []),
        (
            "most confident overall, right or wrong",
            lambda probabilities: np.argsort(-probabilities.max(axis=1))[:5],
        ),
        (
            "the first mistakes, unsorted",
            lambda y_test, probabilities: np.flatnonzero(probabilities.argmax(axis=1) != y_test)[
                :5
            ],
        ),
        ("least confident first", _least_confident_first),
        ("the confidences, not the indices", _the_confidences_not_the_indices),
        (
            "positions in the list of mistakes, not in x_test",
            _positions_in_the_list_of_mistakes_not,
        ),
        ("one index too few", _one_index_too_few),
    ],
    "q4": [
        ("counted from 0", lambda: int(np.argmin(example_history["val_loss"]))),
        ("the lowest training loss", lambda: int(np.argmin(example_history["loss"])) + 1),
        ("the last epoch", lambda: 12),
        ("a string", lambda: "epoch 5"),
        ("one epoch late", lambda: 6),
        ("the highest validation loss", lambda: int(np.argmax(example_history["val_loss"])) + 1),
    ],
    "q5": [
        ("the two the wrong way round", lambda: (_curves(0.95, 0.4), _curves(0.35, 0.34))),
        ("an 'overfit' run without a gap", lambda: (_curves(0.35, 0.34), _curves(0.5, 0.45))),
        (
            "an 'underfit' run that overfits already",
            lambda: (_curves(0.6, 0.4), _curves(0.95, 0.4)),
        ),
        (
            "an 'underfit' run that fits its training images well",
            lambda: (_curves(0.8, 0.78), _curves(0.95, 0.4)),
        ),
        ("one run only", lambda: _curves(0.95, 0.4)),
        (
            "the .history dicts: the check cannot see the networks",
            lambda: (_curves(0.35, 0.34).history, _curves(0.95, 0.4).history),
        ),
        (
            "the underfitting run validated on its own training images",
            lambda **data: _real_runs(**data, under_on_train=True),
        ),
        (
            "no validation data",
            lambda: (
                history_of({"loss": [1.0], "accuracy": [0.3]}),
                history_of({"loss": [0.1], "accuracy": [0.99]}),
            ),
        ),
    ],
}

ALTERNATIVES = {
    "q1": [
        ("a pandas table with the class names", _a_pandas_table_with_the_class_names),
        ("read off the plot", lambda: 22),
        ("chained indexing, a float", lambda: float(example_confusion[3][5])),
    ],
    "q2": [
        ("a list comprehension", _a_list_comprehension),
        ("a pandas Series indexed by class name", _a_pandas_series_indexed_by_class_name),
        ("a dict by class name, in another order", _a_dict_by_class_name_in_another_order),
        ("a column, shape (10, 1)", _a_column_shape_10_1),
    ],
    "q3": [
        (
            "sorted upwards, then reversed; a list of Python ints",
            _sorted_upwards_then_reversed_a_list_of,
        ),
        (
            "pandas: the largest confidences among the mistakes",
            _pandas_the_largest_confidences_among,
        ),
        (
            "a confidence of 0 for the right answers, then the top 5",
            _a_confidence_of_0_for_the_right,
        ),
    ],
    "q4": [
        ("list.index of the minimum", _list_index_of_the_minimum),
        ("a NumPy integer", lambda: np.argmin(example_history["val_loss"]) + 1),
        ("read off the plot, a float", lambda: 5.0),
    ],
    "q5": [
        ("a list instead of a tuple", lambda **data: list(_real_runs(**data))),
        ("the overfitting run on 20 images", lambda **data: _real_runs(**data, n_few=20)),
    ],
}
