"""Exercises of notebook 08 (optional): what one ingredient of the recipe is worth."""

from __future__ import annotations

import keras
import numpy as np

from ..measured import noise_line
from .answers import (
    accuracy_name,
    compiled_loss,
    expect_history,
    expect_number,
    expect_validation,
    flat_layers,
    model_steps,
    optimizer_settings,
)
from .question import Question, Wrong, bind

# ----------------------------------------------------------------------- one ingredient out

_AUGMENTATION = (
    keras.layers.RandomFlip,
    keras.layers.RandomTranslation,
    keras.layers.RandomRotation,
    keras.layers.RandomZoom,
    keras.layers.RandomContrast,
)


_PENALTIES = ("kernel_regularizer", "bias_regularizer", "activity_regularizer")


def _layer_signature(layer) -> tuple:
    """What a layer computes, apart from its weights' values, its penalties (read apart) and
    a Conv2D's bias (which BatchNormalization makes redundant)."""
    config = layer.get_config()
    keys = (
        *("filters", "units", "kernel_size", "strides", "padding", "pool_size", "scale"),
        *("height_factor", "width_factor", "factor", "mode", "interpolation", "fill_mode"),
    )
    described = tuple((key, repr(config[key])) for key in keys if key in config)
    return (type(layer).__name__, *described)


def _steps(model) -> list[tuple]:
    """What the model computes without its augmentation, one step each, with every
    activation a step of its own, and a ReLU right before a max pooling moved after it (the
    two commute)."""
    steps = []
    for step in model_steps(model):
        if isinstance(step.layer, _AUGMENTATION):
            continue
        if step.kind in ("BatchNormalization", "Dropout"):
            steps.append((step.kind,))
            continue
        if step.kind != "Activation":
            steps.append(_layer_signature(step.layer))
        if step.activation not in (None, "linear"):
            steps.append(("activation", step.activation))
    for i in range(len(steps) - 1):
        if steps[i] == ("activation", "relu") and steps[i + 1][0] == "MaxPooling2D":
            steps[i], steps[i + 1] = steps[i + 1], steps[i]
    return steps


def _settings(optimizer) -> tuple:
    """The optimiser's kind, then its settings (the schedule included), comparable."""
    if optimizer is None:
        return ("none",)
    settings = optimizer_settings(optimizer)
    return (settings.pop("kind"), *map(repr, settings.values()))


def _loss_settings(loss) -> tuple[str, bool, float]:
    """(kind, from_logits, label_smoothing) of a compiled loss. The kind is the name without
    underscores, and the sparse cross-entropy counts as the categorical one: it computes the
    same loss from integer labels (without label smoothing)."""
    name, options = compiled_loss(loss)
    kind = name.replace("_", "")
    return (
        kind.removeprefix("sparse") if kind.startswith("sparsecategorical") else kind,
        bool(options.get("from_logits", False)),
        round(float(options.get("label_smoothing", 0.0) or 0.0), 4),
    )


def _is_inside(short: tuple, long: tuple) -> bool:
    """Whether the steps of `short` appear in `long` in the same order (with others between)."""
    remaining = iter(long)
    return all(step in remaining for step in short)


def _recipe(model, history) -> dict:
    """What a trained model of section 1 was made of, read from the model (its layers,
    loss and optimiser) and from its run (steps per epoch)."""
    layers = flat_layers(model)
    steps = _steps(model)
    computing, places = [], []
    for step in steps:
        if step[0] == "BatchNormalization":
            places.append(len(computing))  # after how many computing steps
        elif step[0] != "Dropout":
            computing.append(step)
    norms = [layer for layer in layers if isinstance(layer, keras.layers.BatchNormalization)]
    optimizer = getattr(model, "optimizer", None)
    kind, from_logits, smoothing = _loss_settings(getattr(model, "loss", None))
    return {
        "layers": tuple(computing),
        "penalties": sum(
            getattr(layer, key, None) is not None for layer in layers for key in _PENALTIES
        ),
        "flip": tuple(layer.mode for layer in layers if isinstance(layer, keras.layers.RandomFlip)),
        "other augmentation": tuple(
            _layer_signature(layer)
            for layer in layers
            if isinstance(layer, _AUGMENTATION) and not isinstance(layer, keras.layers.RandomFlip)
        ),
        "batch norm": len(norms),
        "batch norm places": tuple(places),
        "momentum": tuple(round(float(layer.momentum), 4) for layer in norms),
        "dropout": tuple(
            round(float(layer.rate), 4)
            for layer in layers
            if isinstance(layer, keras.layers.Dropout)
        ),
        "loss": (kind, from_logits),
        "label smoothing": smoothing,
        "optimiser": _settings(optimizer),
        "ema": bool(optimizer and optimizer.use_ema),
        "steps": (getattr(history, "params", None) or {}).get("steps"),
    }


