"""The test side of notebook 08's exercises (:mod:`p2p.exercises.nb08`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

import functools

import keras
import numpy as np

from p2p import lessons
from p2p.profiles import get_profile

from tests.exercises import history_of


def _notebook_widths() -> tuple:
    """The best model's filters per block, as section 1 of the notebook chooses them."""
    return (64, 128, 256) if get_profile().name == "full" else (32, 64, 128)


def _notebook_options(x_train) -> dict:
    """The best model's switches of section 1, but for the flip (`photos`)."""
    first_layer = lessons.whitening_filters(x_train[:2000])
    return {"shift": 2, "whitening": first_layer, "filters": _notebook_widths()}


def _example_best_run() -> dict:
    """The variables of section 1 as the notebook makes them, and a short run of its best
    model (the reference the learner compares with)."""
    from p2p.data import load_data
    from p2p.feeding import ArrayBatches

    profile = get_profile()
    data = load_data(train_size=profile.cnn_train_size)  # as the notebook loads it
    num_classes = len(data.class_names)
    photos = data.name != "digits"
    options = _notebook_options(data.x_train)
    epochs = profile.epochs_for("recipe")
    y_val_onehot = keras.utils.to_categorical(data.y_val, num_classes)
    train_batches = ArrayBatches(
        data.x_train, keras.utils.to_categorical(data.y_train, num_classes), batch_size=512
    )
    best = lessons.build_best_model(data.x_train.shape[1:], num_classes, flip=photos, **options)
    lessons.compile_best(best, steps=epochs * len(train_batches))
    history_best = best.fit(
        train_batches, epochs=epochs, validation_data=(data.x_val, y_val_onehot), verbose=0
    )
    return {
        "x_train": data.x_train,
        "x_val": data.x_val,
        "y_val": data.y_val,
        "y_val_onehot": y_val_onehot,
        "num_classes": num_classes,
        "photos": photos,
        "shift": options["shift"],
        "first_layer": options["whitening"],
        "widths": options["filters"],
        "epochs": epochs,
        "train_batches": train_batches,
        "history_best": history_best,
        "build_best_model": lessons.build_best_model,
        "compile_best": lessons.compile_best,
        "reference": history_best,
    }


def _variant(
    history_best,
    x_train,
    num_classes,
    photos,
    change=0.0,
    epochs=None,
    steps=None,
    compile_options=None,
    schedule_steps=None,
    **build_options,
):
    """A History as fit would return it for a model built and compiled like the best model
    but with `build_options` and `compile_options` (and a schedule of `schedule_steps`
    steps instead of the run's), whose last validation accuracy is the
    best model's plus (or, to stay between 0 and 1, minus) `change` (for the typical
    mistakes: they need not train)."""
    options = {"flip": photos} | _notebook_options(x_train) | build_options  # as the notebook
    model = lessons.build_best_model(x_train.shape[1:], num_classes, **options)
    metrics = {name: list(values) for name, values in history_best.history.items()}
    if epochs is not None:
        metrics = {name: [values[0]] * epochs for name, values in metrics.items()}
    run_steps = len(metrics["loss"]) * (steps or history_best.params["steps"])
    lessons.compile_best(model, steps=schedule_steps or run_steps, **(compile_options or {}))
    last = metrics["val_accuracy"][-1]
    if not 0 <= last + change <= 1:
        change = -change  # a difference of the same size, still an accuracy
    metrics["val_accuracy"] = [*metrics["val_accuracy"][:-1], last + change]
    history = history_of(metrics, model)
    history.params = dict(history_best.params) | ({"steps": steps} if steps else {})
    return history


def _two_ingredients_switched_off_at_once(history_best, x_train, num_classes, photos):
    history = _variant(
        history_best,
        x_train,
        num_classes,
        photos,
        -0.03,
        bn_momentum=0.99,
        compile_options={"label_smoothing": 0.0},
    )
    return history, True


def _one_epoch_more_than_the_best_model(history_best, x_train, num_classes, photos):
    epochs = len(history_best.history["loss"]) + 1
    return _variant(
        history_best, x_train, num_classes, photos, epochs=epochs, bn_momentum=0.99
    ), False


def _a_difference_within_the_noise_called(history_best, x_train, num_classes, photos):
    return _variant(history_best, x_train, num_classes, photos, 0.0, bn_momentum=0.99), True


def _a_large_difference_called_noise(history_best, x_train, num_classes, photos):
    return _variant(history_best, x_train, num_classes, photos, -0.3, batch_norm=False), False


def _yes_for_clear(history_best, x_train, num_classes, photos):
    return _variant(history_best, x_train, num_classes, photos, -0.3, batch_norm=False), "yes"


def _the_history_only(history_best, x_train, num_classes, photos):
    return _variant(history_best, x_train, num_classes, photos, -0.3, batch_norm=False)


def _the_trained_best_model_trained_on(history_best, x_train, num_classes, photos):
    history = _variant(
        history_best, x_train, num_classes, photos, compile_options={"label_smoothing": 0.0}
    )
    history.history["accuracy"][0] = 0.99  # it started from trained weights
    return history, False


