"""The loop-based dense layer agrees with the vectorized one (and is only a reference)."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.demos.naive import dense_backward_loops, dense_forward_loops
from nnfs_lib.layers.dense import Dense


def test_forward_hand_case() -> None:
    Z = dense_forward_loops(np.array([[1.0, 2.0]]), np.array([[1.0], [10.0]]), np.array([0.5]))
    np.testing.assert_allclose(Z, [[21.5]])


def test_backward_hand_case() -> None:
    dW, db, dX = dense_backward_loops(
        np.array([[1.0, 2.0]]), np.array([[1.0], [10.0]]), np.array([[3.0]])
    )
    np.testing.assert_allclose(dW, [[3.0], [6.0]])
    np.testing.assert_allclose(db, [3.0])
    np.testing.assert_allclose(dX, [[3.0, 30.0]])


def test_agrees_with_vectorized_dense() -> None:
    rng = np.random.default_rng(0)
    layer = Dense(4, 3, rng, dtype=np.float64)
    layer.b.data[...] = rng.standard_normal(3)
    X = rng.standard_normal((5, 4))
    dZ = rng.standard_normal((5, 3))
    np.testing.assert_allclose(
        dense_forward_loops(X, layer.W.data, layer.b.data), layer.forward(X), rtol=1e-12
    )
    dX = layer.backward(dZ)
    dW, db, dX_loops = dense_backward_loops(X, layer.W.data, dZ)
    np.testing.assert_allclose(dW, layer.W.grad, rtol=1e-12)
    np.testing.assert_allclose(db, layer.b.grad, rtol=1e-12)
    np.testing.assert_allclose(dX_loops, dX, rtol=1e-12)


def test_validation() -> None:
    with pytest.raises(ValueError, match="X has 2 columns but W has 3 rows"):
        dense_forward_loops(np.ones((1, 2)), np.ones((3, 1)), np.ones(1))
    with pytest.raises(ValueError, match=r"b must have shape \(1,\)"):
        dense_forward_loops(np.ones((1, 2)), np.ones((2, 1)), np.ones(2))
    with pytest.raises(ValueError, match=r"dZ must have shape \(1, 1\)"):
        dense_backward_loops(np.ones((1, 2)), np.ones((2, 1)), np.ones((1, 2)))
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        dense_forward_loops(np.ones(2), np.ones((2, 1)), np.ones(1))
