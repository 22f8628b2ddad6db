"""record_pass: per-layer statistics equal those computed by hand from the same pass."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.diagnostics import (
    gradient_check_network,
    record_pass,
    records_of_kind,
    weight_gradient_norms,
)
from nnfs_lib.layers.activation import ReLU, Sigmoid
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.network import Sequential


def _net() -> Sequential:
    return build_mlp([3, 4, 4, 2], 0, activation="tanh", dtype=np.float64)


def _data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    return rng.standard_normal((8, 3)), rng.integers(0, 2, 8)


def test_forward_statistics_match_by_hand() -> None:
    net = _net()
    X, _ = _data()
    records = record_pass(net, X)
    A = X
    for layer, record in zip(net, records, strict=True):
        A = layer.forward(A)
        assert record.name == layer.name and record.kind == type(layer).__name__
        assert record.output_mean == pytest.approx(A.mean())
        assert record.output_std == pytest.approx(A.std())
        assert record.histogram[0].sum() == A.size
        assert record.grad_norm is None


def test_backward_statistics_match_by_hand() -> None:
    net = _net()
    X, y = _data()
    records = record_pass(net, X, y, SoftmaxCrossEntropy())
    loss = SoftmaxCrossEntropy()
    reference = _net()
    loss.forward(reference.forward(X), y)
    dA = loss.backward()
    for layer, record in zip(reversed(reference.layers), reversed(records), strict=True):
        assert record.grad_norm == pytest.approx(np.linalg.norm(dA))
        assert record.grad_std == pytest.approx(dA.std())
        dA = layer.backward(dA)
        for p in layer.parameters():
            short = p.name.rsplit(".", 1)[-1]
            assert record.param_grad_norms[short] == pytest.approx(np.linalg.norm(p.grad))
    # the pass leaves the gradients a normal backward leaves
    for p, q in zip(net.parameters(), reference.parameters(), strict=True):
        np.testing.assert_allclose(p.grad, q.grad)
    norms = weight_gradient_norms(records)
    assert norms.shape == (3,)
    assert norms[0] == pytest.approx(np.linalg.norm(reference[0].W.grad))


def test_zero_and_saturation_fractions() -> None:
    net = Sequential([Dense(1, 1, 0, dtype=np.float64), ReLU()])
    net[0].W.data[...] = 1.0
    X = np.array([[-1.0], [-2.0], [3.0], [4.0]])
    relu_record = record_pass(net, X)[1]
    assert relu_record.output_zero_fraction == 0.5
    assert relu_record.output_saturated_fraction == 0.5  # |A| > 0.99 for 3 and 4
    sig = Sequential([Dense(1, 1, 0, dtype=np.float64), Sigmoid()])
    sig[0].W.data[...] = 10.0
    assert record_pass(sig, X)[1].output_saturated_fraction == 1.0


def test_records_of_kind_and_shared_range() -> None:
    net = _net()
    X, _ = _data()
    records = record_pass(net, X, hist_range=(-1.0, 1.0), bins=10)
    tanh = records_of_kind(records, "Tanh")
    assert len(tanh) == 2
    np.testing.assert_allclose(tanh[0].histogram[1], np.linspace(-1, 1, 11))


def test_validation() -> None:
    net = _net()
    X, y = _data()
    with pytest.raises(TypeError, match="model must be a Sequential; got Dense"):
        record_pass(net[0], X)
    with pytest.raises(ValueError, match="y and loss must be given together"):
        record_pass(net, X, y)
    with pytest.raises(ValueError, match="bins must be >= 1"):
        record_pass(net, X, bins=0)
    with pytest.raises(ValueError, match="hist_range must be"):
        record_pass(net, X, hist_range=(1.0, -1.0))


def test_gradient_check_network_small_for_correct_backprop() -> None:
    net = build_mlp([3, 5, 4, 2], 0, activation="sigmoid", dtype=np.float64)
    X, y = _data()
    before = [p.data.copy() for p in net.parameters()]
    errors = gradient_check_network(net, SoftmaxCrossEntropy(), X, y)
    assert set(errors) == {p.name for p in net.parameters()} | {"X"}
    assert max(errors.values()) < 1e-7
    for p, b in zip(net.parameters(), before, strict=True):
        np.testing.assert_array_equal(p.data, b)


def test_gradient_check_network_catches_a_wrong_backward() -> None:
    net = build_mlp([3, 5, 2], 0, activation="tanh", dtype=np.float64)
    X, y = _data()
    net[1].backward = lambda dA: dA  # forget tanh' : a classic bug
    errors = gradient_check_network(net, SoftmaxCrossEntropy(), X, y)
    assert errors["0_dense.W"] > 1e-3
    assert errors["2_dense.W"] < 1e-7


def test_gradient_check_network_validation() -> None:
    with pytest.raises(TypeError, match="model must be a Sequential"):
        gradient_check_network(Dense(2, 2, 0), SoftmaxCrossEntropy(), np.ones((1, 2)), [0])