def _fitted_again_without_a_new_compile(history_best, x_train, num_classes, photos):
    history = _variant(
        history_best, x_train, num_classes, photos, compile_options={"label_smoothing": 0.0}
    )
    steps = len(history.history["loss"]) * history.params["steps"]
    history.model.optimizer.iterations.assign(3 * steps)  # its third fit returned this History
    return history, False


def _slower_running_averages_and_an(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, bn_momentum=0.99)
    history.model.compile(
        optimizer=keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True),
        loss=history.model.loss,
        metrics=["accuracy"],
    )
    return history, False


def _a_schedule_compiled_for_one_epoch_more(history_best, x_train, num_classes, photos):
    steps = history_best.params["steps"]
    longer = (len(history_best.history["loss"]) + 1) * steps
    history = _variant(
        history_best,
        x_train,
        num_classes,
        photos,
        schedule_steps=longer,
        compile_options={"label_smoothing": 0.0},
    )
    return history, False


def _dropout_added_not_an_ingredient_taken(history_best, x_train, num_classes, photos):
    return _variant(history_best, x_train, num_classes, photos, -0.3, dropout=0.2), True


def _an_l2_penalty_added(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, -0.3)
    for layer in history.model.layers:
        if isinstance(layer, keras.layers.Conv2D | keras.layers.Dense):
            layer.kernel_regularizer = keras.regularizers.L2(1e-4)
    return history, True


def _half_the_filters(history_best, x_train, num_classes, photos):
    return _variant(history_best, x_train, num_classes, photos, -0.3, filters=(16, 32, 64)), True


def _recompiled(history, loss=None):
    """`history` with its model compiled again with `loss` (its own optimiser kept)."""
    model = history.model
    model.compile(optimizer=model.optimizer, loss=loss or model.loss, metrics=["accuracy"])
    return history


def _slower_running_averages_and_mean(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, bn_momentum=0.99)
    return _recompiled(history, loss="mse"), False


def _slower_running_averages_and_an_l2(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, bn_momentum=0.99)
    dense = [layer for layer in history.model.layers if isinstance(layer, keras.layers.Dense)]
    dense[0].kernel_regularizer = keras.regularizers.L2(1e-3)
    return history, False


def _batchnormalization_before_the_pooling(history_best, x_train, num_classes, photos):
    history = _by_hand(
        history_best, x_train, num_classes, photos, batch_norm=True, before_pooling=True
    )
    return history, False


def _no_label_smoothing_notebook_05_s_way(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, 0.0)
    return _recompiled(history, loss="sparse_categorical_crossentropy"), False


def _slower_running_averages_and_the_sparse(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, bn_momentum=0.99)
    return _recompiled(history, loss=keras.losses.SparseCategoricalCrossentropy()), False


def _slower_running_averages_and_the_loss(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, bn_momentum=0.99)
    smoothed = functools.partial(keras.losses.categorical_crossentropy, label_smoothing=0.1)
    return _recompiled(history, loss=smoothed), False


def _a_list_and_a_numpy_bool(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos, -0.3, bn_momentum=0.99)
    return [history, np.bool_(True)]


def _notebook_05_s_adam_on_batches_of_128(history_best, x_train, num_classes, photos):
    steps = 4 * history_best.params["steps"]
    history = _variant(
        history_best,
        x_train,
        num_classes,
        photos,
        0.0,
        steps=steps,
        compile_options={"optimizer": "adam"},
    )
    return history, False


def _slower_running_averages_in_the_last(history_best, x_train, num_classes, photos):
    history = _variant(history_best, x_train, num_classes, photos)
    norms = [layer for layer in history.model.layers if "batch_normalization" in layer.name]
    for layer in norms[1:]:
        layer.momentum = 0.99
    return history, False


def _by_hand(history_best, x_train, num_classes, photos, batch_norm, before_pooling=False):
    """A History whose model is written by hand with the Functional API, as the best model
    but for its BatchNormalization: with it (momentum 0.99, ReLU as layers of their own;
    before the pooling with `before_pooling`), or without it (notebook 05's way:
    Conv2D(activation="relu"), then the pooling)."""
    inputs = keras.Input(shape=x_train.shape[1:])
    x = keras.layers.RandomFlip("horizontal")(inputs) if photos else inputs
    options = _notebook_options(x_train)
    fraction = options["shift"] / x_train.shape[1]
    x = keras.layers.RandomTranslation(fraction, fraction, interpolation="nearest")(x)
    x = keras.layers.Rescaling(1 / 255)(x)
    kernel, bias = options["whitening"]
    whitening = keras.layers.Conv2D(kernel.shape[-1], 2, trainable=False)
    x = keras.layers.ReLU()(whitening(x))
    whitening.set_weights([kernel, bias])
    for filters in options["filters"]:
        if batch_norm:
            x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
            if not before_pooling:
                x = keras.layers.MaxPooling2D(2)(x)
            x = keras.layers.BatchNormalization(momentum=0.99)(x)
            x = keras.layers.ReLU()(x)
            if before_pooling:  # notebook 06's order
                x = keras.layers.MaxPooling2D(2)(x)
        else:
            x = keras.layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
            x = keras.layers.MaxPooling2D(2)(x)
    x = keras.layers.Dense(256, activation="relu")(keras.layers.Flatten()(x))
    model = keras.Model(inputs, keras.layers.Dense(num_classes, activation="softmax")(x))
    run_steps = len(history_best.history["loss"]) * history_best.params["steps"]
    lessons.compile_best(model, steps=run_steps)
    history = history_of(history_best.history, model)
    history.params = dict(history_best.params)
    return history


