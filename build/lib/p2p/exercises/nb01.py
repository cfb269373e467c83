"""Exercises of notebook 01: neurons."""

from __future__ import annotations

import keras
import numpy as np

from ..lessons import relu, sigmoid, step, tanh
from .answers import (
    expect_array,
    expect_dense_step,
    expect_input_shape,
    expect_model,
    expect_number,
    model_steps,
    without_rescaling,
)
from .question import Question, Wrong, bind

NEURON_INPUTS = np.array([0.5, -1.0, 2.0])
NEURON_WEIGHTS = np.array([0.4, 0.3, -0.2])
NEURON_BIAS = 0.1
"""The neuron of the first question (the notebook states them in the question's text)."""

FASHION_INPUTS = 28 * 28 * 1  # a Fashion-MNIST image: 28 x 28 pixels, one grey channel
UNITS = 10

XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_TARGETS = np.array([0, 1, 1, 0])


def xor_network(W1, b1, W2, b2, inputs=XOR_INPUTS):
    """Output of the two-layer step network of the XOR question for each input row."""
    hidden = step(inputs @ W1 + b1)
    return step(hidden @ np.reshape(W2, (2, -1)) + b2).reshape(-1)


def _check_sigmoid_output(answer):
    value = expect_number(answer, "the neuron's output (one number)")
    z = float(NEURON_INPUTS @ NEURON_WEIGHTS + NEURON_BIAS)

    def near(target):  # two decimal places are enough
        return np.isclose(value, target, atol=5e-3)

    if near(sigmoid(z)):
        return
    if near(z):
        raise Wrong(f"{value:.4f} is z = w·x + b, before the activation. Apply the sigmoid to it.")
    if near(sigmoid(z - NEURON_BIAS)):
        raise Wrong("that looks like the output without the bias b. Add b before the sigmoid.")
    if near(sigmoid(z - 2 * NEURON_BIAS)):
        raise Wrong("that looks like w·x - b: the bias is added, z = w·x + b.")
    if near(sigmoid(-z)):
        raise Wrong(
            f"{value:.4f} is 1 / (1 + e^z), the sigmoid of -z. Mind the minus sign: "
            "sigmoid(z) = 1 / (1 + e^(-z))."
        )
    if near(tanh(z)):
        raise Wrong("that is tanh(z); this neuron uses the sigmoid, 1 / (1 + e^(-z)).")
    if near(relu(z)):
        raise Wrong("that is the ReLU (or the step) of z; this neuron uses the sigmoid.")
    if not 0.0 < value < 1.0:
        raise Wrong(f"a sigmoid's output lies between 0 and 1, and {value:.4g} does not.")
    raise Wrong(f"{value:.4f} is not the sigmoid of w·x + b. Compute z first, then sigmoid(z).")


sigmoid_output = Question(
    "the output of a sigmoid neuron with three inputs",
    checker=_check_sigmoid_output,
    hint="First z = w·x + b (multiply matching entries, add them up, add the bias); "
    "then the output is sigmoid(z) = 1 / (1 + e^(-z)).",
)


@sigmoid_output.solved_by
def _():
    x = np.array([0.5, -1.0, 2.0])
    w = np.array([0.4, 0.3, -0.2])
    b = 0.1
    z = x @ w + b  # 0.2 - 0.3 - 0.4 + 0.1 = -0.4
    return 1 / (1 + np.exp(-z))  # sigmoid(-0.4) ≈ 0.401


sigmoid_output.mistake("forgot the activation", lambda: -0.4)
sigmoid_output.mistake("forgot the bias", lambda: 1 / (1 + np.exp(0.5)))
sigmoid_output.mistake("used ReLU", lambda: 0.0)
sigmoid_output.mistake("lost the minus sign: 1 / (1 + e^z)", lambda: 1 / (1 + np.exp(-0.4)))
sigmoid_output.mistake("used tanh", lambda: np.tanh(-0.4))
sigmoid_output.mistake("subtracted the bias", lambda: 1 / (1 + np.exp(0.6)))
sigmoid_output.mistake("a string", lambda: "0.401")
sigmoid_output.alternative("rounded to two decimal places", lambda: 0.40)
sigmoid_output.alternative("a NumPy float32", lambda: np.float32(0.4013))


