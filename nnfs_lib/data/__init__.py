"""Data: seeded toy sets made in code, scikit-learn's bundled digits (offline), MNIST and
Fashion-MNIST (downloaded once, verified, cached) read by our own IDX parser, and the
train / validation / test split."""

from nnfs_lib.data.augment import augment_with_shifts, random_shifts, shift_images
from nnfs_lib.data.digits import load_digits_split
from nnfs_lib.data.idx import IDXError, parse_idx, read_idx
from nnfs_lib.data.mnist import (
    FASHION_CLASSES,
    ChecksumError,
    DatasetUnavailable,
    data_dir,
    download_allowed,
    file_md5,
    load_mnist,
)
from nnfs_lib.data.preprocessing import Standardizer
from nnfs_lib.data.splits import Split, train_val_test_split
from nnfs_lib.data.toy import (
    make_blobs,
    make_circles,
    make_moons,
    make_sine,
    make_spiral,
    make_xor,
    xor_truth_table,
)

__all__ = [
    "FASHION_CLASSES",
    "ChecksumError",
    "DatasetUnavailable",
    "IDXError",
    "Split",
    "Standardizer",
    "augment_with_shifts",
    "data_dir",
    "download_allowed",
    "file_md5",
    "load_digits_split",
    "load_mnist",
    "make_blobs",
    "make_circles",
    "make_moons",
    "make_sine",
    "make_spiral",
    "make_xor",
    "parse_idx",
    "random_shifts",
    "read_idx",
    "shift_images",
    "train_val_test_split",
    "xor_truth_table",
]
