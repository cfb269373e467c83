"""The one notebook tool: store notebooks clean, re-run their kept outputs, copy lesson code.

The rules a stored notebook follows, all defined here (the hygiene test and the
benchmark import them):

- Only cells tagged ``keep_output`` keep their outputs and execution count: these are
  deterministic teaching values (a neuron's output, a shape, a parameter count). Such a
  cell is also tagged ``nbval-check-output``, which tells nbval to compare it; its
  outputs hold no log lines (stderr) and no errors, and its printed text is one output
  (however the run chunked it). Every other cell is stored empty.
- Metadata is whitelisted: the notebook keeps only its ``kernelspec`` (the standard
  Python 3 kernel; no ``language_info``, whose Python patch version changes with whoever
  ran the notebook last, no widget state); a cell keeps only its ``tags``, from
  :data:`TAGS`.
- Functions a lesson defines in a cell tagged ``save-to-p2p`` are copied into
  ``helpers/p2p/lessons.py``, so that the helpers and the exercise checks call the very
  code a learner reads (one fix reaches lesson, helper and check).

Usage::

    python tools/nbtool.py clean [--check] [NOTEBOOK ...]    # rewrite (or check) clean
    python tools/nbtool.py refresh [NOTEBOOK ...]            # run in smoke, keep tagged outputs
    python tools/nbtool.py lessons [--check]                 # write (or check) p2p/lessons.py

Without notebooks, every notebook of the course. ``--check`` changes nothing and exits
with 1, listing what is off, when a file is not as the tool would write it.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import os
import queue
import subprocess
import sys
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS = REPO / "helpers" / "p2p" / "lessons.py"

KEEP_OUTPUT = "keep_output"
"""A code cell whose output is a deterministic teaching value, stored with the notebook."""
CHECK_OUTPUT = "nbval-check-output"
"""nbval's tag: compare this cell's output (always together with ``keep_output``)."""
SAVE_TO_P2P = "save-to-p2p"
"""A cell of function definitions copied into ``p2p.lessons``."""
BEST_MODEL = "best_model"
"""The cell that trains notebook 06's best model, or 08's recipe (timed by the benchmark)."""
TAGS = {KEEP_OUTPUT, CHECK_OUTPUT, SAVE_TO_P2P, BEST_MODEL}
"""The cell tags the course uses; any other tag is a mistake."""

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
NOTEBOOK_METADATA = {"kernelspec"}
"""Notebook metadata kept in a stored notebook (a whitelist)."""
CELL_METADATA = {"tags"}
"""Cell metadata kept in a stored notebook (a whitelist)."""


# ----------------------------------------------------------------------------- clean


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def clean(notebook):
    """``notebook`` as it is stored: tagged outputs only, whitelisted metadata."""
    notebook = copy.deepcopy(notebook)
    notebook.metadata = {
        key: value for key, value in notebook.metadata.items() if key in NOTEBOOK_METADATA
    }
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    for cell in notebook.cells:
        cell.metadata = {key: v for key, v in cell.metadata.items() if key in CELL_METADATA}
        if cell.cell_type != "code":
            continue
        cell_tags = tags(cell)
        if KEEP_OUTPUT in cell_tags:
            if CHECK_OUTPUT not in cell_tags:
                cell.metadata["tags"] = [*cell_tags, CHECK_OUTPUT]
            cell.outputs = _joined_streams(o for o in cell.outputs if o.get("name") != "stderr")
        else:
            cell.outputs = []
            cell.execution_count = None
    return notebook


def _joined_streams(outputs) -> list:
    """Consecutive printed text as one output (how it was chunked depends on the run)."""
    joined = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            joined.append(output)
    return joined


def text_of(notebook) -> str:
    """The notebook as it is written to disk."""
    return nbformat.writes(notebook) + "\n"


def problems(path: Path) -> list[str]:
    """What keeps the stored notebook at ``path`` from being clean, in plain words."""
    notebook = nbformat.read(path, as_version=4)
    found = []
    for index, cell in enumerate(notebook.cells):
        cell_tags = tags(cell)
        unknown = set(cell_tags) - TAGS
        if unknown:
            found.append(f"cell {index}: unknown tags {sorted(unknown)} (known: {sorted(TAGS)})")
        if cell.cell_type != "code":
            continue
        if (KEEP_OUTPUT in cell_tags) != (CHECK_OUTPUT in cell_tags):
            found.append(f"cell {index}: {KEEP_OUTPUT} and {CHECK_OUTPUT} go together")
        if KEEP_OUTPUT in cell_tags:
            if not cell.outputs:
                found.append(f"cell {index} is tagged {KEEP_OUTPUT} but has no stored output")
            if not cell.execution_count:
                found.append(f"cell {index}: nbval needs an execution count")
        for output in cell.outputs:
            if output.output_type == "error":
                found.append(f"cell {index} stores an error")
            if output.get("name") == "stderr":
                found.append(f"cell {index} stores log output (stderr)")
    if not found and path.read_text() != text_of(clean(notebook)):
        stored = nbformat.read(path, as_version=4)
        extra = set(stored.metadata) - NOTEBOOK_METADATA
        outputs = [
            i
            for i, cell in enumerate(stored.cells)
            if cell.cell_type == "code" and KEEP_OUTPUT not in tags(cell) and cell.outputs
        ]
        if extra:
            found.append(f"notebook metadata outside the whitelist: {sorted(extra)}")
        if outputs:
            found.append(f"cells {outputs} store outputs but are not tagged {KEEP_OUTPUT}")
        found.append("not stored as `python tools/nbtool.py clean` writes it")
    return found


def write_clean(path: Path) -> bool:
    """Store ``path`` clean; True when the file changed."""
    before = path.read_text()
    after = text_of(clean(nbformat.read(path, as_version=4)))
    if after != before:
        path.write_text(after)
    return after != before


# ----------------------------------------------------------------------------- execute


def _in_slices(get_msg, slice_s: float = 1.0):
    """Wrap a kernel channel's async ``get_msg`` so that it polls in short slices.

    With a widget cell, nbclient's wait for the execute reply sometimes sleeps through the
    reply's arrival and wakes only at its time-out (jupyter/nbclient#312): a cell of 0.3 s
    then takes the whole time-out. Polling again every ``slice_s`` finds the reply.
    """

    async def get(timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = slice_s if deadline is None else deadline - time.monotonic()
            try:
                return await get_msg(timeout=max(0.0, min(slice_s, left)))
            except queue.Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    return get


@contextlib.contextmanager
def kernel_for(notebook, path: Path, timeout: int = 900, env: dict | None = None):
    """A started kernel for ``notebook`` (run in its own folder), as an nbclient client.

    ``env`` is added to the kernel's environment. Execute cells with
    ``client.execute_cell(cell, index)``; the kernel stops when the block ends.
    """
    from nbclient import NotebookClient

    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        with client.setup_kernel():
            client.kc.shell_channel.get_msg = _in_slices(client.kc.shell_channel.get_msg)
            yield client
    finally:
        os.environ.clear()
        os.environ.update(saved)


def refresh(path: Path) -> int:
    """Run ``path`` in the ``smoke`` profile and store it clean; return the kept cells."""
    notebook = nbformat.read(path, as_version=4)
    with kernel_for(notebook, path, env={"COURSE_PROFILE": "smoke"}) as client:
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    path.write_text(text_of(clean(notebook)))
    return sum(KEEP_OUTPUT in tags(cell) for cell in notebook.cells)


# ----------------------------------------------------------------------------- lessons

LESSONS_HEADER = '''\
"""Functions the lessons define, kept here so that the helpers and the exercise checks
use the very code a learner reads (as d2l's library holds its lessons' functions).