@sigmoid_output.alternative("a tensor from keras.activations")
def _():
    z = np.array([0.5, -1.0, 2.0]) @ np.array([0.4, 0.3, -0.2]) + 0.1
    return keras.activations.sigmoid(z)


@sigmoid_output.alternative("the (1, 1) output of a Dense(1, sigmoid) layer")
def _():
    neuron = keras.layers.Dense(1, activation="sigmoid")
    neuron.build((None, 3))
    neuron.set_weights([np.array([[0.4], [0.3], [-0.2]]), np.array([0.1])])
    return neuron(np.array([[0.5, -1.0, 2.0]]))


def _check_parameter_count(answer):
    value = expect_number(answer, "a whole number of parameters")
    expected = FASHION_INPUTS * UNITS + UNITS
    if value == expected:
        return
    if value != round(value):
        raise Wrong(f"{value:g} is not a whole number; a parameter count is.")
    if value == FASHION_INPUTS * UNITS:
        raise Wrong("you counted the weights but not the biases: each neuron has one bias too.")
    if value == FASHION_INPUTS * UNITS + 1:
        raise Wrong("each of the 10 neurons has a bias of its own: 10 biases, not 1.")
    if value in (FASHION_INPUTS, FASHION_INPUTS + 1):
        raise Wrong("that is the count for one neuron. The layer has 10 neurons.")
    if value == 28 * 28 * 3 * UNITS + UNITS:
        raise Wrong("a greyscale image has 1 number per pixel, not 3 (that is colour).")
    if value == 32 * 32 * 3 * UNITS + UNITS:
        raise Wrong("that is the count for a 32x32 colour CIFAR-10 image; this one is 28x28x1.")
    raise Wrong(f"{value:g} is not it. Count the inputs of one neuron first (28 x 28 x 1).")


parameter_count = Question(
    "the number of parameters of a Dense(10) layer on a 28x28 greyscale image",
    checker=_check_parameter_count,
    hint="Each of the 10 neurons has one weight per input number plus one bias. "
    "How many numbers does a 28x28 image with one channel have?",
)


@parameter_count.solved_by
def _():
    inputs = 28 * 28 * 1  # 784 numbers per image
    return inputs * 10 + 10  # 10 weights per input, plus 10 biases


parameter_count.mistake("forgot the biases", lambda: 7840)
parameter_count.mistake("one neuron only", lambda: 785)
parameter_count.mistake("counted three colour channels", lambda: 23530)
parameter_count.mistake("the CIFAR-10 count", lambda: 30730)
parameter_count.mistake("one bias for the whole layer", lambda: 28 * 28 * 10 + 1)
parameter_count.mistake("a list", lambda: [7850])
parameter_count.alternative("a NumPy integer", lambda: np.prod((28, 28, 1)) * 10 + 10)
parameter_count.alternative("a float", lambda: 7850.0)


@parameter_count.alternative("counted by Keras")
def _():
    layer = keras.layers.Dense(10)
    layer.build((None, 28 * 28 * 1))
    return layer.count_params()


