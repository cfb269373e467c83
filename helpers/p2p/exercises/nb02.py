"""Exercises of notebook 02: a first network on CIFAR-10."""

from __future__ import annotations

import numpy as np

from .checks import expect_array, expect_dense, expect_model, layers_of
from .core import Question, Wrong

# ----------------------------------------------------------------------------- q1


def _check_q1(answer):
    scaled = expect_array(answer, "the scaled images")
    if scaled.ndim != 4 or len(scaled) != 100:
        raise Wrong(
            f"expected the first 100 images, shape (100, h, w, c); yours is {scaled.shape}."
        )
    if not np.issubdtype(scaled.dtype, np.floating):
        if scaled.max() > 1:
            raise Wrong("the pixels are still whole numbers from 0 to 255: divide by 255.")
        raise Wrong("the values were rounded to whole numbers. Keep them as floats.")
    if scaled.min() < 0 or scaled.max() > 1.0 + 1e-6:
        raise Wrong(
            f"values should lie in [0, 1]; yours go from {scaled.min():.3g} to {scaled.max():.3g}."
        )
    if scaled.max() < 0.5:
        raise Wrong("the brightest pixel is below 0.5: did you divide twice, or by too much?")
    as_levels = scaled * 255.0
    if not np.allclose(as_levels, np.round(as_levels), atol=1e-2):
        raise Wrong(
            "the values are not multiples of 1/255: divide by 255 (the largest pixel value)."
        )


q1 = Question(
    notebook="02",
    number=1,
    title="scale the first 100 training images to floats between 0 and 1",
    checker=_check_q1,
    hint="Pixels are uint8 numbers from 0 to 255. "
    "Convert to float32 and divide by the largest value.",
    setup="""
        import numpy as np
        x_train = np.random.default_rng(0).integers(0, 256, (200, 32, 32, 3), dtype=np.uint8)
    """,
    solution="""
        answer = x_train[:100].astype("float32") / 255.0
    """,
    mistakes=[
        ("not scaled", "answer = x_train[:100]"),
        ("divided by 256", "answer = x_train[:100] / 256.0"),
        ("rounded to integers", "answer = (x_train[:100] / 255).astype('uint8')"),
        ("all images", "answer = x_train / 255.0"),
    ],
)

# ----------------------------------------------------------------------------- q2

Q2_LABELS = [3, 0, 9]


def _check_q2(answer):
    onehot = expect_array(answer, "the one-hot labels")
    expected_shape = (len(Q2_LABELS), 10)
    if onehot.shape == expected_shape[::-1]:
        raise Wrong("your array is transposed: one row per label, one column per class.")
    if onehot.shape != expected_shape:
        raise Wrong(
            f"expected shape {expected_shape} (3 labels, 10 classes), yours is {onehot.shape}."
        )
    if not np.isin(onehot, [0, 1]).all() or not (onehot.sum(axis=1) == 1).all():
        raise Wrong("each row should hold a single 1 and nine 0s.")
    for row, label in enumerate(Q2_LABELS):
        position = int(np.argmax(onehot[row]))
        if position != label:
            raise Wrong(f"row {row} is for label {label}, but its 1 is at position {position}.")


q2 = Question(
    notebook="02",
    number=2,
    title="one-hot encode the labels [3, 0, 9] for 10 classes",
    checker=_check_q2,
    hint="keras.utils.to_categorical(labels, num_classes=...) does it; so does indexing the "
    "rows of np.eye(10).",
    setup="import keras",
    solution="""
        answer = keras.utils.to_categorical([3, 0, 9], num_classes=10)
    """,
    mistakes=[
        ("transposed", "answer = keras.utils.to_categorical([3, 0, 9], num_classes=10).T"),
        ("off by one", "answer = keras.utils.to_categorical([2, 9, 8], num_classes=10)"),
        ("sparse labels left as they are", "answer = [3, 0, 9]"),
    ],
)

# ----------------------------------------------------------------------------- q3


def _loss_name(loss) -> str:
    if isinstance(loss, str):
        return loss
    return getattr(loss, "name", type(loss).__name__)


def _check_q3(answer):
    import keras

    model = expect_model(answer)
    if tuple(model.output_shape) != (None, 10):
        raise Wrong(f"the output should have shape (None, 10); yours is {model.output_shape}.")
    layers = [layer for layer in layers_of(model) if not isinstance(layer, keras.layers.Rescaling)]
    if not layers or not isinstance(layers[0], keras.layers.Flatten):
        raise Wrong("start with a Flatten layer (after keras.Input and an optional Rescaling).")
    dense = [layer for layer in layers if isinstance(layer, keras.layers.Dense)]
    if len(dense) != 1:
        raise Wrong(f"this model has exactly one Dense layer; yours has {len(dense)}.")
    expect_dense(dense[0], layers.index(dense[0]) + 1, units=10, activation="softmax")
    if getattr(model, "optimizer", None) is None:
        raise Wrong("the model is not compiled yet: call model.compile(...).")
    if not isinstance(model.optimizer, keras.optimizers.SGD):
        raise Wrong(f"use plain SGD; yours is compiled with {type(model.optimizer).__name__}.")
    rate = float(model.optimizer.learning_rate.numpy())
    if not np.isclose(rate, 0.01, rtol=1e-3):
        raise Wrong(f"the learning rate should be 0.01; yours is {rate:g}.")
    if float(model.optimizer.momentum) != 0.0:
        raise Wrong("plain SGD has no momentum (that comes in notebook 03).")
    loss = _loss_name(model.loss)
    if loss == "categorical_crossentropy":
        raise Wrong(
            "categorical_crossentropy expects one-hot labels; the labels here are integers, "
            "so use sparse_categorical_crossentropy."
        )
    if loss != "sparse_categorical_crossentropy":
        raise Wrong(f"the loss should be sparse_categorical_crossentropy; yours is {loss}.")
    if not _compiled_with_accuracy(model):
        raise Wrong("add the accuracy metric: metrics=['accuracy'].")


