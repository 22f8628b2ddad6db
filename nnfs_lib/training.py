"""The one training loop of the book: mini-batches, one optimizer step per batch, a history.

Every chapter trains with :func:`fit`, from Part I's single neuron
(:func:`train_neuron` is :func:`fit` on a one-unit network) to Part III's
digits classifier. Its rules, decided once:

* Batching (:func:`minibatches`): ``batch_size=None`` is the whole set, kept in
  order, so full-batch gradient descent does not depend on ``rng``; otherwise
  ``1 <= batch_size <= n``, the rows are shuffled every epoch (unless the batch
  is the whole set), the last batch may be smaller, and every example is used
  once per epoch.
* Recording (:class:`History`): entry 0 is the state before training, entry
  ``k`` the state after epoch ``k``, measured on the whole set in inference mode.
* Classes (:func:`~nnfs_lib.metrics.predict_classes`): class 1 where the logit
  is >= 0; the argmax for several columns.
* Divergence: once a parameter, an output or the cost is not a finite number,
  training stops; nothing non-finite is recorded.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from nnfs_lib.layers import Dense, Sigmoid
from nnfs_lib.losses import BinaryCrossEntropyWithLogits, Loss, MeanSquaredError
from nnfs_lib.metrics import accuracy, accuracy_from_output
from nnfs_lib.network import Sequential
from nnfs_lib.neuron import neuron_predict
from nnfs_lib.optimizers import SGD, Optimizer
from nnfs_lib.schedules import Schedule
from nnfs_lib.validation import (
    as_generator,
    check_array,
    check_binary_labels,
    check_consistent_length,
    check_scalar,
)

Step = Callable[[Sequential, Loss, Optimizer, np.ndarray, np.ndarray], float]
"""A training step: ``step(model, loss, optimizer, X, y)`` updates the model, returns the cost."""


def minibatches(n: int, batch_size: int | None, rng: np.random.Generator) -> list[np.ndarray]:
    """The row indices of each mini-batch of one epoch over ``n`` examples.

    ``batch_size=None`` (or ``n``) gives one batch of every row in order, and
    ``rng`` is not used. Otherwise the rows are shuffled with ``rng`` and cut
    into consecutive batches of ``batch_size``; the last may be smaller. Every
    row appears exactly once, so an epoch makes ``ceil(n / batch_size)`` updates.

    Raises ``ValueError`` unless ``1 <= batch_size <= n``.
    """
    n = check_scalar("n", n, int, low=1)
    if batch_size is None or check_scalar("batch_size", batch_size, int, low=1, high=n) == n:
        return [np.arange(n)]
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


def train_step(
    model: Sequential, loss: Loss, optimizer: Optimizer, X: np.ndarray, y: np.ndarray
) -> float:
    """One step of gradient descent on the batch ``(X, y)``; returns the batch cost J."""
    J = loss.forward(model.forward(X), y)  # forward pass, then the cost of the batch
    model.backward(loss.backward())  # every parameter's grad <- dJ/dparameter
    optimizer.step()  # every parameter moves against its gradient
    return J


def evaluate(model: Sequential, loss: Loss, X: np.ndarray, y: np.ndarray) -> float:
    """The cost on ``(X, y)`` in inference mode (dropout off, batch norm's running statistics).

    No parameter and no gradient changes; the model's mode is restored afterwards.
    """
    X = check_array("X", X, ndim=2)
    check_consistent_length(X=X, y=y)
    return loss.forward(model.predict(X), y)


@dataclass
class History:
    """What happened during :func:`fit`: entry 0 before training, entry ``k`` after epoch ``k``.

    Attributes
    ----------
    train_loss : list of float
        ``train_loss[k]``: the cost on the whole training set, in inference mode.
    train_accuracy, val_loss, val_accuracy : list of float
        The same, when computed (accuracies with ``classification``, validation
        numbers when validation data are given); otherwise empty.
    updates : list of int
        ``updates[k]``: optimizer steps taken by the end of epoch ``k``.
    lr : list of float
        ``lr[k - 1]``: the learning rate used during epoch ``k``.
    epoch_time : list of float
        ``epoch_time[k - 1]``: seconds spent on epoch ``k``'s training steps.
    parameters : list of list of numpy.ndarray
        ``parameters[k]``: copies of every parameter (with ``record_parameters``).
    best_epoch : int or None
        The epoch whose weights early stopping kept.
    stopped_early : bool
        True when early stopping ended training.
    diverged : bool
        True when a parameter, an output or the cost stopped being finite.
    stopped_epoch : int or None
        The epoch in which training diverged.
    """

    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    updates: list[int] = field(default_factory=list)
    lr: list[float] = field(default_factory=list)
    epoch_time: list[float] = field(default_factory=list)
    parameters: list[list[np.ndarray]] = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False
    diverged: bool = False
    stopped_epoch: int | None = None

    @property
    def epochs(self) -> int:
        """The number of completed (recorded) epochs."""
        return len(self.train_loss) - 1

    @property
    def total_time(self) -> float:
        """Seconds spent on training steps, summed over the epochs."""
        return float(sum(self.epoch_time))


def _finite_output(model: Sequential, X: np.ndarray) -> np.ndarray | None:
    """The inference-mode output of ``model`` on ``X``; None unless it and every parameter are finite."""
    with np.errstate(over="ignore", invalid="ignore"):
        if not all(np.isfinite(p.data).all() for p in model.parameters()):
            return None
        output = model.predict(X)
        return output if np.isfinite(output).all() else None


def _is_finite(model: Sequential, X: np.ndarray) -> bool:
    """True when every parameter and every output of ``model`` on ``X`` is a finite number."""
    return _finite_output(model, X) is not None


def _record(
    history: History,
    model: Sequential,
    loss: Loss,
    optimizer: Optimizer,
    X: np.ndarray,
    y: np.ndarray,
    X_val: np.ndarray | None,
    y_val: np.ndarray | None,
    *,
    classification: bool,
    record_parameters: bool,
) -> bool:
    """Append the model's current state to ``history``; append nothing and return False if not finite."""
    output = _finite_output(model, X)  # one forward pass serves the cost and the accuracy
    if output is None:
        return False
    with np.errstate(over="ignore"):  # an overflowing cost is divergence, not a warning
        train_loss = loss.forward(output, y)
    if not np.isfinite(train_loss):
        return False
    history.train_loss.append(train_loss)
    history.updates.append(optimizer.t)
    if classification:
        history.train_accuracy.append(accuracy_from_output(output, y))
    if X_val is not None:
        history.val_loss.append(evaluate(model, loss, X_val, y_val))
        if classification:
            history.val_accuracy.append(accuracy(model, X_val, y_val))
    if record_parameters:
        history.parameters.append([p.data.copy() for p in model.parameters()])
    return True


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
    step: Step = train_step,
    record_parameters: bool = False,
    progress: bool | None = None,
) -> History:
    """Train ``model`` for ``epochs`` passes over ``(X, y)``; return its :class:`History`.

    Each epoch takes one ``step`` (default :func:`train_step`) per mini-batch of
    :func:`minibatches` (``batch_size=None``: full-batch gradient descent;
    ``rng`` shuffles). Before training and after every epoch the history records
    the cost on the whole training set in inference mode, the accuracy (with
    ``classification``), the same on ``(X_val, y_val)`` when given, the number of
    updates and, with ``record_parameters``, a copy of every parameter.

    * ``early_stopping``: an :class:`EarlyStopping` watching the validation cost
      (needs ``X_val``); ``history.best_epoch`` says which epoch it kept.
    * ``schedule``: a :class:`~nnfs_lib.schedules.Schedule` stepped after each epoch.
    * ``step``: another step function with :func:`train_step`'s signature, such
      as :func:`nnfs_lib.fast.fast_train_step`.
    * ``progress``: True or False forces a tqdm bar on or off; ``None`` shows it
      only when standard error is a terminal (never in a book build or CI log).

    Divergence: when a parameter, an output or the cost stops being finite,
    training stops with ``history.diverged`` set and ``history.stopped_epoch``
    naming the epoch; nothing non-finite is recorded, and with
    ``record_parameters`` the model gets back the last recorded parameters.
    """
    X, y, X_val, y_val, rng = _check_fit_arguments(
        model, loss, X, y, X_val, y_val, epochs, batch_size, rng, early_stopping
    )
    history = History()
    record = partial(
        _record, history, model, loss, optimizer, X, y, X_val, y_val,
        classification=classification, record_parameters=record_parameters,
    )  # fmt: skip
    record()  # entry 0: the state before training
    bar = _progress_bar(epochs, progress)
    for epoch in range(1, epochs + 1):
        history.lr.append(optimizer.lr)
        started = time.perf_counter()
        model.train()
        with np.errstate(over="ignore", invalid="ignore"):
            for rows in minibatches(len(X), batch_size, rng):
                if not _safe_step(step, model, loss, optimizer, X[rows], y[rows]):
                    break
        history.epoch_time.append(time.perf_counter() - started)
        if not record():  # entry k: the state after epoch k
            history.diverged, history.stopped_epoch = True, epoch
            break
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
    if history.diverged and record_parameters:
        for p, saved in zip(model.parameters(), history.parameters[-1], strict=True):
            p.data[...] = saved
    if early_stopping is not None:
        early_stopping.finish(model)
        history.best_epoch = early_stopping.best_epoch
    return history


