"""The one training loop of the book: mini-batches, one optimizer step per batch, a history.

Every chapter trains with :func:`fit`, from Part I's single neuron
(:func:`train_neuron` is :func:`fit` on a one-unit network) to Part III's
digits classifier. Its rules, decided once:

* Batching (:func:`minibatches`): ``batch_size=None`` is the whole set, kept in
  order, so full-batch gradient descent does not depend on ``rng``; otherwise
  ``1 <= batch_size <= n``, the rows are shuffled every epoch (unless the batch
  is the whole set), the last batch may be smaller, and every example is used
  once per epoch.
* One step (:func:`train_step`): forward, backward, then the gradient
  transforms in order (a penalty's gradient, clipping: :mod:`nnfs_lib.transforms`),
  then the optimizer's step. ``fit`` takes the same list of transforms.
* Recording (:class:`History`): what training computes anyway, the cost of
  every mini-batch, averaged per epoch (``batch_loss``); with ``evaluate=True``
  also the cost on the whole training set in inference mode before training
  (entry 0) and after every epoch ``k`` (entry ``k``); the same on validation
  data whenever they are given.
* Classes (:func:`~nnfs_lib.metrics.predict_classes`): class 1 where the logit
  is >= 0; the argmax for several columns.
* Divergence: once a parameter, an output or the cost is not a finite number,
  training stops; nothing non-finite is recorded.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from nnfs_lib.layers import Dense, Layer, Sequential, Sigmoid
from nnfs_lib.losses import BinaryCrossEntropyWithLogits, Loss, MeanSquaredError
from nnfs_lib.metrics import accuracy_from_output
from nnfs_lib.neuron import neuron_predict
from nnfs_lib.optimizers import SGD, Optimizer
from nnfs_lib.schedules import Schedule
from nnfs_lib.transforms import Transform
from nnfs_lib.validation import (
    Array,
    Instance,
    OneOf,
    Optional,
    Scalar,
    check_binary_labels,
    check_consistent_length,
    check_scalar,
    generator,
    same_rows,
    validate,
    validating,
)


def _batch_size_at_most_n(arguments: dict) -> None:
    if arguments["batch_size"] is not None:
        check_scalar("batch_size", arguments["batch_size"], int, low=1, high=arguments["n"])


@validate(_batch_size_at_most_n, n=Scalar(int, low=1))
def minibatches(n: int, batch_size: int | None, rng: np.random.Generator) -> list[np.ndarray]:
    """The row indices of each mini-batch of one epoch over ``n`` examples.

    ``batch_size=None`` (or ``n``) gives one batch of every row in order, and
    ``rng`` is not used. Otherwise the rows are shuffled with ``rng`` and cut
    into consecutive batches of ``batch_size``; the last may be smaller. Every
    row appears exactly once, so an epoch makes ``ceil(n / batch_size)`` updates.

    Raises ``ValueError`` unless ``1 <= batch_size <= n``.
    """
    if batch_size is None or batch_size == n:
        return [np.arange(n)]
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


def train_step(
    model: Layer,
    loss: Loss,
    optimizer: Optimizer,
    X: np.ndarray,
    y: np.ndarray,
    transforms: Sequence[Transform] = (),
) -> float:
    """One step of gradient descent on the batch ``(X, y)``; returns the batch cost J (plus any penalty).

    ``transforms`` change the gradients, in order, between the backward pass and
    the optimizer's step: a penalty's gradient, clipping (:mod:`nnfs_lib.transforms`).
    """
    J = loss.forward(model.forward(X), y)  # forward pass, then the cost of the batch
    J += sum(transform.cost(model) for transform in transforms)  # plus any penalty
    model.backward_to_parameters(loss.backward())  # every grad <- dJ/dparameter (X needs none)
    for transform in transforms:  # e.g. add a penalty's gradient, then clip
        transform(model)
    optimizer.step()  # every parameter moves against its gradient
    return J


@validate(same_rows("X", "y"), model=Instance(Layer), loss=Instance(Loss), X=Array(ndim=2))
def evaluate(model: Layer, loss: Loss, X: np.ndarray, y: np.ndarray) -> float:
    """The cost on ``(X, y)`` in inference mode (dropout off, batch norm's running statistics).

    No parameter and no gradient changes; the model's mode is restored afterwards.
    """
    return loss.forward(model.predict(X), y)


@dataclass
class History:
    """What happened during :func:`fit`.

    Lists indexed by epoch ``k`` (1, 2, ...) hold it at ``k - 1``; lists with an
    entry for the state before training (entry 0) hold epoch ``k``'s at ``k``.

    Attributes
    ----------
    batch_loss : list of float
        ``batch_loss[k - 1]``: the mean cost of epoch ``k``'s mini-batches, each
        measured by its training step (training mode, before that batch's update),
        weighted by batch size. Always recorded: training computes it anyway.
    train_loss : list of float
        With ``evaluate=True``: ``train_loss[k]``, the cost on the whole training
        set in inference mode, before training (``k = 0``) and after epoch ``k``.
        Empty otherwise.
    train_accuracy : list of float
        The same for the accuracy (with ``evaluate=True`` and ``classification``).
    val_loss, val_accuracy : list of float
        The same on ``(X_val, y_val)``, whenever they are given (accuracy with
        ``classification``).
    updates : list of int
        ``updates[k]``: optimizer steps taken by the end of epoch ``k`` (entry 0 is 0).
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

    Every cost recorded is the objective training minimizes: the loss plus the
    penalties among the transforms.
    """

    batch_loss: list[float] = field(default_factory=list)
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
        return len(self.updates) - 1

    @property
    def total_time(self) -> float:
        """Seconds spent on training steps, summed over the epochs."""
        return float(sum(self.epoch_time))


def _parameters_finite(model: Layer) -> bool:
    return all(np.isfinite(p.data).all() for p in model.parameters())


def _scores(model, loss, transforms, X, y, classification: bool) -> tuple[float, float] | None:
    """Cost and accuracy (or None) on ``(X, y)`` in inference mode, from one forward pass;
    None unless the output and the cost are finite."""
    with np.errstate(over="ignore", invalid="ignore"):
        output = model.predict(X)
        if not np.isfinite(output).all():
            return None
        cost = loss.forward(output, y) + sum(t.cost(model) for t in transforms)  # J + penalties
    if not np.isfinite(cost):
        return None
    return cost, accuracy_from_output(output, y) if classification else None


@dataclass
class _Recorder:
    """Appends the model's state to a :class:`History`: entry 0 before training, then one per epoch."""

    history: History
    model: Layer
    loss: Loss
    optimizer: Optimizer
    transforms: Sequence[Transform]
    data: list[tuple[str, np.ndarray, np.ndarray]]  # ("train", X, y) with evaluate, ("val", ...)
    classification: bool
    record_parameters: bool

    def __call__(self) -> bool:
        """Record the current state; record nothing and return False if it is not finite."""
        if not _parameters_finite(self.model):
            return False
        scores = []
        for _, X, y in self.data:
            score = _scores(self.model, self.loss, self.transforms, X, y, self.classification)
            if score is None:
                return False
            scores.append(score)
        history = self.history
        for (kind, _, _), (cost, acc) in zip(self.data, scores, strict=True):
            getattr(history, f"{kind}_loss").append(cost)
            if self.classification:
                getattr(history, f"{kind}_accuracy").append(acc)
        history.updates.append(self.optimizer.t)
        if self.record_parameters:
            history.parameters.append([p.data.copy() for p in self.model.parameters()])
        return True


def _fit_arguments(arguments: dict) -> None:
    """:func:`fit`'s checks of several arguments together, at its boundary."""
    X, y, X_val, y_val = (arguments[k] for k in ("X", "y", "X_val", "y_val"))
    _batch_size_at_most_n({"n": len(X), "batch_size": arguments["batch_size"]})
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together")
    if arguments["early_stopping"] is not None and X_val is None:
        raise ValueError("early_stopping watches the validation cost: give X_val and y_val")
    model, loss = arguments["model"], arguments["loss"]
    if not _parameters_finite(model):
        raise ValueError("the model's parameters, outputs or cost are not finite before training")
    if X_val is not None:
        check_consistent_length(X_val=X_val, y_val=y_val)
    with validating(), np.errstate(all="ignore"):  # once, as a reader's own calls would check
        width = model.predict(X[:1]).shape[1]  # X fits the model's input width and dtype
        for data, targets in ((X, y), (X_val, y_val)):
            if targets is not None:  # the targets suit the loss and the output width
                loss.forward(np.zeros((len(data), width), dtype=data.dtype), targets)


@validate(
    same_rows("X", "y"),
    _fit_arguments,
    model=Instance(Layer),
    loss=Instance(Loss),
    optimizer=Instance(Optimizer),
    X=Array(ndim=2),
    epochs=Scalar(int, low=0),
    rng=generator,
    X_val=Optional(Array(ndim=2)),
    early_stopping=Optional(Instance(object)),
)
def fit(
    model: Layer,
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
    transforms: Sequence[Transform] = (),
    evaluate: bool = False,
    classification: bool = True,
    early_stopping: EarlyStopping | None = None,
    schedule: Schedule | None = None,
    record_parameters: bool = False,
    progress: bool | None = None,
) -> History:
    """Train ``model`` for ``epochs`` passes over ``(X, y)``; return its :class:`History`.

    Each epoch takes one :func:`train_step`, with ``transforms``, per mini-batch
    of :func:`minibatches` (``batch_size=None``: full-batch gradient descent;
    ``rng`` shuffles), and records the mean cost of its batches. With
    ``evaluate=True`` the history also records, before training and after every
    epoch, the cost on the whole training set in inference mode and, with
    ``classification``, the accuracy (one more forward pass over ``X`` per
    epoch); the same on ``(X_val, y_val)`` whenever they are given; the number
    of updates; and, with ``record_parameters``, a copy of every parameter.

    * ``transforms``: gradient transforms, in order (:mod:`nnfs_lib.transforms`:
      ``Penalty``, ``ClipGradNorm``); their penalties count in every recorded cost.
    * ``early_stopping``: an :class:`EarlyStopping` watching the validation cost
      (needs ``X_val``); ``history.best_epoch`` says which epoch it kept.
    * ``schedule``: a :class:`~nnfs_lib.schedules.Schedule` stepped after each epoch.
    * ``progress``: True or False forces a tqdm bar on or off; ``None`` shows it
      only when standard error is a terminal (never in a book build or CI log).

    The arguments are checked once, here (the targets too, against the loss);
    nothing inside checks them again.

    Divergence: when a parameter, an output or the cost stops being finite,
    training stops with ``history.diverged`` set and ``history.stopped_epoch``
    naming the epoch; nothing non-finite is recorded, and with
    ``record_parameters`` the model gets back the last recorded parameters.
    """
    y = np.asarray(y)
    y_val = None if y_val is None else np.asarray(y_val)
    history = History()
    data = [("train", X, y)] if evaluate else []
    if X_val is not None:
        data.append(("val", X_val, y_val))
    record = _Recorder(
        history, model, loss, optimizer, transforms, data, classification, record_parameters
    )
    if not record():  # entry 0: the state before training
        raise ValueError("the model's parameters, outputs or cost are not finite before training")
    bar = _progress_bar(epochs, progress)
    for epoch in range(1, epochs + 1):
        history.lr.append(optimizer.lr)
        started = time.perf_counter()
        model.train()
        total, finite = 0.0, True
        with np.errstate(over="ignore", invalid="ignore"):
            for rows in minibatches(len(X), batch_size, rng):
                cost = _safe_step(model, loss, optimizer, X[rows], y[rows], transforms)
                if not np.isfinite(cost):
                    finite = False
                    break
                total += cost * len(rows)
        history.epoch_time.append(time.perf_counter() - started)
        if not (finite and record()):  # entry k: the state after epoch k
            history.diverged, history.stopped_epoch = True, epoch
            break
        history.batch_loss.append(total / len(X))
        if bar is not None:
            bar.update(1)
            bar.set_postfix(loss=f"{history.batch_loss[-1]:.4f}")
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


def _safe_step(model, loss, optimizer, X, y, transforms) -> float:
    """One :func:`train_step`; NaN (divergence) if it fails because the model stopped being finite."""
    try:
        return train_step(model, loss, optimizer, X, y, transforms)
    except (ValueError, FloatingPointError):  # a layer or loss refusing a non-finite array
        if _parameters_finite(model):
            raise
        return float("nan")


def _progress_bar(total: int, enabled: bool | None):
    """A tqdm bar over epochs, or None. ``enabled=None``: only when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="epoch", leave=False)


def _arrays(model: Layer) -> list[np.ndarray]:
    """Every parameter array, then every buffer (e.g. batch-norm running statistics)."""
    arrays = [p.data for p in model.parameters()]
    for layer in model.walk():
        arrays.extend(layer.buffers().values())
    return arrays


def snapshot(model: Layer) -> list[np.ndarray]:
    """Copies of every parameter and every buffer (e.g. batch-norm running statistics)."""
    return [a.copy() for a in _arrays(model)]


def restore(model: Layer, saved: list[np.ndarray]) -> None:
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


def _neuron_arguments(arguments: dict) -> None:
    """:func:`train_neuron`'s checks of several arguments: 0/1 labels, ``w0`` of width ``d``."""
    check_binary_labels("y", arguments["y"])
    _batch_size_at_most_n({"n": len(arguments["X"]), "batch_size": arguments["batch_size"]})
    if arguments["w0"] is not None:
        check_consistent_length(w0=arguments["w0"], X_columns=arguments["X"].T)


@validate(
    same_rows("X", "y"),
    _neuron_arguments,
    X=Array(ndim=2),
    y=Array(ndim=1),
    lr=Scalar(low=0.0, closed="neither"),
    loss=OneOf(("bce", "mse")),
    w0=Optional(Array(ndim=1)),
    b0=Scalar(),
    epochs=Scalar(int, low=0),
    rng=generator,
)
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
    dense = Dense(X.shape[1], 1, rng=0, init="zeros", dtype=X.dtype)
    if w0 is not None:
        dense.W.data[:, 0] = w0
    dense.b.data[0] = b0
    model = Sequential([dense] if loss == "bce" else [dense, Sigmoid()])
    cost = BinaryCrossEntropyWithLogits() if loss == "bce" else MeanSquaredError()
    history = fit(
        model, cost, SGD(model.parameters(), lr=lr), X, y, epochs=epochs, batch_size=batch_size,
        rng=rng, evaluate=True, classification=False, record_parameters=True,
    )  # fmt: skip
    history.train_accuracy = [
        float(np.mean(neuron_predict(X, W[:, 0], float(b[0])) == y)) for W, b in history.parameters
    ]
    return dense.W.data[:, 0].copy(), float(dense.b.data[0]), history
