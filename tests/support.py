"""Paths the tests share, importable as ``from tests.support import REPO``.

``pyproject.toml`` puts the repository on ``sys.path`` for pytest (``pythonpath``), so
this import does not depend on the order in which pytest loads conftest files.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
"""The repository's root folder."""

SHARED_CIFAR = REPO.parent / "shared" / "datasets" / "cifar10"
"""The CIFAR-10 JPEG folders beside the repository, when the checkout has them."""

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
"""The course's notebooks, in order."""
