"""Exercises of notebook 06: regularisation, augmentation and sharing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path

import keras
import numpy as np

import p2p

from ..compat import monitor_mode
from .answers import (
    expect_history,
    expect_items,
    expect_layers_like,
    expect_model,
    expect_number,
    expect_validation,
    model_steps,
)
from .question import Question, Wrong, bind

augmentations = {
    "flip left-right": "RandomFlip('horizontal')",
    "flip upside down": "RandomFlip('vertical')",
    "rotate up to 10 degrees": "RandomRotation(10 / 360)",
    "rotate up to 180 degrees": "RandomRotation(0.5)",
    "shift up to 10%": "RandomTranslation(0.1, 0.1)",
    "zoom up to 10%": "RandomZoom(0.1)",
    "change contrast up to 20%": "RandomContrast(0.2)",
}
"""The augmentations to choose from (the notebook prints them): description -> Keras layer."""

weights = np.array([0.5, -1.0, 2.0, -0.5])
"""The four weights of the L2 question (the notebook imports them)."""

L2_FACTOR = 0.01


def _check_regularised_cnn(answer):
    steps = model_steps(expect_model(answer))
    for step, after in zip(steps, steps[1:], strict=False):
        if (step.kind, step.activation, after.kind) == ("Conv2D", "relu", "BatchNormalization"):
            name = type(step.activation_layer).__name__
            move = (
                f"move the {name} layer after the BatchNormalization"
                if step.activation_layer is not None
                else "remove activation='relu' from the Conv2D and add "
                "keras.layers.Activation('relu') after the BatchNormalization"
            )
            raise Wrong(
                f"{step.where} applies its ReLU before the BatchNormalization. As in "
                "build_model of section 1, the order is Conv2D without activation, then "
                f"BatchNormalization, then ReLU: {move}."
            )
    expect_layers_like(answer, regularised_cnn.reference(), rescaling=True)


regularised_cnn = Question(
    "BatchNormalization in each block (Conv2D, BatchNormalization, ReLU) and "
    "Dropout(0.5) before the last Dense layer",
    checker=_check_regularised_cnn,
    hint="As in build_model of section 1, each block becomes Conv2D(..., padding='same', "
    "use_bias=False) without activation, then BatchNormalization(), then "
    "Activation('relu'), then the MaxPooling2D(2) as before. Dropout goes in the dense part, "
    "just before the output layer: never after the output.",
)


@regularised_cnn.solved_by
def _():
    return keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(32, 3, padding="same", use_bias=False),  # no activation, no bias
            keras.layers.BatchNormalization(),  # its shift does the bias' job
            keras.layers.Activation("relu"),  # the ReLU comes after the normalisation
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3, padding="same", use_bias=False),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dropout(0.5),  # right before the last Dense layer
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


_DIGIT_SAFE = {
    "rotate up to 10 degrees",
    "shift up to 10%",
    "zoom up to 10%",
    "change contrast up to 20%",
}
_DIGIT_WHY = {
    "flip left-right": "a mirrored 2, 3, 4, 5 or 7 is not that digit any more",
    "flip upside down": "upside down a 6 becomes a 9 and a 9 a 6",
    "rotate up to 180 degrees": "turned half-way round a 6 becomes a 9",
}


def _tidy(text: str) -> str:
    """Lower case, single spaces, no ``keras.layers.`` prefix: for comparing descriptions."""
    return " ".join(text.replace("keras.layers.", "").split()).lower()


_BY_DESCRIPTION = {_tidy(key): key for key in augmentations}
_BY_LAYER = {_tidy(layer).replace(" ", ""): key for key, layer in augmentations.items()}


def _check_digit_augmentations(answer):
    if isinstance(answer, str):
        answer = [answer]
    if isinstance(answer, Mapping):  # the chosen part of augmentations: its keys count ...
        values = list(answer.values())
        if values and all(isinstance(v, bool | np.bool_) for v in values):
            answer = [key for key, keep in answer.items() if keep]  # ... or True / False marks
        else:
            answer = list(answer)
    elif hasattr(answer, "dtype") and hasattr(answer, "index") and answer.dtype == bool:
        answer = [key for key, keep in answer.items() if keep]  # a pandas Series of marks
    try:  # at most 100 items: an endless iterator gets a verdict too
        items = list(islice(answer, 101)) if isinstance(answer, Iterable) else None
    except (TypeError, NotImplementedError):  # a 0-d array, a symbolic tensor
        items = None
    if items is None:
        raise Wrong("expected a list of descriptions, such as ['shift up to 10%', ...].")
    if len(items) > 100:
        raise Wrong("that is more than 100 items; pick a few of the descriptions in augmentations.")
    chosen = set()
    for item in items:
        if not isinstance(item, str):
            raise Wrong(
                f"{item!r} is not a description; give the descriptions as text, such as "
                "'shift up to 10%'."
            )
        if _tidy(item) in _BY_DESCRIPTION:
            chosen.add(_BY_DESCRIPTION[_tidy(item)])
            continue
        if _tidy(item).replace(" ", "").replace('"', "'") in _BY_LAYER:
            key = _BY_LAYER[_tidy(item).replace(" ", "").replace('"', "'")]
            raise Wrong(
                f"{item!r} is the Keras layer of {key!r}; answer with the descriptions "
                "(the keys of augmentations)."
            )
        raise Wrong(
            f"{item!r} is not one of the choices; copy the descriptions exactly "
            "from the list (print(augmentations))."
        )
    harmful = sorted(chosen - _DIGIT_SAFE)
    if harmful:
        raise Wrong(f"'{harmful[0]}' can change the label: {_DIGIT_WHY[harmful[0]]}.")
    missing = sorted(_DIGIT_SAFE - chosen)
    if missing:
        raise Wrong(
            f"you left out {len(missing)} augmentation(s) that keep every digit's label "
            "true. Look again at the gentle changes."
        )


digit_augmentations = Question(
    "choose every augmentation that keeps the label of a handwritten digit true",
    checker=_check_digit_augmentations,
    hint="Imagine each change on a 6, a 9 and a 2. A change is safe when every digit "
    "still reads as the same digit afterwards.",
)


@digit_augmentations.solved_by
def _():
    # Not safe: flips (a mirrored 2 is no 2; upside down 6 <-> 9) and turning by 180 degrees.
    return [
        "rotate up to 10 degrees",  # a slightly tilted 7 is still a 7
        "shift up to 10%",  # where the digit sits does not change it
        "zoom up to 10%",  # nor does its size
        "change contrast up to 20%",  # nor the pen's darkness
    ]


def _check_l2_penalty(answer):
    value = expect_number(answer, "the penalty (one number)")
    squares = float(np.sum(weights**2))
    expected = L2_FACTOR * squares
    if np.isclose(value, expected, rtol=1e-3):
        return
    if np.isclose(value, squares, rtol=1e-3):
        raise Wrong(f"{value:g} is the sum of squares; multiply it by the factor {L2_FACTOR}.")
    if np.isclose(value, L2_FACTOR * np.sum(np.abs(weights)), rtol=1e-3):
        raise Wrong("that is the L1 penalty (absolute values). L2 squares each weight.")
    if np.isclose(value, L2_FACTOR * np.sum(weights), rtol=1e-3):
        raise Wrong("negative weights should add to the penalty too: square each weight first.")
    if np.isclose(value, L2_FACTOR * np.sqrt(squares), rtol=1e-3):
        raise Wrong("no square root: Keras' L2 penalty is the factor times the sum of squares.")
    if np.isclose(value, L2_FACTOR * np.mean(weights**2), rtol=1e-3):
        raise Wrong("Keras adds the squares up; it does not average them. Use a sum, not a mean.")
    if np.isclose(value, L2_FACTOR * squares / 2, rtol=1e-3):
        raise Wrong(
            "that is half the penalty: some books write (factor / 2) x the sum of squares, "
            "but Keras' L2(factor) has no 1/2."
        )
    raise Wrong(
        f"{value:g} is not the penalty. Square each weight, add them up, multiply by {L2_FACTOR}."
    )


l2_penalty = Question(
    "the L2 penalty that keras.regularizers.L2(0.01) adds for four weights",
    checker=_check_l2_penalty,
    hint="L2(factor) adds factor x (sum of the squared weights) to the loss.",
)


@l2_penalty.solved_by
def _():
    penalty = 0.01 * np.sum(weights**2)  # 0.01 * (0.25 + 1 + 4 + 0.25) = 0.055
    # Check: keras.regularizers.L2(0.01)(weights)
    return penalty


def _resolved(path) -> Path:
    return Path(str(path)).expanduser().resolve()


def _inside(path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies below it."""
    path = _resolved(path)
    return path == folder or folder in path.parents


