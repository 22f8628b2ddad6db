r"""Every loss of the book: each function next to its gradient, and the loss objects used in training.

Conventions (they hold for every function below)
-------------------------------------------------
* Arguments come in the order ``(prediction, target)``, as in the book's
  :math:`\mathcal{L}(\hat{y}, y)`. The prediction is an array of real numbers
  (probabilities, or logits for the ``*_from_logits`` and softmax forms); the
  target has the same shape (or holds integer class labels ``(n,)`` for the
  categorical losses). float32 and float64 predictions keep their dtype.
* A loss returns the *cost* :math:`J`, the mean over the batch, as a Python
  float. Its ``*_gradient`` partner returns :math:`\partial J/\partial(\text{prediction})`,
  an array of the prediction's shape and dtype, already divided by the number
  of elements (rows, for the categorical losses).
* Binary labels must be exactly 0 or 1, probabilities must lie in [0, 1], and
  targets must be finite; anything else raises ``ValueError`` naming the
  argument. A prediction may hold NaN or inf: the cost is then NaN or inf
  (not an error), which is how a training loop notices that it diverged.

The objects (:class:`MeanSquaredError`, :class:`BinaryCrossEntropyWithLogits`,
:class:`SoftmaxCrossEntropy`) share one small interface, :class:`Loss`:
``forward(output, y)`` returns the cost of a batch and remembers its arguments,
``backward()`` returns dJ/d(output) for them by calling the gradient function.

The binary losses are derived in the chapter "Loss functions"
(``book/part1/losses.md``), softmax cross-entropy in "Layers"
(``book/part2/layers.md``), where the fused gradient
:math:`(\hat{\mathbf{Y}} - \mathbf{Y})/n` is theorem ``thm-layers-softmax-ce``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnfs_lib.activations import sigmoid
from nnfs_lib.softmax import log_softmax, softmax
from nnfs_lib.validation import (
    Array,
    Probabilities,
    Rule,
    boundary,
    check_binary_labels,
    check_class_labels,
    check_same_shape,
    class_targets,
    prediction_pair,
    validate,
    validating,
)

EPSILON = 1e-12
"""Probabilities are clipped to [EPSILON, 1 - EPSILON] before a log, so a confident
wrong prediction gives a large finite loss rather than ``inf``."""


def _clipped(p: np.ndarray) -> np.ndarray:
    """A copy of the probabilities ``p`` clipped to [EPSILON, 1 - EPSILON], in float64."""
    return np.clip(p.astype(np.float64), EPSILON, 1 - EPSILON)


@validate(prediction_pair("y_hat"))
def mse(y_hat: np.ndarray, y: np.ndarray) -> float:
    r"""Mean squared error :math:`J = \frac{1}{m}\sum_k (\hat{y}_k - y_k)^2` over the ``m`` elements (eq. ``eq-loss-mse``)."""
    return float(np.mean((y_hat - y) ** 2))


@validate(prediction_pair("y_hat"))
def mse_gradient(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J/\partial \hat{y}_k = \frac{2}{m}(\hat{y}_k - y_k)` (eq. ``eq-loss-mse-gradient``)."""
    return 2 * (y_hat - y) / y_hat.size


@validate(prediction_pair("p", binary=True, probabilities=True))
def binary_cross_entropy(p: np.ndarray, y: np.ndarray) -> float:
    r"""Binary cross-entropy of probabilities ``p`` of class 1 (eq. ``eq-loss-bce``).

    .. math:: J = -\frac{1}{m}\sum_k \bigl[y_k \log p_k + (1-y_k)\log(1-p_k)\bigr]

    ``p`` is clipped to ``[EPSILON, 1 - EPSILON]`` (in float64) before the logs.
    Prefer :func:`binary_cross_entropy_from_logits` when you have the
    pre-activation ``z``: it needs no clipping at all.
    """
    q = _clipped(p)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log1p(-q)))


