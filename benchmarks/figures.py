"""One source for every figure about a run: the benchmark results.

Every time and every figure about a run that README.md, instructors.md or the notebooks
state comes from ``benchmarks/results-workshop.json`` and ``benchmarks/results-full.json``
(written by ``benchmarks/run.py``). This module renders those statements, and
``tests/test_figures.py`` fails when a document disagrees with them.

In README.md and instructors.md the statements sit between marker comments::

    <!-- figures:binder-table -->
    ... generated text ...
    <!-- /figures -->

:func:`sync` rewrites what is between the markers (``benchmarks/run.py`` calls it after
every run); ``sync(check=True)`` only lists the blocks that are stale. The notebooks state
their times in one standard line, :func:`notebook_time_line`, which the tests compare.

Teach times (minutes to work through a notebook) come from one written model,
:func:`teach_minutes`: the notebook's prose and code at a beginner's pace, its run in the
``workshop`` profile, and each exercise's own estimate. They are rendered wherever they
appear.

Usage::

    python benchmarks/figures.py           # rewrite the generated blocks
    python benchmarks/figures.py --check   # list stale blocks; exit status 1 if any
    python benchmarks/figures.py --lines   # print each notebook's standard Time line
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = REPO / "benchmarks"
PROFILES = ("workshop", "full")
DOCUMENTS = ("README.md", "instructors.md")

# --- the time a notebook takes a beginner (issue "Lighter") --------------------------------
# Reading: prose words (as tools/prose.py counts them, the measure of the prose budgets) at
# a beginner's pace. Code: lines of code read, run and looked at, at CODE_LINES_PER_MINUTE.
# Running: the notebook's wall time in the workshop profile, from the benchmark. Exercises:
# each question's own estimate below (a hands-on one includes its training run). The sum is
# rounded up to the next 5 minutes.
READING_WPM = 130
CODE_LINES_PER_MINUTE = 10
EXERCISE_MINUTES = {
    "01": (5, 5, 5, 5),
    "02": (5, 5, 5, 5, 10),
    "03": (5, 5, 5, 5, 10),
    "04": (5, 5, 5, 5, 10),
    "05": (5, 5, 5, 5, 10),
    "06": (5, 4, 4, 5, 12),
    "07": (5, 5, 5, 5),
    "08": (15, 3, 4),
}
OPTIONAL = {"08"}
"""Notebooks outside the workshop's path: no word budget, not in the course's core time."""

# On a JupyterHub (instructors.md, "On a JupyterHub"): the single-user server's own peak
# memory in MB (VmHWM, as benchmarks/run.py measures a kernel), not counting its kernels.
# Measured by tests/test_jupyterhub.py, which prints it, on 2026-11-21 on the 2-core machine
# of the benchmark: jupyterhub-singleuser 6.1.1 with JupyterLab 4.6.6 and nbgitpuller 1.3.0,
# after the learner pulled the course twice, opened notebook 01 and ran its first cells in
# a kernel; three runs gave 147 to 148 MB. The test fails when it grows far beyond this.
SINGLEUSER_SERVER_MB = 148
# CPU cores per learner on a JupyterHub: a recommendation, not a measurement (the benchmark
# ran on 2 cores only). The guarantee is what every learner gets when the whole class runs
# the same training cell at once; the limit is the benchmark's 2 cores.
HUB_CPU_GUARANTEE = 1
HUB_CPU_LIMIT = 2
CLASS_SIZES = (30, 100)

# Notebook number: (file name, title, what you learn), for the README's notebook table.
NOTEBOOKS = {
    "01": (
        "01_neurons.ipynb",
        "Neurons",
        "f(W·x + b), activations, softmax, a layer as a matrix product, NumPy = Keras "
        "`Dense`, XOR by hand and by training, images as numbers; a neuron playground",
    ),
    "02": (
        "02_first_network.ipynb",
        "A first network",
        "load and inspect CIFAR-10, a seeded train/validation split, scaling, one-hot vs "
        "sparse labels, the gradient and one SGD step with `tf.GradientTape`, `compile` / "
        "`fit` / `evaluate` / `predict`",
    ),
    "03": (
        "03_hidden_layers_optimizers.ipynb",
        "Hidden layers and optimisers",
        "hidden `Dense` layers, parameter counts, SGD / momentum / RMSprop / Adam, learning "
        "rates, `ModelCheckpoint` and `EarlyStopping`",
    ),
    "04": (
        "04_visualising_training.ipynb",
        "Visualising data and training",
        "image grids, learning curves, under- and overfitting, confusion matrix, the most "
        "confident mistakes",
    ),
    "05": (
        "05_convolutional_networks.ipynb",
        "Convolutional networks",
        "convolution by hand, pooling, shape arithmetic, a CNN compared fairly with the dense "
        "network, image folders with `image_dataset_from_directory`, learned filters",
    ),
    "06": (
        "06_regularisation_augmentation.ipynb",
        "Regularisation and augmentation",
        "overfitting, L2, Dropout, BatchNorm, data augmentation with preprocessing layers, the "
        "best model of the course with checkpoints, saving and sharing a `.keras` model, when "
        "a GPU helps and where CNNs fit",
    ),
    "07": (
        "07_capstone_your_own_classifier.ipynb",
        "Capstone: your own image classifier",
        "a two-class task from image folders (yours, or two CIFAR-10 classes), a homework's "
        "network and questions from your own results, augmentation, transfer learning that "
        "works offline (pretrain, freeze, new head, fine-tune) and what it buys with 100 to "
        "1,000 images",
    ),
    "08": (
        "08_going_further_optional.ipynb",
        "Going further (optional)",
        "how the record holders train: BatchNorm after pooling, a whitened first layer, label "
        "smoothing, Nesterov momentum with weight decay, test-time augmentation, bfloat16 on "
        "a CPU that has it, an ablation read against the noise, and weight averaging",
    ),
}

OPEN = re.compile(r"<!-- figures:(?P<name>[a-z0-9-]+) -->")
BLOCK = re.compile(r"<!-- figures:(?P<name>[a-z0-9-]+) -->(?P<body>.*?)<!-- /figures -->", re.S)


# --- the results -------------------------------------------------------------------------


CONTAINER_RUNS = ("workshop-container", "workshop-container-default")
"""``run.py --container`` results (1 CPU of quota, 2 GiB): with p2p.cpus sizing TensorFlow's
threads to the quota, and without (``COURSE_THREADS=default``); shown when present."""


def load_results(profiles=PROFILES, folder: Path = HERE) -> dict:
    """The benchmark results of each profile, ``{profile: results JSON}``, and of the
    container runs that exist."""
    results = {p: json.loads((folder / f"results-{p}.json").read_text()) for p in profiles}
    for name in CONTAINER_RUNS:
        if (folder / f"results-{name}.json").exists():
            results[name] = json.loads((folder / f"results-{name}.json").read_text())
    return results


def rows(results: dict, profile: str) -> dict:
    """The rows of one profile by notebook number, ``{"01": row, ...}``."""
    return {row["notebook"]: row for row in results[profile]["rows"]}


def describe_run(seconds: float) -> str:
    """How long something runs, as the notebooks and documents say it.

    ``"under a minute"`` below 60 seconds, else ``"about N minutes"`` (``"about 1 minute"``).
    """
    if seconds < 60:
        return "under a minute"
    minutes = round(seconds / 60)
    return f"about {minutes} minute{'' if minutes == 1 else 's'}"


def percent(accuracy: float) -> str:
    return f"{accuracy:.1%}"  # one decimal: a target such as 80% is not met by 79.5%


def label(number: str) -> str:
    """``"01 Neurons"``."""
    return f"{number} {NOTEBOOKS[number][1]}"


def cores(results: dict, profile: str = "workshop") -> str:
    return f"{results[profile]['cpus']}-core CPU"


def measured(results: dict, profile: str) -> str:
    """Where and when a profile was measured, for a table caption."""
    r = results[profile]
    return (
        f"Measured with `make bench` on {r['date']}: {r['cpus']} CPU cores ({r['cpu']}), "
        f"TensorFlow {r['tensorflow']}."
    )


def time_parts(number: str, results: dict) -> dict:
    """The minutes a beginner spends on notebook ``number``, by part (see READING_WPM)."""
    sys.path.insert(0, str(REPO / "tools"))
    import prose  # tools/prose.py: the measure of the prose budgets

    measure = prose.measure(REPO / "notebooks" / NOTEBOOKS[number][0])
    return {
        "reading": measure["words"] / READING_WPM,
        "code": measure["code_lines"] / CODE_LINES_PER_MINUTE,
        "running": rows(results, "workshop")[number]["wall_s"] / 60,
        "exercises": sum(EXERCISE_MINUTES[number]),
    }


def teach_minutes(number: str, results: dict | None = None) -> int:
    """Minutes to work through notebook ``number``: its :func:`time_parts`, rounded up to
    the next 5 minutes."""
    total = sum(time_parts(number, results or load_results()).values())
    return 5 * math.ceil(total / 5)


def course_time(results: dict) -> str:
    """README: the whole course's time, the sum of the notebooks' own."""
    core = sum(teach_minutes(n, results) for n in NOTEBOOKS if n not in OPTIONAL)
    extra = sum(teach_minutes(n, results) for n in OPTIONAL)
    hours, minutes = divmod(core, 60)
    return (
        f"about {hours} hours {minutes} minutes for notebooks 01 to 07 ({core} minutes), "
        f"and {extra} minutes more for the optional notebook 08"
    )


def notebook_time_line(number: str, results: dict | None = None) -> str:
    """The standard **Time:** line of a notebook's opening Markdown cell."""
    results = results or load_results()
    wall = rows(results, "workshop")[number]["wall_s"]
    return (
        f"**Time:** about {teach_minutes(number, results)} minutes to work through; in the "
        f"`workshop` profile the whole notebook runs in {describe_run(wall)} on a "
        f"{cores(results)}."
    )


