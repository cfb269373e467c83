"""Exercises of notebook 01: neurons."""

from __future__ import annotations

import numpy as np

from .checks import expect_array, expect_dense, expect_model, expect_number, layers_of
from .core import Question, Wrong

# ----------------------------------------------------------------------------- q1

Q1_X = np.array([0.5, -1.0, 2.0])
Q1_W = np.array([0.4, 0.3, -0.2])
Q1_B = 0.1


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _check_q1(answer):
    value = expect_number(answer, "the neuron's output (one number)")
    z = float(Q1_X @ Q1_W + Q1_B)
    if np.isclose(value, _sigmoid(z), atol=5e-3):  # two decimal places are enough
        return
    if np.isclose(value, z, atol=1e-3):
        raise Wrong(f"{value:.4f} is z = w·x + b, before the activation. Apply the sigmoid to it.")
    if np.isclose(value, _sigmoid(z - Q1_B), atol=1e-3):
        raise Wrong("that looks like the output without the bias b. Add b before the sigmoid.")
    if np.isclose(value, max(z, 0.0), atol=1e-3):
        raise Wrong("that is the ReLU of z; this neuron uses the sigmoid.")
    if not 0.0 < value < 1.0:
        raise Wrong(f"a sigmoid's output lies between 0 and 1, and {value:.4g} does not.")
    raise Wrong(f"{value:.4f} is not the sigmoid of w·x + b. Compute z first, then sigmoid(z).")


q1 = Question(
    notebook="01",
    number=1,
    title="the output of a sigmoid neuron with three inputs",
    checker=_check_q1,
    hint="First z = w·x + b (multiply matching entries, add them up, add the bias); "
    "then the output is sigmoid(z) = 1 / (1 + e^(-z)).",
    setup="import numpy as np",
    solution="""
        x = np.array([0.5, -1.0, 2.0])
        w = np.array([0.4, 0.3, -0.2])
        b = 0.1
        z = x @ w + b                       # 0.2 - 0.3 - 0.4 + 0.1 = -0.4
        answer = 1 / (1 + np.exp(-z))       # sigmoid(-0.4) ≈ 0.401
    """,
    mistakes=[
        ("forgot the activation", "answer = -0.4"),
        ("forgot the bias", "answer = 1 / (1 + np.exp(0.5))"),
        ("used ReLU", "answer = 0.0"),
        ("a string", "answer = '0.401'"),
    ],
)

# ----------------------------------------------------------------------------- q2

Q2_INPUTS = 28 * 28 * 1  # a Fashion-MNIST image: 28 x 28 pixels, one grey channel
Q2_UNITS = 10


def _check_q2(answer):
    value = expect_number(answer, "a whole number of parameters")
    expected = Q2_INPUTS * Q2_UNITS + Q2_UNITS
    if value == expected:
        return
    if value == Q2_INPUTS * Q2_UNITS:
        raise Wrong("you counted the weights but not the biases: each neuron has one bias too.")
    if value in (Q2_INPUTS, Q2_INPUTS + 1):
        raise Wrong("that is the count for one neuron. The layer has 10 neurons.")
    if value == 28 * 28 * 3 * Q2_UNITS + Q2_UNITS:
        raise Wrong("a greyscale image has 1 number per pixel, not 3 (that is colour).")
    if value == 32 * 32 * 3 * Q2_UNITS + Q2_UNITS:
        raise Wrong("that is the count for a 32x32 colour CIFAR-10 image; this one is 28x28x1.")
    raise Wrong(f"{value:g} is not it. Count the inputs of one neuron first (28 x 28 x 1).")


q2 = Question(
    notebook="01",
    number=2,
    title="the number of parameters of a Dense(10) layer on a 28x28 greyscale image",
    checker=_check_q2,
    hint="Each of the 10 neurons has one weight per input number plus one bias. "
    "How many numbers does a 28x28 image with one channel have?",
    solution="""
        inputs = 28 * 28 * 1                  # 784 numbers per image
        answer = inputs * 10 + 10             # 10 weights per input, plus 10 biases
    """,
    mistakes=[
        ("forgot the biases", "answer = 7840"),
        ("one neuron only", "answer = 785"),
        ("counted three colour channels", "answer = 23530"),
        ("the CIFAR-10 count", "answer = 30730"),
        ("a list", "answer = [7850]"),
    ],
)

# ----------------------------------------------------------------------------- q3

XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_TARGETS = np.array([0, 1, 1, 0])


def _step(z):
    return (np.asarray(z) > 0).astype(float)


