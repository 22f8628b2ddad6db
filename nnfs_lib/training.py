"""Training a network: mini-batches, one optimizer step per batch, a per-epoch history.

:func:`fit` can also stop early when the validation cost stops improving
(keeping the best weights, see :class:`EarlyStopping`), follow a learning-rate
schedule, and show a progress bar. The bar is drawn only when asked for or
when standard error is a terminal, so a book build or a CI log never fills
with progress lines.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from nnfs_lib.metrics import accuracy
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import Optimizer
from nnfs_lib.schedules import Schedule
from nnfs_lib.validation import as_float_array, as_generator, check_int, check_real


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
    lr: list[float] = field(default_factory=list)
    epoch_time: list[float] = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False

    @property
    def epochs(self) -> int:
        return len(self.train_loss)

    @property
    def total_time(self) -> float:
        """Seconds spent in :func:`fit`'s epochs (training and evaluation)."""
        return float(sum(self.epoch_time))


def snapshot(model: Sequential) -> list[np.ndarray]:
    """Copies of every parameter and every buffer (e.g. batch-norm running statistics)."""
    arrays = [p.data for p in model.parameters()]
    for layer in model.layers:
        if hasattr(layer, "buffers"):
            arrays.extend(layer.buffers().values())
    return [a.copy() for a in arrays]


def restore(model: Sequential, saved: list[np.ndarray]) -> None:
    """Write a :func:`snapshot` back into the model's arrays, in place."""
    arrays = [p.data for p in model.parameters()]
    for layer in model.layers:
        if hasattr(layer, "buffers"):
            arrays.extend(layer.buffers().values())
    if len(arrays) != len(saved):
        raise ValueError(f"snapshot holds {len(saved)} arrays but the model has {len(arrays)}")
    for target, value in zip(arrays, saved, strict=True):
        target[...] = value


class EarlyStopping:
    """Stop when the validation cost has not improved for ``patience`` epochs.

    An epoch *improves* when its validation cost is below the best so far by
    more than ``min_delta``. With ``restore_best`` the model gets back the
    weights (and buffers) of its best epoch when training ends, whether it
    stopped early or ran out of epochs.
    """

    def __init__(self, patience: int = 5, *, min_delta: float = 0.0, restore_best: bool = True):
        self.patience = check_int("patience", patience, minimum=1)
        self.min_delta = check_real("min_delta", min_delta)
        if self.min_delta < 0:
            raise ValueError(f"min_delta must be >= 0; got {self.min_delta}")
        self.restore_best = bool(restore_best)
        self.best: float = np.inf
        self.best_epoch: int | None = None
        self.wait = 0
        self._saved: list[np.ndarray] | None = None

    def update(self, epoch: int, value: float, model: Sequential) -> bool:
        """Record epoch ``epoch``'s validation cost; returns True when training should stop."""
        if value < self.best - self.min_delta:
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best:
                self._saved = snapshot(model)
            return False
        self.wait += 1
        return self.wait >= self.patience

    def finish(self, model: Sequential) -> None:
        """Put the best weights back (when ``restore_best``)."""
        if self.restore_best and self._saved is not None:
            restore(model, self._saved)


def _progress(total: int, enabled: bool | None):
    """A tqdm bar over epochs, or None. ``enabled=None``: only when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="epoch", leave=False)


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
    early_stopping: EarlyStopping | None = None,
    schedule: Schedule | None = None,
    progress: bool | None = None,
) -> History:
    """Train ``model`` for ``epochs`` passes over ``(X, y)``.

    Each epoch shuffles the rows with ``rng`` and takes one optimizer step per
    mini-batch of ``batch_size`` rows (the whole set when ``None``: full-batch
    gradient descent). After each epoch the history records the mean training
    cost over the epoch's batches and, when ``X_val`` is given, the validation
    cost; with ``classification`` it also records accuracies.

    Optional extras:

    * ``early_stopping``: an :class:`EarlyStopping` watching the validation
      cost (needs ``X_val``); ``history.best_epoch`` says which epoch won.
    * ``schedule``: a :class:`~nnfs_lib.schedules.Schedule` stepped after each
      epoch; ``history.lr`` records the rate each epoch used.
    * ``progress``: True or False forces the tqdm bar on or off; ``None``
      (default) shows it only when standard error is a terminal.
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
    if early_stopping is not None and X_val is None:
        raise ValueError("early_stopping watches the validation cost: give X_val and y_val")
    rng = as_generator("rng", rng)
    history = History()
    model.train()
    bar = _progress(epochs, progress)
    for epoch in range(epochs):
        started = time.perf_counter()
        history.lr.append(optimizer.lr)
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
        history.epoch_time.append(time.perf_counter() - started)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(loss=f"{history.train_loss[-1]:.4f}")
        if schedule is not None:
            schedule.step()
        if early_stopping is not None and early_stopping.update(epoch, history.val_loss[-1], model):
            history.stopped_early = True
            break
    if bar is not None:
        bar.close()
    if early_stopping is not None:
        early_stopping.finish(model)
        history.best_epoch = early_stopping.best_epoch
    return history
