"""The pre-flight check of a learner's machine: ``p2p-check`` (or ``python -m p2p.preflight``).

Run it before a workshop.

Reports in plain words: Python, TensorFlow and Keras versions, whether a GPU is visible
(fine either way), whether JupyterLab's widget extension is installed, whether CIFAR-10 is
already downloaded, and a five-second training run. Each problem says what to
do. Notebook 01 runs it in its first cells via :func:`run_checks`.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import quiet_tensorflow

OK, NOTE, FAIL = "ok", "note", "fail"
SYMBOLS = {
    OK: "\N{WHITE HEAVY CHECK MARK}",
    NOTE: "\N{INFORMATION SOURCE}\ufe0f ",
    FAIL: "\N{CROSS MARK}",
}
WIDGET_EXTENSION = Path("@jupyter-widgets") / "jupyterlab-manager"


@dataclass
class Result:
    """One line of the report: a status (ok, note or fail), what was found, what to do."""

    name: str
    status: str
    message: str

    def __str__(self) -> str:
        return f"{SYMBOLS[self.status]} {self.name}: {self.message}"


def check_python() -> Result:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < (3, 10):  # noqa: UP036 - the check exists to catch old Pythons
        return Result("Python", FAIL, f"{version} is too old: install Python 3.10 or newer.")
    return Result("Python", OK, version)


def check_tensorflow() -> Result:
    try:
        quiet_tensorflow()
        import keras
        import tensorflow as tf
    except ImportError as error:
        return Result(
            "TensorFlow", FAIL, f"cannot be imported ({error}). Run `make lab` to install it."
        )
    if not keras.__version__.startswith("3."):
        return Result("Keras", FAIL, f"{keras.__version__} found; the course needs Keras 3.")
    return Result("TensorFlow", OK, f"TensorFlow {tf.__version__}, Keras {keras.__version__}")


def check_gpu() -> Result:
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    if gpus:
        return Result("GPU", OK, f"{len(gpus)} visible; training will use it.")
    return Result("GPU", NOTE, "none visible. That is fine: the course is designed for a CPU.")


def labextension_paths() -> list[Path]:
    """Folders where JupyterLab looks for installed (prebuilt) extensions."""
    from jupyter_core.paths import jupyter_path

    return [Path(p) for p in jupyter_path("labextensions")]


def check_widgets() -> Result:
    try:
        import ipywidgets
    except ImportError:
        return Result("Widgets", FAIL, "ipywidgets is missing: run `make lab` to install it.")
    found = [p for p in labextension_paths() if (p / WIDGET_EXTENSION).is_dir()]
    if not found:
        return Result(
            "Widgets",
            FAIL,
            "JupyterLab's widget extension is not installed, so sliders would show as "
            "text. Run `pip install jupyterlab_widgets` (or `make lab`), then restart JupyterLab.",
        )
    return Result("Widgets", OK, f"ipywidgets {ipywidgets.__version__}, extension installed")


def check_datasets() -> Result:
    from .data import CIFAR10_ARCHIVE, CIFAR10_BATCHES, CIFAR10_EXTRACTED, find_image_folder
    from .errors import CourseDataError
    from .paths import keras_cache_dir

    try:
        folder = find_image_folder("cifar10")
    except CourseDataError as problem:
        return Result("Data", FAIL, str(problem))
    if folder is not None:
        return Result("Data", OK, f"CIFAR-10 image folders at {folder}")
    cache = keras_cache_dir()
    extracted = all((cache / CIFAR10_EXTRACTED / b).is_file() for b in CIFAR10_BATCHES)
    if extracted or (cache / CIFAR10_ARCHIVE).is_file():
        return Result("Data", OK, f"CIFAR-10 is downloaded ({cache})")
    return Result(
        "Data",
        NOTE,
        "CIFAR-10 is not downloaded yet. Run `make download` (or `p2p-download`) while you "
        "have a network; without it the notebooks use a small offline data set.",
    )


def check_training(budget_s: float = 5.0) -> Result:
    """Train a tiny model on random data for about ``budget_s`` seconds."""
    import keras
    import numpy as np

    try:
        rng = np.random.default_rng(0)
        x = rng.random((512, 32, 32, 3), dtype=np.float32)
        y = rng.integers(0, 10, 512)
        model = keras.Sequential(
            [
                keras.Input(shape=(32, 32, 3)),
                keras.layers.Conv2D(8, 3, activation="relu"),
                keras.layers.GlobalAveragePooling2D(),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        start, epochs = time.perf_counter(), 0
        while time.perf_counter() - start < budget_s and epochs < 50:
            model.fit(x, y, batch_size=64, epochs=1, verbose=0)
            epochs += 1
        seconds = time.perf_counter() - start
    except Exception as error:  # noqa: BLE001 - report any failure in plain words
        return Result(
            "Training",
            FAIL,
            f"a tiny model could not train ({type(error).__name__}: {error}). "
            "Reinstall with `make clean lab`; if it persists, report it with this message.",
        )
    rate = epochs * len(x) / seconds
    return Result("Training", OK, f"a small CNN trained {rate:,.0f} images/s on this machine")


def run_checks(training: bool = True) -> list[Result]:
    """Run every check, print one line each, and return the results."""
    checks = [check_python, check_tensorflow]
    results = [check() for check in checks]
    if results[-1].status != FAIL:
        more = [check_gpu, check_widgets, check_datasets]
        if training:
            more.append(check_training)
        results += [check() for check in more]
    else:
        results.append(check_widgets())
    for result in results:
        print(result)
    failures = [r for r in results if r.status == FAIL]
    if failures:
        print(
            f"{len(failures)} problem(s) to fix before the workshop: "
            "see the lines marked \N{CROSS MARK} above."
        )
    else:
        print("All set: you are ready for the course.")
    return results


def main() -> int:
    """Command-line entry point; exit code 1 when any check fails."""
    results = run_checks()
    return 1 if any(r.status == FAIL for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