def xor_network(W1, b1, W2, b2, inputs=XOR_INPUTS):
    """Output of the two-layer step network of q3 for each input row."""
    hidden = _step(inputs @ W1 + b1)
    return _step(hidden @ np.reshape(W2, (2, -1)) + b2).reshape(-1)


def _check_q3(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 4:
        raise Wrong("expected four things in a tuple: (W1, b1, W2, b2).")
    W1 = expect_array(answer[0], "W1", shape=(2, 2))
    b1 = expect_array(answer[1], "b1", shape=(2,))
    W2 = expect_array(answer[2], "W2")
    if W2.size != 2:
        raise Wrong(
            f"W2 should hold 2 numbers (2 hidden neurons -> 1 output), yours has {W2.size}."
        )
    b2 = expect_number(answer[3], "b2 (one number)")
    outputs = xor_network(W1, b1, W2, b2)
    wrong = [
        f"for input {tuple(int(v) for v in XOR_INPUTS[i])} it outputs {int(outputs[i])}, "
        f"XOR wants {XOR_TARGETS[i]}"
        for i in range(4)
        if outputs[i] != XOR_TARGETS[i]
    ]
    if wrong:
        raise Wrong("; ".join(wrong) + ".")


q3 = Question(
    notebook="01",
    number=3,
    title="weights of a two-layer network of step neurons that computes XOR",
    checker=_check_q3,
    hint="Let hidden neuron 1 compute OR (fires if x1 + x2 > 0.5) and hidden neuron 2 "
    "compute AND (fires if x1 + x2 > 1.5). XOR is 'OR but not AND'.",
    setup="import numpy as np",
    solution="""
        W1 = np.array([[1.0, 1.0],
                       [1.0, 1.0]])     # both hidden neurons add x1 + x2
        b1 = np.array([-0.5, -1.5])     # neuron 1: OR, neuron 2: AND
        W2 = np.array([1.0, -1.0])      # OR minus AND ...
        b2 = -0.5                       # ... fires only when exactly one input is 1
        answer = (W1, b1, W2, b2)
    """,
    mistakes=[
        (
            "computes OR",
            "answer = (np.ones((2, 2)), np.array([-0.5, -0.5]), np.array([1.0, 0.0]), -0.5)",
        ),
        (
            "computes AND",
            "answer = (np.ones((2, 2)), np.array([-1.5, -1.5]), np.array([1.0, 0.0]), -0.5)",
        ),
        ("wrong shapes", "answer = (np.ones(2), np.zeros(2), np.ones(2), 0.0)"),
        ("not a tuple", "answer = 'xor'"),
    ],
)

# ----------------------------------------------------------------------------- q4


def _check_q4(answer):
    import keras

    model = expect_model(answer)
    if tuple(model.input_shape[1:]) != (32, 32, 3):
        raise Wrong(f"the input should be a 32x32x3 image; yours is {model.input_shape[1:]}.")
    if tuple(model.output_shape) != (None, 10):
        hint = " Flatten the image before the Dense layer." if len(model.output_shape) > 2 else ""
        raise Wrong(
            f"the output should have shape (None, 10); yours is {model.output_shape}.{hint}"
        )
    layers = layers_of(model)
    if not any(isinstance(layer, keras.layers.Flatten) for layer in layers):
        raise Wrong("add a Flatten layer that turns the image into one long row of numbers.")
    dense = [layer for layer in layers if isinstance(layer, keras.layers.Dense)]
    if len(dense) != 1:
        raise Wrong(f"this model needs exactly one Dense layer; yours has {len(dense)}.")
    expect_dense(dense[0], layers.index(dense[0]) + 1, units=10, activation="softmax")


q4 = Question(
    notebook="01",
    number=4,
    title="a Keras model that turns a 32x32x3 image into 10 class probabilities",
    checker=_check_q4,
    hint="keras.Sequential([keras.Input(shape=...), a layer that flattens, "
    "one Dense layer with one neuron per class and an activation that gives probabilities]).",
    setup="import keras",
    solution="""
        answer = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ])
    """,
    mistakes=[
        (
            "no Flatten",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
                                          keras.layers.Dense(10, activation="softmax")])""",
        ),
        (
            "ReLU instead of softmax",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                          keras.layers.Dense(10, activation="relu")])""",
        ),
        (
            "no input shape",
            """answer = keras.Sequential([keras.layers.Flatten(),
                                          keras.layers.Dense(10, activation="softmax")])""",
        ),
        ("a layer, not a model", 'answer = keras.layers.Dense(10, activation="softmax")'),
    ],
)
