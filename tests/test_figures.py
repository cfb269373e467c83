"""Every time and figure about a run comes from the benchmark results.

README.md and instructors.md state them in blocks that ``benchmarks/figures.py``
generates from ``benchmarks/results-*.json``; the notebooks state them in one standard
**Time:** line of their opening cell. These tests fail when a document disagrees with the
results, or states a run figure anywhere else.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.support import NOTEBOOKS, REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import figures  # noqa: E402  (benchmarks/figures.py)

# --- what counts as a statement about a run ------------------------------------------------

WORDS = (
    r"a few|a couple of|several|half an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|an?"
)
DIGITS = r"\d+(?:[.,]\d+)?"
RANGE = r"\s*(?:to|-|–|or)\s*"
# "15 to 20 seconds", "0.3 min", "20 s", "25min", "30-second"
DIGIT_TIME = (
    rf"\b{DIGITS}(?:{RANGE}{DIGITS})?(?:\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b"
    rf"|\s(?:s|h)\b)|\b\d+-(?:second|minute|hour)s?\b"
)
# "about two minutes", "under a minute", "a few minutes", "five-second" (not "a second copy")
WORD_TIME = (
    rf"\b(?:{WORDS})(?:\s+(?:to|or)\s+(?:{WORDS}))?"
    r"(?:\s+(?:seconds|minutes?|hours?)|-(?:second|minute|hour)s?)\b"
)
# "about 26 in the full profile"
PROFILE_TIME = rf"\b{DIGITS}\s+in the `?(?:workshop|full|smoke)`? profile"
# "trains for about 2)", "takes 40" (but not "trains for 4 epochs")
VERB_TIME = (
    r"\b(?:takes?|took|runs?|ran|trains?|trained|lasts?)\s+(?:for\s+)?"
    r"(?:(?:about|under|over|up to|roughly|around|nearly|almost|less than|more than)\s+)?"
    r"\d+(?:\.\d+)?\b(?!\s*(?:epochs?|images?|layers?|times|bytes?|bits?|[KMG]B|parameters?|"
    r"pixels?|neurons?|filters?|classes|numbers?|values?|steps?|batch(?:es)?|%|x\b|×))"
)
TIME = re.compile("|".join([DIGIT_TIME, WORD_TIME, PROFILE_TIME, VERB_TIME]), re.I)
FIGURE = re.compile("|".join([DIGIT_TIME, WORD_TIME, PROFILE_TIME, rf"\b{DIGITS}\s?(?:MB|GB|%)"]))

# The standard line, whatever its numbers (their values are checked separately).
TIME_LINE = re.compile(
    r"^\*\*Time:\*\* about \d+ minutes to work through; in the `workshop` profile the whole "
    r"notebook runs in (?:under a minute|about \d+ minutes?) on a \d+-core CPU\.$"
)

# Figures in README.md and instructors.md, outside the generated blocks, that are not
# about a run of the notebooks. Each entry must occur in a document (see the last test).
NOT_RUN_FIGURES = {
    # README: the time model's reading and coding rates (benchmarks/figures.py), not a run.
    "130 words a minute": "README.md",
    "10 lines a minute": "README.md",
    # README: the CIFAR-10 download, a file size.
    "downloads it once (about 170 MB)": "README.md",
    # README: installing TensorFlow; it depends on the network, not on the notebooks.
    "The first `make lab` takes a few minutes": "README.md",
    # README and instructors: p2p-check's fixed training budget (budget_s in p2p/preflight.py).
    "a five-second training run": "README.md instructors.md",
    # README: the difference between the full and the CPU-only TensorFlow build, measured
    # at import (not in the benchmark results: benchmarks/run.py does not measure it).
    "needs about 240 MB more than Binder's CPU-only build": "README.md",
    "needs about 240 MB less again (measured at import": "README.md",
    # README and instructors: Binder's limits, not our measurements.
    "Binder gives 1 CPU and at most 2 GB of memory": "README.md",
    "well under Binder's 2 GB limit": "README.md",
    "Binder gives 1 CPU and 2 GB": "instructors.md",
    # instructors: download sizes of the data sets.
    "CIFAR-10 (170 MB) and Fashion-MNIST (30 MB)": "instructors.md",
    # instructors: a teaching pause, not a run.
    "at the neuron playground for five minutes": "instructors.md",
}


def markdown_cells(path: Path):
    cells = json.loads(path.read_text())["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            yield index, "".join(cell["source"])


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def results():
    return figures.load_results()


# --- figures.py itself -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "seconds, text",
    [
        (0, "under a minute"),
        (59.9, "under a minute"),
        (60, "about 1 minute"),
        (89, "about 1 minute"),
        (135.1, "about 2 minutes"),
        (234.1, "about 4 minutes"),
        (1844.9, "about 31 minutes"),
    ],
)
def test_describe_run(seconds, text):
    assert figures.describe_run(seconds) == text


def test_one_teach_time_and_one_result_per_notebook(results):
    numbers = [path.name[:2] for path in NOTEBOOKS]
    assert list(figures.EXERCISE_MINUTES) == list(figures.NOTEBOOKS) == numbers
    for file, _, _ in figures.NOTEBOOKS.values():
        assert (REPO / "notebooks" / file).is_file(), file
    for profile in figures.PROFILES:
        assert list(figures.rows(results, profile)) == numbers, profile


def test_one_time_estimate_per_exercise():
    from p2p.exercises import all_questions

    counts = {}
    for question in all_questions():
        counts[question.notebook] = counts.get(question.notebook, 0) + 1
    assert {n: len(m) for n, m in figures.EXERCISE_MINUTES.items()} == counts


def test_teach_time_adds_up_its_parts(results):
    """The time model: reading at 130 words a minute, code at 10 lines a minute, the
    workshop run and the exercises, rounded up to 5 minutes; each part counts."""
    parts = figures.time_parts("06", results)
    assert parts["running"] == figures.rows(results, "workshop")["06"]["wall_s"] / 60
    assert parts["exercises"] == sum(figures.EXERCISE_MINUTES["06"])
    assert 0 < parts["reading"] and 0 < parts["code"]
    total = figures.teach_minutes("06", results)
    assert total % 5 == 0 and 0 <= total - sum(parts.values()) < 5
    slower = json.loads(json.dumps(results))
    slower["workshop"]["rows"][5]["wall_s"] += 600  # ten minutes more of running
    assert figures.teach_minutes("06", slower) >= total + 5


def test_prose_tool_is_the_shared_one():
    """tools/prose.py is a copy of ../shared/tools/prose.py, the measure of the budgets."""
    shared = REPO.parent / "shared" / "tools" / "prose.py"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert (REPO / "tools" / "prose.py").read_bytes() == shared.read_bytes()


def test_sync_finds_and_fixes_a_stale_block(tmp_path, results):
    for document in figures.DOCUMENTS:
        shutil.copy(REPO / document, tmp_path / document)
    assert figures.sync(check=True, root=tmp_path) == []
    readme = tmp_path / "README.md"
    text = readme.read_text()
    peak_06 = f"| {results['workshop']['rows'][5]['peak_mb']:,} MB |"  # from the benchmark
    assert peak_06 in text
    readme.write_text(text.replace(peak_06, "| 999 MB |"))
    changed = dict(results)
    changed["full"] = json.loads(json.dumps(results["full"]))
    changed["full"]["rows"][5]["test_accuracy"] = 0.9
    stale = figures.sync(check=True, results=changed, root=tmp_path)
    assert stale == ["README.md: profile-table", "README.md: binder-table"]
    assert "999 MB" in readme.read_text()  # check mode writes nothing
    assert figures.sync(results=changed, root=tmp_path) == stale
    assert figures.sync(check=True, results=changed, root=tmp_path) == []
    assert "06's best model 90.0%" in readme.read_text()


def test_sync_reports_a_missing_block(tmp_path):
    for document in figures.DOCUMENTS:
        shutil.copy(REPO / document, tmp_path / document)
    text = (tmp_path / "instructors.md").read_text()
    text = re.sub(r"<!-- figures:timing-table -->.*?<!-- /figures -->", "", text, flags=re.S)
    (tmp_path / "instructors.md").write_text(text)
    assert figures.sync(check=True, root=tmp_path) == ["instructors.md: timing-table (missing)"]


# --- README.md and instructors.md ------------------------------------------------------------


def test_documents_match_the_benchmark_results():
    stale = figures.sync(check=True)
    assert stale == [], (
        f"Stale generated blocks: {stale}. Run `python benchmarks/figures.py` to regenerate "
        "them from benchmarks/results-*.json."
    )


@pytest.mark.parametrize("document", figures.DOCUMENTS)
def test_inline_blocks_do_not_start_a_line(document):
    """A line that starts with `<!--` would be a raw HTML block, and not render as Markdown."""
    for line in (REPO / document).read_text().splitlines():
        if line.lstrip().startswith("<!-- figures:"):
            name = figures.OPEN.match(line.lstrip())["name"]
            assert not figures.RENDERERS[name][1], f"{document}: inline block {name} starts a line"


@pytest.mark.parametrize("document", figures.DOCUMENTS)
def test_no_run_figure_outside_the_generated_blocks(document):
    text = one_line(figures.outside_blocks((REPO / document).read_text()))
    for phrase, documents in NOT_RUN_FIGURES.items():
        if document in documents.split():
            text = text.replace(phrase, "[allowed]")
    found = [m[0] for m in FIGURE.finditer(text)]
    assert found == [], (
        f"{document} states figures outside the blocks that benchmarks/figures.py generates: "
        f"{found}. Generate them from the benchmark results, or, if they are not about a run, "
        "add them to NOT_RUN_FIGURES with a comment."
    )


def test_every_allowed_figure_is_still_there():
    for phrase, documents in NOT_RUN_FIGURES.items():
        for document in documents.split():
            text = one_line(figures.outside_blocks((REPO / document).read_text()))
            assert phrase in text, f"{phrase!r} is no longer in {document}: remove it here"


# --- the notebooks ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_notebook_states_its_times_in_the_standard_line(path, results):
    cell = json.loads(path.read_text())["cells"][0]
    assert cell["cell_type"] == "markdown"
    expected = figures.notebook_time_line(path.name[:2], results)
    lines = "".join(cell["source"]).splitlines()
    assert expected in lines, (
        f"{path.name}: the opening cell should contain the line\n{expected}\n"
        f"(python benchmarks/figures.py --lines prints all of them); it has "
        f"{[line for line in lines if line.startswith('**Time:**')]}"
    )


# Time statements in the notebooks' Markdown that are not about a run. Empty on purpose:
# add an entry only with a comment that says why it is not a run figure.
NOT_RUN_TIMES: dict[str, str] = {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_notebook_states_no_other_run_time(path):
    found = []
    for index, source in markdown_cells(path):
        lines = [line for line in source.splitlines() if not TIME_LINE.match(line)]
        text = one_line("\n".join(lines))
        for phrase in NOT_RUN_TIMES:
            text = text.replace(phrase, "[allowed]")
        for match in TIME.finditer(text):
            start, end = max(0, match.start() - 50), match.end() + 30
            found.append(f"cell {index}: {match[0]!r} in '...{text[start:end]}...'")
    assert found == [], (
        f"{path.name} states times outside its standard **Time:** line:\n" + "\n".join(found)
    )
