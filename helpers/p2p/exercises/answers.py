"""Reading a learner's answer, the building blocks of every checker: each returns the answer
in a form to compare (a float, an array, a model's steps) or raises :class:`Wrong`."""

from __future__ import annotations

import difflib
import functools
import inspect
import numbers
import re

import numpy as np

from .question import Wrong


def snake(name: str) -> str:
    """``"SparseCategoricalCrossentropy"`` -> ``"sparse_categorical_crossentropy"``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(name)).lower()


def compiled_loss(loss) -> tuple[str, dict]:
    """The loss given to compile() as (snake-case name, options such as ``from_logits``),
    whatever its form: a string or alias (``"bce"``), a function, a ``Loss`` object, a
    ``functools.partial``, or a one-element list or dict."""
    import keras

    if isinstance(loss, list | tuple) and len(loss) == 1:  # one loss per output
        loss = loss[0]
    if isinstance(loss, dict) and len(loss) == 1:
        loss = next(iter(loss.values()))
    if isinstance(loss, str):
        try:
            loss = keras.losses.get(loss)
        except ValueError:
            return snake(loss), {}
    options = {}
    if isinstance(loss, functools.partial):
        options, loss = dict(loss.keywords), loss.func
    name = getattr(loss, "__name__", None)
    if isinstance(loss, keras.losses.Loss):
        options = loss.get_config() | options
        name = getattr(getattr(loss, "fn", None), "__name__", None)
    return name or snake(type(loss).__name__), options


def optimizer_settings(optimizer) -> dict:
    """An optimiser's kind and settings, read through the public API: ``learning_rate``
    (None under a schedule), ``schedule`` (the schedule's config, or None), ``momentum``,
    ``nesterov``, ``weight_decay``, ``beta_1``, ``beta_2``, ``use_ema``."""
    config = optimizer.get_config()
    rate = config.get("learning_rate")
    schedule = rate.get("config") if isinstance(rate, dict) else None
    keys = ("momentum", "nesterov", "weight_decay", "beta_1", "beta_2", "use_ema")
    return {
        "kind": type(optimizer).__name__,
        "learning_rate": None if schedule is not None else float(rate),
        "schedule": schedule,
        **{key: config.get(key) for key in keys},
    }


def _type_name(value) -> str:
    return type(value).__name__


def plain_value(answer):
    """A tensor, pandas object or NumPy scalar as a NumPy value; anything else unchanged."""
    if isinstance(answer, np.ndarray | np.generic):
        return answer
    to_numpy = getattr(answer, "to_numpy", None)  # pandas Series, DataFrame, Index
    if callable(to_numpy):
        return to_numpy()
    numpy = getattr(answer, "numpy", None)  # a TensorFlow tensor or a Keras variable
    if callable(numpy):
        return numpy()
    return answer


def expect_number(answer, what: str = "a number") -> float:
    """The answer as a finite float: a Python or NumPy number, or an array or tensor of one."""
    if isinstance(answer, bool | np.bool_):
        raise Wrong(f"expected {what}, got True/False.")
    if isinstance(answer, str):
        raise Wrong(f"expected {what}, got the text {answer!r}. Give the number without quotes.")
    if inspect.isroutine(answer):
        name = getattr(answer, "__name__", "it")
        raise Wrong(
            f"expected {what}, got the function or method {name} itself: call it, {name}()."
        )
    value = answer
    if not isinstance(value, numbers.Number):
        try:
            value = plain_value(value)
        except Exception:  # noqa: BLE001 - a symbolic tensor has no value
            raise Wrong(f"expected {what}, got a {_type_name(answer)} without a value.") from None
        if isinstance(value, np.ndarray | np.generic):
            if np.size(value) != 1:
                raise Wrong(
                    f"expected {what}, got {np.size(value)} numbers (shape {np.shape(value)})."
                )
            if value.dtype.kind not in "iuf":
                raise Wrong(f"expected {what}, got an array of {value.dtype}.")
            value = np.asarray(value).reshape(())[()]
        elif isinstance(value, list | tuple):
            raise Wrong(
                f"expected {what}, got a {_type_name(answer)}. Give the number itself, "
                "not a container with it."
            )
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise Wrong(f"expected {what}, got a {_type_name(answer)}.")
    value = float(value)
    if not np.isfinite(value):
        raise Wrong(f"{what} came out as {value}; check for a division by zero or an overflow.")
    return value


def expect_array(answer, what: str = "an array", shape=None) -> np.ndarray:
    """The answer (a list, tuple, tensor or pandas object too) as an array of numbers."""
    try:
        answer = plain_value(answer)
    except Exception:  # noqa: BLE001 - a symbolic tensor has no value
        raise Wrong(f"expected {what}, got a {_type_name(answer)} without values.") from None
    if isinstance(answer, list | tuple):
        try:
            answer = np.asarray([plain_value(item) for item in answer])
        except (ValueError, TypeError):
            raise Wrong(f"expected {what}; this list could not be made into an array.") from None
    if isinstance(answer, numbers.Number | np.generic) and not isinstance(answer, bool):
        raise Wrong(f"expected {what}, got a single number.")
    if not isinstance(answer, np.ndarray):
        raise Wrong(f"expected {what}, got a {_type_name(answer)}.")
    if answer.dtype.kind == "O":
        raise Wrong(f"some entries of {what} are not numbers: replace each ... with a number.")
    if answer.dtype.kind not in "biuf":
        raise Wrong(f"expected {what} of numbers, got an array of {answer.dtype}.")
    if shape is not None and answer.shape != tuple(shape):
        raise Wrong(f"{what} should have shape {tuple(shape)}, yours has shape {answer.shape}.")
    return answer


def expect_items(answer, *names: str) -> tuple:
    """The items of a tuple (or list) answer, one for each of ``names``, in that order."""
    if not isinstance(answer, tuple | list) or len(answer) != len(names):
        count = {2: "two", 3: "three", 4: "four"}[len(names)]
        raise Wrong(f"expected {count} things in a tuple, in this order: ({', '.join(names)}).")
    return tuple(answer)


# ----------------------------------------------------------------------------- models


def expect_model(answer):
    """:class:`Wrong` unless the answer is a Keras model that knows its input shape."""
    import keras

    if (
        isinstance(answer, list | tuple)
        and answer
        and all(isinstance(item, keras.layers.Layer | keras.KerasTensor) for item in answer)
    ):
        raise Wrong(
            "that is a list of layers, not a model. Wrap it in keras.Sequential([...]), "
            "starting with keras.Input(shape=...)."
        )
    if isinstance(answer, keras.layers.Layer) and not isinstance(answer, keras.Model):
        raise Wrong(
            f"expected a whole model, got a single {_type_name(answer)} layer. "
            "Wrap your layers in keras.Sequential([...])."
        )
    if isinstance(answer, type) and issubclass(answer, keras.Model):
        raise Wrong(f"that is the class {answer.__name__} itself; build a model with it.")
    if not isinstance(answer, keras.Model):
        raise Wrong(f"expected a Keras model, got a {_type_name(answer)}.")
    if not answer.built or not getattr(answer, "inputs", None):
        raise Wrong(
            "your model does not know its input shape yet. Start it with "
            "keras.Input(shape=...) so that Keras can create the weights."
        )
    return answer


def expect_input_shape(model, shape: tuple) -> None:
    """:class:`Wrong` unless the model takes one input of ``shape`` (without the batch axis)."""
    if len(model.inputs) != 1:
        raise Wrong(f"the model should take one input (an image); yours takes {len(model.inputs)}.")
    given = tuple(model.inputs[0].shape[1:])
    if given != tuple(shape):
        size = "x".join(str(n) for n in shape)
        extra = ""
        if given == (28, 28, 1):
            extra = " 28x28x1 is Fashion-MNIST's size; CIFAR-10 images are colour."
        elif len(given) == len(shape) - 1:
            extra = f" Give the channels too: keras.Input(shape={tuple(shape)})."
        raise Wrong(
            f"the input should be a {size} image, keras.Input(shape={tuple(shape)}); "
            f"yours is {given}.{extra}"
        )


def layers_of(model) -> list:
    """The model's layers, without ``InputLayer``."""
    import keras

    return [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]


def _function_name(function) -> str:
    """The name of an activation function, such as ``"relu"``; ``"linear"`` for none."""
    import keras

    if function is None:
        return "linear"
    if isinstance(function, keras.layers.Layer):
        return layer_activation(function) or _type_name(function)
    name = getattr(function, "__name__", None) or _type_name(function)
    name = str(name).lower()
    return name[: -len("_v2")] if name.endswith("_v2") else name  # tf.nn.softmax: softmax_v2


def layer_activation(layer) -> str | None:
    """For a layer that only applies an activation (``Activation``, ``ReLU``, ``Softmax``,
    ...), the activation's name; None for any other layer."""
    import keras

    if isinstance(layer, keras.layers.ReLU):
        plain = layer.max_value is None and not layer.negative_slope and not layer.threshold
        return "relu" if plain else "a modified relu"
    if isinstance(layer, keras.layers.Softmax):
        return "softmax" if layer.axis in (-1, [-1], (-1,)) else "softmax over another axis"
    if isinstance(layer, keras.layers.Activation):
        return _function_name(layer.activation)
    for kind, name in (("LeakyReLU", "leaky_relu"), ("ELU", "elu"), ("PReLU", "prelu")):
        if _type_name(layer) == kind:
            return name
    return None


class Step:
    """One step of a model seen as a stack: a layer, its kind and its activation (that of a
    separate activation layer folded in, see :func:`model_steps`)."""

    def __init__(self, layer, kind: str, activation: str | None, position: int):
        self.layer = layer
        self.kind = kind
        self.activation = activation
        self.position = position
        self.activation_layer = None  # the separate activation layer folded into this step

    @property
    def where(self) -> str:
        return f"layer {self.position} ({self.layer.name})"

    def __repr__(self) -> str:
        shown = self.kind == "Activation" or self.activation not in (None, "linear")
        return f"{self.kind}({self.activation})" if shown else self.kind


def flat_layers(model) -> list:
    """The layers of ``model`` in order, with nested ``Sequential`` models opened up."""
    import keras

    flat = []
    for layer in layers_of(model):
        if isinstance(layer, keras.Sequential):
            flat.extend(flat_layers(layer))
        else:
            flat.append(layer)
    return flat


def _expect_chain(model) -> None:
    """:class:`Wrong` if a Functional model is not one chain of layers (each feeds the next)."""
    import keras

    if isinstance(model, keras.Sequential):
        return
    try:
        if len(model.inputs) != 1 or len(model.outputs) != 1:
            raise Wrong("this exercise's model has one input and one output.")
        previous = model.inputs[0]
        for layer in layers_of(model):
            nodes = layer._inbound_nodes  # the calls of the layer in this model's graph
            if len(nodes) != 1 or list(nodes[0].input_tensors) != [previous]:
                raise Wrong(
                    f"your model is not a single chain of layers: {layer.name} does not take "
                    "the output of the layer before it. Call each layer on the previous "
                    "layer's output, x = layer(x), or use keras.Sequential."
                )
            previous = nodes[0].outputs[0]
        if previous is not model.outputs[0]:
            raise Wrong("the model's output should be the output of its last layer.")
    except (AttributeError, IndexError, TypeError):  # plumbing: Keras internals changed
        return


def model_steps(model) -> list[Step]:
    """The model as a list of :class:`Step`, without ``InputLayer``: ``Reshape`` to one axis
    counts as ``Flatten``, and an activation layer right after a Dense or Conv2D layer
    without activation is folded into its step (another is a step of kind "Activation")."""
    import keras

    _expect_chain(model)
    steps: list[Step] = []
    for position, layer in enumerate(flat_layers(model), start=1):
        separate = layer_activation(layer)
        if separate is not None:
            last = steps[-1] if steps else None
            if (
                last is not None
                and last.kind in ("Dense", "Conv2D")
                and last.activation == "linear"
                and last.activation_layer is None
            ):
                last.activation = separate
                last.activation_layer = layer
                continue
            steps.append(Step(layer, "Activation", separate, position))
            continue
        kind = _type_name(layer)
        if isinstance(layer, keras.layers.Reshape) and len(layer.target_shape) == 1:
            kind = "Flatten"
        activation = _function_name(layer.activation) if kind in ("Dense", "Conv2D") else None
        steps.append(Step(layer, kind, activation, position))
    return steps


def without_rescaling(steps: list[Step], required: bool = False) -> list[Step]:
    """The steps without a leading ``Rescaling(1 / 255)``; :class:`Wrong` for another scale,
    a Rescaling layer after the first layer with weights, or (``required``) none at all."""
    found = [i for i, step in enumerate(steps) if step.kind == "Rescaling"]
    for i in found:
        scale, offset = (
            float(np.ravel(value)[0]) for value in (steps[i].layer.scale, steps[i].layer.offset)
        )
        if not np.isclose(scale, 1 / 255, rtol=1e-3) or offset != 0:
            extra = f" and adds {offset:g}" if offset else ""
            raise Wrong(
                f"{steps[i].where}: Rescaling should divide the pixels by 255, "
                f"Rescaling(1 / 255); yours multiplies them by {scale:g}{extra}."
            )
        if any(step.kind in ("Dense", "Conv2D") for step in steps[:i]):
            raise Wrong(
                f"{steps[i].where}: Rescaling scales the input pixels, so it comes first, "
                "right after keras.Input."
            )
    if len(found) > 1:
        raise Wrong("scale the pixels once: your model has more than one Rescaling layer.")
    if required and not found:
        raise Wrong("keep the Rescaling(1 / 255) layer right after keras.Input.")
    return [step for step in steps if step.kind != "Rescaling"]


_RESPECTS = {
    "Conv2D": ("filters", "kernel_size", "strides", "padding"),
    "Dense": ("units",),
    "MaxPooling2D": ("pool_size", "strides"),
    "Dropout": ("rate",),
}
"""What a layer question compares, by kind; the activation is compared on its own."""


def layer_settings(step: Step) -> dict:
    """The settings of a step's layer that a layer question compares (:data:`_RESPECTS`)."""
    config = step.layer.get_config()
    found = {}
    for key in _RESPECTS.get(step.kind, ()):
        value = config.get(key)
        found[key] = round(value, 4) if isinstance(value, float) else value
        if isinstance(value, list | tuple):
            found[key] = tuple(value)
    return found


def _expect_activation(step: Step, wanted: str, where: str) -> None:
    if step.activation == wanted:
        return
    if wanted == "linear":
        raise Wrong(f"{where} should have no activation; yours uses {step.activation!r}.")
    if step.activation == "linear":
        raise Wrong(
            f"{where} has no activation: give it activation={wanted!r} (or a "
            f"keras.layers.Activation({wanted!r}) layer right after it)."
            + (
                " Without one, stacked layers add up to one linear layer."
                if wanted == "relu"
                else ""
            )
        )
    raise Wrong(f"{where} should use the {wanted!r} activation, yours uses {step.activation!r}.")


def expect_layers_like(answer, reference, rescaling: bool | None = None) -> list[Step]:
    """The answer's steps, after :class:`Wrong` for the first way they differ from those of
    the ``reference`` model: the input shape, the order of layer kinds, then each layer's
    size, kernel, strides, padding, rate and activation. Other settings are not judged.
    ``rescaling``: True if a leading Rescaling(1 / 255) is required, None if optional."""
    model = expect_model(answer)
    expect_input_shape(model, tuple(reference.inputs[0].shape[1:]))
    mine = without_rescaling(model_steps(model), required=bool(rescaling))
    theirs = without_rescaling(model_steps(reference))
    kinds, wanted = [step.kind for step in mine], [step.kind for step in theirs]
    if kinds != wanted:
        listing = f"The layers should be: {', '.join(map(repr, theirs))}."
        if sorted(kinds) == sorted(wanted):
            i = next(i for i, (a, b) in enumerate(zip(kinds, wanted, strict=True)) if a != b)
            raise Wrong(
                f"the layers are all there, in another order: {mine[i].where} should "
                f"be {theirs[i]!r}. {listing}"
            )
        # aligned with their activations, so that an extra Dense(relu) is the one to remove
        matcher = difflib.SequenceMatcher(None, *([repr(s) for s in x] for x in (mine, theirs)))
        tag, i, i_end, j, j_end = next(op for op in matcher.get_opcodes() if op[0] != "equal")
        if tag == "insert":
            place = f"after {mine[i - 1].where}" if i else "before the first layer"
            raise Wrong(f"add {', '.join(map(repr, theirs[j:j_end]))} {place}. {listing}")
        if tag == "delete":
            why = "; give each layer one activation only" * (mine[i].kind == "Activation")
            raise Wrong(f"remove {mine[i].where}: {mine[i]!r}{why}. {listing}")
        raise Wrong(f"{mine[i].where} should be {theirs[j]!r}; yours is {mine[i]!r}. {listing}")
    for step, model_step in zip(mine, theirs, strict=True):
        have, want = layer_settings(step), layer_settings(model_step)
        for key, value in want.items():
            if have[key] != value:
                raise Wrong(f"{step.where} should have {key}={value!r}; yours has {have[key]!r}.")
        if model_step.activation is not None:
            _expect_activation(step, model_step.activation, step.where)
    return mine


# ----------------------------------------------------------------------------- training runs


def expect_history(answer) -> tuple[dict, object]:
    """The metrics and model of the ``History`` that fit returned (or of its ``.history``
    dict: then the model is None)."""
    import keras

    if isinstance(answer, keras.Model):
        raise Wrong(
            "that is the model; give what fit returns: history = model.fit(...), then "
            "answer = history."
        )
    if isinstance(answer, keras.callbacks.History):
        metrics, model = answer.history, answer.model
    elif isinstance(answer, dict) and "loss" in answer:
        metrics, model = answer, None
    else:
        raise Wrong(
            f"expected the History that model.fit(...) returns, got a {_type_name(answer)}."
        )
    if not metrics or not metrics.get("loss"):
        raise Wrong("this History holds no epochs: train with model.fit(...) first.")
    try:
        shapes = {np.asarray(values, dtype=float).shape for values in metrics.values()}
    except (TypeError, ValueError):
        shapes = set()
    if len(shapes) != 1 or len(next(iter(shapes))) != 1:
        raise Wrong("this History does not hold one number per epoch: give what fit returned.")
    if not np.all(np.isfinite(np.asarray(metrics["loss"], dtype=float))):
        raise Wrong(
            "the training loss became nan or infinite: the steps were too large. Lower the "
            "learning rate (or check that the pixels are scaled)."
        )
    return metrics, model


ACCURACY_NAMES = (
    "accuracy",
    "acc",
    "sparse_categorical_accuracy",
    "categorical_accuracy",
    "binary_accuracy",
)
"""The names under which ``fit`` records an accuracy, by the way it was asked for."""


def accuracy_name(metrics: dict) -> str:
    """The name the run's accuracy is recorded under (``"accuracy"``, ``"acc"``, ...)."""
    for name in ACCURACY_NAMES:
        if name in metrics or f"val_{name}" in metrics:
            return name
    raise Wrong("compile the model with metrics=['accuracy'] so that fit measures it.")


def expect_validation(metrics: dict, metric: str = "accuracy") -> np.ndarray:
    """The validation values of ``metric`` per epoch (the accuracy under any of its names);
    :class:`Wrong` when the run did not measure it (no metric compiled, or no validation
    data given to ``fit``) or when a value is not a number."""
    if metric == "accuracy":
        metric = accuracy_name(metrics)
    if f"val_{metric}" not in metrics:
        if metric not in metrics:
            raise Wrong(f"compile the model with metrics=['{metric}'] so that fit measures it.")
        raise Wrong(
            "the run has no validation numbers: pass validation_data=(x_val, y_val) to fit."
        )
    values = np.asarray(metrics[f"val_{metric}"], dtype=float)
    if not np.all(np.isfinite(values)):
        raise Wrong(
            f"the validation {metric} is not a number in some epoch: the run diverged; lower "
            "the learning rate and train again."
        )
    return values


def expect_validated_on(history, x_val, y_val, question="q5", network="your network") -> None:
    """:class:`Wrong` unless the run's validation accuracy at the epoch whose weights the
    network holds (the last, or the best restored) is its accuracy on ``(x_val, y_val)``
    (its pixels as given, or scaled by 1 / 255)."""
    import keras

    metrics, model = expect_history(history)
    if model is None:
        raise Wrong(
            "give the History itself (what fit returned), so that the check sees your network."
        )
    if x_val is None or y_val is None:
        raise Wrong(
            f"pass the validation data too: {question}.check(answer, x_val=x_val, y_val=y_val)."
        )
    recorded = expect_validation(metrics)
    epochs = {len(recorded) - 1, int(np.argmax(recorded))}
    if len(metrics.get("val_loss", ())) == len(recorded):
        epochs.add(int(np.argmin(metrics["val_loss"])))
    labels = np.asarray(y_val).reshape(len(y_val), -1)
    labels = labels.argmax(axis=1) if labels.shape[1] > 1 else labels[:, 0]
    for scale in (1, 255):
        images = x_val if scale == 1 else np.asarray(x_val, dtype="float32") / scale
        outputs = [model(images[i : i + 500], training=False) for i in range(0, len(images), 500)]
        guesses = np.concatenate([keras.ops.convert_to_numpy(o) for o in outputs]).argmax(axis=1)
        if min(abs(recorded[e] - np.mean(guesses == labels)) for e in epochs) <= 0.002:
            return
    raise Wrong(
        f"{network}'s accuracy on x_val is not the run's validation accuracy: pass "
        "validation_data=(x_val, y_val) to fit, so that it measures images it never trains on."
    )


def expect_one_fit(history, what: str) -> None:
    """:class:`Wrong` if the network trained before the fit that returned ``history`` (its
    optimiser took more steps than this run); ``what``: what to do instead."""
    import keras

    metrics, model = expect_history(history)
    optimizer = getattr(model, "optimizer", None)
    per_epoch = (getattr(history, "params", None) or {}).get("steps")
    if optimizer is not None and per_epoch:
        done = int(keras.ops.convert_to_numpy(optimizer.iterations))
        if done > per_epoch * len(metrics["loss"]):
            raise Wrong(f"this model had trained before the fit that returned this History: {what}")
