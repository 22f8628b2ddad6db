"""Tests of nnfs_lib.plotting.losses: the per-example losses are the library's, by formula and
by finite differences, and the figure draws both."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.gradcheck import numerical_gradient, relative_error
from nnfs_lib.plotting.losses import per_example_losses, plot_loss_and_gradient


def test_per_example_losses_by_formula() -> None:
    z = np.array([-2.0, 0.0, 3.0])
    s = 1 / (1 + np.exp(-z))
    curves = per_example_losses(z, 1)
    np.testing.assert_allclose(curves["MSE"][0], (s - 1) ** 2)
    np.testing.assert_allclose(curves["MSE"][1], 2 * (s - 1) * s * (1 - s))
    np.testing.assert_allclose(curves["BCE"][0], -np.log(s))
    np.testing.assert_allclose(curves["BCE"][1], s - 1)


@pytest.mark.parametrize("name", ["MSE", "BCE"])
def test_per_example_gradients_match_finite_differences(name: str) -> None:
    z = np.array([-3.0, -0.5, 0.7, 2.0])
    analytic = per_example_losses(z, 0)[name][1]
    numeric = numerical_gradient(lambda v: per_example_losses(v, 0)[name][0].sum(), z)
    assert relative_error(analytic, numeric) < 1e-7


def test_per_example_losses_reject_a_bad_label() -> None:
    with pytest.raises(ValueError, match="y must be 0 or 1; got 2"):
        per_example_losses(np.zeros(3), 2)


def test_loss_and_gradient_figure() -> None:
    z = np.linspace(-5, 5, 11)
    fig = plot_loss_and_gradient(z, y=1)
    left, right = fig.axes
    assert len(left.get_lines()) == len(right.get_lines()) == 2
    # the right panel draws |dL/dz|, the left the loss itself
    np.testing.assert_allclose(
        right.get_lines()[1].get_ydata(), np.abs(per_example_losses(z, 1)["BCE"][1])
    )
    np.testing.assert_allclose(left.get_lines()[0].get_ydata(), per_example_losses(z, 1)["MSE"][0])
    for ax in (left, right):  # grey print: squared error dashed, cross-entropy solid
        assert [line.get_linestyle() for line in ax.get_lines()] == ["--", "-"]
    plt.close(fig)
