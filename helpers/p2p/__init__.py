"""Helper package of *Pixels to Predictions*.

A notebook starts with::

    import p2p
    profile = p2p.setup()

and then reads its sizes and epochs from ``profile``. Everything here is plumbing that
is not the lesson. Every module is reachable as ``p2p.<module>`` without importing it
first (it loads on first use, so ``import p2p`` stays fast):

=================  ====================================================================
``data``           the course's data sets, split, cut to the profile's sizes
``folders``        data sets as folders of image files: read and write
``profiles``       ``workshop`` / ``full`` / ``smoke``: sizes and epochs
``plots``          every figure (images, curves, confusion matrix, feature maps, ...)
``widgets``        every interactive widget
``webpage``        your model in a web page: ONNX export, run in the browser
``metrics``        confusion matrix, per-class accuracy, mistakes
``lessons``        functions the notebooks define (copied from them)
``optimizers``     optimisers walking a 2-D loss surface (notebook 03)
``convolution``    a sample photo, classic kernels (notebook 05)
``augmentation``   augmentation layers from strengths (notebook 06)
``feeding``        ``ArrayBatches``: NumPy arrays to ``fit`` batch by batch
``transfer``       the pretrained weights for transfer learning, when they can be had
``board``          the results board: one final test accuracy per notebook
``scorecard``      which exercise questions the learner got right (``p2p.progress()``)
``exercises``      the self-checking exercises (``p2p.exercises.nb01``, ...)
``preflight``      the set-up check (``p2p-check``)
``download``       pre-download the data sets (``p2p-download``)
``paths``          where the course keeps its files
``cpus``           the CPUs a container's quota allows; TensorFlow's threads sized to them
``compat``         what differs between the supported TensorFlow/Keras/NumPy versions
``static``         the notebooks on the course website: figures' alt text, widget pictures
``errors``         the errors the course explains in plain words
=================  ====================================================================

Read any helper's documentation with ``p2p.load_data?``.
"""

from __future__ import annotations

import importlib
import os

# TensorFlow reads these when it is imported: set before anything can import it.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
importlib.import_module(".cpus", __name__).size_thread_pools()  # a container's CPU quota

__version__ = "0.1.0"

SUBMODULES = (
    "augmentation",
    "board",
    "compat",
    "convolution",
    "cpus",
    "data",
    "download",
    "errors",
    "exercises",
    "feeding",
    "folders",
    "lessons",
    "measured",
    "metrics",
    "optimizers",
    "paths",
    "plots",
    "preflight",
    "profiles",
    "scorecard",
    "static",
    "transfer",
    "webpage",
    "widgets",
)
"""The modules of the package, each loaded on first use as ``p2p.<module>``."""

_SHORTCUTS = {
    "CourseData": "data",
    "load_data": "data",
    "CourseError": "errors",
    "CourseDataError": "errors",
    "course_home": "paths",
    "work_dir": "paths",
    "Profile": "profiles",
    "progress": "scorecard",
    "get_profile": "profiles",
}
"""Names used often enough to be reachable as ``p2p.<name>``, by the module they live in."""

__all__ = sorted([*SUBMODULES, *_SHORTCUTS, "quiet_tensorflow", "setup"])


def __getattr__(name: str):
    """Load ``p2p.<module>`` (or a shortcut's module) on first use."""
    if name in SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _SHORTCUTS:
        return getattr(importlib.import_module(f".{_SHORTCUTS[name]}", __name__), name)
    raise AttributeError(f"module 'p2p' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def quiet_tensorflow() -> None:
    """Import TensorFlow without its C++ start-up lines.

    TensorFlow prints start-up lines (oneDNN, CUDA drivers) straight to the process's
    standard error before its own log settings apply, so they are sent to /dev/null
    for the duration of the import. Real import errors still raise as usual.
    """
    import sys

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


def _quiet_warnings(tf) -> None:
    """Hide messages that say nothing to a learner (they are about Keras internals)."""
    import logging
    import warnings

    tf.get_logger().setLevel(logging.ERROR)  # e.g. "tf.function retracing" notices
    # fit() on a tf.data.Dataset: Keras notes that its default shuffle=True does not apply
    warnings.filterwarnings(
        "ignore", message=r".*shuffle=True.* tf\.data\.Dataset", category=UserWarning
    )
    from .compat import quiet_old_warnings

    quiet_old_warnings()


def setup(seed: int = 42, profile: str | None = None):
    """Prepare a notebook: quiet logs, reproducible seeds, plot defaults, a banner (and
    one line with what to do when TensorFlow, Keras or NumPy is older than supported).

    Args:
        seed: seed for Python, NumPy and TensorFlow random numbers.
        profile: a profile name; by default ``COURSE_PROFILE`` or ``"workshop"``.

    Returns:
        The active :class:`p2p.profiles.Profile` (sizes of the data and epochs of each
        training run).
    """
    import platform

    quiet_tensorflow()
    import keras
    import matplotlib.pyplot as plt
    import tensorflow as tf

    from . import static
    from .errors import install_notebook_handler
    from .plots import COLOURS
    from .preflight import OK, check_versions
    from .profiles import get_profile

    active = get_profile(profile)
    os.environ["COURSE_PROFILE"] = active.name  # the helpers' own get_profile() agrees
    _quiet_warnings(tf)
    keras.utils.set_random_seed(seed)
    plt.rcParams.update(
        {"figure.figsize": (6, 4), "figure.dpi": 90, "axes.grid": True, "grid.alpha": 0.3}
        | {"axes.prop_cycle": COLOURS}  # colour-blind-safe colours (p2p.plots)
    )
    install_notebook_handler()
    static.install()  # only while the notebooks run for the website
    print(
        f"Pixels to Predictions · profile {active.name} · Python {platform.python_version()}"
        f" · TensorFlow {tf.__version__} · Keras {keras.__version__} · seed {seed}"
    )
    versions = check_versions()  # older than pyproject.toml's lower bounds: say what to do
    if versions.status != OK:
        print(versions)
    return active