def _check_xor_weights(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 4:
        raise Wrong("expected four things in a tuple, in this order: (W1, b1, W2, b2).")
    W1 = expect_array(answer[0], "W1")
    if W1.shape != (2, 2):
        raise Wrong(
            f"W1 should have shape (2, 2): 2 inputs x 2 hidden neurons; yours has shape {W1.shape}."
        )
    b1 = expect_array(answer[1], "b1")
    if b1.size != 2:
        raise Wrong(f"b1 should hold 2 numbers, one per hidden neuron; yours has {b1.size}.")
    b1 = b1.reshape(2)
    W2 = expect_array(answer[2], "W2")
    if W2.size != 2:
        raise Wrong(
            f"W2 should hold 2 numbers (2 hidden neurons -> 1 output), yours has {W2.size}."
        )
    b2 = answer[3]
    if isinstance(b2, list | tuple) and len(b2) == 1:
        b2 = b2[0]  # [-0.5]: one number in a list, as Keras stores a bias
    b2 = expect_number(b2, "b2 (one number)")
    outputs = xor_network(W1, b1, W2, b2)
    wrong = [
        f"for input {tuple(int(v) for v in XOR_INPUTS[i])} it outputs {int(outputs[i])}, "
        f"XOR wants {XOR_TARGETS[i]}"
        for i in range(4)
        if outputs[i] != XOR_TARGETS[i]
    ]
    if wrong and np.array_equal(xor_network(W1.T, b1, W2, b2), XOR_TARGETS):
        raise Wrong(
            "with W1 transposed it would compute XOR. The network computes inputs @ W1, so "
            "row i of W1 holds the weights of input i and column j feeds hidden neuron j: "
            "write each hidden neuron's two weights in a column, or pass W1.T."
        )
    if wrong:
        raise Wrong("; ".join(wrong) + ".")


xor_weights = Question(
    "weights of a two-layer network of step neurons that computes XOR",
    checker=_check_xor_weights,
    hint="Let hidden neuron 1 compute OR (fires if x1 + x2 > 0.5) and hidden neuron 2 "
    "compute AND (fires if x1 + x2 > 1.5). XOR is 'OR but not AND'.",
)


@xor_weights.solved_by
def _():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])  # both hidden neurons add x1 + x2
    b1 = np.array([-0.5, -1.5])  # neuron 1: OR, neuron 2: AND
    W2 = np.array([1.0, -1.0])  # OR minus AND ...
    b2 = -0.5  # ... fires only when exactly one input is 1
    return (W1, b1, W2, b2)


xor_weights.mistake(
    "computes OR", lambda: (np.ones((2, 2)), np.array([-0.5, -0.5]), np.array([1.0, 0.0]), -0.5)
)
xor_weights.mistake(
    "computes AND", lambda: (np.ones((2, 2)), np.array([-1.5, -1.5]), np.array([1.0, 0.0]), -0.5)
)
xor_weights.mistake("wrong shapes", lambda: (np.ones(2), np.zeros(2), np.ones(2), 0.0))
xor_weights.mistake(
    "one row per hidden neuron (W1 transposed)",
    lambda: (
        np.array([[1.0, 1.0], [2.0, 1.0]]),
        np.array([-0.5, -2.5]),
        np.array([1.0, -1.0]),
        -0.5,
    ),
)
xor_weights.mistake(
    "the output weights swapped (AND but not OR)",
    lambda: (np.ones((2, 2)), np.array([-0.5, -1.5]), np.array([-1.0, 1.0]), -0.5),
)
xor_weights.mistake("not a tuple", lambda: "xor")
xor_weights.alternative("plain lists", lambda: ([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], [-0.5]))
xor_weights.alternative(
    "the notebook's idea: x1 and not x2, x2 and not x1",
    lambda: (
        np.array([[1.0, -1.0], [-1.0, 1.0]]),
        np.array([-0.5, -0.5]),
        np.array([1.0, 1.0]),
        -0.5,
    ),
)
xor_weights.alternative(
    "OR and NAND; W2 as a column and b2 as an array, as Keras stores them",
    lambda: (
        np.array([[1.0, -1.0], [1.0, -1.0]]),
        np.array([-0.5, 1.5]),
        np.array([[1.0], [1.0]]),
        np.array([-1.5]),
    ),
)


