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
  :class:`Penalty` to penalize others.

:class:`Penalty` is a gradient transform (:mod:`nnfs_lib.transforms`): given to
:func:`~nnfs_lib.training.train_step` or :func:`~nnfs_lib.training.fit`
(``transforms=[Penalty(l2=1e-3)]``), it adds the penalty's gradient to each
penalized weight's ``grad`` after the backward pass, and its value to the cost,
so ``fit`` records the regularized objective. It composes with the other
transforms (clipping). The penalties and their maximum a posteriori reading
are derived in the chapter "Generalization and regularization"
(``book/part3/generalization.md``).
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers import Dense, Layer, Parameter
from nnfs_lib.transforms import Transform
from nnfs_lib.validation import Array, Instance, Instances, Optional, Scalar, boundary, validate

_PENALTY_ARGUMENTS = {"W": Array(allow_empty=True), "lam": Scalar(low=0.0)}


@validate(**_PENALTY_ARGUMENTS)
def l2_penalty(W: np.ndarray, lam: float) -> float:
    r"""The L2 penalty :math:`\frac{\lambda}{2}\sum_k w_k^2` of the array ``W`` (eq. ``eq-gen-l2``)."""
    return float(lam / 2 * np.sum(W**2))


@validate(**_PENALTY_ARGUMENTS)
def l2_penalty_gradient(W: np.ndarray, lam: float) -> np.ndarray:
    r""":math:`\partial R_2/\partial \mathbf W = \lambda \mathbf W`, of ``W``'s shape and dtype."""
    return lam * W


@validate(**_PENALTY_ARGUMENTS)
def l1_penalty(W: np.ndarray, lam: float) -> float:
    r"""The L1 penalty :math:`\lambda\sum_k |w_k|` of the array ``W`` (eq. ``eq-gen-l1``)."""
    return float(lam * np.sum(np.abs(W)))


@validate(**_PENALTY_ARGUMENTS)
def l1_penalty_gradient(W: np.ndarray, lam: float) -> np.ndarray:
    r"""The subgradient :math:`\lambda\,\mathrm{sign}(\mathbf W)`: 0 where a weight is exactly 0."""
    return lam * np.sign(W)


@validate(model=Instance(Layer))
def dense_weights(model: Layer) -> list[Parameter]:
    """The weight matrices ``W`` of ``model``'s Dense layers, at any depth, in order (no biases)."""
    return [layer.W for layer in model.walk() if isinstance(layer, Dense)]


class Penalty(Transform):
    r"""L2 and L1 penalties as a gradient transform: the cost becomes :math:`J + R(\mathbf w)` (eq. ``eq-gen-objective``).

    ``fit(..., transforms=[Penalty(l2=1e-3)])`` adds, after each backward pass,
    ``l2 * W + l1 * sign(W)`` to the ``grad`` of every penalized weight
    (eqs. ``eq-gen-l2``, ``eq-gen-l1``), and :math:`R` to the cost the step
    returns and ``fit`` records (:meth:`cost`).

    Parameters
    ----------
    l2, l1 : float >= 0
        :math:`\lambda_2` of :func:`l2_penalty` and :math:`\lambda_1` of :func:`l1_penalty`.
    parameters : list of Parameter, optional
        What to penalize; by default the model's :func:`dense_weights` (no biases).
    """

    @validate(l2=Scalar(low=0.0), l1=Scalar(low=0.0), parameters=Optional(Instances(Parameter)))
    def __init__(
        self, *, l2: float = 0.0, l1: float = 0.0, parameters: list[Parameter] | None = None
    ) -> None:
        self.l2, self.l1, self.parameters = l2, l1, parameters

    def penalized(self, model: Layer) -> list[Parameter]:
        """The parameters this penalty applies to in ``model``."""
        return dense_weights(model) if self.parameters is None else list(self.parameters)

    @boundary
    def cost(self, model: Layer) -> float:
        r""":math:`R = \sum_p R_2(p) + R_1(p)` over the penalized parameters, now."""
        return sum(
            l2_penalty(p.data, self.l2) + l1_penalty(p.data, self.l1) for p in self.penalized(model)
        )

    @boundary
    def __call__(self, model: Layer) -> None:
        r"""``grad += l2 * W + l1 * sign(W)`` for each penalized parameter (eqs. ``eq-gen-l2``, ``eq-gen-l1``)."""
        for p in self.penalized(model):
            p.grad = (
                p.grad + l2_penalty_gradient(p.data, self.l2) + l1_penalty_gradient(p.data, self.l1)
            )

    def __repr__(self) -> str:
        shown = "dense weights" if self.parameters is None else f"{len(self.parameters)} parameters"
        return f"Penalty(l2={self.l2}, l1={self.l1}, {shown})"
