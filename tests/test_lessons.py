"""Unit tests of p2p.lessons: the functions notebooks 01 and 05 define give known values."""

from __future__ import annotations

import numpy as np
import pytest

from p2p import lessons
from p2p.convolution import KERNELS, fast_convolve


def test_activations_are_the_four_of_notebook_01():
    assert list(lessons.activations) == ["step", "sigmoid", "tanh", "relu"]
    assert lessons.activations["sigmoid"] is lessons.sigmoid
    assert lessons.activations["step"] is lessons.step
    assert lessons.activations["tanh"] is lessons.tanh
    assert lessons.activations["relu"] is lessons.relu


def test_step_is_one_only_above_zero():
    np.testing.assert_array_equal(lessons.step([-2.0, 0.0, 0.5, 3.0]), [0.0, 0.0, 1.0, 1.0])
    assert lessons.step(2) == 1.0


def test_sigmoid_known_values_and_symmetry():
    assert lessons.sigmoid(0) == 0.5
    assert lessons.sigmoid(np.log(3.0)) == pytest.approx(0.75)
    z = np.linspace(-6, 6, 13)
    np.testing.assert_allclose(lessons.sigmoid(z) + lessons.sigmoid(-z), 1.0)
    assert lessons.sigmoid(-30.0) < 1e-12 and lessons.sigmoid(30.0) == pytest.approx(1.0)


def test_tanh_known_values():
    assert lessons.tanh(0.0) == 0.0
    assert lessons.tanh(np.log(2.0)) == pytest.approx(0.6)  # (4 - 1) / (4 + 1)
    np.testing.assert_allclose(lessons.tanh([-20.0, 20.0]), [-1.0, 1.0])


def test_relu_keeps_positives_and_zeroes_negatives():
    np.testing.assert_array_equal(lessons.relu([-3.0, -0.5, 0.0, 0.5, 3.0]), [0, 0, 0, 0.5, 3.0])


@pytest.mark.parametrize("kernel", ["vertical edges", "blur", "sharpen", "emboss"])
def test_convolve_equals_fast_convolve(kernel):
    image = np.random.default_rng(0).random((9, 12))
    weights = np.array(KERNELS[kernel])
    by_lesson = lessons.convolve(image, weights)
    assert by_lesson.shape == (7, 10)
    np.testing.assert_allclose(by_lesson, fast_convolve(image, weights), atol=1e-5)


def test_convolve_a_known_example():
    image = np.arange(16, dtype=float).reshape(4, 4)
    kernel = np.array([[1.0, 0.0], [0.0, -1.0]])  # top-left minus bottom-right
    np.testing.assert_array_equal(lessons.convolve(image, kernel), np.full((3, 3), -5.0))


def test_max_pool_keeps_the_largest_of_each_block():
    feature_map = np.array(
        [
            [1, 3, 0, 2, 9],
            [4, 2, 1, 1, 9],
            [0, 0, 5, 6, 9],
            [7, 1, 8, 2, 9],
            [9, 9, 9, 9, 9],
        ],
        dtype=float,
    )
    np.testing.assert_array_equal(lessons.max_pool(feature_map), [[4, 2], [7, 8]])
    np.testing.assert_array_equal(lessons.max_pool(feature_map[:4, :4], size=4), [[8]])


# ----------------------------------------------------------------------------- notebook 08


def test_best_model_without_its_ingredients_computes_notebook_05s_cnn():
    """Notebook 08 says so: pooling before the ReLU changes nothing (they commute)."""
    plain = lessons.build_best_model((32, 32, 3), 10, batch_norm=False, flip=False)
    reference = lessons.build_cnn((32, 32, 3), 10, dense_units=256)  # notebook 05's own
    reference.set_weights(plain.get_weights())
    images = np.random.default_rng(0).integers(0, 256, (8, 32, 32, 3)).astype("uint8")
    np.testing.assert_allclose(
        plain.predict(images, verbose=0), reference.predict(images, verbose=0), atol=1e-6
    )


def test_best_model_layers_in_the_order_notebook_08_describes():
    import keras

    model = lessons.build_best_model((32, 32, 3), 10, shift=4)
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds[:3] == ["RandomFlip", "RandomTranslation", "Rescaling"]
    assert kinds[3:7] == ["Conv2D", "MaxPooling2D", "BatchNormalization", "Activation"]
    assert kinds.count("BatchNormalization") == 3 and "Dropout" not in kinds
    norms = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert {layer.momentum for layer in norms} == {0.9}
    assert not any(
        layer.use_bias for layer in model.layers if isinstance(layer, keras.layers.Conv2D)
    )
    assert model.layers[1].height_factor == 0.125  # 4 of 32 pixels
    digits = lessons.build_best_model((28, 28, 1), 10, flip=False, dropout=0.2)
    assert [type(layer).__name__ for layer in digits.layers].count("Dropout") == 2
    assert type(digits.layers[0]).__name__ == "Rescaling"


