"""Tests of p2p.transfer: the pretrained weights are found, downloaded, or skipped in one line."""

from __future__ import annotations

import functools
import http.server
import threading

import numpy as np
import pytest

from p2p import paths, transfer


def test_offline_without_cache_prints_one_line_and_returns_none(monkeypatch, capsys):
    asked = []

    def no_network(host="", **kwargs):
        asked.append(host)
        return False

    monkeypatch.setattr(transfer, "network_available", no_network)
    assert transfer.imagenet_weights() is None
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1
    assert "No network" in printed[0]
    assert asked == [transfer.WEIGHTS_HOST]


def test_cached_weights_are_used_without_asking_the_network(monkeypatch):
    weights = transfer.weights_file(96)
    assert weights.parent == paths.keras_models_dir()
    assert not weights.exists()
    weights.parent.mkdir(parents=True)
    weights.write_bytes(b"cached")

    def must_not_ask(**kwargs):
        raise AssertionError("the network was asked although the weights are cached")

    monkeypatch.setattr(transfer, "network_available", must_not_ask)
    assert transfer.imagenet_weights(96) == weights
    assert transfer.weights_file(128) != weights


@pytest.fixture
def weights_server(tmp_path):
    """A local HTTP server that serves the files of a folder, like the weights host."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_download_goes_into_the_keras_cache(monkeypatch, weights_server):
    served, url = weights_server
    name = transfer.weights_file(96).name
    (served / name).write_bytes(b"weights" * 100)
    monkeypatch.setattr(transfer, "network_available", lambda **kwargs: True)
    monkeypatch.setattr(transfer, "WEIGHTS_URL", url)
    path = transfer.imagenet_weights(96)
    assert path == transfer.weights_file(96)
    assert path.read_bytes() == b"weights" * 100


def test_failed_download_is_one_line_not_a_traceback(monkeypatch, weights_server, capsys):
    _, url = weights_server  # serves nothing: the file is missing (HTTP 404)
    monkeypatch.setattr(transfer, "network_available", lambda **kwargs: True)
    monkeypatch.setattr(transfer, "WEIGHTS_URL", url)
    assert transfer.imagenet_weights() is None
    out = capsys.readouterr().out
    printed = out.strip().splitlines()  # Keras' "Downloading data from ..." line, then ours
    assert "could not be downloaded" in printed[-1] and "404" in printed[-1]
    assert len(printed) <= 2 and "Traceback" not in out
    assert not transfer.weights_file(96).exists()


def test_a_weights_file_loads_into_keras_applications(monkeypatch):
    """The path the helper returns is what keras.applications takes as `weights`."""
    import h5py
    import keras
    from keras.src.legacy.saving import legacy_h5_format

    def build(weights):
        return keras.applications.MobileNetV2(
            input_tensor=keras.Input(shape=(96, 96, 3)), include_top=False, weights=weights
        )

    original = build(None)
    path = transfer.weights_file(96)
    path.parent.mkdir(parents=True)
    with h5py.File(path, "w") as handle:  # the layout of the published weights files
        legacy_h5_format.save_weights_to_hdf5_group(handle, original)
    monkeypatch.setattr(transfer, "network_available", lambda **kwargs: False)
    loaded = build(transfer.imagenet_weights(96))
    assert all(
        np.array_equal(a, b)
        for a, b in zip(original.get_weights(), loaded.get_weights(), strict=True)
    )


def test_unsupported_size_is_refused():
    with pytest.raises(ValueError, match="96"):
        transfer.imagenet_weights(size=32)
