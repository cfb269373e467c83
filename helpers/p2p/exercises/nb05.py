"""Exercises of notebook 05: convolutional networks."""

from __future__ import annotations

import numpy as np

from .checks import (
    expect_array,
    expect_dense_step,
    expect_input_shape,
    expect_model,
    expect_number,
    model_steps,
    plain_value,
    without_rescaling,
)
from .core import Question, Wrong

# ----------------------------------------------------------------------------- q1

Q1_IMAGE = np.array(
    [
        [1, 1, 1, 5, 5],
        [1, 1, 1, 5, 5],
        [1, 1, 1, 5, 5],
        [1, 1, 5, 5, 5],
        [1, 1, 5, 5, 5],
    ],
    dtype=float,
)
"""A 5x5 grey image with a dark left part and a bright right part, for q1."""

Q1_KERNEL = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], dtype=float)
"""A vertical-edge kernel, for q1."""


def _slide(image, kernel):
    size = kernel.shape[0]
    rows, cols = image.shape[0] - size + 1, image.shape[1] - size + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + size, j : j + size] * kernel)
    return out


def _check_q1(answer):
    fmap = expect_array(answer, "the feature map")
    if fmap.ndim > 2:  # Keras' Conv2D output (1, 3, 3, 1): drop the batch and channel axes
        fmap = np.squeeze(fmap)
    expected = _slide(Q1_IMAGE, Q1_KERNEL)
    if fmap.shape == (2, 2):
        raise Wrong(
            "your map is 2x2, as with stride 2. Slide the kernel one pixel at a time "
            "(stride 1): it fits in 3 positions along each side, so the map is 3x3."
        )
    if fmap.shape == Q1_IMAGE.shape:
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


q1 = Question(
    notebook="05",
    number=1,
    title="slide a 3x3 vertical-edge kernel over a 5x5 image by hand",
    checker=_check_q1,
    hint="The kernel fits in 3 positions down and 3 across, so the map is 3x3. Each value is "
    "np.sum(window * kernel) for the 3x3 window that starts at that row and column.",
    setup="""
        import numpy as np
        from p2p.exercises.nb05 import Q1_IMAGE as image, Q1_KERNEL as kernel
    """,
    solution="""
        answer = np.zeros((3, 3))
        for i in range(3):
            for j in range(3):
                window = image[i:i + 3, j:j + 3]        # the 3x3 patch under the kernel
                answer[i, j] = np.sum(window * kernel)  # multiply entry by entry, add up
    """,
    mistakes=[
        (
            "flipped kernel",
            """
            flipped = kernel[::-1, ::-1]
            answer = np.array([[np.sum(image[i:i + 3, j:j + 3] * flipped) for j in range(3)]
                               for i in range(3)])
            """,
        ),
        ("same size as the image", "answer = np.zeros((5, 5))"),
        (
            "transposed",
            """
            answer = np.zeros((3, 3))
            for i in range(3):
                for j in range(3):
                    answer[j, i] = np.sum(image[i:i + 3, j:j + 3] * kernel)
            """,
        ),
        ("multiplied without adding", "answer = image[:3, :3] * kernel"),
        (
            "scipy's convolve2d (it flips the kernel)",
            "from scipy.signal import convolve2d\nanswer = convolve2d(image, kernel, mode='valid')",
        ),
        (
            "stride 2",
            """
            answer = np.array([[np.sum(image[i:i + 3, j:j + 3] * kernel) for j in (0, 2)]
                               for i in (0, 2)])
            """,
        ),
    ],
    alternatives=[
        (
            "scipy's correlate2d",
            "from scipy.signal import correlate2d\n"
            "answer = correlate2d(image, kernel, mode='valid')",
        ),
        (
            "a Keras Conv2D layer's output, shape (1, 3, 3, 1)",
            """
            import keras
            conv = keras.layers.Conv2D(1, 3, use_bias=False)
            conv.build((None, 5, 5, 1))
            conv.set_weights([kernel.reshape(3, 3, 1, 1)])
            answer = conv(image.reshape(1, 5, 5, 1))
            """,
        ),
        (
            "a list of lists of Python floats",
            """
            answer = [[float((image[i:i + 3, j:j + 3] * kernel).sum()) for j in range(3)]
                      for i in range(3)]
            """,
        ),
        (
            "sliding windows",
            """
            windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3))
            answer = np.sum(windows * kernel, axis=(2, 3))
            """,
        ),
    ],
)

