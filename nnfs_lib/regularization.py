r"""Penalties on the weights, each next to its gradient, and the loss that adds them to a cost.

Conventions (they hold for everything below)
--------------------------------------------
* The **L2 penalty** of a weight array :math:`\mathbf W` is
  :math:`R_2(\mathbf W) = \frac{\lambda}{2}\sum_k w_k^2`, with gradient
  :math:`\lambda\mathbf W` (eq. ``eq-gen-l2``). The factor 1/2 makes
  :math:`\lambda` the same number as an optimizer's ``weight_decay``
  (eq. ``eq-opt-l2``): the gradient of the penalty is exactly the term that
  ``SGD(weight_decay=lam)`` adds.
* The **L1 penalty** is :math:`R_1(\mathbf W) = \lambda\sum_k |w_k|`, with
  subgradient :math:`\lambda\,\mathrm{sign}(\mathbf W)` (eq. ``eq-gen-l1``),
  taken as 0 where a weight is exactly 0 (as ``numpy.sign`` and PyTorch's
  autograd of ``abs`` do).
* Which parameters: :func:`dense_weights` lists the weight matrices of a model's
  :class:`~nnfs_lib.layers.Dense` layers. Biases and batch norm's
  :math:`\gamma, \beta` are *not* penalized by default: they do not multiply
  the input, so shrinking them does not make the function smoother, and a
  bias pulled towards 0 only moves the outputs. Pass any list of parameters to
  :class:`Regularized` to penalize others.

:class:`Regularized` wraps a loss: its cost is the data cost plus the
penalty, so ``fit`` records the regularized objective. Its gradient reaches
the parameters through :func:`regularized_step`, :func:`~nnfs_lib.training.train_step`
with one more line, given to ``fit`` as ``step=regularized_step``. The
penalties and their maximum a posteriori reading are derived in the chapter
"Generalization and regularization" (``book/part3/generalization.md``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nnfs_lib.layers import Dense, Parameter
from nnfs_lib.losses import Loss
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import Optimizer
from nnfs_lib.validation import check_array, check_scalar


def _check_penalty(W: object, lam: object) -> tuple[np.ndarray, float]:
    """``W`` as a finite float array (dtype kept) and ``lam`` as a float >= 0."""
    return check_array("W", W, allow_empty=True), check_scalar("lam", lam, low=0.0)


def l2_penalty(W: np.ndarray, lam: float) -> float:
    r"""The L2 penalty :math:`\frac{\lambda}{2}\sum_k w_k^2` of the array ``W`` (eq. ``eq-gen-l2``)."""
    W, lam = _check_penalty(W, lam)
    return float(lam / 2 * np.sum(W**2))


def l2_penalty_gradient(W: np.ndarray, lam: float) -> np.ndarray:
    r""":math:`\partial R_2/\partial \mathbf W = \lambda \mathbf W`, of ``W``'s shape and dtype."""
    W, lam = _check_penalty(W, lam)
    return lam * W


def l1_penalty(W: np.ndarray, lam: float) -> float:
    r"""The L1 penalty :math:`\lambda\sum_k |w_k|` of the array ``W`` (eq. ``eq-gen-l1``)."""
    W, lam = _check_penalty(W, lam)
    return float(lam * np.sum(np.abs(W)))


def l1_penalty_gradient(W: np.ndarray, lam: float) -> np.ndarray:
    r"""The subgradient :math:`\lambda\,\mathrm{sign}(\mathbf W)`: 0 where a weight is exactly 0."""
    W, lam = _check_penalty(W, lam)
    return lam * np.sign(W)


def dense_weights(model: Sequential) -> list[Parameter]:
    """The weight matrices ``W`` of ``model``'s Dense layers, in layer order (no biases)."""
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a Sequential; got {type(model).__name__}")
    return [layer.W for layer in model.layers if isinstance(layer, Dense)]


