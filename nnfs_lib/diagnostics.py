"""Per-layer statistics of one forward and backward pass: what each layer outputs, what flows back.

A deep network that does not learn usually shows it layer by layer: the
activations of the deep layers collapse to a constant or saturate, and the
gradients shrink (vanish) or grow (explode) geometrically on the way back.
:func:`record_pass` runs a network on one batch exactly as training would
(forward through every layer, then the loss's gradient backward through every
layer, overwriting each parameter's ``grad``) and keeps, for every layer,

* statistics of its output ``A`` (mean, standard deviation, fraction of exact
  zeros, fraction saturated, a histogram);
* statistics of ``dA = dJ/dA``, the gradient arriving at its output;
* the norm of the gradient of each of its parameters.

It takes no optimizer step, so it can be called at any moment of training.
Used in the chapters "The vanishing gradient problem" and "Weight
initialization" (Part II) and again in Part III.

Two checks of a training run live here too:
* At initialization a ``k``-class softmax classifier should predict roughly
  uniform probabilities, so its cross-entropy should be close to
  :math:`\\log k` (:func:`expected_initial_loss`).
* One optimizer step should change each weight matrix by a small fraction of
  its size: a ratio :math:`\\lVert\\Delta\\mathbf{W}\\rVert / \\lVert\\mathbf{W}\\rVert`
  near :math:`10^{-3}` is healthy; near :math:`10^{-1}` the learning rate is too
  large, below :math:`10^{-5}` too small (:func:`update_ratios`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.layers import Layer, Sequential
from nnfs_lib.optimizers import Optimizer
from nnfs_lib.validation import Array, Instance, Scalar, check_scalar, validate


@dataclass
class LayerRecord:
    """What one layer produced and received during :func:`record_pass`.

    Attributes
    ----------
    name : str
        The layer's name in the network, e.g. ``"3_sigmoid"``.
    kind : str
        The layer's class name, e.g. ``"Dense"`` or ``"Sigmoid"``.
    output_mean, output_std : float
        Mean and standard deviation over every entry of the layer's output ``A``.
    output_zero_fraction : float
        Fraction of entries of ``A`` exactly 0 (dead ReLUs).
    output_saturated_fraction : float
        Fraction of entries with ``|A| > 0.99`` or, for a sigmoid-like output
        in [0, 1], below 0.01 or above 0.99: where a squashing activation is flat.
    histogram : tuple of (counts, edges)
        ``numpy.histogram`` of the output entries.
    grad_norm : float or None
        Frobenius norm of ``dA = dJ/dA`` arriving at this layer's output
        (None when no backward pass was run).
    grad_std : float or None
        Standard deviation of the entries of ``dA``.
    param_grad_norms : dict of str to float
        Frobenius norm of each parameter's gradient, by short name (``"W"``, ``"b"``).
    """

    name: str
    kind: str
    output_mean: float
    output_std: float
    output_zero_fraction: float
    output_saturated_fraction: float
    histogram: tuple[np.ndarray, np.ndarray]
    grad_norm: float | None = None
    grad_std: float | None = None
    param_grad_norms: dict[str, float] = field(default_factory=dict)


def _saturated_fraction(A: np.ndarray) -> float:
    if A.size and A.min() >= 0.0 and A.max() <= 1.0:  # a sigmoid-like output
        return float(np.mean((A < 0.01) | (A > 0.99)))
    return float(np.mean(np.abs(A) > 0.99))


def _record_pass_arguments(arguments: dict) -> None:
    """:func:`record_pass`'s checks of several arguments together."""
    if (arguments["y"] is None) != (arguments["loss"] is None):
        raise ValueError("y and loss must be given together (or neither, for forward only)")
    hist_range = arguments["hist_range"]
    if hist_range is not None:
        low, high = (check_scalar("hist_range", v) for v in hist_range)
        if not low < high:
            raise ValueError(f"hist_range must be (low, high) with low < high; got {hist_range}")


