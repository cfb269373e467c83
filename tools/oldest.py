"""Test the oldest supported versions: ``make test-oldest`` (``python tools/oldest.py``).

The course supports a range of TensorFlow, Keras and NumPy: the lower bounds in
pyproject.toml's dependencies up to the pins of requirements.txt. ``make test`` tests the
newest end in ``.venv``; this tool tests the oldest end, the versions of
``requirements-oldest.txt``, the way a learner on Colab or Kaggle gets the course:

1. creates ``.venv-oldest/`` and installs ``requirements-oldest.txt`` (again only when
   that file changed: a stamp file holds its checksum);
2. runs notebook 01's first code cell in a real IPython kernel of that environment, with
   the GitHub address replaced by this working tree, so that its ``%pip install --no-deps``
   installs the helper package as it does on Colab (the package is uninstalled first);
3. checks that this installed the helper package and changed nothing else: TensorFlow,
   Keras and NumPy are still exactly the versions of ``requirements-oldest.txt``;
4. runs the test suite as ``make test`` does (unit tests and every notebook with nbval,
   ``smoke`` profile), less the tests of what serves the course (:data:`venvs.NOT_HERE`: the
   browser, JupyterHub and website tests), which run in the pinned environment only.
   ``COURSE_PIN_FILE`` tells the environment test to compare the installed versions with
   ``requirements-oldest.txt``.

Usage::

    python tools/oldest.py                        # everything
    python tools/oldest.py tests/test_data.py     # the same, with these pytest arguments

Any Python 3.11 runs it (it needs the standard library only; it re-runs itself in the
oldest environment for step 2).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from venvs import REPO, TestEnvironment, run

OLDEST = TestEnvironment(
    "oldest", ".venv-oldest", "requirements-oldest.txt", python=sys.executable, editable=False
)
VENV, PYTHON, REQUIREMENTS = OLDEST.folder, OLDEST.python, OLDEST.requirements
NOTEBOOK = REPO / "notebooks" / "01_neurons.ipynb"
PACKAGE = "pixels-to-predictions"
# what the first cell installs on Colab and Kaggle (a branch or tag may follow after @)
GIT_URL = re.compile(
    r"git\+https://github\.com/pixels-to-predictions/course(?:\.git)?(?:@[\w./-]+)?"
)
CHECKED = ("tensorflow", "keras", "numpy")  # installed exactly as requirements-oldest.txt pins


def pins() -> dict[str, str]:
    """name -> version for every ``name==version`` line of requirements-oldest.txt."""
    found = {}
    for line in REQUIREMENTS.read_text().splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s#]+)", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def installed() -> dict[str, list]:
    """name -> [version, time of its metadata folder] of every distribution in .venv-oldest
    (a reinstall of the same version changes the time)."""
    code = (
        "import json, os\n"
        "from importlib.metadata import distributions\n"
        "found = {}\n"
        "for d in distributions():\n"
        "    path = getattr(d, '_path', None)\n"
        "    mtime = os.stat(path).st_mtime_ns if path else None\n"
        "    found[d.metadata['Name'].lower().replace('_', '-')] = [d.version, mtime]\n"
        "print(json.dumps(found))\n"
    )
    output = subprocess.run(
        [str(PYTHON), "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=OLDEST.environment(),
    ).stdout
    return json.loads(output)


def first_cell() -> str:
    """Notebook 01's first code cell, installing from this working tree instead of GitHub."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    source = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    if not re.search(r"^\s*%pip install .*" + GIT_URL.pattern, source, flags=re.M):
        sys.exit(
            f"{NOTEBOOK.name}'s first code cell has no `%pip install` of the course's GitHub "
            f"address ({GIT_URL.pattern}); this test cannot install the package as Colab does."
        )
    return GIT_URL.sub(lambda _: str(REPO), source)


def install_like_colab() -> None:
    """Steps 2 and 3: the first cell installs the package and changes nothing else."""
    OLDEST.step(f"uninstalling {PACKAGE}, then running {NOTEBOOK.name}'s first cell in a kernel")
    run(PYTHON, "-m", "pip", "uninstall", "--quiet", "--yes", PACKAGE, env=OLDEST.environment())
    before = installed()
    with tempfile.TemporaryDirectory() as folder:
        # pip builds a local folder in place: setuptools would write build/ and an egg-info
        # folder into the working tree (and package stale files left in build/). Its extra
        # configuration file sends both to a temporary folder. (Colab's pip builds in a
        # clone of its own.)
        config = Path(folder) / "setuptools.cfg"
        config.write_text(
            f"[build]\nbuild_base = {folder}/build\n[egg_info]\negg_base = {folder}\n"
        )
        env = dict(OLDEST.environment(), DIST_EXTRA_CONFIG=str(config))
        run(PYTHON, __file__, "--run-cell", input=first_cell(), text=True, env=env)
    after = installed()

    OLDEST.step("checking what the first cell installed")
    changed = sorted(n for n in before if n in after and after[n] != before[n])
    removed = sorted(set(before) - set(after))
    added = sorted(set(after) - set(before))
    wrong = {
        name: (version, after.get(name, [None])[0])
        for name, version in pins().items()
        if name in CHECKED and after.get(name, [None])[0] != version
    }
    problems = []
    if added != [PACKAGE]:
        problems.append(f"it should install {PACKAGE} alone; it installed {added}")
    if changed or removed:
        problems.append(f"it changed {changed} and removed {removed}; it should change nothing")
    if wrong:
        problems.append(f"pinned vs installed: {wrong}")
    with tempfile.TemporaryDirectory() as folder:  # not the repository: nothing to import
        where = subprocess.run(
            [str(PYTHON), "-c", "import p2p; print(p2p.__file__)"],
            capture_output=True,
            text=True,
            cwd=folder,
            env=OLDEST.environment(),
        )
    if where.returncode != 0:
        problems.append(f"`import p2p` fails: {where.stderr.strip()[-500:]}")
    elif not where.stdout.strip().startswith(str(VENV)):
        problems.append(f"p2p is imported from {where.stdout.strip()}, not from {VENV.name}")
    if problems:
        sys.exit(
            "The first cell did not install the course as on Colab:\n- " + "\n- ".join(problems)
        )
    versions = ", ".join(f"{name} {after[name][0]}" for name in CHECKED)
    print(f"{PACKAGE} {after[PACKAGE][0]} installed alone; still {versions}")


def run_cell() -> None:
    """In .venv-oldest: run the cell read from standard input in a new IPython kernel."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(sys.stdin.read())])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    with tempfile.TemporaryDirectory() as folder:  # not the repository: nothing to import
        client = NotebookClient(
            notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": folder}}
        )
        try:
            client.execute()
        except CellExecutionError as error:
            sys.exit(f"the first cell failed:\n{error}")
    for output in notebook.cells[0].outputs:
        text = output.get("text") or output.get("data", {}).get("text/plain", "")
        print(text, end="" if text.endswith("\n") else "\n")


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--run-cell"]:
        run_cell()
        return 0
    return OLDEST.test(arguments, then=install_like_colab)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
