"""Exercises of notebook 03: hidden layers and optimisers."""

from __future__ import annotations

import numpy as np

from .checks import (
    expect_input_shape,
    expect_model,
    expect_number,
    model_steps,
    without_rescaling,
)
from .core import Question, Wrong

# ----------------------------------------------------------------------------- q1

Q1_HIDDEN = (256, 128)


def _effective_layers(model):
    """The model's layers after Flatten as (Dense layer, activation name) pairs.

    A Rescaling(1 / 255) layer at the start is optional (the notebook's models scale their
    own inputs; the exercise accepts a model with or without one), and a separate
    ``Activation`` / ``ReLU`` / ``Softmax`` layer right after a Dense layer without
    activation counts as that Dense layer's activation. Raises :class:`Wrong` for a layer
    of another kind.
    """
    steps = without_rescaling(model_steps(model))
    if not steps or steps[0].kind != "Flatten":
        raise Wrong(
            "start with a Flatten layer (after keras.Input and an optional Rescaling), so "
            "that the Dense layers see each image as one row of numbers."
        )
    for step in steps[1:]:
        if step.kind == "Activation":
            raise Wrong(
                f"{step.where}, a {type(step.layer).__name__} layer, should come right after "
                "a Dense layer without activation (or give the Dense layer its activation)."
            )
        if step.kind != "Dense":
            raise Wrong(
                f"after Flatten this model has only Dense layers; yours also has a "
                f"{step.kind} ({step.where})."
            )
    return [(step.layer, step.activation) for step in steps[1:]]


def _check_q1(answer):
    model = expect_model(answer)
    expect_input_shape(model, (32, 32, 3))
    dense = _effective_layers(model)
    if len(dense) != len(Q1_HIDDEN) + 1:
        raise Wrong(
            f"expected {len(Q1_HIDDEN)} hidden Dense layers and one output layer "
            f"({len(Q1_HIDDEN) + 1} Dense layers); yours has {len(dense)}."
        )
    expected = [(units, "relu") for units in Q1_HIDDEN] + [(10, "softmax")]
    for position, ((layer, activation), (units, wanted)) in enumerate(
        zip(dense, expected, strict=True), start=1
    ):
        where = "the output layer" if position == len(expected) else f"hidden layer {position}"
        if layer.units != units:
            swapped = [layer.units for layer, _ in dense[:2]] == list(Q1_HIDDEN[::-1])
            order = " (first 256 units, then 128)" if swapped else ""
            raise Wrong(f"{where} should have {units} units, yours has {layer.units}{order}.")
        if wanted == "relu" and activation == "linear":
            raise Wrong(
                f"{where} has no activation. Without a non-linearity, stacked Dense layers "
                "add up to a single linear layer: use 'relu'."
            )
        if activation != wanted:
            raise Wrong(f"{where} should use the {wanted!r} activation, yours uses {activation!r}.")


_RELU = 'Dense({}, activation="relu")'
_SOFTMAX = 'Dense(10, activation="softmax")'


def _q1_model(*dense: str, flatten: bool = True, rescaling: str | None = None) -> str:
    """Code of a (wrong) model for q1's typical mistakes (``rescaling``: its scale, if any)."""
    layers = ["keras.Input(shape=(32, 32, 3))"]
    layers += [f"keras.layers.Rescaling({rescaling})"] if rescaling else []
    layers += ["keras.layers.Flatten()"] if flatten else []
    layers += [f"keras.layers.{layer}" for layer in dense]
    return "answer = keras.Sequential([\n    " + ",\n    ".join(layers) + ",\n])"


q1 = Question(
    notebook="03",
    number=1,
    title="a model with two hidden layers: Dense(256, relu) and Dense(128, relu)",
    checker=_check_q1,
    hint="keras.Sequential([keras.Input(shape=(32, 32, 3)), Rescaling(1 / 255), Flatten, then "
    "two Dense layers with activation='relu', then the output layer: one neuron per class with "
    "softmax]). Rescaling is optional here: it has no parameters and does not change the shapes.",
    setup="import keras",
    solution="""
        answer = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1 / 255),  # the model scales its own inputs, as in the notebook
            keras.layers.Flatten(),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
    """,
    mistakes=[
        ("hidden layers without activation", _q1_model("Dense(256)", "Dense(128)", _SOFTMAX)),
        (
            "layers in the wrong order",
            _q1_model(_RELU.format(128), _RELU.format(256), _SOFTMAX, rescaling="1 / 255"),
        ),
        (
            "Rescaling multiplies by 255",
            _q1_model(_RELU.format(256), _RELU.format(128), _SOFTMAX, rescaling="255"),
        ),
        ("one hidden layer only", _q1_model(_RELU.format(256), _SOFTMAX, rescaling="1 / 255")),
        (
            "relu on the output layer",
            _q1_model(_RELU.format(256), _RELU.format(128), _RELU.format(10)),
        ),
        (
            "no Flatten",
            _q1_model(_RELU.format(256), _RELU.format(128), _SOFTMAX, flatten=False),
        ),
        (
            "a list of layers, not a model",
            "answer = [keras.layers.Dense(256), keras.layers.Dense(128)]",
        ),
        (
            "sigmoid hidden layers",
            _q1_model(
                'Dense(256, activation="sigmoid")', 'Dense(128, activation="sigmoid")', _SOFTMAX
            ),
        ),
        (
            "a Dropout layer between the hidden layers",
            _q1_model(_RELU.format(256), "Dropout(0.5)", _RELU.format(128), _SOFTMAX),
        ),
    ],
    alternatives=[
        ("without Rescaling", _q1_model(_RELU.format(256), _RELU.format(128), _SOFTMAX)),
        (
            "separate ReLU and Softmax layers",
            _q1_model(
                "Dense(256)",
                "ReLU()",
                "Dense(128)",
                'Activation("relu")',
                "Dense(10)",
                "Softmax()",
                rescaling="1 / 255",
            ),
        ),
        (
            "the Functional API, activations as functions",
            """
            inputs = keras.Input(shape=(32, 32, 3))
            x = keras.layers.Rescaling(1.0 / 255.0)(inputs)
            x = keras.layers.Flatten()(x)
            x = keras.layers.Dense(256, activation=keras.activations.relu)(x)
            x = keras.layers.Dense(128, activation=keras.activations.relu)(x)
            outputs = keras.layers.Dense(10, activation=keras.activations.softmax)(x)
            answer = keras.Model(inputs, outputs)
            """,
        ),
    ],
)

