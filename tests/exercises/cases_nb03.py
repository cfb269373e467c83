"""The test side of notebook 03's exercises (:mod:`p2p.exercises.nb03`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd

from p2p.exercises.nb03 import ACCURACY_COLUMN
from p2p.profiles import get_profile

from tests.exercises import history_of


def example_comparison():
    """A comparison table shaped like the notebook's (for the tests of q3)."""
    return pd.DataFrame(
        {ACCURACY_COLUMN: [0.31, 0.39, 0.37, 0.42], "final val_loss": [1.92, 1.71, 1.80, 1.65]},
        index=pd.Index(["SGD", "SGD with momentum", "RMSprop", "Adam"], name="optimizer"),
    )


def _model(*layers, flatten=True, rescaling=None):
    """A Sequential model on a 32x32x3 input: ``Rescaling(rescaling)`` if given, then
    Flatten (unless ``flatten=False``), then ``layers``."""
    first = [keras.Input(shape=(32, 32, 3))]
    first += [keras.layers.Rescaling(rescaling)] if rescaling is not None else []
    first += [keras.layers.Flatten()] if flatten else []
    return keras.Sequential([*first, *layers])


def _dense(units, activation="relu"):
    return keras.layers.Dense(units, activation=activation)


def _output(activation="softmax"):
    return keras.layers.Dense(10, activation=activation)


def _the_functional_api_activations_as():
    inputs = keras.Input(shape=(32, 32, 3))
    x = keras.layers.Rescaling(1.0 / 255.0)(inputs)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(256, activation=keras.activations.relu)(x)
    x = keras.layers.Dense(128, activation=keras.activations.relu)(x)
    outputs = keras.layers.Dense(10, activation=keras.activations.softmax)(x)
    return keras.Model(inputs, outputs)


def _counted_by_keras():
    model = keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Flatten(),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    return model.count_params()


def _a_numpy_integer():
    sizes = np.array([32 * 32 * 3, 256, 128, 10])
    return np.sum(sizes[:-1] * sizes[1:] + sizes[1:])


def _example_runs() -> dict:
    """The notebook's train_from_start and its plain-SGD run, on the active profile's data."""
    from p2p.data import load_data

    data = load_data()
    epochs = get_profile().epochs_for("optimizers")

    def build():
        return keras.Sequential(
            [
                keras.Input(shape=data.x_train.shape[1:]),
                keras.layers.Rescaling(1 / 255),
                keras.layers.Flatten(),
                keras.layers.Dense(512, activation="relu"),
                keras.layers.Dense(256, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )

    start_weights = build().get_weights()

    def train_from_start(optimizer, epochs):
        candidate = build()
        candidate.set_weights(start_weights)
        candidate.compile(
            optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )
        return candidate.fit(
            data.x_train,
            data.y_train,
            batch_size=128,
            epochs=epochs,
            validation_data=data.val,
            verbose=0,
        )

    baseline = train_from_start(keras.optimizers.SGD(learning_rate=0.01), epochs)
    return {
        "train_from_start": train_from_start,
        "profile": get_profile(),
        "optimizer_histories": {"SGD": baseline},
    }


def _sgd_run(rate, val_accuracy, momentum=0.0):
    """A made-up History of a model compiled with SGD at ``rate``."""
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(10)])
    optimizer = keras.optimizers.SGD(learning_rate=rate, momentum=momentum)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    n = len(val_accuracy)
    return history_of(
        {
            "loss": list(np.linspace(2.0, 1.5, n)),
            "accuracy": [v + 0.05 for v in val_accuracy],
            "val_loss": list(np.linspace(2.0, 1.6, n)),
            "val_accuracy": list(val_accuracy),
        },
        model,
    )


def _sweep(best=0.03):
    """A made-up sweep over 0.003, 0.01 and 0.03 in which ``best`` does best."""
    runs = {
        rate: _sgd_run(rate, [0.25, 0.30, 0.35 if rate == best else 0.31])
        for rate in (0.003, 0.01, 0.03)
    }
    return runs


EXAMPLES = {
    "q3": lambda: {"comparison": example_comparison()},
    "q5": _example_runs,
}

