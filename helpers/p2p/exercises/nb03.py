"""Exercises of notebook 03: hidden layers and optimisers."""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd

import p2p

from .answers import (
    expect_history,
    expect_items,
    expect_layers_like,
    expect_number,
    expect_validation,
    optimizer_settings,
)
from .question import Question, Wrong, bind

HIDDEN_UNITS = (256, 128)
"""The hidden Dense layers of the first question's model, in order."""

LAYER_SIZES = (32 * 32 * 3, *HIDDEN_UNITS, 10)
"""That model's inputs (a 32x32 colour image), hidden units and classes."""

ACCURACY_COLUMN = "final val_accuracy"
"""The column of the notebook's table ``comparison`` that the third question reads."""


def _check_two_hidden_layers(answer):
    expect_layers_like(answer, two_hidden_layers.reference())


two_hidden_layers = Question(
    "a model with two hidden layers: Dense(256, relu) and Dense(128, relu)",
    checker=_check_two_hidden_layers,
    hint="keras.Sequential([keras.Input(shape=(32, 32, 3)), Rescaling(1 / 255), Flatten, then "
    "two Dense layers with activation='relu', then the output layer: one neuron per class with "
    "softmax]). Rescaling is optional here: it has no parameters and does not change the shapes.",
)


@two_hidden_layers.solved_by
def _():
    return keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1 / 255),  # the model scales its own inputs, as in the notebook
            keras.layers.Flatten(),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def _check_parameter_count(answer):
    value = expect_number(answer, "a whole number of parameters")
    pairs = list(zip(LAYER_SIZES, LAYER_SIZES[1:], strict=False))
    expected = sum(n_in * n_out + n_out for n_in, n_out in pairs)
    if value == expected:
        return
    if value != round(value):
        raise Wrong(f"{value} is not a whole number; a parameter count is.")
    weights_only = sum(a * b for a, b in pairs)
    if value == weights_only:
        raise Wrong("you counted the weights but not the biases: every neuron has one bias too.")
    layer_counts = [a * b + b for a, b in pairs]
    if value in layer_counts:
        raise Wrong(f"{value:,.0f} is the count of one layer; add up all three Dense layers.")
    notebook_sizes = (LAYER_SIZES[0], 512, 256, LAYER_SIZES[-1])  # section 1's model
    if value == sum(a * b + b for a, b in zip(notebook_sizes, notebook_sizes[1:], strict=False)):
        raise Wrong(
            f"{value:,.0f} is the count of the notebook's 512 + 256 model (`model`), not of "
            f"exercise 1's {' + '.join(map(str, HIDDEN_UNITS))} model: count that one."
        )
    grey = (32 * 32,) + LAYER_SIZES[1:]
    if value == sum(a * b + b for a, b in zip(grey, grey[1:], strict=False)):
        raise Wrong("a colour image has 3 numbers per pixel, so the first layer has 3,072 inputs.")
    if value > expected:
        raise Wrong(
            f"{value:,.0f} is too many. Rescaling and Flatten have no parameters; count only "
            "the Dense layers."
        )
    raise Wrong(
        f"{value:,.0f} is not it. For each Dense layer: inputs x units weights, plus one "
        "bias per unit; then add the three layers up."
    )


parameter_count = Question(
    "the number of parameters of the model of question 1",
    checker=_check_parameter_count,
    hint="Rescaling and Flatten have no parameters. A Dense layer with n inputs and m units "
    "has n x m weights and m biases. The first Dense layer has 32 x 32 x 3 inputs; each later "
    "layer's inputs are the previous layer's units.",
)


@parameter_count.solved_by
def _():
    first = 32 * 32 * 3 * 256 + 256  # 786,688
    second = 256 * 128 + 128  # 32,896
    output = 128 * 10 + 10  # 1,290
    return first + second + output  # 820,874, as count_params() of exercise 1's model


