"""Exercises of notebook 06: regularisation, augmentation and sharing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from .checks import (
    expect_dense_step,
    expect_input_shape,
    expect_model,
    expect_number,
    model_steps,
    without_rescaling,
)
from .core import Question, Wrong

# ----------------------------------------------------------------------------- q1

Q1_CONV_FILTERS = (32, 64)
Q1_DENSE_UNITS = 128
Q1_RATE = 0.5


def _q1_block(steps, kinds, i: int, number: int, filters: int) -> None:
    """:class:`Wrong` unless steps[i:i + 4] are Conv2D (no activation), BatchNormalization,
    ReLU and MaxPooling2D(2)."""
    conv = steps[i]
    layer = conv.layer
    where = f"Conv2D layer {number} ({layer.name})"
    if (
        layer.filters != filters
        or tuple(layer.kernel_size) != (3, 3)
        or layer.padding != "same"
        or tuple(layer.strides) != (1, 1)
    ):
        raise Wrong(
            f"keep {where} as it was, with {filters} filters of 3x3 and padding='same'; only "
            "its activation moves."
        )
    following = kinds[i + 1 : i + 4]
    bn_follows = "BatchNormalization" in following[:2]
    if conv.activation == "relu" and bn_follows:
        if conv.activation_layer is not None:
            move = (
                f"move the {type(conv.activation_layer).__name__} layer after the "
                "BatchNormalization"
            )
        else:
            move = (
                "remove activation='relu' from the Conv2D and add "
                "keras.layers.Activation('relu') after the BatchNormalization"
            )
        raise Wrong(
            f"{where} applies its ReLU before the BatchNormalization. As in section 2, the "
            f"order is Conv2D without activation, then BatchNormalization, then ReLU: {move}."
        )
    if conv.activation not in ("linear", "relu"):
        raise Wrong(
            f"{where} should have no activation of its own (the ReLU comes after the "
            f"BatchNormalization); yours uses {conv.activation!r}."
        )
    if following[:1] != ["BatchNormalization"]:
        after = f"a {following[0]}" if following else "nothing"
        raise Wrong(
            f"{where} should be followed directly by a BatchNormalization layer (yours is "
            f"followed by {after}), and its ReLU moves after that: Conv2D({filters}, 3, "
            "padding='same', use_bias=False), BatchNormalization(), Activation('relu'), "
            "MaxPooling2D(2)."
        )
    if conv.activation == "relu":  # a ReLU inside the Conv2D and BN after the next layer
        raise Wrong(f"{where} should have no activation: the ReLU comes after BatchNormalization.")
    norm = steps[i + 1].layer
    if norm.axis not in (-1, 3, [-1], [3]):
        raise Wrong(
            f"the BatchNormalization after {where} should normalise each channel: leave its "
            f"axis at -1 (the channels); yours is {norm.axis}."
        )
    if not norm.center and not layer.use_bias:
        raise Wrong(
            f"{where} has no bias and its BatchNormalization has center=False, so the block "
            "has no shift at all: keep center=True (the default)."
        )
    if following[1:2] != ["Activation"]:
        after = following[1] if len(following) > 1 else "nothing"
        raise Wrong(
            f"after the BatchNormalization of block {number} comes the ReLU, "
            f"keras.layers.Activation('relu') or keras.layers.ReLU(); yours has {after} "
            "there. Without it the block has no non-linearity."
        )
    if steps[i + 2].activation != "relu":
        raise Wrong(
            f"the activation after the BatchNormalization of block {number} should be ReLU; "
            f"yours is {steps[i + 2].activation!r}."
        )
    if following[2:3] != ["MaxPooling2D"]:
        after = following[2] if len(following) > 2 else "nothing"
        raise Wrong(
            f"block {number} should end with its MaxPooling2D(2), right after the ReLU, as "
            f"before; yours has {after} there."
        )
    pool = steps[i + 3].layer
    if tuple(pool.pool_size) != (2, 2) or tuple(pool.strides) != (2, 2):
        raise Wrong(
            f"keep the MaxPooling2D(2) of block {number}; yours has pool_size="
            f"{tuple(pool.pool_size)} and strides={tuple(pool.strides)}."
        )


def _check_q1(answer):
    model = expect_model(answer)
    expect_input_shape(model, (32, 32, 3))
    steps = without_rescaling(model_steps(model), required=True)
    kinds = [step.kind for step in steps]
    convs = [i for i, kind in enumerate(kinds) if kind == "Conv2D"]
    if len(convs) != 2:
        raise Wrong(f"keep the two Conv2D layers of the model; yours has {len(convs)}.")
    if "BatchNormalization" not in kinds:
        raise Wrong(
            "there is no BatchNormalization layer yet: each Conv2D (without its activation) "
            "gets one, followed by the ReLU."
        )
    if "Dropout" in kinds[: convs[0]] or "Dropout" in kinds[convs[0] : convs[1]]:
        raise Wrong(
            "a Dropout layer sits among the convolutional blocks or on the input pixels. "
            "In this exercise put it after Flatten, just before the last Dense layer."
        )
    for number, (i, filters) in enumerate(zip(convs, Q1_CONV_FILTERS, strict=True), start=1):
        _q1_block(steps, kinds, i, number, filters)
    if convs[0] != 0:
        raise Wrong(
            f"nothing comes between Rescaling and the first Conv2D; yours has {steps[0].kind}."
        )
    if convs[1] != convs[0] + 4:
        extra = steps[convs[0] + 4]
        raise Wrong(f"nothing comes between the two blocks; remove {extra.where}, a {extra.kind}.")
    head = steps[convs[1] + 4 :]
    head_kinds = [step.kind for step in head]
    if "Dropout" not in head_kinds:
        raise Wrong("there is no Dropout layer yet: add Dropout(0.5) before the last Dense layer.")
    if not head or head_kinds[-1] != "Dense" or head[-1].layer.units != 10:
        raise Wrong(
            "the model should still end with Dense(10, activation='softmax'); nothing "
            "comes after it (Dropout after the output would drop class probabilities)."
        )
    expected = ["Flatten", "Dense", "Dropout", "Dense"]
    if head_kinds == ["Flatten", "Dropout", "Dense", "Dense"]:
        raise Wrong(
            "the Dropout layer sits before Dense(128); put it after Dense(128), directly "
            "before the last Dense layer."
        )
    if head_kinds == ["Flatten", "Dropout", "Dense"]:
        raise Wrong(
            f"keep the Dense({Q1_DENSE_UNITS}, activation='relu') layer between Flatten and "
            "the Dropout."
        )
    if head_kinds != expected:
        raise Wrong(
            "after the second block the model should go on as before with Dropout added: "
            f"Flatten, Dense({Q1_DENSE_UNITS}, relu), Dropout({Q1_RATE}), Dense(10, softmax); "
            f"yours has {', '.join(map(repr, head))}."
        )
    expect_dense_step(head[1], units=Q1_DENSE_UNITS, activation="relu", what="the hidden Dense")
    rate = head[2].layer.rate
    if not np.isclose(rate, Q1_RATE):
        raise Wrong(f"use a dropout rate of {Q1_RATE}; yours is {rate:g}.")
    expect_dense_step(head[3], units=10, activation="softmax", what="the last Dense layer")


_Q1_HEAD = """
answer = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Rescaling(1 / 255),
"""


def _q1_model(middle: str, head: str = _Q1_HEAD) -> str:
    return head + middle + "])\n"


def _layer(code: str) -> str:
    return f"    keras.layers.{code},\n"


_CONV1_RELU = _layer('Conv2D(32, 3, padding="same", activation="relu")')  # the given model
_CONV2_RELU = _layer('Conv2D(64, 3, padding="same", activation="relu")')
_CONV1 = _layer('Conv2D(32, 3, padding="same", use_bias=False)')  # the ReLU moves after BN
_CONV2 = _layer('Conv2D(64, 3, padding="same", use_bias=False)')
_BN = _layer("BatchNormalization()")
_RELU = _layer('Activation("relu")')
_POOL = _layer("MaxPooling2D(2)")
_FLAT = _layer("Flatten()")
_HIDDEN = _layer('Dense(128, activation="relu")')
_TOP = _FLAT + _HIDDEN
_DROP = _layer("Dropout(0.5)")
_OUT = _layer('Dense(10, activation="softmax")')
_BLOCK1 = _CONV1 + _BN + _RELU + _POOL
_BLOCK2 = _CONV2 + _BN + _RELU + _POOL

q1 = Question(
    notebook="06",
    number=1,
    title="BatchNormalization in each block (Conv2D, BatchNormalization, ReLU) and "
    "Dropout(0.5) before the last Dense layer",
    checker=_check_q1,
    hint="As in build_model of section 2, each block becomes Conv2D(..., padding='same', "
    "use_bias=False) without activation, then BatchNormalization(), then "
    "Activation('relu'), then the MaxPooling2D(2) as before. Dropout goes in the dense part, "
    "just before the output layer: never after the output.",
    setup="import keras",
    solution="""
        answer = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(32, 3, padding="same", use_bias=False),  # no activation, no bias
            keras.layers.BatchNormalization(),   # its shift does the bias' job
            keras.layers.Activation("relu"),     # the ReLU comes after the normalisation
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3, padding="same", use_bias=False),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dropout(0.5),           # right before the last Dense layer
            keras.layers.Dense(10, activation="softmax"),
        ])
    """,
    mistakes=[
        ("nothing added", _q1_model(_CONV1_RELU + _POOL + _CONV2_RELU + _POOL + _TOP + _OUT)),
        (
            "BatchNormalization after a Conv2D that still has its ReLU",
            _q1_model(_CONV1_RELU + _BN + _POOL + _CONV2_RELU + _BN + _POOL + _TOP + _DROP + _OUT),
        ),
        (
            "a ReLU layer before the BatchNormalization",
            _q1_model(
                _CONV1 + _RELU + _BN + _POOL + _CONV2 + _RELU + _BN + _POOL + _TOP + _DROP + _OUT
            ),
        ),
        (
            "BatchNormalization but no ReLU",
            _q1_model(_CONV1 + _BN + _POOL + _CONV2 + _BN + _POOL + _TOP + _DROP + _OUT),
        ),
        (
            "BatchNormalization after the pooling",
            _q1_model(
                _CONV1 + _POOL + _BN + _RELU + _CONV2 + _POOL + _BN + _RELU + _TOP + _DROP + _OUT
            ),
        ),
        (
            "BatchNormalization only in the first block",
            _q1_model(_BLOCK1 + _CONV2_RELU + _POOL + _TOP + _DROP + _OUT),
        ),
        ("Dropout after the output", _q1_model(_BLOCK1 + _BLOCK2 + _TOP + _OUT + _DROP)),
        ("Dropout on the input pixels", _q1_model(_DROP + _BLOCK1 + _BLOCK2 + _TOP + _OUT)),
        (
            "dropout rate 0.05",
            _q1_model(_BLOCK1 + _BLOCK2 + _TOP + _layer("Dropout(0.05)") + _OUT),
        ),
        (
            "Dropout before Dense(128)",
            _q1_model(_BLOCK1 + _BLOCK2 + _FLAT + _DROP + _HIDDEN + _OUT),
        ),
        ("Dense(128) removed", _q1_model(_BLOCK1 + _BLOCK2 + _FLAT + _DROP + _OUT)),
        (
            "pooling removed",
            _q1_model(_CONV1 + _BN + _RELU + _CONV2 + _BN + _RELU + _TOP + _DROP + _OUT),
        ),
        (
            "32 filters in both blocks",
            _q1_model(
                _BLOCK1
                + _layer('Conv2D(32, 3, padding="same", use_bias=False)')
                + _BN
                + _RELU
                + _POOL
                + _TOP
                + _DROP
                + _OUT
            ),
        ),
        (
            "Rescaling removed",
            _q1_model(
                _BLOCK1 + _BLOCK2 + _TOP + _DROP + _OUT,
                head="answer = keras.Sequential([\n    keras.Input(shape=(32, 32, 3)),\n",
            ),
        ),
    ],
    alternatives=[
        (
            "Conv2D with its (redundant) bias, ReLU() layers",
            _q1_model(
                _layer('Conv2D(32, 3, padding="same")')
                + _BN
                + _layer("ReLU()")
                + _POOL
                + _layer('Conv2D(64, 3, padding="same")')
                + _BN
                + _layer("ReLU()")
                + _POOL
                + _TOP
                + _DROP
                + _OUT
            ),
        ),
        (
            "BatchNormalization(momentum=0.9) as in build_model; separate Dense activations",
            _q1_model(
                _CONV1
                + _layer("BatchNormalization(momentum=0.9)")
                + _RELU
                + _layer("MaxPooling2D((2, 2))")
                + _CONV2
                + _layer("BatchNormalization(momentum=0.9)")
                + _RELU
                + _layer("MaxPooling2D(pool_size=2)")
                + _FLAT
                + _layer("Dense(128)")
                + _layer('Activation("relu")')
                + _layer("Dropout(rate=0.5)")
                + _layer("Dense(10)")
                + _layer("Softmax()")
            ),
        ),
        (
            "the Functional API",
            """
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
            answer = keras.Model(inputs, outputs)
            """,
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


def _tidy(text: str) -> str:
    """Lower case, single spaces, no ``keras.layers.`` prefix: for comparing descriptions."""
    return " ".join(text.replace("keras.layers.", "").split()).lower()


_BY_DESCRIPTION = {_tidy(key): key for key in AUGMENTATIONS}
_BY_LAYER = {_tidy(layer).replace(" ", ""): key for key, layer in AUGMENTATIONS.items()}


def _check_q2(answer):
    if isinstance(answer, str):
        answer = [answer]
    if isinstance(answer, Mapping):  # e.g. the chosen part of AUGMENTATIONS: its keys count
        answer = list(answer)
    try:
        items = list(answer) if isinstance(answer, Iterable) else None
    except (TypeError, NotImplementedError):  # a 0-d array, a symbolic tensor
        items = None
    if items is None:
        raise Wrong("expected a list of descriptions, such as ['shift up to 10%', ...].")
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
                "(the keys of AUGMENTATIONS)."
            )
        raise Wrong(
            f"{item!r} is not one of the choices; copy the descriptions exactly "
            "from the list (print(AUGMENTATIONS))."
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
        (
            "turning by up to 180 degrees too",
            "answer = ['rotate up to 10 degrees', 'rotate up to 180 degrees', "
            "'shift up to 10%', 'zoom up to 10%', 'change contrast up to 20%']",
        ),
        (
            "a vertical flip too",
            "answer = ['flip upside down', 'rotate up to 10 degrees', 'shift up to 10%', "
            "'zoom up to 10%', 'change contrast up to 20%']",
        ),
        (
            "the Keras layers instead of the descriptions",
            "answer = [AUGMENTATIONS[key] for key in ('rotate up to 10 degrees', "
            "'shift up to 10%', 'zoom up to 10%', 'change contrast up to 20%')]",
        ),
    ],
    alternatives=[
        (
            "a tuple in another order",
            "answer = ('change contrast up to 20%', 'zoom up to 10%', 'shift up to 10%', "
            "'rotate up to 10 degrees')",
        ),
        (
            "the chosen part of the dict",
            "answer = {key: layer for key, layer in AUGMENTATIONS.items() "
            "if 'flip' not in key and '180' not in key}",
        ),
        (
            "a set typed with other capitals and spaces",
            "answer = {'Rotate up to 10 degrees', 'SHIFT UP TO 10%', ' zoom up to  10% ', "
            "'change contrast up to 20%'}",
        ),
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
    if np.isclose(value, Q3_FACTOR * np.mean(Q3_WEIGHTS**2), rtol=1e-3):
        raise Wrong("Keras adds the squares up; it does not average them. Use a sum, not a mean.")
    if np.isclose(value, Q3_FACTOR * squares / 2, rtol=1e-3):
        raise Wrong(
            "that is half the penalty: some books write (factor / 2) x the sum of squares, "
            "but Keras' L2(factor) has no 1/2."
        )
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
        ("mean instead of sum", "answer = 0.01 * np.mean(weights ** 2)"),
        ("with a factor 1/2", "answer = 0.01 * np.sum(weights ** 2) / 2"),
    ],
    alternatives=[
        (
            "Keras' own regulariser: a tensor",
            "import keras\nanswer = keras.regularizers.L2(0.01)(weights)",
        ),
        ("a dot product", "answer = 0.01 * weights @ weights"),
        ("worked out by hand", "answer = 0.055"),
        ("a NumPy float32", "answer = np.float32(0.01) * np.sum(weights.astype('float32') ** 2)"),
    ],
)

# ----------------------------------------------------------------------------- q4


def _resolved(path) -> Path:
    return Path(str(path)).expanduser().resolve()


def _inside(path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies below it."""
    path = _resolved(path)
    return path == folder or folder in path.parents


