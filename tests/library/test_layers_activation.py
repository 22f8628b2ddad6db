"""Activation layers: forward values, backward = upstream * g'(Z), finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib import activations as act
from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.layers.activation import (
    ACTIVATION_LAYERS,
    Activation,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Tanh,
)
from nnfs_lib.layers.base import Layer
from nnfs_lib.validation import recording

LAYERS = [Sigmoid, Tanh, ReLU, lambda: LeakyReLU(0.1)]


@pytest.mark.parametrize("make", LAYERS)
def test_backward_matches_finite_differences(make) -> None:
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((4, 5))
    Z[np.abs(Z) < 1e-3] = 0.5  # keep away from the ReLU kink
    G = rng.standard_normal((4, 5))
    layer = make()
    layer.forward(Z)
    analytic = layer.backward(G)
    assert gradient_check(lambda v: float(np.sum(G * layer.forward(v))), analytic, Z) < 1e-7


def test_hand_values() -> None:
    Z = np.array([[-1.0, 0.0, 2.0]])
    np.testing.assert_allclose(Sigmoid().forward(Z), [[1 / (1 + np.e), 0.5, 1 / (1 + np.exp(-2))]])
    np.testing.assert_allclose(Tanh().forward(Z), np.tanh(Z))
    np.testing.assert_allclose(ReLU().forward(Z), [[0.0, 0.0, 2.0]])
    np.testing.assert_allclose(LeakyReLU(0.1).forward(Z), [[-0.1, 0.0, 2.0]])


def test_hand_backward() -> None:
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA = np.array([[1.0, 2.0, 3.0]])
    for layer, expected in [
        (Sigmoid(), [[0.19661193324148185, 0.5, 3 * 0.10499358540350652]]),
        (Tanh(), [[1 - np.tanh(1.0) ** 2, 2.0, 3 * (1 - np.tanh(2.0) ** 2)]]),
        (ReLU(), [[0.0, 0.0, 3.0]]),  # subgradient 0 at z = 0
        (LeakyReLU(0.1), [[0.1, 0.2, 3.0]]),
    ]:
        layer.forward(Z)
        np.testing.assert_allclose(layer.backward(dA), expected)


@pytest.mark.parametrize("make", LAYERS)
def test_dtype_kept_and_no_parameters(make) -> None:
    layer = make()
    A = layer.forward(np.ones((2, 2), dtype=np.float32))
    assert A.dtype == np.float32
    assert layer.backward(np.ones((2, 2), dtype=np.float32)).dtype == np.float32
    assert layer.parameters() == []
    assert isinstance(layer, Layer)


def test_train_eval_switch() -> None:
    layer = ReLU()
    assert layer.eval() is layer and layer.training is False
    assert layer.train().training is True


def test_forward_validation_names_layer() -> None:
    with pytest.raises(ValueError, match=r"Tanh layer 'tanh': X must have shape \(n, d\)"):
        Tanh().forward(np.ones(3))


def test_leaky_alpha_validation() -> None:
    with pytest.raises(ValueError, match=r"alpha must be in \[0, 1\)"):
        LeakyReLU(1.5)


# ------------------------------------------------------- one table, one derivative
def test_one_layer_class_per_row_of_the_table() -> None:
    assert list(ACTIVATION_LAYERS) == list(act.ACTIVATIONS)
    for name, layer in ACTIVATION_LAYERS.items():
        assert layer.activation == name and layer().name == name


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", list(ACTIVATION_LAYERS))
def test_backward_is_the_tables_derivative(name, dtype) -> None:
    rng = np.random.default_rng(1)
    Z = (5 * rng.standard_normal((6, 7))).astype(dtype)
    Z[0, :3] = [0.0, 20.0, -20.0]  # the kink and the tails
    dA = rng.standard_normal((6, 7)).astype(dtype)
    options = {"alpha": 0.2} if name == "leaky_relu" else {}
    layer = ACTIVATION_LAYERS[name](**options)
    row = act.ACTIVATIONS[name]
    np.testing.assert_array_equal(layer.forward(Z), row.function(Z, **options))
    np.testing.assert_array_equal(layer.backward(dA), dA * row.derivative(Z, **options))


def test_sigmoid_backward_accurate_in_float32_tails() -> None:
    # A * (1 - A) would give 0 at z = 20: sigma(20) rounds to 1 in float32.
    layer = Sigmoid()
    Z = np.array([[20.0, -1000.0]], dtype=np.float32)
    with np.errstate(over="raise", invalid="raise"):
        layer.forward(Z)
        dZ = layer.backward(np.ones_like(Z))
    assert dZ.dtype == np.float32
    assert dZ[0, 0] > 0
    np.testing.assert_allclose(
        dZ[0, 0], act.sigmoid_derivative(np.float32([20.0]))[0], rtol=np.finfo(np.float32).eps
    )
    np.testing.assert_allclose(dZ[0, 0], np.exp(-20.0) / (1 + np.exp(-20.0)) ** 2, rtol=1e-6)
    assert np.isfinite(dZ[0, 1])


def test_activation_inside_its_layer_checks_nothing_more() -> None:
    Z, dA = np.linspace(-2, 2, 6).reshape(2, 3), np.ones((2, 3))
    for layer in [Sigmoid(), Tanh(), ReLU(), LeakyReLU(0.1)]:
        with recording() as checked:
            layer.forward(Z)
            layer.backward(dA)
        assert checked == [], type(layer).__name__  # the layer's own check does not record


def test_an_activation_layer_names_a_row_of_the_table() -> None:
    with pytest.raises(TypeError, match="activation must be a key of ACTIVATIONS"):

        class Softsign(Activation):
            activation = "softsign"
