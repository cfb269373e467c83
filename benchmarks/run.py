"""Benchmark: run every notebook headless in a profile and record what a learner would feel.

For each notebook: wall time, the slowest cell and its time, the kernel's peak memory
(VmHWM, the peak resident set size), and the test accuracy of the final model that the
notebook put on the results board (one entry per notebook: the model chosen on validation,
evaluated once on the test set). Results go to ``benchmarks/results-<profile>.json`` and,
for all profiles run so far, to the table ``benchmarks/RESULTS.md``, which is also printed.
Finally the figures that README.md and instructors.md state about runs are regenerated
from the results (``benchmarks/figures.py``).

This is a benchmark, not a test: it reports figures and the targets they meet or miss,
and never fails a build for being slow.

Usage::

    python benchmarks/run.py workshop full          # every notebook, both profiles
    python benchmarks/run.py workshop --only 05 06  # some notebooks
    python benchmarks/run.py workshop --container   # in a Binder-sized container (root)

``--container`` runs each notebook's kernel in a control group (cgroup v1) with a quota of
1 CPU and a 2 GiB memory limit, as a Binder or JupyterHub session has, and writes
``results-<profile>-container.json``; ``COURSE_THREADS=default`` measures it without
:mod:`p2p.cpus` sizing TensorFlow's threads to the quota (``...-container-default.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import figures  # benchmarks/figures.py, beside this script
import nbformat

REPO = Path(__file__).resolve().parents[1]
HERE = REPO / "benchmarks"
sys.path.insert(0, str(REPO / "tools"))

import nbtool  # noqa: E402  (tools/nbtool.py: runs a notebook's kernel)

# Targets on a 2-core machine (issue: benchmark). Seconds, bytes, accuracy.
TARGETS = {
    "workshop": {
        "notebook_s": {"06": 8 * 60, "08": 8 * 60, "default": 5 * 60},
        "cell_s": 90,
        "best_model_cell_s": 120,  # the cell that trains 06's best model, and 08's recipe
        "peak_bytes": 1.5 * 1024**3,
        "accuracy": {"05": 0.72, "08": 0.85},
    },
    "full": {"accuracy": {"05": 0.75, "08": 0.90}, "best_model_cell_s": 25 * 60},
    # a Binder-sized container (--container): no cell over 3 minutes, the session under 1.7 GB
    "workshop-container": {"any_cell_s": 180, "session_peak_bytes": 1.7 * 1000**3},
}
TARGETS["workshop-container-default"] = TARGETS["workshop-container"]


def peak_memory(pid: int) -> int:
    """Peak resident memory of a process in bytes (Linux VmHWM), or 0 if unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


CONTAINER = {"name": "p2p-container", "cpus": 1.0, "memory_bytes": 2 * 1024**3}
"""What ``--container`` gives each kernel: a Binder session's CPU quota and memory limit."""
CGROUP = Path("/sys/fs/cgroup")


def container_groups() -> tuple[Path, Path]:
    """The cpu and memory control groups of ``--container`` (cgroup v1), made if needed;
    one pair per process, so that two runs side by side get one CPU each."""
    name = f"{CONTAINER['name']}-{os.getpid()}"
    cpu, memory = CGROUP / "cpu" / name, CGROUP / "memory" / name
    for folder in (cpu, memory):
        folder.mkdir(exist_ok=True)
    (cpu / "cpu.cfs_period_us").write_text("100000")
    (cpu / "cpu.cfs_quota_us").write_text(str(int(CONTAINER["cpus"] * 100000)))
    (memory / "memory.limit_in_bytes").write_text(str(CONTAINER["memory_bytes"]))
    return cpu, memory


def remove_container_groups() -> None:
    """Remove this process's control groups of ``--container`` once its kernels are gone."""
    name = f"{CONTAINER['name']}-{os.getpid()}"
    for folder in (CGROUP / "cpu" / name, CGROUP / "memory" / name):
        try:
            folder.rmdir()  # a control group is removed with rmdir, once no process is in it
        except OSError as error:
            print(f"could not remove {folder}: {error.strerror}", flush=True)