def _best_model_row(results: dict, profile: str, number: str = "06") -> dict:
    """The row of notebook ``number``, which has a cell that trains its best model."""
    row = rows(results, profile)[number]
    if not row.get("best_model_cell_s"):
        raise ValueError(f"notebook {number} has no best-model cell in {profile}")
    return row


def _slowest_other_cell(results: dict, profile: str) -> float:
    """The slowest cell of any notebook without a best-model cell."""
    return max(
        r["slowest_cell_s"] for r in rows(results, profile).values() if not r["best_model_cell_s"]
    )


# --- the blocks ----------------------------------------------------------------------------


def notebook_table(results: dict) -> str:
    """README: the notebooks, what each teaches, and the minutes to work through it."""
    from p2p.paths import REPOSITORY

    colab = REPOSITORY.replace("https://github.com/", "https://colab.research.google.com/github/")
    badge = "[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
    lines = ["| # | Notebook | What you learn | Time | Colab |", "|---|---|---|---|---|"]
    for number, (file, title, learn) in NOTEBOOKS.items():
        lines.append(
            f"| {number} | [{title}](notebooks/{file}) | {learn} "
            f"| {teach_minutes(number, results)} min "
            f"| {badge}({colab}/blob/main/notebooks/{file}) |"
        )
    return "\n".join(lines)


