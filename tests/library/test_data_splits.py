"""Tests of nnfs_lib.data.splits: disjoint parts that hold every row once, sizes, validation."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.data import train_val_test_split


def test_parts_are_disjoint_and_cover_every_row(rng: np.random.Generator) -> None:
    X = np.arange(40, dtype=np.float64).reshape(20, 2)
    y = np.arange(20)
    split = train_val_test_split(X, y, rng, val_fraction=0.25, test_fraction=0.2)
    assert split.sizes() == (11, 5, 4)  # test = round(0.2 * 20), validation = round(0.25 * 20)
    rows = np.concatenate([split.y_train, split.y_val, split.y_test])
    np.testing.assert_array_equal(np.sort(rows), y)
    np.testing.assert_array_equal(split.X_train[:, 0], 2 * split.y_train)


def test_row_counts_must_agree(rng: np.random.Generator) -> None:
    with pytest.raises(ValueError, match="X and y must have the same number of rows"):
        train_val_test_split(np.ones((4, 2)), np.ones(3), rng)


def test_fractions_must_leave_training_rows(rng: np.random.Generator) -> None:
    with pytest.raises(ValueError, match="leave no training rows"):
        train_val_test_split(np.ones((4, 2)), np.ones(4), rng, val_fraction=0.5, test_fraction=0.5)
    with pytest.raises(ValueError, match=r"val_fraction must be in \[0, 1\)"):
        train_val_test_split(np.ones((4, 2)), np.ones(4), rng, val_fraction=1.0)