def _the_functional_api_relu_layers_of(history_best, x_train, num_classes, photos):
    return _by_hand(history_best, x_train, num_classes, photos, batch_norm=True), False


def _no_batchnormalization_written_as(history_best, x_train, num_classes, photos):
    return _by_hand(history_best, x_train, num_classes, photos, batch_norm=False), False


def _batchnormalization_s_default_momentum(history_best, x_train, num_classes, photos):
    return _variant(history_best, x_train, num_classes, photos, 0.0, bn_momentum=0.99), False


EXAMPLES = {
    "q1": _example_best_run,
}

MISTAKES = {
    "q1": [
        ("the best model's own run", lambda history_best: (history_best, False)),
        ("two ingredients switched off at once", _two_ingredients_switched_off_at_once),
        ("one epoch more than the best model", _one_epoch_more_than_the_best_model),
        ("a difference within the noise called clear", _a_difference_within_the_noise_called),
        ("a large difference called noise", _a_large_difference_called_noise),
        ("'yes' for clear", _yes_for_clear),
        ("the History only", _the_history_only),
        (
            "the trained best model, trained on without label smoothing",
            _the_trained_best_model_trained_on,
        ),
        ("fitted a third time, without a new compile", _fitted_again_without_a_new_compile),
        ("slower running averages, and an optimiser made by hand", _slower_running_averages_and_an),
        (
            "a schedule compiled for one epoch more than the run",
            _a_schedule_compiled_for_one_epoch_more,
        ),
        ("Dropout added, not an ingredient taken out", _dropout_added_not_an_ingredient_taken),
        ("an L2 penalty added, not an ingredient taken out", _an_l2_penalty_added),
        ("half the filters: a change, not an ingredient taken out", _half_the_filters),
        (
            "slower running averages, and mean squared error as the loss",
            _slower_running_averages_and_mean,
        ),
        (
            "slower running averages, and an L2 penalty added to a layer",
            _slower_running_averages_and_an_l2,
        ),
        (
            "BatchNormalization before the pooling, with Keras' default momentum",
            _batchnormalization_before_the_pooling,
        ),
        (
            "slower running averages, and the sparse loss (no label smoothing)",
            _slower_running_averages_and_the_sparse,
        ),
    ],
    "q2": [
        ("spread over the nine other classes only", lambda: (0.8, 0.2 / 9)),
        ("the right class without its share", lambda: (0.8, 0.02)),
        ("no smoothing", lambda: (1.0, 0.0)),
        ("swapped", lambda: (0.02, 0.82)),
        ("percentages", lambda: (82, 2)),
    ],
    "q3": [
        ("one score's standard error", lambda: np.sqrt(0.8 * 0.2 / 5000)),
        ("without the √2", lambda: 2 * np.sqrt(0.8 * 0.2 / 5000)),
        ("without the 2", lambda: np.sqrt(2) * np.sqrt(0.8 * 0.2 / 5000)),
        ("no square root", lambda: 2 * np.sqrt(2) * 0.8 * 0.2 / 5000),
    ],
}

ALTERNATIVES = {
    "q1": [
        (
            "no label smoothing, notebook 05's way: integer labels, sparse loss",
            _no_label_smoothing_notebook_05_s_way,
        ),
        (
            "slower running averages, and the loss as functools.partial",
            _slower_running_averages_and_the_loss,
        ),
        ("a list, and a NumPy bool", _a_list_and_a_numpy_bool),
        (
            "notebook 05's Adam on batches of 128 (one ingredient: the optimiser)",
            _notebook_05_s_adam_on_batches_of_128,
        ),
        (
            "slower running averages in the last two blocks only",
            _slower_running_averages_in_the_last,
        ),
        (
            "the Functional API, ReLU layers of their own, momentum 0.99",
            _the_functional_api_relu_layers_of,
        ),
        (
            "no BatchNormalization, written as notebook 05 writes its CNN",
            _no_batchnormalization_written_as,
        ),
        ("BatchNormalization's default momentum", _batchnormalization_s_default_momentum),
    ],
    "q2": [
        ("a list of NumPy floats", lambda: [np.float32(0.82), np.float64(0.02)]),
        ("an array", lambda: np.array([0.82, 0.02])),
    ],
    "q3": [
        ("in percentage points", lambda: 1.6),
        ("a NumPy float32", lambda: np.float32(0.016)),
    ],
}
