"""The test side of notebook 02's exercises (:mod:`p2p.exercises.nb02`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

import keras
import numpy as np

from p2p.exercises.nb02 import five_predictions
from p2p.profiles import get_profile

from tests.exercises import history_of


def example_images():
    """uint8 images shaped like the notebook's ``x_train`` (for the tests of the scaling
    question)."""
    return np.random.default_rng(0).integers(0, 256, (200, 32, 32, 3), dtype=np.uint8)


def _classifier(*layers, shape=(32, 32, 3)):
    """A Sequential model of ``layers`` after ``keras.Input(shape)``."""
    return keras.Sequential([keras.Input(shape=shape), *layers])


def _flatten():
    return keras.layers.Flatten()


def _dense(units=10, activation="softmax"):
    return keras.layers.Dense(units, activation=activation)


def _uncompiled_softmax_model():
    """This notebook's model, not compiled: Flatten and Dense(10, softmax)."""
    return _classifier(_flatten(), _dense())


def _sgd():
    return keras.optimizers.SGD(learning_rate=0.01)


def _compiled(model, optimizer, loss="sparse_categorical_crossentropy", metrics=None):
    """``model`` compiled with ``optimizer``, ``loss`` and ``metrics`` (by default
    ``["accuracy"]``)."""
    model.compile(
        optimizer=optimizer, loss=loss, metrics=["accuracy"] if metrics is None else metrics
    )
    return model


def _no_accuracy_metric():
    model = _softmax_model()
    model.compile(optimizer=_sgd(), loss="sparse_categorical_crossentropy")
    return model