def _check_best_optimiser(answer, comparison=None):
    if comparison is None:
        raise Wrong("pass the comparison table too: q3.check(answer, comparison=comparison).")
    if not isinstance(comparison, pd.DataFrame) or ACCURACY_COLUMN not in comparison:
        raise Wrong(
            f"comparison should be the notebook's DataFrame with a column "
            f"{ACCURACY_COLUMN!r}; run the comparison cells first."
        )
    if isinstance(answer, pd.Series) and answer.name in comparison.index:
        raise Wrong(
            "that is the whole row of the table; answer with its name (the index), "
            f"{answer.name!r}: .idxmax() gives it."
        )
    if isinstance(answer, list | tuple | pd.Index) and len(answer) == 1:
        answer = answer[0]  # a list holding one name
    if not isinstance(answer, str):
        if isinstance(answer, int | np.integer) and not isinstance(answer, bool):
            raise Wrong(
                f"{answer} is a row position (what .argmax() gives), not a name; answer with "
                "the optimiser's name, the row's index: .idxmax() gives it."
            )
        if isinstance(answer, float | np.number) and not isinstance(answer, bool):
            raise Wrong(
                "that is a number, probably the best accuracy itself; answer with the name "
                "of the optimiser that reached it (the row's index): .idxmax(), not .max()."
            )
        raise Wrong(
            f"answer with the optimiser's name as it appears in the table (a string), "
            f"not a {type(answer).__name__}."
        )
    names = {str(name).strip().lower(): name for name in comparison.index}
    if answer.strip().lower() not in names:
        raise Wrong(
            f"{answer!r} is not one of the table's optimisers: "
            f"{', '.join(str(name) for name in comparison.index)}."
        )
    chosen = names[answer.strip().lower()]
    scores = pd.to_numeric(comparison[ACCURACY_COLUMN], errors="coerce")
    score = scores[comparison.index == chosen].max()
    best = scores.max()
    if np.isnan(score):
        raise Wrong(f"{chosen} has no validation accuracy in the table (NaN): it cannot be best.")
    if score < best:
        lowest = " It is in fact the lowest." if score == scores.min() else ""
        raise Wrong(
            f"{chosen} reached {score:.1%} validation accuracy, but another optimiser "
            f"reached more.{lowest}"
        )


best_optimiser = Question(
    "the optimiser that reached the best final validation accuracy",
    checker=_check_best_optimiser,
    hint=f"Look at the column {ACCURACY_COLUMN!r} of the table `comparison`; pandas' .idxmax() "
    "gives the row name (the index) of the largest value.",
)


@best_optimiser.solved_by
def _(comparison):
    return comparison["final val_accuracy"].idxmax()


def _check_early_stopping(answer):
    if isinstance(answer, list | tuple) and len(answer) == 1:
        answer = answer[0]
    elif isinstance(answer, list | tuple) and answer:
        raise Wrong(
            f"give just the EarlyStopping callback; yours is a list of {len(answer)} things."
        )
    if isinstance(answer, keras.callbacks.ModelCheckpoint):
        raise Wrong(
            "ModelCheckpoint saves models; the callback that stops training is EarlyStopping."
        )
    if isinstance(answer, type) and issubclass(answer, keras.callbacks.Callback):
        raise Wrong(
            f"that is the class {answer.__name__} itself; call it to make a callback: "
            f"{answer.__name__}(...)."
        )
    if not isinstance(answer, keras.callbacks.EarlyStopping):
        raise Wrong(
            f"expected a keras.callbacks.EarlyStopping callback, got a {type(answer).__name__}."
        )
    if answer.monitor != "val_loss":
        extra = (
            " The training loss keeps falling as the model memorises."
            if answer.monitor == "loss"
            else ""
        )
        raise Wrong(f"it should watch 'val_loss'; yours watches {answer.monitor!r}.{extra}")
    if answer.mode not in ("auto", "min"):
        raise Wrong(
            f"a loss improves when it goes down, so leave mode at 'auto' (or 'min'); yours "
            f"is {answer.mode!r}, which would count a rising loss as progress."
        )
    if answer.patience != 3:
        raise Wrong(
            "it should wait 3 epochs without improvement (patience); "
            f"yours waits {answer.patience}."
        )
    if not answer.restore_best_weights:
        raise Wrong(
            "when it stops, the model should go back to the best epoch's weights: "
            "set restore_best_weights=True."
        )


early_stopping = Question(
    "an EarlyStopping callback: validation loss, patience 3, restore the best weights",
    checker=_check_early_stopping,
    hint="keras.callbacks.EarlyStopping(monitor=..., patience=..., restore_best_weights=...).",
)


@early_stopping.solved_by
def _():
    return keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)


