"""Unit tests of p2p.optimizers: the 2-D optimiser walks behind notebook 03's widget."""

from __future__ import annotations

import numpy as np
import pytest

from p2p import optimizers as opt


@pytest.mark.parametrize("surface", list(opt.SURFACES))
def test_gradients_match_finite_differences(surface):
    s = opt.SURFACES[surface]
    rng = np.random.default_rng(0)
    for w1, w2 in rng.uniform(-1.5, 1.5, size=(5, 2)):
        h = 1e-6
        numeric = (
            (s.loss(w1 + h, w2) - s.loss(w1 - h, w2)) / (2 * h),
            (s.loss(w1, w2 + h) - s.loss(w1, w2 - h)) / (2 * h),
        )
        np.testing.assert_allclose(s.gradient(w1, w2), numeric, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("surface", list(opt.SURFACES))
def test_the_minimum_is_lower_than_the_start(surface):
    s = opt.SURFACES[surface]
    assert s.loss(*s.minimum) < s.loss(*s.start)
    np.testing.assert_allclose(s.gradient(*s.minimum), (0.0, 0.0), atol=0.01)


@pytest.mark.parametrize(
    ("optimizer", "learning_rate"),
    [("SGD", 0.3), ("SGD with momentum", 0.1), ("RMSprop", 0.1), ("Adam", 0.3)],
)
def test_a_sensible_learning_rate_walks_down_to_the_minimum(optimizer, learning_rate):
    path = opt.walk("ravine", optimizer, learning_rate, steps=150)
    losses = opt.losses_along("ravine", path)
    assert not opt.diverged(path)
    assert len(path) == 151
    assert losses[-1] < 0.01 * losses[0]
    assert np.linalg.norm(path[-1] - np.array(opt.SURFACES["ravine"].minimum)) < 0.5


@pytest.mark.parametrize("optimizer", ["SGD", "SGD with momentum"])
def test_a_huge_learning_rate_diverges(optimizer):
    path = opt.walk("ravine", optimizer, learning_rate=5.0, steps=200)
    assert opt.diverged(path)
    assert len(path) < 201  # stopped early
    assert opt.losses_along("ravine", path)[-1] > 1e3


def test_too_small_a_learning_rate_barely_moves():
    path = opt.walk("ravine", "SGD", learning_rate=0.001, steps=50)
    losses = opt.losses_along("ravine", path)
    assert 0.5 * losses[0] < losses[-1] < losses[0]


def test_momentum_beats_plain_sgd_in_the_ravine():
    plain = opt.losses_along("ravine", opt.walk("ravine", "SGD", 0.1, steps=60))
    momentum = opt.losses_along("ravine", opt.walk("ravine", "SGD with momentum", 0.1, steps=60))
    assert momentum[-1] < 0.01 * plain[-1]


def test_first_sgd_step_is_minus_learning_rate_times_gradient():
    s = opt.SURFACES["banana"]
    path = opt.walk(s, "SGD", 0.01, steps=1)
    expected = np.array(s.start) - 0.01 * np.array(s.gradient(*s.start))
    np.testing.assert_allclose(path[1], expected)


def test_first_adam_step_has_the_size_of_the_learning_rate():
    path = opt.walk("ravine", "Adam", 0.05, steps=1)
    np.testing.assert_allclose(np.abs(path[1] - path[0]), [0.05, 0.05], rtol=1e-4)


def test_unknown_names_are_refused():
    with pytest.raises(ValueError, match="optimiser"):
        opt.walk("ravine", "Adagrad")
    with pytest.raises(ValueError, match="surface"):
        opt.walk("volcano", "SGD")


def test_get_surface_takes_a_name_or_a_surface():
    ravine = opt.SURFACES["ravine"]
    assert opt.get_surface("ravine") is ravine
    assert opt.get_surface(ravine) is ravine
    with pytest.raises(ValueError, match="two valleys"):  # the message lists the choices
        opt.get_surface("volcano")


def test_diverged_spots_far_and_broken_points():
    assert not opt.diverged([[0.0, 0.0], [999.0, -999.0]])
    assert opt.diverged([[0.0, 0.0], [0.0, -1001.0]])
    assert opt.diverged([[0.0, 0.0], [np.nan, 0.0]])
