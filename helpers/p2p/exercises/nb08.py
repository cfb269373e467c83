"""Exercises of notebook 08 (optional): what one ingredient of the recipe is worth."""

from __future__ import annotations

import numpy as np

from ..measured import noise_line
from .answers import (
    accuracy_name,
    compiled_loss,
    expect_history,
    expect_items,
    expect_number,
    expect_one_fit,
    expect_validation,
    layer_settings,
    model_steps,
    optimizer_settings,
)
from .question import Question, Wrong, bind

# ----------------------------------------------------------------------- one ingredient out

_LISTS = ("layers", "flip", "batch norm", "momentum", "dropout")
_ADDS = ("layers", "flip", "batch norm", "dropout", "penalties", "ema")  # more of these: added
_PENALTIES = ("kernel_regularizer", "bias_regularizer", "activity_regularizer")


def _recipe(model) -> dict:
    """What a trained model of section 1 is made of: what it computes, one step each (a ReLU
    right before a max pooling moved after it: the two commute), the kind of step before
    each BatchNormalization, its other ingredients, its loss and its optimiser."""
    found, penalties = {key: [] for key in _LISTS}, 0
    for step in model_steps(model):
        layer, kind, steps = step.layer, step.kind, found["layers"]
        penalties += sum(getattr(layer, key, None) is not None for key in _PENALTIES)
        if kind == "BatchNormalization":
            found["batch norm"].append(steps[-1][0] if steps else None)
            found["momentum"].append(layer.momentum)
        elif kind == "Dropout":
            found["dropout"].append(layer.rate)
        elif kind == "RandomFlip":
            found["flip"].append(layer.mode)
        elif kind != "Activation":
            steps.append((kind, layer_settings(step)))
        if step.activation not in (None, "linear"):
            steps.append(("activation", step.activation))
    for i in range(len(steps) - 1):
        if steps[i] == ("activation", "relu") and steps[i + 1][0] == "MaxPooling2D":
            steps[i], steps[i + 1] = steps[i + 1], steps[i]
    loss, options = compiled_loss(model.loss)
    optimizer = optimizer_settings(model.optimizer)
    momenta = [f"{value:g}" for value in found["momentum"]]  # one per block, or one for all
    return {key: tuple(found[key]) for key in _LISTS} | {
        "momentum": ", ".join(momenta[:1] if len(set(momenta)) == 1 else momenta) or None,
        "penalties": penalties,
        "loss": loss.removeprefix("sparse_"),  # the same loss, for integer labels
        "label smoothing": round(float(options.get("label_smoothing") or 0.0), 4),
        "ema": bool(optimizer["use_ema"]),
        "optimiser": optimizer,
    }


def _is_inside(short: tuple, long: tuple) -> bool:
    """Whether the items of `short` appear in `long` in the same order (with others between)."""
    remaining = iter(long)
    return all(item in remaining for item in short)


_PHRASES = {  # what differs from the best model, as the learner reads it
    "layers": lambda y, b: (
        "layers the best model does not have"
        if _is_inside(b, y)
        else "fewer layers"
        if _is_inside(y, b)
        else "other filters, units, kernels or activations"
    ),
    "penalties": lambda y, b: "a weight penalty",
    "flip": lambda y, b: "no flip" if not y else "a flip" if not b else f"a {y[0]} flip",
    "batch norm": lambda y, b: (
        "no BatchNormalization" if not y else "BatchNormalization other than one after each pooling"
    ),
    "momentum": lambda y, b: f"BatchNormalization's momentum {y} instead of {b}",
    "dropout": lambda y, b: "Dropout",
    "loss": lambda y, b: f"another loss ({y}) than the best model's",
    "label smoothing": lambda y, b: (
        "no label smoothing" if not y else f"label smoothing {y:g} instead of {b:g}"
    ),
    "ema": lambda y, b: "a moving average of the weights (use_ema)",
    "optimiser": lambda y, b: (  # another optimiser may bring its own batch size: one ingredient
        f"{y['kind']} instead of {b['kind']}"
        if y["kind"] != b["kind"]
        else "other optimiser settings (learning rate, momentum, weight decay)"
    ),
}


def _changes(yours: dict, best: dict) -> tuple[list[str], list[str]]:
    """(what was taken out or changed, what was added), as phrases for the learner."""
    out, added = [], []
    for key, phrase in _PHRASES.items():
        y, b = yours[key], best[key]
        if y == b or None in (y, b):  # no momentum to compare without BatchNormalization
            continue
        grows = key in _ADDS and (not _is_inside(y, b) if isinstance(y, tuple) else y > b)
        (added if grows else out).append(phrase(y, b))
    return out, added