def _listed(values) -> str:
    """One value if all are the same, else one per block."""
    return f"{values[0]:g}" if len(set(values)) == 1 else ", ".join(f"{v:g}" for v in values)


_PHRASES = {  # what differs from the best model, as the learner reads it
    "layers": lambda y, b: (
        "layers the best model does not have"
        if _is_inside(b, y)
        else "fewer layers"
        if _is_inside(y, b)
        else "other filters, units, kernels or activations"
    ),
    "penalties": lambda y, b: "a weight penalty" if y > b else "fewer weight penalties",
    "flip": lambda y, b: (
        "no flip"
        if not y
        else "a flip"
        if not b
        else f"a {'/'.join(y)} flip instead of a horizontal one"
    ),
    "other augmentation": lambda y, b: "another augmentation than the best model's",
    "batch norm": lambda y, b: (
        "no BatchNormalization"
        if not y
        else f"{'more' if y > b else 'fewer'} BatchNormalization layers"
    ),
    "batch norm places": lambda y, b: "BatchNormalization in other places than after each pooling",
    "momentum": lambda y, b: f"BatchNormalization's momentum {_listed(y)} instead of {_listed(b)}",
    "dropout": lambda y, b: "Dropout" if sum(y) > sum(b) else "less Dropout",
    "loss": lambda y, b: f"another loss ({y[0]}) than the best model's",
    "label smoothing": lambda y, b: (
        "no label smoothing" if not y else f"label smoothing {y:g} instead of {b:g}"
    ),
    "ema": lambda y, b: "a moving average of the weights (use_ema)" if y else "no moving average",
    "optimiser": lambda y, b: (
        f"{y[0]} instead of {b[0]}"
        if y[0] != b[0]  # another optimiser may bring its own batch size: one ingredient
        else "other optimiser settings (learning rate, momentum, weight decay)"
    ),
    "steps": lambda y, b: f"{y} steps per epoch instead of {b} (the batch size)",
}
_ADDED = {  # when a difference adds to the best model rather than takes out
    "layers": lambda y, b: not _is_inside(y, b),
    "penalties": lambda y, b: y > b,
    "flip": lambda y, b: len(y) > len(b),
    "other augmentation": lambda y, b: len(y) > len(b),
    "batch norm": lambda y, b: y > b,
    "dropout": lambda y, b: sum(y) > sum(b),
    "ema": lambda y, b: y,
}
_UNLESS = {"batch norm places": "batch norm", "momentum": "batch norm", "steps": "optimiser"}
"""A difference not counted when the one it follows from is."""


def _changes(yours: dict, best: dict) -> tuple[list[str], list[str]]:
    """(what was taken out or changed, what was added), each as a phrase for the learner."""
    out, added = [], []
    for key, phrase in _PHRASES.items():
        y, b = yours[key], best[key]
        parent = _UNLESS.get(key)
        if y == b or None in (y, b) or (parent and yours[parent] != best[parent]):
            continue
        (added if _ADDED.get(key, lambda *_: False)(y, b) else out).append(phrase(y, b))
    return out, added


