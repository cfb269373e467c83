"""The test side of notebook 01's exercises (:mod:`p2p.exercises.nb01`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

import keras
import numpy as np


def _a_tensor_from_keras_activations():
    z = np.array([0.5, -1.0, 2.0]) @ np.array([0.4, 0.3, -0.2]) + 0.1
    return keras.activations.sigmoid(z)


def _the_1_1_output_of_a_dense_1_sigmoid():
    neuron = keras.layers.Dense(1, activation="sigmoid")
    neuron.build((None, 3))
    neuron.set_weights([np.array([[0.4], [0.3], [-0.2]]), np.array([0.1])])
    return neuron(np.array([[0.5, -1.0, 2.0]]))


def _counted_by_keras():
    layer = keras.layers.Dense(10)
    layer.build((None, 28 * 28 * 1))
    return layer.count_params()


def _classifier(*layers, shape=(32, 32, 3)):
    """A Sequential model of ``layers`` after ``keras.Input(shape)`` (``shape=None``: none)."""
    first = [] if shape is None else [keras.Input(shape=shape)]
    return keras.Sequential([*first, *layers])


def _flatten():
    return keras.layers.Flatten()


def _dense(units=10, activation="softmax"):
    return keras.layers.Dense(units, activation=activation)


def _the_functional_api():
    inputs = keras.Input(shape=(32, 32, 3))
    x = keras.layers.Flatten()(inputs)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs)


MISTAKES = {
    "q1": [
        ("forgot the activation", lambda: -0.4),
        ("forgot the bias", lambda: 1 / (1 + np.exp(0.5))),
        ("used ReLU", lambda: 0.0),
        ("lost the minus sign: 1 / (1 + e^z)", lambda: 1 / (1 + np.exp(-0.4))),
        ("used tanh", lambda: np.tanh(-0.4)),
        ("subtracted the bias", lambda: 1 / (1 + np.exp(0.6))),
        ("a string", lambda: "0.401"),
    ],
    "q2": [
        ("forgot the biases", lambda: 7840),
        ("one neuron only", lambda: 785),
        ("counted three colour channels", lambda: 23530),
        ("the CIFAR-10 count", lambda: 30730),
        ("one bias for the whole layer", lambda: 28 * 28 * 10 + 1),
        ("a list", lambda: [7850]),
    ],
    "q3": [
        (
            "computes OR",
            lambda: (np.ones((2, 2)), np.array([-0.5, -0.5]), np.array([1.0, 0.0]), -0.5),
        ),
        (
            "computes AND",
            lambda: (np.ones((2, 2)), np.array([-1.5, -1.5]), np.array([1.0, 0.0]), -0.5),
        ),
        ("wrong shapes", lambda: (np.ones(2), np.zeros(2), np.ones(2), 0.0)),
        (
            "one row per hidden neuron (W1 transposed)",
            lambda: (
                np.array([[1.0, 1.0], [2.0, 1.0]]),
                np.array([-0.5, -2.5]),
                np.array([1.0, -1.0]),
                -0.5,
            ),
        ),
        (
            "the output weights swapped (AND but not OR)",
            lambda: (np.ones((2, 2)), np.array([-0.5, -1.5]), np.array([-1.0, 1.0]), -0.5),
        ),
        ("not a tuple", lambda: "xor"),
    ],
    "q4": [
        ("no Flatten", lambda: _classifier(_dense())),
        ("ReLU instead of softmax", lambda: _classifier(_flatten(), _dense(10, "relu"))),
        ("no input shape", lambda: _classifier(_flatten(), _dense(), shape=None)),
        ("28x28x1 input", lambda: _classifier(_flatten(), _dense(), shape=(28, 28, 1))),
        (
            "no activation: scores, not probabilities",
            lambda: _classifier(_flatten(), _dense(10, None)),
        ),
        ("a hidden Dense layer", lambda: _classifier(_flatten(), _dense(64, "relu"), _dense())),
        ("11 classes", lambda: _classifier(_flatten(), _dense(11))),
        ("a layer, not a model", _dense),
    ],
}

ALTERNATIVES = {
    "q1": [
        ("rounded to two decimal places", lambda: 0.40),
        ("a NumPy float32", lambda: np.float32(0.4013)),
        ("a tensor from keras.activations", _a_tensor_from_keras_activations),
        ("the (1, 1) output of a Dense(1, sigmoid) layer", _the_1_1_output_of_a_dense_1_sigmoid),
    ],
    "q2": [
        ("a NumPy integer", lambda: np.prod((28, 28, 1)) * 10 + 10),
        ("a float", lambda: 7850.0),
        ("counted by Keras", _counted_by_keras),
    ],
    "q3": [
        ("plain lists", lambda: ([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], [-0.5])),
        (
            "the notebook's idea: x1 and not x2, x2 and not x1",
            lambda: (
                np.array([[1.0, -1.0], [-1.0, 1.0]]),
                np.array([-0.5, -0.5]),
                np.array([1.0, 1.0]),
                -0.5,
            ),
        ),
        (
            "OR and NAND; W2 as a column and b2 as an array, as Keras stores them",
            lambda: (
                np.array([[1.0, -1.0], [1.0, -1.0]]),
                np.array([-0.5, 1.5]),
                np.array([[1.0], [1.0]]),
                np.array([-1.5]),
            ),
        ),
    ],
    "q4": [
        (
            "Dense(10) followed by a Softmax layer",
            lambda: _classifier(_flatten(), _dense(10, None), keras.layers.Softmax()),
        ),
        (
            "Rescaling, then Dense(10) followed by Activation('softmax')",
            lambda: _classifier(
                keras.layers.Rescaling(1 / 255),
                _flatten(),
                _dense(10, None),
                keras.layers.Activation("softmax"),
            ),
        ),
        (
            "Reshape to one axis instead of Flatten",
            lambda: _classifier(keras.layers.Reshape((-1,)), _dense()),
        ),
        ("the Functional API", _the_functional_api),
    ],
}