def _check_ablation_row(answer, reference=None, y_val=None):
    history, clear = expect_items(answer, "history", "clear")
    metrics, model = expect_history(history)
    val_accuracy = expect_validation(metrics)
    if reference is None or y_val is None:
        raise Wrong(
            "pass the best model's run and the validation labels too: "
            "q1.check(answer, reference=history_best, y_val=y_val)."
        )
    best_metrics, best_model = expect_history(reference)
    best_val = expect_validation(best_metrics)
    if getattr(model, "optimizer", None) is None or getattr(best_model, "optimizer", None) is None:
        raise Wrong("give the History objects that fit returned (they know their model).")
    if model is best_model:
        raise Wrong(
            "this is the best model's own run: build a new model without one ingredient, "
            "compile it and train it."
        )
    if len(val_accuracy) != len(best_val):
        raise Wrong(
            f"your run has {len(val_accuracy)} epochs, the best model's {len(best_val)}: train "
            "for the same number of epochs (epochs), or the comparison is not fair."
        )
    expect_one_fit(
        history, "build a fresh model with build_best_model, compile it and fit it once."
    )
    first, best_first = (float(m.get(accuracy_name(m), [0])[0]) for m in (metrics, best_metrics))
    if first > best_first + 0.3:  # a fresh model starts near chance
        raise Wrong(
            f"your run's first epoch already reached {first:.1%} on its training images "
            f"(the best model's first: {best_first:.1%}): it went on from trained weights "
            "(`best` is the trained recipe). Build a fresh model with build_best_model."
        )
    mine = _recipe(model)
    schedule = mine["optimiser"]["schedule"] or {}
    length = sum(schedule.get(key) or 0 for key in ("decay_steps", "warmup_steps"))
    steps = (history.params or {}).get("steps")
    if "decay_steps" in schedule and steps and length != len(val_accuracy) * steps:
        raise Wrong(
            f"the learning-rate schedule runs for {length} steps, your run took "
            f"{len(val_accuracy) * steps}: compile with compile_best(model, steps=epochs * "
            "len(batches)), for the batches you train on."
        )
    out, added = _changes(mine, _recipe(best_model))
    if added:
        raise Wrong(
            f"your model has {' and '.join(added)}: this exercise takes an ingredient out of "
            "the best model, so that the difference shows what that ingredient is worth."
        )
    if len(out) != 1:
        raise Wrong(
            f"your run differs from the best model's in {len(out)} things ({'; '.join(out)}): "
            "change one, so that the difference has one cause."
            if out
            else "your model is made and trained like the best model, so the run measures "
            "nothing new: switch one ingredient off, such as flip=False (for photos), no "
            "whitening= or bn_momentum=0.99 in build_best_model, or label_smoothing=0.0 or "
            "optimizer='adam' in compile_best."
        )
    if not isinstance(clear, bool | np.bool_):
        raise Wrong(
            "clear should be True or False (is the difference larger than the noise?), "
            f"not a {type(clear).__name__}."
        )
    with_it, without = float(best_val[-1]), float(val_accuracy[-1])
    line = noise_line(with_it, np.asarray(y_val).shape[0])
    beyond = abs(with_it - without) > line
    if clear != beyond and abs(abs(with_it - without) - line) >= 0.002:  # else either is fair
        raise Wrong(
            f"the last epochs scored {with_it:.1%} (the best model) and {without:.1%} (yours, "
            f"with {out[0]}): a difference of {100 * abs(with_it - without):.1f} points. "
            f"Compare it with 2 × √2 × the standard error, about {100 * line:.1f} points here: "
            "is it larger?"
        )
    print(
        f"With {out[0]}: {without:.1%}; the best model: {with_it:.1%}; "
        f"{100 * (with_it - without):+.1f} points for the best model, and chance alone reaches "
        f"about {100 * line:.1f}. "
        + ("A clear difference." if beyond else "Within the noise: one run cannot tell.")
    )


ablation_row = Question(
    "train the best model without one ingredient, and judge the difference against the noise",
    checker=_check_ablation_row,
    hint="Copy the best model's lines with one change (flip=False, or no whitening=, or "
    "bn_momentum=0.99 in build_best_model; or label_smoothing=0.0 in compile_best): without = "
    "build_best_model(x_train.shape[1:], num_classes, flip=photos, shift=shift, "
    "whitening=first_layer, filters=widths); "
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
    first_layer,
    widths,
    epochs,
    train_batches,
    x_val,
    y_val_onehot,
    history_best,
):
    # the same model and training as the best model, without label smoothing
    without = build_best_model(
        x_train.shape[1:],
        num_classes,
        flip=photos,
        shift=shift,
        whitening=first_layer,
        filters=widths,
    )
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


def _check_smoothed_targets(answer):
    if isinstance(answer, np.ndarray) and answer.shape == (2,):
        answer = tuple(answer)
    right, other = expect_items(answer, "right", "other")
    right = expect_number(right, "the right class's target")
    other = expect_number(other, "each other class's target")
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
