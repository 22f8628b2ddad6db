from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnfs_lib.diagnostics import gradient_check_network
from nnfs_lib.layers import BatchNorm, Dense, Dropout, LayerNorm, ReLU, Residual, Sequential, Tanh
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.optimizers import SGD
from nnfs_lib.training import fit


def test_forward_is_input_plus_inner(rng):
    dense = Dense(3, 3, rng, dtype=np.float64)
    dense.b.data[...] = [1.0, 2.0, 3.0]
    X = rng.normal(size=(4, 3))
    expected = X + X @ dense.W.data + dense.b.data
    np.testing.assert_allclose(Residual(dense).forward(X), expected)


def test_hand_case_with_zero_weights():
    dense = Dense(2, 2, 0, init="zeros", dtype=np.float64)
    block = Residual(dense)
    X = np.array([[1.0, -2.0]])
    np.testing.assert_array_equal(block.forward(X), X)  # F = 0: the identity
    dX = block.backward(np.array([[0.5, 0.25]]))
    np.testing.assert_array_equal(dX, [[0.5, 0.25]])  # dY + dY @ W.T with W = 0
    np.testing.assert_array_equal(dense.W.grad, [[0.5, 0.25], [-1.0, -0.5]])  # X.T @ dY


def test_backward_is_dY_plus_inner_backward(rng):
    inner = Sequential([Tanh(), Dense(3, 3, rng, dtype=np.float64)])
    block = Residual(inner)
    X, dY = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    block.forward(X)
    dX = block.backward(dY)
    inner.forward(X)
    np.testing.assert_allclose(dX, dY + inner.backward(dY))


def test_network_of_blocks_matches_finite_differences(rng):
    net = Sequential(
        [
            Dense(3, 4, rng, dtype=np.float64),
            Residual(
                Sequential(
                    [LayerNorm(4, dtype=np.float64), Tanh(), Dense(4, 4, rng, dtype=np.float64)]
                )
            ),
            Residual(Dense(4, 4, rng, dtype=np.float64)),
            Dense(4, 3, rng, dtype=np.float64),
        ]
    )
    X = rng.normal(size=(5, 3))
    y = rng.integers(0, 3, size=5)
    errors = gradient_check_network(net, SoftmaxCrossEntropy(), X, y)
    assert len(errors) == len(net.parameters()) + 1  # every parameter has its own name
    assert max(errors.values()) < 1e-6, errors


def test_parameters_are_the_inner_ones(rng):
    inner = Sequential([ReLU(), Dense(3, 3, rng)])
    block = Residual(inner)
    assert block.parameters() == inner.parameters()
    assert all(a is b for a, b in zip(block.parameters(), inner.parameters(), strict=True))
    opt = SGD(block.parameters(), lr=1.0)
    block.forward(rng.normal(size=(2, 3)).astype(np.float32))
    block.backward(np.ones((2, 3), np.float32))
    before = inner[1].W.data.copy()
    opt.step()
    assert not np.array_equal(inner[1].W.data, before)  # the optimizer trains inner


def test_modes_pass_through(rng):
    dropout = Dropout(0.5, rng)
    bn = BatchNorm(3)
    block = Residual(Sequential([bn, dropout, Dense(3, 3, rng)]))
    assert block.eval() is block
    assert not block.training and not bn.training and not dropout.training
    assert block.train() is block
    assert block.training and bn.training and dropout.training
    single = Residual(BatchNorm(3))
    single.eval()
    assert not single.inner.training
    net = Sequential([Dense(3, 3, rng), block])
    net.eval()
    assert not dropout.training


def test_width_is_checked_at_construction(rng):
    with pytest.raises(ValueError, match=r"keep the width.*width 3 to width 4"):
        Residual(Dense(3, 4, rng))
    with pytest.raises(ValueError, match=r"keep the width.*width 3 to width 2"):
        Residual(Sequential([Dense(3, 4, rng), ReLU(), Dense(4, 2, rng)]))
    with pytest.raises(ValueError, match="declare its input width"):
        Residual(ReLU())
    with pytest.raises(TypeError, match="inner must be a Layer; got function"):
        Residual(lambda X: X)
    block = Residual(Sequential([ReLU(), Dense(3, 3, rng), LayerNorm(3)]))
    assert block.n_in == block.n_out == 3
    with pytest.raises(ValueError, match="expected input width 3"):
        block.forward(np.zeros((2, 5), np.float32))
    with pytest.raises(ValueError, match="layers\\[1\\]"):
        Sequential([Dense(2, 4, rng), block])  # the outer network sees the block's width


def test_divergence_inside_a_block_is_recorded_not_raised(rng):
    net = Sequential(
        [Dense(2, 3, rng), Residual(Sequential([ReLU(), Dense(3, 3, rng)])), Dense(3, 2, rng)]
    )
    for p in net.parameters():
        p.data *= 1e18
    X = rng.normal(size=(8, 2)).astype(np.float32)
    y = rng.integers(0, 2, size=8)
    with pytest.raises(ValueError, match="not finite before training"):
        fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), lr=1.0), X, y, epochs=2,
            evaluate=True)  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # quiet: divergence is recorded, not warned about
        history = fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), lr=1.0), X, y, epochs=2)
    assert history.diverged and history.stopped_epoch == 1 and history.batch_loss == []


def test_gradient_check_network_keeps_every_parameter_apart(rng):
    """The network of the library issue: two residual-block parameters once shared a name."""
    net = Sequential(
        [
            Dense(3, 4, rng, dtype=np.float64),
            Residual(Sequential([Dense(4, 4, rng, dtype=np.float64), Tanh(),
                                 Dense(4, 4, rng, dtype=np.float64)])),
            Dense(4, 2, rng, dtype=np.float64),
        ]
    )  # fmt: skip
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 2, size=5)
    errors = gradient_check_network(net, SoftmaxCrossEntropy(), X, y)
    paths = [name for name, _ in net.named_parameters()]
    assert len(paths) == len(set(paths)) == 8
    assert set(errors) == {*paths, "X"}
    assert "1_residual.0_dense.W" in errors and "1_residual.2_dense.W" in errors
    assert max(errors.values()) < 1e-6
    # a wrong backward in the block's last Dense is found under the right paths
    net[1].inner[2].backward = lambda dZ, layer=net[1].inner[2]: Dense.backward(layer, 2 * dZ)
    errors = gradient_check_network(net, SoftmaxCrossEntropy(), X, y)
    assert errors["1_residual.2_dense.W"] > 0.1 and errors["1_residual.0_dense.W"] > 0.1


def test_repr(rng):
    block = Residual(Sequential([LayerNorm(3), ReLU(), Dense(3, 3, rng)]))
    assert repr(block) == "Residual(X + [LayerNorm -> ReLU -> Dense](X), width=3, name='residual')"
