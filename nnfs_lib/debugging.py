"""Checks for debugging a training run: the initial cost and the update-to-weight ratios.

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

import numpy as np

from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import Optimizer
from nnfs_lib.validation import check_int


def expected_initial_loss(n_classes: int) -> float:
    """Cross-entropy of the uniform prediction over ``n_classes`` classes: ``log k``."""
    return math.log(check_int("n_classes", n_classes, minimum=2))


def update_ratios(
    model: Sequential, loss: object, optimizer: Optimizer, X: np.ndarray, y: np.ndarray
) -> dict[str, float]:
    r"""Take one training step on ``(X, y)`` and return :math:`\lVert\Delta\theta\rVert / \lVert\theta\rVert`.

    One entry per parameter, keyed by its name (Frobenius norms; the norm
    before the step is the denominator). The model *is* updated.
    """
    from nnfs_lib.trainer import train_step

    before = [p.data.copy() for p in model.parameters()]
    model.train()
    train_step(model, loss, optimizer, X, y)
    ratios = {}
    for p, old in zip(model.parameters(), before, strict=True):
        norm = float(np.linalg.norm(old))
        change = float(np.linalg.norm(p.data - old))
        ratios[p.name] = change / norm if norm > 0 else math.inf if change > 0 else 0.0
    return ratios
