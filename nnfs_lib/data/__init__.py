"""Real data sets: scikit-learn's bundled digits (offline), and MNIST / Fashion-MNIST
(downloaded once, verified, cached) read by our own IDX parser."""

from nnfs_lib.data.digits import load_digits_split
from nnfs_lib.data.idx import IDXError, parse_idx, read_idx
from nnfs_lib.data.mnist import ChecksumError, DatasetUnavailable, load_mnist

__all__ = [
    "ChecksumError",
    "DatasetUnavailable",
    "IDXError",
    "load_digits_split",
    "load_mnist",
    "parse_idx",
    "read_idx",
]