def run_notebook(path: Path, profile: str, home: Path, container: bool = False) -> dict:
    """Execute one notebook in ``profile`` (in a Binder-sized container); return its figures."""
    notebook = nbformat.read(path, as_version=4)
    cell_times, peak, group_peak = [], 0, None
    sections, section = {}, "Setup"  # seconds per "## " heading, in notebook order
    start = time.perf_counter()
    env = {"COURSE_PROFILE": profile, "COURSE_HOME": str(home)}
    with nbtool.kernel_for(notebook, path, timeout=3600, env=env) as client:
        pid = client.km.provisioner.process.pid
        if container:  # before the first cell: `import p2p` reads the quota
            groups = container_groups()
            (groups[1] / "memory.max_usage_in_bytes").write_text("0")
            for group in groups:
                (group / "cgroup.procs").write_text(str(pid))
        for index, cell in enumerate(notebook.cells):
            heading = next(
                (ln[3:].strip() for ln in cell.source.splitlines() if ln.startswith("## ")),
                None,
            )
            if cell.cell_type == "markdown" and heading:
                section = heading
            if cell.cell_type != "code":
                continue
            t0 = time.perf_counter()
            client.execute_cell(cell, index)
            cell_times.append((time.perf_counter() - t0, index, cell))
            sections[section] = sections.get(section, 0.0) + cell_times[-1][0]
        peak = peak_memory(pid)
        if container:  # the whole container's peak, the kernel's page cache included
            group_peak = int((groups[1] / "memory.max_usage_in_bytes").read_text())
            kills = (groups[1] / "memory.oom_control").read_text()
            if "oom_kill 0" not in kills and "oom_kill" in kills:
                print(f"    the memory limit killed a process: {kills.split()}", flush=True)
    wall = time.perf_counter() - start
    keep = os.environ.get("BENCH_EXECUTED_DIR")
    if keep:  # the executed notebook, outputs and all, for reading the run's prose claims
        Path(keep).mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, Path(keep) / f"{path.stem}-{profile}.ipynb")
    slowest_s, slowest_index, slowest_cell = max(cell_times, key=lambda t: t[0])
    best_cells = [t for t in cell_times if nbtool.BEST_MODEL in t[2].metadata.get("tags", [])]
    number = path.name[:2]
    accuracy = final_accuracy(home / "data" / "results" / f"board-{profile}.json", number)
    first_line = slowest_cell.source.strip().splitlines()[0][:60] if slowest_cell.source else ""
    return {
        "notebook": number,
        "name": path.stem,
        "date": date.today().isoformat(),
        "wall_s": round(wall, 1),
        "slowest_cell": slowest_index,
        "slowest_cell_source": first_line,
        "slowest_cell_s": round(slowest_s, 1),
        "best_model_cell_s": round(best_cells[0][0], 1) if best_cells else None,
        "peak_mb": round(peak / 1024**2),
        "test_accuracy": accuracy,
        "sections_s": {name: round(seconds, 1) for name, seconds in sections.items()},
        **({"container_peak_mb": round(group_peak / 1024**2)} if container else {}),
    }


def final_accuracy(board_file: Path, number: str) -> float | None:
    """The test accuracy of the final model notebook ``number`` put on the board, if any."""
    board = json.loads(board_file.read_text()) if board_file.exists() else {}
    entry = board.get(number)
    return entry.get("test_accuracy") if isinstance(entry, dict) else None


