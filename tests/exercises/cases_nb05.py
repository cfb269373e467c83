"""The test side of notebook 05's exercises (:mod:`p2p.exercises.nb05`): typical
mistakes, right answers written another way and the examples of the notebook's
variables that the answers are built from (see tests/exercises/__init__.py)."""

from __future__ import annotations

from functools import partial

import keras
import numpy as np

import p2p
from p2p.exercises.nb05 import NOTEBOOK_FOLDER, feature_map, image, kernel
from p2p.profiles import get_profile

from tests.exercises import history_of


def _flipped_kernel():
    flipped = kernel[::-1, ::-1]
    return np.array(
        [[np.sum(image[i : i + 3, j : j + 3] * flipped) for j in range(3)] for i in range(3)]
    )


def _transposed():
    edges = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            edges[j, i] = np.sum(image[i : i + 3, j : j + 3] * kernel)
    return edges


def _scipy_s_convolve2d_it_flips_the_kernel():
    from scipy.signal import convolve2d

    return convolve2d(image, kernel, mode="valid")


def _scipy_s_correlate2d():
    from scipy.signal import correlate2d

    return correlate2d(image, kernel, mode="valid")


def _a_keras_conv2d_layer_s_output_shape_1():
    conv = keras.layers.Conv2D(1, 3, use_bias=False)
    conv.build((None, 5, 5, 1))
    conv.set_weights([kernel.reshape(3, 3, 1, 1)])
    return conv(image.reshape(1, 5, 5, 1))


def _sliding_windows():
    windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3))
    return np.sum(windows * kernel, axis=(2, 3))


def _read_off_keras_with_the_batch_axis_none():
    model = keras.Sequential(
        [keras.Input(shape=(32, 32, 3)), keras.layers.Conv2D(16, 5, strides=2)]
    )
    return (model.output_shape, model.count_params())


def _a_tensorshape_and_a_float():
    import tensorflow as tf

    return (tf.TensorShape([14, 14, 16]), 1216.0)


def _stack(*layers, shape=(32, 32, 3)):
    """A Sequential model of ``layers`` after ``keras.Input(shape)``."""
    return keras.Sequential([keras.Input(shape=shape), *layers])


def _conv(filters, size=3, **options):
    """A Conv2D layer, by default with padding='same' and ReLU as the exercise asks."""
    return keras.layers.Conv2D(
        filters, size, **{"padding": "same", "activation": "relu", **options}
    )


def _softmax():
    return keras.layers.Dense(10, activation="softmax")


def _cnn(conv1=None, conv2=None, pool=None, top=None, shape=(32, 32, 3)):
    """The CNN of the exercise, with ``conv1``, ``conv2``, the ``top`` layers (a list) or
    the input ``shape`` changed; ``pool`` makes each block's pooling layer (default
    ``MaxPooling2D(2)``)."""
    pool = pool or partial(keras.layers.MaxPooling2D, 2)
    return _stack(
        conv1 or _conv(16),
        pool(),
        conv2 or _conv(32),
        pool(),
        keras.layers.Flatten(),
        *(top or [_softmax()]),
        shape=shape,
    )


def _relu_and_activation_layers_dense_10():
    return keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(16, (3, 3), padding="same"),
            keras.layers.ReLU(),
            keras.layers.MaxPooling2D((2, 2)),
            keras.layers.Conv2D(32, 3, padding="same"),
            keras.layers.Activation("relu"),
            keras.layers.MaxPooling2D(pool_size=2, strides=2),
            keras.layers.Flatten(),
            keras.layers.Dense(10),
            keras.layers.Softmax(),
        ]
    )


def _the_functional_api():
    inputs = keras.Input(shape=(32, 32, 3))
    x = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    x = keras.layers.MaxPool2D()(x)
    x = keras.layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    x = keras.layers.MaxPool2D()(x)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def _example_data() -> dict:
    """The notebook's data, class names, profile and image settings, and its pair."""
    from p2p.data import load_data

    data = load_data(train_size=get_profile().cnn_train_size)  # as the notebook loads it
    channels = data.x_train.shape[-1]
    return {
        "data": data,
        "class_names": data.class_names,
        "profile": get_profile(),
        "image_size": data.x_train.shape[1:3],
        "color_mode": "rgb" if channels == 3 else "grayscale",
    }


