"""Exercises of notebook 05: convolutional networks."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np

import p2p

from ..lessons import convolve, max_pool
from ..profiles import get_profile
from .answers import (
    accuracy_name,
    compiled_loss,
    expect_array,
    expect_history,
    expect_items,
    expect_layers_like,
    expect_number,
    expect_validation,
    plain_value,
)
from .question import Question, Wrong, bind

image = np.array(
    [
        [1, 1, 1, 5, 5],
        [1, 1, 1, 5, 5],
        [1, 1, 1, 5, 5],
        [1, 1, 5, 5, 5],
        [1, 1, 5, 5, 5],
    ],
    dtype=float,
)
"""A 5x5 grey image with a dark left part and a bright right part (the notebook imports it)."""

kernel = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], dtype=float)
"""A vertical-edge kernel to slide over ``image`` (the notebook imports it)."""

feature_map = np.array(
    [
        [1, 3, 2, 0],
        [4, 2, 1, 1],
        [0, 1, 5, 2],
        [2, 2, 3, 4],
    ],
    dtype=float,
)
"""A 4x4 feature map to max pool by hand (the notebook imports it)."""

CONV_INPUT = (32, 32, 3)
CONV_FILTERS, CONV_KERNEL_SIZE, CONV_STRIDE = 16, 5, 2
"""The Conv2D layer whose output shape and parameters the learner works out."""


def _check_convolution_by_hand(answer):
    fmap = expect_array(answer, "the feature map")
    if fmap.ndim > 2:  # Keras' Conv2D output (1, 3, 3, 1): drop the batch and channel axes
        fmap = np.squeeze(fmap)
    expected = convolve(image, kernel)
    if fmap.shape == (2, 2):
        raise Wrong(
            "your map is 2x2, as with stride 2. Slide the kernel one pixel at a time "
            "(stride 1): it fits in 3 positions along each side, so the map is 3x3."
        )
    if fmap.shape == image.shape:
        raise Wrong(
            "your feature map is 5x5, as large as the image. Without padding a 3x3 kernel "
            "fits in only 3 positions along each side, so the map is 3x3."
        )
    if fmap.shape != expected.shape:
        raise Wrong(f"expected a 3x3 feature map; yours has shape {fmap.shape}.")
    if np.allclose(fmap, expected):
        return
    if np.allclose(fmap, -expected):
        raise Wrong(
            "every value has the wrong sign: you flipped the kernel. Slide it as it is "
            "(this is what Keras' Conv2D does)."
        )
    if np.allclose(fmap, expected.T):
        raise Wrong("your map is transposed: row i, column j is the window image[i:i+3, j:j+3].")
    wrong = np.argwhere(~np.isclose(fmap, expected))
    i, j = wrong[0]
    raise Wrong(
        f"the value at row {i}, column {j} is {fmap[i, j]:g}: multiply the 3x3 window "
        f"image[{i}:{i + 3}, {j}:{j + 3}] by the kernel, entry by entry, and add up all nine."
    )


convolution_by_hand = Question(
    "slide a 3x3 vertical-edge kernel over a 5x5 image by hand",
    checker=_check_convolution_by_hand,
    hint="The kernel fits in 3 positions down and 3 across, so the map is 3x3. Each value is "
    "np.sum(window * kernel) for the 3x3 window that starts at that row and column.",
)


@convolution_by_hand.solved_by
def _():
    edges = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            window = image[i : i + 3, j : j + 3]  # the 3x3 patch under the kernel
            edges[i, j] = np.sum(window * kernel)  # multiply entry by entry, add up
    return edges


def _shape_list(shape) -> list | None:
    """A shape given as a tuple, list, array, tensor or TensorShape, as a list; else None."""
    if hasattr(shape, "as_list"):  # a TensorFlow TensorShape
        return shape.as_list()
    if isinstance(shape, np.ndarray) or callable(getattr(shape, "numpy", None)):
        return list(np.asarray(plain_value(shape)).reshape(-1))
    if isinstance(shape, tuple | list):
        return list(shape)
    return None


def _check_conv_output(answer):
    first, params = expect_items(answer, "output_shape", "parameter_count")
    shape = _shape_list(first)
    if shape is None and _shape_list(params) is not None:
        raise Wrong(
            "swap the two: the output shape comes first, then the parameter count: "
            "((height, width, channels), parameters)."
        )
    if shape is not None and len(shape) == 4:
        if shape[0] is not None:
            raise Wrong(
                f"drop the batch size ({shape[0]}): give the shape of one output, "
                "(height, width, channels)."
            )
        shape = shape[1:]  # Keras' notation: None stands for any batch size
    if shape is None or len(shape) != 3:
        raise Wrong(
            "the output shape should be three numbers (height, width, channels), "
            f"without the batch size; yours is {first!r}."
        )
    height, width, channels = (expect_number(v, "a size") for v in shape)
    size = (CONV_INPUT[0] - CONV_KERNEL_SIZE) // CONV_STRIDE + 1
    if (height, width, channels) == (CONV_FILTERS, size, size):
        raise Wrong(
            "Keras puts the channels last: (height, width, channels), not (channels, height, "
            "width)."
        )
    if channels == CONV_INPUT[2]:
        raise Wrong("the output has one channel per filter, not per input colour channel.")
    if channels != CONV_FILTERS:
        raise Wrong(
            f"the number of output channels should equal the number of filters ({CONV_FILTERS})."
        )
    if (height, width) == (CONV_INPUT[0] // CONV_STRIDE,) * 2:
        raise Wrong(
            "16x16 would be right with padding='same'. With 'valid' padding the 5x5 kernel "
            "must fit inside the image: (32 - 5) // 2 + 1."
        )
    if (height, width) == (CONV_INPUT[0] - CONV_KERNEL_SIZE + 1,) * 2:
        raise Wrong("that is the size with stride 1. A stride of 2 skips every other position.")
    if (height, width) == (size - 1,) * 2:
        raise Wrong("one too small: you forgot the + 1 in (n - k) // s + 1.")
    if (height, width) == ((CONV_INPUT[0] - CONV_KERNEL_SIZE) / CONV_STRIDE + 1,) * 2:
        raise Wrong(
            f"{height:g} is not a whole number of positions: (32 - 5) / 2 is 13.5; round it "
            "down with // before adding 1."
        )
    if (height, width) != (size, size):
        raise Wrong(f"{height:g}x{width:g} is not the output size: use (n - k) // s + 1.")
    count = expect_number(params, "the parameter count (a whole number)")
    weights = CONV_KERNEL_SIZE * CONV_KERNEL_SIZE * CONV_INPUT[2] * CONV_FILTERS
    if count == weights + CONV_FILTERS:
        return
    if count == weights:
        raise Wrong("the shape is right; for the parameters you forgot one bias per filter.")
    if count == weights + 1:
        raise Wrong(
            f"the shape is right; for the parameters, each filter has a bias of its own: "
            f"{CONV_FILTERS} biases, not 1."
        )
    if count == CONV_KERNEL_SIZE * CONV_KERNEL_SIZE * CONV_FILTERS + CONV_FILTERS:
        raise Wrong(
            "the shape is right; for the parameters remember that each filter is 5x5 on each "
            "of the 3 input channels."
        )
    if count == size * size * CONV_FILTERS:
        raise Wrong("that counts output values, not parameters. The parameters are the kernels.")
    raise Wrong(f"the shape is right, but {count:g} is not the parameter count.")


conv_output = Question(
    "the output shape and parameter count of Conv2D(16, 5, strides=2) on 32x32x3",
    checker=_check_conv_output,
    hint="Shape with padding='valid': (n - k) // s + 1 along each side, one channel per "
    "filter. Parameters: each filter has k x k x (input channels) weights plus one bias.",
)


@conv_output.solved_by
def _():
    size = (32 - 5) // 2 + 1  # 14
    output_shape = (size, size, 16)  # one channel per filter
    parameters = 5 * 5 * 3 * 16 + 16  # kernels + one bias per filter = 1,216
    # Check: keras.Sequential([keras.Input(shape=(32, 32, 3)),
    #     keras.layers.Conv2D(16, 5, strides=2)]).summary()
    return (output_shape, parameters)


def _check_max_pooling_by_hand(answer):
    pooled = expect_array(answer, "the pooled map")
    if pooled.ndim > 2:  # Keras' MaxPooling2D output (1, 2, 2, 1): drop the batch and channel
        pooled = np.squeeze(pooled)
    expected = max_pool(feature_map)
    if pooled.shape == (3, 3):
        raise Wrong(
            "your map is 3x3: the window moved one step at a time. Max pooling 2x2 moves "
            "2 steps (the windows do not overlap), so a 4x4 map becomes 2x2."
        )
    if pooled.shape != (2, 2):
        raise Wrong(f"expected a 2x2 map; yours has shape {pooled.shape}.")
    if np.allclose(pooled, expected):
        return
    if np.allclose(pooled, feature_map.reshape(2, 2, 2, 2).mean(axis=(1, 3))):
        raise Wrong("that is average pooling. Max pooling keeps the largest value of each window.")
    if np.allclose(pooled, feature_map.reshape(2, 2, 2, 2).min(axis=(1, 3))):
        raise Wrong("you kept the smallest value of each window; max pooling keeps the largest.")
    if np.allclose(pooled, feature_map[::2, ::2]):
        raise Wrong(
            "you kept the top-left value of each block; max pooling keeps the largest of its "
            "four values."
        )
    raise Wrong("not quite: split the map into four 2x2 blocks and keep the largest value of each.")


max_pooling_by_hand = Question(
    "max pooling 2x2 of a 4x4 feature map, by hand",
    checker=_check_max_pooling_by_hand,
    hint="Split the 4x4 map into four non-overlapping 2x2 blocks (top-left, top-right, "
    "bottom-left, bottom-right) and keep the largest number of each.",
)


@max_pooling_by_hand.solved_by
def _():
    pooled = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            pooled[i, j] = feature_map[2 * i : 2 * i + 2, 2 * j : 2 * j + 2].max()
    return pooled  # [[4, 2], [2, 5]]


def _check_small_cnn(answer):
    expect_layers_like(answer, small_cnn.reference())


small_cnn = Question(
    "build a CNN of two Conv2D + MaxPooling2D blocks (16 and 32 filters) for 10 classes",
    checker=_check_small_cnn,
    hint="keras.Sequential([keras.Input(shape=(32, 32, 3)), Conv2D(16, 3, padding='same', "
    "activation='relu'), MaxPooling2D(2), the same with 32 filters, Flatten(), Dense(10, ...)]).",
)


@small_cnn.solved_by
def _():
    model = keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    # model.count_params() is 25,578, against 356,810 for build_cnn((32, 32, 3), 10):
    # most of build_cnn's parameters are in its hidden Dense(128) layer (2,048 x 128).
    return model


# ----------------------------------------------------------------------- your own folder task

NOTEBOOK_FOLDER = "two_classes"
"""The folder the notebook writes its own pair to (section 6)."""


def _label_kind(dataset) -> str | None:
    """'binary' (one 0/1 float per image), 'int', 'categorical' (one-hot), else None."""
    try:
        labels = dataset.element_spec[1]
    except (AttributeError, IndexError, TypeError):
        return None
    shape = list(labels.shape)
    if labels.dtype.is_floating and shape[-1:] in ([1], [2]):
        return "binary" if shape[-1] == 1 else "categorical"
    if labels.dtype.is_integer and shape in ([], [None]):
        return "int"
    return None


def _accuracy_on(model, files, labels: str) -> float:
    """The share of the dataset's images that ``model`` classifies right."""
    batched = files.element_spec[0].shape.rank == 4  # read with a batch_size already
    batches = files if batched else files.batch(64)
    right = total = 0
    for images, truth in batches.as_numpy_iterator():
        output = keras.ops.convert_to_numpy(model(images, training=False))
        guess = (output[:, 0] > 0.5) if output.shape[-1] == 1 else output.argmax(axis=1)
        truth = truth.argmax(axis=1) if labels == "categorical" else truth.reshape(-1)
        right += int(np.sum(guess.astype(int) == truth.astype(int)))
        total += len(truth)
    return right / max(total, 1)


