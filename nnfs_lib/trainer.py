"""Training a network: mini-batches, one optimizer step per batch, a per-epoch history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import Optimizer
from nnfs_lib.validation import as_float_array, as_generator, check_int


class Loss(Protocol):
    def forward(self, output: np.ndarray, y: np.ndarray) -> float: ...
    def backward(self) -> np.ndarray: ...


@dataclass
class History:
    """What happened during :func:`fit`, one entry per epoch."""

    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return len(self.train_loss)


def predict_classes(output: np.ndarray) -> np.ndarray:
    """Class predictions from a network's output: argmax of logits, or logit > 0 for one column."""
    if output.ndim != 2:
        raise ValueError(f"output must have shape (n, k); got {output.shape}")
    if output.shape[1] == 1:
        return (output[:, 0] > 0).astype(np.int64)
    return output.argmax(axis=1)


def accuracy(model: Sequential, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of examples whose predicted class (inference mode) equals ``y``."""
    y = np.asarray(y)
    labels = y if y.ndim == 1 else y.argmax(axis=1)
    return float(np.mean(predict_classes(model.predict(X)) == labels))


def train_step(
    model: Sequential, loss: Loss, optimizer: Optimizer, X: np.ndarray, y: np.ndarray
) -> float:
    """One forward pass, one backward pass, one optimizer step; returns the batch cost."""
    cost = loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    optimizer.step()
    return cost


def evaluate(model: Sequential, loss: Loss, X: np.ndarray, y: np.ndarray) -> float:
    """The cost on ``(X, y)`` in inference mode, without touching any gradient."""
    return loss.forward(model.predict(X), y)


def fit(
    model: Sequential,
    loss: Loss,
    optimizer: Optimizer,
    X: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int,
    batch_size: int | None = None,
    rng: np.random.Generator | int = 0,
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    classification: bool = True,
) -> History:
    """Train ``model`` for ``epochs`` passes over ``(X, y)``.

    Each epoch shuffles the rows with ``rng`` and takes one optimizer step per
    mini-batch of ``batch_size`` rows (the whole set when ``None``: full-batch
    gradient descent). After each epoch the history records the mean training
    cost over the epoch's batches and, when ``X_val`` is given, the validation
    cost; with ``classification`` it also records accuracies.
    """
    X = as_float_array("X", X, ndim=2)
    y = np.asarray(y)
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"X and y must have the same number of rows; got {X.shape[0]} and {y.shape[0]}"
        )
    epochs = check_int("epochs", epochs, minimum=1)
    n = X.shape[0]
    batch_size = n if batch_size is None else check_int("batch_size", batch_size, minimum=1)
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together")
    rng = as_generator("rng", rng)
    history = History()
    model.train()
    for _ in range(epochs):
        order = rng.permutation(n) if batch_size < n else np.arange(n)
        total = 0.0
        for start in range(0, n, batch_size):
            rows = order[start : start + batch_size]
            total += train_step(model, loss, optimizer, X[rows], y[rows]) * len(rows)
        history.train_loss.append(total / n)
        if classification:
            history.train_accuracy.append(accuracy(model, X, y))
        if X_val is not None:
            history.val_loss.append(evaluate(model, loss, X_val, y_val))
            if classification:
                history.val_accuracy.append(accuracy(model, X_val, y_val))
    return history
