"""The install routes cannot drift apart, and the helper package starts quietly."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.support import REPO


def pins(text: str) -> dict[str, str]:
    """name -> version for every `name==version` line (comments ignored)."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"^\s*-?\s*([A-Za-z0-9_.\-\[\]]+)==([^\s#]+)", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_requirements_and_environment_yml_pin_the_same_versions():
    requirements = pins((REPO / "requirements.txt").read_text())
    conda = pins((REPO / "environment.yml").read_text())
    assert len(requirements) >= 10
    assert requirements == conda


def test_every_environment_yml_dependency_says_what_it_is_for():
    lines = (REPO / "environment.yml").read_text().splitlines()
    deps = [line for line in lines if re.match(r"^\s+- ", line) and "conda-forge" not in line]
    undocumented = [line.strip() for line in deps if "#" not in line and line.strip() != "- pip:"]
    assert not undocumented


def test_installed_versions_match_the_pins():
    """Those of requirements.txt; in the oldest environment (tools/oldest.py sets
    COURSE_PIN_FILE), those of requirements-oldest.txt."""
    from importlib.metadata import PackageNotFoundError, version

    pin_file = os.environ.get("COURSE_PIN_FILE", "requirements.txt")
    assert pin_file in ("requirements.txt", "requirements-oldest.txt"), pin_file
    wrong = {}
    for name, pinned in pins((REPO / pin_file).read_text()).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            wrong[name] = (pinned, installed)
    assert not wrong, f"pinned vs installed: {wrong}"


def test_oldest_requirements_are_the_lower_bounds():
    """requirements-oldest.txt starts with TensorFlow, Keras and NumPy at pyproject.toml's
    lower bounds (the patch release may be later), and every other helper need too."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.version import Version

    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    bounds = {r.name: r.specifier for r in map(Requirement, dependencies)}
    oldest = pins((REPO / "requirements-oldest.txt").read_text())
    assert list(oldest)[:3] == ["tensorflow", "keras", "numpy"]
    for name in ("tensorflow", "keras", "numpy"):
        (bound,) = bounds[name]  # one lower bound, no pin
        assert bound.operator == ">=", (name, str(bound))
        lowest = Version(bound.version).release
        assert Version(oldest[name]).release[: len(lowest)] == lowest, (name, oldest[name])
    assert set(bounds) <= set(oldest), set(bounds) - set(oldest)


def test_readme_states_the_supported_range():
    """README's "Supported versions": from requirements-oldest.txt to requirements.txt."""
    readme = " ".join((REPO / "README.md").read_text().split())
    oldest = pins((REPO / "requirements-oldest.txt").read_text())
    newest = pins((REPO / "requirements.txt").read_text())
    for name, label in (("tensorflow", "TensorFlow"), ("keras", "Keras"), ("numpy", "NumPy")):
        low, high = (".".join(pin[name].split(".")[:2]) for pin in (oldest, newest))
        assert f"{label} {low} to {high}" in readme, f"README should say {label} {low} to {high}"


def test_readme_and_classifiers_name_the_tested_pythons():
    """CI tests requires-python's lower bound (.venv) and the Python of tools/py313.py
    (.venv-py313); README says so, and the classifiers list every Python in between."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    lowest = project["requires-python"].removeprefix(">=")
    newest = re.search(r"^VERSION = \((\d+), (\d+)\)", (REPO / "tools/py313.py").read_text(), re.M)
    newest = ".".join(newest.groups())
    readme = " ".join((REPO / "README.md").read_text().split())
    assert f"Python {lowest} to {newest} (tested on {lowest} and {newest}" in readme
    prefix = "Programming Language :: Python :: "
    listed = [c.removeprefix(prefix) for c in project["classifiers"] if c.startswith(prefix + "3.")]
    first, last = (int(version.split(".")[1]) for version in (lowest, newest))
    assert listed == [f"3.{minor}" for minor in range(first, last + 1)]


def test_setup_prints_one_banner_and_no_tensorflow_logs():
    code = "import p2p; p = p2p.setup(); import keras; keras.ops.ones((2, 2)); print(p.name)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Pixels to Predictions · profile smoke")
    assert "TensorFlow 2." in lines[0] and "Keras 3." in lines[0]
    assert lines[-1] == "smoke"
    assert result.stderr.strip() == "", f"unexpected log output: {result.stderr[:500]}"


def last_line_of(code: str) -> str:
    """What a fresh Python running ``code`` prints last (it must not fail)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_setup_makes_the_colour_blind_safe_palette_matplotlibs_default():
    from p2p.plots import PALETTE

    code = (
        "import p2p, matplotlib; p2p.setup(); "
        "print(*matplotlib.rcParams['axes.prop_cycle'].by_key()['color'])"
    )
    assert last_line_of(code).split() == list(PALETTE.values())


def test_download_command_explains_no_network(capsys):
    from p2p.download import main

    assert main([]) == 1
    assert "No network" in capsys.readouterr().out


def learner_pins() -> dict[str, str]:
    """requirements.txt without the lines marked test-only."""
    lines = (REPO / "requirements.txt").read_text().splitlines()
    return pins("\n".join(line for line in lines if "test-only" not in line))


def test_binder_installs_the_same_versions_with_cpu_tensorflow():
    binder = pins((REPO / "binder" / "requirements.txt").read_text())
    assert "tensorflow" not in binder, "Binder uses the CPU-only build"
    binder["tensorflow"] = binder.pop("tensorflow-cpu")
    assert binder == learner_pins()


def test_binder_start_and_postbuild():
    start = (REPO / "binder" / "start").read_text()
    assert 'exec "$@"' in start and "COURSE_PROFILE" in start
    post = (REPO / "binder" / "postBuild").read_text()
    assert "p2p-download" in post and "pip install --no-deps -e ." in post
    for script in ("start", "postBuild"):
        assert (REPO / "binder" / script).stat().st_mode & 0o111, f"{script} is not executable"


def test_readme_binder_badge_opens_jupyterlab_at_notebook_01():
    readme = (REPO / "README.md").read_text()
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]+\)", readme)
    assert badge, "no Binder badge link in the README"
    assert "urlpath=lab/tree/notebooks/01_neurons.ipynb" in badge.group(0)
    assert (REPO / "notebooks" / "01_neurons.ipynb").exists()


def test_a_profile_chosen_in_setup_is_the_one_every_helper_uses():
    code = (
        "import p2p; p2p.setup(profile='full'); from p2p.profiles import get_profile; "
        "print(get_profile().name)"
    )
    assert last_line_of(code) == "full"