def _check_fit_arguments(
    model: Sequential,
    loss: Loss,
    X: np.ndarray,
    y: np.ndarray,
    X_val: np.ndarray | None,
    y_val: np.ndarray | None,
    epochs: int,
    batch_size: int | None,
    rng: np.random.Generator | int,
    early_stopping: EarlyStopping | None,
) -> tuple:
    """:func:`fit`'s boundary: the arrays checked and converted, ``rng`` as a Generator.

    Also refuses a model whose parameters, outputs on ``X`` or cost are not finite
    before training, so that entry 0 of the history can always be recorded.
    """
    X, y = check_array("X", X, ndim=2), np.asarray(y)
    check_consistent_length(X=X, y=y)
    epochs = check_scalar("epochs", epochs, int, low=0)
    if batch_size is not None:
        check_scalar("batch_size", batch_size, int, low=1, high=len(X))
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together")
    if X_val is not None:
        X_val = check_array("X_val", X_val, ndim=2)
        check_consistent_length(X_val=X_val, y_val=y_val)
    if early_stopping is not None and X_val is None:
        raise ValueError("early_stopping watches the validation cost: give X_val and y_val")
    if not (_is_finite(model, X) and np.isfinite(evaluate(model, loss, X, y))):
        raise ValueError("the model's parameters, outputs or cost are not finite before training")
    return X, y, X_val, None if y_val is None else np.asarray(y_val), as_generator("rng", rng)