def _check_image_classifier(answer):
    model = expect_model(answer)
    expect_input_shape(model, (32, 32, 3))
    steps = without_rescaling(model_steps(model))
    kinds = [s.kind for s in steps]
    if "Flatten" not in kinds:
        raise Wrong(
            "add a Flatten layer that turns the image into one long row of numbers, "
            "before the Dense layer."
        )
    dense = [s for s in steps if s.kind == "Dense"]
    if len(dense) != 1:
        raise Wrong(f"this model needs exactly one Dense layer; yours has {len(dense)}.")
    if kinds.index("Flatten") > kinds.index("Dense"):
        raise Wrong("Flatten comes first: the Dense layer needs the image as one row of numbers.")
    for layer_step in steps:
        if layer_step.kind == "Activation":
            raise Wrong(
                f"{layer_step.where} applies {layer_step.activation!r} after the Dense layer's own "
                "activation; give the Dense layer one activation only."
            )
        if layer_step.kind not in ("Flatten", "Dense"):
            raise Wrong(
                f"this model has only a Flatten and a Dense layer; remove {layer_step.where}, "
                f"a {layer_step.kind}."
            )
    if kinds.count("Flatten") > 1:
        raise Wrong("one Flatten layer is enough.")
    expect_dense_step(dense[0], units=10, activation="softmax", what="the Dense layer")
    if tuple(model.output_shape) != (None, 10):
        raise Wrong(f"the output should have shape (None, 10); yours is {model.output_shape}.")


image_classifier = Question(
    "a Keras model that turns a 32x32x3 image into 10 class probabilities",
    checker=_check_image_classifier,
    hint="keras.Sequential([keras.Input(shape=...), a layer that flattens, "
    "one Dense layer with one neuron per class and an activation that gives probabilities]).",
)


@image_classifier.solved_by
def _():
    return keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def _classifier(*layers, shape=(32, 32, 3)):
    """A Sequential model of ``layers`` after ``keras.Input(shape)`` (``shape=None``: none)."""
    first = [] if shape is None else [keras.Input(shape=shape)]
    return keras.Sequential([*first, *layers])


def _flatten():
    return keras.layers.Flatten()


def _dense(units=10, activation="softmax"):
    return keras.layers.Dense(units, activation=activation)


image_classifier.mistake("no Flatten", lambda: _classifier(_dense()))
image_classifier.mistake(
    "ReLU instead of softmax", lambda: _classifier(_flatten(), _dense(10, "relu"))
)
image_classifier.mistake("no input shape", lambda: _classifier(_flatten(), _dense(), shape=None))
image_classifier.mistake(
    "28x28x1 input", lambda: _classifier(_flatten(), _dense(), shape=(28, 28, 1))
)
image_classifier.mistake(
    "no activation: scores, not probabilities", lambda: _classifier(_flatten(), _dense(10, None))
)
image_classifier.mistake(
    "a hidden Dense layer", lambda: _classifier(_flatten(), _dense(64, "relu"), _dense())
)
image_classifier.mistake("11 classes", lambda: _classifier(_flatten(), _dense(11)))
image_classifier.mistake("a layer, not a model", _dense)
image_classifier.alternative(
    "Dense(10) followed by a Softmax layer",
    lambda: _classifier(_flatten(), _dense(10, None), keras.layers.Softmax()),
)
image_classifier.alternative(
    "Rescaling, then Dense(10) followed by Activation('softmax')",
    lambda: _classifier(
        keras.layers.Rescaling(1 / 255),
        _flatten(),
        _dense(10, None),
        keras.layers.Activation("softmax"),
    ),
)
image_classifier.alternative(
    "Reshape to one axis instead of Flatten",
    lambda: _classifier(keras.layers.Reshape((-1,)), _dense()),
)


@image_classifier.alternative("the Functional API")
def _():
    inputs = keras.Input(shape=(32, 32, 3))
    x = keras.layers.Flatten()(inputs)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs)


bind(globals(), [sigmoid_output, parameter_count, xor_weights, image_classifier])
