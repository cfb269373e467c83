"""Test the pinned versions under Python 3.13: ``make test-py313`` (``python tools/py313.py``).

``make test`` runs the tests under the Python of ``.venv``, 3.11 in CI: pyproject.toml's
lower bound. Colab runs Python 3.13, the newest that TensorFlow 2.21 supports. This tool:

1. finds a Python 3.13: ``$PYTHON313``, else ``python3.13`` on the PATH, else pyenv's
   newest 3.13. Without one it stops with what to do: an error in CI (``CI`` set, as
   ``.ci/run`` does), a skip elsewhere;
2. creates ``.venv-py313/`` with it and installs ``requirements.txt`` and the helper
   package as ``make install`` does (again only when requirements.txt or pyproject.toml
   changed: a stamp file holds their checksum);
3. runs the test suite as ``make test`` does (unit tests and every notebook with nbval,
   ``smoke`` profile), less the browser, JupyterHub and website tests
   (:data:`venvs.NOT_HERE`), which run under 3.11 only.

Usage::

    python tools/py313.py                        # everything
    python tools/py313.py tests/test_data.py     # the same, with these pytest arguments

Any Python 3.11 runs it (it needs the standard library only).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from venvs import TestEnvironment

VERSION = (3, 13)
NAME = "python{}.{}".format(*VERSION)
VARIABLE = "PYTHON{}{}".format(*VERSION)  # PYTHON313: the interpreter to use
WHAT_TO_DO = (
    f"Install it (for example `pyenv install {VERSION[0]}.{VERSION[1]}`) "
    f"or set {VARIABLE} to its path."
)


def is_wanted(python: str) -> bool:
    """Whether ``python`` runs, as this Python version (a pyenv shim may not)."""
    try:
        result = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and result.stdout.split() == list(map(str, VERSION))


def pyenv_pythons() -> list[str]:
    """pyenv's installs of this version, newest first (not the free-threaded builds,
    which TensorFlow has no wheels for)."""
    root = os.environ.get("PYENV_ROOT")
    if not root and shutil.which("pyenv"):
        found = subprocess.run(["pyenv", "root"], capture_output=True, text=True)
        root = found.stdout.strip() if found.returncode == 0 else None
    versions = Path(root or Path.home() / ".pyenv") / "versions"
    pattern = re.compile(r"{}\.{}\.(\d+)".format(*VERSION))
    found = [
        (int(match.group(1)), folder / "bin" / NAME)
        for folder in (versions.iterdir() if versions.is_dir() else [])
        if (match := pattern.fullmatch(folder.name))
    ]
    return [str(path) for _, path in sorted(found, reverse=True)]


def find_python() -> str | None:
    """``$PYTHON313``, else the first of ``python3.13`` on the PATH and pyenv's that runs.
    A ``$PYTHON313`` that is not a working Python 3.13 is an error."""
    chosen = os.environ.get(VARIABLE)
    if chosen:
        if not is_wanted(chosen):
            sys.exit(f"py313: {VARIABLE}={chosen} is not a working {NAME}. {WHAT_TO_DO}")
        return chosen
    on_path = shutil.which(NAME)
    return next((p for p in [on_path, *pyenv_pythons()] if p and is_wanted(p)), None)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def main(arguments: list[str]) -> int:
    python = find_python()
    if python is None:
        where = f"not in ${VARIABLE}, not `{NAME}` on the PATH, not in pyenv"
        if in_ci():
            print(f"py313: failed: no {NAME} found ({where}). {WHAT_TO_DO}", file=sys.stderr)
            return 1
        print(f"py313: skipped: no {NAME} found ({where}). {WHAT_TO_DO}")
        return 0
    py313 = TestEnvironment("py313", ".venv-py313", "requirements.txt", python, editable=True)
    return py313.test(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
