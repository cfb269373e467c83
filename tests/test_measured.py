"""p2p.measured: the benchmark's ablation table, shipped with the package for notebook 08."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import p2p
from p2p import measured

REPO = Path(__file__).resolve().parents[1]


def ladder():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import ablation
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return ablation.LADDER


def test_the_shipped_workshop_ablation_is_the_benchmarks_ladder():
    """The file notebook 08 shows was written by benchmarks/ablation.py as it is now."""
    result = json.loads((measured.RESULTS / "ablation-workshop.json").read_text())
    assert [row["ingredient"] for row in result["rows"]] == [step[0] for step in ladder()]
    assert [row["kept"] for row in result["rows"]] == [step[-1] for step in ladder()]
    assert result["epochs"] == p2p.get_profile("workshop").epochs_for("recipe")
    assert result["train_images"] == p2p.get_profile("workshop").cnn_train_size
    assert all(0.1 < row["val_accuracy"] < 1 and row["fit_s"] > 0 for row in result["rows"])


def test_ablation_table_changes_are_against_the_kept_row_above(tmp_path, monkeypatch, capsys):
    rows = [
        {"ingredient": "plain", "val_accuracy": 0.70, "fit_s": 80.0, "kept": True},
        {"ingredient": "+ a", "val_accuracy": 0.75, "fit_s": 90.0, "kept": True},
        {"ingredient": "+ b", "val_accuracy": 0.74, "fit_s": 95.0, "kept": False},
        {"ingredient": "+ c", "val_accuracy": 0.76, "fit_s": 99.4, "kept": False},
        {"ingredient": "+ d", "val_accuracy": 0.73, "fit_s": 90.0, "kept": False},
    ]
    result = {
        "date": "2026-11-22",
        "epochs": 5,
        "train_images": 45000,
        "val_images": 5000,
        "cpus": 2,
        "tensorflow": "2.21.0",
        "rows": rows,
    }
    (tmp_path / "ablation-workshop.json").write_text(json.dumps(result))
    monkeypatch.setattr(measured, "RESULTS", tmp_path)
    table = measured.ablation()
    assert "measured on 2026-11-22: 5 epochs on 45,000 training images" in capsys.readouterr().out
    assert list(table.index) == ["plain", "+ a", "+ b", "+ c", "+ d"]
    assert table["validation accuracy (%)"].tolist() == [70.0, 75.0, 74.0, 76.0, 73.0]
    # nothing above the first row; the left-out rows against "+ a"
    assert table["change (points)"].tolist() == ["", "+5.0", "-1.0", "+1.0", "-2.0"]
    # the line near 75% on 5,000 images: 2 x sqrt(2) x sqrt(0.75 x 0.25 / 5000) = 1.73 points
    assert table["clear?"].tolist() == ["", "clear", "within noise", "within noise", "clear"]
    assert table["kept"].tolist() == ["yes", "yes", "left out", "left out", "left out"]
    assert table["fit time (s)"].tolist() == [80, 90, 95, 99, 90]


def test_noise_line_is_twice_the_standard_error_of_a_difference():
    assert measured.noise_line(0.75, 5000) == pytest.approx(0.01732, abs=1e-5)
    assert measured.noise_line(0.5, 200) == pytest.approx(2 * 2**0.5 * 0.5 / 200**0.5)


def test_missing_results_say_how_to_make_them(tmp_path, monkeypatch):
    monkeypatch.setattr(measured, "RESULTS", tmp_path)
    with pytest.raises(p2p.CourseError, match=r"python benchmarks/ablation.py full"):
        measured.ablation("full")
    (tmp_path / "ablation-full.json").write_text("{not json")
    with pytest.raises(p2p.CourseError, match="No ablation results"):
        measured.ablation("full")


def test_the_results_are_in_the_package_colab_installs(tmp_path):
    """The %pip install of the notebooks' first cell builds a wheel: the table must be in it.
    Built from a copy of what the build reads, so that setuptools' build/ folder is not
    left in the working tree."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "helpers",
        source / "helpers",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "p2p/results/ablation-workshop.json" in names
    assert "p2p/measured.py" in names