def _compiled_with_accuracy(model) -> bool:
    """True when compile() was given an accuracy metric (any spelling Keras accepts)."""
    metrics = (model.get_compile_config() or {}).get("metrics")  # as given to compile()
    return "acc" in repr(metrics).lower()  # "accuracy", "acc", SparseCategoricalAccuracy()


_SOFTMAX_MODEL = """
answer = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
"""


def _compile(optimizer: str, loss: str) -> str:
    return f'answer.compile(optimizer={optimizer}, loss="{loss}", metrics=["accuracy"])\n'


q3 = Question(
    notebook="02",
    number=3,
    title="build and compile the softmax classifier with SGD (learning rate 0.01)",
    checker=_check_q3,
    hint="keras.Input, Flatten, Dense(10, softmax); then compile with "
    "optimizer=keras.optimizers.SGD(learning_rate=...), the loss for integer labels, "
    "and metrics=['accuracy'].",
    setup="import keras",
    solution="""
        answer = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ])
        answer.compile(
            optimizer=keras.optimizers.SGD(learning_rate=0.01),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
    """,
    mistakes=[
        ("not compiled", _SOFTMAX_MODEL),
        (
            "one-hot loss with integer labels",
            _SOFTMAX_MODEL
            + _compile("keras.optimizers.SGD(learning_rate=0.01)", "categorical_crossentropy"),
        ),
        (
            "Adam instead of SGD",
            _SOFTMAX_MODEL + _compile('"adam"', "sparse_categorical_crossentropy"),
        ),
        (
            "no accuracy metric",
            _SOFTMAX_MODEL
            + "answer.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), "
            + 'loss="sparse_categorical_crossentropy")\n',
        ),
        (
            "learning rate 0.1",
            _SOFTMAX_MODEL
            + _compile(
                "keras.optimizers.SGD(learning_rate=0.1)", "sparse_categorical_crossentropy"
            ),
        ),
    ],
)

# ----------------------------------------------------------------------------- q4

PROBABILITIES = np.array(
    [
        [0.05, 0.05, 0.10, 0.50, 0.05, 0.10, 0.05, 0.04, 0.03, 0.03],
        [0.70, 0.02, 0.03, 0.02, 0.03, 0.02, 0.03, 0.02, 0.10, 0.03],
        [0.01, 0.30, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.61],
        [0.10, 0.10, 0.10, 0.10, 0.16, 0.10, 0.14, 0.10, 0.05, 0.05],
        [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.80, 0.03, 0.03],
    ]
)
"""Predicted probabilities for five images (rows) over ten classes (columns), for q4."""


def _check_q4(answer):
    expected = PROBABILITIES.argmax(axis=1)
    classes = expect_array(answer, "the predicted classes")
    if classes.shape == (10,):
        raise Wrong("you took the argmax down each column (axis=0); take it along each row.")
    if classes.shape != expected.shape:
        raise Wrong(
            f"expected one class per image, shape {expected.shape}; yours is {classes.shape}."
        )
    if np.issubdtype(classes.dtype, np.floating) and not np.allclose(classes, np.round(classes)):
        raise Wrong("these look like probabilities, not class numbers: use argmax, not max.")
    wrong = np.flatnonzero(classes != expected)
    if wrong.size:
        raise Wrong(
            f"image {wrong[0]} is predicted as class {classes[wrong[0]]}; look at its row again."
        )


q4 = Question(
    notebook="02",
    number=4,
    title="turn predicted probabilities into predicted classes",
    checker=_check_q4,
    hint="For each row (one image), the predicted class is the position of the largest "
    "probability: np.argmax with the right axis.",
    setup="from p2p.exercises.nb02 import PROBABILITIES as five_predictions\nimport numpy as np",
    solution="""
        answer = np.argmax(five_predictions, axis=1)   # one class per row (image)
    """,
    mistakes=[
        ("argmax over the wrong axis", "answer = np.argmax(five_predictions, axis=0)"),
        ("max instead of argmax", "answer = np.max(five_predictions, axis=1)"),
        ("argmax of everything", "answer = np.argmax(five_predictions)"),
    ],
)