MISTAKES = {
    "q1": [
        (
            "hidden layers without activation",
            lambda: _model(_dense(256, None), _dense(128, None), _output()),
        ),
        (
            "layers in the wrong order",
            lambda: _model(_dense(128), _dense(256), _output(), rescaling=1 / 255),
        ),
        (
            "Rescaling multiplies by 255",
            lambda: _model(_dense(256), _dense(128), _output(), rescaling=255),
        ),
        ("one hidden layer only", lambda: _model(_dense(256), _output(), rescaling=1 / 255)),
        ("relu on the output layer", lambda: _model(_dense(256), _dense(128), _dense(10))),
        ("no Flatten", lambda: _model(_dense(256), _dense(128), _output(), flatten=False)),
        (
            "a list of layers, not a model",
            lambda: [keras.layers.Dense(256), keras.layers.Dense(128)],
        ),
        (
            "sigmoid hidden layers",
            lambda: _model(_dense(256, "sigmoid"), _dense(128, "sigmoid"), _output()),
        ),
        (
            "a Dropout layer between the hidden layers",
            lambda: _model(_dense(256), keras.layers.Dropout(0.5), _dense(128), _output()),
        ),
    ],
    "q2": [
        ("forgot the biases", lambda: 32 * 32 * 3 * 256 + 256 * 128 + 128 * 10),
        ("the first layer only", lambda: 32 * 32 * 3 * 256 + 256),
        (
            "forgot the colour channels",
            lambda: 32 * 32 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10,
        ),
        ("a string", lambda: "820874"),
        (
            "the notebook's 512 + 256 model, counted with model.count_params()",
            lambda: 3072 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10,
        ),
        ("the method itself, without ()", lambda: keras.Model.count_params),
        (
            "counted the 3,072 inputs as parameters too",
            lambda: 3072 + 32 * 32 * 3 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10,
        ),
    ],
    "q3": [
        ("the lowest", lambda comparison: comparison["final val_accuracy"].idxmin()),
        (
            "the accuracy instead of the name",
            lambda comparison: comparison["final val_accuracy"].max(),
        ),
        ("the first row", lambda comparison: comparison.index[0]),
        (
            "the row position from .argmax()",
            lambda comparison: comparison[ACCURACY_COLUMN].argmax(),
        ),
        ("a name not in the table", lambda: "Adagrad"),
        (
            "the whole row",
            lambda comparison: comparison.loc[comparison["final val_accuracy"].idxmax()],
        ),
        ("the second best", lambda: "SGD with momentum"),
    ],
    "q4": [
        (
            "watches the training loss",
            lambda: keras.callbacks.EarlyStopping(
                monitor="loss", patience=3, restore_best_weights=True
            ),
        ),
        (
            "default patience",
            lambda: keras.callbacks.EarlyStopping(monitor="val_loss", restore_best_weights=True),
        ),
        (
            "keeps the last weights",
            lambda: keras.callbacks.EarlyStopping(monitor="val_loss", patience=3),
        ),
        (
            "a checkpoint instead",
            lambda: keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss"),
        ),
        ("the class, not a callback", lambda: keras.callbacks.EarlyStopping),
        (
            "mode='max' for a loss",
            lambda: keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=3, mode="max", restore_best_weights=True
            ),
        ),
        (
            "patience 2",
            lambda: keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=2, restore_best_weights=True
            ),
        ),
        (
            "watches the validation accuracy",
            lambda: keras.callbacks.EarlyStopping(
                monitor="val_accuracy", patience=3, restore_best_weights=True
            ),
        ),
    ],
    "q5": [
        ("chose the worst", lambda: (_sweep(), 0.003)),
        ("only one rate", lambda: ({0.01: _sgd_run(0.01, [0.3])}, 0.01)),
        (
            "only larger rates",
            lambda: ({rate: _sgd_run(rate, [0.3]) for rate in (0.01, 0.03, 0.1)}, 0.03),
        ),
        (
            "momentum in one run",
            lambda: (_sweep() | {0.03: _sgd_run(0.03, [0.25, 0.3, 0.35], momentum=0.9)}, 0.03),
        ),
        (
            "a run filed under the wrong rate",
            lambda: (_sweep() | {0.03: _sgd_run(0.1, [0.25, 0.3, 0.35])}, 0.03),
        ),
        (
            "runs of different lengths",
            lambda: (_sweep() | {0.03: _sgd_run(0.03, [0.25, 0.3, 0.35, 0.36])}, 0.03),
        ),
        ("a rate that was not tried", lambda: (_sweep(), 0.1)),
        ("no best rate", lambda: _sweep()),
    ],
}

ALTERNATIVES = {
    "q1": [
        ("without Rescaling", lambda: _model(_dense(256), _dense(128), _output())),
        (
            "separate ReLU and Softmax layers",
            lambda: _model(
                _dense(256, None),
                keras.layers.ReLU(),
                _dense(128, None),
                keras.layers.Activation("relu"),
                _dense(10, None),
                keras.layers.Softmax(),
                rescaling=1 / 255,
            ),
        ),
        ("the Functional API, activations as functions", _the_functional_api_activations_as),
    ],
    "q2": [
        ("counted by Keras", _counted_by_keras),
        ("a NumPy integer", _a_numpy_integer),
        ("a float", lambda: 820874.0),
    ],
    "q3": [
        ("in lower case", lambda comparison: comparison["final val_accuracy"].idxmax().lower()),
        (
            "the last row after sorting",
            lambda comparison: comparison.sort_values("final val_accuracy").index[-1],
        ),
        ("a list holding the name", lambda comparison: [comparison["final val_accuracy"].idxmax()]),
        ("typed by hand, with a space", lambda: "Adam "),
    ],
    "q4": [
        (
            "positional arguments (monitor, min_delta, patience)",
            lambda: keras.callbacks.EarlyStopping("val_loss", 0, 3, restore_best_weights=True),
        ),
        (
            "in a list, as fit() takes it, with mode='min'",
            lambda: [
                keras.callbacks.EarlyStopping(
                    monitor="val_loss", patience=3, mode="min", restore_best_weights=True, verbose=1
                )
            ],
        ),
        (
            "patience as a NumPy integer",
            lambda: keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=np.int64(3), restore_best_weights=True
            ),
        ),
    ],
    "q5": [
        ("the best rate as a NumPy float", lambda: (_sweep(), np.float64(0.03))),
        (
            "four rates, the smaller one best",
            lambda: (_sweep(best=0.003) | {0.1: _sgd_run(0.1, [0.2, 0.2, 0.2])}, 0.003),
        ),
    ],
}