def verdicts(row: dict, profile: str) -> list[str]:
    """Which targets the row meets (✓) or misses (✗)."""
    targets, notes = TARGETS.get(profile, {}), []
    number = row["notebook"]
    if "notebook_s" in targets:
        limit = targets["notebook_s"].get(number, targets["notebook_s"]["default"])
        notes.append(f"{'✓' if row['wall_s'] <= limit else '✗'} ≤{limit // 60} min")
    if "cell_s" in targets:
        other = row["slowest_cell_s"] if row["best_model_cell_s"] is None else None
        if other is not None:
            notes.append(
                f"{'✓' if other <= targets['cell_s'] else '✗'} cells ≤{targets['cell_s']} s"
            )
    if row["best_model_cell_s"] is not None and "best_model_cell_s" in targets:
        limit = targets["best_model_cell_s"]
        notes.append(
            f"{'✓' if row['best_model_cell_s'] <= limit else '✗'} best-model cell ≤{limit} s"
        )
    if "any_cell_s" in targets:
        ok = row["slowest_cell_s"] <= targets["any_cell_s"]
        notes.append(f"{'✓' if ok else '✗'} every cell ≤{targets['any_cell_s']} s")
    if "session_peak_bytes" in targets:
        # the larger of the kernel's resident peak (shared libraries included) and the
        # container's own count (which leaves out pages first read outside it)
        peak = max(row["peak_mb"], row.get("container_peak_mb", 0)) * 1024**2
        ok = peak <= targets["session_peak_bytes"]
        notes.append(f"{'✓' if ok else '✗'} ≤{targets['session_peak_bytes'] / 1e9} GB")
    if "peak_bytes" in targets:
        ok = row["peak_mb"] * 1024**2 <= targets["peak_bytes"]
        notes.append(f"{'✓' if ok else '✗'} ≤1.5 GB")
    goal = targets.get("accuracy", {}).get(number)
    if goal is not None:
        ok = row["test_accuracy"] is not None and row["test_accuracy"] >= goal
        notes.append(f"{'✓' if ok else '✗'} ≥{goal:.0%}")
    return notes


def container_peak(row: dict) -> str:
    """The container's own peak (kernel and page cache), for a --container run."""
    peak = row.get("container_peak_mb")
    return "" if peak is None else f" (container {peak} MB)"


def when(row: dict, result: dict) -> str:
    """A note on a row measured on another day than the rest (after a run with --only)."""
    measured = row.get("date")
    return f" (run {measured})" if measured and measured != result["date"] else ""


def table(profile: str, result: dict) -> str:
    heading = f"## `{profile}` profile"
    if "-container" in profile:
        threads = "TensorFlow's own" if profile.endswith("-default") else "sized to the quota"
        heading = (
            f"## `{profile.split('-')[0]}` profile in a container: 1 CPU of quota, 2 GiB "
            f"(threads {threads})"
        )
    lines = [
        heading,
        "",
        f"Run on {result['date']}, {result['cpus']} CPU cores ({result['cpu']}), "
        f"TensorFlow {result['tensorflow']}, data from {result['data']}.",
        "",
        "| notebook | wall time | slowest cell (s) | peak memory "
        "| test accuracy (final model) | targets |",
        "|---|---|---|---|---|---|",
    ]
    section_lines = ["", "Time spent running the code of each section:", ""]
    for row in result["rows"]:
        accuracy = "–" if row["test_accuracy"] is None else f"{row['test_accuracy']:.1%}"
        if "sections_s" in row:
            breakdown = "; ".join(f"{k} {v:.0f} s" for k, v in row["sections_s"].items())
            section_lines.append(f"- **{row['name']}**: {breakdown}")
        slow = (
            f"{row['slowest_cell_s']} (cell {row['slowest_cell']}: `{row['slowest_cell_source']}`)"
        )
        lines.append(
            f"| {row['name']}{when(row, result)} | {row['wall_s'] / 60:.1f} min "
            f"({row['wall_s']:.0f} s) | {slow} | "
            f"{row['peak_mb']} MB{container_peak(row)} | {accuracy} | "
            f"{', '.join(verdicts(row, profile)) or '–'} |"
        )
    return "\n".join(lines + section_lines)


