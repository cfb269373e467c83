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
