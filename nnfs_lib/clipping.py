"""Gradient clipping by global norm, and the gradient transform that clips in a training step.

When the gradient of a deep network explodes, one step of size
:math:`\\eta \\lVert \\mathbf{g} \\rVert` can throw the weights far from
anywhere useful. Clipping by norm (Pascanu, Mikolov & Bengio, 2013) keeps the
direction of the gradient :math:`\\mathbf{g}` of *all* parameters together and
caps its length at ``max_norm`` (eq. ``eq-clip``, chapter "Training very deep
networks"):

.. math::
    \\mathbf{g} \\leftarrow \\mathbf{g} \\cdot \\frac{c}{\\lVert \\mathbf{g} \\rVert}
    \\quad \\text{if } \\lVert \\mathbf{g} \\rVert > c .

:class:`ClipGradNorm` is a gradient transform (:mod:`nnfs_lib.transforms`):
given to :func:`~nnfs_lib.training.train_step` or :func:`~nnfs_lib.training.fit`
(``transforms=[ClipGradNorm(1.0)]``) it clips between the backward pass and the
optimizer's step, and records the norm it saw at every step.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nnfs_lib.layers import Layer, Parameter
from nnfs_lib.transforms import Transform
from nnfs_lib.validation import Optional, Scalar, validate


@validate(max_norm=Scalar(low=0, closed="neither"))
def clip_grad_norm(parameters: Iterable[Parameter], max_norm: float) -> float:
    r"""Scale every ``p.grad`` in place so that their global norm is at most ``max_norm``.

    The global norm is :math:`\lVert \mathbf{g} \rVert = \sqrt{\sum_p \sum (\texttt{p.grad})^2}`,
    over the entries of all the gradients together, as if they were one vector.
    When it exceeds ``max_norm`` every gradient is multiplied by
    ``max_norm / norm``: the direction is kept, the length becomes ``max_norm``.
    Otherwise nothing changes.

    Like PyTorch's ``torch.nn.utils.clip_grad_norm_`` it returns the norm
    *before* clipping (PyTorch also adds ``1e-6`` to the norm in the divisor;
    here the clipped norm is exactly ``max_norm``). A NaN or infinite norm
    makes every gradient NaN.

    Parameters
    ----------
    parameters : iterable of Parameter
        E.g. ``model.parameters()``.
    max_norm : float > 0
        :math:`c`, the largest global norm allowed.

    Returns
    -------
    float
        The global norm of the gradients before clipping.
    """
    parameters = list(parameters)
    norm = global_grad_norm(parameters)
    if norm > max_norm:
        for p in parameters:
            p.grad *= max_norm / norm  # in place: same direction, length max_norm
    return norm


def global_grad_norm(parameters: Iterable[Parameter]) -> float:
    r"""The norm of all the gradients taken as one vector: :math:`\sqrt{\sum_p \sum (\texttt{p.grad})^2}`."""
    return float(np.sqrt(sum(np.sum(p.grad.astype(np.float64) ** 2) for p in parameters)))


class ClipGradNorm(Transform):
    """A gradient transform that clips the gradients' global norm to ``max_norm`` (:func:`clip_grad_norm`).

    ``fit(..., transforms=[ClipGradNorm(max_norm)])`` trains as without it, with
    one more line between the backward pass and ``optimizer.step()``. With
    ``max_norm=None`` nothing is clipped, which measures the same norms on an
    unclipped run.

    Attributes
    ----------
    max_norm : float or None
    norms : list of float
        The global gradient norm before clipping at every step taken, in order.
    """

    @validate(max_norm=Optional(Scalar(low=0, closed="neither")))
    def __init__(self, max_norm: float | None) -> None:
        self.max_norm = max_norm
        self.norms: list[float] = []

    def __call__(self, model: Layer) -> None:
        """Clip (or, with ``max_norm=None``, measure) the global norm of ``model``'s gradients."""
        parameters = model.parameters()
        if self.max_norm is None:
            self.norms.append(global_grad_norm(parameters))
        else:
            self.norms.append(clip_grad_norm(parameters, self.max_norm))

    def __repr__(self) -> str:
        return f"ClipGradNorm(max_norm={self.max_norm})"
