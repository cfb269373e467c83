"""The set-up check passes on a working machine and explains each failure."""

from __future__ import annotations

from p2p import check


def test_everything_passes_here(shared_cifar, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(shared_cifar.parent))
    real_training = check.check_training
    monkeypatch.setattr(check, "check_training", lambda: real_training(budget_s=1.0))
    results = check.run_checks()
    out = capsys.readouterr().out
    statuses = {r.name: r.status for r in results}
    assert statuses["Python"] == statuses["TensorFlow"] == check.OK
    assert statuses["Widgets"] == statuses["Data"] == statuses["Training"] == check.OK
    assert statuses["GPU"] in (check.OK, check.NOTE)  # fine either way
    assert "All set" in out
    assert "images/s" in next(r.message for r in results if r.name == "Training")


def test_missing_widget_extension_fails_with_instructions(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(check, "labextension_paths", lambda: [tmp_path])
    monkeypatch.setattr(check, "check_training", lambda: check.Result("Training", check.OK, "-"))
    assert check.main() == 1
    out = capsys.readouterr().out
    assert "widget extension is not installed" in out
    assert "pip install jupyterlab_widgets" in out
    assert "1 problem(s) to fix" in out


def test_missing_data_is_a_note_with_the_download_command(capsys):
    result = check.check_datasets()
    assert result.status == check.NOTE
    assert "make download" in result.message


def test_wrong_data_folder_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    result = check.check_datasets()
    assert result.status == check.FAIL and "COURSE_DATA_DIR" in result.message


def test_training_failure_is_reported_not_raised(monkeypatch):
    import keras

    def broken(*args, **kwargs):
        raise RuntimeError("no BLAS")

    monkeypatch.setattr(keras.Model, "fit", broken)
    result = check.check_training(budget_s=0.1)
    assert result.status == check.FAIL and "no BLAS" in result.message
