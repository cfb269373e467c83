"""Exercises of notebook 06: regularisation, augmentation and sharing."""

from __future__ import annotations

import numpy as np

from .checks import activation_name, expect_model, expect_number, layers_of
from .core import Question, Wrong

# ----------------------------------------------------------------------------- q1

Q1_CONV_FILTERS = (32, 64)


def _check_q1(answer):
    model = expect_model(answer)
    layers = layers_of(model)
    kinds = [type(layer).__name__ for layer in layers]
    convs = [i for i, k in enumerate(kinds) if k == "Conv2D"]
    if len(convs) != 2:
        raise Wrong(f"keep the two Conv2D layers of the model; yours has {len(convs)}.")
    if "BatchNormalization" not in kinds:
        raise Wrong("there is no BatchNormalization layer yet: add one after each Conv2D.")
    for number, i in enumerate(convs, start=1):
        following = kinds[i + 1 : i + 3]
        if not following or (
            following[0] != "BatchNormalization"
            and following[:2] != ["Activation", "BatchNormalization"]
        ):
            raise Wrong(
                f"Conv2D layer {number} ({layers[i].name}) should be followed directly by a "
                "BatchNormalization layer."
            )
    if "Dropout" not in kinds:
        raise Wrong("there is no Dropout layer yet: add Dropout(0.5) before the last Dense layer.")
    last = len(kinds) - 1
    if kinds[last] != "Dense" or layers[last].units != 10:
        raise Wrong(
            "the model should still end with Dense(10, activation='softmax'); nothing "
            "comes after it (Dropout after the output would drop class probabilities)."
        )
    flatten = kinds.index("Flatten") if "Flatten" in kinds else None
    drops = [i for i, k in enumerate(kinds) if k == "Dropout"]
    if flatten is None:
        raise Wrong("keep the Flatten layer between the convolutional blocks and the Dense layers.")
    if any(i < flatten for i in drops):
        raise Wrong(
            "a Dropout layer sits among the convolutional blocks or on the input pixels. "
            "In this exercise put it after Flatten, just before the last Dense layer."
        )
    if drops[-1] != last - 1:
        raise Wrong("put the Dropout layer directly before the last Dense layer.")
    rate = layers[drops[-1]].rate
    if not np.isclose(rate, 0.5):
        raise Wrong(f"use a dropout rate of 0.5; yours is {rate:g}.")
    if activation_name(layers[last]) != "softmax":
        raise Wrong("the last Dense layer should keep its softmax activation.")


_Q1_HEAD = """
answer = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Rescaling(1 / 255),
"""


def _q1_model(middle: str) -> str:
    return _Q1_HEAD + middle + "])\n"


_CONV1 = '    keras.layers.Conv2D(32, 3, padding="same", activation="relu"),\n'
_CONV2 = '    keras.layers.Conv2D(64, 3, padding="same", activation="relu"),\n'
_BN = "    keras.layers.BatchNormalization(),\n"
_POOL = "    keras.layers.MaxPooling2D(2),\n"
_TOP = '    keras.layers.Flatten(),\n    keras.layers.Dense(128, activation="relu"),\n'
_DROP = "    keras.layers.Dropout(0.5),\n"
_OUT = '    keras.layers.Dense(10, activation="softmax"),\n'

q1 = Question(
    notebook="06",
    number=1,
    title="add BatchNormalization after each Conv2D and Dropout(0.5) before the last Dense layer",
    checker=_check_q1,
    hint="BatchNormalization goes right after each Conv2D (before the pooling). Dropout "
    "goes in the dense part, just before the output layer: never after the output.",
    setup="import keras",
    solution=_q1_model(_CONV1 + _BN + _POOL + _CONV2 + _BN + _POOL + _TOP + _DROP + _OUT),
    mistakes=[
        ("nothing added", _q1_model(_CONV1 + _POOL + _CONV2 + _POOL + _TOP + _OUT)),
        (
            "Dropout after the output",
            _q1_model(_CONV1 + _BN + _POOL + _CONV2 + _BN + _POOL + _TOP + _OUT + _DROP),
        ),
        (
            "BatchNormalization only after the first Conv2D",
            _q1_model(_CONV1 + _BN + _POOL + _CONV2 + _POOL + _TOP + _DROP + _OUT),
        ),
        (
            "Dropout on the input pixels",
            _q1_model(_DROP + _CONV1 + _BN + _POOL + _CONV2 + _BN + _POOL + _TOP + _OUT),
        ),
        (
            "dropout rate 0.05",
            _q1_model(
                _CONV1
                + _BN
                + _POOL
                + _CONV2
                + _BN
                + _POOL
                + _TOP
                + "    keras.layers.Dropout(0.05),\n"
                + _OUT
            ),
        ),
    ],
)

