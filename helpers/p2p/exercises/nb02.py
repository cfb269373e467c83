"""Exercises of notebook 02: a first network on CIFAR-10."""

from __future__ import annotations

import numbers

import keras
import numpy as np

from ..profiles import get_profile
from .answers import (
    compiled_loss,
    expect_array,
    expect_history,
    expect_layers_like,
    expect_one_fit,
    expect_validated_on,
    expect_validation,
    model_steps,
    optimizer_settings,
    snake,
    without_rescaling,
)
from .question import Question, Wrong, bind

ONE_HOT_LABELS = [3, 0, 9]
"""The labels of the one-hot question (the notebook states them in the question's text)."""

five_predictions = np.array(
    [
        [0.05, 0.05, 0.10, 0.50, 0.05, 0.10, 0.05, 0.04, 0.03, 0.03],
        [0.70, 0.02, 0.03, 0.02, 0.03, 0.02, 0.03, 0.02, 0.10, 0.03],
        [0.01, 0.30, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.61],
        [0.10, 0.10, 0.10, 0.10, 0.16, 0.10, 0.14, 0.10, 0.05, 0.05],
        [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.80, 0.03, 0.03],
    ]
)
"""Predicted probabilities for five images (rows) over ten classes (columns), which the
notebook imports for the question on predicted classes."""


def _check_scale_images(answer, x_train=None):
    scaled = expect_array(answer, "the scaled images")
    first = None  # the notebook's x_train[:100], when it was passed as raw pixels (0 to 255)
    if x_train is not None and np.ndim(x_train) == 4 and np.asarray(x_train).dtype.kind in "iu":
        first = np.asarray(x_train)[:100]
    if scaled.ndim != 4 or len(scaled) != 100:
        raise Wrong(
            f"expected the first 100 images, shape (100, h, w, c); yours is {scaled.shape}."
        )
    if first is not None and scaled.shape != first.shape:
        raise Wrong(f"x_train[:100] has shape {first.shape}; yours is {scaled.shape}.")
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
    # a float16 value near 1 is only good to about 1/2000, so allow for its rounding
    tolerance = 1e-2 + 255 * float(np.finfo(scaled.dtype).eps)
    as_levels = scaled.astype(float) * 255.0
    if not np.allclose(as_levels, np.round(as_levels), atol=tolerance):
        raise Wrong(
            "the values are not multiples of 1/255: divide by 255 (the largest pixel value)."
        )
    if first is None or np.allclose(as_levels, first, atol=tolerance):
        return
    pool = np.asarray(x_train)[:1000].astype(float)
    pool = pool.reshape(len(pool), -1)
    found = np.flatnonzero(np.all(np.abs(pool - as_levels[0].reshape(-1)) <= tolerance, axis=1))
    if found.size and found[0] != 0:
        raise Wrong(
            f"your first image is x_train[{found[0]}]; the question asks for the first 100 "
            "images, x_train[:100]."
        )
    raise Wrong("these are not the images of x_train[:100] divided by 255.")


scale_images = Question(
    "scale the first 100 training images to floats between 0 and 1",
    checker=_check_scale_images,
    hint="Pixels are uint8 numbers from 0 to 255. "
    "Convert to float32 and divide by the largest value.",
)


@scale_images.solved_by
def _(x_train):
    return x_train[:100].astype("float32") / 255.0


def _check_one_hot_labels(answer):
    onehot = expect_array(answer, "the one-hot labels")
    expected_shape = (len(ONE_HOT_LABELS), 10)
    if onehot.shape == expected_shape[::-1]:
        raise Wrong("your array is transposed: one row per label, one column per class.")
    if onehot.shape != expected_shape:
        raise Wrong(
            f"expected shape {expected_shape} (3 labels, 10 classes), yours is {onehot.shape}."
        )
    if not np.isin(onehot, [0, 1]).all() or not (onehot.sum(axis=1) == 1).all():
        raise Wrong("each row should hold a single 1 and nine 0s.")
    for row, label in enumerate(ONE_HOT_LABELS):
        position = int(np.argmax(onehot[row]))
        if position != label:
            raise Wrong(f"row {row} is for label {label}, but its 1 is at position {position}.")


one_hot_labels = Question(
    f"one-hot encode the labels {ONE_HOT_LABELS} for 10 classes",
    checker=_check_one_hot_labels,
    hint="keras.utils.to_categorical(labels, num_classes=...) does it; so does indexing the "
    "rows of np.eye(10).",
)


@one_hot_labels.solved_by
def _():
    return keras.utils.to_categorical([3, 0, 9], num_classes=10)


def _metric_names(metrics) -> list[tuple[str, bool]]:
    """The metrics of the compile config as (name, given as a string) pairs."""
    if metrics is None:
        return []
    if isinstance(metrics, str):
        return [(metrics, True)]
    if isinstance(metrics, dict) and "class_name" in metrics:  # a serialized metric
        if metrics["class_name"] == "function":
            return [(str(metrics.get("config")), False)]
        return [(snake(metrics["class_name"]), False)]
    if isinstance(metrics, dict):  # one list of metrics per output
        return [pair for value in metrics.values() for pair in _metric_names(value)]
    if isinstance(metrics, list | tuple):
        return [pair for item in metrics for pair in _metric_names(item)]
    return [(snake(type(metrics).__name__), False)]