def profile_table(results: dict) -> str:
    """README: the three profiles, with the measured times and accuracies of 05 and 06."""
    from p2p.profiles import PROFILES as SIZES

    work, full = rows(results, "workshop"), rows(results, "full")
    best_work, best_full = _best_model_row(results, "workshop"), _best_model_row(results, "full")
    recipe_work = _best_model_row(results, "workshop", "08")
    recipe_full = _best_model_row(results, "full", "08")
    w, f, s = SIZES["workshop"], SIZES["full"], SIZES["smoke"]
    cnn_images = f" ({w.cnn_train_size:,} for the CNNs)" if w.cnn_train_size != w.train_size else ""
    workshop = (
        f"each training cell {describe_run(_slowest_other_cell(results, 'workshop'))} or less "
        f"on a {cores(results)} (06's best model "
        f"{describe_run(best_work['best_model_cell_s'])}, 08's recipe "
        f"{describe_run(recipe_work['best_model_cell_s'])}); test accuracy of the final model: "
        f"05's CNN {percent(work['05']['test_accuracy'])}, 06's best model "
        f"{percent(work['06']['test_accuracy'])}, 08's recipe "
        f"{percent(work['08']['test_accuracy'])}"
    )
    longer = (
        f"longer training; test accuracy of the final model: 05's CNN "
        f"{percent(full['05']['test_accuracy'])}, 06's best model "
        f"{percent(full['06']['test_accuracy'])} after "
        f"{describe_run(best_full['best_model_cell_s'])} of training, 08's recipe "
        f"{percent(full['08']['test_accuracy'])} after "
        f"{describe_run(recipe_full['best_model_cell_s'])} (the whole of 08 "
        f"{describe_run(recipe_full['wall_s'])}) on a {cores(results, 'full')}"
    )
    return "\n".join(
        [
            "| profile | for | data | training |",
            "|---|---|---|---|",
            f"| `workshop` (default) | a class or a first read | {w.train_size:,} training "
            f"images{cnn_images} | {workshop} |",
            f"| `full` | self-study | all {f.train_size:,} training images | {longer} |",
            f"| `smoke` | the test suite | {s.train_size:,} training images | one short epoch |",
        ]
    )