def _check_checkpoint_callbacks(answer):
    if isinstance(answer, keras.callbacks.Callback):
        answer = [answer]
    if not isinstance(answer, list | tuple):
        raise Wrong(
            "expected a list of callbacks, such as [keras.callbacks.ModelCheckpoint(...), ...]."
        )
    for item in answer:
        if isinstance(item, type) and issubclass(item, keras.callbacks.Callback):
            raise Wrong(
                f"{item.__name__} is the class itself; call it to make a callback: "
                f"{item.__name__}(...)."
            )
        if not isinstance(item, keras.callbacks.Callback):
            raise Wrong(f"{item!r} is not a Keras callback; make each one with keras.callbacks.")
    checkpoints = [c for c in answer if isinstance(c, keras.callbacks.ModelCheckpoint)]
    backups = [c for c in answer if isinstance(c, keras.callbacks.BackupAndRestore)]
    if not checkpoints:
        raise Wrong("add a keras.callbacks.ModelCheckpoint that keeps the best model.")
    checkpoint = checkpoints[0]
    if not str(checkpoint.filepath).endswith(".keras"):
        raise Wrong(
            f"save the whole model to a file ending in .keras; yours writes "
            f"{str(checkpoint.filepath)!r}."
        )
    if not checkpoint.save_best_only:
        raise Wrong("the checkpoint should keep only the best model: save_best_only=True.")
    monitor = str(checkpoint.monitor)
    if not monitor.startswith("val_"):
        raise Wrong(
            f"the checkpoint watches {monitor!r}, a training number. Judge "
            "'best' on validation data: monitor='val_accuracy'."
        )
    if "acc" not in monitor:
        raise Wrong(
            f"the checkpoint watches {monitor!r}; the question asks for the best validation "
            "accuracy: monitor='val_accuracy'."
        )
    if monitor != "val_accuracy":
        raise Wrong(
            f"Keras logs the validation accuracy as 'val_accuracy' (for metrics=['accuracy']); "
            f"with monitor={monitor!r} the checkpoint finds no such number and never saves."
        )
    mode = monitor_mode(checkpoint)
    if mode not in ("auto", "max"):
        raise Wrong(
            f"with mode={mode!r} the checkpoint would keep the lowest accuracy; "
            "leave mode at 'auto' (or 'max')."
        )
    if checkpoint.save_freq != "epoch":
        raise Wrong(
            "save_freq counts batches, but the validation accuracy exists only at the end of "
            "each epoch: leave save_freq='epoch' (the default)."
        )
    folder = p2p.work_dir("checkpoints").resolve()
    if not _inside(checkpoint.filepath, folder):
        raise Wrong(
            f"save the best model into p2p.work_dir('checkpoints'), {folder}; yours goes "
            f"to {str(checkpoint.filepath)!r}."
        )
    if not backups:
        raise Wrong(
            "the best model is kept, but an interrupted run cannot resume yet: add "
            "keras.callbacks.BackupAndRestore(backup_dir=...)."
        )
    backup = backups[0]
    if backup.save_freq is False or backup.save_freq in (0, None):
        raise Wrong("with save_freq=False the backup is never written: leave save_freq='epoch'.")
    if not _inside(backup.backup_dir, folder):
        raise Wrong(
            f"put the backup into p2p.work_dir('checkpoints') too, a folder of its own in "
            f"{folder}; yours goes to {str(backup.backup_dir)!r}."
        )
    if backup.delete_checkpoint and _inside(checkpoint.filepath, _resolved(backup.backup_dir)):
        raise Wrong(
            "BackupAndRestore deletes its backup_dir when training ends, and your best model "
            "is saved inside it. Give the backup a subfolder of its own, such as "
            "checkpoint_dir / 'exercise_backup'."
        )


