"""Unit tests of p2p.compat: the same answers from every supported Keras version."""

from __future__ import annotations

import keras
import pytest

from p2p.compat import monitor_mode


@pytest.mark.parametrize("mode", ["min", "max"])
def test_monitor_mode_of_a_checkpoint_and_early_stopping(tmp_path, mode):
    path = str(tmp_path / "best.keras")
    checkpoint = keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy", mode=mode)
    assert monitor_mode(checkpoint) == mode
    assert monitor_mode(keras.callbacks.EarlyStopping(mode=mode)) == mode


def test_auto_mode_reads_as_auto_or_the_direction_keras_chose(tmp_path):
    """Keras 3.11 and later say "auto"; Keras 3.8 to 3.10 the direction it stands for."""
    path = str(tmp_path / "best.keras")
    accuracy = keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy")
    loss = keras.callbacks.ModelCheckpoint(path, monitor="val_loss")
    assert monitor_mode(accuracy) in ("auto", "max")
    assert monitor_mode(loss) in ("auto", "min")
    assert monitor_mode(keras.callbacks.EarlyStopping()) == "auto"


def test_a_model_on_another_s_inputs_takes_one_array_without_a_warning():
    """Notebook 05's feature maps: keras.Model(inputs=model.inputs, ...) called with one
    array (Keras 3.8 and 3.9 warn about its structure unless quiet_old_warnings hides it)."""
    import warnings

    import numpy as np

    from p2p.compat import quiet_old_warnings

    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
    features = keras.Model(inputs=model.inputs, outputs=model.layers[0].output)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quiet_old_warnings()
        assert features.predict(np.zeros((1, 4)), verbose=0).shape == (1, 2)
    assert not [w for w in caught if "structure" in str(w.message)], caught[0].message
