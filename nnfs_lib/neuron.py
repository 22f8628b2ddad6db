"""One artificial neuron: ``z = X w + b``, ``a = g(z)``, and its gradients.

The forward pass is derived in "Forward propagation" (``book/part1/forward.md``),
the gradients in "Backpropagation basics" (``book/part1/backprop.md``).
Shapes: ``X`` is ``(n, d)`` (one example per row), ``w`` is ``(d,)``, ``b`` a
scalar, and ``z``, ``a``, ``y`` are ``(n,)``.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib import losses
from nnfs_lib.activations import get_activation
from nnfs_lib.validation import Array, Scalar, check_binary_labels, same_rows, validate

LOSSES = ("mse", "bce")


def _weights_fit_features(arguments: dict) -> None:
    """The neuron's check of ``X`` (n, d) and ``w`` together: ``d`` weights, cast to X's dtype."""
    X, w = arguments["X"], arguments["w"]
    if X.shape[1] != w.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} features per row but w has {w.shape[0]} weights; "
            "they must be equal"
        )
    arguments["w"] = w.astype(X.dtype, copy=False)


def _binary_labels(arguments: dict) -> None:
    """The neuron's check of ``y``: labels 0 or 1, cast to X's dtype."""
    check_binary_labels("y", arguments["y"])
    arguments["y"] = arguments["y"].astype(arguments["X"].dtype, copy=False)


def _known_loss(name: str, loss: object) -> str:
    """Declared check: ``loss`` is one of :data:`LOSSES`."""
    if not isinstance(loss, str):
        raise TypeError(f"{name} must be a string, one of {LOSSES}; got {type(loss).__name__}")
    if loss not in LOSSES:
        raise ValueError(f"{name} must be one of {LOSSES}; got {loss!r}")
    return loss


_INPUTS = {"X": Array(ndim=2), "w": Array(ndim=1), "b": Scalar()}
_PROBLEM = (_weights_fit_features, same_rows("X", "y"), _binary_labels)
_PROBLEM_ARGUMENTS = {"loss": _known_loss, **_INPUTS, "y": Array(ndim=1)}


@validate(_weights_fit_features, **_INPUTS)
def neuron_forward(
    X: np.ndarray, w: np.ndarray, b: float, activation: str = "sigmoid"
) -> tuple[np.ndarray, np.ndarray]:
    r"""Forward pass of one neuron on a batch (eqs. ``eq-neuron-batch``).

    .. math:: \mathbf{z} = \mathbf{X}\mathbf{w} + b, \qquad \mathbf{a} = g(\mathbf{z})

    Parameters
    ----------
    X : array_like, shape (n, d)
        Inputs, one example per row.
    w : array_like, shape (d,)
        Weights.
    b : float
        Bias.
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}
        The activation function ``g``.

    Returns
    -------
    z, a : numpy.ndarray, each of shape (n,)
        Pre-activations and activations, in the dtype of ``X``.
    """
    g, _ = get_activation(activation)
    z = X @ w + b  # (n, d) @ (d,) + scalar -> (n,)
    return z, g(z)


@validate(*_PROBLEM, **_PROBLEM_ARGUMENTS)
def neuron_gradients(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, loss: str = "bce"
) -> tuple[np.ndarray, float]:
    r"""Gradients of the cost of a sigmoid neuron with respect to ``w`` and ``b``.

    By the chain rule, :math:`\partial J/\partial \mathbf{w} = \mathbf{X}^\top \boldsymbol{\delta}`
    and :math:`\partial J/\partial b = \sum_i \delta_i` with
    :math:`\boldsymbol{\delta} = \partial J/\partial \mathbf{z}`, where

    * for ``loss="bce"`` (binary cross-entropy): :math:`\delta_i = (a_i - y_i)/n`
      (eq. ``eq-bp-delta-bce``);
    * for ``loss="mse"`` (mean squared error): :math:`\delta_i = \frac{2}{n}(a_i - y_i)\,a_i(1-a_i)`
      (eq. ``eq-bp-delta-mse``).

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
        Labels, each 0 or 1.
    w : array_like, shape (d,)
    b : float
    loss : {"bce", "mse"}

    Returns
    -------
    dw : numpy.ndarray, shape (d,)
    db : float
    """
    z, a = neuron_forward(X, w, b, "sigmoid")
    if loss == "bce":
        delta = losses.binary_cross_entropy_from_logits_gradient(z, y)
    else:
        delta = losses.mse_gradient(a, y) * a * (1 - a)
    return X.T @ delta, float(delta.sum())


@validate(*_PROBLEM, **_PROBLEM_ARGUMENTS)
def neuron_cost(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, loss: str = "bce") -> float:
    r"""The cost ``J(w, b)`` of a sigmoid neuron whose gradients :func:`neuron_gradients` returns.

    ``loss="bce"`` gives the mean binary cross-entropy, computed stably from the
    pre-activations (eq. ``eq-loss-bce-logits``); ``loss="mse"`` gives the mean
    squared error of the activations (eq. ``eq-loss-mse``).
    """
    z, a = neuron_forward(X, w, b, "sigmoid")
    if loss == "bce":
        return losses.binary_cross_entropy_from_logits(z, y)
    return losses.mse(a, y)


def neuron_predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    r"""Class labels of a sigmoid neuron: 1 where :math:`\sigma(z) \ge 1/2`, i.e. where :math:`z \ge 0`.

    The threshold is inclusive: a point exactly on the boundary (``z = 0``) is class 1,
    the same rule as :func:`nnfs_lib.metrics.predict_classes`.

    Returns
    -------
    numpy.ndarray of int64, shape (n,)
    """
    z, _ = neuron_forward(X, w, b, "sigmoid")
    return (z >= 0).astype(np.int64)
