"""The test side of notebook 06's exercises (:mod:`p2p.exercises.nb06`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import keras
import numpy as np

import p2p
from p2p.exercises.nb06 import _DIGIT_SAFE, augmentations, weights
from p2p.profiles import get_profile

from tests.exercises import history_of


def _cnn(*layers, rescaling=True):
    """A Sequential model of ``layers`` after keras.Input(shape=(32, 32, 3)) and, unless
    ``rescaling`` is False, Rescaling(1 / 255)."""
    first = [keras.Input(shape=(32, 32, 3))]
    if rescaling:
        first.append(keras.layers.Rescaling(1 / 255))
    return keras.Sequential([*first, *layers])


def _conv_relu(filters):
    """A Conv2D layer of the given model, with its ReLU."""
    return keras.layers.Conv2D(filters, 3, padding="same", activation="relu")


def _conv(filters):
    """A Conv2D layer without activation and bias: the ReLU moves after BatchNormalization."""
    return keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)


def _norm():
    return keras.layers.BatchNormalization()


def _relu():
    return keras.layers.Activation("relu")


def _pool():
    return keras.layers.MaxPooling2D(2)


def _block(filters):
    """A block of the solution: Conv2D, BatchNormalization, ReLU, MaxPooling2D."""
    return [_conv(filters), _norm(), _relu(), _pool()]


def _flatten():
    return keras.layers.Flatten()


def _hidden():
    return keras.layers.Dense(128, activation="relu")


def _top():
    """Flatten and the hidden Dense layer, as in the given model."""
    return [_flatten(), _hidden()]


def _dropout(rate=0.5):
    return keras.layers.Dropout(rate)


def _output():
    return keras.layers.Dense(10, activation="softmax")


def _the_functional_api():
    inputs = keras.Input(shape=(32, 32, 3))
    x = keras.layers.Rescaling(1 / 255)(inputs)
    for filters in (32, 64):
        x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.ReLU()(x)
        x = keras.layers.MaxPooling2D(2)(x)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(128, activation="relu")(x)
    x = keras.layers.Dropout(0.5)(x)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def _callbacks(path="exercise_best.keras", backup="exercise_backup", **options):
    """[ModelCheckpoint(folder / path, **options), BackupAndRestore(folder / backup)], with
    ``folder`` = p2p.work_dir("checkpoints"); no BackupAndRestore when ``backup`` is None."""
    folder = p2p.work_dir("checkpoints")
    callbacks = [keras.callbacks.ModelCheckpoint(folder / path, **options)]
    if backup is not None:
        callbacks.append(keras.callbacks.BackupAndRestore(backup_dir=folder / backup))
    return callbacks


def _the_backup_folder_holds_the_best_model():
    folder = p2p.work_dir("checkpoints")
    return [
        keras.callbacks.ModelCheckpoint(
            folder / "exercise_best.keras", monitor="val_accuracy", save_best_only=True
        ),
        keras.callbacks.BackupAndRestore(backup_dir=folder),
    ]


def _the_best_model_outside_p2p_work_dir():
    folder = p2p.work_dir("checkpoints")
    return [
        keras.callbacks.ModelCheckpoint(
            "exercise_best.keras", monitor="val_accuracy", save_best_only=True
        ),
        keras.callbacks.BackupAndRestore(backup_dir=folder / "exercise_backup"),
    ]


def _a_tuple_backup_first_paths_as_strings():
    folder = str(p2p.work_dir("checkpoints"))
    return (
        keras.callbacks.BackupAndRestore(os.path.join(folder, "backup")),
        keras.callbacks.ModelCheckpoint(
            os.path.join(folder, "best.keras"), "val_accuracy", save_best_only=True
        ),
    )


def _example_run() -> dict:
    """The notebook's small training set, validation set, train() and profile."""
    from p2p.data import load_data

    profile = get_profile()
    data = load_data(train_size=profile.cnn_train_size)  # as the notebook loads it
    n_small = max(len(data.x_train) // 16, 64)
    x_small, y_small = data.x_train[:n_small], data.y_train[:n_small]

    def train(model, epochs, x=x_small, y=y_small, **fit_options):
        model.compile(
            optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )
        return model.fit(
            x,
            y,
            batch_size=profile.batch_size,
            epochs=epochs,
            validation_data=data.val,
            verbose=0,
            **fit_options,
        )

    return {
        "train": train,
        "x_small": x_small,
        "y_small": y_small,
        "x_train": data.x_train,
        "x_val": data.x_val,
        "y_val": data.y_val,
        "checkpoint_dir": p2p.work_dir("checkpoints"),
        "profile": profile,
    }


_CASES = itertools.count()


def _case(x_val, y_val, best_first=True, load=True):
    """(history, path, restored) for an untrained model saved as a .keras file, with a
    made-up History whose best epoch (or, with ``best_first=False``, whose last epoch)
    scores what the saved model scores on the validation set."""
    model = keras.Sequential(
        [
            keras.Input(shape=x_val.shape[1:]),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    path = p2p.work_dir("checkpoints") / f"exercise_case_{next(_CASES)}.keras"  # one each
    model.save(path)
    predicted = keras.ops.convert_to_numpy(model.predict(x_val, verbose=0)).argmax(axis=1)
    score = float(np.mean(predicted == np.asarray(y_val).reshape(-1)))
    # the saved model is the best epoch (the first of three), or the last, not the best
    val = [score, score - 0.1, score - 0.05] if best_first else [score - 0.05, score + 0.1, score]
    metrics = {"loss": [1.0, 0.9, 0.8], "accuracy": [0.5, 0.6, 0.7], "val_loss": [1.0, 1.1, 1.05]}
    history = history_of(metrics | {"val_accuracy": val}, model)
    return history, path, (keras.models.load_model(path) if load else model)


def _an_h5_file(x_val, y_val):
    history, path, restored = _case(x_val, y_val)
    return history, path.with_suffix(".h5"), restored


def _a_path_where_nothing_was_written(x_val, y_val):
    history, path, restored = _case(x_val, y_val)
    return history, path.with_name("nothing_here.keras"), restored


def _the_path_as_a_string(x_val, y_val):
    history, path, restored = _case(x_val, y_val)
    return history, str(path), restored


EXAMPLES = {
    "q5": _example_run,
}

MISTAKES = {
    "q1": [
        (
            "nothing added",
            lambda: _cnn(_conv_relu(32), _pool(), _conv_relu(64), _pool(), *_top(), _output()),
        ),
        (
            "BatchNormalization after a Conv2D that still has its ReLU",
            lambda: _cnn(
                _conv_relu(32),
                _norm(),
                _pool(),
                _conv_relu(64),
                _norm(),
                _pool(),
                *_top(),
                _dropout(),
                _output(),
            ),
        ),
        (
            "a ReLU layer before the BatchNormalization",
            lambda: _cnn(
                _conv(32),
                _relu(),
                _norm(),
                _pool(),
                _conv(64),
                _relu(),
                _norm(),
                _pool(),
                *_top(),
                _dropout(),
                _output(),
            ),
        ),
        (
            "BatchNormalization but no ReLU",
            lambda: _cnn(
                _conv(32),
                _norm(),
                _pool(),
                _conv(64),
                _norm(),
                _pool(),
                *_top(),
                _dropout(),
                _output(),
            ),
        ),
        (
            "BatchNormalization after the pooling",
            lambda: _cnn(
                _conv(32),
                _pool(),
                _norm(),
                _relu(),
                _conv(64),
                _pool(),
                _norm(),
                _relu(),
                *_top(),
                _dropout(),
                _output(),
            ),
        ),
        (
            "BatchNormalization only in the first block",
            lambda: _cnn(*_block(32), _conv_relu(64), _pool(), *_top(), _dropout(), _output()),
        ),
        (
            "Dropout after the output",
            lambda: _cnn(*_block(32), *_block(64), *_top(), _output(), _dropout()),
        ),
        (
            "Dropout on the input pixels",
            lambda: _cnn(_dropout(), *_block(32), *_block(64), *_top(), _output()),
        ),
        (
            "dropout rate 0.05",
            lambda: _cnn(*_block(32), *_block(64), *_top(), _dropout(0.05), _output()),
        ),
        (
            "Dropout before Dense(128)",
            lambda: _cnn(*_block(32), *_block(64), _flatten(), _dropout(), _hidden(), _output()),
        ),
        (
            "Dense(128) removed",
            lambda: _cnn(*_block(32), *_block(64), _flatten(), _dropout(), _output()),
        ),
        (
            "pooling removed",
            lambda: _cnn(
                _conv(32),
                _norm(),
                _relu(),
                _conv(64),
                _norm(),
                _relu(),
                *_top(),
                _dropout(),
                _output(),
            ),
        ),
        (
            "32 filters in both blocks",
            lambda: _cnn(*_block(32), *_block(32), *_top(), _dropout(), _output()),
        ),
        (
            "Rescaling removed",
            lambda: _cnn(*_block(32), *_block(64), *_top(), _dropout(), _output(), rescaling=False),
        ),
    ],
    "q2": [
        ("everything", lambda: list(augmentations)),
        (
            "left-right flip as for photos",
            lambda: [
                "flip left-right",
                "shift up to 10%",
                "zoom up to 10%",
                "change contrast up to 20%",
                "rotate up to 10 degrees",
            ],
        ),
        ("too few", lambda: ["shift up to 10%"]),
        ("every description marked True", lambda: dict.fromkeys(augmentations, True)),
        ("a typo", lambda: ["shift by 10%"]),
        (
            "turning by up to 180 degrees too",
            lambda: [
                "rotate up to 10 degrees",
                "rotate up to 180 degrees",
                "shift up to 10%",
                "zoom up to 10%",
                "change contrast up to 20%",
            ],
        ),
        (
            "a vertical flip too",
            lambda: [
                "flip upside down",
                "rotate up to 10 degrees",
                "shift up to 10%",
                "zoom up to 10%",
                "change contrast up to 20%",
            ],
        ),
        (
            "the Keras layers instead of the descriptions",
            lambda: [
                augmentations[key]
                for key in (
                    "rotate up to 10 degrees",
                    "shift up to 10%",
                    "zoom up to 10%",
                    "change contrast up to 20%",
                )
            ],
        ),
    ],
    "q3": [
        ("L1 instead of L2", lambda: 0.01 * np.sum(np.abs(weights))),
        ("forgot the factor", lambda: np.sum(weights**2)),
        ("no squares", lambda: 0.01 * np.sum(weights)),
        ("square root", lambda: 0.01 * np.sqrt(np.sum(weights**2))),
        ("a string", lambda: "0.055"),
        ("mean instead of sum", lambda: 0.01 * np.mean(weights**2)),
        ("with a factor 1/2", lambda: 0.01 * np.sum(weights**2) / 2),
    ],
    "q4": [
        ("no backup", lambda: _callbacks(monitor="val_accuracy", save_best_only=True, backup=None)),
        ("keeps the last, not the best", lambda: _callbacks(monitor="val_accuracy")),
        ("best on training accuracy", lambda: _callbacks(monitor="accuracy", save_best_only=True)),
        (
            "best on the validation loss",
            lambda: _callbacks(monitor="val_loss", save_best_only=True),
        ),
        (
            "mode='min' for an accuracy",
            lambda: _callbacks(monitor="val_accuracy", save_best_only=True, mode="min"),
        ),
        (
            "the backup folder holds the best model (and is deleted at the end)",
            _the_backup_folder_holds_the_best_model,
        ),
        (
            "the best model outside p2p.work_dir('checkpoints')",
            _the_best_model_outside_p2p_work_dir,
        ),
        (
            "weights only",
            lambda: _callbacks(
                path="exercise_best.weights.h5",
                monitor="val_accuracy",
                save_best_only=True,
                save_weights_only=True,
            ),
        ),
        ("EarlyStopping only", lambda: [keras.callbacks.EarlyStopping(patience=3)]),
        ("a string", lambda: "ModelCheckpoint"),
    ],
    "q5": [
        (
            "saved the last epoch, not the best",
            lambda x_val, y_val: _case(x_val, y_val, best_first=False),
        ),
        (
            "the trained model itself, not reloaded",
            lambda x_val, y_val: _case(x_val, y_val, load=False),
        ),
        ("an .h5 file", _an_h5_file),
        ("a path where nothing was written", _a_path_where_nothing_was_written),
        ("the History only", lambda x_val, y_val: _case(x_val, y_val)[0]),
    ],
}

ALTERNATIVES = {
    "q1": [
        (
            "Conv2D with its (redundant) bias, ReLU() layers",
            lambda: _cnn(
                keras.layers.Conv2D(32, 3, padding="same"),
                _norm(),
                keras.layers.ReLU(),
                _pool(),
                keras.layers.Conv2D(64, 3, padding="same"),
                _norm(),
                keras.layers.ReLU(),
                _pool(),
                *_top(),
                _dropout(),
                _output(),
            ),
        ),
        (
            "BatchNormalization(momentum=0.9) as in build_model; separate Dense activations",
            lambda: _cnn(
                _conv(32),
                keras.layers.BatchNormalization(momentum=0.9),
                _relu(),
                keras.layers.MaxPooling2D((2, 2)),
                _conv(64),
                keras.layers.BatchNormalization(momentum=0.9),
                _relu(),
                keras.layers.MaxPooling2D(pool_size=2),
                _flatten(),
                keras.layers.Dense(128),
                keras.layers.Activation("relu"),
                keras.layers.Dropout(rate=0.5),
                keras.layers.Dense(10),
                keras.layers.Softmax(),
            ),
        ),
        ("the Functional API", _the_functional_api),
    ],
    "q2": [
        (
            "each description marked True or False",
            lambda: {key: key in _DIGIT_SAFE for key in augmentations},
        ),
        (
            "a tuple in another order",
            lambda: (
                "change contrast up to 20%",
                "zoom up to 10%",
                "shift up to 10%",
                "rotate up to 10 degrees",
            ),
        ),
        (
            "the chosen part of the dict",
            lambda: {
                key: layer
                for key, layer in augmentations.items()
                if "flip" not in key and "180" not in key
            },
        ),
        (
            "a set typed with other capitals and spaces",
            lambda: {
                "Rotate up to 10 degrees",
                "SHIFT UP TO 10%",
                " zoom up to  10% ",
                "change contrast up to 20%",
            },
        ),
    ],
    "q3": [
        ("Keras' own regulariser: a tensor", lambda: keras.regularizers.L2(0.01)(weights)),
        ("a dot product", lambda: 0.01 * weights @ weights),
        ("worked out by hand", lambda: 0.055),
        ("a NumPy float32", lambda: np.float32(0.01) * np.sum(weights.astype("float32") ** 2)),
    ],
    "q4": [
        ("a tuple, backup first, paths as strings", _a_tuple_backup_first_paths_as_strings),
        (
            "mode='max' and an extra EarlyStopping",
            lambda: [
                *_callbacks(monitor="val_accuracy", save_best_only=True, mode="max"),
                keras.callbacks.EarlyStopping(patience=5),
            ],
        ),
        (
            "the best model in a subfolder, the backup beside it",
            lambda: _callbacks(
                path=Path("best", "exercise_best.keras"),
                backup=Path("backups", "exercise"),
                monitor="val_accuracy",
                save_best_only=True,
            ),
        ),
    ],
    "q5": [
        ("the path as a string", _the_path_as_a_string),
        ("a list instead of a tuple", lambda x_val, y_val: list(_case(x_val, y_val))),
    ],
}