@validate(_record_pass_arguments, model=Instance(Sequential), bins=Scalar(int, low=1))
def record_pass(
    model: Sequential,
    X: np.ndarray,
    y: np.ndarray | None = None,
    loss: object | None = None,
    *,
    bins: int = 40,
    hist_range: tuple[float, float] | None = None,
) -> list[LayerRecord]:
    """Run one forward (and, with ``loss``, one backward) pass and record each layer.

    Parameters
    ----------
    model : Sequential
        The network. It is run in its current mode (training or inference).
    X : numpy.ndarray, shape (n, d)
        A batch of inputs.
    y : array_like, optional
        Targets for ``loss``; required when ``loss`` is given.
    loss : object with ``forward(output, y)`` and ``backward()``, optional
        E.g. :class:`nnfs_lib.softmax.SoftmaxCrossEntropy`. Without it only the
        forward statistics are recorded (``grad_norm`` is None).
    bins : int, default 40
        Number of histogram bins.
    hist_range : (float, float), optional
        Range of every histogram (the same for all layers makes them comparable);
        by default each layer's own minimum and maximum.

    Returns
    -------
    list of LayerRecord
        One record per layer, in forward order. Afterwards every parameter's
        ``grad`` holds dJ/dparameter for this batch, as after ``model.backward``.
    """
    records: list[LayerRecord] = []
    A = X
    for i, layer in enumerate(model.layers):
        A = layer.forward(A)
        records.append(
            LayerRecord(
                name=f"{i}_{layer.name}",
                kind=type(layer).__name__,
                output_mean=float(A.mean()),
                output_std=float(A.std()),
                output_zero_fraction=float(np.mean(A == 0)),
                output_saturated_fraction=_saturated_fraction(A),
                histogram=np.histogram(A, bins=bins, range=hist_range),
            )
        )
    if loss is None:
        return records
    loss.forward(A, y)
    dA = loss.backward()
    for layer, record in zip(reversed(model.layers), reversed(records), strict=True):
        record.grad_norm = float(np.linalg.norm(dA))
        record.grad_std = float(dA.std())
        dA = layer.backward(dA)
        record.param_grad_norms = {
            name: float(np.linalg.norm(p.grad)) for name, p in layer.named_parameters()
        }
    return records


def weight_gradient_norms(records: list[LayerRecord]) -> np.ndarray:
    """The norms of ``dJ/dW`` of the layers that have a weight ``W``, in forward order."""
    return np.array([r.param_grad_norms["W"] for r in records if "W" in r.param_grad_norms])


def records_of_kind(records: list[LayerRecord], kind: str) -> list[LayerRecord]:
    """The records of the layers of one class (e.g. ``"Tanh"`` for the activations), in order."""
    return [r for r in records if r.kind == kind]


@validate(model=Instance(Layer), X=Array(ndim=2))
def gradient_check_network(
    model: Layer, loss: object, X: np.ndarray, y: np.ndarray, *, h: float = 1e-6
) -> dict[str, float]:
    """Relative error of backprop against central differences, for every parameter and for ``X``.

    Runs one forward and backward pass to get the analytic gradients, then
    perturbs each entry of each parameter (and of ``X``) by ``+-h`` and
    re-evaluates the cost (:func:`nnfs_lib.gradcheck.gradient_check`). Use
    float64 networks and inputs: in float32 the differences drown in rounding.
    Every parameter is restored exactly afterwards.

    Returns
    -------
    dict of str to float
        ``{parameter path: relative error, ..., "X": relative error}``, keyed by
        :meth:`~nnfs_lib.layers.Layer.named_parameters` (no two parameters share a path).
    """
    loss.forward(model.forward(X), y)
    dX = model.backward(loss.backward())
    named = model.named_parameters()
    analytic = {name: p.grad.copy() for name, p in named}
    errors: dict[str, float] = {}
    for name, p in named:
        saved = p.data.copy()

        def cost(value: np.ndarray, p=p) -> float:
            p.data[...] = value
            return loss.forward(model.forward(X), y)

        try:
            errors[name] = gradient_check(cost, analytic[name], saved, h)
        finally:
            p.data[...] = saved
    errors["X"] = gradient_check(lambda x: loss.forward(model.forward(x), y), dX, X, h)
    return errors


@validate(n_classes=Scalar(int, low=2))
def expected_initial_loss(n_classes: int) -> float:
    """Cross-entropy of the uniform prediction over ``n_classes`` classes: ``log k``."""
    return math.log(n_classes)


def update_ratios(
    model: Layer, loss: object, optimizer: Optimizer, X: np.ndarray, y: np.ndarray
) -> dict[str, float]:
    r"""Take one training step on ``(X, y)`` and return :math:`\lVert\Delta\theta\rVert / \lVert\theta\rVert`.

    One entry per parameter, keyed by its path (Frobenius norms; the norm
    before the step is the denominator). The model *is* updated.
    """
    from nnfs_lib.training import train_step

    before = [p.data.copy() for p in model.parameters()]
    model.train()
    train_step(model, loss, optimizer, X, y)
    ratios = {}
    for (name, p), old in zip(model.named_parameters(), before, strict=True):
        norm = float(np.linalg.norm(old))
        change = float(np.linalg.norm(p.data - old))
        ratios[name] = change / norm if norm > 0 else math.inf if change > 0 else 0.0
    return ratios
