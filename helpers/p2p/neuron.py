"""A neuron in NumPy: the activations and f(W·x + b), for notebook 01 and its widget."""

from __future__ import annotations

import numpy as np


def step(z):
    """1 where z > 0, else 0."""
    return (np.asarray(z) > 0).astype(float)


def sigmoid(z):
    """1 / (1 + e^-z): squashes any number into (0, 1)."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def tanh(z):
    """Hyperbolic tangent: squashes any number into (-1, 1)."""
    return np.tanh(z)


def relu(z):
    """max(0, z): keeps positive numbers, zeroes negative ones."""
    return np.maximum(0.0, z)


def softmax(z):
    """Turns a vector of scores into probabilities that sum to 1 (along the last axis)."""
    z = np.asarray(z, dtype=float)
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))  # shift for numerical safety
    return shifted / shifted.sum(axis=-1, keepdims=True)


ACTIVATIONS = {"step": step, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}


def neuron(x, weights, bias, activation: str = "sigmoid"):
    """The output f(x·w + b) of one neuron for each row of ``x``."""
    return ACTIVATIONS[activation](np.asarray(x, dtype=float) @ np.asarray(weights) + bias)