_ONE_HOT_METRICS = {"categorical_accuracy", "top_k_categorical_accuracy"}


def _check_metrics(model) -> None:
    """:class:`Wrong` unless compile() was given an accuracy metric for integer labels."""
    config = model.get_compile_config() or {}  # the arguments given to compile()
    names = _metric_names(config.get("metrics")) + _metric_names(config.get("weighted_metrics"))
    right = False
    for name, as_string in names:
        if as_string and name.lower() in ("accuracy", "acc"):
            right = True  # Keras picks the accuracy that fits the labels and the loss
            continue
        name = snake(name) if as_string else name
        if name == "sparse_categorical_accuracy":
            right = True
        elif name in _ONE_HOT_METRICS:
            raise Wrong(
                f"{name} expects one-hot labels; the labels here are integers. Use "
                "metrics=['accuracy'] (or 'sparse_categorical_accuracy')."
            )
        elif name == "accuracy":  # the keras.metrics.Accuracy() object
            raise Wrong(
                "keras.metrics.Accuracy() compares the outputs with the labels value by "
                "value, which fails for probabilities. Use the string 'accuracy' or "
                "keras.metrics.SparseCategoricalAccuracy()."
            )
    if right:
        return
    if any("top_k" in name for name, _ in names):
        raise Wrong(
            "top-k accuracy counts an image as right when its label is among the k most "
            "likely classes; add plain accuracy: metrics=['accuracy']."
        )
    raise Wrong("add the accuracy metric: metrics=['accuracy'].")


_NOT_PLAIN = {
    "momentum": "momentum (that comes in notebook 03)",
    "nesterov": "Nesterov momentum",
    "weight_decay": "weight decay",
}


def _check_compiled_classifier(answer):
    expect_layers_like(answer, compiled_classifier.reference())
    model = answer
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        raise Wrong("the model is not compiled yet: call model.compile(...).")
    settings = optimizer_settings(optimizer)
    if settings["kind"] != "SGD":
        raise Wrong(f"use plain SGD; yours is compiled with {settings['kind']}.")
    rate = settings["learning_rate"]
    if rate is None:
        raise Wrong("use a fixed learning rate of 0.01, not a schedule.")
    if not np.isclose(rate, 0.01, rtol=1e-3):
        raise Wrong(f"the learning rate should be 0.01; yours is {rate:g}.")
    for key, what in _NOT_PLAIN.items():
        if settings[key]:
            raise Wrong(f"plain SGD has no {what}; yours has {key}={settings[key]}: leave it out.")
    if model.loss is None:
        raise Wrong("give compile() a loss: the loss for integer labels.")
    loss, options = compiled_loss(model.loss)
    from_logits = bool(options.get("from_logits", False))
    if loss == "categorical_crossentropy":
        raise Wrong(
            "categorical_crossentropy expects one-hot labels; the labels here are integers, "
            "so use sparse_categorical_crossentropy."
        )
    if loss == "binary_crossentropy":
        raise Wrong(
            "binary_crossentropy is for two classes; with 10 classes and integer labels use "
            "sparse_categorical_crossentropy."
        )
    if loss != "sparse_categorical_crossentropy":
        raise Wrong(f"the loss should be sparse_categorical_crossentropy; yours is {loss}.")
    if from_logits:
        raise Wrong(
            "the softmax layer already outputs probabilities, so the loss must not treat them "
            "as logits: leave from_logits=False."
        )
    if options.get("ignore_class") is not None:
        raise Wrong(
            f"ignore_class={options['ignore_class']} leaves that class out of the loss, "
            "so the model never learns it: leave ignore_class out."
        )
    _check_metrics(model)


compiled_classifier = Question(
    "build and compile the softmax classifier with SGD (learning rate 0.01)",
    checker=_check_compiled_classifier,
    hint="keras.Input, Flatten, Dense(10, softmax) (a Rescaling layer first is optional); "
    "then compile with optimizer=keras.optimizers.SGD(learning_rate=...), the loss for "
    "integer labels, and metrics=['accuracy'].",
    none_note="Note: model.compile(...) returns None, so answer = model.compile(...) gives "
    "None; compile first, then answer = model.",
)


