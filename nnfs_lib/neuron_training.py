"""Training one sigmoid neuron by gradient descent (the chapter "The training loop").

:func:`train_neuron` runs full-batch, mini-batch or stochastic gradient
descent (``book/part1/training.md``, algorithm ``alg-train-gd``) on the cost of
:func:`nnfs_lib.neuron.neuron_cost`, with the gradients of
:func:`nnfs_lib.neuron.neuron_gradients`, and records what happened in a
:class:`NeuronHistory`: one entry before training and one after every epoch.

Divergence
----------
A learning rate that is far too large makes the cost jump up instead of down.
That is shown, not hidden: the cost of every epoch is recorded as it is. Only
if the parameters or the cost stop being finite numbers (overflow to ``inf``,
or ``nan``) does training stop early: the non-finite values are *not*
recorded, ``history.diverged`` is set to True and ``history.stopped_epoch``
names the epoch in which it happened, so every recorded number can still be
plotted. NumPy's floating-point warnings are silenced inside the loop for the
same reason: the flag, not a warning, reports the event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnfs_lib.neuron import _check_loss, neuron_cost, neuron_gradients, neuron_predict
from nnfs_lib.validation import (
    as_float_array,
    as_generator,
    check_binary_labels,
    check_int,
    check_positive,
    check_real,
)


@dataclass
class NeuronHistory:
    """What happened while :func:`train_neuron` ran.

    Every list has one entry for the starting point (index 0, "epoch 0") and
    one per completed epoch, so ``cost[k]`` is the cost on the whole training
    set after ``k`` epochs.

    Attributes
    ----------
    cost : list of float
        Full-training-set cost ``J(w, b)``.
    accuracy : list of float
        Fraction of training examples classified correctly (``z >= 0`` means 1).
    w : list of numpy.ndarray, each of shape (d,)
        Snapshots of the weights (copies).
    b : list of float
        Snapshots of the bias.
    updates : list of int
        Number of parameter updates made so far.
    diverged : bool
        True if training stopped because a parameter or the cost became inf or NaN.
    stopped_epoch : int or None
        The epoch during which that happened, else None.
    """

    cost: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    w: list[np.ndarray] = field(default_factory=list)
    b: list[float] = field(default_factory=list)
    updates: list[int] = field(default_factory=list)
    diverged: bool = False
    stopped_epoch: int | None = None

    @property
    def epochs(self) -> int:
        """Number of completed epochs."""
        return len(self.cost) - 1

    def record(
        self, X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, loss: str, updates: int
    ) -> bool:
        """Append the state ``(w, b)``; return False (appending nothing) if it is not finite."""
        if not _finite(X, w, b):
            return False
        with np.errstate(over="ignore", invalid="ignore"):
            cost = neuron_cost(X, y, w, b, loss)
        if not np.isfinite(cost):
            return False
        self.cost.append(cost)
        self.accuracy.append(float(np.mean(neuron_predict(X, w, b) == y)))
        self.w.append(w.copy())
        self.b.append(float(b))
        self.updates.append(updates)
        return True


def _finite(X: np.ndarray, w: np.ndarray, b: float) -> bool:
    """True if ``w``, ``b`` and every pre-activation ``X w + b`` are finite numbers."""
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        return False
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.all(np.isfinite(X @ w + X.dtype.type(b))))


def batch_slices(n: int, batch_size: int | None) -> list[slice]:
    """The consecutive slices an epoch of ``n`` (shuffled) examples is cut into.

    ``batch_size=None`` gives one slice of all ``n`` (full batch). Otherwise
    the slices have ``batch_size`` rows and the last may be smaller: every
    example is used once per epoch, so an epoch makes ``ceil(n / batch_size)``
    updates.
    """
    n = check_int("n", n, minimum=1)
    if batch_size is None:
        return [slice(0, n)]
    batch_size = check_int("batch_size", batch_size, minimum=1)
    return [slice(start, min(start + batch_size, n)) for start in range(0, n, batch_size)]


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
) -> tuple[np.ndarray, float, NeuronHistory]:
    r"""Train a sigmoid neuron by gradient descent: :math:`\theta \leftarrow \theta - \eta\,\nabla J_B(\theta)`.

    Each epoch shuffles the examples (with ``rng``) unless the batch is the
    whole set, cuts them into batches (:func:`batch_slices`) and makes one
    update per batch ``B`` with the gradient of that batch's mean cost
    (eq. ``eq-train-update``).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Inputs, one example per row; float32 or float64 (kept).
    y : array_like, shape (n,)
        Labels, each 0 or 1.
    lr : float, default 0.5
        Learning rate :math:`\eta > 0`.
    epochs : int, default 50
        Number of passes over the data (0 just records the start).
    batch_size : int or None, default None
        ``None``: full-batch gradient descent, one update per epoch.
        ``1``: stochastic gradient descent, ``n`` updates per epoch.
        Anything between: mini-batch gradient descent.
    loss : {"bce", "mse"}
        Binary cross-entropy (from logits) or mean squared error.
    w0 : array_like of shape (d,), optional
        Starting weights; zeros if omitted.
    b0 : float, default 0.0
        Starting bias.
    rng : numpy.random.Generator or int, default 0
        Source of the shuffling; the same seed gives the same run.

    Returns
    -------
    w : numpy.ndarray, shape (d,)
        The final weights (after divergence: those of the last recorded epoch).
    b : float
        The final bias (likewise).
    history : NeuronHistory
        Cost, accuracy, snapshots of ``(w, b)`` and update counts per epoch.
    """
    X = as_float_array("X", X, ndim=2)
    y = as_float_array("y", y, ndim=1)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one label per row of X ({X.shape[0]}); got {y.shape[0]}")
    check_binary_labels("y", y)
    lr = check_positive("lr", lr)
    epochs = check_int("epochs", epochs, minimum=0)
    if batch_size is not None:
        batch_size = check_int("batch_size", batch_size, minimum=1)
        if batch_size > X.shape[0]:
            raise ValueError(
                f"batch_size must be <= the number of examples ({X.shape[0]}); got {batch_size}"
            )
    _check_loss(loss)
    if w0 is None:
        w = np.zeros(X.shape[1], dtype=X.dtype)
    else:
        w = as_float_array("w0", w0, ndim=1).astype(X.dtype)  # a copy: the caller's array is kept
        if w.shape[0] != X.shape[1]:
            raise ValueError(f"w0 must have shape ({X.shape[1]},) to match X; got {w.shape}")
    b = check_real("b0", b0)
    rng = as_generator("rng", rng)

    history = NeuronHistory()
    history.record(X, y, w, b, loss, updates=0)
    updates = 0
    for epoch in range(1, epochs + 1):
        order = np.arange(X.shape[0]) if batch_size is None else rng.permutation(X.shape[0])
        finite = True
        with np.errstate(over="ignore", invalid="ignore"):
            for rows in batch_slices(X.shape[0], batch_size):
                batch = order[rows]
                if not _finite(X[batch], w, b):
                    finite = False
                    break
                dw, db = neuron_gradients(X[batch], y[batch], w, b, loss)
                w, b = w - X.dtype.type(lr) * dw, b - lr * db
                updates += 1
        if not (finite and history.record(X, y, w, b, loss, updates)):
            history.diverged, history.stopped_epoch = True, epoch
            w, b = history.w[-1].copy(), history.b[-1]
            break
    return w, b, history