# ---------------------------------------------------------------------------- SGD's learning rate


def _check_learning_rate_sweep(answer):
    runs, best_rate = expect_items(answer, "runs", "best_rate")
    if not isinstance(runs, dict):
        raise Wrong(
            "runs should be a dict of learning rate -> History, such as {0.01: "
            f"optimizer_histories['SGD'], 0.03: ...}}; yours is a {type(runs).__name__}."
        )
    if len(runs) < 3:
        raise Wrong(f"compare at least three learning rates; yours has {len(runs)}.")
    best_epochs, lengths = {}, set()
    for key, run in runs.items():
        rate = expect_number(key, "each key (a learning rate)")
        if not isinstance(run, keras.callbacks.History):
            raise Wrong(f"the value under {key!r} should be the History that fit returned.")
        metrics, model = expect_history(run)
        if getattr(model, "optimizer", None) is None:
            raise Wrong(f"the run under {key!r} has no compiled model to read its optimiser.")
        settings = optimizer_settings(model.optimizer)
        if settings["kind"] != "SGD" or settings["momentum"] or settings["nesterov"]:
            kind = "SGD with momentum" if settings["kind"] == "SGD" else settings["kind"]
            raise Wrong(
                f"the run under {key!r} uses {kind}; this sweep is about plain SGD "
                "(momentum=0): change only the learning rate."
            )
        used = settings["learning_rate"]
        if used is None or not np.isclose(used, rate, rtol=1e-3):
            raise Wrong(f"the run under {key!r} was trained with learning rate {used or 0:g}.")
        best_epochs[rate] = float(expect_validation(metrics).max())
        lengths.add(len(metrics["loss"]))
    if len(lengths) > 1:
        raise Wrong(
            "give every run the same budget, profile.epochs_for('optimizers') epochs "
            f"(`epochs` now holds a later section's budget); yours ran {sorted(lengths)}."
        )
    rates = sorted(best_epochs)
    if not any(np.isclose(rate, 0.01) for rate in rates):
        raise Wrong("include the default, 0.01 (optimizer_histories['SGD'] is that run).")
    if rates[0] >= 0.01 or rates[-1] <= 0.01:
        side = "smaller" if rates[0] >= 0.01 else "larger"
        raise Wrong(f"try both sides of 0.01: add a {side} learning rate.")
    chosen = expect_number(best_rate, "best_rate (a learning rate)")
    matching = [rate for rate in rates if np.isclose(rate, chosen, rtol=1e-3)]
    if not matching:
        tried = ", ".join(f"{rate:g}" for rate in rates)
        raise Wrong(f"best_rate should be one of the rates you tried: {tried}.")
    winner = max(best_epochs, key=best_epochs.get)
    if best_epochs[matching[0]] < best_epochs[winner] - 1e-3:  # a tie is fine
        raise Wrong(
            f"{chosen:g} reached {best_epochs[matching[0]]:.1%} at its best epoch, but "
            f"{winner:g} reached {best_epochs[winner]:.1%}: choose on the validation "
            "accuracy (the best epoch of each run)."
        )


learning_rate_sweep = Question(
    "a learning-rate sweep for plain SGD, and the rate that did best on validation",
    checker=_check_learning_rate_sweep,
    hint="Start from runs = {0.01: optimizer_histories['SGD']}; add "
    "runs[rate] = train_from_start(keras.optimizers.SGD(learning_rate=rate), "
    "profile.epochs_for('optimizers')) for a smaller and a larger rate (say 0.003 and "
    "0.03); best is the rate whose run reached the highest val_accuracy.",
)


@learning_rate_sweep.solved_by
def _(optimizer_histories, train_from_start, profile):
    runs = {0.01: optimizer_histories["SGD"]}  # the comparison's run at the default rate
    for rate in (0.003, 0.03):  # a smaller and a larger step
        runs[rate] = train_from_start(
            keras.optimizers.SGD(learning_rate=rate), profile.epochs_for("optimizers")
        )
    p2p.plots.compare_histories({f"SGD {rate}": run for rate, run in runs.items()})
    best = max(runs, key=lambda rate: max(runs[rate].history["val_accuracy"]))
    return (runs, best)


bind(
    globals(),
    [two_hidden_layers, parameter_count, best_optimiser, early_stopping, learning_rate_sweep],
)
