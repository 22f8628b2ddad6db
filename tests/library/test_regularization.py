"""L1 and L2 penalties: hand-computed values and gradients, finite differences, the
Regularized loss and its step, agreement with SGD's weight decay, and error messages."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.gradcheck import numerical_gradient, relative_error
from nnfs_lib.layers import BatchNorm, Dense, ReLU
from nnfs_lib.losses import MeanSquaredError, SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import SGD, Adam
from nnfs_lib.regularization import (
    Regularized,
    dense_weights,
    l1_penalty,
    l1_penalty_gradient,
    l2_penalty,
    l2_penalty_gradient,
    regularized_step,
)
from nnfs_lib.training import fit, train_step

W_HAND = np.array([[1.0, -2.0], [0.0, 3.0]])


def test_l2_penalty_hand_case() -> None:
    # lam/2 * (1 + 4 + 0 + 9) = 0.1 / 2 * 14 = 0.7
    assert l2_penalty(W_HAND, 0.1) == pytest.approx(0.7)
    np.testing.assert_allclose(l2_penalty_gradient(W_HAND, 0.1), [[0.1, -0.2], [0.0, 0.3]])


def test_l1_penalty_hand_case_and_subgradient_zero_at_zero() -> None:
    # lam * (1 + 2 + 0 + 3) = 0.5 * 6 = 3
    assert l1_penalty(W_HAND, 0.5) == pytest.approx(3.0)
    np.testing.assert_array_equal(l1_penalty_gradient(W_HAND, 0.5), [[0.5, -0.5], [0.0, 0.5]])


@pytest.mark.parametrize(
    ("value", "gradient", "away_from_zero"),
    [(l2_penalty, l2_penalty_gradient, False), (l1_penalty, l1_penalty_gradient, True)],
)
def test_penalty_gradients_match_finite_differences(value, gradient, away_from_zero, rng) -> None:
    W = rng.normal(size=(4, 3))
    if away_from_zero:  # |w| is not differentiable at 0: keep every weight well away from it
        W = np.where(np.abs(W) < 0.1, 0.5, W)
    numeric = numerical_gradient(lambda w: value(w, 0.3), W)
    assert relative_error(gradient(W, 0.3), numeric) < 1e-7


@pytest.mark.parametrize("gradient", [l2_penalty_gradient, l1_penalty_gradient])
def test_gradient_keeps_float32(gradient) -> None:
    W = np.ones((2, 2), dtype=np.float32)
    assert gradient(W, 0.1).dtype == np.float32


@pytest.mark.parametrize(
    "function", [l2_penalty, l2_penalty_gradient, l1_penalty, l1_penalty_gradient]
)
def test_penalty_functions_refuse_bad_input(function) -> None:
    with pytest.raises(ValueError, match="lam"):
        function(W_HAND, -0.1)
    with pytest.raises(ValueError, match="W must be finite"):
        function(np.array([np.nan]), 0.1)
    with pytest.raises(TypeError, match="W"):
        function(np.array(["a"]), 0.1)


def test_dense_weights_lists_only_weight_matrices() -> None:
    model = Sequential([Dense(3, 4, rng=0), BatchNorm(4), ReLU(), Dense(4, 2, rng=0)])
    ws = dense_weights(model)
    assert [p.name for p in ws] == ["0_dense.W", "3_dense.W"]
    assert ws[0] is model.layers[0].W and ws[1] is model.layers[3].W
    with pytest.raises(TypeError, match="model must be a Sequential"):
        dense_weights([Dense(3, 4, rng=0)])


def _batch(rng, n=6, d=3, k=2):
    return rng.normal(size=(n, d)), rng.integers(0, k, size=n)


def test_regularized_forward_is_data_cost_plus_penalty(rng) -> None:
    model = build_mlp([3, 4, 2], rng, dtype=np.float64)
    X, y = _batch(rng)
    base = SoftmaxCrossEntropy()
    loss = Regularized(base, dense_weights(model), l2=0.2, l1=0.05)
    expected = base.forward(model.forward(X), y) + sum(
        0.1 * np.sum(p.data**2) + 0.05 * np.sum(np.abs(p.data)) for p in dense_weights(model)
    )
    assert loss.forward(model.forward(X), y) == pytest.approx(expected)
    assert loss.penalty() == pytest.approx(expected - base.forward(model.forward(X), y))


def test_regularized_gradient_matches_finite_differences(rng) -> None:
    """After backward + add_penalty_gradient, every grad is d(J + R)/dparameter."""
    model = build_mlp([3, 5, 2], rng, activation="tanh", dtype=np.float64)
    X, y = _batch(rng)
    loss = Regularized(SoftmaxCrossEntropy(), dense_weights(model), l2=0.3, l1=0.1)
    for p in dense_weights(model):  # |w| has a kink at 0: keep the weights away from it
        p.data[np.abs(p.data) < 0.05] = 0.2
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    loss.add_penalty_gradient()
    for p in model.parameters():
        saved = p.data.copy()

        def cost(value, p=p, saved=saved):
            p.data[...] = value
            J = loss.forward(model.forward(X), y)
            p.data[...] = saved
            return J

        assert relative_error(p.grad, numerical_gradient(cost, p.data)) < 1e-6, p.name


def test_biases_are_not_penalized_by_default(rng) -> None:
    model = build_mlp([3, 4, 2], rng, dtype=np.float64)
    X, y = _batch(rng)
    plain, reg = (
        SoftmaxCrossEntropy(),
        Regularized(SoftmaxCrossEntropy(), dense_weights(model), l2=0.5),
    )
    plain.forward(model.forward(X), y)
    model.backward(plain.backward())
    bias_grads = [layer.b.grad.copy() for layer in model.layers if isinstance(layer, Dense)]
    reg.forward(model.forward(X), y)
    model.backward(reg.backward())
    reg.add_penalty_gradient()
    for layer, g in zip(
        [la for la in model.layers if isinstance(la, Dense)], bias_grads, strict=True
    ):
        np.testing.assert_array_equal(layer.b.grad, g)


def test_zero_lambdas_change_nothing(rng) -> None:
    model = build_mlp([3, 4, 2], rng, dtype=np.float64)
    X, y = _batch(rng)
    base = SoftmaxCrossEntropy()
    loss = Regularized(SoftmaxCrossEntropy(), dense_weights(model))
    assert loss.forward(model.forward(X), y) == base.forward(model.forward(X), y)


def _train(model_seed, X, y, *, regularized: bool, lam: float, optimizer=SGD, steps=5):
    model = build_mlp([3, 4, 2], model_seed, dtype=np.float64)
    if regularized:
        loss = Regularized(SoftmaxCrossEntropy(), model.parameters(), l2=lam)
        opt = optimizer(model.parameters(), lr=0.1)
        step = regularized_step
    else:
        loss, step = SoftmaxCrossEntropy(), train_step
        opt = optimizer(model.parameters(), lr=0.1, weight_decay=lam)
    fit(model, loss, opt, X, y, epochs=steps, step=step)
    return model


def test_l2_penalty_in_the_loss_equals_sgd_weight_decay(rng) -> None:
    X, y = _batch(rng, n=8)
    a = _train(7, X, y, regularized=True, lam=0.05)
    b = _train(7, X, y, regularized=False, lam=0.05)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_allclose(p.data, q.data, rtol=1e-12, atol=1e-14)


def test_l2_penalty_in_the_loss_equals_adam_l2_weight_decay_too(rng) -> None:
    """Adam's weight_decay is also L2 in the gradient (not decoupled): the same updates."""
    X, y = _batch(rng, n=8)
    a = _train(7, X, y, regularized=True, lam=0.05, optimizer=Adam)
    b = _train(7, X, y, regularized=False, lam=0.05, optimizer=Adam)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_allclose(p.data, q.data, rtol=1e-10, atol=1e-12)