def _folder_files(classes, label_mode="binary", batched=False, root_name=None):
    """A real image-folder dataset of ``classes`` (a few tiny PNG files)."""
    from PIL import Image

    name = "_".join(classes)
    root = p2p.work_dir("folders") / (f"{root_name}/train" if root_name else f"examples/{name}")
    for index, name in enumerate(classes):  # dark images, then bright ones: easy to tell
        (root / name).mkdir(parents=True, exist_ok=True)
        for i in range(2):
            pixels = np.full((8, 8, 3), 20 * i + 180 * index, np.uint8)
            Image.fromarray(pixels).save(root / name / f"{i}.png")
    files = keras.utils.image_dataset_from_directory(
        root, label_mode=label_mode, image_size=(8, 8), batch_size=None, shuffle=False
    )
    return files.batch(2) if batched else files


def _run(files, val_accuracy, units=1, loss="binary_crossentropy", label_kind="binary"):
    """A History ending at ``val_accuracy``, of a small network really trained on ``files``
    (so that it gets them right), or of an untrained one when ``files`` is None."""
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
            keras.layers.Dense(units, activation="sigmoid" if units == 1 else "softmax"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss=loss)
    if files is not None:
        model.fit(files.batch(4), epochs=40, verbose=0)
    metrics = {
        "loss": [0.7, 0.5],
        "accuracy": [0.6, 0.8],
        "val_loss": [0.7, 0.6],
        "val_accuracy": [val_accuracy - 0.05, val_accuracy],
    }
    return history_of(metrics, model)


_GOOD = 0.95  # above every profile's target


def _task(classes=("ant", "bee"), label_mode="binary", **run):
    """(files, History of a network trained on them), for the typical answers."""
    files = _folder_files(list(classes), label_mode=label_mode)
    return files, _run(files, run.pop("val_accuracy", _GOOD), **run)


def _the_notebook_s_own_folder():
    files = _folder_files(["cat", "dog"], root_name=NOTEBOOK_FOLDER)
    return files, _run(files, _GOOD)


EXAMPLES = {
    "q5": _example_data,
}

MISTAKES = {
    "q1": [
        ("flipped kernel", _flipped_kernel),
        ("same size as the image", lambda: np.zeros((5, 5))),
        ("transposed", _transposed),
        ("multiplied without adding", lambda: image[:3, :3] * kernel),
        ("scipy's convolve2d (it flips the kernel)", _scipy_s_convolve2d_it_flips_the_kernel),
        (
            "stride 2",
            lambda: np.array(
                [[np.sum(image[i : i + 3, j : j + 3] * kernel) for j in (0, 2)] for i in (0, 2)]
            ),
        ),
    ],
    "q2": [
        ("'same' padding", lambda: ((16, 16, 16), 1216)),
        ("stride ignored", lambda: ((28, 28, 16), 1216)),
        ("forgot the biases", lambda: ((14, 14, 16), 1200)),
        ("forgot the input channels", lambda: ((14, 14, 16), 416)),
        ("channels from the input", lambda: ((14, 14, 3), 1216)),
        ("shape with a batch size of 1", lambda: ((1, 14, 14, 16), 1216)),
        ("forgot the + 1", lambda: ((13, 13, 16), 1216)),
        ("true division instead of //", lambda: ((14.5, 14.5, 16), 1216)),
        ("channels first", lambda: ((16, 14, 14), 1216)),
        ("one bias for all filters", lambda: ((14, 14, 16), 1201)),
        ("shape and count swapped", lambda: (1216, (14, 14, 16))),
    ],
    "q3": [
        ("average pooling", lambda: feature_map.reshape(2, 2, 2, 2).mean(axis=(1, 3))),
        (
            "stride 1",
            lambda: np.array(
                [[feature_map[i : i + 2, j : j + 2].max() for j in range(3)] for i in range(3)]
            ),
        ),
        ("min pooling", lambda: feature_map.reshape(2, 2, 2, 2).min(axis=(1, 3))),
        ("one number", lambda: feature_map.max()),
        ("the top-left of each block", lambda: feature_map[::2, ::2]),
        (
            "every other value: the wrong axes",
            lambda: feature_map.reshape(2, 2, 2, 2).max(axis=(0, 2)),
        ),
    ],
    "q4": [
        (
            "a hidden Dense layer",
            lambda: _cnn(top=[keras.layers.Dense(128, activation="relu"), _softmax()]),
        ),
        ("no pooling", lambda: _stack(_conv(16), _conv(32), keras.layers.Flatten(), _softmax())),
        (
            "no Flatten",
            lambda: _stack(
                _conv(16),
                keras.layers.MaxPooling2D(2),
                _conv(32),
                keras.layers.MaxPooling2D(2),
                _softmax(),
            ),
        ),
        ("filters swapped", lambda: _cnn(conv1=_conv(32), conv2=_conv(16))),
        (
            "valid padding",
            lambda: _cnn(
                conv1=keras.layers.Conv2D(16, 3, activation="relu"),
                conv2=keras.layers.Conv2D(32, 3, activation="relu"),
            ),
        ),
        ("pool size 3", lambda: _cnn(pool=partial(keras.layers.MaxPooling2D, 3))),
        (
            "overlapping pooling windows",
            lambda: _cnn(pool=partial(keras.layers.MaxPooling2D, 2, strides=1)),
        ),
        ("average pooling", lambda: _cnn(pool=partial(keras.layers.AveragePooling2D, 2))),
        ("5x5 kernels", lambda: _cnn(conv1=_conv(16, 5))),
        ("stride 2 in the convolution", lambda: _cnn(conv2=_conv(32, strides=2))),
        (
            "Conv2D without activation",
            lambda: _cnn(conv1=keras.layers.Conv2D(16, 3, padding="same")),
        ),
        ("no softmax", lambda: _cnn(top=[keras.layers.Dense(10)])),
        ("a 28x28x1 input", lambda: _cnn(shape=(28, 28, 1))),
        (
            "conv, pool and the other block in the wrong order",
            lambda: _stack(
                _conv(16),
                _conv(32),
                keras.layers.MaxPooling2D(2),
                keras.layers.MaxPooling2D(2),
                keras.layers.Flatten(),
                _softmax(),
            ),
        ),
        ("a layer, not a model", lambda: keras.layers.Conv2D(16, 3)),
    ],
    "q5": [
        ("the notebook's own folder", _the_notebook_s_own_folder),
        (
            "the dataset after cache, shuffle and batch",
            lambda: (_folder_files(["ant", "bee"], batched=True), _task()[1]),
        ),
        (
            "one output with sparse categorical cross-entropy",
            lambda: (
                _folder_files(["ant", "bee"]),
                _run(None, _GOOD, loss="sparse_categorical_crossentropy"),
            ),
        ),
        (
            "the History of a network trained on other images",
            lambda: (_folder_files(["ant", "bee"]), _run(_folder_files(["bee", "ant"]), _GOOD)),
        ),
        ("below the target", lambda: _task(val_accuracy=0.55)),
        ("the History only", lambda: _task()[1]),
    ],
}

