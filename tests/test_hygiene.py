"""Hygiene: notebooks stored clean, course conventions kept, formatter and linter clean."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KEEP, CHECK = "keep_output", "nbval-check-output"


def cells(path):
    return json.loads(path.read_text())["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


def test_notebooks_exist_and_are_named():
    assert [p.name[:2] for p in NOTEBOOKS][:2] == ["01", "02"]
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_clean(path):
    for i, cell in enumerate(cells(path)):
        if cell["cell_type"] != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        assert (KEEP in tags) == (CHECK in tags), f"cell {i}: {KEEP} and {CHECK} go together"
        if KEEP in tags:
            assert cell["outputs"], f"cell {i} is tagged {KEEP} but has no stored output"
            assert cell["execution_count"], f"cell {i}: nbval needs an execution count"
        else:
            assert not cell["outputs"], f"cell {i} stores output but is not tagged {KEEP}"
            assert cell["execution_count"] is None, f"cell {i} stores an execution count"
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"cell {i} stores an error"
            assert output.get("name") != "stderr", f"cell {i} stores log output"
    metadata = json.loads(path.read_text())["metadata"]
    assert "widgets" not in metadata, "widget state is stored in the notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_course_structure(path):
    all_cells = cells(path)
    first_code = next(c for c in all_cells if c["cell_type"] == "code")
    assert "p2p.setup()" in source(first_code), "the first code cell must call p2p.setup()"
    opening = source(all_cells[0])
    assert opening.startswith("# "), "the notebook opens with a title"
    for needed in ("You will learn", "You need", "Time:"):
        assert needed in opening, f"the opening cell lacks '{needed}'"
    markdown = "\n".join(source(c) for c in all_cells if c["cell_type"] == "markdown")
    assert "## Key points" in markdown and "## Exercises" in markdown
    code = "\n".join(source(c) for c in all_cells if c["cell_type"] == "code")
    assert code.count(".check(") >= 3, "at least three self-checking exercises"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_current_keras_idioms_only(path):
    code = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "code")
    for legacy in (
        "input_shape=",
        "ImageDataGenerator",
        "tf.keras",
        ".h5",
        "keras.preprocessing.image",
    ):
        assert legacy not in code, f"legacy API {legacy!r} in {path.name}"
    for verbose_call in re.findall(r"\.(?:evaluate|predict)\([^)]*\)", code):
        assert "verbose=0" in verbose_call, f"progress bar in a test run: {verbose_call}"
    for fit_call in re.findall(r"\.fit\((?:[^()]|\([^()]*\))*\)", code, flags=re.S):
        assert "verbose=2" in fit_call or "verbose=0" in fit_call, fit_call[:80]
    assert "TODO" not in code and "FIXME" not in code


def test_no_legacy_apis_in_helpers():
    for path in (REPO / "helpers").rglob("*.py"):
        text = path.read_text()
        assert "input_shape=" not in text and "ImageDataGenerator" not in text, path


def ruff(*args):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], capture_output=True, text=True, cwd=REPO
    )


def test_ruff_lint_clean():
    result = ruff("check", "helpers", "tests", "tools", "benchmarks", "notebooks", "conftest.py")
    assert result.returncode == 0, result.stdout[-3000:]


def test_ruff_format_clean():
    result = ruff(
        "format", "--check", "helpers", "tests", "tools", "benchmarks", "notebooks", "conftest.py"
    )
    assert result.returncode == 0, result.stdout[-3000:]