def _safe_step(
    step: Step, model: Sequential, loss: Loss, optimizer: Optimizer, X: np.ndarray, y: np.ndarray
) -> bool:
    """Take one step; False (divergence) if it fails because the model stopped being finite."""
    try:
        return bool(np.isfinite(step(model, loss, optimizer, X, y)))
    except ValueError:  # a loss or layer refusing a non-finite array
        if _is_finite(model, X):
            raise
        return False


def _progress_bar(total: int, enabled: bool | None):
    """A tqdm bar over epochs, or None. ``enabled=None``: only when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="epoch", leave=False)


def _arrays(model: Sequential) -> list[np.ndarray]:
    """Every parameter array, then every buffer (e.g. batch-norm running statistics)."""
    arrays = [p.data for p in model.parameters()]
    for layer in model.layers:
        if hasattr(layer, "buffers"):
            arrays.extend(layer.buffers().values())
    return arrays


def snapshot(model: Sequential) -> list[np.ndarray]:
    """Copies of every parameter and every buffer (e.g. batch-norm running statistics)."""
    return [a.copy() for a in _arrays(model)]


def restore(model: Sequential, saved: list[np.ndarray]) -> None:
    """Write a :func:`snapshot` back into the model's arrays, in place."""
    arrays = _arrays(model)
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
        self.patience = check_scalar("patience", patience, int, low=1)
        self.min_delta = check_scalar("min_delta", min_delta, low=0.0)
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