def _check_ablation_row(answer, reference=None, y_val=None):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise Wrong("expected two things in a tuple: (history, clear).")
    history, clear = answer
    metrics, model = expect_history(history)
    val_accuracy = expect_validation(metrics)
    if reference is None or y_val is None:
        raise Wrong(
            "pass the best model's run and the validation labels too: "
            "q1.check(answer, reference=history_best, y_val=y_val)."
        )
    best_metrics, best_model = expect_history(reference)
    best_val = expect_validation(best_metrics)
    if model is None or best_model is None:
        raise Wrong("give the History objects that fit returned (they know their model).")
    if model is best_model:
        raise Wrong(
            "this is the best model's own run: build a new model without one ingredient, "
            "compile it and train it."
        )
    best_epochs = (getattr(reference, "params", None) or {}).get("epochs") or len(best_val)
    if len(val_accuracy) != best_epochs:
        resumed = (
            " (its run was resumed, so its History lists fewer)"
            if len(best_val) < best_epochs
            else ""
        )
        raise Wrong(
            f"your run has {len(val_accuracy)} epochs, the best model's {best_epochs}"
            f"{resumed}: train for the same number of epochs (epochs), or the comparison "
            "is not fair."
        )
    name = accuracy_name(metrics)
    if name in metrics and name in best_metrics:
        first, best_first = float(metrics[name][0]), float(best_metrics[name][0])
        if first > best_first + 0.3:  # a fresh model starts near chance
            raise Wrong(
                f"your run's first epoch already reached {first:.1%} on its training images "
                f"(the best model's first: {best_first:.1%}): it went on from trained "
                "weights (`best` is the trained recipe). Build "
                "a fresh model with build_best_model."
            )
    schedule = optimizer_settings(model.optimizer)["schedule"] if model.optimizer else None
    length = schedule and schedule.get("decay_steps")
    length = length and length + (schedule.get("warmup_steps") or 0)
    steps = (getattr(history, "params", None) or {}).get("steps")
    if length is not None and steps and length != len(val_accuracy) * steps:
        raise Wrong(
            f"the learning-rate schedule runs for {length} steps, your run took "
            f"{len(val_accuracy) * steps}: compile with compile_best(model, steps=epochs * "
            "len(batches)), for the batches you train on."
        )
    out, added = _changes(_recipe(model, history), _recipe(best_model, reference))
    if added:
        raise Wrong(
            f"your model has {' and '.join(added)}: this exercise takes an ingredient out of "
            "the best model, so that the difference shows what that ingredient is worth."
        )
    if not out:
        raise Wrong(
            "your model is made and trained like the best model, so the run measures "
            "nothing new: switch one ingredient off, such as compile_best(..., "
            "label_smoothing=0.0), build_best_model(..., bn_momentum=0.99), "
            "compile_best(..., optimizer='adam') or, for photos, build_best_model(..., "
            "flip=False)."
        )
    if len(out) > 1:
        raise Wrong(
            f"your run differs from the best model's in {len(out)} things ({'; '.join(out)}): "
            "change one, so that the difference has one cause."
        )
    if isinstance(clear, np.bool_):
        clear = bool(clear)
    if not isinstance(clear, bool):
        raise Wrong(
            "clear should be True or False (is the difference larger than the noise?), "
            f"not a {type(clear).__name__}."
        )
    with_it, yours = float(best_val[-1]), float(val_accuracy[-1])
    difference = with_it - yours
    line = noise_line(with_it, np.asarray(y_val).shape[0])
    beyond = abs(difference) > line
    borderline = abs(abs(difference) - line) < 0.002  # rounding: either answer is fair
    if clear != beyond and not borderline:
        raise Wrong(
            f"the last epochs scored {with_it:.1%} (the best model) and {yours:.1%} (yours, "
            f"with {out[0]}): a difference of {100 * abs(difference):.1f} points. Compare "
            f"it with 2 × √2 × the standard error, about {100 * line:.1f} points here: is "
            "it larger?"
        )
    print(
        f"With {out[0]}: {yours:.1%}; the best model: {with_it:.1%}; "
        f"{100 * difference:+.1f} points for the best model, and chance alone reaches about "
        f"{100 * line:.1f}. "
        + ("A clear difference." if beyond else "Within the noise: one run cannot tell.")
    )


ablation_row = Question(
    "train the best model without one ingredient, and judge the difference against the noise",
    checker=_check_ablation_row,
    hint="Copy the best model's lines with one change (flip=False, or bn_momentum=0.99 in "
    "build_best_model; or label_smoothing=0.0 in compile_best): without = "
    "build_best_model(x_train.shape[1:], num_classes, flip=photos, shift=shift); "
    "compile_best(without, steps=epochs * len(train_batches)); history = "
    "without.fit(train_batches, epochs=epochs, validation_data=(x_val, y_val_onehot), "
    "verbose=2) (for the Adam option: adam_batches in place of train_batches, and "
    "optimizer='adam' in compile_best). Then p = "
    "history_best.history['val_accuracy'][-1], and the line is 2 * np.sqrt(2) * "
    "np.sqrt(p * (1 - p) / len(y_val)): is abs(p - your last val_accuracy) larger?",
)


@ablation_row.solved_by
def _(
    build_best_model,
    compile_best,
    x_train,
    y_val,
    num_classes,
    photos,
    shift,
    epochs,
    train_batches,
    x_val,
    y_val_onehot,
    history_best,
):
    # the same model and training as the best model, without label smoothing
    without = build_best_model(x_train.shape[1:], num_classes, flip=photos, shift=shift)
    compile_best(without, steps=epochs * len(train_batches), label_smoothing=0.0)
    history = without.fit(
        train_batches, epochs=epochs, validation_data=(x_val, y_val_onehot), verbose=2
    )
    with_it = history_best.history["val_accuracy"][-1]
    without_it = history.history["val_accuracy"][-1]
    standard_error = np.sqrt(with_it * (1 - with_it) / len(y_val))
    noise = 2 * np.sqrt(2) * standard_error  # of a difference between two such scores
    print(f"with: {with_it:.1%}, without: {without_it:.1%}, noise up to {noise:.1%}")
    clear = abs(with_it - without_it) > noise
    return (history, clear)


