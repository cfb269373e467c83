"""Helper package of *Pixels to Predictions*.

A notebook starts with::

    import p2p
    profile = p2p.setup()

and then reads its sizes and epochs from ``profile``. Everything here is plumbing that
is not the lesson: data download and caching, plotting, widgets, exercise checks, the
results board. Read any helper's documentation with ``p2p.load_data?``.
"""

from __future__ import annotations

import os


def quiet_tensorflow() -> None:
    """Silence TensorFlow's C++ logs and import it.

    TensorFlow prints start-up lines (oneDNN, CUDA drivers) straight to the process's
    standard error before its own log settings apply, so they are sent to /dev/null
    for the duration of the import. Real import errors still raise as usual.
    """
    import sys

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "tensorflow" in sys.modules:
        return
    sys.stderr.flush()
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import tensorflow  # noqa: F401
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from . import board, evaluate, optimizers, plots, widgets  # noqa: E402
from .data import CourseData, load_data  # noqa: E402
from .errors import CourseDataError, CourseError  # noqa: E402
from .paths import course_home, work_dir  # noqa: E402
from .profiles import Profile, get_profile  # noqa: E402

__version__ = "0.1.0"
__all__ = [
    "CourseData",
    "CourseDataError",
    "CourseError",
    "Profile",
    "board",
    "evaluate",
    "optimizers",
    "plots",
    "widgets",
    "course_home",
    "get_profile",
    "load_data",
    "quiet_tensorflow",
    "setup",
    "work_dir",
]


def _quiet_warnings(tf) -> None:
    """Hide messages that say nothing to a learner (they are about Keras internals)."""
    import logging
    import warnings

    tf.get_logger().setLevel(logging.ERROR)  # e.g. "tf.function retracing" notices
    # fit() on a tf.data.Dataset: Keras notes that its default shuffle=True does not apply
    warnings.filterwarnings(
        "ignore", message=r".*shuffle=True.* tf\.data\.Dataset", category=UserWarning
    )


def setup(seed: int = 42, profile: str | None = None) -> Profile:
    """Prepare a notebook: quiet logs, reproducible seeds, plot defaults, a banner.

    Args:
        seed: seed for Python, NumPy and TensorFlow random numbers.
        profile: a profile name; by default ``COURSE_PROFILE`` or ``"workshop"``.

    Returns:
        The active :class:`Profile` (sizes of the data and epochs of each training run).
    """
    import platform

    quiet_tensorflow()
    import keras
    import matplotlib.pyplot as plt
    import tensorflow as tf

    from .errors import install_notebook_handler

    active = get_profile(profile)
    _quiet_warnings(tf)
    keras.utils.set_random_seed(seed)
    plt.rcParams.update(
        {"figure.figsize": (6, 4), "figure.dpi": 90, "axes.grid": True, "grid.alpha": 0.3}
    )
    install_notebook_handler()
    print(
        f"Pixels to Predictions · profile {active.name} · Python {platform.python_version()}"
        f" · TensorFlow {tf.__version__} · Keras {keras.__version__} · seed {seed}"
    )
    return active