def _check_folder_task(answer):
    files, history = expect_items(answer, "train_files", "history")
    if not getattr(files, "class_names", None) or not getattr(files, "file_paths", None):
        raise Wrong(
            "the first item should be the dataset as image_dataset_from_directory returned it, "
            "before .cache(), .shuffle() and .batch() (that one knows its class_names and "
            f"file_paths); yours is a {type(files).__name__}."
        )
    if len(files.class_names) != 2:
        raise Wrong(f"a two-class task needs two class folders; yours has {files.class_names}.")
    if sorted(files.class_names) == ["cat", "dog"]:
        raise Wrong("cat and dog are the notebook's pair: choose two other classes.")
    if Path(files.file_paths[0]).parents[2].name == NOTEBOOK_FOLDER:
        raise Wrong(
            f"these are the notebook's own files ({NOTEBOOK_FOLDER}): write two other "
            "classes to a folder of their own, such as my_two_classes."
        )
    labels = _label_kind(files)
    if labels is None:
        raise Wrong(
            "read the folder with label_mode='binary' (one 0/1 label per image, for a "
            "sigmoid output), 'int' or 'categorical'."
        )
    metrics, model = expect_history(history)
    best = float(expect_validation(metrics).max())
    if model is None:
        raise Wrong("give the History itself, so that the check can see your network.")
    units = model.output_shape[-1]
    if units not in (1, 2):
        raise Wrong(
            "a two-class network ends in Dense(1, activation='sigmoid') (or in "
            f"Dense(2, activation='softmax')); yours has {units} outputs."
        )
    wanted = {1: "binary_crossentropy", 2: "sparse_categorical_crossentropy"}[units]
    if labels == "categorical":
        wanted = wanted.removeprefix("sparse_")  # one-hot labels
    loss = compiled_loss(getattr(model, "loss", None))[0]
    if loss != wanted:
        outputs = "one sigmoid output" if units == 1 else "two softmax outputs"
        raise Wrong(
            f"the loss for {outputs} and label_mode={labels!r} is {wanted!r}; yours is {loss!r}."
        )
    try:
        on_files = _accuracy_on(model, files, labels)
    except Exception:  # noqa: BLE001 - a model for other inputs
        raise Wrong("the network of this History does not take these images.") from None
    trained = float(np.asarray(metrics.get(accuracy_name(metrics), [0.5]), dtype=float)[-1])
    if on_files < min(0.6, trained - 0.15):  # far below its own training accuracy
        raise Wrong(
            f"the network of this History gets only {on_files:.0%} of these training images "
            "right: it was not trained on them. Train it on your folder's images."
        )
    target = get_profile().target_for("two_classes")
    if best < target:
        raise Wrong(
            f"{best:.1%} validation accuracy at best, below {target:.0%}: train for all "
            f"{get_profile().epochs_for('binary')} epochs, shuffle the training images "
            "(after .cache()), or pick two classes that look less alike."
        )


