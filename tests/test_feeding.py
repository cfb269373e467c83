"""Tests of p2p.feeding.ArrayBatches: batch-by-batch feeding of NumPy arrays to fit."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from p2p.errors import CourseError
from p2p.feeding import ArrayBatches


def _arrays(n=10):
    x = np.arange(n * 4, dtype="uint8").reshape(n, 2, 2, 1)
    y = np.arange(n)
    return x, y


def test_every_row_once_per_epoch_with_a_short_last_batch():
    x, y = _arrays(10)
    batches = ArrayBatches(x, y, batch_size=4, seed=0)
    assert len(batches) == 3
    sizes = [len(batches[i][1]) for i in range(len(batches))]
    assert sizes == [4, 4, 2]
    labels = np.concatenate([batches[i][1] for i in range(len(batches))])
    assert sorted(labels) == list(range(10))


def test_images_stay_with_their_labels():
    x, y = _arrays(10)
    batches = ArrayBatches(x, y, batch_size=3, seed=1)
    for i in range(len(batches)):
        xb, yb = batches[i]
        np.testing.assert_array_equal(xb, x[yb])
        assert xb.dtype == np.uint8


def test_a_new_order_every_epoch_when_shuffling():
    x, y = _arrays(50)
    batches = ArrayBatches(x, y, batch_size=50, seed=2)
    first = batches[0][1].copy()
    batches.on_epoch_end()
    second = batches[0][1]
    assert not np.array_equal(first, second)
    assert sorted(first) == sorted(second)


def test_no_shuffle_keeps_the_stored_order():
    x, y = _arrays(7)
    batches = ArrayBatches(x, y, batch_size=5, shuffle=False)
    batches.on_epoch_end()
    assert list(batches[0][1]) == [0, 1, 2, 3, 4]
    assert list(batches[1][1]) == [5, 6]


def test_index_past_the_end_raises_index_error():
    x, y = _arrays(4)
    with pytest.raises(IndexError):
        ArrayBatches(x, y, batch_size=2)[2]


@pytest.mark.parametrize(
    ("x_rows", "y_rows", "batch_size", "words"),
    [(5, 4, 2, "one label per example"), (0, 0, 2, "empty"), (4, 4, 0, "batch_size")],
)
def test_bad_input_gets_a_course_error(x_rows, y_rows, batch_size, words):
    x = np.zeros((x_rows, 2, 2, 1), "uint8")
    y = np.zeros(y_rows, "int64")
    with pytest.raises(CourseError, match=words):
        ArrayBatches(x, y, batch_size=batch_size)


def test_fit_takes_every_batch_of_every_epoch_in_a_new_order():
    """fit asks for each batch once per epoch and lets the order change between epochs."""
    x, y = _arrays(20)
    x = x.astype("float32")
    y = (y % 2).astype("int64")
    model = keras.Sequential(
        [
            keras.Input((2, 2, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile("sgd", "sparse_categorical_crossentropy")
    requested, orders = [[]], []  # batch numbers asked for in each epoch; each epoch's order

    class Recording(ArrayBatches):
        def __getitem__(self, index):
            requested[-1].append(index)
            return super().__getitem__(index)

        def on_epoch_end(self):
            orders.append(self.order.copy())
            requested.append([])
            super().on_epoch_end()

    history = model.fit(Recording(x, y, batch_size=8, seed=3), epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    # Keras may peek at a batch or two before training; after that, each epoch asks for
    # every batch number once, and on_epoch_end draws a new permutation of all the rows
    complete_epochs = [numbers for numbers in requested if sorted(numbers) == [0, 1, 2]]
    assert len(complete_epochs) >= 2, requested
    assert all(sorted(order) == list(range(20)) for order in orders)
    assert len({tuple(order) for order in orders}) >= 2