checkpoint_callbacks = Question(
    "callbacks that keep the best model and let an interrupted run resume",
    checker=_check_checkpoint_callbacks,
    hint="Two callbacks: ModelCheckpoint(filepath='....keras', monitor=..., save_best_only=...) "
    "and BackupAndRestore(backup_dir=...).",
)


@checkpoint_callbacks.solved_by
def _():
    folder = p2p.work_dir("checkpoints")
    return [
        keras.callbacks.ModelCheckpoint(
            folder / "exercise_best.keras", monitor="val_accuracy", save_best_only=True
        ),
        keras.callbacks.BackupAndRestore(backup_dir=folder / "exercise_backup"),
    ]


# ----------------------------------------------------------------------- keep the best, reload it


def _check_best_checkpoint(answer, x_val=None, y_val=None):
    history, path, restored = expect_items(answer, "history", "path", "restored")
    metrics, model = expect_history(history)
    val_accuracy = expect_validation(metrics)
    if not isinstance(path, str | os.PathLike):
        raise Wrong(f"path should be the checkpoint's file path, not a {type(path).__name__}.")
    path = Path(path)
    if path.suffix != ".keras":
        raise Wrong(f"save the model as a .keras file; yours is {path.name!r}.")
    if not path.is_file():
        raise Wrong(f"there is no file at {path}: did the ModelCheckpoint callback run?")
    if not isinstance(restored, keras.Model):
        raise Wrong(
            "restored should be the model loaded back from the file, "
            f"keras.models.load_model(path); yours is a {type(restored).__name__}."
        )
    if model is not None and restored is model:
        raise Wrong(
            "restored is the model you trained, still in memory: load the file into a fresh "
            "variable, restored = keras.models.load_model(path)."
        )
    if x_val is None or y_val is None:
        raise Wrong("pass the validation data too: q5.check(answer, x_val=x_val, y_val=y_val).")
    sample = np.asarray(x_val[:16])
    from_file = keras.models.load_model(path, compile=False)
    if not np.allclose(
        keras.ops.convert_to_numpy(restored(sample, training=False)),
        keras.ops.convert_to_numpy(from_file(sample, training=False)),
        atol=1e-5,
    ):
        raise Wrong(f"restored does not give the same outputs as the model in {path.name}.")
    probabilities = keras.ops.convert_to_numpy(from_file.predict(x_val, verbose=0))
    accuracy = float(np.mean(probabilities.argmax(axis=1) == np.asarray(y_val).reshape(-1)))
    best_epoch = int(val_accuracy.argmax())
    if best_epoch == len(val_accuracy) - 1:
        raise Wrong(
            "your run's best epoch was its last, so the file cannot show that it kept the "
            "best one: train longer (or without Dropout) until the validation accuracy "
            "falls back after its best epoch."
        )
    one_image = 1 / len(np.asarray(y_val).reshape(-1))
    matching = np.flatnonzero(
        np.isclose(val_accuracy, accuracy, rtol=0, atol=1.5 * one_image)
    )  # a rounding tie
    if best_epoch in matching:
        return
    if len(matching):
        held = int(matching[-1]) + 1
        raise Wrong(
            f"the file holds epoch {held}'s model ({accuracy:.1%}), not the best epoch, "
            f"{best_epoch + 1} ({val_accuracy[best_epoch]:.1%}): give ModelCheckpoint "
            "save_best_only=True and monitor='val_accuracy'."
        )
    raise Wrong(
        f"the model in the file scores {accuracy:.1%} on the validation set, which matches "
        f"no epoch of this History (best {val_accuracy[best_epoch]:.1%}): give the History "
        "of the run that wrote the file."
    )