def binder_table(results: dict) -> str:
    """README: peak kernel memory and wall time of each notebook in the workshop profile."""
    lines = ["| notebook | peak kernel memory | wall time |", "|---|---|---|"]
    for number, row in rows(results, "workshop").items():
        lines.append(f"| {label(number)} | {row['peak_mb']:,} MB | {describe_run(row['wall_s'])} |")
    return "\n".join(lines + ["", measured(results, "workshop")])


def container(results: dict) -> str:
    """README: the course in a Binder-sized container (1 CPU of quota, 2 GiB), measured."""
    if "workshop-container" not in results:
        return "A container with Binder's single CPU was not measured."
    sized = rows(results, "workshop-container")
    total = sum(row["wall_s"] for row in sized.values())
    slow = max(sized.values(), key=lambda row: row["slowest_cell_s"])
    peak = max(max(row["peak_mb"], row.get("container_peak_mb", 0)) for row in sized.values())
    text = (
        f"In a container like a Binder session (on the benchmark machine: a control group "
        f"with a quota of 1 CPU and a 2 GiB memory limit: `benchmarks/run.py workshop "
        f"--container`), "
        f"all {len(sized)} notebooks ran top to bottom in {total / 60:.0f} minutes in the "
        f"`workshop` profile, peak memory {peak:,} MB; the slowest cell took "
        f"{describe_run(slow['slowest_cell_s'])} ({slow['slowest_cell_s']:.0f} s, notebook "
        f"{slow['notebook']})."
    )
    if "workshop-container-default" in results:
        default = rows(results, "workshop-container-default")
        pairs = [
            f"notebook {n} {default[n]['wall_s']:.0f} s with TensorFlow's own thread pools, "
            f"{sized[n]['wall_s']:.0f} s with them sized to the quota"
            for n in sorted(default)
            if n in sized
        ]
        text += (
            " A container sees every core of its host while its quota allows one; "
            "`import p2p` then sizes TensorFlow's thread pools to the quota (`p2p.cpus`): "
            + "; ".join(pairs)
            + f" (on a {results['workshop-container']['cpus']}-core host; on a host with more "
            "cores TensorFlow's own pools start more threads than here, which was not measured)."
        )
    return text


