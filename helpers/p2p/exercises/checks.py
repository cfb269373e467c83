"""Building blocks for checkers: each raises :class:`Wrong` with a specific message."""

from __future__ import annotations

import numbers

import numpy as np

from .core import Wrong


def _type_name(value) -> str:
    return type(value).__name__


def expect_number(answer, what: str = "a number") -> float:
    """The answer as a float; :class:`Wrong` if it is not a single number."""
    if isinstance(answer, bool):
        raise Wrong(f"expected {what}, got True/False.")
    if isinstance(answer, numbers.Number):
        return float(answer)
    if isinstance(answer, np.ndarray | np.generic) and np.size(answer) == 1:
        return float(np.asarray(answer).reshape(()))
    if hasattr(answer, "numpy"):  # a TensorFlow or Keras tensor
        return expect_number(answer.numpy(), what)
    raise Wrong(f"expected {what}, got a {_type_name(answer)}.")


def expect_close(answer, expected: float, what: str, tol: float = 1e-3) -> None:
    """:class:`Wrong` unless ``answer`` is a number within ``tol`` of ``expected``."""
    value = expect_number(answer, what)
    if not np.isfinite(value):
        raise Wrong(f"{what} came out as {value}; check for a division by zero or overflow.")
    if abs(value - expected) > tol * max(1.0, abs(expected)):
        raise Wrong(f"{what} is {value:.4g}, which is not right yet.")


def expect_array(answer, what: str = "an array", shape=None) -> np.ndarray:
    """The answer as a NumPy array, optionally of a given shape."""
    if hasattr(answer, "numpy") and not isinstance(answer, np.ndarray):
        answer = answer.numpy()
    if isinstance(answer, list | tuple):
        try:
            answer = np.asarray(answer)
        except ValueError:
            raise Wrong(f"expected {what}; this list could not be made into an array.") from None
    if not isinstance(answer, np.ndarray):
        raise Wrong(f"expected {what}, got a {_type_name(answer)}.")
    if answer.dtype == object:
        raise Wrong(f"expected {what} of numbers, got an array of Python objects.")
    if shape is not None and answer.shape != tuple(shape):
        raise Wrong(f"{what} should have shape {tuple(shape)}, yours has shape {answer.shape}.")
    return answer


def expect_model(answer):
    """:class:`Wrong` unless the answer is a Keras model that knows its input shape."""
    import keras

    if isinstance(answer, keras.layers.Layer) and not isinstance(answer, keras.Model):
        raise Wrong(
            f"expected a whole model, got a single {_type_name(answer)} layer. "
            "Wrap your layers in keras.Sequential([...])."
        )
    if not isinstance(answer, keras.Model):
        raise Wrong(f"expected a Keras model, got a {_type_name(answer)}.")
    if not answer.built or not getattr(answer, "inputs", None):
        raise Wrong(
            "your model does not know its input shape yet. Start it with "
            "keras.Input(shape=...) so that Keras can create the weights."
        )
    return answer


def layers_of(model, skip_input: bool = True) -> list:
    """The model's layers, without ``InputLayer``."""
    import keras

    return [
        layer
        for layer in model.layers
        if not (skip_input and isinstance(layer, keras.layers.InputLayer))
    ]


def activation_name(layer) -> str | None:
    """The name of a layer's activation function, such as ``"relu"``, or None."""
    activation = getattr(layer, "activation", None)
    if activation is None:
        return None
    return getattr(activation, "__name__", str(activation))


def expect_dense(layer, position: int, units: int, activation: str | None = None) -> None:
    """:class:`Wrong` unless ``layer`` is Dense with the given units and activation."""
    import keras

    where = f"layer {position} ({layer.name})"
    if not isinstance(layer, keras.layers.Dense):
        raise Wrong(f"{where} should be a Dense layer, yours is a {_type_name(layer)}.")
    if layer.units != units:
        raise Wrong(f"{where} should have {units} units, yours has {layer.units}.")
    if activation is not None and activation_name(layer) != activation:
        raise Wrong(
            f"{where} should use the {activation!r} activation, "
            f"yours uses {activation_name(layer)!r}."
        )
