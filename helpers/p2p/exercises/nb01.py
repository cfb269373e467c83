"""Exercises of notebook 01: neurons."""

from __future__ import annotations

import keras
import numpy as np

from ..lessons import relu, sigmoid, step, tanh
from .answers import (
    expect_array,
    expect_items,
    expect_layers_like,
    expect_number,
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


def _check_xor_weights(answer):
    W1, b1, W2, b2 = expect_items(answer, "W1", "b1", "W2", "b2")
    W1 = expect_array(W1, "W1")
    if W1.shape != (2, 2):
        raise Wrong(
            f"W1 should have shape (2, 2): 2 inputs x 2 hidden neurons; yours has shape {W1.shape}."
        )
    b1 = expect_array(b1, "b1")
    if b1.size != 2:
        raise Wrong(f"b1 should hold 2 numbers, one per hidden neuron; yours has {b1.size}.")
    b1 = b1.reshape(2)
    W2 = expect_array(W2, "W2")
    if W2.size != 2:
        raise Wrong(
            f"W2 should hold 2 numbers (2 hidden neurons -> 1 output), yours has {W2.size}."
        )
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


def _check_image_classifier(answer):
    expect_layers_like(answer, image_classifier.reference())


image_classifier = Question(
    "a Keras model that turns a 32x32x3 image into 10 class probabilities",
    checker=_check_image_classifier,
    hint="keras.Sequential([keras.Input(shape=...), a layer that flattens, "
    "one Dense layer with one neuron per class and an activation that gives probabilities]).",
    none_note="model.summary() prints the model and returns None: give the model, answer = model.",
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


bind(globals(), [sigmoid_output, parameter_count, xor_weights, image_classifier])
