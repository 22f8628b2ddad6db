"""Forward values and gradients of layers and losses against PyTorch autograd."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from nnfs_lib import activations, losses
from nnfs_lib.layers.activation import LeakyReLU, ReLU, Sigmoid, Tanh
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import BinaryCrossEntropyWithLogits, MeanSquaredError, SoftmaxCrossEntropy
from nnfs_lib.softmax import log_softmax, softmax
from tests.parity.conftest import close, to_torch


def test_dense_forward_and_all_gradients(rng: np.random.Generator) -> None:
    layer = Dense(5, 3, rng, dtype=np.float64)
    layer.b.data[:] = rng.standard_normal(3)
    X = rng.standard_normal((7, 5))
    dZ = rng.standard_normal((7, 3))

    Z = layer.forward(X)
    dX = layer.backward(dZ)

    linear = torch.nn.Linear(5, 3)
    with torch.no_grad():  # torch stores the weight as (out, in): our W transposed
        linear.weight.copy_(to_torch(layer.W.data.T))
        linear.bias.copy_(to_torch(layer.b.data))
    X_t = to_torch(X, grad=True)
    Z_t = linear(X_t)
    Z_t.backward(to_torch(dZ))

    close(Z, Z_t, "Z")
    close(dX, X_t.grad, "dX")
    close(layer.W.grad, linear.weight.grad.T, "dW")
    close(layer.b.grad, linear.bias.grad, "db")


@pytest.mark.parametrize(
    ("layer", "reference"),
    [
        (Sigmoid(), torch.sigmoid),
        (Tanh(), torch.tanh),
        (ReLU(), torch.relu),
        (LeakyReLU(0.1), lambda z: F.leaky_relu(z, 0.1)),
    ],
    ids=["sigmoid", "tanh", "relu", "leaky_relu"],
)
def test_activation_layers(layer, reference, rng: np.random.Generator) -> None:
    Z = rng.standard_normal((6, 4)) * 3
    dA = rng.standard_normal((6, 4))
    A = layer.forward(Z)
    dZ = layer.backward(dA)
    Z_t = to_torch(Z, grad=True)
    A_t = reference(Z_t)
    A_t.backward(to_torch(dA))
    close(A, A_t, "A")
    close(dZ, Z_t.grad, "dZ")


def test_activation_functions_at_extremes() -> None:
    z = np.array([-1000.0, -50.0, -1.0, 0.0, 1.0, 50.0, 1000.0])
    close(activations.sigmoid(z), torch.sigmoid(to_torch(z)), "sigmoid")
    close(activations.sigmoid_derivative(z), _derivative(torch.sigmoid, z), "sigmoid'")
    close(activations.tanh_derivative(z), _derivative(torch.tanh, z), "tanh'")


def _derivative(function, z: np.ndarray) -> torch.Tensor:
    z_t = to_torch(z, grad=True)
    function(z_t).sum().backward()
    return z_t.grad


def test_softmax_and_log_softmax(rng: np.random.Generator) -> None:
    Z = rng.standard_normal((5, 4)) * 10
    Z[0] += 1000.0  # large logits: both must stay exact
    close(softmax(Z), torch.softmax(to_torch(Z), dim=1), "softmax")
    close(log_softmax(Z), torch.log_softmax(to_torch(Z), dim=1), "log_softmax")


@pytest.mark.parametrize("one_hot_targets", [False, True], ids=["labels", "one-hot"])
def test_softmax_cross_entropy(one_hot_targets: bool, rng: np.random.Generator) -> None:
    Z = rng.standard_normal((8, 3)) * 4
    y = rng.integers(0, 3, size=8)
    targets = np.eye(3)[y] if one_hot_targets else y
    loss = SoftmaxCrossEntropy()
    cost = loss.forward(Z, targets)
    dZ = loss.backward()
    Z_t = to_torch(Z, grad=True)
    cost_t = F.cross_entropy(Z_t, torch.tensor(y))
    cost_t.backward()
    close(cost, cost_t, "cost")
    close(dZ, Z_t.grad, "dZ")


def test_mean_squared_error(rng: np.random.Generator) -> None:
    Y_hat = rng.standard_normal((6, 2))
    Y = rng.standard_normal((6, 2))
    loss = MeanSquaredError()
    cost = loss.forward(Y_hat, Y)
    grad = loss.backward()
    Y_hat_t = to_torch(Y_hat, grad=True)
    cost_t = F.mse_loss(Y_hat_t, to_torch(Y))
    cost_t.backward()
    close(cost, cost_t, "cost")
    close(grad, Y_hat_t.grad, "dY_hat")
    close(losses.mse_gradient(Y_hat, Y), Y_hat_t.grad, "mse_gradient")


def test_binary_cross_entropy_with_logits(rng: np.random.Generator) -> None:
    Z = rng.standard_normal((9, 1)) * 30  # includes confident logits
    y = rng.integers(0, 2, size=9).astype(np.float64)
    loss = BinaryCrossEntropyWithLogits()
    cost = loss.forward(Z, y)
    dZ = loss.backward()
    Z_t = to_torch(Z, grad=True)
    cost_t = F.binary_cross_entropy_with_logits(Z_t, to_torch(y[:, None]))
    cost_t.backward()
    close(cost, cost_t, "cost")
    close(dZ, Z_t.grad, "dZ")


def test_binary_cross_entropy_of_probabilities(rng: np.random.Generator) -> None:
    p = rng.uniform(0.01, 0.99, size=10)
    y = rng.integers(0, 2, size=10).astype(np.float64)
    p_t = to_torch(p, grad=True)
    cost_t = F.binary_cross_entropy(p_t, to_torch(y))
    cost_t.backward()
    close(losses.binary_cross_entropy(p, y), cost_t, "cost")
    close(losses.binary_cross_entropy_gradient(p, y), p_t.grad, "dp")
