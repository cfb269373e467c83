"""Paths the tests share, importable as ``from tests.support import REPO``.

``pyproject.toml`` puts the repository on ``sys.path`` for pytest (``pythonpath``), so
this import does not depend on the order in which pytest loads conftest files.
"""

from __future__ import annotations

import functools
import http.server
import os
import pickle
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
"""The repository's root folder."""

SHARED_CIFAR = REPO.parent / "shared" / "datasets" / "cifar10"
"""The CIFAR-10 JPEG folders beside the repository, when the checkout has them."""

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
"""The course's notebooks, in order."""

# A tiny classifier's results, for the metrics, plots and widgets tests.
CLASSES = ["cat", "dog", "frog"]
# 7 images: cats 0,1,2 / dogs 3,4 / frogs 5,6
Y_TRUE = np.array([0, 0, 0, 1, 1, 2, 2])
Y_PRED = np.array([0, 1, 0, 1, 0, 2, 1])
PROBABILITIES = np.array(
    [
        [0.9, 0.05, 0.05],  # 0: right
        [0.2, 0.7, 0.1],  # 1: cat called dog, 70%
        [0.5, 0.4, 0.1],  # 2: right
        [0.95, 0.03, 0.02],  # 3: dog called cat, 95%
        [0.1, 0.8, 0.1],  # 4: right
        [0.3, 0.3, 0.4],  # 5: right
        [0.1, 0.5, 0.4],  # 6: frog called dog, 50%
    ]
)


def make_keras_cache(cache_dir: Path, n_per_batch: int = 20) -> Path:
    """Write a small, valid CIFAR-10 batch folder in Keras' own cache layout."""
    from p2p import data

    folder = cache_dir / data.CIFAR10_EXTRACTED
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for name in data.CIFAR10_BATCHES:
        batch = {
            b"data": rng.integers(0, 256, (n_per_batch, 3072), dtype=np.uint8),
            b"labels": list(rng.integers(0, 10, n_per_batch)),
        }
        with open(folder / name, "wb") as handle:
            pickle.dump(batch, handle)
    return folder


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium, which the browser tests drive (``apt-get install chromium``)."""

if os.environ.get("COURSE_REQUIRE_BROWSER") and not CHROMIUM.exists():
    raise RuntimeError(f"COURSE_REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
    "(Debian/Ubuntu) to run the browser tests",
)
"""Marks a browser test; `.ci/run` sets ``COURSE_REQUIRE_BROWSER``, so CI never skips one."""


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def chromium():
    """A headless Chromium (Playwright) that stays off the network's background services."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request in the test output
        pass


@contextmanager
def serve(folder: Path):
    """A folder over HTTP on the loopback, from a thread; yields its base URL (with ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
