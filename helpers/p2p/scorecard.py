"""The learner's scorecard: which exercise questions they have got right, notebook by notebook.

Every check writes its verdict to ``<course home>/data/results/progress.json`` on the
learner's own machine (nothing leaves it); a question once right stays right.
``p2p.progress()`` shows the scorecard.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .paths import work_dir

RIGHT, TRIED = "right", "tried"
MARKS = {RIGHT: "✓", TRIED: "✗", None: "·"}


def scorecard_file() -> Path:
    return work_dir("results") / "progress.json"


def read() -> dict[str, str]:
    """``{"01.q2": "right", "05.q1": "tried", ...}``; ValueError if the file is damaged."""
    path = scorecard_file()
    if not path.is_file():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} could not be read ({error})") from None
    if not isinstance(found, dict):
        raise ValueError(f"{path} does not hold a record")
    return found


def remember(question: str, correct: bool) -> None:
    """Write one verdict. A damaged or unwritable file is left as it is: a check never
    fails because of its record."""
    try:
        found = read()
        if found.get(question) == RIGHT:
            return
        found[question] = RIGHT if correct else TRIED
        path = scorecard_file()
        fresh = path.with_suffix(".tmp")
        fresh.write_text(json.dumps(found, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(fresh, path)  # whole or not at all, even if the kernel stops here
    except (OSError, ValueError):
        pass


def progress() -> None:
    """Show which questions of which notebook you have got right (✓), tried (✗) or not
    yet tried (·)."""
    from .exercises import all_questions

    try:
        found = read()
    except ValueError as error:
        print(f"Your progress could not be read: {error}. Delete the file to start again.")
        return
    by_notebook: dict[str, list] = {}
    for question in all_questions():
        by_notebook.setdefault(question.notebook, []).append(question)
    lines, right, total = [], 0, 0
    for notebook, questions in by_notebook.items():
        marks = "  ".join(
            f"q{q.number} {MARKS.get(found.get(q.name), MARKS[None])}" for q in questions
        )
        done = sum(found.get(q.name) == RIGHT for q in questions)
        lines.append(f"notebook {notebook}: {done} of {len(questions)}   {marks}")
        right, total = right + done, total + len(questions)
    print(f"{right} of {total} questions right (✓ right, ✗ tried, · not yet tried)")
    print(*lines, sep="\n")
    print(f"Kept in {scorecard_file()}, on this machine only.")