def peak_memory(results: dict) -> str:
    """README and instructors.md: the memory statement, under the next half gigabyte."""
    work = rows(results, "workshop")
    number = max(work, key=lambda n: work[n]["peak_mb"])
    mb = work[number]["peak_mb"]
    under = (mb // 512 + 1) / 2  # the next half gigabyte above the peak
    return (
        f"stays under {under:g} GB ({under * 1024:,.0f} MB) of kernel memory in the "
        f"`workshop` profile (at most {mb:,} MB, notebook {number})"
    )


def cell_times(results: dict) -> str:
    """instructors.md: how long the slowest cells take in the workshop profile."""
    best = _best_model_row(results, "workshop")
    recipe = _best_model_row(results, "workshop", "08")
    return (
        f"every cell finished in {describe_run(_slowest_other_cell(results, 'workshop'))} or "
        f"less on a {cores(results)}, except the cells that train notebook 06's best model "
        f"({describe_run(best['best_model_cell_s'])}) and the optional notebook 08's recipe "
        f"({describe_run(recipe['best_model_cell_s'])})"
    )


def best_model_cell(results: dict) -> str:
    """instructors.md: how long notebook 06's best-model cell runs."""
    work, full = _best_model_row(results, "workshop"), _best_model_row(results, "full")
    return (
        f"{describe_run(work['best_model_cell_s'])} in the `workshop` profile "
        f"({describe_run(full['best_model_cell_s'])} in `full`)"
    )


def timing_table(results: dict) -> str:
    """instructors.md: run minutes, longest cell, teach minutes, the slowest sections."""
    lines = [
        "| notebook | run (workshop) | longest cell | teach | sections that take time |",
        "|---|---|---|---|---|",
    ]
    for number, row in rows(results, "workshop").items():
        sections = sorted(row["sections_s"].items(), key=lambda kv: -kv[1])[:2]
        slow = "; ".join(f"{name} {seconds:.0f} s" for name, seconds in sections)
        lines.append(
            f"| {label(number)} | {row['wall_s'] / 60:.1f} min | {row['slowest_cell_s']:.0f} s "
            f"| {teach_minutes(number, results)} min | {slow} |"
        )
    return "\n".join(lines + ["", measured(results, "workshop")])


def half_gb(mb: float) -> float:
    """``mb`` megabytes rounded up to the next half gigabyte (512 MB), in GB."""
    return math.ceil(mb / 512) / 2


def gb(value: float) -> str:
    return f"{value:g} GB"


def memory_spec(value: float) -> str:
    """A size as JupyterHub's configuration writes it: ``"2G"``, or ``"2560M"`` for 2.5 GB."""
    return f"{value:g}G" if value == int(value) else f"{round(value * 1024)}M"


def hub_resources(results: dict) -> dict:
    """Memory guarantee and limit per learner (GB), and the figures they come from.

    guarantee = the largest peak kernel memory in the ``workshop`` profile + the single-user
    server's own memory, rounded up to the next half gigabyte. limit = the same with a second
    kernel left running (the two largest workshop peaks), or the largest peak of the ``full``
    profile, whichever is more, rounded up the same way.
    """
    work, full = rows(results, "workshop"), rows(results, "full")
    first, second = sorted(work, key=lambda n: -work[n]["peak_mb"])[:2]
    top_full = max(full, key=lambda n: full[n]["peak_mb"])
    one = work[first]["peak_mb"] + SINGLEUSER_SERVER_MB
    two = one + work[second]["peak_mb"]
    full_one = full[top_full]["peak_mb"] + SINGLEUSER_SERVER_MB
    return {
        "first": first,
        "second": second,
        "top_full": top_full,
        "one_mb": one,
        "two_mb": two,
        "full_mb": full_one,
        "guarantee": half_gb(one),
        "limit": max(half_gb(two), half_gb(full_one)),
    }


def hub_sizing(results: dict) -> str:
    """instructors.md: memory and CPU per learner and for a class, and how they were found."""
    r = hub_resources(results)
    work, full = rows(results, "workshop"), rows(results, "full")
    sizes = " | ".join(f"class of {n}" for n in CLASS_SIZES)
    lines = [f"| | per learner | {sizes} |", "|---|---|" + "---|" * len(CLASS_SIZES)]
    for name, value in (("memory guarantee", r["guarantee"]), ("memory limit", r["limit"])):
        totals = " | ".join(gb(n * value) for n in CLASS_SIZES)
        lines.append(f"| {name} | {gb(value)} | {totals} |")
    for name, cores in (
        ("CPU guarantee (recommended)", HUB_CPU_GUARANTEE),
        ("CPU limit (recommended)", HUB_CPU_LIMIT),
    ):
        totals = " | ".join(f"{n * cores:g} cores" for n in CLASS_SIZES)
        lines.append(f"| {name} | {cores:g} core{'' if cores == 1 else 's'} | {totals} |")
    how = (
        f"**Memory guarantee** = the largest peak kernel memory in the `workshop` profile "
        f"({work[r['first']]['peak_mb']:,} MB, notebook {r['first']}) + the single-user "
        f"server's own peak memory ({SINGLEUSER_SERVER_MB:,} MB, measured by "
        f"`tests/test_jupyterhub.py`) = {r['one_mb']:,} MB, rounded up to the next half "
        f"gigabyte. **Memory limit** = the same with a second kernel left running (the next "
        f"largest workshop peak, {work[r['second']]['peak_mb']:,} MB, notebook "
        f"{r['second']}) = {r['two_mb']:,} MB, rounded up the same way; it also covers the "
        f"`full` profile's largest peak ({full[r['top_full']]['peak_mb']:,} MB, notebook "
        f"{r['top_full']}) with the server ({r['full_mb']:,} MB). A class needs the memory "
        f"guarantee times the number of learners, plus room for the hub, the proxy and the "
        f"system; the limit total is the worst case, every learner at the limit at once."
    )
    cpu = (
        f"**CPU**: in the benchmark, {cell_times(results)}. {container(results)} The CPU "
        f"figures are a "
        f"recommendation, not a measurement: a guarantee of {HUB_CPU_GUARANTEE:g} core, so "
        f"that a cell the whole room runs at once still gets a core per learner, and the "
        f"benchmark's {HUB_CPU_LIMIT:g} cores as the limit."
    )
    source = "Kernel peaks m" + measured(results, "workshop")[1:]
    return "\n".join(lines + ["", how, "", cpu, "", source])


def hub_tljh_limits(results: dict) -> str:
    """instructors.md: the TLJH commands that set the limits per learner."""
    r = hub_resources(results)
    return "\n".join(
        [
            "```bash",
            f"sudo tljh-config set limits.memory {memory_spec(r['limit'])}",
            f"sudo tljh-config set limits.cpu {HUB_CPU_LIMIT:g}",
            "sudo tljh-config reload",
            "```",
        ]
    )


def hub_z2jh_resources(results: dict) -> str:
    """instructors.md: the Z2JH config.yaml lines for memory and CPU per learner."""
    r = hub_resources(results)
    return "\n".join(
        [
            "```yaml",
            "singleuser:",
            "  memory:",
            f"    guarantee: {memory_spec(r['guarantee'])}",
            f"    limit: {memory_spec(r['limit'])}",
            "  cpu:",
            f"    guarantee: {HUB_CPU_GUARANTEE:g}",
            f"    limit: {HUB_CPU_LIMIT:g}",
            "```",
        ]
    )


# name: (renderer, inline); inline blocks sit inside a sentence, the others are tables.
RENDERERS = {
    "notebook-table": (notebook_table, False),
    "profile-table": (profile_table, False),
    "binder-table": (binder_table, False),
    "peak-memory": (peak_memory, True),
    "cell-times": (cell_times, True),
    "best-model-cell": (best_model_cell, True),
    "timing-table": (timing_table, False),
    "hub-sizing": (hub_sizing, False),
    "hub-tljh-limits": (hub_tljh_limits, False),
    "hub-z2jh-resources": (hub_z2jh_resources, False),
    "container": (container, True),
    "course-time": (course_time, True),
}

# The blocks each document must hold.
EXPECTED = {
    "README.md": {
        "notebook-table",
        "profile-table",
        "binder-table",
        "peak-memory",
        "container",
        "course-time",
    },
    "instructors.md": {
        "cell-times",
        "peak-memory",
        "timing-table",
        "best-model-cell",
        "hub-sizing",
        "hub-tljh-limits",
        "hub-z2jh-resources",
    },
}


def render(name: str, results: dict | None = None) -> str:
    """The text between the markers of block ``name``."""
    results = results or load_results()
    renderer, inline = RENDERERS[name]
    text = renderer(results)
    return text if inline else f"\n\n{text}\n\n"


def outside_blocks(text: str) -> str:
    """A document's text with every generated block's content left out."""
    return BLOCK.sub(lambda m: f"<!-- figures:{m['name']} --><!-- /figures -->", text)


def sync(check: bool = False, results: dict | None = None, root: Path = REPO) -> list[str]:
    """Rewrite the generated blocks of README.md and instructors.md from the results.

    Args:
        check: only report; write nothing.
        results: the results to render (default: read from ``benchmarks/``).
        root: the folder holding the documents.

    Returns:
        The stale blocks as ``"README.md: binder-table"`` (in check mode), or the blocks
        rewritten; a missing or unknown block is listed as such in both modes.
    """
    results = results or load_results()
    stale = []
    for document in DOCUMENTS:
        path = root / document
        text = path.read_text()
        new, problems = _sync_text(document, text, results)
        stale += problems
        if not check and new != text:
            path.write_text(new)
    return stale


def _sync_text(document: str, text: str, results: dict) -> tuple[str, list[str]]:
    """One document's text with its blocks rendered, and its stale or faulty blocks."""
    found = [m["name"] for m in BLOCK.finditer(text)]
    opened = [m["name"] for m in OPEN.finditer(text)]
    problems = [f"{document}: {n} (missing)" for n in sorted(EXPECTED[document] - set(found))]
    problems += [f"{document}: {n} (unknown block)" for n in found if n not in RENDERERS]
    problems += [f"{document}: {n} (not closed)" for n in set(opened) - set(found)]
    parts, end = [], 0
    for match in BLOCK.finditer(text):
        name = match["name"]
        if name not in RENDERERS:
            continue
        body = render(name, results)
        if body != match["body"]:
            problems.append(f"{document}: {name}")
        parts += [text[end : match.start("body")], body]
        end = match.end("body")
    return "".join(parts) + text[end:], problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list stale blocks, write nothing")
    parser.add_argument("--lines", action="store_true", help="print the notebooks' Time lines")
    args = parser.parse_args()
    if args.lines:
        results = load_results()
        for number in NOTEBOOKS:
            print(f"{number}: {notebook_time_line(number, results)}")
        return 0
    stale = sync(check=args.check)
    verb = "stale" if args.check else "updated"
    print("\n".join(f"{verb}: {s}" for s in stale) or "every generated block is up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
