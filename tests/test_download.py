"""Unit tests of p2p.download: the `p2p-download` command, without touching the network."""

from __future__ import annotations

import pytest

from p2p import data, download
from p2p.errors import CourseDataError
from p2p.paths import keras_cache_dir

from tests.support import make_keras_cache


@pytest.fixture
def online(monkeypatch):
    """The network is reported available; any real download fails the test."""

    def no_download(*args, **kwargs):
        raise AssertionError("the test tried to download CIFAR-10")

    monkeypatch.setattr(data, "network_available", lambda *a, **k: True)
    monkeypatch.setattr(data, "download_cifar10", no_download)


def test_without_a_network_it_says_what_to_do_in_one_line(capsys):
    assert download.main([]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1
    assert printed[0].startswith("No network")
    assert "`p2p-download` again" in printed[0]


def test_an_unknown_data_set_is_refused(online, capsys):
    assert download.main(["nope"]) == 2
    out = capsys.readouterr().out
    assert "Unknown data set 'nope'" in out
    assert "cifar10 or fashion_mnist" in out


def test_a_prepared_cache_is_ready_without_downloading(online, capsys):
    make_keras_cache(keras_cache_dir())
    assert download.main(["cifar10"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == [f"cifar10: ready in {keras_cache_dir()}"]


def test_a_failed_download_is_reported_not_raised(online, monkeypatch, capsys):
    def failing(cache_dir=None):
        raise CourseDataError("The CIFAR-10 download failed: URL fetch failure")

    monkeypatch.setattr(data, "download_cifar10", failing)
    assert download.main(["cifar10"]) == 1
    out = capsys.readouterr().out
    assert "cifar10: The CIFAR-10 download failed" in out
    assert "ready" not in out
