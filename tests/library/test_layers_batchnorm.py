from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.layers.batchnorm import BatchNorm


def layer64(d: int = 3, seed: int = 0) -> BatchNorm:
    bn = BatchNorm(d, dtype=np.float64)
    rng = np.random.default_rng(seed)
    bn.gamma.data[...] = rng.uniform(0.5, 2.0, d)
    bn.beta.data[...] = rng.normal(size=d)
    return bn


def test_training_forward_normalizes_each_feature():
    X = np.random.default_rng(1).normal(3.0, 5.0, size=(50, 4))
    Y = BatchNorm(4, dtype=np.float64, eps=1e-12).forward(X)
    np.testing.assert_allclose(Y.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Y.var(axis=0), 1.0, rtol=1e-9)


def test_hand_example_forward_and_running_stats():
    bn = BatchNorm(1, dtype=np.float64, momentum=0.1, eps=0.0 + 1e-5)
    X = np.array([[1.0], [3.0]])
    # mean 2, biased var 1, unbiased var 2
    Y = bn.forward(X)
    np.testing.assert_allclose(Y, [[-1 / np.sqrt(1 + 1e-5)], [1 / np.sqrt(1 + 1e-5)]])
    # running_mean = 0.9 * 0 + 0.1 * 2 = 0.2; running_var = 0.9 * 1 + 0.1 * 2 = 1.1 (unbiased!)
    np.testing.assert_allclose(bn.running_mean, [0.2])
    np.testing.assert_allclose(bn.running_var, [1.1])
    bn.forward(np.array([[0.0], [6.0]]))  # mean 3, unbiased var 18
    np.testing.assert_allclose(bn.running_mean, [0.9 * 0.2 + 0.1 * 3])
    np.testing.assert_allclose(bn.running_var, [0.9 * 1.1 + 0.1 * 18])


def test_eval_mode_uses_running_stats_and_does_not_update_them():
    bn = BatchNorm(1, dtype=np.float64)
    bn.running_mean[...] = 0.2
    bn.running_var[...] = 1.1
    bn.gamma.data[...] = 2.0
    bn.beta.data[...] = 0.5
    bn.eval()
    Y = bn.forward(np.array([[2.0]]))  # a single example is fine at inference
    np.testing.assert_allclose(Y, [[2.0 * 1.8 / np.sqrt(1.1 + 1e-5) + 0.5]])
    np.testing.assert_allclose(bn.running_mean, [0.2])
    np.testing.assert_allclose(bn.running_var, [1.1])


def test_eval_output_of_an_example_does_not_depend_on_the_batch():
    bn = BatchNorm(2, dtype=np.float64)
    bn.forward(np.random.default_rng(0).normal(size=(10, 2)))
    bn.eval()
    x = np.array([[0.3, -0.7]])
    both = bn.forward(np.vstack([x, [[10.0, 10.0]]]))
    np.testing.assert_allclose(both[:1], bn.forward(x))


def _check_gradients(bn: BatchNorm, X: np.ndarray) -> None:
    R = np.random.default_rng(7).normal(size=X.shape)  # J = sum(Y * R), so dY = R

    def cost_of_x(x):
        return float(np.sum(bn.forward(x) * R))

    def cost_of(param):
        def f(value):
            saved = param.data.copy()
            param.data[...] = value
            out = float(np.sum(bn.forward(X) * R))
            param.data[...] = saved
            return out

        return f

    running = (bn.running_mean.copy(), bn.running_var.copy())
    bn.forward(X)
    dX = bn.backward(R)
    dgamma, dbeta = bn.gamma.grad.copy(), bn.beta.grad.copy()
    assert gradient_check(cost_of_x, dX, X) < 1e-7
    assert gradient_check(cost_of(bn.gamma), dgamma, bn.gamma.data) < 1e-7
    assert gradient_check(cost_of(bn.beta), dbeta, bn.beta.data) < 1e-7
    bn.running_mean[...], bn.running_var[...] = running


def test_backward_training_mode_matches_finite_differences():
    X = np.random.default_rng(3).normal(1.0, 2.0, size=(6, 3))
    _check_gradients(layer64(), X)


def test_backward_eval_mode_matches_finite_differences():
    bn = layer64()
    bn.running_mean[...] = [0.5, -1.0, 2.0]
    bn.running_var[...] = [0.5, 2.0, 3.0]
    bn.eval()
    _check_gradients(bn, np.random.default_rng(4).normal(size=(5, 3)))


def test_training_backward_input_gradient_sums_to_zero_per_feature():
    # Shifting every example of a feature by c changes nothing in training mode: sum_i dx_ij = 0
    bn = layer64()
    bn.forward(np.random.default_rng(5).normal(size=(8, 3)))
    dX = bn.backward(np.random.default_rng(6).normal(size=(8, 3)))
    np.testing.assert_allclose(dX.sum(axis=0), 0.0, atol=1e-12)


def test_float32_kept():
    bn = BatchNorm(2)
    Y = bn.forward(np.ones((4, 2), dtype=np.float32) * np.arange(4, dtype=np.float32)[:, None])
    assert Y.dtype == np.float32 and bn.running_var.dtype == np.float32
    assert bn.backward(np.ones_like(Y)).dtype == np.float32


def test_errors():
    bn = BatchNorm(2, dtype=np.float64)
    with pytest.raises(ValueError, match="at least 2 examples"):
        bn.forward(np.ones((1, 2)))
    with pytest.raises(ValueError, match="expected input width 2"):
        bn.forward(np.ones((3, 5)))
    with pytest.raises(TypeError, match="holds float64 parameters"):
        bn.forward(np.ones((3, 2), dtype=np.float32))
    with pytest.raises(ValueError, match="momentum must be in"):
        BatchNorm(2, momentum=1.5)
    with pytest.raises(ValueError, match="eps must be > 0"):
        BatchNorm(2, eps=0)


def test_inference_mode_accepts_one_example():
    bn = BatchNorm(2, dtype=np.float64).eval()
    np.testing.assert_allclose(bn.forward(np.array([[1.0, 2.0]])), [[1.0, 2.0]], rtol=1e-5)


def test_buffers_are_the_running_stats():
    bn = BatchNorm(2)
    assert bn.buffers()["running_mean"] is bn.running_mean
    assert [p.name for p in bn.parameters()] == ["gamma", "beta"]


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(2, 12),
    d=st.integers(1, 4),
    seed=st.integers(0, 10_000),
    scale=st.floats(0.1, 100.0),
)
def test_property_training_output_standardized_and_shift_invariant(n, d, seed, scale):
    rng = np.random.default_rng(seed)
    X = scale * rng.normal(size=(n, d)) + rng.normal(size=d) * 10
    bn = BatchNorm(d, dtype=np.float64, eps=1e-12)
    Y = bn.forward(X)
    np.testing.assert_allclose(Y.mean(axis=0), 0.0, atol=1e-9)
    # shifting every example of a feature by the same amount changes nothing
    np.testing.assert_allclose(bn.forward(X + 3.0), Y, atol=1e-8)
    dX = bn.backward(rng.normal(size=(n, d)))
    np.testing.assert_allclose(dX.sum(axis=0), 0.0, atol=1e-6 * (1 + np.abs(dX).max()))
