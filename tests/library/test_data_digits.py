from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.data.digits import load_digits_split


def test_digits_split_shapes_scale_and_labels():
    s = load_digits_split(0)
    assert sum(s.sizes()) == 1797
    assert s.X_train.shape[1] == 64 and s.X_train.dtype == np.float32
    assert 0.0 <= s.X_train.min() and s.X_train.max() == 1.0
    assert set(np.unique(s.y_train)) == set(range(10)) and s.y_train.dtype == np.int64
    assert s.sizes() == (1168, 270, 359)


def test_digits_split_reproducible_and_seed_dependent():
    a, b, c = load_digits_split(1), load_digits_split(1), load_digits_split(2)
    np.testing.assert_array_equal(a.X_test, b.X_test)
    assert not np.array_equal(a.y_test, c.y_test)


def test_float64_and_dtype_error():
    assert load_digits_split(0, dtype=np.float64).X_val.dtype == np.float64
    with pytest.raises(TypeError, match="dtype must be float32 or float64"):
        load_digits_split(0, dtype=np.int32)
