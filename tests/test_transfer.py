"""Tests of p2p.transfer: the pretrained base is built only when its weights can be had."""

from __future__ import annotations

import pytest

from p2p import transfer


def test_offline_without_cache_prints_one_line_and_returns_none(monkeypatch, capsys):
    asked = []

    def no_network(host="", **kwargs):
        asked.append(host)
        return False

    monkeypatch.setattr(transfer, "network_available", no_network)
    assert transfer.pretrained_base() is None
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1
    assert "No network" in printed[0]
    assert asked == [transfer.WEIGHTS_HOST]


def test_cached_weights_are_used_without_asking_the_network(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    assert not transfer.weights_cached(96)
    weights = transfer.keras_models_cache() / transfer.MOBILENET_V2_FILE.format(alpha=1.0, size=96)
    weights.parent.mkdir(parents=True)
    weights.write_bytes(b"")
    assert transfer.weights_cached(96)
    assert not transfer.weights_cached(128)

    def must_not_ask(**kwargs):
        raise AssertionError("the network was asked although the weights are cached")

    monkeypatch.setattr(transfer, "network_available", must_not_ask)
    import keras

    built = {}

    def fake_mobilenet(**kwargs):
        built.update(kwargs)
        return keras.Sequential([keras.Input(shape=(96, 96, 3)), keras.layers.Conv2D(2, 3)])

    monkeypatch.setattr(keras.applications, "MobileNetV2", fake_mobilenet)
    base = transfer.pretrained_base(96)
    assert base is not None and base.trainable is False
    assert built["include_top"] is False and built["weights"] == "imagenet"


def test_failed_download_is_one_line_not_a_traceback(monkeypatch, capsys):
    import keras

    monkeypatch.setattr(transfer, "network_available", lambda **kwargs: True)

    def broken(**kwargs):
        raise Exception("URL fetch failure")  # what keras raises for a failed download

    monkeypatch.setattr(keras.applications, "MobileNetV2", broken)
    assert transfer.pretrained_base() is None
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "could not be downloaded" in printed[0]


def test_unsupported_size_is_refused():
    with pytest.raises(ValueError, match="96"):
        transfer.pretrained_base(size=32)