def _check_q4(answer):
    import keras

    from ..paths import work_dir

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
    if checkpoint.mode not in ("auto", "max"):
        raise Wrong(
            f"with mode={checkpoint.mode!r} the checkpoint would keep the lowest accuracy; "
            "leave mode at 'auto' (or 'max')."
        )
    if checkpoint.save_freq != "epoch":
        raise Wrong(
            "save_freq counts batches, but the validation accuracy exists only at the end of "
            "each epoch: leave save_freq='epoch' (the default)."
        )
    folder = work_dir("checkpoints").resolve()
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
            "folder / 'exercise_backup'."
        )


def _q4_callbacks(
    options: str,
    path: str = 'folder / "exercise_best.keras"',
    backup: str | None = 'folder / "exercise_backup"',
) -> str:
    """Code of a list of callbacks for q4: ModelCheckpoint(path, options) and, unless
    ``backup`` is None, BackupAndRestore(backup) (paths as code, ``folder`` the checkpoints)."""
    code = 'folder = p2p.work_dir("checkpoints")\n'
    code += f"answer = [keras.callbacks.ModelCheckpoint({path}, {options})]\n"
    if backup is not None:
        code += f"answer.append(keras.callbacks.BackupAndRestore(backup_dir={backup}))\n"
    return code


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
            _q4_callbacks('monitor="val_accuracy", save_best_only=True', backup=None),
        ),
        ("keeps the last, not the best", _q4_callbacks('monitor="val_accuracy"')),
        (
            "best on training accuracy",
            _q4_callbacks('monitor="accuracy", save_best_only=True'),
        ),
        (
            "best on the validation loss",
            _q4_callbacks('monitor="val_loss", save_best_only=True'),
        ),
        (
            "mode='min' for an accuracy",
            _q4_callbacks('monitor="val_accuracy", save_best_only=True, mode="min"'),
        ),
        (
            "the backup folder holds the best model (and is deleted at the end)",
            _q4_callbacks('monitor="val_accuracy", save_best_only=True', backup="folder"),
        ),
        (
            "the best model outside p2p.work_dir('checkpoints')",
            _q4_callbacks(
                'monitor="val_accuracy", save_best_only=True', path='"exercise_best.keras"'
            ),
        ),
        (
            "weights only",
            _q4_callbacks(
                'monitor="val_accuracy", save_best_only=True, save_weights_only=True',
                path='folder / "exercise_best.weights.h5"',
            ),
        ),
        ("EarlyStopping only", "answer = [keras.callbacks.EarlyStopping(patience=3)]"),
        ("a string", "answer = 'ModelCheckpoint'"),
    ],
    alternatives=[
        (
            "a tuple, backup first, paths as strings",
            """
            import os
            folder = str(p2p.work_dir("checkpoints"))
            answer = (
                keras.callbacks.BackupAndRestore(os.path.join(folder, "backup")),
                keras.callbacks.ModelCheckpoint(
                    os.path.join(folder, "best.keras"), "val_accuracy", save_best_only=True
                ),
            )
            """,
        ),
        (
            "mode='max' and an extra EarlyStopping",
            _q4_callbacks('monitor="val_accuracy", save_best_only=True, mode="max"')
            + "answer.append(keras.callbacks.EarlyStopping(patience=5))\n",
        ),
        (
            "the best model in a subfolder, the backup beside it",
            _q4_callbacks(
                'monitor="val_accuracy", save_best_only=True',
                path='folder / "best" / "exercise_best.keras"',
                backup='folder / "backups" / "exercise"',
            ),
        ),
    ],
)