RESULT_NAMES = (
    "workshop",
    "full",
    "smoke",
    "workshop-container",
    "workshop-container-default",
)
"""The results files RESULTS.md shows, in this order (see :func:`result_name`)."""


def write_results() -> str:
    parts = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python benchmarks/run.py PROFILE...`): every notebook "
        "executed headless, top to bottom. Peak memory is the kernel's peak resident set "
        "(Binder allows 2 GB). A benchmark, not a test: misses are reported, not failed.",
    ]
    for profile in RESULT_NAMES:
        raw = HERE / f"results-{profile}.json"
        if raw.exists():
            parts += ["", table(profile, json.loads(raw.read_text()))]
    for raw in sorted((REPO / "helpers" / "p2p" / "results").glob("ablation-*.json")):
        parts += ["", ablation_table(json.loads(raw.read_text()))]
    text = "\n".join(parts) + "\n"
    (HERE / "RESULTS.md").write_text(text)
    return text


def ablation_table(result: dict) -> str:
    """RESULTS.md's section for one run of ``benchmarks/ablation.py`` (the rows as notebook
    08 shows them, from ``p2p.measured``)."""
    from p2p.measured import ablation_rows

    rows = ablation_rows(result)
    columns = list(rows[0])
    lines = [
        f"## Ablation of notebook 08's recipe, `{result['profile']}` profile",
        "",
        f"Run on {result['date']}, {result['cpus']} CPU cores ({result['cpu']}), TensorFlow "
        f"{result['tensorflow']}, by `python benchmarks/ablation.py`: {result['epochs']} "
        f"epochs on {result['train_images']:,} training images per row, each row adding one "
        "ingredient to the kept rows above (rows marked left out: the finished recipe plus "
        f"that one ingredient); accuracy on the {result['val_images']:,} validation images.",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def result_name(profile: str, container: bool) -> str:
    """``workshop``, ``workshop-container`` or, without the thread sizing,
    ``workshop-container-default``."""
    if not container:
        return profile
    default = os.environ.get("COURSE_THREADS") == "default"
    return f"{profile}-container" + ("-default" if default else "")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", default=["workshop"])
    parser.add_argument("--only", nargs="*", help="notebook numbers, such as 05 06")
    parser.add_argument(
        "--container", action="store_true", help="1 CPU of quota and 2 GiB, as on Binder (root)"
    )
    args = parser.parse_args()
    import p2p  # quiets TensorFlow's start-up lines before it loads

    p2p.quiet_tensorflow()
    import tensorflow as tf

    notebooks = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.only:
        notebooks = [p for p in notebooks if p.name[:2] in args.only]
    for profile in args.profiles:
        rows = []
        with tempfile.TemporaryDirectory(prefix=f"bench-{profile}-") as home:
            for path in notebooks:
                print(f"[{profile}] {path.name} ...", flush=True)
                row = run_notebook(path, profile, Path(home), args.container)
                print(
                    f"    {row['wall_s']} s, peak {row['peak_mb']} MB, "
                    f"accuracy {row['test_accuracy']}",
                    flush=True,
                )
                rows.append(row)
        if args.container:
            remove_container_groups()
        raw = HERE / f"results-{result_name(profile, args.container)}.json"
        if args.only and raw.exists():  # keep the other notebooks' figures
            old = {r["notebook"]: r for r in json.loads(raw.read_text())["rows"]}
            old.update({r["notebook"]: r for r in rows})
            rows = [old[k] for k in sorted(old)]
        result = {
            "date": date.today().isoformat(),
            "cpus": os.cpu_count(),
            "cpu": cpu_model(),
            "tensorflow": tf.__version__,
            "data": os.environ.get("COURSE_DATA_DIR") or "the Keras cache / download",
            "rows": rows,
        }
        raw.write_text(json.dumps(result, indent=2))
    print(write_results())
    updated = figures.sync()
    print("\n".join(f"updated: {block}" for block in updated) or "documents up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
