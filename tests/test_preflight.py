"""Unit tests of p2p.preflight: the set-up check passes here and explains each failure."""

from __future__ import annotations

from p2p import preflight


def test_everything_passes_here(shared_cifar, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(shared_cifar.parent))
    real_training = preflight.check_training
    monkeypatch.setattr(preflight, "check_training", lambda: real_training(budget_s=1.0))
    results = preflight.run_checks()
    out = capsys.readouterr().out
    statuses = {r.name: r.status for r in results}
    assert statuses["Python"] == statuses["TensorFlow"] == preflight.OK
    assert statuses["Widgets"] == statuses["Data"] == statuses["Training"] == preflight.OK
    assert statuses["GPU"] in (preflight.OK, preflight.NOTE)  # fine either way
    assert "All set" in out
    assert "images/s" in next(r.message for r in results if r.name == "Training")


def test_missing_widget_extension_fails_with_instructions(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(preflight, "labextension_paths", lambda: [tmp_path])
    monkeypatch.setattr(
        preflight, "check_training", lambda: preflight.Result("Training", preflight.OK, "-")
    )
    assert preflight.main() == 1
    out = capsys.readouterr().out
    assert "widget extension is not installed" in out
    assert "pip install jupyterlab_widgets" in out
    assert "1 problem(s) to fix" in out


def test_missing_data_is_a_note_with_the_download_command(capsys):
    result = preflight.check_datasets()
    assert result.status == preflight.NOTE
    assert "make download" in result.message


def test_wrong_data_folder_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    result = preflight.check_datasets()
    assert result.status == preflight.FAIL and "COURSE_DATA_DIR" in result.message


def test_training_failure_is_reported_not_raised(monkeypatch):
    import keras

    def broken(*args, **kwargs):
        raise RuntimeError("no BLAS")

    monkeypatch.setattr(keras.Model, "fit", broken)
    result = preflight.check_training(budget_s=0.1)
    assert result.status == preflight.FAIL and "no BLAS" in result.message


def test_supported_versions_are_pyproject_s():
    """Read from pyproject.toml in a checkout, from the installed package's metadata in
    the oldest environment (tools/oldest.py): the same bounds either way."""
    import tomllib

    from tests.support import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    bounds = preflight.supported()
    assert bounds["python"] == project["requires-python"]
    for name in preflight.CHECKED:
        assert f"{name}{bounds[name]}" in project["dependencies"]


def test_versions_pass_here():
    result = preflight.check_versions()
    assert result.status == preflight.OK
    assert "TensorFlow 2." in result.message and "Keras 3." in result.message


def test_too_old_versions_fail_in_one_line_that_says_what_to_run(monkeypatch):
    bounds = {"tensorflow": ">=2.0", "keras": ">=99", "numpy": ">=98.1"}
    monkeypatch.setattr(preflight, "supported", lambda: bounds)
    result = preflight.check_versions()
    assert result.status == preflight.FAIL and "\n" not in str(result)
    assert '%pip install --upgrade "keras>=99" "numpy>=98.1"' in result.message
    assert "TensorFlow" not in result.message and "restart the kernel" in result.message
    assert preflight.check_tensorflow().status == preflight.FAIL


def test_setup_says_what_to_do_when_a_version_is_too_old():
    import subprocess
    import sys

    from tests.support import REPO

    code = (
        "from p2p import preflight\n"
        "preflight.supported = lambda: {'keras': '>=99'}\n"
        "import p2p\n"
        "p2p.setup()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    banner, line = result.stdout.strip().splitlines()
    assert banner.startswith("Pixels to Predictions")
    assert "older than the course supports" in line and '"keras>=99"' in line


def test_on_colab_and_kaggle_the_advice_fits_the_platform(tmp_path, monkeypatch):
    """No JupyterLab extension to install, no `make`: the platform's own words."""
    import keras

    assert preflight.hosted() is None  # here
    monkeypatch.setattr(preflight, "labextension_paths", lambda: [tmp_path])  # no extension
    for variable, platform in (
        ("COLAB_RELEASE_TAG", "Colab"),
        ("KAGGLE_KERNEL_RUN_TYPE", "Kaggle"),
    ):
        monkeypatch.setenv(variable, "x")
        assert preflight.hosted() == platform
        widgets = preflight.check_widgets()
        assert widgets.status == preflight.OK and f"shown by {platform}" in widgets.message
        data = preflight.check_datasets()
        assert data.status == preflight.NOTE and "make" not in data.message
        assert "the first notebook that needs it downloads it" in data.message
        monkeypatch.delenv(variable)

    monkeypatch.setenv("COLAB_RELEASE_TAG", "x")
    monkeypatch.setattr(keras.Model, "fit", lambda *a, **k: 1 / 0)
    training = preflight.check_training(budget_s=0.1)
    assert "Restart the session" in training.message and "make" not in training.message