# ----------------------------------------------------------------------------- q2

Q2_SIZES = (32 * 32 * 3, 256, 128, 10)


def _q2_expected() -> int:
    return sum(n_in * n_out + n_out for n_in, n_out in zip(Q2_SIZES, Q2_SIZES[1:], strict=False))


def _check_q2(answer):
    value = expect_number(answer, "a whole number of parameters")
    expected = _q2_expected()
    if value == expected:
        return
    if value != round(value):
        raise Wrong(f"{value} is not a whole number; a parameter count is.")
    weights_only = sum(a * b for a, b in zip(Q2_SIZES, Q2_SIZES[1:], strict=False))
    if value == weights_only:
        raise Wrong("you counted the weights but not the biases: every neuron has one bias too.")
    layer_counts = [a * b + b for a, b in zip(Q2_SIZES, Q2_SIZES[1:], strict=False)]
    if value in layer_counts:
        raise Wrong(f"{value:,.0f} is the count of one layer; add up all three Dense layers.")
    grey = (32 * 32,) + Q2_SIZES[1:]
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


q2 = Question(
    notebook="03",
    number=2,
    title="the number of parameters of the model of question 1",
    checker=_check_q2,
    hint="Rescaling and Flatten have no parameters. A Dense layer with n inputs and m units "
    "has n x m weights and m biases. The first Dense layer has 32 x 32 x 3 inputs; each later "
    "layer's inputs are the previous layer's units.",
    solution="""
        first = 32 * 32 * 3 * 256 + 256      # 786,688
        second = 256 * 128 + 128             #  32,896
        output = 128 * 10 + 10               #   1,290
        answer = first + second + output     # 820,874, the same as model.count_params()
    """,
    mistakes=[
        ("forgot the biases", "answer = 32 * 32 * 3 * 256 + 256 * 128 + 128 * 10"),
        ("the first layer only", "answer = 32 * 32 * 3 * 256 + 256"),
        (
            "forgot the colour channels",
            "answer = 32 * 32 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10",
        ),
        ("a string", "answer = '820874'"),
        (
            "counted the 3,072 inputs as parameters too",
            "answer = 3072 + 32 * 32 * 3 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10",
        ),
    ],
    alternatives=[
        (
            "counted by Keras",
            """
            import keras
            model = keras.Sequential([
                keras.Input(shape=(32, 32, 3)),
                keras.layers.Flatten(),
                keras.layers.Dense(256, activation="relu"),
                keras.layers.Dense(128, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ])
            answer = model.count_params()
            """,
        ),
        (
            "a NumPy integer",
            """
            import numpy as np
            sizes = np.array([32 * 32 * 3, 256, 128, 10])
            answer = np.sum(sizes[:-1] * sizes[1:] + sizes[1:])
            """,
        ),
        ("a float", "answer = 820874.0"),
    ],
)

# ----------------------------------------------------------------------------- q3

Q3_COLUMN = "final val_accuracy"


def example_comparison():
    """A comparison table shaped like the notebook's (for the tests of q3)."""
    import pandas as pd

    return pd.DataFrame(
        {Q3_COLUMN: [0.31, 0.39, 0.37, 0.42], "final val_loss": [1.92, 1.71, 1.80, 1.65]},
        index=pd.Index(["SGD", "SGD with momentum", "RMSprop", "Adam"], name="optimizer"),
    )


