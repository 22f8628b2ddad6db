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
