"""Dense layer: hand cases, finite-difference gradients, validation messages."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.layers.base import Parameter
from nnfs_lib.layers.dense import Dense


def _layer64(n_in: int = 3, n_out: int = 2, seed: int = 0) -> Dense:
    return Dense(n_in, n_out, seed, dtype=np.float64)


def test_forward_hand_case() -> None:
    layer = _layer64(2, 2)
    layer.W.data[...] = [[1.0, 2.0], [3.0, 4.0]]
    layer.b.data[...] = [0.5, -1.0]
    X = np.array([[1.0, 1.0], [2.0, 0.0]])
    np.testing.assert_allclose(layer.forward(X), [[4.5, 5.0], [2.5, 3.0]])


def test_backward_hand_case() -> None:
    layer = _layer64(2, 2)
    layer.W.data[...] = [[1.0, 2.0], [3.0, 4.0]]
    X = np.array([[1.0, 1.0], [2.0, 0.0]])
    layer.forward(X)
    dZ = np.array([[1.0, 0.0], [0.0, 1.0]])
    dX = layer.backward(dZ)
    np.testing.assert_allclose(layer.W.grad, [[1.0, 2.0], [1.0, 0.0]])  # X.T @ dZ
    np.testing.assert_allclose(layer.b.grad, [1.0, 1.0])
    np.testing.assert_allclose(dX, [[1.0, 3.0], [2.0, 4.0]])  # dZ @ W.T


@pytest.mark.parametrize("name", ["W", "b", "X"])
def test_gradients_match_finite_differences(name: str) -> None:
    rng = np.random.default_rng(1)
    layer = _layer64(4, 3)
    X = rng.standard_normal((5, 4))
    G = rng.standard_normal((5, 3))  # J = sum(G * Z), so dJ/dZ = G
    layer.forward(X)
    dX = layer.backward(G)
    analytic = {"W": layer.W.grad.copy(), "b": layer.b.grad.copy(), "X": dX}[name]

    def cost(value: np.ndarray) -> float:
        if name == "X":
            return float(np.sum(G * layer.forward(value)))
        original = getattr(layer, name).data.copy()
        getattr(layer, name).data[...] = value
        out = float(np.sum(G * layer.forward(X)))
        getattr(layer, name).data[...] = original
        return out

    point = X if name == "X" else getattr(layer, name).data.copy()
    assert gradient_check(cost, analytic, point) < 1e-7


def test_gradients_are_overwritten_not_accumulated() -> None:
    layer = _layer64()
    X = np.ones((2, 3))
    for _ in range(2):
        layer.forward(X)
        layer.backward(np.ones((2, 2)))
    np.testing.assert_allclose(layer.b.grad, [2.0, 2.0])


def test_float32_is_kept() -> None:
    layer = Dense(3, 2, 0)
    Z = layer.forward(np.ones((4, 3), dtype=np.float32))
    assert Z.dtype == np.float32
    assert layer.backward(np.ones_like(Z)).dtype == np.float32
    assert layer.W.grad.dtype == np.float32


def test_same_seed_same_weights() -> None:
    np.testing.assert_array_equal(Dense(3, 2, 7).W.data, Dense(3, 2, 7).W.data)
    assert not np.array_equal(Dense(3, 2, 7).W.data, Dense(3, 2, 8).W.data)


def test_parameters_and_names() -> None:
    layer = Dense(3, 2, 0, name="hidden")
    assert [p.name for p in layer.parameters()] == ["W", "b"]
    assert [name for name, _ in layer.named_parameters("0_hidden.")] == ["0_hidden.W", "0_hidden.b"]
    assert layer.W.shape == (3, 2) and layer.b.shape == (2,)
    assert "3 -> 2" in repr(layer)


def test_wrong_width_names_layer_expected_and_got() -> None:
    layer = Dense(3, 2, 0, name="hidden")
    with pytest.raises(ValueError, match=r"Dense layer 'hidden' expected input width 3; got 5"):
        layer.forward(np.ones((4, 5), dtype=np.float32))


def test_wrong_dtype_input() -> None:
    with pytest.raises(TypeError, match="holds float32 parameters but got float64 input"):
        Dense(3, 2, 0).forward(np.ones((4, 3)))


def test_integer_input_rejected() -> None:
    with pytest.raises(TypeError, match="X must be a float32 or float64 numpy array; got int64"):
        Dense(3, 2, 0).forward(np.ones((4, 3), dtype=np.int64))


def test_list_input_rejected() -> None:
    with pytest.raises(TypeError, match="X must be a float32 or float64 numpy array; got list"):
        Dense(3, 2, 0).forward([[1.0, 2.0, 3.0]])


def test_one_dimensional_input_rejected() -> None:
    with pytest.raises(ValueError, match=r"X must have shape \(n, d\) with n >= 1; got \(3,\)"):
        Dense(3, 2, 0).forward(np.ones(3, dtype=np.float32))


def test_empty_batch_rejected() -> None:
    with pytest.raises(ValueError, match=r"X must have shape \(n, d\) with n >= 1; got \(0, 3\)"):
        Dense(3, 2, 0).forward(np.ones((0, 3), dtype=np.float32))


def test_nan_input_is_not_checked_by_the_layer() -> None:
    # Finiteness is checked once where data enter the network (Sequential.forward).
    X = np.ones((2, 3), dtype=np.float32)
    X[0, 0] = np.nan
    assert np.isnan(Dense(3, 2, 0).forward(X)[0]).all()


def test_forward_keeps_its_input_as_X() -> None:
    layer = Dense(3, 2, 0)
    X = np.ones((4, 3), dtype=np.float32)
    layer.forward(X)
    assert layer.X is X


def test_backward_overwrites_gradients() -> None:
    layer = Dense(3, 2, 0)
    X = np.ones((4, 3), dtype=np.float32)
    dZ = np.ones((4, 2), dtype=np.float32)
    layer.forward(X)
    layer.backward(dZ)
    layer.backward(dZ)  # twice: the gradients are overwritten, not accumulated
    np.testing.assert_array_equal(layer.W.grad, X.T @ dZ)
    np.testing.assert_array_equal(layer.b.grad, dZ.sum(axis=0))
    assert layer.W.grad.dtype == np.float32


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_in": 0}, ValueError, "n_in must be >= 1; got 0"),
        ({"n_out": 2.5}, TypeError, "n_out must be an integer; got float"),
        ({"rng": "seed"}, TypeError, "rng must be a numpy.random.Generator or an integer seed"),
        ({"init": "magic"}, ValueError, "init must be one of"),
        ({"dtype": np.int32}, TypeError, "dtype must be float32 or float64"),
    ],
)
def test_constructor_validation(kwargs: dict, error: type, match: str) -> None:
    args = {"n_in": 3, "n_out": 2, "rng": 0} | kwargs
    rest = {k: v for k, v in args.items() if k not in ("n_in", "n_out", "rng")}
    with pytest.raises(error, match=match):
        Dense(args["n_in"], args["n_out"], args["rng"], **rest)


def test_parameter_validation() -> None:
    with pytest.raises(TypeError, match="Parameter 'w' needs a float32 or float64 array"):
        Parameter(np.ones(3, dtype=np.int64), "w")
    p = Parameter(np.ones((2, 3)), "w")
    assert p.grad.shape == (2, 3) and p.shape == (2, 3)
    assert "shape=(2, 3)" in repr(p)