@validate(prediction_pair("p", binary=True, probabilities=True))
def binary_cross_entropy_gradient(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J/\partial p_k = \frac{1}{m}\,\frac{p_k - y_k}{p_k(1-p_k)}` (eq. ``eq-loss-bce-gradient``).

    Uses the same clipping as :func:`binary_cross_entropy`, so it is the exact
    derivative of that function wherever ``p`` is inside the clip range.
    """
    q = _clipped(p)
    return ((q - y) / (q * (1 - q)) / q.size).astype(p.dtype)


@validate(prediction_pair("z", binary=True))
def binary_cross_entropy_from_logits(z: np.ndarray, y: np.ndarray) -> float:
    r"""Binary cross-entropy of :math:`\sigma(z)`, computed stably from the logits ``z`` (eq. ``eq-loss-bce-logits``).

    .. math:: \ell(z, y) = \max(z, 0) - z\,y + \log\bigl(1 + e^{-|z|}\bigr)

    equals :math:`-[y\log\sigma(z) + (1-y)\log(1-\sigma(z))]` exactly, but
    never forms :math:`\sigma(z)`, so nothing rounds to 0 or 1 and no log
    sees 0: the loss stays exact for ``|z|`` in the hundreds.
    """
    return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))


@validate(prediction_pair("z", binary=True))
def binary_cross_entropy_from_logits_gradient(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J/\partial z_k = \frac{1}{m}(\sigma(z_k) - y_k)` (eq. ``eq-loss-bce-logits-gradient``).

    The sigmoid's derivative cancels the cross-entropy's denominator: this
    is why the pair learns fast even when the neuron is confidently wrong.
    """
    return (sigmoid(z) - y) / z.size


def one_hot(y: np.ndarray, n_classes: int) -> np.ndarray:
    """Integer labels ``(n,)`` in ``[0, n_classes)`` to one-hot rows ``(n, n_classes)`` (float64)."""
    y = check_class_labels("y", y, n_classes)
    return np.eye(n_classes)[y]


def _targets(y: object, n_classes: int, dtype: np.dtype) -> np.ndarray:
    """Integer labels (n,) or one-hot/probability rows (n, k) -> (n, k) targets of ``dtype``.

    Converts only: :func:`~nnfs_lib.validation.class_targets` checked ``y`` at the boundary.
    """
    y = np.asarray(y)
    if y.ndim == 1:
        return np.eye(n_classes, dtype=dtype)[y.astype(np.int64, copy=False)]
    return y.astype(dtype, copy=False)


@validate(class_targets("P"), P=Probabilities(ndim=2))
def categorical_cross_entropy(P: np.ndarray, y: np.ndarray) -> float:
    r"""Mean categorical cross-entropy of probabilities ``P`` (n, k) (eq. ``eq-layers-cce``).

    :math:`J = -\frac{1}{n}\sum_i \sum_j y_{ij}\log \hat{y}_{ij}`, with ``P``
    clipped at :data:`EPSILON` so a zero probability gives a finite loss. This
    is the *unfused* form; :func:`softmax_cross_entropy` is exact.
    """
    Y = _targets(y, P.shape[1], P.dtype)
    return float(-np.sum(Y * np.log(np.clip(P, EPSILON, 1.0))) / P.shape[0])


@validate(class_targets("P"), P=Probabilities(ndim=2))
def categorical_cross_entropy_gradient(P: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J / \partial \hat{y}_{ij} = -y_{ij} / (n\,\hat{y}_{ij})` (eq. ``eq-layers-cce-gradient``)."""
    Y = _targets(y, P.shape[1], P.dtype)
    return -Y / np.clip(P, EPSILON, 1.0) / P.shape[0]


@validate(class_targets("Z"), Z=Array(ndim=2, finite=False))
def softmax_cross_entropy(Z: np.ndarray, y: np.ndarray) -> float:
    r"""Categorical cross-entropy of :math:`\mathrm{softmax}(Z)`, from the logits ``Z`` (n, k).

    :math:`J = -\frac1n\sum_i \sum_j y_{ij} \log \mathrm{softmax}(z^{(i)})_j`, with the
    log taken by :func:`~nnfs_lib.softmax.log_softmax` (eq. ``eq-layers-log-softmax``):
    exact for any finite logits, no clipping.
    """
    Y = _targets(y, Z.shape[1], Z.dtype)
    return float(-np.sum(Y * log_softmax(Z)) / Z.shape[0])


@validate(class_targets("Z"), Z=Array(ndim=2, finite=False))
def softmax_cross_entropy_gradient(Z: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J/\partial Z = (\mathrm{softmax}(Z) - Y)/n` (theorem ``thm-layers-softmax-ce``)."""
    Y = _targets(y, Z.shape[1], Z.dtype)
    return (softmax(Z) - Y) / Z.shape[0]


# The loss objects used in training -------------------------------------------------


def _targets_suit_the_loss(arguments: dict) -> None:
    """:meth:`Loss.forward`'s check of ``y``: the checks of the loss's ``targets``, once.

    ``targets`` checks everything about ``y`` (shape against the output, labels);
    ``output`` itself is checked by ``forward``'s declaration, so nothing is checked twice.
    """
    with validating():
        arguments["self"].targets(arguments["output"], arguments["y"])


class Loss:
    """The interface of a loss used in training: ``forward(output, y)``, then ``backward()``.

    ``forward`` returns the cost of the batch (a float) and remembers the
    output and the targets; ``backward`` returns dJ/d(output) for them, an
    array of the output's shape. Subclasses name the two functions they
    stand for (``cost`` and ``gradient``) and how targets are shaped
    (:meth:`targets`).

    ``forward`` and ``backward`` are public boundaries, in every subclass: called
    by a reader, ``forward`` checks ``output`` and ``y`` (with the checks of
    ``targets`` and ``cost``); called inside ``fit``, which checked the targets
    once, it checks nothing.
    """

    cost: Callable[[np.ndarray, np.ndarray], float]
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("forward", "backward"):
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "__nnfs_boundary__", False):
                setattr(cls, name, boundary(method))

    def __init__(self) -> None:
        self.saved: tuple[np.ndarray, np.ndarray] | None = None

    def targets(self, output: np.ndarray, y: object) -> np.ndarray:
        """``y`` in the form ``cost`` and ``gradient`` take for this ``output``."""
        return y

    @validate(_targets_suit_the_loss, output=Array(ndim=2, finite=False))
    def forward(self, output: np.ndarray, y: np.ndarray) -> float:
        """The cost of ``output`` (n, k) for targets ``y``."""
        self.saved = (output, self.targets(output, y))
        return self.cost(*self.saved)

    @boundary
    def backward(self) -> np.ndarray:
        """dJ/d(output) for the arguments of the last :meth:`forward` call."""
        if self.saved is None:
            raise RuntimeError(f"{type(self).__name__}.backward called before forward")
        return self.gradient(*self.saved)

    __call__ = forward


def _column(output: np.ndarray, y: object) -> np.ndarray:
    """Targets (n,) as a column (n, 1) when the output has one column, in the output's dtype."""
    y = np.asarray(y).astype(output.dtype, copy=False)
    return y[:, None] if y.ndim == 1 and output.shape[1] == 1 else y


def _shaped_like(name: str, *, binary: bool = False) -> Rule:
    """Rule of a ``targets``: ``y`` (as a column where the output has one) has the output's
    shape (called ``name`` in messages, as the loss function calls it), and 0/1 labels."""

    def rule(arguments: dict) -> None:
        y = _column(arguments["output"], arguments["y"])
        check_same_shape(name, arguments["output"], "y", y)
        if binary:
            check_binary_labels("y", y)

    return rule


class MeanSquaredError(Loss):
    """Mean squared error over every output element (eq. ``eq-loss-mse``); ``y`` has the output's shape."""

    cost = staticmethod(mse)
    gradient = staticmethod(mse_gradient)

    @validate(_shaped_like("y_hat"), y=Array())
    def targets(self, output: np.ndarray, y: object) -> np.ndarray:
        return _column(output, y)


def _one_logit_per_row(arguments: dict) -> None:
    """:meth:`BinaryCrossEntropyWithLogits.targets`'s check: an output of one column."""
    output = arguments["output"]
    if output.shape[1] != 1:
        raise ValueError(
            f"Z must have one column (one logit per example); got shape {output.shape}"
        )


class BinaryCrossEntropyWithLogits(Loss):
    """Binary cross-entropy from one logit per example, output (n, 1) (eq. ``eq-loss-bce-logits``)."""

    cost = staticmethod(binary_cross_entropy_from_logits)
    gradient = staticmethod(binary_cross_entropy_from_logits_gradient)

    @validate(_one_logit_per_row, _shaped_like("z", binary=True), y=Array())
    def targets(self, output: np.ndarray, y: object) -> np.ndarray:
        return _column(output, y)


def _one_column_per_class(arguments: dict) -> None:
    """:meth:`SoftmaxCrossEntropy.targets`'s check: at least two columns, then :func:`class_targets`."""
    output = arguments["output"]
    if output.shape[1] < 2:
        raise ValueError(
            f"Z must have one column per class, at least 2; got shape {output.shape} "
            "(for one logit per example use BinaryCrossEntropyWithLogits)"
        )
    class_targets("output")(arguments)


class SoftmaxCrossEntropy(Loss):
    r"""Softmax followed by categorical cross-entropy, fused (theorem ``thm-layers-softmax-ce``).

    The network's last layer outputs logits ``Z`` (n, k); the softmax lives
    here. ``y`` holds labels (n,) or one-hot rows (n, k). The cost is
    :func:`softmax_cross_entropy`, the gradient :func:`softmax_cross_entropy_gradient`,
    :math:`(\hat{\mathbf{Y}} - \mathbf{Y})/n`: no division by a probability, no
    ``k x k`` Jacobian.
    """

    cost = staticmethod(softmax_cross_entropy)
    gradient = staticmethod(softmax_cross_entropy_gradient)

    @validate(_one_column_per_class)
    def targets(self, output: np.ndarray, y: object) -> np.ndarray:
        return _targets(y, output.shape[1], output.dtype)