def test_regularized_step_returns_regularized_cost_and_updates(rng) -> None:
    model = build_mlp([3, 4, 1], rng, dtype=np.float64)
    X, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 1))
    loss = Regularized(MeanSquaredError(), dense_weights(model), l2=0.1)
    before = [p.data.copy() for p in model.parameters()]
    expected = MeanSquaredError().forward(model.forward(X), y) + loss.penalty()
    assert regularized_step(model, loss, SGD(model.parameters(), lr=0.1), X, y) == pytest.approx(
        expected
    )
    assert all(
        not np.array_equal(p.data, b) for p, b in zip(model.parameters(), before, strict=True)
    )


def test_plain_train_step_with_regularized_loss_is_refused(rng) -> None:
    model = build_mlp([3, 4, 2], rng, dtype=np.float64)
    X, y = _batch(rng)
    loss = Regularized(SoftmaxCrossEntropy(), dense_weights(model), l2=0.1)
    with pytest.raises(RuntimeError, match="step=regularized_step"):
        fit(model, loss, SGD(model.parameters(), lr=0.1), X, y, epochs=2)


def test_regularized_refuses_bad_arguments(rng) -> None:
    model = build_mlp([3, 4, 2], rng)
    ws = dense_weights(model)
    with pytest.raises(TypeError, match="loss must be a Loss"):
        Regularized("mse", ws, l2=0.1)
    with pytest.raises(ValueError, match="parameters must not be empty"):
        Regularized(SoftmaxCrossEntropy(), [], l2=0.1)
    with pytest.raises(TypeError, match=r"parameters\[0\] must be a Parameter"):
        Regularized(SoftmaxCrossEntropy(), [np.ones(3)], l2=0.1)
    with pytest.raises(ValueError, match="l2"):
        Regularized(SoftmaxCrossEntropy(), ws, l2=-1.0)
    with pytest.raises(ValueError, match="l1"):
        Regularized(SoftmaxCrossEntropy(), ws, l1=-1.0)
