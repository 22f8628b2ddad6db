"""record_pass: per-layer statistics equal those computed by hand from the same pass."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnfs_lib.diagnostics import (
    expected_initial_loss,
    gradient_check_network,
    record_pass,
    records_of_kind,
    update_ratios,
    weight_gradient_norms,
)
from nnfs_lib.layers import Sequential
from nnfs_lib.layers.activation import ReLU, Sigmoid
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import MeanSquaredError, SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.optimizers import SGD, Adam
from nnfs_lib.training import train_step


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
    for i, (layer, record) in enumerate(zip(net, records, strict=True)):
        A = layer.forward(A)
        assert record.name == f"{i}_{layer.name}" and record.kind == type(layer).__name__
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
    assert set(errors) == {name for name, _ in net.named_parameters()} | {"X"}
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
    with pytest.raises(TypeError, match="model must be a Layer"):
        gradient_check_network("net", SoftmaxCrossEntropy(), np.ones((1, 2)), [0])


# ------------------------------------------------- promises of the docstrings, one test each


def test_record_pass_takes_no_optimizer_step(rng: np.random.Generator) -> None:
    net = _net()
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 2, 6)
    before = [p.data.copy() for p in net.parameters()]
    record_pass(net, X, y, SoftmaxCrossEntropy())
    for p, b in zip(net.parameters(), before, strict=True):
        np.testing.assert_array_equal(p.data, b)


def test_record_pass_runs_the_model_in_its_current_mode(rng: np.random.Generator) -> None:
    from nnfs_lib.layers.dropout import Dropout

    net = Sequential([Dense(3, 50, 0, dtype=np.float64), Dropout(0.5, 0)])
    X = rng.standard_normal((4, 3))
    Z = net[0].forward(X)
    net.eval()
    record = record_pass(net, X)[1]
    assert record.output_mean == pytest.approx(Z.mean())  # inference: dropout is the identity
    assert not net[1].training  # and the mode is left as it was
    net.train()
    record = record_pass(net, X)[1]
    assert record.output_zero_fraction > 0.2  # training: about half the units are dropped
    assert net[1].training


def test_histogram_is_numpy_histogram_of_the_output_over_its_own_range(
    rng: np.random.Generator,
) -> None:
    net = _net()
    X = rng.standard_normal((9, 3))
    records = record_pass(net, X, bins=7)
    A = X
    for layer, record in zip(net, records, strict=True):
        A = layer.forward(A)
        counts, edges = np.histogram(A, bins=7)
        np.testing.assert_array_equal(record.histogram[0], counts)
        np.testing.assert_allclose(record.histogram[1], edges)


def test_saturated_fraction_of_a_sigmoid_like_output_counts_both_tails() -> None:
    # an output in [0, 1] is sigmoid-like: saturated below 0.01 or above 0.99
    from nnfs_lib.layers.base import Layer

    class Fixed(Layer):
        def __init__(self, A: np.ndarray) -> None:
            self.name, self.A = "fixed", A

        def forward(self, X: np.ndarray) -> np.ndarray:
            return self.A

        def backward(self, dA: np.ndarray) -> np.ndarray:
            return dA

    sigmoid_like = np.array([[0.005, 0.5, 0.995, 0.98]])
    assert record_pass(Sequential([Fixed(sigmoid_like)]), np.ones((1, 1)))[
        0
    ].output_saturated_fraction == pytest.approx(0.5)
    # outside [0, 1] only |A| > 0.99 counts: 0.005 is not saturated there
    below_zero = np.array([[-0.5, 0.005, 0.5, 0.995]])
    assert record_pass(Sequential([Fixed(below_zero)]), np.ones((1, 1)))[
        0
    ].output_saturated_fraction == pytest.approx(0.25)
    above_one = np.array([[0.005, 0.5, 1.5, 0.98]])
    assert record_pass(Sequential([Fixed(above_one)]), np.ones((1, 1)))[
        0
    ].output_saturated_fraction == pytest.approx(0.25)
    other = np.array([[0.005, -0.5, 0.995, -1.5]])
    assert record_pass(Sequential([Fixed(other)]), np.ones((1, 1)))[
        0
    ].output_saturated_fraction == pytest.approx(0.5)


def test_weight_gradient_norms_are_those_of_every_weighted_layer_in_order(
    rng: np.random.Generator,
) -> None:
    net = _net()
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 2, 6)
    records = record_pass(net, X, y, SoftmaxCrossEntropy())
    expected = [np.linalg.norm(layer.W.grad) for layer in net if isinstance(layer, Dense)]
    np.testing.assert_allclose(weight_gradient_norms(records), expected)
    assert records_of_kind(records, "Dense") == [r for r in records if r.kind == "Dense"]


def test_gradient_check_network_restores_parameters_when_the_cost_fails(
    rng: np.random.Generator,
) -> None:
    net = _net()
    X, y = rng.standard_normal((4, 3)), rng.integers(0, 2, 4)
    before = [p.data.copy() for p in net.parameters()]

    class FailsOnThirdCall(SoftmaxCrossEntropy):
        calls = 0

        def forward(self, output, y):
            FailsOnThirdCall.calls += 1
            if FailsOnThirdCall.calls == 3:
                raise RuntimeError("cost failed")
            return super().forward(output, y)

    with pytest.raises(RuntimeError, match="cost failed"):
        gradient_check_network(net, FailsOnThirdCall(), X, y)
    for p, b in zip(net.parameters(), before, strict=True):
        np.testing.assert_array_equal(p.data, b)


@pytest.mark.parametrize("k", [2, 3, 10])
def test_expected_initial_loss_is_the_cross_entropy_of_the_uniform_prediction(k: int) -> None:
    uniform_logits = np.zeros((5, k))
    labels = np.arange(5) % k
    assert expected_initial_loss(k) == pytest.approx(
        SoftmaxCrossEntropy().forward(uniform_logits, labels)
    )
    assert expected_initial_loss(k) == pytest.approx(math.log(k))


@pytest.mark.parametrize(("k", "error"), [(1, ValueError), (2.0, TypeError), (True, TypeError)])
def test_expected_initial_loss_needs_two_or_more_classes(k: object, error: type) -> None:
    with pytest.raises(error, match="n_classes must be"):
        expected_initial_loss(k)


def test_update_ratios_are_change_over_norm_before_and_the_model_is_updated(
    rng: np.random.Generator,
) -> None:
    net, reference = _net(), _net()
    net[0].b.data[...] = 0.0  # a zero parameter that moves: ratio inf
    reference[0].b.data[...] = 0.0
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 2, 6)
    before = {name: p.data.copy() for name, p in net.named_parameters()}
    ratios = update_ratios(net, SoftmaxCrossEntropy(), Adam(net.parameters(), lr=0.01), X, y)
    train_step(reference, SoftmaxCrossEntropy(), Adam(reference.parameters(), lr=0.01), X, y)
    assert set(ratios) == set(before)
    for (name, p), q in zip(net.named_parameters(), reference.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data)  # the model *is* updated, by one step
        old = before[name]
        if np.linalg.norm(old) > 0:
            expected = np.linalg.norm(p.data - old) / np.linalg.norm(old)
            assert ratios[name] == pytest.approx(expected)
    assert ratios["0_dense.b"] == math.inf


def test_update_ratios_of_a_zero_parameter_that_does_not_move_is_zero(
    rng: np.random.Generator,
) -> None:
    net = Sequential([Dense(3, 2, 0, dtype=np.float64)])
    net[0].W.data[...] = 0.0
    X = rng.standard_normal((4, 3))
    y = np.zeros((4, 2))  # zero output, zero target: zero gradient, nothing moves
    ratios = update_ratios(net, MeanSquaredError(), SGD(net.parameters(), lr=0.1), X, y)
    assert ratios == {"0_dense.W": 0.0, "0_dense.b": 0.0}


@pytest.mark.parametrize("hist_range", [(1.0, 1.0), (2.0, 1.0), (0.0, float("nan"))])
def test_hist_range_must_be_an_increasing_pair_of_numbers(hist_range) -> None:
    X, _ = _data()
    with pytest.raises(ValueError, match="hist_range must be"):
        record_pass(_net(), X, hist_range=hist_range)
