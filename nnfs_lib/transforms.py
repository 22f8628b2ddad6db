"""Gradient transforms: what one training step may do between the backward pass and the optimizer.

:func:`~nnfs_lib.training.train_step` (and :func:`~nnfs_lib.training.fit`,
which takes the same list) runs

    forward -> backward -> transform_1(model) -> transform_2(model) -> ... -> optimizer.step()

so extensions compose instead of each writing its own training step: a penalty
adds its gradient (:class:`~nnfs_lib.regularization.Penalty`), clipping rescales
the gradients (:class:`~nnfs_lib.clipping.ClipGradNorm`), and ``[Penalty(...),
ClipGradNorm(...)]`` clips the penalized gradient. A transform may add a term to
the cost being minimized (:meth:`Transform.cost`), which the step returns and
``fit`` records with the loss.
"""

from __future__ import annotations

from nnfs_lib.layers import Layer


class Transform:
    """Base class of a gradient transform: ``transform(model)`` changes the parameters' ``grad`` in place."""

    def __call__(self, model: Layer) -> None:
        raise NotImplementedError

    def cost(self, model: Layer) -> float:
        """What the transform adds to the cost being minimized (0 unless it is a penalty)."""
        return 0.0
