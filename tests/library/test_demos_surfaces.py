from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.demos.surfaces import ill_conditioned_quadratic, rosenbrock, run_optimizer
from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.optimizers import SGD, Adam


@pytest.mark.parametrize("surface", [ill_conditioned_quadratic(20.0), rosenbrock()])
@pytest.mark.parametrize("point", [(-1.3, 0.7), (0.4, -0.2), (1.1, 2.5)])
def test_gradient_matches_finite_differences(surface, point):
    x = np.array(point)
    assert gradient_check(lambda q: float(surface.f(q)), surface.grad(x), x) < 1e-7


def test_hand_values():
    q = ill_conditioned_quadratic(10.0)
    assert q.f(np.array([1.0, 2.0])) == pytest.approx(0.5 * (1 + 40))
    np.testing.assert_allclose(q.grad(np.array([1.0, 2.0])), [1.0, 20.0])
    r = rosenbrock()
    assert r.f(np.array([0.0, 1.0])) == pytest.approx(1 + 100)
    assert r.f(np.array([1.0, 1.0])) == 0.0
    np.testing.assert_allclose(r.grad(np.array([1.0, 1.0])), [0.0, 0.0])


def test_surfaces_work_on_grids():
    xx, yy = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3))
    assert rosenbrock().f(np.stack([xx, yy])).shape == (3, 4)


def test_sgd_on_quadratic_contracts_each_axis_by_one_minus_lr_lambda():
    q = ill_conditioned_quadratic(5.0)
    path = run_optimizer(q, lambda ps: SGD(ps, lr=0.1), steps=3, start=(2.0, 1.0))
    k = np.arange(4)
    np.testing.assert_allclose(path[:, 0], 2.0 * 0.9**k)
    np.testing.assert_allclose(path[:, 1], 1.0 * 0.5**k)


def test_divergence_leaves_nan_rows():
    q = ill_conditioned_quadratic(100.0)
    path = run_optimizer(q, lambda ps: SGD(ps, lr=1.0), steps=400, start=(1.0, 1.0))
    assert np.isnan(path[-1]).all() and np.isfinite(path[0]).all()


def test_adam_reaches_rosenbrock_valley():
    r = rosenbrock()
    path = run_optimizer(r, lambda ps: Adam(ps, lr=0.05), steps=600)
    assert r.f(path[-1]) < 0.1 * r.f(path[0])


def test_errors():
    q = ill_conditioned_quadratic()
    with pytest.raises(ValueError, match="start must be a point"):
        run_optimizer(q, lambda ps: SGD(ps, lr=0.1), steps=2, start=(1.0, 2.0, 3.0))
    with pytest.raises(TypeError, match="make_optimizer must return an Optimizer"):
        run_optimizer(q, lambda ps: None, steps=2)
    with pytest.raises(ValueError, match="kappa must be > 0"):
        ill_conditioned_quadratic(0.0)