# ----------------------------------------------------------------------------- q2

AUGMENTATIONS = {
    "flip left-right": "RandomFlip('horizontal')",
    "flip upside down": "RandomFlip('vertical')",
    "rotate up to 10 degrees": "RandomRotation(10 / 360)",
    "rotate up to 180 degrees": "RandomRotation(0.5)",
    "shift up to 10%": "RandomTranslation(0.1, 0.1)",
    "zoom up to 10%": "RandomZoom(0.1)",
    "change contrast up to 20%": "RandomContrast(0.2)",
}
"""The augmentations to choose from in q2: description -> Keras layer."""

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


def _check_q2(answer):
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, list | tuple | set):
        raise Wrong("expected a list of descriptions, such as ['shift up to 10%', ...].")
    chosen = set()
    for item in answer:
        if item not in AUGMENTATIONS:
            raise Wrong(
                f"{item!r} is not one of the choices; copy the descriptions exactly "
                "from the list (print(AUGMENTATIONS))."
            )
        chosen.add(item)
    harmful = sorted(chosen - _DIGIT_SAFE)
    if harmful:
        raise Wrong(f"'{harmful[0]}' can change the label: {_DIGIT_WHY[harmful[0]]}.")
    missing = sorted(_DIGIT_SAFE - chosen)
    if missing:
        raise Wrong(
            f"you left out {len(missing)} augmentation(s) that keep every digit's label "
            "true. Look again at the gentle changes."
        )


q2 = Question(
    notebook="06",
    number=2,
    title="choose every augmentation that keeps the label of a handwritten digit true",
    checker=_check_q2,
    hint="Imagine each change on a 6, a 9 and a 2. A change is safe when every digit "
    "still reads as the same digit afterwards.",
    setup="from p2p.exercises.nb06 import AUGMENTATIONS",
    solution="""
        answer = [
            "rotate up to 10 degrees",      # a slightly tilted 7 is still a 7
            "shift up to 10%",              # where the digit sits does not change it
            "zoom up to 10%",               # nor does its size
            "change contrast up to 20%",    # nor the pen's darkness
        ]
        # Not safe: flips (a mirrored 2 is no 2; upside down 6 <-> 9) and turning by 180 degrees.
    """,
    mistakes=[
        ("everything", "answer = list(AUGMENTATIONS)"),
        (
            "left-right flip as for photos",
            "answer = ['flip left-right', 'shift up to 10%', 'zoom up to 10%', "
            "'change contrast up to 20%', 'rotate up to 10 degrees']",
        ),
        ("too few", "answer = ['shift up to 10%']"),
        ("a typo", "answer = ['shift by 10%']"),
    ],
)

# ----------------------------------------------------------------------------- q3

Q3_WEIGHTS = np.array([0.5, -1.0, 2.0, -0.5])
Q3_FACTOR = 0.01