def _the_functional_api_with_rescaling_and():
    inputs = keras.Input(shape=(32, 32, 3))
    x = keras.layers.Rescaling(1 / 255)(inputs)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(10)(x)
    outputs = keras.layers.Activation("softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.0),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def _example_data() -> dict:
    """The data and profile as the notebook has them (the active profile's sizes)."""
    from p2p.data import load_data

    data = load_data()
    return {
        "x_train": data.x_train,
        "y_train": data.y_train,
        "x_val": data.x_val,
        "y_val": data.y_val,
        "profile": get_profile(),
    }


def _softmax_model(rescaling=True, hidden=()):
    layers = [keras.Input(shape=(32, 32, 3))]
    layers += [keras.layers.Rescaling(1 / 255)] if rescaling else []
    layers.append(keras.layers.Flatten())
    layers += [keras.layers.Dense(units, activation="relu") for units in hidden]
    return keras.Sequential([*layers, keras.layers.Dense(10, activation="softmax")])


def _curves(val_accuracy, loss=None, validation=True, accuracy=True, model=None):
    """A History with these validation accuracies (and matching made-up other numbers)."""
    n = len(val_accuracy)
    metrics = {"loss": loss or list(np.linspace(2.0, 1.8, n))}
    if accuracy:
        metrics["accuracy"] = [a + 0.01 for a in val_accuracy]
    if validation:
        metrics["val_loss"] = list(np.linspace(2.0, 1.85, n))
        if accuracy:
            metrics["val_accuracy"] = list(val_accuracy)
    return history_of(metrics, model if model is not None else _softmax_model())


def _good() -> list:
    """Validation accuracies that climb to just above the target within the budget."""
    target = get_profile().target_for("first_network")
    n = get_profile().epochs_for("exercise_first")
    return [target + 0.02 - 0.01 * (n - 1 - epoch) for epoch in range(n)]


def _real_run(x_train, y_train, x_val, y_val, profile, scaled_beforehand=False, on_train=False):
    """A real run of the exercise's model: its pixels scaled beforehand, or validated on its
    own training images."""
    scale = 255.0 if scaled_beforehand else 1.0
    model = _softmax_model(rescaling=not scaled_beforehand)
    model.compile(
        optimizer=keras.optimizers.Adam(0.0003),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    validation = (x_train[:200] / scale, y_train[:200]) if on_train else (x_val / scale, y_val)
    return model.fit(
        x_train / scale,
        y_train,
        epochs=profile.epochs_for("exercise_first"),
        validation_data=validation,
        verbose=0,
    )


EXAMPLES = {
    "q1": lambda: {"x_train": example_images()},
    "q5": _example_data,
}

MISTAKES = {
    "q1": [
        ("not scaled", lambda x_train: x_train[:100]),
        ("divided by 256", lambda x_train: x_train[:100] / 256.0),
        ("rounded to integers", lambda x_train: (x_train[:100] / 255).astype("uint8")),
        ("all images", lambda x_train: x_train / 255.0),
        ("the first 99 images", lambda x_train: x_train[:99] / 255.0),
        ("images 1 to 100, one too far", lambda x_train: x_train[1:101] / 255.0),
        ("scaled to [-1, 1]", lambda x_train: x_train[:100] / 127.5 - 1),
    ],
    "q2": [
        ("transposed", lambda: keras.utils.to_categorical([3, 0, 9], num_classes=10).T),
        ("off by one", lambda: keras.utils.to_categorical([2, 9, 8], num_classes=10)),
        ("sparse labels left as they are", lambda: [3, 0, 9]),
        ("eleven classes", lambda: np.eye(11)[[3, 0, 9]]),
        ("labels in another order", lambda: np.eye(10)[[0, 3, 9]]),
    ],
    "q3": [
        ("not compiled", _uncompiled_softmax_model),
        (
            "one-hot loss with integer labels",
            lambda: _compiled(_softmax_model(), _sgd(), "categorical_crossentropy"),
        ),
        ("Adam instead of SGD", lambda: _compiled(_softmax_model(), "adam")),
        ("no accuracy metric", _no_accuracy_metric),
        (
            "learning rate 0.1",
            lambda: _compiled(_softmax_model(), keras.optimizers.SGD(learning_rate=0.1)),
        ),
        (
            "SGD with momentum",
            lambda: _compiled(_softmax_model(), keras.optimizers.SGD(0.01, momentum=0.9)),
        ),
        (
            "Nesterov SGD",
            lambda: _compiled(_softmax_model(), keras.optimizers.SGD(0.01, nesterov=True)),
        ),
        (
            "categorical_accuracy with integer labels",
            lambda: _compiled(_softmax_model(), _sgd(), metrics=["categorical_accuracy"]),
        ),
        (
            "the keras.metrics.Accuracy() object",
            lambda: _compiled(_softmax_model(), _sgd(), metrics=[keras.metrics.Accuracy()]),
        ),
        (
            "a 28x28x1 input for CIFAR-10",
            lambda: _compiled(_classifier(_flatten(), _dense(), shape=(28, 28, 1)), _sgd()),
        ),
        (
            "no softmax, from_logits=True",
            lambda: _compiled(
                _classifier(_flatten(), _dense(10, None)),
                _sgd(),
                keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            ),
        ),
        (
            "softmax and from_logits=True",
            lambda: _compiled(
                _softmax_model(),
                _sgd(),
                keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            ),
        ),
        (
            "a hidden Dense layer",
            lambda: _compiled(_classifier(_flatten(), _dense(64, "relu"), _dense()), _sgd()),
        ),
        (
            "Rescaling by 255",
            lambda: _compiled(
                _classifier(keras.layers.Rescaling(255), _flatten(), _dense()), _sgd()
            ),
        ),
    ],
    "q4": [
        ("argmax over the wrong axis", lambda: np.argmax(five_predictions, axis=0)),
        ("max instead of argmax", lambda: np.max(five_predictions, axis=1)),
        ("argmax of everything", lambda: np.argmax(five_predictions)),
        ("the class names", lambda: ["cat", "ship", "ship", "airplane", "frog"]),
        ("classes counted from 1", lambda: np.argmax(five_predictions, axis=1) + 1),
        ("argmin", lambda: np.argmin(five_predictions, axis=1)),
    ],
    "q5": [
        ("the model, not its History", lambda: _softmax_model()),
        ("no validation data", lambda: _curves(_good(), validation=False)),
        ("no accuracy metric", lambda: _curves(_good(), accuracy=False)),
        ("more epochs than the budget", lambda: _curves(_good() + [_good()[-1]] * 3)),
        (
            "a hidden layer (notebook 03's model)",
            lambda: _curves(_good(), model=_softmax_model(hidden=(64,))),
        ),
        ("below the target, still improving", lambda: _curves([v - 0.1 for v in _good()])),
        (
            "pixels not scaled: a huge loss",
            lambda: _curves(
                [0.1] * len(_good()),
                loss=[300.0] * len(_good()),
                model=_softmax_model(rescaling=False),
            ),
        ),
        ("its .history dict: the check cannot see the network", lambda: _curves(_good()).history),
        ("validated on its own training images", lambda **data: _real_run(**data, on_train=True)),
        ("the loss became nan", lambda: _curves(_good(), loss=[2.0] + [float("nan")] * 4)),
        (
            "no softmax: it never learns",
            lambda: _curves([0.1] * len(_good()), loss=[float(np.log(10))] * len(_good())),
        ),
    ],
}

ALTERNATIVES = {
    "q1": [
        ("float64, divided by the integer 255", lambda x_train: x_train[:100] / 255),
        (
            "a tensor from a Rescaling layer",
            lambda x_train: keras.layers.Rescaling(1 / 255)(x_train[:100]),
        ),
        ("np.divide into float32", lambda x_train: np.divide(x_train[:100], 255, dtype="float32")),
        ("float16", lambda x_train: x_train[:100].astype("float16") / 255),
    ],
    "q2": [
        ("rows of np.eye", lambda: np.eye(10)[[3, 0, 9]]),
        ("a tensor from keras.ops.one_hot", lambda: keras.ops.one_hot(np.array([3, 0, 9]), 10)),
        ("to_categorical without num_classes", lambda: keras.utils.to_categorical([3, 0, 9])),
        (
            "a list of lists of True/False",
            lambda: [[i == label for i in range(10)] for label in [3, 0, 9]],
        ),
    ],
    "q3": [
        (
            "the loss as a function, SGD(0.01), SparseCategoricalAccuracy()",
            lambda: _compiled(
                _softmax_model(),
                keras.optimizers.SGD(0.01),
                keras.losses.sparse_categorical_crossentropy,
                metrics=[keras.metrics.SparseCategoricalAccuracy()],
            ),
        ),
        (
            "optimizer='sgd' (learning rate 0.01 by default), a Loss object",
            lambda: _compiled(
                _softmax_model(),
                "sgd",
                keras.losses.SparseCategoricalCrossentropy(),
                metrics=["sparse_categorical_accuracy"],
            ),
        ),
        (
            "Dense(10) + Softmax layer; learning rate as a NumPy float; metrics as a tuple",
            lambda: _compiled(
                _classifier(_flatten(), _dense(10, None), keras.layers.Softmax()),
                keras.optimizers.SGD(learning_rate=np.float64(0.01)),
                "SparseCategoricalCrossentropy",
                metrics=("acc",),
            ),
        ),
        (
            "the Functional API with Rescaling and Activation('softmax')",
            _the_functional_api_with_rescaling_and,
        ),
    ],
    "q4": [
        ("the array method, last axis", lambda: five_predictions.argmax(axis=-1)),
        ("a tensor from keras.ops.argmax", lambda: keras.ops.argmax(five_predictions, axis=1)),
        ("a list of Python ints", lambda: [int(np.argmax(row)) for row in five_predictions]),
        ("keepdims: shape (5, 1)", lambda: np.argmax(five_predictions, axis=1, keepdims=True)),
    ],
    "q5": [
        (
            "pixels scaled beforehand, no Rescaling layer",
            lambda **data: _real_run(**data, scaled_beforehand=True),
        ),
        ("a real run", lambda **data: _real_run(**data)),
    ],
}
