"""Exercises of notebook 01: neurons."""

from __future__ import annotations

import numpy as np

from .checks import (
    expect_array,
    expect_dense_step,
    expect_input_shape,
    expect_model,
    expect_number,
    model_steps,
    without_rescaling,
)
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

    def near(target):  # two decimal places are enough
        return np.isclose(value, target, atol=5e-3)

    if near(_sigmoid(z)):
        return
    if near(z):
        raise Wrong(f"{value:.4f} is z = w·x + b, before the activation. Apply the sigmoid to it.")
    if near(_sigmoid(z - Q1_B)):
        raise Wrong("that looks like the output without the bias b. Add b before the sigmoid.")
    if near(_sigmoid(z - 2 * Q1_B)):
        raise Wrong("that looks like w·x - b: the bias is added, z = w·x + b.")
    if near(_sigmoid(-z)):
        raise Wrong(
            f"{value:.4f} is 1 / (1 + e^z), the sigmoid of -z. Mind the minus sign: "
            "sigmoid(z) = 1 / (1 + e^(-z))."
        )
    if near(np.tanh(z)):
        raise Wrong("that is tanh(z); this neuron uses the sigmoid, 1 / (1 + e^(-z)).")
    if near(max(z, 0.0)):
        raise Wrong("that is the ReLU (or the step) of z; this neuron uses the sigmoid.")
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
        ("lost the minus sign: 1 / (1 + e^z)", "answer = 1 / (1 + np.exp(-0.4))"),
        ("used tanh", "answer = np.tanh(-0.4)"),
        ("subtracted the bias", "answer = 1 / (1 + np.exp(0.6))"),
        ("a string", "answer = '0.401'"),
    ],
    alternatives=[
        ("rounded to two decimal places", "answer = 0.40"),
        (
            "a tensor from keras.activations",
            """
            import keras
            z = np.array([0.5, -1.0, 2.0]) @ np.array([0.4, 0.3, -0.2]) + 0.1
            answer = keras.activations.sigmoid(z)
            """,
        ),
        (
            "the (1, 1) output of a Dense(1, sigmoid) layer",
            """
            import keras
            neuron = keras.layers.Dense(1, activation="sigmoid")
            neuron.build((None, 3))
            neuron.set_weights([np.array([[0.4], [0.3], [-0.2]]), np.array([0.1])])
            answer = neuron(np.array([[0.5, -1.0, 2.0]]))
            """,
        ),
        ("a NumPy float32", "answer = np.float32(0.4013)"),
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
    if value != round(value):
        raise Wrong(f"{value:g} is not a whole number; a parameter count is.")
    if value == Q2_INPUTS * Q2_UNITS:
        raise Wrong("you counted the weights but not the biases: each neuron has one bias too.")
    if value == Q2_INPUTS * Q2_UNITS + 1:
        raise Wrong("each of the 10 neurons has a bias of its own: 10 biases, not 1.")
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
        ("one bias for the whole layer", "answer = 28 * 28 * 10 + 1"),
        ("a list", "answer = [7850]"),
    ],
    alternatives=[
        (
            "counted by Keras",
            """
            import keras
            layer = keras.layers.Dense(10)
            layer.build((None, 28 * 28 * 1))
            answer = layer.count_params()
            """,
        ),
        ("a NumPy integer", "import numpy as np\nanswer = np.prod((28, 28, 1)) * 10 + 10"),
        ("a float", "answer = 7850.0"),
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
    b2 = expect_number(answer[3], "b2 (one number)")
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
        (
            "one row per hidden neuron (W1 transposed)",
            "answer = (np.array([[1.0, 1.0], [2.0, 1.0]]), np.array([-0.5, -2.5]), "
            "np.array([1.0, -1.0]), -0.5)",
        ),
        (
            "the output weights swapped (AND but not OR)",
            "answer = (np.ones((2, 2)), np.array([-0.5, -1.5]), np.array([-1.0, 1.0]), -0.5)",
        ),
        ("not a tuple", "answer = 'xor'"),
    ],
    alternatives=[
        ("plain lists", "answer = ([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], -0.5)"),
        (
            "the notebook's idea: x1 and not x2, x2 and not x1",
            "answer = (np.array([[1.0, -1.0], [-1.0, 1.0]]), np.array([-0.5, -0.5]), "
            "np.array([1.0, 1.0]), -0.5)",
        ),
        (
            "OR and NAND; W2 as a column and b2 as an array, as Keras stores them",
            "answer = (np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5]), "
            "np.array([[1.0], [1.0]]), np.array([-1.5]))",
        ),
    ],
)

# ----------------------------------------------------------------------------- q4


def _check_q4(answer):
    model = expect_model(answer)
    expect_input_shape(model, (32, 32, 3))
    steps = without_rescaling(model_steps(model))
    kinds = [step.kind for step in steps]
    if "Flatten" not in kinds:
        raise Wrong(
            "add a Flatten layer that turns the image into one long row of numbers, "
            "before the Dense layer."
        )
    dense = [step for step in steps if step.kind == "Dense"]
    if len(dense) != 1:
        raise Wrong(f"this model needs exactly one Dense layer; yours has {len(dense)}.")
    if kinds.index("Flatten") > kinds.index("Dense"):
        raise Wrong("Flatten comes first: the Dense layer needs the image as one row of numbers.")
    for step in steps:
        if step.kind == "Activation":
            raise Wrong(
                f"{step.where} applies {step.activation!r} after the Dense layer's own "
                "activation; give the Dense layer one activation only."
            )
        if step.kind not in ("Flatten", "Dense"):
            raise Wrong(
                f"this model has only a Flatten and a Dense layer; remove {step.where}, "
                f"a {step.kind}."
            )
    if kinds.count("Flatten") > 1:
        raise Wrong("one Flatten layer is enough.")
    expect_dense_step(dense[0], units=10, activation="softmax", what="the Dense layer")
    if tuple(model.output_shape) != (None, 10):
        raise Wrong(f"the output should have shape (None, 10); yours is {model.output_shape}.")


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
        (
            "28x28x1 input",
            """answer = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(),
                                          keras.layers.Dense(10, activation="softmax")])""",
        ),
        (
            "no activation: scores, not probabilities",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                          keras.layers.Dense(10)])""",
        ),
        (
            "a hidden Dense layer",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                          keras.layers.Dense(64, activation="relu"),
                                          keras.layers.Dense(10, activation="softmax")])""",
        ),
        (
            "11 classes",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                          keras.layers.Dense(11, activation="softmax")])""",
        ),
        ("a layer, not a model", 'answer = keras.layers.Dense(10, activation="softmax")'),
    ],
    alternatives=[
        (
            "Dense(10) followed by a Softmax layer",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                          keras.layers.Dense(10), keras.layers.Softmax()])""",
        ),
        (
            "Rescaling, then Dense(10) followed by Activation('softmax')",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
                                          keras.layers.Rescaling(1 / 255), keras.layers.Flatten(),
                                          keras.layers.Dense(10),
                                          keras.layers.Activation("softmax")])""",
        ),
        (
            "the Functional API",
            """
            inputs = keras.Input(shape=(32, 32, 3))
            x = keras.layers.Flatten()(inputs)
            outputs = keras.layers.Dense(10, activation="softmax")(x)
            answer = keras.Model(inputs, outputs)
            """,
        ),
        (
            "Reshape to one axis instead of Flatten",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
                                          keras.layers.Reshape((-1,)),
                                          keras.layers.Dense(10, activation="softmax")])""",
        ),
    ],
)
