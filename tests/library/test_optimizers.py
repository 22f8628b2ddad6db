"""Optimizer steps checked against numbers computed by hand (written out below, step by step)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnfs_lib.layers.base import Parameter
from nnfs_lib.optimizers import SGD, Adam, AdamW, Momentum, RMSProp


def scalar(value: float, dtype=np.float64) -> Parameter:
    return Parameter(np.array([value], dtype=dtype), "theta")


def run(optimizer, p: Parameter, grads: list[float]) -> list[float]:
    """Apply one step per gradient (set by hand) and return theta after each step."""
    out = []
    for g in grads:
        p.grad[...] = g
        optimizer.step()
        out.append(float(p.data[0]))
    return out


def test_sgd_three_steps():
    p = scalar(1.0)
    # theta <- theta - 0.1 * g with g = 2, -1, 4: 1 - 0.2 = 0.8; 0.8 + 0.1 = 0.9; 0.9 - 0.4 = 0.5
    np.testing.assert_allclose(run(SGD([p], lr=0.1), p, [2.0, -1.0, 4.0]), [0.8, 0.9, 0.5])


def test_sgd_l2_weight_decay_adds_lambda_theta_to_gradient():
    p = scalar(1.0)
    # g_eff = 2 + 0.5 * theta: step 1: 1 - 0.1 * 2.5 = 0.75; step 2: 0.75 - 0.1 * 2.375 = 0.5125
    np.testing.assert_allclose(
        run(SGD([p], lr=0.1, weight_decay=0.5), p, [2.0, 2.0]), [0.75, 0.5125]
    )


def test_momentum_three_steps_and_buffer():
    p = scalar(0.0)
    opt = Momentum([p], lr=0.1, momentum=0.9)
    # b = 1, 1.9, 2.71; theta = -0.1, -0.29, -0.561
    np.testing.assert_allclose(run(opt, p, [1.0, 1.0, 1.0]), [-0.1, -0.29, -0.561])
    np.testing.assert_allclose(opt.state[0]["momentum_buffer"], [2.71])


def test_momentum_with_changing_gradient():
    p = scalar(0.0)
    # g = 1, -2: b1 = 1, theta1 = -0.1; b2 = 0.9 - 2 = -1.1, theta2 = -0.1 + 0.11 = 0.01
    np.testing.assert_allclose(
        run(Momentum([p], lr=0.1, momentum=0.9), p, [1.0, -2.0]), [-0.1, 0.01]
    )


def test_nesterov_three_steps():
    p = scalar(0.0)
    opt = Momentum([p], lr=0.1, momentum=0.9, nesterov=True)
    # direction g + 0.9 b with the new b: 1.9, 2.71, 3.439
    # theta = -0.19, -0.461, -0.8049
    np.testing.assert_allclose(run(opt, p, [1.0, 1.0, 1.0]), [-0.19, -0.461, -0.8049])


def test_rmsprop_two_steps_eps_outside_sqrt():
    p = scalar(1.0)
    opt = RMSProp([p], lr=0.01, rho=0.9, eps=0.1)
    # s1 = 0.1 * 4 = 0.4; theta1 = 1 - 0.01 * 2 / (sqrt(0.4) + 0.1) = 1 - 0.02 / 0.7324555320
    # s2 = 0.36 + 0.1 * 1 = 0.46; theta2 = theta1 + 0.01 / (sqrt(0.46) + 0.1) = ... / 0.7782329983
    theta1 = 1 - 0.02 / 0.7324555320336759
    theta2 = theta1 + 0.01 / 0.7782329983125268
    np.testing.assert_allclose(run(opt, p, [2.0, -1.0]), [theta1, theta2], rtol=1e-12)
    np.testing.assert_allclose(opt.state[0]["square_avg"], [0.46])


def test_adam_two_steps_with_bias_correction():
    p = scalar(1.0)
    opt = Adam([p], lr=0.1, betas=(0.9, 0.999), eps=1e-8)
    # step 1, g = 2: m = 0.2, v = 0.004; m_hat = 2, v_hat = 4; theta = 1 - 0.1 * 2 / (2 + 1e-8)
    theta1 = 1 - 0.2 / (2 + 1e-8)
    # step 2, g = -1: m = 0.18 - 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996
    # m_hat = 0.08 / 0.19 = 0.42105263157894735; v_hat = 0.004996 / 0.001999 = 2.4992496248124063
    # theta2 = theta1 - 0.1 * 0.42105263157894735 / (1.5808983600... + 1e-8)
    theta2 = theta1 - 0.1 * 0.42105263157894735 / (math.sqrt(2.4992496248124063) + 1e-8)
    np.testing.assert_allclose(run(opt, p, [2.0, -1.0]), [theta1, theta2], rtol=1e-12)
    np.testing.assert_allclose(opt.state[0]["exp_avg"], [0.08])
    np.testing.assert_allclose(opt.state[0]["exp_avg_sq"], [0.004996])
    assert opt.t == 2


def test_adam_first_step_has_size_lr_whatever_the_gradient_scale():
    for g in (1e-4, 1.0, 1e4):
        p = scalar(0.0)
        run(Adam([p], lr=0.01), p, [g])
        np.testing.assert_allclose(p.data, [-0.01], rtol=1e-3)


def test_adam_l2_versus_adamw_decoupled():
    # Adam with L2: g_eff = 2 + 0.1 * 1 = 2.1; first step size is lr: theta = 1 - 0.1 * 2.1/(2.1+eps)
    p = scalar(1.0)
    run(Adam([p], lr=0.1, weight_decay=0.1), p, [2.0])
    np.testing.assert_allclose(p.data, [1 - 0.21 / (2.1 + 1e-8)], rtol=1e-12)
    # AdamW: shrink first, theta = 1 * (1 - 0.1 * 0.1) = 0.99, then the Adam step of the plain g
    q = scalar(1.0)
    run(AdamW([q], lr=0.1, weight_decay=0.1), q, [2.0])
    np.testing.assert_allclose(q.data, [0.99 - 0.2 / (2 + 1e-8)], rtol=1e-12)


def test_adamw_decay_acts_even_with_zero_gradient():
    q = scalar(2.0)
    # theta <- theta (1 - lr wd) each step; with g = 0 the Adam part is 0 / (0 + eps) = 0
    np.testing.assert_allclose(
        run(AdamW([q], lr=0.5, weight_decay=0.2), q, [0.0, 0.0]), [1.8, 1.62]
    )


def test_float32_parameters_stay_float32():
    for cls in (SGD, Momentum, RMSProp, Adam, AdamW):
        p = Parameter(np.ones(3, dtype=np.float32), "w")
        p.grad[...] = 0.5
        opt = cls([p], lr=0.01)
        opt.step()
        assert p.data.dtype == np.float32
        for buffer in opt.state[0].values():
            assert buffer.dtype == np.float32


def test_updates_are_in_place():
    p = scalar(1.0)
    view = p.data
    p.grad[...] = 1.0
    Adam([p], lr=0.1).step()
    assert view is p.data and view[0] < 1.0


@pytest.mark.parametrize("lr", [0.0, -0.1])
def test_rejects_non_positive_lr(lr):
    with pytest.raises(ValueError, match="lr must be > 0"):
        SGD([scalar(1.0)], lr=lr)


def test_lr_setter_rejects_negative():
    opt = SGD([scalar(1.0)], lr=0.1)
    with pytest.raises(ValueError, match="lr must be >= 0"):
        opt.lr = -1.0


@pytest.mark.parametrize("betas", [(1.0, 0.999), (0.9, 1.0), (-0.1, 0.9), (0.9, -1e-3)])
def test_rejects_betas_outside_unit_interval(betas):
    with pytest.raises(ValueError, match=r"betas\[[01]\] must be in \[0.0, 1.0\)"):
        Adam([scalar(1.0)], lr=0.1, betas=betas)


def test_rejects_bad_betas_shape():
    with pytest.raises(ValueError, match="betas must be a pair"):
        Adam([scalar(1.0)], betas=(0.9,))


def test_rejects_bad_momentum_rho_eps_weight_decay():
    with pytest.raises(ValueError, match="momentum must be in"):
        Momentum([scalar(1.0)], lr=0.1, momentum=1.0)
    with pytest.raises(ValueError, match="rho must be in"):
        RMSProp([scalar(1.0)], rho=1.2)
    with pytest.raises(ValueError, match="eps must be > 0"):
        Adam([scalar(1.0)], eps=0.0)
    with pytest.raises(ValueError, match="weight_decay must be >= 0"):
        AdamW([scalar(1.0)], weight_decay=-0.1)
    with pytest.raises(TypeError, match="nesterov must be True or False"):
        Momentum([scalar(1.0)], lr=0.1, nesterov=1)


def test_rejects_empty_or_non_parameters():
    with pytest.raises(ValueError, match="parameters must not be empty"):
        SGD([], lr=0.1)
    with pytest.raises(TypeError, match=r"parameters\[0\] must be a Parameter"):
        SGD([np.ones(2)], lr=0.1)