def train_neuron(
    X: np.ndarray,
    y: np.ndarray,
    *,
    lr: float = 0.5,
    epochs: int = 50,
    batch_size: int | None = None,
    loss: str = "bce",
    w0: np.ndarray | None = None,
    b0: float = 0.0,
    rng: np.random.Generator | int = 0,
) -> tuple[np.ndarray, float, History]:
    r"""Train one sigmoid neuron by gradient descent with :func:`fit` (algorithm ``alg-train-gd``).

    The neuron is a one-unit network: ``Dense(d, 1)``, whose output is the
    logit :math:`z = \mathbf{x}^\top\mathbf{w} + b`, trained with
    :class:`~nnfs_lib.losses.BinaryCrossEntropyWithLogits` (``loss="bce"``), or
    ``Dense(d, 1) -> Sigmoid`` trained with
    :class:`~nnfs_lib.losses.MeanSquaredError` (``loss="mse"``); the optimizer
    is :class:`~nnfs_lib.optimizers.SGD` with rate ``lr``. ``batch_size`` and
    ``rng`` are :func:`fit`'s. The history's ``train_accuracy`` uses
    :func:`~nnfs_lib.neuron.neuron_predict` (class 1 where :math:`z \ge 0`) and
    its ``parameters[k]`` holds ``[W, b]`` after epoch ``k`` (``W`` of shape (d, 1)).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Inputs; float32 or float64 (kept).
    y : array_like, shape (n,)
        Labels, each 0 or 1.
    w0, b0 : starting weights (zeros if omitted) and bias (0).

    Returns
    -------
    w : numpy.ndarray, shape (d,)
        The final weights (after divergence: those of the last recorded epoch).
    b : float
        The final bias (likewise).
    history : History
    """
    X = check_array("X", X, ndim=2)
    y = check_array("y", y, ndim=1)
    check_consistent_length(X=X, y=y)
    check_binary_labels("y", y)
    if loss not in ("bce", "mse"):
        raise ValueError(f"loss must be 'bce' or 'mse'; got {loss!r}")
    dense = Dense(X.shape[1], 1, rng=0, init="zeros", dtype=X.dtype)
    if w0 is not None:
        w0 = check_array("w0", w0, ndim=1)
        check_consistent_length(w0=w0, X_columns=X.T)
        dense.W.data[:, 0] = w0
    dense.b.data[0] = check_scalar("b0", b0)
    model = Sequential([dense] if loss == "bce" else [dense, Sigmoid()])
    cost = BinaryCrossEntropyWithLogits() if loss == "bce" else MeanSquaredError()
    optimizer = SGD(model.parameters(), lr=check_scalar("lr", lr, low=0.0, closed="neither"))
    history = fit(
        model, cost, optimizer, X, y, epochs=epochs, batch_size=batch_size, rng=rng,
        classification=False, record_parameters=True,
    )  # fmt: skip
    history.train_accuracy = [
        float(np.mean(neuron_predict(X, W[:, 0], float(b[0])) == y)) for W, b in history.parameters
    ]
    return dense.W.data[:, 0].copy(), float(dense.b.data[0]), history
