"""The test environments beside ``.venv``, where the test suite runs again.

``make test`` tests the pinned versions in ``.venv``. Two tools run the same tests in an
environment of their own, made here: ``tools/oldest.py`` with the oldest supported
versions (``.venv-oldest/``), ``tools/py313.py`` with the pinned ones under Python 3.13
(``.venv-py313/``). Each environment is created from a requirements file and reused while
its stamp is fresh; the tests run as in ``make test``, less :data:`NOT_HERE`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Not here: the tests of what serves the course, which run in the pinned environment of
# .venv only: the browser test (Chromium), the hub test (JupyterHub's proxy, from npm), the
# website's (Sphinx, which builds with `make site` in .venv anyway) and the web page's
# (tf2onnx, Chromium and npm's onnxruntime-web).
NOT_HERE = [
    "tests/test_browser.py",
    "tests/test_jupyterhub.py",
    "tests/test_site.py",
    "tests/test_webpage.py",
]
START = time.perf_counter()


def run(*command, **kwargs) -> None:
    subprocess.run([str(c) for c in command], check=True, **kwargs)


class TestEnvironment:
    """A virtual environment in ``REPO/folder``, made by ``python`` from ``requirements``.

    ``editable``: also install the helper package as ``make install`` does (``pip install
    --no-deps -e .``); otherwise the tool installs it its own way.
    """

    def __init__(self, label: str, folder: str, requirements: str, python: str, editable: bool):
        self.label = label  # begins every progress line
        self.folder = REPO / folder
        self.requirements = REPO / requirements
        self.maker = python
        self.editable = editable
        self.python = self.folder / "bin" / "python"
        self.stamp = self.folder / ".installed"  # the checksum of what it was installed from

    def step(self, message: str) -> None:
        print(f"\n== {self.label} ({time.perf_counter() - START:.0f} s): {message}", flush=True)

    def environment(self) -> dict[str, str]:
        """The environment of every command run in it: as if it were activated."""
        env = dict(os.environ)
        env.pop("PYTHONHOME", None)
        env.pop("PYTHONPATH", None)  # its own packages, not those of another environment
        env["VIRTUAL_ENV"] = str(self.folder)
        env["PATH"] = f"{self.folder / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        # the environment's own kernel spec first (before any user-wide "python3" kernel)
        env["JUPYTER_PATH"] = str(self.folder / "share" / "jupyter")
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        env["PIP_PROGRESS_BAR"] = "off"
        env["COURSE_PIN_FILE"] = self.requirements.name  # tests/test_environment.py
        env.setdefault("COURSE_PROFILE", "smoke")
        return env

    def sources(self) -> list[Path]:
        """What it is installed from: the requirements file, and pyproject.toml when the
        package is installed from it here (its dependencies and commands)."""
        return [self.requirements, *([REPO / "pyproject.toml"] if self.editable else [])]

    def create(self) -> None:
        """(Re)create it unless it was installed from these very files."""
        digest = hashlib.sha256()
        for source in self.sources():
            digest.update(source.read_bytes())
        checksum = digest.hexdigest()
        names = " and ".join(source.name for source in self.sources())
        if (
            self.stamp.is_file()
            and self.stamp.read_text().strip() == checksum
            and self.python.exists()
        ):
            self.step(f"{self.folder.name} is up to date with {names}")
            return
        self.step(f"creating {self.folder.name} from {names} ({self.maker})")
        shutil.rmtree(self.folder, ignore_errors=True)
        run(self.maker, "-m", "venv", self.folder)
        pip = [self.python, "-m", "pip", "--quiet"]
        env = self.environment()
        run(*pip, "install", "--upgrade", "pip", env=env)
        run(*pip, "install", "-r", self.requirements, env=env)
        if self.editable:
            run(*pip, "install", "--no-deps", "-e", REPO, env=env, cwd=REPO)
        self.stamp.write_text(checksum + "\n")
        self.step(f"{self.folder.name} installed")

    def test(self, arguments: list[str], then=None) -> int:
        """Create it, call ``then`` (a step of its own set-up, if any), run the tests with
        these pytest arguments: the exit code."""
        try:
            self.create()
            if then:
                then()
        except subprocess.CalledProcessError as error:
            print(f"{self.label}: failed: {' '.join(map(str, error.cmd))}", file=sys.stderr)
            return error.returncode or 1
        return self.run_tests(arguments)

    def run_tests(self, arguments: list[str]) -> int:
        self.step(f"running the tests in {self.folder.name} (not {', '.join(NOT_HERE)})")
        command = [self.python, "-m", "pytest", *(f"--ignore={p}" for p in NOT_HERE), *arguments]
        print(" ".join(map(str, command)), flush=True)
        code = subprocess.run(command, cwd=REPO, env=self.environment()).returncode
        print(f"\n{self.label}: {time.perf_counter() - START:.0f} s in all", flush=True)
        return code
