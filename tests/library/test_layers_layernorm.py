from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.layers.batchnorm import BatchNorm
from nnfs_lib.layers.layernorm import LayerNorm


def layer64(d: int, rng: np.random.Generator) -> LayerNorm:
    ln = LayerNorm(d, dtype=np.float64)
    ln.gamma.data[...] = rng.uniform(0.5, 2.0, d)
    ln.beta.data[...] = rng.normal(size=d)
    return ln


def test_hand_example():
    # row [1, 3]: mean 2, biased variance 1; row [0, 0, ...] impossible with d=2 -> [5, 5]: variance 0
    ln = LayerNorm(2, dtype=np.float64)
    Y = ln.forward(np.array([[1.0, 3.0], [5.0, 5.0]]))
    np.testing.assert_allclose(Y[0], [-1 / np.sqrt(1 + 1e-5), 1 / np.sqrt(1 + 1e-5)])
    np.testing.assert_allclose(Y[1], [0.0, 0.0])  # a constant row maps to beta
    ln.gamma.data[...] = [2.0, 3.0]
    ln.beta.data[...] = [0.5, -1.0]
    Y = ln.forward(np.array([[1.0, 3.0]]))
    s = 1 / np.sqrt(1 + 1e-5)
    np.testing.assert_allclose(Y, [[2.0 * -s + 0.5, 3.0 * s - 1.0]])


def test_each_row_is_normalized(rng):
    X = rng.normal(3.0, 5.0, size=(7, 40))
    Y = LayerNorm(40, dtype=np.float64, eps=1e-12).forward(X)
    np.testing.assert_allclose(Y.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(Y.var(axis=1), 1.0, rtol=1e-9)


def test_an_example_does_not_depend_on_its_batch(rng):
    ln = layer64(5, rng)
    X = rng.normal(size=(6, 5))
    np.testing.assert_allclose(ln.forward(X)[:1], ln.forward(X[:1]), rtol=0, atol=0)
    bn = BatchNorm(5, dtype=np.float64)  # contrast: batch norm's output does depend on it
    assert np.abs(bn.forward(X)[:2] - bn.forward(X[:2])).max() > 0.1


def test_batch_of_one_and_both_modes_compute_the_same(rng):
    ln = layer64(4, rng)
    x = rng.normal(size=(1, 4))
    train_out = ln.forward(x)
    ln.eval()
    np.testing.assert_array_equal(ln.forward(x), train_out)
    assert ln.train() is ln and ln.training


@pytest.mark.parametrize("training", [True, False])
def test_backward_matches_finite_differences(rng, training):
    ln = layer64(5, rng)
    if not training:
        ln.eval()
    X = rng.normal(1.0, 2.0, size=(4, 5))
    R = rng.normal(size=(4, 5))  # J = sum(Y * R), so dY = R
    ln.forward(X)
    dX = ln.backward(R)
    assert gradient_check(lambda x: float(np.sum(ln.forward(x) * R)), dX, X) < 1e-7
    for p in ln.parameters():
        analytic, saved = p.grad.copy(), p.data.copy()

        def cost(value, p=p):
            p.data[...] = value
            return float(np.sum(ln.forward(X) * R))

        assert gradient_check(cost, analytic, saved) < 1e-7, p.name
        p.data[...] = saved


def test_backward_overwrites_parameter_gradients(rng):
    ln = layer64(3, rng)
    X = rng.normal(size=(4, 3))
    ln.forward(X)
    ln.backward(np.ones((4, 3)))
    first = ln.beta.grad.copy()
    ln.forward(X)
    ln.backward(np.ones((4, 3)))
    np.testing.assert_array_equal(ln.beta.grad, first)  # not 2 * first
    np.testing.assert_array_equal(first, [4.0, 4.0, 4.0])


def test_dx_rows_sum_to_zero(rng):
    ln = layer64(6, rng)
    ln.forward(rng.normal(size=(3, 6)))
    dX = ln.backward(rng.normal(size=(3, 6)))
    np.testing.assert_allclose(dX.sum(axis=1), 0.0, atol=1e-12)


def test_float32_is_kept(rng):
    ln = LayerNorm(3)
    Y = ln.forward(rng.normal(size=(2, 3)).astype(np.float32))
    assert Y.dtype == np.float32
    assert ln.backward(np.ones((2, 3), np.float32)).dtype == np.float32
    assert ln.gamma.grad.dtype == np.float32


def test_parameters_and_repr():
    ln = LayerNorm(3, name="ln")
    assert ln.parameters() == [ln.gamma, ln.beta]
    np.testing.assert_array_equal(ln.gamma.data, 1.0)
    np.testing.assert_array_equal(ln.beta.data, 0.0)
    assert repr(ln) == "LayerNorm(3, eps=1e-05, name='ln')"


def test_bad_arguments():
    with pytest.raises(ValueError, match="n_features"):
        LayerNorm(0)
    with pytest.raises(ValueError, match="eps"):
        LayerNorm(3, eps=0.0)
    with pytest.raises(TypeError, match="dtype"):
        LayerNorm(3, dtype=np.int64)
    ln = LayerNorm(3, dtype=np.float64)
    with pytest.raises(ValueError, match="expected input width 3"):
        ln.forward(np.zeros((2, 4)))
    with pytest.raises(TypeError, match="float64 parameters"):
        ln.forward(np.zeros((2, 3), np.float32))
