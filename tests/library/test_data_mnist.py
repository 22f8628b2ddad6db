"""The MNIST loader, with fixture files written here. Nothing touches the network."""

from __future__ import annotations

import gzip
import hashlib
import struct
import urllib.error
import urllib.request

import numpy as np
import pytest

from nnfs_lib.data import mnist
from nnfs_lib.data.mnist import ChecksumError, DatasetUnavailable, load_mnist


def idx_images(n: int, seed: int) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
    return gzip.compress(struct.pack(">HBBIII", 0, 8, 3, n, 28, 28) + pixels.tobytes(), mtime=0)


def idx_labels(labels: list[int]) -> bytes:
    return gzip.compress(struct.pack(">HBBI", 0, 8, 1, len(labels)) + bytes(labels), mtime=0)


FIXTURES = {
    "train_images": idx_images(5, 0),
    "train_labels": idx_labels([0, 1, 2, 3, 9]),
    "test_images": idx_images(3, 1),
    "test_labels": idx_labels([4, 5, 6]),
}


@pytest.fixture(autouse=True)
def fake_dataset(monkeypatch, tmp_path):
    """Point the cache at tmp, use the fixtures' checksums, and forbid the real network."""
    monkeypatch.setenv("NNFS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NNFS_NO_DOWNLOAD", raising=False)
    files = {
        key: (name, hashlib.md5(FIXTURES[key]).hexdigest())
        for key, (name, _) in mnist.DATASETS["mnist"]["files"].items()
    }
    monkeypatch.setitem(mnist.DATASETS, "mnist", {"mirrors": ("m1/", "m2/"), "files": files})

    def no_network(*args, **kwargs):
        raise AssertionError("a test tried to use the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    return tmp_path


def by_name(name: str) -> bytes:
    for key, (filename, _) in mnist.DATASETS["mnist"]["files"].items():
        if filename == name:
            return FIXTURES[key]
    raise KeyError(name)


@pytest.fixture
def fake_download(monkeypatch):
    calls = []

    def download(url, destination, timeout):
        calls.append(url)
        destination.write_bytes(by_name(url.rsplit("/", 1)[-1]))

    monkeypatch.setattr(mnist, "_download", download)
    return calls


def test_data_dir_follows_environment(fake_dataset):
    assert mnist.data_dir() == fake_dataset


def test_downloads_once_then_uses_the_cache(fake_download, fake_dataset):
    X_train, y_train, X_test, y_test = load_mnist(download=True)
    assert X_train.shape == (5, 784) and X_test.shape == (3, 784)
    assert X_train.dtype == np.float32 and 0 <= X_train.min() and X_train.max() <= 1
    np.testing.assert_array_equal(y_train, [0, 1, 2, 3, 9])
    assert y_test.dtype == np.int64
    assert len(fake_download) == 4 and all(url.startswith("m1/") for url in fake_download)
    assert (fake_dataset / "mnist" / "t10k-labels-idx1-ubyte.gz").exists()
    load_mnist(download=True)
    assert len(fake_download) == 4  # nothing fetched the second time


def test_pixels_scaled_from_the_file(fake_download):
    X_train = load_mnist(download=True)[0]
    raw = np.frombuffer(gzip.decompress(FIXTURES["train_images"])[16:], dtype=np.uint8)
    np.testing.assert_allclose(X_train.ravel(), raw / 255, rtol=1e-6)


def test_missing_files_without_download_flag():
    with pytest.raises(DatasetUnavailable, match="call with download=True"):
        load_mnist()


def test_no_download_environment_variable_wins(monkeypatch, fake_download):
    monkeypatch.setenv("NNFS_NO_DOWNLOAD", "1")
    with pytest.raises(DatasetUnavailable, match="downloads are disabled"):
        load_mnist(download=True)
    assert fake_download == []


def test_corrupt_download_is_deleted_and_reported(monkeypatch, fake_dataset):
    def truncated(url, destination, timeout):
        destination.write_bytes(by_name(url.rsplit("/", 1)[-1])[:-10])

    monkeypatch.setattr(mnist, "_download", truncated)
    with pytest.raises(ChecksumError, match="does not match the official"):
        load_mnist(download=True)
    assert list((fake_dataset / "mnist").iterdir()) == []


def test_corrupt_cached_file_is_deleted_and_reported(fake_download, fake_dataset):
    load_mnist(download=True)
    path = fake_dataset / "mnist" / "train-labels-idx1-ubyte.gz"
    path.write_bytes(b"garbage")
    with pytest.raises(ChecksumError, match="has been deleted"):
        load_mnist()
    assert not path.exists()


def test_falls_back_to_second_mirror(monkeypatch):
    calls = []

    def flaky(url, destination, timeout):
        calls.append(url)
        if url.startswith("m1/"):
            raise urllib.error.URLError("unreachable")
        destination.write_bytes(by_name(url.rsplit("/", 1)[-1]))

    monkeypatch.setattr(mnist, "_download", flaky)
    load_mnist(download=True)
    assert sum(url.startswith("m2/") for url in calls) == 4


def test_no_network_gives_clear_error(monkeypatch, fake_dataset):
    def offline(url, destination, timeout):
        destination.write_bytes(b"partial")
        raise TimeoutError("timed out")

    monkeypatch.setattr(mnist, "_download", offline)
    with pytest.raises(DatasetUnavailable, match=r"could not download train-images.*m1/.*m2/"):
        load_mnist(download=True)
    assert list((fake_dataset / "mnist").iterdir()) == []  # no partial file left behind


def test_labels_out_of_range(monkeypatch, fake_dataset):
    bad = idx_labels([0, 1, 2, 3, 12])
    files = dict(mnist.DATASETS["mnist"]["files"])
    files["train_labels"] = (files["train_labels"][0], hashlib.md5(bad).hexdigest())
    monkeypatch.setitem(mnist.DATASETS, "mnist", {"mirrors": ("m1/",), "files": files})
    folder = fake_dataset / "mnist"
    folder.mkdir()
    for key, (name, _) in files.items():
        (folder / name).write_bytes(bad if key == "train_labels" else FIXTURES[key])
    with pytest.raises(ValueError, match=r"labels must be digits 0..9; found 12"):
        load_mnist()


def test_argument_errors():
    with pytest.raises(ValueError, match="kind must be one of"):
        load_mnist("cifar")
    with pytest.raises(ValueError, match="timeout must be > 0"):
        load_mnist(timeout=0)


def test_official_checksums_are_listed():
    for kind in ("mnist", "fashion"):
        for name, md5 in mnist.DATASETS[kind]["files"].values():
            assert name.endswith("-ubyte.gz") and len(md5) == 32
