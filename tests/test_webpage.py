"""Your model in a web page (p2p.webpage): the browser's probabilities are Keras'.

Trains two small CNNs for a few steps on real CIFAR-10 images (the shared JPEG folders,
``COURSE_DATA_DIR``): one with ten softmax outputs and augmentation layers inside, one
with notebook 07's single sigmoid output. Each is exported with :func:`p2p.webpage.build`,
the folder is served on 127.0.0.1, and headless Chromium picks image files in the page.
The page's probabilities must equal ``model.predict`` on the same pixels, and for
32 x 32 PNG files those pixels must be the file's own.

Needs onnxruntime-web from npm (`make install` puts it into ``<environment>/node/``) and
Chromium; skipped without them, unless ``COURSE_REQUIRE_BROWSER`` is set (CI sets it:
there a missing part fails the test).
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np
import pytest
from PIL import Image

import p2p
from p2p import webpage

from tests.support import SHARED_CIFAR, chromium, needs_chromium, serve

# Read at import: the autouse fixture `isolated` removes COURSE_DATA_DIR from each test's env.
DATA_DIR = os.environ.get("COURSE_DATA_DIR") or (
    str(SHARED_CIFAR.parent) if (SHARED_CIFAR / "train").is_dir() else None
)
TOLERANCE = 1e-4  # absolute, per probability: float32 arithmetic in another order


@pytest.fixture
def runtime():
    """onnxruntime-web's files, or skip (fail in CI) when npm has not installed them."""
    folder = webpage.runtime_dir()
    if not all((folder / name).is_file() for name in webpage.RUNTIME_FILES):
        message = f"onnxruntime-web is not in {folder}: run `make install` (needs npm)"
        if os.environ.get("COURSE_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return folder


@pytest.fixture
def cifar(monkeypatch):
    """The smoke profile's CIFAR-10 subset, from the shared JPEG folders."""
    if DATA_DIR is None:
        pytest.skip(f"no CIFAR-10 folders at {SHARED_CIFAR}: set COURSE_DATA_DIR")
    monkeypatch.setenv("COURSE_DATA_DIR", DATA_DIR)
    return p2p.load_data("cifar10")


def small_cnn(outputs: int):
    """A course CNN: Rescaling inside, BatchNormalization, and for ten classes augmentation."""
    import keras

    layers = [keras.Input(shape=(32, 32, 3))]
    if outputs > 1:
        layers.append(keras.layers.RandomFlip("horizontal"))  # must be off in the page
    layers += [
        keras.layers.Rescaling(1 / 255),
        keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
        keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(outputs, activation="softmax" if outputs > 1 else "sigmoid"),
    ]
    model = keras.Sequential(layers)
    loss = "sparse_categorical_crossentropy" if outputs > 1 else "binary_crossentropy"
    model.compile(optimizer="adam", loss=loss)
    return model


def write_pictures(folder, images):
    """The images as 32 x 32 PNG files, and one of them enlarged to 80 x 56 (to be resized)."""
    folder.mkdir()
    paths = []
    for i, image in enumerate(images):
        paths.append(folder / f"image{i}.png")
        Image.fromarray(image).save(paths[-1])
    paths.append(folder / "large.png")
    Image.fromarray(images[0]).resize((80, 56), Image.BICUBIC).save(paths[-1])
    return paths


def classify_in_the_page(url, paths):
    """Open the page, pick the files; return what the page classified, and its list's text."""
    with chromium() as browser:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        outside = []  # the page's own files, its data: icon and the photos' blob: previews only
        here = (url, f"blob:{url}", "data:")
        page.on("request", lambda r: None if r.url.startswith(here) else outside.append(r.url))
        page.goto(url + "index.html")
        page.wait_for_function("document.querySelector('#status').textContent.startsWith('Ready')")
        page.set_input_files("#photos", [str(path) for path in paths])
        page.wait_for_function(f"window.classified.length === {len(paths)}", timeout=60_000)
        classified = page.evaluate("window.classified")
        shown = page.locator("#results li").all_inner_texts()
        status = page.locator("#status").inner_text()
    assert not errors, errors
    assert not outside, f"the page loaded something from elsewhere: {outside}"
    assert status == f"Done: {len(paths)} photos classified.", status
    return classified, shown


@needs_chromium
@pytest.mark.parametrize(
    "names",
    [p2p.data.CIFAR10_CLASSES, ["cat", "dog"]],
    ids=["ten classes, softmax", "two classes, sigmoid"],
)
def test_the_page_gives_keras_probabilities(names, cifar, runtime, tmp_path):
    import keras

    keras.utils.set_random_seed(0)
    keep = np.isin(cifar.y_train, [cifar.class_names.index(name) for name in names])
    x, y = cifar.x_train[keep], cifar.y_train[keep]
    y = np.searchsorted([cifar.class_names.index(name) for name in names], y)
    outputs = len(names) if len(names) > 2 else 1
    model = small_cnn(outputs)
    model.fit(x, y, batch_size=32, epochs=2, verbose=0)  # 120 to 600 images

    start = time.perf_counter()
    folder = webpage.build(model, names, tmp_path / "page", runtime=runtime)
    seconds = time.perf_counter() - start
    info = json.loads((folder / "model.json").read_text())
    assert info == {
        "classes": list(names),
        "height": 32,
        "width": 32,
        "channels": 3,
        "outputs": outputs,
    }
    paths = write_pictures(tmp_path / "pictures", cifar.x_test[:4])
    with serve(folder) as url:
        classified, shown = classify_in_the_page(url, paths)

    assert [entry["name"] for entry in classified] == [path.name for path in paths]
    pixels = np.array([entry["pixels"] for entry in classified], dtype="float32")
    pixels = pixels.reshape(len(paths), 32, 32, 3)
    # 32 x 32 files are read as they are: the page's pixels are the file's
    np.testing.assert_array_equal(pixels[:4], cifar.x_test[:4].astype("float32"))
    # the enlarged copy is squashed back to 32 x 32: close to the original, not equal
    resized = np.abs(pixels[4] - cifar.x_test[0]).mean()
    assert 0 < resized < 2, f"mean difference to the original {resized:.1f} of 255"
    expected = model.predict(pixels, verbose=0)
    if outputs == 1:
        expected = np.concatenate([1 - expected, expected], axis=1)
    in_page = np.array([entry["probabilities"] for entry in classified])
    difference = np.abs(in_page - expected).max()
    print(
        f"\n{len(names)} classes: export and page {seconds:.1f} s, model.onnx "
        f"{(folder / 'model.onnx').stat().st_size / 1e3:.0f} kB, "
        f"max |browser - keras| {difference:.2e}, resized image off by {resized:.1f} of 255"
    )
    assert difference < TOLERANCE
    assert np.ptp(expected, axis=0).max() > 1e-3  # the images get different answers
    for text, row, path in zip(shown, expected, paths, strict=True):
        best = int(row.argmax())
        assert text.startswith(f"{path.name}: {names[best]} {100 * row[best]:.1f}%"), text
        assert text.count("%") == min(3, len(names))


def test_a_missing_exporter_is_explained(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "tf2onnx", None)  # as if it were not installed
    with pytest.raises(p2p.CourseError, match=r"pip install tf2onnx onnx"):
        webpage.export_onnx(small_cnn(1), tmp_path / "model.onnx")
    assert not (tmp_path / "model.onnx").exists()


def test_a_missing_runtime_is_explained(tmp_path):
    with pytest.raises(p2p.CourseError, match=r"onnxruntime-web is not in .*make install"):
        webpage.build(small_cnn(1), ["cat", "dog"], tmp_path / "page", runtime=tmp_path)
    assert not (tmp_path / "page").exists()


@pytest.mark.parametrize("names", [["cat"], ["cat", "dog", "frog"]])
def test_a_sigmoid_output_needs_two_class_names(names, tmp_path):
    with pytest.raises(p2p.CourseError, match=rf"needs 2 class names .*, not {len(names)}"):
        webpage.build(small_cnn(1), names, tmp_path / "page", runtime=tmp_path)


def test_a_softmax_output_needs_a_name_per_class(tmp_path):
    with pytest.raises(p2p.CourseError, match=r"needs 10 class names .*, not 2"):
        webpage.build(small_cnn(10), ["cat", "dog"], tmp_path / "page", runtime=tmp_path)
