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


def test_fit_sees_every_image_each_epoch():
    """fit takes its batches from the dataset: as many steps as batches, every epoch."""
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
    seen = []

    class CountBatches(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(batch)

    model.fit(ArrayBatches(x, y, batch_size=8), epochs=2, verbose=0, callbacks=[CountBatches()])
    assert seen == [0, 1, 2, 0, 1, 2]