def _check_q3(answer, table=None):
    import pandas as pd

    if table is None:
        raise Wrong("pass the comparison table too: q3.check(answer, table=comparison).")
    if not isinstance(table, pd.DataFrame) or Q3_COLUMN not in table:
        raise Wrong(
            f"table should be the notebook's comparison DataFrame with a column {Q3_COLUMN!r}; "
            "run the comparison cells first."
        )
    if isinstance(answer, pd.Series) and answer.name in table.index:
        raise Wrong(
            "that is the whole row of the table; answer with its name (the index), "
            f"{answer.name!r}: .idxmax() gives it."
        )
    if isinstance(answer, list | tuple | pd.Index) and len(answer) == 1:
        answer = answer[0]  # a list holding one name
    if not isinstance(answer, str):
        if isinstance(answer, int | float | np.number) and not isinstance(answer, bool):
            raise Wrong(
                "that is a number, probably the best accuracy itself; answer with the name "
                "of the optimiser that reached it (the row's index): .idxmax(), not .max()."
            )
        raise Wrong(
            f"answer with the optimiser's name as it appears in the table (a string), "
            f"not a {type(answer).__name__}."
        )
    names = {str(name).strip().lower(): name for name in table.index}
    if answer.strip().lower() not in names:
        raise Wrong(
            f"{answer!r} is not one of the table's optimisers: "
            f"{', '.join(str(name) for name in table.index)}."
        )
    chosen = names[answer.strip().lower()]
    scores = pd.to_numeric(table[Q3_COLUMN], errors="coerce")
    score = scores[table.index == chosen].max()
    best = scores.max()
    if np.isnan(score):
        raise Wrong(f"{chosen} has no validation accuracy in the table (NaN): it cannot be best.")
    if score < best:
        lowest = " It is in fact the lowest." if score == scores.min() else ""
        raise Wrong(
            f"{chosen} reached {score:.1%} validation accuracy, but another optimiser "
            f"reached more.{lowest}"
        )


q3 = Question(
    notebook="03",
    number=3,
    title="the optimiser that reached the best final validation accuracy",
    checker=_check_q3,
    hint=f"Look at the column {Q3_COLUMN!r} of the table `comparison`; pandas' .idxmax() gives "
    "the row name (the index) of the largest value.",
    setup="comparison = table",
    solution=f"""
        answer = comparison["{Q3_COLUMN}"].idxmax()
    """,
    mistakes=[
        ("the lowest", f'answer = comparison["{Q3_COLUMN}"].idxmin()'),
        ("the accuracy instead of the name", f'answer = comparison["{Q3_COLUMN}"].max()'),
        ("the first row", "answer = comparison.index[0]"),
        ("a name not in the table", "answer = 'Adagrad'"),
        ("the whole row", f'answer = comparison.loc[comparison["{Q3_COLUMN}"].idxmax()]'),
        ("the second best", "answer = 'SGD with momentum'"),
    ],
    alternatives=[
        ("in lower case", f'answer = comparison["{Q3_COLUMN}"].idxmax().lower()'),
        ("the last row after sorting", f'answer = comparison.sort_values("{Q3_COLUMN}").index[-1]'),
        ("a list holding the name", f'answer = [comparison["{Q3_COLUMN}"].idxmax()]'),
        ("typed by hand, with a space", "answer = 'Adam '"),
    ],
    example_context=lambda: {"table": example_comparison()},
)

# ----------------------------------------------------------------------------- q4


def _check_q4(answer):
    import keras

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


q4 = Question(
    notebook="03",
    number=4,
    title="an EarlyStopping callback: validation loss, patience 3, restore the best weights",
    checker=_check_q4,
    hint="keras.callbacks.EarlyStopping(monitor=..., patience=..., restore_best_weights=...).",
    setup="import keras",
    solution="""
        answer = keras.callbacks.EarlyStopping(
            monitor="val_loss", patience=3, restore_best_weights=True
        )
    """,
    mistakes=[
        (
            "watches the training loss",
            'answer = keras.callbacks.EarlyStopping(monitor="loss", patience=3, '
            "restore_best_weights=True)",
        ),
        (
            "default patience",
            'answer = keras.callbacks.EarlyStopping(monitor="val_loss", restore_best_weights=True)',
        ),
        (
            "keeps the last weights",
            'answer = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3)',
        ),
        (
            "a checkpoint instead",
            'answer = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss")',
        ),
        ("the class, not a callback", "answer = keras.callbacks.EarlyStopping"),
        (
            "mode='max' for a loss",
            'answer = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, mode="max", '
            "restore_best_weights=True)",
        ),
        (
            "patience 2",
            'answer = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, '
            "restore_best_weights=True)",
        ),
        (
            "watches the validation accuracy",
            'answer = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=3, '
            "restore_best_weights=True)",
        ),
    ],
    alternatives=[
        (
            "positional arguments (monitor, min_delta, patience)",
            'answer = keras.callbacks.EarlyStopping("val_loss", 0, 3, restore_best_weights=True)',
        ),
        (
            "in a list, as fit() takes it, with mode='min'",
            'answer = [keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, mode="min", '
            "restore_best_weights=True, verbose=1)]",
        ),
        (
            "patience as a NumPy integer",
            "import numpy as np\n"
            'answer = keras.callbacks.EarlyStopping(monitor="val_loss", patience=np.int64(3), '
            "restore_best_weights=True)",
        ),
    ],
)
