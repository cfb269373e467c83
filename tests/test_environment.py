"""The install routes cannot drift apart, and the helper package starts quietly."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


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
    from importlib.metadata import PackageNotFoundError, version

    wrong = {}
    for name, pinned in pins((REPO / "requirements.txt").read_text()).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            wrong[name] = (pinned, installed)
    assert not wrong, f"pinned vs installed: {wrong}"


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


def test_download_command_explains_no_network(capsys):
    from p2p.download import main

    assert main([]) == 1
    assert "No network" in capsys.readouterr().out
