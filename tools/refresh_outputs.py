"""Run notebooks in the smoke profile and store them clean, keeping only tagged outputs.

A code cell tagged ``keep_output`` (and ``nbval-check-output``, which tells nbval to
compare it) keeps its output and execution count: these are the deterministic teaching
values (a neuron's output, a layer's shape, a parameter count). Every other cell is
stored without outputs. Usage::

    python tools/refresh_outputs.py notebooks/01_neurons.ipynb [...]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KEEP = "keep_output"
CHECK = "nbval-check-output"


def refresh(path: Path) -> int:
    """Execute ``path`` and rewrite it clean; return the number of kept cells."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    kept = 0
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if KEEP in tags:
            if CHECK not in tags:
                cell.metadata["tags"] = [*tags, CHECK]
            kept += 1
            # drop stderr and widget state: only the teaching value is kept
            cell.outputs = [o for o in cell.outputs if o.get("name") != "stderr"]
        else:
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.write(notebook, path)
    return kept


def main(paths: list[str]) -> int:
    os.environ["COURSE_PROFILE"] = "smoke"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    for name in paths:
        kept = refresh(Path(name))
        print(f"{name}: stored clean, {kept} teaching cells keep their output")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
