"""L1 and L2 penalties: hand-computed values and gradients, finite differences, the
Penalty transform in the training step (alone and with clipping), agreement with SGD's
weight decay, and error messages."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.clipping import ClipGradNorm, clip_grad_norm
from nnfs_lib.gradcheck import numerical_gradient, relative_error
from nnfs_lib.layers import BatchNorm, Dense, ReLU, Sequential
from nnfs_lib.losses import MeanSquaredError, SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.optimizers import SGD, Adam
from nnfs_lib.regularization import (
    Penalty,
    dense_weights,
    l1_penalty,
    l1_penalty_gradient,
    l2_penalty,
    l2_penalty_gradient,
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
    assert ws == [model[0].W, model[3].W]
    assert ws[0] is model.layers[0].W and ws[1] is model.layers[3].W
    with pytest.raises(TypeError, match="model must be a Layer"):
        dense_weights([Dense(3, 4, rng=0)])


def _batch(rng, n=6, d=3, k=2):
    return rng.normal(size=(n, d)), rng.integers(0, k, size=n)


def test_penalty_cost_is_the_sum_of_the_penalties(rng) -> None:
    model = build_mlp([3, 4, 2], rng, dtype=np.float64)
    penalty = Penalty(l2=0.2, l1=0.05)
    expected = sum(
        0.1 * np.sum(p.data**2) + 0.05 * np.sum(np.abs(p.data)) for p in dense_weights(model)
    )
    assert penalty.cost(model) == pytest.approx(expected)
    assert Penalty().cost(model) == 0.0


def _objective_gradient_check(model, X, y, transforms) -> None:
    """After train_step's backward and transforms, every grad is d(J + R)/dparameter."""
    loss = SoftmaxCrossEntropy()
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    for transform in transforms:
        transform(model)
    for p in model.parameters():
        saved = p.data.copy()

        def cost(value, p=p, saved=saved):
            p.data[...] = value
            J = loss.forward(model.forward(X), y) + sum(t.cost(model) for t in transforms)
            p.data[...] = saved
            return J

        assert relative_error(p.grad, numerical_gradient(cost, p.data)) < 1e-6, p.name


def test_penalty_gradient_matches_finite_differences(rng) -> None:
    model = build_mlp([3, 5, 2], rng, activation="tanh", dtype=np.float64)
    X, y = _batch(rng)
    for p in dense_weights(model):  # |w| has a kink at 0: keep the weights away from it
        p.data[np.abs(p.data) < 0.05] = 0.2
    _objective_gradient_check(model, X, y, [Penalty(l2=0.3, l1=0.1)])


def test_biases_are_not_penalized_by_default(rng) -> None:
    model = build_mlp([3, 4, 2], rng, dtype=np.float64)
    X, y = _batch(rng)
    plain = SoftmaxCrossEntropy()
    plain.forward(model.forward(X), y)
    model.backward(plain.backward())
    bias_grads = [layer.b.grad.copy() for layer in model.layers if isinstance(layer, Dense)]
    weight_grads = [p.grad.copy() for p in dense_weights(model)]
    Penalty(l2=0.5)(model)
    for layer, g in zip(
        [la for la in model.layers if isinstance(la, Dense)], bias_grads, strict=True
    ):
        np.testing.assert_array_equal(layer.b.grad, g)
    for p, g in zip(dense_weights(model), weight_grads, strict=True):
        np.testing.assert_allclose(p.grad, g + 0.5 * p.data)


def test_dense_weights_reach_inside_residual_blocks(rng) -> None:
    from nnfs_lib.models import build_residual_mlp

    model = build_residual_mlp(3, 4, 2, 2, rng, dtype=np.float64)
    assert len(dense_weights(model)) == 4  # the input layer, two blocks, the output layer


