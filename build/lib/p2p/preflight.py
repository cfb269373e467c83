"""The pre-flight check of a learner's machine: ``p2p-check`` (or ``python -m p2p.preflight``).

Run it before a workshop.

Reports in plain words: Python, TensorFlow, Keras and NumPy versions (each new enough: the
lower bounds in pyproject.toml, see :func:`supported`), whether a GPU is visible
(fine either way), whether JupyterLab's widget extension is installed, whether CIFAR-10 is
already downloaded, and a five-second training run. Each problem says what to
do. Notebook 01 runs it in its first cells via :func:`run_checks`.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import quiet_tensorflow

OK, NOTE, FAIL = "ok", "note", "fail"
SYMBOLS = {
    OK: "\N{WHITE HEAVY CHECK MARK}",
    NOTE: "\N{INFORMATION SOURCE}\ufe0f ",
    FAIL: "\N{CROSS MARK}",
}
WIDGET_EXTENSION = Path("@jupyter-widgets") / "jupyterlab-manager"
DISTRIBUTION = "pixels-to-predictions"  # the helper package's name on PyPI and in pyproject.toml
CHECKED = {"tensorflow": "TensorFlow", "keras": "Keras", "numpy": "NumPy"}
"""The packages whose versions :func:`check_versions` compares with the supported range."""


@dataclass
class Result:
    """One line of the report: a status (ok, note or fail), what was found, what to do."""

    name: str
    status: str
    message: str

    def __str__(self) -> str:
        return f"{SYMBOLS[self.status]} {self.name}: {self.message}"


@cache
def supported() -> dict[str, str]:
    """The supported versions, read from the one place that states them: pyproject.toml's
    ``requires-python`` and ``dependencies`` (lower bounds), e.g. ``{"keras": ">=3.8",
    "python": ">=3.11"}``.

    In a checkout (``make lab``'s editable install) that is pyproject.toml itself, current
    even before a reinstall; where the package is installed from GitHub (Colab, Kaggle),
    the installed package's metadata, which pip wrote from it. Empty when neither is there.
    """
    from importlib import metadata

    from packaging.requirements import Requirement

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    project = {}
    if pyproject.is_file() and sys.version_info >= (3, 11):  # tomllib is Python 3.11's
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    if project.get("name") == DISTRIBUTION:
        requirements = project.get("dependencies", [])
        requires_python = project.get("requires-python")
    else:
        try:
            requirements = metadata.requires(DISTRIBUTION) or []
            requires_python = metadata.metadata(DISTRIBUTION)["Requires-Python"]
        except metadata.PackageNotFoundError:
            requirements, requires_python = [], None
    bounds = {}
    for line in requirements:
        requirement = Requirement(line)
        if requirement.specifier and not requirement.marker:
            bounds[requirement.name.lower()] = str(requirement.specifier)
    if requires_python:
        bounds["python"] = requires_python
    return bounds


def _meets(version: str, specifier: str) -> bool:
    """Whether ``version`` is in the range ``specifier`` (a version it cannot read passes)."""
    from packaging.specifiers import SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        return SpecifierSet(specifier).contains(Version(version), prereleases=True)
    except InvalidVersion:
        return True


def check_python() -> Result:
    version = ".".join(map(str, sys.version_info[:3]))
    needed = supported().get("python")
    if needed and not _meets(version, needed):
        oldest = needed.removeprefix(">=")
        return Result("Python", FAIL, f"{version} is too old: install Python {oldest} or newer.")
    return Result("Python", OK, version)


def check_versions() -> Result:
    """TensorFlow, Keras and NumPy against the supported range: one line, with what to do.

    Reads the versions of the imported modules, so that TensorFlow's CPU-only build
    (``tensorflow-cpu``, Binder's) counts as TensorFlow.
    """
    quiet_tensorflow()
    import keras
    import numpy
    import tensorflow

    found = {"tensorflow": tensorflow.__version__, "keras": keras.__version__}
    found["numpy"] = numpy.__version__
    bounds = supported()
    named = {name: f"{label} {found[name]}" for name, label in CHECKED.items()}
    old = [name for name in CHECKED if name in bounds and not _meets(found[name], bounds[name])]
    if not old:
        return Result("Versions", OK, ", ".join(named.values()))
    upgrade = " ".join(f'"{name}{bounds[name]}"' for name in old)
    return Result(
        "Versions",
        FAIL,
        f"{' and '.join(named[name] for name in old)}: older than the course supports. "
        f"Run `%pip install --upgrade {upgrade}` in a notebook (without the % in a "
        "terminal), then restart the kernel.",
    )


def check_tensorflow() -> Result:
    try:
        quiet_tensorflow()
        import keras  # noqa: F401 - whether they import is the check
        import tensorflow  # noqa: F401
    except ImportError as error:
        return Result(
            "TensorFlow", FAIL, f"cannot be imported ({error}). Run `make lab` to install it."
        )
    versions = check_versions()  # TensorFlow, Keras and NumPy, each new enough
    return Result("TensorFlow", versions.status, versions.message)


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


def hosted() -> str | None:
    """``"Colab"`` or ``"Kaggle"`` when the notebook runs there (they bring their own
    notebook interface and packages), else None."""
    import importlib.util
    import os

    if os.environ.get("COLAB_RELEASE_TAG") or importlib.util.find_spec("google.colab"):
        return "Colab"
    if os.environ.get("KAGGLE_KERNEL_RUN_TYPE") or os.environ.get("KAGGLE_URL_BASE"):
        return "Kaggle"
    return None


def check_widgets() -> Result:
    try:
        import ipywidgets
    except ImportError:
        return Result("Widgets", FAIL, "ipywidgets is missing: run `make lab` to install it.")
    platform = hosted()
    if platform:  # their own notebook interface shows widgets, without a JupyterLab extension
        return Result("Widgets", OK, f"ipywidgets {ipywidgets.__version__}, shown by {platform}")
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
    if hosted():
        return Result(
            "Data",
            NOTE,
            "CIFAR-10 is not downloaded yet: the first notebook that needs it downloads it "
            "(170 MB, once per session).",
        )
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
        fix = "Restart the session" if hosted() else "Reinstall with `make clean lab`"
        return Result(
            "Training",
            FAIL,
            f"a tiny model could not train ({type(error).__name__}: {error}). "
            f"{fix}; if it persists, report it with this message.",
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
            f"{len(failures)} problem(s) to fix before you start: "
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
