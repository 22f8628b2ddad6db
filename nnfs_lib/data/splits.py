"""Cutting a data set into training, validation and test parts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnfs_lib.validation import Array, Scalar, check_consistent_length, generator, validate


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


def _leaves_training_rows(arguments: dict) -> None:
    """:func:`train_val_test_split`'s check of its arguments together: ``y`` (as an array) has
    a row per row of ``X``, and ``n_test = round(test_fraction * n)`` and
    ``n_val = round(val_fraction * n)`` leave at least one training row."""
    X, y = arguments["X"], np.asarray(arguments["y"])
    arguments["y"] = y
    n = check_consistent_length(X=X, y=y)
    n_test, n_val = round(arguments["test_fraction"] * n), round(arguments["val_fraction"] * n)
    if n_test + n_val >= n:
        raise ValueError(
            f"val_fraction + test_fraction leave no training rows (n={n}, "
            f"{n_val} validation, {n_test} test)"
        )


_FRACTION = Scalar(low=0, high=1, closed="left")


@validate(
    _leaves_training_rows,
    X=Array(ndim=2),
    val_fraction=_FRACTION,
    test_fraction=_FRACTION,
    rng=generator,
)
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
    n_test, n_val = round(test_fraction * len(X)), round(val_fraction * len(X))
    order = rng.permutation(len(X))  # the rows, shuffled
    test, val, train = order[:n_test], order[n_test : n_test + n_val], order[n_test + n_val :]
    return Split(X[train], y[train], X[val], y[val], X[test], y[test])
