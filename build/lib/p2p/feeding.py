"""Feed NumPy arrays to ``model.fit`` one batch at a time.

``model.fit(x_train, y_train)`` first copies the whole of ``x_train`` into TensorFlow,
and that copy, with the working space around it, costs about 250 MB for CIFAR-10's
45,000 training images (measured: peak kernel memory with TensorFlow 2.21). On Binder's
2 GB that is a large share. :class:`ArrayBatches` hands the arrays over batch by batch
instead: only the current batch is ever copied (about 50 MB of overhead in the same
measurement), and a fresh random order is drawn for every epoch, as ``fit`` does with
``shuffle=True``.
"""

from __future__ import annotations

import math

import numpy as np

from . import quiet_tensorflow
from .errors import CourseError

quiet_tensorflow()
import keras  # noqa: E402


class ArrayBatches(keras.utils.PyDataset):
    """Mini-batches of ``(x, y)`` cut out of two arrays, in a new random order each epoch.

    A :class:`keras.utils.PyDataset`: Keras asks for batch 0, 1, 2, ... with
    ``batches[i]`` and calls :meth:`on_epoch_end` after every epoch. Pass it to ``fit``
    in place of the arrays (no ``batch_size`` there: the batches are made here)::

        model.fit(ArrayBatches(x_train, y_train, batch_size=128), epochs=3,
                  validation_data=(x_val, y_val))

    Args:
        x: the inputs, one row per example (for images: count, height, width, channels).
        y: the labels, as many rows as ``x``.
        batch_size: examples per batch; the last batch of an epoch may be smaller.
        shuffle: draw a new random order of the rows for every epoch (for training);
            ``False`` keeps the stored order (for evaluation).
        seed: seed of the order; by default NumPy's global generator is used, which
            ``p2p.setup()`` seeds, so runs repeat.
    """

    def __init__(self, x, y, batch_size: int = 128, shuffle: bool = True, seed=None, **kwargs):
        super().__init__(**kwargs)
        if len(x) != len(y):
            raise CourseError(
                f"x has {len(x):,} rows but y has {len(y):,}: give one label per example "
                "(for example x_train with y_train)."
            )
        if len(x) == 0:
            raise CourseError("There is nothing to train on: x and y are empty.")
        if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
            raise CourseError(
                f"batch_size must be a whole number of 1 or more, not {batch_size!r}."
            )
        self.x, self.y = x, y
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self._rng = np.random.default_rng(seed) if seed is not None else np.random
        self.order = self._new_order()

    def _new_order(self) -> np.ndarray:
        if self.shuffle:
            return self._rng.permutation(len(self.x))
        return np.arange(len(self.x))

    def __len__(self) -> int:
        """Batches per epoch."""
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, index: int):
        """Batch number ``index`` of the current epoch, as ``(x_batch, y_batch)``."""
        if not 0 <= index < len(self):
            raise IndexError(f"batch {index} of {len(self)}")
        rows = self.order[index * self.batch_size : (index + 1) * self.batch_size]
        return self.x[rows], self.y[rows]

    def on_epoch_end(self) -> None:
        """Draw a new order for the next epoch (Keras calls this after every epoch)."""
        self.order = self._new_order()
