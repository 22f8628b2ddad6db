from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.layers.dropout import Dropout


def test_fixed_mask_hand_example():
    layer = Dropout(0.5, rng=0)
    layer.fix_mask(np.array([[True, False], [False, True]]))
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    # kept values are divided by 1 - p = 0.5
    np.testing.assert_allclose(layer.forward(X), [[2.0, 0.0], [0.0, 8.0]])
    np.testing.assert_allclose(layer.backward(np.ones((2, 2))), [[2.0, 0.0], [0.0, 2.0]])


def test_backward_matches_finite_differences_with_fixed_mask():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 5))
    R = rng.normal(size=(4, 5))
    layer = Dropout(0.3, rng=1)
    layer.fix_mask(rng.random((4, 5)) > 0.3)
    layer.forward(X)
    dX = layer.backward(R)
    assert gradient_check(lambda x: float(np.sum(layer.forward(x) * R)), dX, X) < 1e-7


def test_expectation_is_kept():
    layer = Dropout(0.4, rng=123)
    X = np.full((2000, 50), 3.0)
    Y = layer.forward(X)
    assert abs(Y.mean() - 3.0) < 0.05  # E[Y] = X
    assert abs((Y == 0).mean() - 0.4) < 0.01  # about p of the units dropped
    assert np.all((Y == 0) | np.isclose(Y, 3.0 / 0.6))


def test_eval_mode_is_identity_forward_and_backward():
    layer = Dropout(0.9, rng=0).eval()
    X = np.random.default_rng(0).normal(size=(3, 4)).astype(np.float32)
    np.testing.assert_array_equal(layer.forward(X), X)
    np.testing.assert_array_equal(layer.backward(X), X)


def test_same_seed_same_masks_and_dtype_kept():
    X = np.ones((5, 6), dtype=np.float32)
    a, b = Dropout(0.5, rng=7).forward(X), Dropout(0.5, rng=7).forward(X)
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.float32


def test_p_zero_keeps_everything():
    X = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(Dropout(0.0, rng=0).forward(X), X)


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5])
def test_rejects_rate_outside_zero_one(p):
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\)"):
        Dropout(p, rng=0)


def test_other_errors():
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        Dropout(0.5, rng=None)
    layer = Dropout(0.5, rng=0)
    layer.fix_mask(np.ones((2, 2), dtype=bool))
    with pytest.raises(ValueError, match="fixed mask has shape"):
        layer.forward(np.ones((3, 2)))
    with pytest.raises(TypeError, match="mask must be a 2-D boolean array"):
        layer.fix_mask(np.ones((2, 2)))