best_checkpoint = Question(
    "train with a checkpoint of the best epoch, reload it, and find the best validation "
    "accuracy again",
    checker=_check_best_checkpoint,
    hint="path = checkpoint_dir / 'my_best.keras'; callback = keras.callbacks.ModelCheckpoint("
    "path, monitor='val_accuracy', save_best_only=True); history = train(your_model, "
    "profile.epochs_for('exercise_checkpoint'), x=x_small[:600], y=y_small[:600], "
    "callbacks=[callback]); restored = keras.models.load_model(path).",
)


@best_checkpoint.solved_by
def _(train, x_train, x_small, y_small, checkpoint_dir, profile):
    model = keras.Sequential(
        [
            keras.Input(shape=x_train.shape[1:]),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),  # no Dropout: it will overfit
        ]
    )
    path = checkpoint_dir / "my_best.keras"
    keep_best = keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy", save_best_only=True)
    history = train(  # on 600 images: it overfits, so the best epoch comes before the last
        model,
        profile.epochs_for("exercise_checkpoint"),
        x=x_small[:600],
        y=y_small[:600],
        callbacks=[keep_best],
    )
    restored = keras.models.load_model(path)  # a fresh model, read from the file
    return (history, path, restored)


bind(
    globals(),
    [
        regularised_cnn,
        digit_augmentations,
        l2_penalty,
        checkpoint_callbacks,
        best_checkpoint,
    ],
)
