"""Skipping the gradient with respect to the data: same parameter gradients, one product fewer."""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers.activation import ReLU, Tanh
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import SGD
from nnfs_lib.training import train_step


def _net(first_is_dense: bool = True) -> Sequential:
    rng = np.random.default_rng(3)
    layers = [Dense(4, 5, rng, dtype=np.float64), Tanh(), Dense(5, 3, rng, dtype=np.float64)]
    return Sequential(layers if first_is_dense else [ReLU(), *layers])


def _grads(net: Sequential) -> list[np.ndarray]:
    return [p.grad.copy() for p in net.parameters()]


def test_dense_skips_only_the_input_gradient() -> None:
    layer = Dense(3, 2, 0, dtype=np.float64)
    X = np.arange(6.0).reshape(2, 3)
    dZ = np.array([[1.0, -2.0], [0.5, 3.0]])
    layer.forward(X)
    dX = layer.backward(dZ)
    full = (layer.W.grad.copy(), layer.b.grad.copy())
    layer.forward(X)
    assert layer.backward(dZ, input_gradient=False) is None
    np.testing.assert_array_equal(layer.W.grad, full[0])
    np.testing.assert_array_equal(layer.b.grad, full[1])
    np.testing.assert_allclose(dX, dZ @ layer.W.data.T)


def test_network_without_input_gradient_has_the_same_parameter_gradients() -> None:
    net = _net()
    X = np.random.default_rng(0).standard_normal((6, 4))
    y = np.array([0, 1, 2, 0, 1, 2])
    loss = SoftmaxCrossEntropy()
    loss.forward(net.forward(X), y)
    dX = net.backward(loss.backward())
    assert dX.shape == X.shape
    expected = _grads(net)
    loss.forward(net.forward(X), y)
    assert net.backward(loss.backward(), input_gradient=False) is None
    for got, want in zip(_grads(net), expected, strict=True):
        np.testing.assert_array_equal(got, want)


def test_a_first_layer_that_cannot_skip_still_returns_the_input_gradient() -> None:
    net = _net(first_is_dense=False)
    X = np.random.default_rng(1).standard_normal((3, 4))
    out = net.forward(X)
    dX = net.backward(np.ones_like(out), input_gradient=False)
    assert dX is not None and dX.shape == X.shape


def test_train_step_matches_a_step_with_the_input_gradient() -> None:
    X = np.random.default_rng(2).standard_normal((8, 4))
    y = np.arange(8) % 3
    a, b = _net(), _net()
    train_step(a, SoftmaxCrossEntropy(), SGD(a.parameters(), lr=0.5), X, y)
    loss = SoftmaxCrossEntropy()
    loss.forward(b.forward(X), y)
    b.backward(loss.backward())
    SGD(b.parameters(), lr=0.5).step()
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data)
