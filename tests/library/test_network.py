"""Sequential and build_mlp: composition, whole-network finite-difference checks, validation."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.demos.constructions import piecewise_linear_mlp, sawtooth_mlp
from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.layers import Sequential
from nnfs_lib.layers.activation import LeakyReLU, ReLU, Sigmoid, Tanh
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import MeanSquaredError, SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp


def _mixed(seed: int = 0) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(
        [
            Dense(3, 5, rng, dtype=np.float64),
            Tanh(),
            Dense(5, 4, rng, dtype=np.float64),
            Sigmoid(),
            Dense(4, 4, rng, dtype=np.float64),
            LeakyReLU(0.1),
            Dense(4, 3, rng, dtype=np.float64),
        ]
    )


@pytest.mark.parametrize("loss_kind", ["softmax_ce", "mse"])
def test_whole_network_gradient_check(loss_kind: str) -> None:
    """Every parameter of a mixed network against central differences of the cost."""
    rng = np.random.default_rng(1)
    net = _mixed()
    X = rng.standard_normal((6, 3))
    y = rng.integers(0, 3, 6) if loss_kind == "softmax_ce" else rng.standard_normal((6, 3))
    loss = SoftmaxCrossEntropy() if loss_kind == "softmax_ce" else MeanSquaredError()
    loss.forward(net.forward(X), y)
    dX = net.backward(loss.backward())
    for p in net.parameters():
        analytic = p.grad.copy()

        def cost(value: np.ndarray, p=p) -> float:
            saved = p.data.copy()
            p.data[...] = value
            out = loss.forward(net.forward(X), y)
            p.data[...] = saved
            return out

        assert gradient_check(cost, analytic, p.data.copy()) < 1e-7, p.name
    assert gradient_check(lambda x: loss.forward(net.forward(x), y), dX, X) < 1e-7


def test_relu_network_gradient_check() -> None:
    rng = np.random.default_rng(2)
    net = build_mlp([2, 6, 6, 3], rng, activation="relu", init="he_normal", dtype=np.float64)
    X = rng.standard_normal((5, 2))
    y = np.array([0, 1, 2, 0, 1])
    loss = SoftmaxCrossEntropy()
    loss.forward(net.forward(X), y)
    net.backward(loss.backward())
    W = net[0].W
    analytic = W.grad.copy()

    def cost(value: np.ndarray) -> float:
        saved = W.data.copy()
        W.data[...] = value
        out = loss.forward(net.forward(X), y)
        W.data[...] = saved
        return out

    assert gradient_check(cost, analytic, W.data.copy()) < 1e-7


def test_forward_is_composition() -> None:
    net = _mixed()
    X = np.random.default_rng(0).standard_normal((2, 3))
    A = X
    for layer in net:
        A = layer.forward(A)
    np.testing.assert_allclose(net.forward(X), A)
    np.testing.assert_allclose(net(X), A)
    np.testing.assert_allclose(net.predict(X), A)


def test_names_parameters_and_counts() -> None:
    net = Sequential([Dense(2, 3, 0), ReLU(), Dense(3, 1, 1)])
    assert [layer.name for layer in net] == ["dense", "relu", "dense"]  # not renamed
    assert [name for name, _ in net.named_parameters()] == [
        "0_dense.W",
        "0_dense.b",
        "2_dense.W",
        "2_dense.b",
    ]
    assert [p for _, p in net.named_parameters()] == net.parameters()
    assert [p.name for p in net.parameters()] == ["W", "b", "W", "b"]
    assert net.n_parameters() == 2 * 3 + 3 + 3 * 1 + 1
    assert len(net) == 3 and isinstance(net[1], ReLU)
    assert "13 parameters" in repr(net)


def test_train_eval_and_predict_restore_mode() -> None:
    net = Sequential([Dense(2, 3, 0), ReLU()])
    assert net.eval() is net and not any(layer.training for layer in net)
    net.train()
    net.predict(np.ones((1, 2), dtype=np.float32))
    assert all(layer.training for layer in net)


def test_predict_runs_in_inference_mode_and_restores_each_layers_own_mode() -> None:
    from nnfs_lib.layers import Dropout, Residual

    inner = Sequential([Dropout(0.5, 0), Dense(3, 3, 0)])
    net = Sequential([Dense(2, 3, 0), Dropout(0.5, 1), Residual(inner), Dense(3, 1, 2)])
    net[1].eval()  # a mixed state: one dropout layer in inference mode, the nested one training
    before = [layer.training for layer in net.walk()]
    X = np.ones((4, 2), dtype=np.float32)
    np.testing.assert_array_equal(net.predict(X), net.eval().forward(X))  # no dropout at all
    net.train()
    net[1].eval()
    assert [layer.training for layer in net.walk()] == before
    net.predict(X)
    assert [layer.training for layer in net.walk()] == before


def test_a_network_is_a_layer_and_nests() -> None:
    from nnfs_lib.layers import Layer

    inner = Sequential([Dense(3, 4, 0), ReLU()])
    net = Sequential([Dense(2, 3, 1), inner, Dense(4, 1, 2)])
    assert isinstance(inner, Layer) and (inner.n_in, inner.n_out) == (3, 4)
    assert (net.n_in, net.n_out) == (2, 1)
    assert [name for name, _ in net.named_parameters()] == [
        "0_dense.W", "0_dense.b", "1_sequential.0_dense.W", "1_sequential.0_dense.b",
        "2_dense.W", "2_dense.b",
    ]  # fmt: skip
    X = np.ones((5, 2), dtype=np.float32)
    assert net.forward(X).shape == (5, 1)
    with pytest.raises(ValueError, match="the same layer appears twice"):
        Sequential([inner, Sequential([inner])])
    relu = ReLU()
    with pytest.raises(ValueError, match="the same layer appears twice"):
        Sequential([Dense(2, 2, 0), Sequential([relu]), Dense(2, 2, 0), Sequential([relu])])


def test_layers_import_nothing_above_them() -> None:
    """nnfs_lib.layers is the bottom of the library: it imports only validation, fast,
    initializers and activations (modules that import no layer)."""
    import ast
    from pathlib import Path

    import nnfs_lib

    allowed = {"nnfs_lib", "nnfs_lib.validation", "nnfs_lib.fast", "nnfs_lib.initializers",
               "nnfs_lib.activations"}  # fmt: skip
    folder = Path(nnfs_lib.__file__).parent / "layers"
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("nnfs_lib")
            ):
                module = node.module
                assert module.startswith("nnfs_lib.layers") or module in allowed, (
                    path.name,
                    module,
                )


def test_build_mlp_structure() -> None:
    net = build_mlp([2, 4, 4, 3], 0, activation="tanh")
    kinds = [type(layer).__name__ for layer in net]
    assert kinds == ["Dense", "Tanh", "Dense", "Tanh", "Dense"]
    assert net[0].W.data.dtype == np.float32
    same = build_mlp([2, 4, 4, 3], 0, activation="tanh")
    np.testing.assert_array_equal(net[2].W.data, same[2].W.data)


def test_wrong_input_width_names_the_layer() -> None:
    net = build_mlp([2, 4, 3], 0, activation="relu")
    with pytest.raises(ValueError, match=r"Dense layer '0_dense' expected input width 2; got 3"):
        net.forward(np.ones((5, 3), dtype=np.float32))


def test_mismatched_widths_rejected_when_built() -> None:
    with pytest.raises(
        ValueError,
        match=r"layers\[2\] \('dense'\) expects input width 5 but layers\[0\] outputs width 4",
    ):
        Sequential([Dense(2, 4, 0), ReLU(), Dense(5, 1, 0)])


def test_empty_rejected() -> None:
    with pytest.raises(ValueError, match="at least one Layer"):
        Sequential([])


def test_non_layer_rejected() -> None:
    with pytest.raises(TypeError, match=r"layers\[1\] must be a Layer; got ufunc"):
        Sequential([Dense(2, 2, 0), np.tanh])


def test_repeated_layer_rejected() -> None:
    relu = ReLU()
    with pytest.raises(ValueError, match="the same layer appears twice"):
        Sequential([Dense(2, 2, 0), relu, Dense(2, 2, 1), relu])


@pytest.mark.parametrize(
    ("sizes", "activation", "error", "match"),
    [
        ([2], "relu", ValueError, "at least an input and an output width"),
        ([2, 0, 1], "relu", ValueError, r"sizes\[1\] must be >= 1"),
        ([2, 3, 1], "swish", ValueError, "activation must be one of"),
    ],
)
def test_build_mlp_validation(sizes: list, activation: str, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        build_mlp(sizes, 0, activation=activation)


def test_piecewise_linear_mlp_interpolates() -> None:
    xk = np.array([-1.0, 0.0, 0.5, 2.0])
    yk = np.array([1.0, -1.0, 2.0, 0.0])
    net = piecewise_linear_mlp(xk, yk)
    assert net[0].n_out == 3
    np.testing.assert_allclose(net.forward(xk[:, None])[:, 0], yk, atol=1e-12)
    mid = np.array([[-0.5], [0.25], [1.25]])
    np.testing.assert_allclose(net.forward(mid)[:, 0], [0.0, 0.5, 1.0], atol=1e-12)
    np.testing.assert_allclose(net.forward(np.array([[-3.0]])), [[1.0]])  # constant on the left


def test_piecewise_linear_mlp_validation() -> None:
    with pytest.raises(ValueError, match="strictly increasing"):
        piecewise_linear_mlp(np.array([0.0, 0.0]), np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="same length, at least 2"):
        piecewise_linear_mlp(np.array([0.0]), np.array([1.0]))


def test_sawtooth_mlp_is_iterated_tent_map() -> None:
    x = np.linspace(0, 1, 257)
    u = x.copy()
    for depth in (1, 2, 3, 4):
        u = np.where(u <= 0.5, 2 * u, 2 - 2 * u)
        net = sawtooth_mlp(depth)
        np.testing.assert_allclose(net.forward(x[:, None])[:, 0], u, atol=1e-12)
        assert sum(layer.n_out for layer in net if isinstance(layer, Dense)) - 1 == 2 * depth
    with pytest.raises(ValueError, match="depth must be >= 1"):
        sawtooth_mlp(0)


def test_slicing_gives_layers() -> None:
    net = build_mlp([2, 3, 3, 2], 0, activation="relu")
    assert [type(layer).__name__ for layer in net[::2]] == ["Dense", "Dense", "Dense"]
    assert net[-1] is net.layers[-1]


def test_forward_checks_its_input_once_finite_and_two_dimensional(rng: np.random.Generator) -> None:
    net = build_mlp([2, 3, 2], rng)
    X = np.ones((2, 2), dtype=np.float32)
    X[1, 0] = np.nan
    with pytest.raises(ValueError, match="X must be finite"):
        net.forward(X)
    with pytest.raises(ValueError, match=r"X must have 2 dimension"):
        net.forward(np.ones(2, dtype=np.float32))


def test_build_residual_mlp_structure_and_widths():
    from nnfs_lib.layers import LayerNorm, Residual
    from nnfs_lib.models import build_residual_mlp

    net = build_residual_mlp(2, 8, 4, 3, 0, dtype=np.float64)
    kinds = [type(layer).__name__ for layer in net]
    assert kinds == ["Dense"] + ["Residual"] * 4 + ["Dense"]
    blocks = [layer for layer in net if isinstance(layer, Residual)]
    assert [type(layer).__name__ for layer in blocks[0].inner] == ["LayerNorm", "ReLU", "Dense"]
    assert net.forward(np.zeros((5, 2))).shape == (5, 3)
    names = [name for name, _ in net.named_parameters()]
    assert len(names) == len(set(names)) == 2 + 4 * 4 + 2  # one W per block: names are unique
    assert names[2] == "1_residual.0_layernorm.gamma"
    plain = build_residual_mlp(2, 8, 2, 3, 0, layernorm=False, activation="tanh")
    assert [type(layer).__name__ for layer in plain[1].inner] == ["Tanh", "Dense"]
    assert not any(isinstance(layer, LayerNorm) for b in plain[1:3] for layer in b.inner)
    assert plain[0].W.data.dtype == np.float32


def test_build_residual_mlp_is_seeded_and_checks_its_arguments():
    from nnfs_lib.models import build_residual_mlp

    a, b = build_residual_mlp(2, 4, 2, 2, 7), build_residual_mlp(2, 4, 2, 2, 7)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data)
    with pytest.raises(ValueError, match="n_blocks"):
        build_residual_mlp(2, 4, 0, 2, 0)
    with pytest.raises(ValueError, match="activation"):
        build_residual_mlp(2, 4, 1, 2, 0, activation="swish")
    with pytest.raises(TypeError, match="rng"):
        build_residual_mlp(2, 4, 1, 2, rng="seed")