def _train(model_seed, X, y, *, regularized: bool, lam: float, optimizer=SGD, steps=5):
    model = build_mlp([3, 4, 2], model_seed, dtype=np.float64)
    if regularized:
        transforms = [Penalty(l2=lam, parameters=model.parameters())]
        opt = optimizer(model.parameters(), lr=0.1)
    else:
        transforms = []
        opt = optimizer(model.parameters(), lr=0.1, weight_decay=lam)
    fit(model, SoftmaxCrossEntropy(), opt, X, y, epochs=steps, transforms=transforms)
    return model


def test_l2_penalty_in_the_step_equals_sgd_weight_decay(rng) -> None:
    X, y = _batch(rng, n=8)
    a = _train(7, X, y, regularized=True, lam=0.05)
    b = _train(7, X, y, regularized=False, lam=0.05)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_allclose(p.data, q.data, rtol=1e-12, atol=1e-14)


def test_l2_penalty_in_the_step_equals_adam_l2_weight_decay_too(rng) -> None:
    """Adam's weight_decay is also L2 in the gradient (not decoupled): the same updates."""
    X, y = _batch(rng, n=8)
    a = _train(7, X, y, regularized=True, lam=0.05, optimizer=Adam)
    b = _train(7, X, y, regularized=False, lam=0.05, optimizer=Adam)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_allclose(p.data, q.data, rtol=1e-10, atol=1e-12)


def test_train_step_with_a_penalty_returns_the_regularized_cost_and_updates(rng) -> None:
    model = build_mlp([3, 4, 1], rng, dtype=np.float64)
    X, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 1))
    penalty = Penalty(l2=0.1)
    before = [p.data.copy() for p in model.parameters()]
    expected = MeanSquaredError().forward(model.forward(X), y) + penalty.cost(model)
    J = train_step(model, MeanSquaredError(), SGD(model.parameters(), lr=0.1), X, y, [penalty])
    assert J == pytest.approx(expected)
    assert all(
        not np.array_equal(p.data, b) for p, b in zip(model.parameters(), before, strict=True)
    )


def test_fit_records_the_regularized_objective(rng) -> None:
    model = build_mlp([3, 4, 2], rng, dtype=np.float64)
    X, y = _batch(rng)
    penalty = Penalty(l2=0.3)
    history = fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=2,
                  transforms=[penalty], evaluate=True)  # fmt: skip
    data_cost = SoftmaxCrossEntropy().forward(model.predict(X), y)
    assert history.train_loss[-1] == pytest.approx(data_cost + penalty.cost(model))


def test_penalty_then_clipping_clips_the_penalized_gradient(rng) -> None:
    """The transforms compose in order: the clipped gradient is the penalized one, rescaled."""
    model = build_mlp([3, 5, 2], rng, activation="tanh", dtype=np.float64)
    twin = build_mlp([3, 5, 2], 0, activation="tanh", dtype=np.float64)
    for p, q in zip(model.parameters(), twin.parameters(), strict=True):
        q.data[...] = p.data
    X, y = _batch(rng)
    _objective_gradient_check(twin, X, y, [Penalty(l2=2.0)])  # twin: penalized gradient
    clip_grad_norm(twin.parameters(), 0.05)
    loss = SoftmaxCrossEntropy()
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    clip = ClipGradNorm(0.05)
    for transform in (Penalty(l2=2.0), clip):
        transform(model)
    assert clip.norms[0] > 0.05
    for p, q in zip(model.parameters(), twin.parameters(), strict=True):
        np.testing.assert_allclose(p.grad, q.grad, rtol=1e-12)


def test_penalty_refuses_bad_arguments(rng) -> None:
    with pytest.raises(ValueError, match="parameters must not be empty"):
        Penalty(l2=0.1, parameters=[])
    with pytest.raises(TypeError, match=r"parameters\[0\] must be a Parameter"):
        Penalty(l2=0.1, parameters=[np.ones(3)])
    with pytest.raises(ValueError, match="l2"):
        Penalty(l2=-1.0)
    with pytest.raises(ValueError, match="l1"):
        Penalty(l1=-1.0)
    with pytest.raises(TypeError, match="model must be a Layer"):
        dense_weights("model")