@compiled_classifier.solved_by
def _():
    model = keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def _check_predicted_classes(answer):
    expected = five_predictions.argmax(axis=1)
    if isinstance(answer, numbers.Number | np.generic) and not isinstance(answer, bool):
        raise Wrong(
            "that is one number. np.argmax without an axis looks at the whole table as one "
            "long row; give axis=1 to get one class per row (image)."
        )
    if isinstance(answer, list | tuple | np.ndarray) and any(
        isinstance(item, str | np.str_) for item in np.ravel(np.asarray(answer, dtype=object))
    ):
        raise Wrong("give the class numbers (0 to 9), not the class names.")
    classes = expect_array(answer, "the predicted classes")
    if classes.shape == (10,):
        raise Wrong("you took the argmax down each column (axis=0); take it along each row.")
    if classes.size == len(expected) and classes.ndim == 2:  # keepdims=True: shape (5, 1)
        classes = classes.reshape(-1)
    if classes.shape != expected.shape:
        raise Wrong(
            f"expected one class per image, shape {expected.shape}; yours is {classes.shape}."
        )
    if np.issubdtype(classes.dtype, np.floating) and not np.allclose(classes, np.round(classes)):
        raise Wrong("these look like probabilities, not class numbers: use argmax, not max.")
    classes = classes.astype(int)  # whole numbers from here on
    if np.array_equal(classes, expected + 1):
        raise Wrong("each class is one too high: class numbers count from 0, as positions do.")
    if np.array_equal(classes, five_predictions.argmin(axis=1)):
        raise Wrong("these are the least likely classes (argmin); take the most likely ones.")
    wrong = np.flatnonzero(classes != expected)
    if wrong.size:
        raise Wrong(
            f"image {wrong[0]} is predicted as class {classes[wrong[0]]:g}; look at its row again."
        )


predicted_classes = Question(
    "turn predicted probabilities into predicted classes",
    checker=_check_predicted_classes,
    hint="For each row (one image), the predicted class is the position of the largest "
    "probability: np.argmax with the right axis.",
)


@predicted_classes.solved_by
def _():
    return np.argmax(five_predictions, axis=1)  # one class per row (image)


# ----------------------------------------------------------------------------- train it yourself


def _check_first_training(answer, x_val=None, y_val=None):
    metrics, model = expect_history(answer)
    profile = get_profile()
    budget = profile.epochs_for("exercise_first")
    target = profile.target_for("first_network")
    val_accuracy = expect_validation(metrics)
    if len(val_accuracy) > budget:
        raise Wrong(
            f"train at most {budget} epochs (epochs={budget}); yours ran {len(val_accuracy)}."
        )
    scaled = True
    if model is not None:
        expect_one_fit(
            answer,
            f"build and compile a fresh model, then fit it once, for at most {budget} epochs.",
        )
        steps = model_steps(model)
        scaled = any(step.kind == "Rescaling" for step in steps)
        kinds = [step.kind for step in without_rescaling(steps)]
        if kinds != ["Flatten", "Dense"]:
            raise Wrong(
                "train this notebook's model: Flatten, then Dense(10, activation='softmax') "
                f"(with Rescaling first); yours has {', '.join(kinds)}. Hidden layers come "
                "in notebook 03."
            )
    best = float(val_accuracy.max())
    if best >= target:
        expect_validated_on(answer, x_val, y_val)
        return
    short = f"{best:.1%} at best, below {target:.0%}"
    if best < 0.13 and abs(float(metrics["loss"][-1]) - np.log(10)) < 0.05:
        raise Wrong(
            f"{short}: the network has not learned at all (guessing scores 10%, and the loss "
            "stays at ln 10). Check the output layer: Dense(10, activation='softmax') with "
            "loss='sparse_categorical_crossentropy'."
        )
    if not scaled and metrics["loss"][0] > 5:
        raise Wrong(
            f"{short}, and the first epoch's loss is huge: scale the pixels, "
            "keras.layers.Rescaling(1 / 255) right after keras.Input."
        )
    if len(val_accuracy) < budget:
        raise Wrong(f"{short}: use all {budget} epochs.")
    adam = type(getattr(model, "optimizer", None)).__name__ == "Adam"
    if len(val_accuracy) > 1 and val_accuracy[-1] > val_accuracy[-2] + 0.002:
        step = "a larger rate, 0.0003" if adam else "keras.optimizers.Adam(learning_rate=0.0003)"
        raise Wrong(f"{short}, and it was still improving: try {step}.")
    start = "Compare" if adam else "Try Adam, keras.optimizers.Adam(learning_rate=...), and compare"
    raise Wrong(
        f"{short}. {start} the rates 0.0003 and 0.0001 (too large a rate makes the accuracy "
        "jump around)."
    )


first_training = Question(
    "train the softmax classifier yourself and reach the target validation accuracy",
    checker=_check_first_training,
    hint="Build the model of exercise 3 (Rescaling, Flatten, Dense(10, softmax)), compile it "
    "with keras.optimizers.Adam(learning_rate=...) and fit it with "
    "validation_data=(x_val, y_val) for profile.epochs_for('exercise_first') epochs; "
    "compare the learning rates 0.0003 and 0.0001 on the validation accuracy.",
)


@first_training.solved_by
def _(x_train, y_train, x_val, y_val, profile):
    model = keras.Sequential(
        [
            keras.Input(shape=x_train.shape[1:]),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.0003),  # smaller steps than its default
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train,
        y_train,
        batch_size=64,
        epochs=profile.epochs_for("exercise_first"),
        validation_data=(x_val, y_val),
        verbose=2,
    )
    return history


bind(
    globals(),
    [scale_images, one_hot_labels, compiled_classifier, predicted_classes, first_training],
)