# ----------------------------------------------------------------------- label smoothing's targets

SMOOTHING = 0.2
CLASSES = 10


def _expect_pair(answer) -> tuple[float, float]:
    if isinstance(answer, np.ndarray) and answer.shape == (2,):
        answer = tuple(answer)
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise Wrong("expected two numbers in a tuple: (right, other).")
    return expect_number(answer[0], "the right class's target"), expect_number(
        answer[1], "each other class's target"
    )


def _check_smoothed_targets(answer):
    right, other = _expect_pair(answer)
    share = SMOOTHING / CLASSES
    if np.isclose(right, 1 - SMOOTHING + share) and np.isclose(other, share):
        return
    if np.isclose(right, 100 * (1 - SMOOTHING + share)) and np.isclose(other, 100 * share):
        raise Wrong("give shares, not percentages: 0.5 rather than 50.")
    if np.isclose(right, share) and np.isclose(other, 1 - SMOOTHING + share):
        raise Wrong("the two are swapped: the right class gets the larger target.")
    if np.isclose(right, 1) and np.isclose(other, 0):
        raise Wrong(f"those are the targets without smoothing; label_smoothing={SMOOTHING}.")
    if np.isclose(other, SMOOTHING / (CLASSES - 1)):
        raise Wrong(
            f"Keras shares {SMOOTHING} out over all {CLASSES} classes, the right one included, "
            f"not over the other {CLASSES - 1}."
        )
    if np.isclose(right, 1 - SMOOTHING):
        raise Wrong(
            "the right class also gets its share of the smoothing: 1 - smoothing + "
            "smoothing / classes."
        )
    raise Wrong(
        f"targets are 1 - s + s / k for the right class and s / k for each other, "
        f"with s = {SMOOTHING} and k = {CLASSES} classes."
    )


smoothed_targets = Question(
    f"the targets of label_smoothing={SMOOTHING} with {CLASSES} classes",
    checker=_check_smoothed_targets,
    hint="Keras takes the share s away from the one-hot target and spreads it equally over "
    "all k classes, the right one included: each gets s / k.",
)


@smoothed_targets.solved_by
def _():
    share = 0.2 / 10  # spread over all ten classes, the right one included
    answer = (1 - 0.2 + share, share)  # (0.82, 0.02)
    return answer


# ------------------------------------------------------------------------------ the noise line

ACCURACY, IMAGES = 0.8, 5_000


def _check_noise_line(answer):
    value = expect_number(answer, "the line (one number)")
    standard_error = np.sqrt(ACCURACY * (1 - ACCURACY) / IMAGES)
    line = 2 * np.sqrt(2) * standard_error
    for scale in (1, 100):  # a share, or percentage points
        if np.isclose(value, scale * line, rtol=0.02):
            return
    for scale in (1, 100):
        if np.isclose(value, scale * 2 * standard_error, rtol=0.02):
            raise Wrong("that is the line for one score; a difference of two needs √2 more.")
        if np.isclose(value, scale * np.sqrt(2) * standard_error, rtol=0.02):
            raise Wrong("that is one standard error of the difference; the line is twice it.")
        if np.isclose(value, scale * standard_error, rtol=0.02):
            raise Wrong("that is one score's standard error: multiply by 2 × √2.")
        if np.isclose(value, scale * 2 * np.sqrt(2) * ACCURACY * (1 - ACCURACY) / IMAGES):
            raise Wrong("take the square root: the standard error is √(p (1 − p) / n).")
    raise Wrong("the line is 2 × √2 × √(p × (1 − p) / n), with p = 0.8 and n = 5,000.")


noise_line_question = Question(
    f"the rough line for a difference of two scores near {ACCURACY} on {IMAGES:,} images",
    checker=_check_noise_line,
    hint="The standard error of one score is √(p (1 − p) / n); a difference of two is √2 "
    "times as uncertain, and the line is twice that.",
)


@noise_line_question.solved_by
def _():
    standard_error = np.sqrt(0.8 * 0.2 / 5000)  # one score: about 0.0057
    answer = 2 * np.sqrt(2) * standard_error  # about 0.016, 1.6 points
    return answer


bind(globals(), [ablation_row, smoothed_targets, noise_line_question])
