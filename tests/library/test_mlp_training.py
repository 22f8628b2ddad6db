"""End-to-end: an MLP trained with the library solves XOR and the three-class spiral."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.data.toy import make_spiral, xor_truth_table
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.metrics import accuracy
from nnfs_lib.models import build_mlp
from nnfs_lib.optimizers import SGD
from nnfs_lib.training import fit


@pytest.mark.slow
def test_xor_reaches_full_accuracy() -> None:
    X, y = xor_truth_table()
    net = build_mlp([2, 3, 2], 0, activation="tanh")
    history = fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), 1.0), X, y, epochs=1000)
    assert accuracy(net, X, y) == 1.0
    assert history.train_loss[-1] < 0.01


@pytest.mark.slow
def test_spiral_reaches_95_percent() -> None:
    X, y = make_spiral(100, 3, 0)
    net = build_mlp([2, 64, 64, 3], 0, activation="relu", init="he_uniform")
    history = fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), 1.0), X, y, epochs=1500)
    assert accuracy(net, X, y) >= 0.95
    assert history.train_loss[-1] < history.train_loss[0] / 10


@pytest.mark.slow
def test_zero_initialization_keeps_units_identical() -> None:
    """The symmetry argument of the chapter "Weight initialization", measured."""
    X, y = make_spiral(30, 3, 1)
    net = build_mlp([2, 8, 3], 0, activation="tanh", init="zeros")
    fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), 0.5), X, y, epochs=50)
    W1 = net[0].W.data
    np.testing.assert_array_equal(W1, W1[:, :1].repeat(8, axis=1))
