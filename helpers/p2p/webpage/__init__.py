"""Your model in a web page: exported to ONNX and run in the browser by onnxruntime-web.

:func:`build` writes a folder that any static web server serves, such as
``python -m http.server --directory data/webpage``. The page (``index.html`` and
``classify.js``, beside this file) lets a visitor pick photos, resizes each to the
model's input size, runs the model in the browser and shows the top classes. Nothing
is uploaded and nothing is loaded from another site: the runtime's files are copied
from the npm package ``onnxruntime-web``, which ``make install`` puts into
``<environment>/node/``.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import warnings
from pathlib import Path

from ..errors import CourseError
from ..paths import work_dir

PAGE_FILES = ("index.html", "classify.js")
RUNTIME_FILES = ("ort.wasm.min.js", "ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm")
"""What the page needs of onnxruntime-web: its WebAssembly build, without the GPU back ends."""


def runtime_dir() -> Path:
    """Where ``make install`` puts onnxruntime-web's files: ``<environment>/node/...``."""
    return Path(sys.prefix) / "node" / "node_modules" / "onnxruntime-web" / "dist"


def export_onnx(model, path) -> Path:
    """Write ``model`` to the ONNX file ``path``, for inference only.

    Layers that act in training only (Dropout, augmentation) are left out, as in
    ``predict``. Needs the ``tf2onnx`` package.
    """
    import keras
    import numpy as np

    try:
        import tf2onnx  # noqa: F401  (Keras' ONNX export uses it with TensorFlow)
    except ImportError:
        raise CourseError(
            "Exporting to ONNX needs the tf2onnx package, which is not installed. "
            "Run `pip install tf2onnx onnx` (make install has them), then run the cell again."
        ) from None
    inputs = keras.Input(shape=model.input_shape[1:])
    inference = keras.Model(inputs, model(inputs, training=False))  # augmentation off
    inference(np.zeros((1, *model.input_shape[1:]), "float32"))  # export wants a called model
    path = Path(path)
    quiet = logging.getLogger("tf2onnx"), logging.getLogger("tensorflow")
    levels = [logger.level for logger in quiet]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tf2onnx's notes about NumPy 2 and its own internals
        for logger in quiet:
            logger.setLevel(logging.ERROR)
        try:
            inference.export(str(path), format="onnx", verbose=False)
        finally:
            for logger, level in zip(quiet, levels, strict=True):
                logger.setLevel(level)
    return path


def build(model, class_names, folder=None, runtime=None) -> Path:
    """Write a web page that classifies photos with ``model``; return its folder.

    ``model`` takes images of any fixed size with pixels from 0 to 255, as the course's
    models do (a ``Rescaling`` layer inside). Its output is one probability per class of
    ``class_names``, or one sigmoid probability of the second of two classes. The folder
    (by default ``data/webpage``) gets the page, ``model.onnx``, ``model.json`` (classes
    and image size) and onnxruntime-web's files from ``runtime`` (by default
    :func:`runtime_dir`) in ``ort/``.
    """
    class_names = [str(name) for name in class_names]
    shape = tuple(model.input_shape)
    outputs = model.output_shape[-1]
    if len(shape) != 4 or None in shape[1:] or shape[3] not in (1, 3):
        raise CourseError(
            f"The page needs a model for images of a fixed size, (height, width, 1 or 3); "
            f"this one takes {shape[1:]}."
        )
    expected = 2 if outputs == 1 else outputs  # one sigmoid output: two classes
    if len(class_names) != expected:
        raise CourseError(
            f"This model needs {expected} class names (one per output, or two for one sigmoid "
            f"output), not {len(class_names)}: {class_names}."
        )
    runtime = Path(runtime) if runtime is not None else runtime_dir()
    missing = [name for name in RUNTIME_FILES if not (runtime / name).is_file()]
    if missing:
        raise CourseError(
            f"onnxruntime-web is not in {runtime} (missing {', '.join(missing)}). "
            "Run `make install`, which installs it with npm, then run the cell again."
        )
    folder = Path(folder) if folder is not None else work_dir("webpage")
    (folder / "ort").mkdir(parents=True, exist_ok=True)
    export_onnx(model, folder / "model.onnx")
    info = {
        "classes": class_names,
        "height": shape[1],
        "width": shape[2],
        "channels": shape[3],
        "outputs": outputs,
    }
    (folder / "model.json").write_text(json.dumps(info, indent=1))
    here = Path(__file__).parent
    for name in PAGE_FILES:
        shutil.copyfile(here / name, folder / name)
    for name in RUNTIME_FILES:
        shutil.copyfile(runtime / name, folder / "ort" / name)
    return folder
