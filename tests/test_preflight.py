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
