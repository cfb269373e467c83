"""p2p.measured: the benchmark's ablation table, shipped with the package for notebook 06."""

from __future__ import annotations

import json
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
    """The file notebook 06 shows was written by benchmarks/ablation.py as it is now."""
    result = json.loads((measured.RESULTS / "ablation-workshop.json").read_text())
    assert [row["ingredient"] for row in result["rows"]] == [step[0] for step in ladder()]
    assert [row["kept"] for row in result["rows"]] == [step[-1] for step in ladder()]
    assert result["epochs"] == p2p.get_profile("workshop").epochs_for("best")
    assert result["train_images"] == p2p.get_profile("workshop").cnn_train_size
    assert all(0.1 < row["val_accuracy"] < 1 and row["fit_s"] > 0 for row in result["rows"])


def test_ablation_table_changes_are_against_the_kept_row_above(tmp_path, monkeypatch, capsys):
    rows = [
        {"ingredient": "plain", "val_accuracy": 0.70, "fit_s": 80.0, "kept": True},
        {"ingredient": "+ a", "val_accuracy": 0.75, "fit_s": 90.0, "kept": True},
        {"ingredient": "+ b", "val_accuracy": 0.74, "fit_s": 95.0, "kept": False},
        {"ingredient": "+ c", "val_accuracy": 0.76, "fit_s": 99.4, "kept": False},
    ]
    result = {
        "date": "2026-11-22",
        "epochs": 5,
        "train_images": 45000,
        "cpus": 2,
        "tensorflow": "2.21.0",
        "rows": rows,
    }
    (tmp_path / "ablation-workshop.json").write_text(json.dumps(result))
    monkeypatch.setattr(measured, "RESULTS", tmp_path)
    table = measured.ablation()
    assert "measured on 2026-11-22: 5 epochs on 45,000 training images" in capsys.readouterr().out
    assert list(table.index) == ["plain", "+ a", "+ b", "+ c"]
    assert table["validation accuracy (%)"].tolist() == [70.0, 75.0, 74.0, 76.0]
    # nothing above the first row; both left-out rows against "+ a"
    assert table["change (points)"].tolist() == ["", "+5.0", "-1.0", "+1.0"]
    assert table["kept"].tolist() == ["yes", "yes", "left out", "left out"]
    assert table["fit time (s)"].tolist() == [80, 90, 95, 99]


def test_missing_results_say_how_to_make_them(tmp_path, monkeypatch):
    monkeypatch.setattr(measured, "RESULTS", tmp_path)
    with pytest.raises(p2p.CourseError, match=r"python benchmarks/ablation.py full"):
        measured.ablation("full")
    (tmp_path / "ablation-full.json").write_text("{not json")
    with pytest.raises(p2p.CourseError, match="No ablation results"):
        measured.ablation("full")


def test_the_results_are_in_the_package_colab_installs(tmp_path):
    """The %pip install of the notebooks' first cell builds a wheel: the table must be in it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(tmp_path), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "p2p/results/ablation-workshop.json" in names
    assert "p2p/measured.py" in names
