"""Learning-rate schedules: the learning rate as a function of the epoch.

A schedule is built on an optimizer, remembers the optimizer's initial
learning rate :math:`\\eta_0`, and each call of :meth:`Schedule.step` (once per
epoch, after the epoch) writes the next epoch's rate into ``optimizer.lr``.
The formulas are the ones of ``torch.optim.lr_scheduler.StepLR`` and
``CosineAnnealingLR`` (eqs. ``eq-opt-step-decay`` and ``eq-opt-cosine``), with one
deliberate difference: after ``t_max`` epochs torch's cosine schedule climbs back
up (it is periodic, with period ``2 t_max``), while ours stays at ``lr_min``.
"""

from __future__ import annotations

import math

from nnfs_lib.optimizers import Optimizer
from nnfs_lib.validation import check_in_range, check_int, check_real


def step_decay_lr(epoch: int, lr0: float, step_size: int, gamma: float) -> float:
    r"""Step decay :math:`\eta_t = \eta_0\, \gamma^{\lfloor t / s \rfloor}` (eq. ``eq-opt-step-decay``)."""
    epoch = check_int("epoch", epoch, minimum=0)
    step_size = check_int("step_size", step_size, minimum=1)
    gamma = check_in_range("gamma", gamma, 0.0, 1.0, closed_high=True)
    return float(lr0) * gamma ** (epoch // step_size)


def cosine_lr(epoch: int, lr0: float, t_max: int, lr_min: float = 0.0) -> float:
    r"""Cosine annealing :math:`\eta_t = \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})(1 + \cos(\pi t / T))`.

    Eq. ``eq-opt-cosine``. The rate falls from :math:`\eta_0` at ``epoch = 0`` to
    :math:`\eta_{\min}` at ``epoch = t_max`` and stays there afterwards.
    """
    epoch = check_int("epoch", epoch, minimum=0)
    t_max = check_int("t_max", t_max, minimum=1)
    lr_min = check_real("lr_min", lr_min)
    if lr_min < 0:
        raise ValueError(f"lr_min must be >= 0; got {lr_min}")
    t = min(epoch, t_max)
    return lr_min + 0.5 * (float(lr0) - lr_min) * (1 + math.cos(math.pi * t / t_max))


class Schedule:
    """Base class: ``step()`` advances one epoch and sets ``optimizer.lr``."""

    def __init__(self, optimizer: Optimizer) -> None:
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"optimizer must be an Optimizer; got {type(optimizer).__name__}")
        self.optimizer = optimizer
        self.lr0 = optimizer.lr
        self.epoch = 0

    def lr_at(self, epoch: int) -> float:
        raise NotImplementedError

    def step(self) -> float:
        """Advance one epoch; returns (and applies) the learning rate for the next epoch."""
        self.epoch += 1
        self.optimizer.lr = self.lr_at(self.epoch)
        return self.optimizer.lr


class StepDecay(Schedule):
    """Multiply the learning rate by ``gamma`` every ``step_size`` epochs."""

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        super().__init__(optimizer)
        self.step_size = check_int("step_size", step_size, minimum=1)
        self.gamma = check_in_range("gamma", gamma, 0.0, 1.0, closed_high=True)

    def lr_at(self, epoch: int) -> float:
        return step_decay_lr(epoch, self.lr0, self.step_size, self.gamma)


class CosineAnnealing(Schedule):
    """Half a cosine from the initial rate down to ``lr_min`` over ``t_max`` epochs, then flat.

    Equal to ``torch.optim.lr_scheduler.CosineAnnealingLR(T_max=t_max, eta_min=lr_min)``
    for the first ``t_max`` epochs; after that torch's rate rises again, ours holds ``lr_min``.
    """

    def __init__(self, optimizer: Optimizer, t_max: int, lr_min: float = 0.0) -> None:
        super().__init__(optimizer)
        self.t_max = check_int("t_max", t_max, minimum=1)
        self.lr_min = check_real("lr_min", lr_min)
        if self.lr_min < 0:
            raise ValueError(f"lr_min must be >= 0; got {self.lr_min}")

    def lr_at(self, epoch: int) -> float:
        return cosine_lr(epoch, self.lr0, self.t_max, self.lr_min)