# ----------------------------------------------------------------------------- q2

Q2_INPUT = (32, 32, 3)
Q2_FILTERS, Q2_KERNEL, Q2_STRIDE = 16, 5, 2


def _shape_list(shape) -> list | None:
    """A shape given as a tuple, list, array, tensor or TensorShape, as a list; else None."""
    if hasattr(shape, "as_list"):  # a TensorFlow TensorShape
        return shape.as_list()
    if isinstance(shape, np.ndarray) or callable(getattr(shape, "numpy", None)):
        return list(np.asarray(plain_value(shape)).reshape(-1))
    if isinstance(shape, tuple | list):
        return list(shape)
    return None


def _check_q2(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise Wrong("expected two things in a tuple: (output_shape, parameter_count).")
    first, params = answer
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
    size = (Q2_INPUT[0] - Q2_KERNEL) // Q2_STRIDE + 1
    if (height, width, channels) == (Q2_FILTERS, size, size):
        raise Wrong(
            "Keras puts the channels last: (height, width, channels), not (channels, height, "
            "width)."
        )
    if channels == Q2_INPUT[2]:
        raise Wrong("the output has one channel per filter, not per input colour channel.")
    if channels != Q2_FILTERS:
        raise Wrong(
            f"the number of output channels should equal the number of filters ({Q2_FILTERS})."
        )
    if (height, width) == (Q2_INPUT[0] // Q2_STRIDE,) * 2:
        raise Wrong(
            "16x16 would be right with padding='same'. With 'valid' padding the 5x5 kernel "
            "must fit inside the image: (32 - 5) // 2 + 1."
        )
    if (height, width) == (Q2_INPUT[0] - Q2_KERNEL + 1,) * 2:
        raise Wrong("that is the size with stride 1. A stride of 2 skips every other position.")
    if (height, width) == (size - 1,) * 2:
        raise Wrong("one too small: you forgot the + 1 in (n - k) // s + 1.")
    if (height, width) == ((Q2_INPUT[0] - Q2_KERNEL) / Q2_STRIDE + 1,) * 2:
        raise Wrong(
            f"{height:g} is not a whole number of positions: (32 - 5) / 2 is 13.5; round it "
            "down with // before adding 1."
        )
    if (height, width) != (size, size):
        raise Wrong(f"{height:g}x{width:g} is not the output size: use (n - k) // s + 1.")
    count = expect_number(params, "the parameter count (a whole number)")
    weights = Q2_KERNEL * Q2_KERNEL * Q2_INPUT[2] * Q2_FILTERS
    if count == weights + Q2_FILTERS:
        return
    if count == weights:
        raise Wrong("the shape is right; for the parameters you forgot one bias per filter.")
    if count == weights + 1:
        raise Wrong(
            f"the shape is right; for the parameters, each filter has a bias of its own: "
            f"{Q2_FILTERS} biases, not 1."
        )
    if count == Q2_KERNEL * Q2_KERNEL * Q2_FILTERS + Q2_FILTERS:
        raise Wrong(
            "the shape is right; for the parameters remember that each filter is 5x5 on each "
            "of the 3 input channels."
        )
    if count == size * size * Q2_FILTERS:
        raise Wrong("that counts output values, not parameters. The parameters are the kernels.")
    raise Wrong(f"the shape is right, but {count:g} is not the parameter count.")


q2 = Question(
    notebook="05",
    number=2,
    title="the output shape and parameter count of Conv2D(16, 5, strides=2) on 32x32x3",
    checker=_check_q2,
    hint="Shape with padding='valid': (n - k) // s + 1 along each side, one channel per "
    "filter. Parameters: each filter has k x k x (input channels) weights plus one bias.",
    solution="""
        size = (32 - 5) // 2 + 1                 # 14
        output_shape = (size, size, 16)          # one channel per filter
        parameters = 5 * 5 * 3 * 16 + 16         # kernels + one bias per filter = 1,216
        answer = (output_shape, parameters)
        # Check: keras.Sequential([keras.Input(shape=(32, 32, 3)),
        #     keras.layers.Conv2D(16, 5, strides=2)]).summary()
    """,
    mistakes=[
        ("'same' padding", "answer = ((16, 16, 16), 1216)"),
        ("stride ignored", "answer = ((28, 28, 16), 1216)"),
        ("forgot the biases", "answer = ((14, 14, 16), 1200)"),
        ("forgot the input channels", "answer = ((14, 14, 16), 416)"),
        ("channels from the input", "answer = ((14, 14, 3), 1216)"),
        ("shape with a batch size of 1", "answer = ((1, 14, 14, 16), 1216)"),
        ("forgot the + 1", "answer = ((13, 13, 16), 1216)"),
        ("true division instead of //", "answer = ((14.5, 14.5, 16), 1216)"),
        ("channels first", "answer = ((16, 14, 14), 1216)"),
        ("one bias for all filters", "answer = ((14, 14, 16), 1201)"),
        ("shape and count swapped", "answer = (1216, (14, 14, 16))"),
    ],
    alternatives=[
        (
            "read off Keras, with the batch axis None",
            """
            import keras
            model = keras.Sequential([keras.Input(shape=(32, 32, 3)),
                                      keras.layers.Conv2D(16, 5, strides=2)])
            answer = (model.output_shape, model.count_params())
            """,
        ),
        ("lists instead of tuples", "answer = [[14, 14, 16], 1216]"),
        (
            "NumPy values",
            "import numpy as np\nanswer = (np.array([14, 14, 16]), np.int64(5 * 5 * 3 * 16 + 16))",
        ),
        (
            "a TensorShape and a float",
            "import tensorflow as tf\nanswer = (tf.TensorShape([14, 14, 16]), 1216.0)",
        ),
    ],
)

# ----------------------------------------------------------------------------- q3

Q3_MAP = np.array(
    [
        [1, 3, 2, 0],
        [4, 2, 1, 1],
        [0, 1, 5, 2],
        [2, 2, 3, 4],
    ],
    dtype=float,
)
"""A 4x4 feature map, for q3."""


def _check_q3(answer):
    pooled = expect_array(answer, "the pooled map")
    if pooled.ndim > 2:  # Keras' MaxPooling2D output (1, 2, 2, 1): drop the batch and channel
        pooled = np.squeeze(pooled)
    expected = Q3_MAP.reshape(2, 2, 2, 2).max(axis=(1, 3))
    if pooled.shape == (3, 3):
        raise Wrong(
            "your map is 3x3: the window moved one step at a time. Max pooling 2x2 moves "
            "2 steps (the windows do not overlap), so a 4x4 map becomes 2x2."
        )
    if pooled.shape != (2, 2):
        raise Wrong(f"expected a 2x2 map; yours has shape {pooled.shape}.")
    if np.allclose(pooled, expected):
        return
    if np.allclose(pooled, Q3_MAP.reshape(2, 2, 2, 2).mean(axis=(1, 3))):
        raise Wrong("that is average pooling. Max pooling keeps the largest value of each window.")
    if np.allclose(pooled, Q3_MAP.reshape(2, 2, 2, 2).min(axis=(1, 3))):
        raise Wrong("you kept the smallest value of each window; max pooling keeps the largest.")
    if np.allclose(pooled, Q3_MAP[::2, ::2]):
        raise Wrong(
            "you kept the top-left value of each block; max pooling keeps the largest of its "
            "four values."
        )
    raise Wrong("not quite: split the map into four 2x2 blocks and keep the largest value of each.")


q3 = Question(
    notebook="05",
    number=3,
    title="max pooling 2x2 of a 4x4 feature map, by hand",
    checker=_check_q3,
    hint="Split the 4x4 map into four non-overlapping 2x2 blocks (top-left, top-right, "
    "bottom-left, bottom-right) and keep the largest number of each.",
    setup="""
        import numpy as np
        from p2p.exercises.nb05 import Q3_MAP as feature_map
    """,
    solution="""
        answer = np.zeros((2, 2))
        for i in range(2):
            for j in range(2):
                answer[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
        # answer is [[4, 2], [2, 5]]
    """,
    mistakes=[
        ("average pooling", "answer = feature_map.reshape(2, 2, 2, 2).mean(axis=(1, 3))"),
        (
            "stride 1",
            """
            answer = np.array([[feature_map[i:i + 2, j:j + 2].max() for j in range(3)]
                               for i in range(3)])
            """,
        ),
        ("min pooling", "answer = feature_map.reshape(2, 2, 2, 2).min(axis=(1, 3))"),
        ("one number", "answer = feature_map.max()"),
        ("the top-left of each block", "answer = feature_map[::2, ::2]"),
        (
            "every other value: the wrong axes",
            "answer = feature_map.reshape(2, 2, 2, 2).max(axis=(0, 2))",
        ),
    ],
    alternatives=[
        ("reshape into blocks", "answer = feature_map.reshape(2, 2, 2, 2).max(axis=(1, 3))"),
        (
            "Keras' MaxPooling2D output, shape (1, 2, 2, 1)",
            "import keras\nanswer = keras.layers.MaxPooling2D(2)(feature_map.reshape(1, 4, 4, 1))",
        ),
        ("a list of lists", "answer = [[4, 2], [2, 5]]"),
    ],
)

# ----------------------------------------------------------------------------- q4

Q4_BLOCKS = (16, 32)


def _check_q4(answer):
    model = expect_model(answer)
    expect_input_shape(model, (32, 32, 3))
    steps = without_rescaling(model_steps(model))
    kinds = [step.kind for step in steps]
    expected = ["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense"]
    for step in steps:
        if step.kind in ("AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D"):
            raise Wrong(f"{step.where} uses {step.kind}; this exercise uses MaxPooling2D(2).")
    if kinds.count("Conv2D") != 2:
        raise Wrong(
            f"the model needs exactly two Conv2D layers; yours has {kinds.count('Conv2D')}."
        )
    if kinds.count("MaxPooling2D") != 2:
        raise Wrong("follow each Conv2D with a MaxPooling2D layer (two in all).")
    if "Flatten" not in kinds:
        raise Wrong("add a Flatten layer between the last block and the Dense layer.")
    if kinds[:5] == expected[:5] and kinds[5:] == ["Dense", "Dense"]:
        raise Wrong(
            "there is a hidden Dense layer between Flatten and the output. In this exercise "
            "Flatten goes straight into Dense(10, activation='softmax')."
        )
    for step in steps:
        if step.kind == "Activation":
            raise Wrong(
                f"{step.where} applies {step.activation!r} to a layer that has its activation "
                "already; give each Conv2D and Dense layer one activation."
            )
    if kinds != expected:
        raise Wrong(
            f"the layers should come in this order: {', '.join(expected)}; yours are "
            f"{', '.join(kinds)}."
        )
    for number, (position, filters) in enumerate(zip((0, 2), Q4_BLOCKS, strict=True), start=1):
        conv, pool = steps[position], steps[position + 1]
        layer = conv.layer
        where = f"Conv2D layer {number} ({layer.name})"
        if layer.filters != filters:
            raise Wrong(f"{where} should have {filters} filters; yours has {layer.filters}.")
        if tuple(layer.kernel_size) != (3, 3):
            raise Wrong(f"{where} should use 3x3 kernels; yours uses {tuple(layer.kernel_size)}.")
        if layer.padding != "same":
            raise Wrong(f"{where} should use padding='same'; yours uses {layer.padding!r}.")
        if tuple(layer.strides) != (1, 1) or tuple(layer.dilation_rate) != (1, 1):
            raise Wrong(
                f"{where} should slide one pixel at a time: leave strides (and dilation_rate) "
                "at 1; the pooling layer halves the size."
            )
        if conv.activation == "linear":
            raise Wrong(
                f"{where} has no activation: give it activation='relu' (or put a "
                "keras.layers.ReLU() layer right after it)."
            )
        if conv.activation != "relu":
            raise Wrong(
                f"{where} should use the 'relu' activation; yours uses {conv.activation!r}."
            )
        where = f"MaxPooling2D layer {number} ({pool.layer.name})"
        pool_size, strides = tuple(pool.layer.pool_size), tuple(pool.layer.strides)
        if pool_size != (2, 2):
            raise Wrong(
                f"{where} should keep the largest of each 2x2 window, MaxPooling2D(2); yours "
                f"uses pool_size={pool_size}."
            )
        if strides != (2, 2):
            raise Wrong(
                f"{where} should move 2 pixels at a time, as MaxPooling2D(2) does by default, "
                f"so that the windows do not overlap; yours uses strides={strides}."
            )
    expect_dense_step(steps[-1], units=10, activation="softmax", what="the last layer")


def _q4_model(
    conv1: str = 'Conv2D(16, 3, padding="same", activation="relu")',
    conv2: str = 'Conv2D(32, 3, padding="same", activation="relu")',
    pool: str = "MaxPooling2D(2)",
    top: str = 'Dense(10, activation="softmax")',
    shape: str = "(32, 32, 3)",
) -> str:
    """Code of a Sequential CNN for q4: two conv + pool blocks, Flatten and ``top``
    (each argument is code after ``keras.layers.``; ``;`` separates several layers)."""
    parts = [conv1, pool, conv2, pool, "Flatten()", top]
    rows = [f"keras.Input(shape={shape})"] + [
        f"keras.layers.{layer.strip()}" for part in parts for layer in part.split(";")
    ]
    return "answer = keras.Sequential([\n    " + ",\n    ".join(rows) + ",\n])\n"


q4 = Question(
    notebook="05",
    number=4,
    title="build a CNN of two Conv2D + MaxPooling2D blocks (16 and 32 filters) for 10 classes",
    checker=_check_q4,
    hint="keras.Sequential([keras.Input(shape=(32, 32, 3)), Conv2D(16, 3, padding='same', "
    "activation='relu'), MaxPooling2D(2), the same with 32 filters, Flatten(), Dense(10, ...)]).",
    setup="import keras",
    solution="""
        answer = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ])
        # answer.count_params() is 25,578, against 356,810 for build_cnn((32, 32, 3), 10):
        # most of build_cnn's parameters are in its hidden Dense(128) layer (2,048 x 128).
    """,
    mistakes=[
        (
            "a hidden Dense layer",
            _q4_model(top='Dense(128, activation="relu"); Dense(10, activation="softmax")'),
        ),
        (
            "no pooling",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
                keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
                keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
                keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])""",
        ),
        (
            "no Flatten",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
                keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
                keras.layers.MaxPooling2D(2),
                keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
                keras.layers.MaxPooling2D(2), keras.layers.Dense(10, activation="softmax")])""",
        ),
        (
            "filters swapped",
            _q4_model(
                conv1='Conv2D(32, 3, padding="same", activation="relu")',
                conv2='Conv2D(16, 3, padding="same", activation="relu")',
            ),
        ),
        (
            "valid padding",
            _q4_model(
                conv1='Conv2D(16, 3, activation="relu")', conv2='Conv2D(32, 3, activation="relu")'
            ),
        ),
        ("pool size 3", _q4_model(pool="MaxPooling2D(3)")),
        ("overlapping pooling windows", _q4_model(pool="MaxPooling2D(2, strides=1)")),
        ("average pooling", _q4_model(pool="AveragePooling2D(2)")),
        (
            "5x5 kernels",
            _q4_model(conv1='Conv2D(16, 5, padding="same", activation="relu")'),
        ),
        (
            "stride 2 in the convolution",
            _q4_model(conv2='Conv2D(32, 3, strides=2, padding="same", activation="relu")'),
        ),
        ("Conv2D without activation", _q4_model(conv1='Conv2D(16, 3, padding="same")')),
        ("no softmax", _q4_model(top="Dense(10)")),
        ("a 28x28x1 input", _q4_model(shape="(28, 28, 1)")),
        (
            "conv, pool and the other block in the wrong order",
            """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
                keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
                keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
                keras.layers.MaxPooling2D(2), keras.layers.MaxPooling2D(2),
                keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])""",
        ),
        ("a layer, not a model", "answer = keras.layers.Conv2D(16, 3)"),
    ],
    alternatives=[
        (
            "ReLU and Activation layers; Dense(10) + Softmax; Rescaling",
            """
            answer = keras.Sequential([
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
            ])
            """,
        ),
        (
            "the Functional API",
            """
            inputs = keras.Input(shape=(32, 32, 3))
            x = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
            x = keras.layers.MaxPool2D()(x)
            x = keras.layers.Conv2D(32, 3, padding="same", activation="relu")(x)
            x = keras.layers.MaxPool2D()(x)
            x = keras.layers.Flatten()(x)
            outputs = keras.layers.Dense(10, activation="softmax")(x)
            answer = keras.Model(inputs, outputs)
            """,
        ),
        (
            "pooling with padding='same' (the same on even sizes)",
            _q4_model(pool='MaxPooling2D(2, padding="same")'),
        ),
    ],
)
