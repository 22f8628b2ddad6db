"""scikit-learn's bundled handwritten digits: 1797 images of 8 x 8 pixels, no download."""

from __future__ import annotations

import numpy as np

from nnfs_lib.data.splits import Split, train_val_test_split
from nnfs_lib.validation import check_float_dtype


def load_digits_split(
    rng: np.random.Generator | int = 0,
    *,
    val_fraction: float = 0.15,
    test_fraction: float = 0.2,
    dtype: type = np.float32,
) -> Split:
    """The digits as a :class:`~nnfs_lib.data.splits.Split`, pixels scaled to [0, 1].

    ``X`` rows are the 64 pixels of one image (grey levels 0..16 divided by 16);
    ``y`` holds the digit 0..9 as int64. The data ship inside scikit-learn's
    wheel, so this works offline.
    """
    dtype = check_float_dtype("dtype", dtype)
    from sklearn.datasets import load_digits

    bunch = load_digits()
    X = (bunch.data / 16.0).astype(dtype)
    y = bunch.target.astype(np.int64)
    return train_val_test_split(X, y, rng, val_fraction=val_fraction, test_fraction=test_fraction)
