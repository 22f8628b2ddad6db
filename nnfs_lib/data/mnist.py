"""MNIST and Fashion-MNIST: downloaded once, verified by checksum, cached, parsed by :mod:`~nnfs_lib.data.idx`.

Nothing is downloaded unless the caller asks for it (``download=True``) *and*
the environment allows it: with ``NNFS_NO_DOWNLOAD=1`` (CI sets it) the loader
only reads files already in the cache. The cache is ``$NNFS_DATA_DIR`` if that
variable is set, else ``~/.cache/nnfs_data``; each data set has a folder in it.

Every file is checked against the MD5 checksum of the official release before
it is used. A file that does not match (a truncated or corrupted download, or
a damaged cache) is deleted and :class:`ChecksumError` is raised: a bad file is
never silently used. MD5 is fine here: it guards against accidents, not attacks.
"""

from __future__ import annotations

import hashlib
import os
import urllib.request
from pathlib import Path

import numpy as np

from nnfs_lib.data.idx import read_idx
from nnfs_lib.validation import check_float_dtype, check_scalar

ENV_DATA_DIR = "NNFS_DATA_DIR"
ENV_NO_DOWNLOAD = "NNFS_NO_DOWNLOAD"

DATASETS: dict[str, dict[str, object]] = {
    "mnist": {
        "mirrors": (
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ),
        "files": {
            "train_images": ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            "train_labels": ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
            "test_images": ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
            "test_labels": ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
        },
    },
    "fashion": {
        "mirrors": (
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
        ),
        "files": {
            "train_images": ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            "train_labels": ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
            "test_images": ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
            "test_labels": ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
        },
    },
}
"""Where each data set lives and the MD5 of each official file."""

FASHION_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)


class DatasetUnavailable(RuntimeError):
    """The files are not in the cache and could not (or may not) be downloaded."""


class ChecksumError(ValueError):
    """A file's checksum differs from the official one; the file has been deleted."""


def data_dir() -> Path:
    """The cache folder: ``$NNFS_DATA_DIR``, else ``~/.cache/nnfs_data``."""
    configured = os.environ.get(ENV_DATA_DIR)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "nnfs_data"


def download_allowed() -> bool:
    """False when the environment variable ``NNFS_NO_DOWNLOAD`` is set to 1 (or true/yes)."""
    return os.environ.get(ENV_NO_DOWNLOAD, "").strip().lower() not in ("1", "true", "yes")


def file_md5(path: Path) -> str:
    """MD5 hex digest of a file, read in blocks."""
    digest = hashlib.md5(usedforsecurity=False)
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(url: str, destination: Path, timeout: float) -> None:
    """Fetch ``url`` into ``destination`` (the one place that touches the network)."""
    with urllib.request.urlopen(url, timeout=timeout) as response, destination.open("wb") as out:
        while block := response.read(1 << 20):
            out.write(block)


def _verify(path: Path, expected_md5: str) -> None:
    actual = file_md5(path)
    if actual != expected_md5:
        path.unlink(missing_ok=True)
        raise ChecksumError(
            f"{path.name}: MD5 {actual} does not match the official {expected_md5} "
            f"(truncated or corrupted file). The file has been deleted; "
            f"call again with download=True to fetch a fresh copy."
        )


def fetch_file(kind: str, key: str, *, directory: Path, download: bool, timeout: float) -> Path:
    """The verified local path of one file of a data set, downloading it if allowed."""
    filename, md5 = DATASETS[kind]["files"][key]
    path = directory / filename
    if path.exists():
        _verify(path, md5)
        return path
    if not download:
        raise DatasetUnavailable(
            f"{path} is not in the cache; call with download=True to fetch it "
            f"(or put the official file there)"
        )
    if not download_allowed():
        raise DatasetUnavailable(
            f"{path} is not in the cache and downloads are disabled ({ENV_NO_DOWNLOAD}=1)"
        )
    directory.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    errors = []
    for mirror in DATASETS[kind]["mirrors"]:
        try:
            _download(mirror + filename, partial, timeout)
        except OSError as error:  # URLError, timeouts and HTTP errors are OSErrors
            partial.unlink(missing_ok=True)
            errors.append(f"{mirror}: {error}")
            continue
        _verify(partial, md5)
        partial.replace(path)
        return path
    raise DatasetUnavailable(f"could not download {filename}: " + "; ".join(errors))


def load_mnist(
    kind: str = "mnist",
    *,
    download: bool = False,
    directory: str | Path | None = None,
    timeout: float = 10.0,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Load MNIST (``kind="mnist"``) or Fashion-MNIST (``kind="fashion"``).

    Returns ``(X_train, y_train, X_test, y_test)``: ``X`` of shape ``(n, 784)``
    in ``dtype`` with pixels scaled to [0, 1], ``y`` int64 labels 0..9
    (60,000 training and 10,000 test images).

    Parameters
    ----------
    kind : "mnist" or "fashion"
    download : bool, default False
        Fetch missing files (once; they are cached). Ignored, with a clear
        error, when ``NNFS_NO_DOWNLOAD=1``.
    directory : path, optional
        The cache root; :func:`data_dir` by default. Files go in ``directory/kind``.
    timeout : float
        Seconds to wait for the network before giving up on a mirror.

    Raises
    ------
    DatasetUnavailable
        The files are missing and cannot be fetched.
    ChecksumError
        A file is corrupt (it has been deleted).
    IDXError
        A file passes the checksum but is not the expected IDX content.
    """
    if kind not in DATASETS:
        raise ValueError(f"kind must be one of {sorted(DATASETS)}; got {kind!r}")
    timeout = check_scalar("timeout", timeout, low=0, closed="neither")
    dtype = check_float_dtype("dtype", dtype)
    root = data_dir() if directory is None else Path(directory)
    folder = root / kind
    arrays = {}
    for key in DATASETS[kind]["files"]:
        path = fetch_file(kind, key, directory=folder, download=download, timeout=timeout)
        arrays[key] = read_idx(path)
    result = []
    for part in ("train", "test"):
        images, labels = arrays[f"{part}_images"], arrays[f"{part}_labels"]
        if images.ndim != 3 or images.dtype != np.uint8:
            raise ValueError(f"{part} images must be a 3-D uint8 array; got {images.shape}")
        if labels.ndim != 1 or len(labels) != len(images):
            raise ValueError(
                f"{part} labels must be one per image; got {labels.shape} for {len(images)} images"
            )
        if labels.size and labels.max() > 9:
            raise ValueError(f"{part} labels must be digits 0..9; found {labels.max()}")
        X = images.reshape(len(images), -1).astype(dtype) / dtype.type(255)
        result += [X, labels.astype(np.int64)]
    return tuple(result)
