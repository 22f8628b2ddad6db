"""Cutting a data set into training, validation and test parts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnfs_lib.validation import as_generator, check_array, check_consistent_length, check_scalar


@dataclass(frozen=True)
class Split:
    """A data set cut into training, validation and test parts."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray

    def sizes(self) -> tuple[int, int, int]:
        return len(self.y_train), len(self.y_val), len(self.y_test)


def train_val_test_split(
    X: np.ndarray,
    y: np.ndarray,
    rng: np.random.Generator | int,
    *,
    val_fraction: float = 0.15,
    test_fraction: float = 0.15,
) -> Split:
    """Shuffle the rows with ``rng`` and cut them into train / validation / test.

    The test part is the first ``round(test_fraction * n)`` shuffled rows, the
    validation part the next ``round(val_fraction * n)``, training the rest.
    The three parts are disjoint and together hold every row once.
    """
    X, y, rng, n_test, n_val = _check_split(X, y, rng, val_fraction, test_fraction)
    order = rng.permutation(len(X))  # the rows, shuffled
    test, val, train = order[:n_test], order[n_test : n_test + n_val], order[n_test + n_val :]
    return Split(X[train], y[train], X[val], y[val], X[test], y[test])


def _check_split(
    X: object, y: object, rng: object, val_fraction: object, test_fraction: object
) -> tuple[np.ndarray, np.ndarray, np.random.Generator, int, int]:
    """:func:`train_val_test_split`'s boundary: the arrays, the Generator, and the part sizes
    ``n_test = round(test_fraction * n)`` and ``n_val = round(val_fraction * n)``,
    which must leave at least one training row."""
    X, y = check_array("X", X, ndim=2), np.asarray(y)
    n = check_consistent_length(X=X, y=y)
    val_fraction = check_scalar("val_fraction", val_fraction, low=0, high=1, closed="left")
    test_fraction = check_scalar("test_fraction", test_fraction, low=0, high=1, closed="left")
    n_test, n_val = round(test_fraction * n), round(val_fraction * n)
    if n_test + n_val >= n:
        raise ValueError(
            f"val_fraction + test_fraction leave no training rows (n={n}, "
            f"{n_val} validation, {n_test} test)"
        )
    return X, y, as_generator("rng", rng), n_test, n_val