Generated by ``python tools/nbtool.py lessons`` from the notebook cells tagged
``save-to-p2p``: edit the notebook, not this file (``make notebooks`` rewrites it, and
the test suite fails when the two differ).
"""

import numpy as np

from . import quiet_tensorflow

quiet_tensorflow()
import keras  # noqa: E402
'''


def lesson_cells(notebooks=NOTEBOOKS) -> list[tuple[Path, int, str]]:
    """``(notebook, cell index, source)`` of every cell tagged ``save-to-p2p``.

    Such a cell holds only definitions (functions, constants): anything that would run
    when ``p2p.lessons`` is imported is refused.
    """
    found = []
    for path in notebooks:
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type != "code" or SAVE_TO_P2P not in tags(cell):
                continue
            for node in ast.parse(cell.source).body:
                if not isinstance(node, ast.FunctionDef | ast.Assign):
                    raise ValueError(
                        f"{path.name} cell {index}: a {SAVE_TO_P2P} cell holds only "
                        f"definitions, not a {type(node).__name__} (line {node.lineno})"
                    )
            found.append((path, index, cell.source.strip()))
    return found


def lessons_text(notebooks=NOTEBOOKS) -> str:
    """The text of ``p2p/lessons.py``, formatted as ``ruff format`` writes it."""
    parts, current = [LESSONS_HEADER], None
    for path, _index, source in lesson_cells(notebooks):
        if path != current:
            parts.append(f"# notebooks/{path.name}")
            current = path
        parts.append(source)
    text = "\n\n\n".join(parts) + "\n"
    for fix in (["check", "--fix", "--quiet", "--select", "I"], ["format"]):  # as `make format`
        text = subprocess.run(
            [sys.executable, "-m", "ruff", *fix, "--stdin-filename", str(LESSONS), "-"],
            input=text,
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        ).stdout
    return text


# ----------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["clean", "refresh", "lessons"])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if off")
    args = parser.parse_args(argv)
    paths = args.notebooks or NOTEBOOKS
    if args.command == "lessons":
        text = lessons_text()
        if LESSONS.read_text() == text:
            return 0
        if args.check:
            print(f"{LESSONS.relative_to(REPO)} differs from the notebooks' {SAVE_TO_P2P} cells")
            return 1
        LESSONS.write_text(text)
        print(f"wrote {LESSONS.relative_to(REPO)}")
        return 0
    if args.command == "refresh":
        for path in paths:
            kept = refresh(path)
            print(f"{path}: stored clean, {kept} teaching cells keep their output")
        return main(["lessons"])
    status = 0
    for path in paths:
        if args.check:
            for problem in problems(path):
                print(f"{path}: {problem}")
                status = 1
        elif write_clean(path):
            print(f"{path}: stored clean")
    return status


if __name__ == "__main__":
    sys.exit(main())