def _check_q3(answer):
    value = expect_number(answer, "the penalty (one number)")
    squares = float(np.sum(Q3_WEIGHTS**2))
    expected = Q3_FACTOR * squares
    if np.isclose(value, expected, rtol=1e-3):
        return
    if np.isclose(value, squares, rtol=1e-3):
        raise Wrong(f"{value:g} is the sum of squares; multiply it by the factor {Q3_FACTOR}.")
    if np.isclose(value, Q3_FACTOR * np.sum(np.abs(Q3_WEIGHTS)), rtol=1e-3):
        raise Wrong("that is the L1 penalty (absolute values). L2 squares each weight.")
    if np.isclose(value, Q3_FACTOR * np.sum(Q3_WEIGHTS), rtol=1e-3):
        raise Wrong("negative weights should add to the penalty too: square each weight first.")
    if np.isclose(value, Q3_FACTOR * np.sqrt(squares), rtol=1e-3):
        raise Wrong("no square root: Keras' L2 penalty is the factor times the sum of squares.")
    raise Wrong(
        f"{value:g} is not the penalty. Square each weight, add them up, multiply by {Q3_FACTOR}."
    )


q3 = Question(
    notebook="06",
    number=3,
    title="the L2 penalty that keras.regularizers.L2(0.01) adds for four weights",
    checker=_check_q3,
    hint="L2(factor) adds factor x (sum of the squared weights) to the loss.",
    setup="""
        import numpy as np
        from p2p.exercises.nb06 import Q3_WEIGHTS as weights
    """,
    solution="""
        answer = 0.01 * np.sum(weights ** 2)     # 0.01 * (0.25 + 1 + 4 + 0.25) = 0.055
        # Check: keras.regularizers.L2(0.01)(weights)
    """,
    mistakes=[
        ("L1 instead of L2", "answer = 0.01 * np.sum(np.abs(weights))"),
        ("forgot the factor", "answer = np.sum(weights ** 2)"),
        ("no squares", "answer = 0.01 * np.sum(weights)"),
        ("square root", "answer = 0.01 * np.sqrt(np.sum(weights ** 2))"),
        ("a string", "answer = '0.055'"),
    ],
)

# ----------------------------------------------------------------------------- q4


def _check_q4(answer):
    import keras

    if isinstance(answer, keras.callbacks.Callback):
        answer = [answer]
    if not isinstance(answer, list | tuple):
        raise Wrong(
            "expected a list of callbacks, such as [keras.callbacks.ModelCheckpoint(...), ...]."
        )
    for item in answer:
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
            f"{checkpoint.filepath!r}."
        )
    if not checkpoint.save_best_only:
        raise Wrong("the checkpoint should keep only the best model: save_best_only=True.")
    if not str(checkpoint.monitor).startswith("val_"):
        raise Wrong(
            f"the checkpoint watches {checkpoint.monitor!r}, a training number. Judge "
            "'best' on validation data: monitor='val_accuracy'."
        )
    if not backups:
        raise Wrong(
            "the best model is kept, but an interrupted run cannot resume yet: add "
            "keras.callbacks.BackupAndRestore(backup_dir=...)."
        )


q4 = Question(
    notebook="06",
    number=4,
    title="callbacks that keep the best model and let an interrupted run resume",
    checker=_check_q4,
    hint="Two callbacks: ModelCheckpoint(filepath='....keras', monitor=..., save_best_only=...) "
    "and BackupAndRestore(backup_dir=...).",
    setup="""
        import keras
        import p2p
    """,
    solution="""
        folder = p2p.work_dir("checkpoints")
        answer = [
            keras.callbacks.ModelCheckpoint(
                folder / "exercise_best.keras", monitor="val_accuracy", save_best_only=True
            ),
            keras.callbacks.BackupAndRestore(backup_dir=folder / "exercise_backup"),
        ]
    """,
    mistakes=[
        (
            "no backup",
            """answer = [keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy",
                                                          save_best_only=True)]""",
        ),
        (
            "keeps the last, not the best",
            """answer = [keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy"),
                         keras.callbacks.BackupAndRestore(backup_dir="backup")]""",
        ),
        (
            "best on training accuracy",
            """answer = [keras.callbacks.ModelCheckpoint("best.keras", monitor="accuracy",
                                                          save_best_only=True),
                         keras.callbacks.BackupAndRestore(backup_dir="backup")]""",
        ),
        ("EarlyStopping only", "answer = [keras.callbacks.EarlyStopping(patience=3)]"),
        ("a string", "answer = 'ModelCheckpoint'"),
    ],
)
