from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnfs_lib.layers.base import Parameter
from nnfs_lib.optimizers import SGD
from nnfs_lib.schedules import CosineAnnealing, StepDecay, cosine_lr, step_decay_lr


def optimizer(lr: float = 1.0) -> SGD:
    return SGD([Parameter(np.zeros(1), "w")], lr=lr)


def test_step_decay_values():
    # gamma^(floor(t / 2)): 1, 1, 0.5, 0.5, 0.25
    assert [step_decay_lr(t, 1.0, 2, 0.5) for t in range(5)] == [1, 1, 0.5, 0.5, 0.25]


def test_cosine_values():
    # 0.5 * (1 + cos(pi t / 4)): 1, 0.85355, 0.5, 0.14645, 0, then stays 0
    expected = [1.0, 0.5 + 0.5 * math.sqrt(0.5), 0.5, 0.5 - 0.5 * math.sqrt(0.5), 0.0, 0.0]
    np.testing.assert_allclose([cosine_lr(t, 1.0, 4) for t in range(6)], expected, atol=1e-15)


def test_cosine_with_floor():
    assert cosine_lr(4, 1.0, 4, lr_min=0.1) == pytest.approx(0.1)
    assert cosine_lr(2, 1.0, 4, lr_min=0.1) == pytest.approx(0.55)


def test_schedules_write_the_optimizer_lr():
    opt = optimizer(0.8)
    schedule = StepDecay(opt, step_size=1, gamma=0.5)
    assert [schedule.step() for _ in range(3)] == [0.4, 0.2, 0.1]
    assert opt.lr == 0.1
    opt = optimizer(1.0)
    schedule = CosineAnnealing(opt, t_max=2)
    schedule.step()
    assert opt.lr == pytest.approx(0.5)
    schedule.step()
    assert opt.lr == pytest.approx(0.0)


def test_schedule_errors():
    with pytest.raises(ValueError, match="step_size must be >= 1"):
        StepDecay(optimizer(), step_size=0)
    with pytest.raises(ValueError, match="gamma must be in"):
        StepDecay(optimizer(), step_size=1, gamma=1.5)
    with pytest.raises(ValueError, match="lr_min must be >= 0"):
        CosineAnnealing(optimizer(), t_max=3, lr_min=-1)
    with pytest.raises(TypeError, match="optimizer must be an Optimizer"):
        CosineAnnealing("adam", t_max=3)


@given(
    t_max=st.integers(1, 200),
    lr0=st.floats(1e-5, 10.0),
    floor_fraction=st.floats(0.0, 1.0),
)
def test_property_cosine_decreases_from_lr0_to_lr_min(t_max, lr0, floor_fraction):
    lr_min = floor_fraction * lr0
    values = [cosine_lr(t, lr0, t_max, lr_min) for t in range(t_max + 2)]
    assert values[0] == pytest.approx(lr0)
    assert values[t_max] == pytest.approx(lr_min, abs=1e-12)
    assert all(a >= b - 1e-12 for a, b in itertools.pairwise(values))


# ------------------------------------------------- promises of the docstrings, one test each


def test_a_schedule_computes_from_the_initial_rate_and_counts_epochs():
    # eta_0 gamma^floor(t / s) from the rate the optimizer had when the schedule was built,
    # not a running product: with s = 2 the rate changes every second step only
    opt = optimizer(1.0)
    schedule = StepDecay(opt, step_size=2, gamma=0.5)
    assert schedule.lr0 == 1.0
    rates = [schedule.step() for _ in range(5)]
    assert rates == [1.0, 0.5, 0.5, 0.25, 0.25]
    assert schedule.epoch == 5
    assert opt.lr == rates[-1]


def test_step_returns_the_rate_it_applies():
    opt = optimizer(0.3)
    schedule = CosineAnnealing(opt, t_max=3, lr_min=0.1)
    for epoch in range(1, 6):
        returned = schedule.step()
        assert returned == opt.lr == cosine_lr(epoch, 0.3, 3, 0.1)


@pytest.mark.parametrize("after", [1, 2, 10, 1000])
def test_cosine_stays_at_lr_min_after_t_max(after):
    assert cosine_lr(5 + after, 2.0, 5, lr_min=0.25) == 0.25
    opt = optimizer(2.0)
    schedule = CosineAnnealing(opt, t_max=5, lr_min=0.25)
    for _ in range(5 + after):
        schedule.step()
    assert opt.lr == 0.25


@pytest.mark.parametrize("gamma", [0.0, 1.0])
def test_gamma_bounds_are_included(gamma):
    rate = step_decay_lr(3, 1.0, 1, gamma)
    assert rate == gamma**3 and type(rate) is float
    StepDecay(optimizer(), step_size=1, gamma=gamma)


@pytest.mark.parametrize(
    ("function", "arguments", "error", "message"),
    [
        (step_decay_lr, (-1, 1.0, 1, 0.5), ValueError, "epoch must be >= 0"),
        (step_decay_lr, (1.0, 1.0, 1, 0.5), TypeError, "epoch must be an integer"),
        (step_decay_lr, (1, -1.0, 1, 0.5), ValueError, "lr0 must be >= 0"),
        (step_decay_lr, (1, 1.0, 0, 0.5), ValueError, "step_size must be >= 1"),
        (step_decay_lr, (1, 1.0, 1.5, 0.5), TypeError, "step_size must be an integer"),
        (step_decay_lr, (1, 1.0, 1, 1.5), ValueError, r"gamma must be in \[0.0, 1.0\]"),
        (step_decay_lr, (1, 1.0, 1, -0.1), ValueError, r"gamma must be in \[0.0, 1.0\]"),
        (cosine_lr, (-1, 1.0, 4), ValueError, "epoch must be >= 0"),
        (cosine_lr, (1, -1.0, 4), ValueError, "lr0 must be >= 0"),
        (cosine_lr, (1, 1.0, 0), ValueError, "t_max must be >= 1"),
        (cosine_lr, (1, 1.0, 2.0), TypeError, "t_max must be an integer"),
        (cosine_lr, (1, 1.0, 4, -0.1), ValueError, "lr_min must be >= 0"),
        (cosine_lr, (1, 1.0, 4, float("nan")), ValueError, "lr_min must be finite"),
    ],
)
def test_the_functions_name_the_argument_they_refuse(function, arguments, error, message):
    with pytest.raises(error, match=message):
        function(*arguments)


def test_rates_are_python_floats():
    assert type(step_decay_lr(np.int64(3), 1, 2, 0.5)) is float
    assert type(cosine_lr(np.int64(1), 1, 4)) is float