def test_the_whitened_first_layer_decorrelates_patches_and_stays_frozen():
    import keras

    rng = np.random.default_rng(0)
    grey = rng.integers(0, 200, (60, 16, 16, 1))  # neighbouring pixels and colours correlate
    images = (grey + rng.integers(0, 56, (60, 16, 16, 3))).astype("uint8")
    kernel, bias = lessons.whitening_filters(images)
    assert kernel.shape == (2, 2, 3, 24) and bias.shape == (24,)
    model = lessons.build_best_model((16, 16, 3), 10, flip=False, whitening=(kernel, bias))
    layer = model.get_layer("whitening")
    assert not layer.trainable and layer.output.shape[1:3] == (15, 15)  # 2 x 2, no padding
    probe = keras.Model(model.inputs[0], layer.output)
    outputs = keras.ops.convert_to_numpy(probe(images)).reshape(-1, 24).astype("float64")
    np.testing.assert_allclose(outputs[:, 12:], -outputs[:, :12], atol=1e-4)
    np.testing.assert_allclose(outputs.mean(axis=0), 0, atol=1e-3)  # the bias centres
    covariance = np.cov(outputs[:, :12], rowvar=False)
    np.testing.assert_allclose(covariance - np.diag(np.diag(covariance)), 0, atol=1e-3)
    assert np.all(np.diag(covariance) < 1) and np.diag(covariance).max() > 0.99
    frozen = len(model.weights) - len(model.trainable_weights)
    assert frozen == 2 + 3 * 2  # its kernel and bias; BatchNormalization's running averages


@pytest.mark.parametrize(
    ("choice", "optimizer", "peak", "warmup"),
    [("sgd", "SGD", 0.8, 0.2), ("adam", "Adam", 2e-3, 0.15)],
)
def test_compile_best_optimiser_and_schedule(choice, optimizer, peak, warmup):
    model = lessons.build_best_model((32, 32, 3), 10)
    lessons.compile_best(model, steps=100, optimizer=choice, label_smoothing=0.1)
    assert type(model.optimizer).__name__ == optimizer
    schedule = model.optimizer._learning_rate
    warmup_steps = int(warmup * 100)
    assert float(schedule(0)) == pytest.approx(peak / 10)
    assert float(schedule(warmup_steps)) == pytest.approx(peak)
    assert float(schedule(100)) == pytest.approx(0.0, abs=1e-7)
    assert model.loss.get_config()["label_smoothing"] == 0.1
    if choice == "sgd":
        assert model.optimizer.nesterov and model.optimizer.momentum == 0.9
        assert model.optimizer.weight_decay == 5e-4
    assert not model.optimizer.use_ema
    lessons.compile_best(model, steps=100, ema=True)
    assert model.optimizer.use_ema
    with pytest.raises(ValueError, match='"sgd" or "adam"'):
        lessons.compile_best(model, steps=100, optimizer="SGD")


def test_predict_augmented_averages_the_image_its_mirror_and_shifted_copies():
    model = lessons.build_cnn((32, 32, 3), 10)
    images = np.random.default_rng(1).integers(0, 256, (4, 32, 32, 3)).astype("uint8")
    mirrored = images[:, :, ::-1]
    flipped = (model.predict(images, verbose=0) + model.predict(mirrored, verbose=0)) / 2
    np.testing.assert_allclose(
        lessons.predict_augmented(model, images, shifted=False), flipped, atol=1e-6
    )
    assert not np.allclose(flipped, model.predict(images, verbose=0), atol=1e-4)
    symmetric = np.concatenate([images[:, :, :16], images[:, :, :16][:, :, ::-1]], axis=2)
    np.testing.assert_allclose(
        lessons.predict_augmented(model, symmetric, shifted=False),
        model.predict(symmetric, verbose=0),
        atol=1e-6,
    )
    # shifted: row and column i of the copy are i - 1 (down-right) or i + 1 (up-left) of
    # the image, mirrored at the edge (-1 -> 1, 32 -> 30)
    back = [1, *range(31)]
    ahead = [*range(1, 32), 30]
    down_right = images[:, back][:, :, back]
    up_left = images[:, ahead][:, :, ahead]

    def pair(x):
        return model.predict(x, verbose=0) + model.predict(x[:, :, ::-1], verbose=0)

    expected = (pair(images) + 0.5 * pair(down_right) + 0.5 * pair(up_left)) / 4
    np.testing.assert_allclose(lessons.predict_augmented(model, images), expected, atol=1e-6)
    assert not np.allclose(expected, flipped, atol=1e-4)