class Regularized(Loss):
    r"""A loss plus L2 and L1 penalties on some parameters: :math:`J + R(\mathbf w)` (eq. ``eq-gen-objective``).

    ``forward(output, y)`` returns ``loss.forward(output, y) + penalty()``;
    ``backward()`` returns the data loss's dJ/d(output) (the penalty does not
    depend on the output). The penalty's own gradient is added to each
    parameter's ``grad`` by :meth:`add_penalty_gradient`, which
    :func:`regularized_step` calls after the backward pass.

    Parameters
    ----------
    loss : Loss
        The data loss, e.g. :class:`~nnfs_lib.losses.SoftmaxCrossEntropy`.
    parameters : iterable of Parameter
        What to penalize; usually :func:`dense_weights` of the model (no biases).
    l2, l1 : float >= 0
        :math:`\lambda_2` of :func:`l2_penalty` and :math:`\lambda_1` of :func:`l1_penalty`.

    A ``forward`` call after a ``backward`` whose penalty gradient was never
    added raises ``RuntimeError``: it means the training step was plain
    :func:`~nnfs_lib.training.train_step`, which would silently train without the penalty.
    """

    def __init__(
        self, loss: Loss, parameters: Iterable[Parameter], *, l2: float = 0.0, l1: float = 0.0
    ) -> None:
        super().__init__()
        if not isinstance(loss, Loss):
            raise TypeError(f"loss must be a Loss; got {type(loss).__name__}")
        self.loss = loss
        self.parameters = list(parameters)
        if not self.parameters:
            raise ValueError("parameters must not be empty")
        for i, p in enumerate(self.parameters):
            if not isinstance(p, Parameter):
                raise TypeError(f"parameters[{i}] must be a Parameter; got {type(p).__name__}")
        self.l2 = check_scalar("l2", l2, low=0.0)
        self.l1 = check_scalar("l1", l1, low=0.0)
        self._pending = False  # a backward whose penalty gradient is not added yet

    def penalty(self) -> float:
        """:math:`R = \\sum_p R_2(p) + R_1(p)` over the penalized parameters, now."""
        return sum(
            l2_penalty(p.data, self.l2) + l1_penalty(p.data, self.l1) for p in self.parameters
        )

    def forward(self, output: np.ndarray, y: np.ndarray) -> float:
        """The regularized cost: the data cost of ``output`` for ``y``, plus :meth:`penalty`."""
        if self._pending:
            raise RuntimeError(
                "the penalty's gradient of the last backward was never added: train a "
                "Regularized loss with fit(..., step=regularized_step)"
            )
        return self.loss.forward(output, y) + self.penalty()

    def backward(self) -> np.ndarray:
        """dJ/d(output) of the data loss; the penalty's gradient comes in :meth:`add_penalty_gradient`."""
        self._pending = True
        return self.loss.backward()

    def add_penalty_gradient(self) -> None:
        r"""``grad += l2 * W + l1 * sign(W)`` for each penalized parameter (eqs. ``eq-gen-l2``, ``eq-gen-l1``)."""
        for p in self.parameters:
            p.grad = (
                p.grad + l2_penalty_gradient(p.data, self.l2) + l1_penalty_gradient(p.data, self.l1)
            )
        self._pending = False

    def __repr__(self) -> str:
        return f"Regularized({self.loss!r}, {len(self.parameters)} parameters, l2={self.l2}, l1={self.l1})"


def regularized_step(
    model: Sequential, loss: Regularized, optimizer: Optimizer, X: np.ndarray, y: np.ndarray
) -> float:
    """:func:`~nnfs_lib.training.train_step` for a :class:`Regularized` loss; returns J + R."""
    J = loss.forward(model.forward(X), y)  # the data cost of the batch, plus R(w)
    model.backward(loss.backward())  # every parameter's grad <- dJ/dparameter
    loss.add_penalty_gradient()  # every penalized weight's grad += dR/dw
    optimizer.step()
    return J