ALTERNATIVES = {
    "q1": [
        ("scipy's correlate2d", _scipy_s_correlate2d),
        (
            "a Keras Conv2D layer's output, shape (1, 3, 3, 1)",
            _a_keras_conv2d_layer_s_output_shape_1,
        ),
        (
            "a list of lists of Python floats",
            lambda: [
                [float((image[i : i + 3, j : j + 3] * kernel).sum()) for j in range(3)]
                for i in range(3)
            ],
        ),
        ("sliding windows", _sliding_windows),
    ],
    "q2": [
        ("read off Keras, with the batch axis None", _read_off_keras_with_the_batch_axis_none),
        ("lists instead of tuples", lambda: [[14, 14, 16], 1216]),
        ("NumPy values", lambda: (np.array([14, 14, 16]), np.int64(5 * 5 * 3 * 16 + 16))),
        ("a TensorShape and a float", _a_tensorshape_and_a_float),
    ],
    "q3": [
        ("reshape into blocks", lambda: feature_map.reshape(2, 2, 2, 2).max(axis=(1, 3))),
        (
            "Keras' MaxPooling2D output, shape (1, 2, 2, 1)",
            lambda: keras.layers.MaxPooling2D(2)(feature_map.reshape(1, 4, 4, 1)),
        ),
        ("a list of lists", lambda: [[4, 2], [2, 5]]),
    ],
    "q4": [
        (
            "ReLU and Activation layers; Dense(10) + Softmax; Rescaling",
            _relu_and_activation_layers_dense_10,
        ),
        ("the Functional API", _the_functional_api),
        (
            "pooling with padding='same' (the same on even sizes)",
            lambda: _cnn(pool=partial(keras.layers.MaxPooling2D, 2, padding="same")),
        ),
    ],
    "q5": [
        ("integer labels with one sigmoid output", lambda: _task(label_mode="int")),
        (
            "two softmax outputs with integer labels",
            lambda: _task(label_mode="int", units=2, loss="sparse_categorical_crossentropy"),
        ),
        (
            "two softmax outputs with one-hot labels",
            lambda: _task(label_mode="categorical", units=2, loss="categorical_crossentropy"),
        ),
        ("a list instead of a tuple", lambda: list(_task(("cow", "owl")))),
        ("the loss by its Keras alias 'bce'", lambda: _task(loss="bce")),
    ],
}
