"""The builders of nnfs_lib.models: promises their docstrings make that structure tests miss."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.diagnostics import gradient_check_network
from nnfs_lib.initializers import initialize
from nnfs_lib.layers import Dense, Dropout, Residual
from nnfs_lib.layers.activation import ACTIVATION_LAYERS
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp, build_residual_mlp, digits_mlp


def test_every_residual_block_has_its_own_activation_and_the_gradients_hold() -> None:
    """A shared activation layer would keep only the last block's saved values, so the
    backward pass of every other block would use the wrong ones."""
    n_blocks = 3
    net = build_residual_mlp(3, 5, n_blocks, 3, 0, dtype=np.float64)
    blocks = [layer for layer in net if isinstance(layer, Residual)]
    activations = [
        layer
        for block in blocks
        for layer in block.inner
        if isinstance(layer, tuple(ACTIVATION_LAYERS.values()))
    ]
    assert len(activations) == n_blocks
    assert len({id(layer) for layer in activations}) == n_blocks, "blocks share an activation"

    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 3, 6)
    errors = gradient_check_network(net, SoftmaxCrossEntropy(), X, y)
    assert max(errors.values()) < 1e-6, errors


def test_digits_mlp_uses_he_initialization() -> None:
    """He: Var(W) = 2 / fan_in for the first layer, fan_in = 64 pixels."""
    seed = 3
    first = digits_mlp(seed)[0]
    assert isinstance(first, Dense) and first.init == "he_normal"
    expected = initialize("he_normal", (64, 256), np.random.default_rng(seed), dtype=np.float32)
    np.testing.assert_array_equal(first.W.data, expected)  # the same draw, from the same seed
    # 16384 draws: the sample std is within 5% of sqrt(2/64) by about nine standard errors
    # (Xavier's sqrt(2/320) would be 55% below it).
    assert abs(first.W.data.std() / np.sqrt(2 / 64) - 1) < 0.05


BUILDS = {
    **{
        name: (build_mlp, ([3, 6, 5, 4], 0), {"activation": name})
        for name in ("sigmoid", "tanh", "relu", "leaky_relu")
    },
    "batchnorm": (build_mlp, ([3, 6, 5, 4], 1), {"batchnorm": True}),
    "batchnorm-dropout": (build_mlp, ([3, 6, 5, 4], 2), {"batchnorm": True, "dropout": 0.3}),
    "residual-layernorm": (build_residual_mlp, (3, 5, 3, 4, 3), {}),
    "residual-tanh": (
        build_residual_mlp,
        (3, 5, 2, 4, 4),
        {"layernorm": False, "activation": "tanh"},
    ),
}


@pytest.mark.parametrize("name", list(BUILDS))
def test_every_builder_backpropagates_the_true_gradient(name: str) -> None:
    """Each configuration the builders make: backprop against central differences (float64),
    in training mode, with dropout's masks held fixed for the comparison."""
    builder, args, kwargs = BUILDS[name]
    model = builder(*args, **kwargs, dtype=np.float64)
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(8, 3)), rng.integers(0, 4, size=8)
    width = None
    for layer in model.walk():
        if isinstance(layer, Dropout):
            layer.fix_mask(rng.random((8, width)) >= layer.p)
        if layer.n_out is not None:
            width = layer.n_out
    errors = gradient_check_network(model, SoftmaxCrossEntropy(), X, y)
    parameters = dict(model.named_parameters())
    for path, error in errors.items():
        if path != "X" and np.abs(parameters[path].grad).max() < 1e-12:
            # a bias just before batch norm: its true gradient is 0 (the mean is subtracted),
            # so the relative error compares two rounding errors
            assert name.startswith("batchnorm") and path.endswith(".b"), path
            continue
        assert error < 1e-6, (path, error)
