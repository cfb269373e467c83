"""Hygiene: notebooks stored clean, course conventions kept, formatter and linter clean."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.support import NOTEBOOKS, REPO

sys.path.insert(0, str(REPO / "tools"))

import nbtool as tool  # noqa: E402  (tools/nbtool.py: the notebook rules live there)


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
    """Stored exactly as `python tools/nbtool.py clean` writes it (outputs of tagged
    cells only, whitelisted metadata); the tool's check mode says what is off."""
    assert tool.problems(path) == []


def test_the_cleaner_finds_what_is_off(tmp_path):
    """The check mode catches each kind of unclean notebook (so test_stored_clean can fail)."""
    import nbformat

    original = nbformat.read(NOTEBOOKS[0], as_version=4)
    kept = next(i for i, c in enumerate(original.cells) if tool.KEEP_OUTPUT in tool.tags(c))
    plain = next(
        i for i, c in enumerate(original.cells) if c.cell_type == "code" and not tool.tags(c)
    )
    output = nbformat.v4.new_output("stream", name="stdout", text="hi\n")
    spoil = {
        "an output in an untagged cell": lambda nb: nb.cells[plain].outputs.append(output),
        "log output in a kept cell": lambda nb: nb.cells[kept].outputs.append(
            nbformat.v4.new_output("stream", name="stderr", text="log\n")
        ),
        "language_info": lambda nb: nb.metadata.update(
            language_info={"name": "python", "version": "3.11.7"}
        ),
        "an unknown tag": lambda nb: nb.cells[plain].metadata.update(tags=["keep-output"]),
        "cell metadata": lambda nb: nb.cells[plain].metadata.update(collapsed=True),
        "a kept cell without its count": lambda nb: setattr(
            nb.cells[kept], "execution_count", None
        ),
    }
    for what, change in spoil.items():
        notebook = tool.clean(original)
        change(notebook)
        path = tmp_path / NOTEBOOKS[0].name
        path.write_text(tool.text_of(notebook))
        assert tool.problems(path), what
        if what not in ("a kept cell without its count", "an unknown tag"):  # for a person
            assert tool.write_clean(path) and tool.problems(path) == [], what


def test_lessons_module_is_the_notebooks_code():
    """p2p/lessons.py is exactly what tools/nbtool.py copies from the save-to-p2p cells."""
    assert tool.lesson_cells(), "no cell is tagged save-to-p2p"
    assert tool.LESSONS.read_text() == tool.lessons_text(), (
        "helpers/p2p/lessons.py is out of date: run `python tools/nbtool.py lessons`"
    )


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


CODE = ("helpers", "tests", "tools", "benchmarks", "notebooks", "site", "conftest.py")


def ruff(*args):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], capture_output=True, text=True, cwd=REPO
    )


def test_ruff_lint_clean():
    result = ruff("check", *CODE)
    assert result.returncode == 0, result.stdout[-3000:]


def test_ruff_format_clean():
    result = ruff("format", "--check", *CODE)
    assert result.returncode == 0, result.stdout[-3000:]


def first_code_cell(path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "".join(next(c for c in cells if c["cell_type"] == "code")["source"])


def test_first_cell_installs_the_helpers_only_where_they_are_missing():
    """Colab and Kaggle: one cell, the same in every notebook, installs p2p from the
    repository without touching TensorFlow, Keras or NumPy; where p2p is importable (here,
    Binder, a JupyterHub) its install line does not run."""
    from p2p.paths import REPOSITORY

    cells = {path.name: first_code_cell(path) for path in NOTEBOOKS}
    assert len(set(cells.values())) == 1, "the first code cell differs between notebooks"
    cell = next(iter(cells.values()))
    guard = 'if importlib.util.find_spec("p2p") is None:\n    %pip install'
    assert guard in cell
    install = next(line for line in cell.splitlines() if "%pip install" in line)
    assert "--no-deps" in install and f'"git+{REPOSITORY}"' in install
    assert not re.search(r"tensorflow|keras|numpy", install, re.I)
    assert cell.rstrip().endswith("import p2p\n\nprofile = p2p.setup()")
    import importlib.util

    assert importlib.util.find_spec("p2p") is not None  # so locally the install is skipped


# --- prose budgets (CONTRIBUTING.md, "Prose budgets") ------------------------------------------

import prose  # noqa: E402  (tools/prose.py: the same measure as ../shared/tools/prose.py)

CORE = [path for path in NOTEBOOKS if path.name[:2] <= "07"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_prose_within_its_budgets(path):
    """Every notebook: sentences of at most 16 words on average, at most 6% over 30 words,
    at most 1.2 parentheses per 100 words; a core notebook at most 3,000 words."""
    m = prose.measure(path)
    long_ones = [f"cell {i}: {s[:80]}..." for i, s in m["long"]]
    assert m["per_sentence"] <= 16, f"{m['per_sentence']:.1f} words a sentence"
    assert m["long_share"] <= 0.06, "too many long sentences:\n" + "\n".join(long_ones)
    assert m["parens_per_100"] <= 1.2, f"{m['parens_per_100']:.2f} parentheses per 100 words"
    if path in CORE:
        assert m["words"] <= 3000, f"{m['words']:,} words of prose"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_key_points_are_six_one_line_bullets_at_most(path):
    markdown = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")
    section = markdown.split("## Key points", 1)[1].strip()
    lines = section.split("\n\n", 1)[0].splitlines()  # the list: up to the first blank line
    bullets = [line for line in lines if line.startswith("- ")]
    assert lines == bullets, "a key point runs over more than one line"
    assert 1 <= len(bullets) <= 6, f"{len(bullets)} key points"
