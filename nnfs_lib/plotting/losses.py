"""Figures of loss functions: the loss of one example and its gradient, as functions of ``z``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from nnfs_lib import losses
from nnfs_lib.activations import sigmoid
from nnfs_lib.validation import check_array


def per_example_losses(z: np.ndarray, y: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    r"""Loss and :math:`\partial\mathcal{L}/\partial z` of one example at each ``z``, for label ``y``.

    For a sigmoid neuron ``a = sigmoid(z)``: ``"MSE"`` is :math:`(a - y)^2` and
    ``"BCE"`` the cross-entropy of ``a``. Each value is the library's cost of a
    batch of one example, and each derivative the library's gradient composed
    with the chain rule, so the figure draws exactly what the library computes.

    Returns
    -------
    dict
        ``{"MSE": (loss, dloss_dz), "BCE": (loss, dloss_dz)}``, arrays shaped like ``z``.
    """
    z = check_array("z", z, ndim=1).astype(np.float64)
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1; got {y!r}")
    target = np.full(1, float(y))
    mse, dmse, bce, dbce = (np.empty_like(z) for _ in range(4))
    for i, zi in enumerate(z):
        one = np.array([zi])
        a = sigmoid(one)
        mse[i] = losses.mse(a, target)
        dmse[i] = (losses.mse_gradient(a, target) * a * (1 - a))[0]
        bce[i] = losses.binary_cross_entropy_from_logits(one, target)
        dbce[i] = losses.binary_cross_entropy_from_logits_gradient(one, target)[0]
    return {"MSE": (mse, dmse), "BCE": (bce, dbce)}


def plot_loss_and_gradient(
    z: np.ndarray, y: float = 1, *, figsize: tuple[float, float] = (9.0, 3.2)
) -> plt.Figure:
    r"""Two panels for one example with label ``y``: the loss against ``z``, and :math:`|\partial\mathcal{L}/\partial z|`.

    With ``y = 1``, negative ``z`` is a confident wrong answer: there the
    cross-entropy's slope tends to 1 while the squared error's vanishes.
    The cross-entropy is drawn solid, the squared error dashed.
    """
    curves = per_example_losses(z, y)
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    styles = {  # a line style beside each colour, so the two stay apart in a grey print
        "MSE": ("tab:orange", "--", "squared error $(\\sigma(z)-y)^2$"),
        "BCE": ("tab:blue", "-", "cross-entropy of $\\sigma(z)$"),
    }
    for name, (loss, grad) in curves.items():
        colour, linestyle, label = styles[name]
        left.plot(z, loss, color=colour, linestyle=linestyle, label=label)
        right.plot(z, np.abs(grad), color=colour, linestyle=linestyle, label=name)
    wrong = z < 0 if y == 1 else z > 0
    for ax in (left, right):
        ax.axvspan(z[wrong].min(), z[wrong].max(), color="grey", alpha=0.12, lw=0)
        ax.set_xlabel("pre-activation $z$")
        ax.grid(alpha=0.3)
    left.set_ylabel(f"loss of one example, $y = {y}$")
    right.set_ylabel(r"$|\partial \mathcal{L} / \partial z|$")
    left.legend(fontsize=8)
    right.legend(fontsize=8)
    left.set_title("loss (shaded: the wrong side)", fontsize=10)
    right.set_title("size of the gradient that reaches $z$", fontsize=10)
    return fig
