"""What differs between the TensorFlow, Keras and NumPy versions the course supports.

The course supports a range (pyproject.toml's lower bounds, tested with
``requirements-oldest.txt``, up to the pins of ``requirements.txt``): Colab and Kaggle
bring their own versions. Where the helpers need to read something the versions keep in
different places, they ask this module; each function says which versions need it.
"""

from __future__ import annotations


def monitor_mode(callback) -> str:
    """The ``mode`` a ``ModelCheckpoint`` or ``EarlyStopping`` watches its number in:
    ``"auto"``, ``"min"`` or ``"max"``.

    Keras 3.11 and later keep it as ``callback.mode`` on both callbacks. Keras 3.8 to 3.10
    keep it on ``EarlyStopping`` only: their ``ModelCheckpoint`` turns it at once into a
    comparison (``monitor_op``), so ``"auto"`` reads as the direction it chose from the
    monitored name (``"max"`` for an accuracy).
    """
    mode = getattr(callback, "mode", None)
    if mode is not None:
        return mode
    import numpy as np  # Keras 3.8 to 3.10: np.greater keeps the highest, np.less the lowest

    return "max" if callback.monitor_op is np.greater else "min"


def quiet_old_warnings() -> None:
    """Hide the warnings that only the older supported versions give about their own
    internals (:func:`p2p.setup` calls this)."""
    import warnings

    # Keras 3.8 and 3.9: a model made with inputs=model.inputs (a list of one input), such
    # as notebook 05's feature maps, warns when called with one array that the structures
    # differ, though it works; Keras 3.10 and later accept the array quietly.
    warnings.filterwarnings(
        "ignore",
        message=r"The structure of `inputs` doesn't match the expected structure",
        category=UserWarning,
    )