folder_task = Question(
    "your own two-class task from image folders: write, read, train",
    checker=_check_folder_task,
    hint="Choose two classes other than the notebook's pair; write them with "
    "p2p.folders.write_class_folders({'train': data.train, 'validation': data.val}, "
    "class_names, my_pair, p2p.work_dir('folders') / 'my_two_classes'); read each split "
    "with keras.utils.image_dataset_from_directory(..., label_mode='binary', "
    "batch_size=None, shuffle=False); cache, shuffle and batch; train section 6's network.",
)


@folder_task.solved_by
def _(data, class_names, profile, image_size, color_mode):
    my_pair = [class_names[0], class_names[6]]  # airplane and frog for CIFAR-10
    my_folder = p2p.folders.write_class_folders(
        {"train": data.train, "validation": data.val},
        class_names,
        my_pair,
        p2p.work_dir("folders") / "my_two_classes",
    )
    my_train_files, my_val_files = (
        keras.utils.image_dataset_from_directory(
            my_folder / split,
            label_mode="binary",  # one 0/1 label per image, for one sigmoid output
            color_mode=color_mode,
            image_size=image_size,
            batch_size=None,
            shuffle=False,
        )
        for split in ("train", "validation")
    )
    n_train = len(my_train_files.file_paths)
    my_train = my_train_files.cache().shuffle(n_train, seed=1).batch(profile.batch_size)
    my_val = my_val_files.cache().batch(profile.batch_size)
    network = keras.Sequential(
        [
            keras.Input(shape=(*image_size, 3 if color_mode == "rgb" else 1)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(32, (3, 3), activation="relu"),
            keras.layers.MaxPooling2D((2, 2)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    network.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    history = network.fit(
        my_train, validation_data=my_val, epochs=profile.epochs_for("binary"), verbose=2
    )
    return (my_train_files, history)


bind(
    globals(),
    [convolution_by_hand, conv_output, max_pooling_by_hand, small_cnn, folder_task],
)
