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
from nnfs_lib.validation import Scalar, validate

_EPOCH_AND_LR0 = {"epoch": Scalar(int, low=0), "lr0": Scalar(low=0.0)}
_STEP_DECAY = {"step_size": Scalar(int, low=1), "gamma": Scalar(low=0.0, high=1.0)}
_COSINE = {"t_max": Scalar(int, low=1), "lr_min": Scalar(low=0.0)}


@validate(**_EPOCH_AND_LR0, **_STEP_DECAY)
def step_decay_lr(epoch: int, lr0: float, step_size: int, gamma: float) -> float:
    r"""Step decay :math:`\eta_t = \eta_0\, \gamma^{\lfloor t / s \rfloor}` (eq. ``eq-opt-step-decay``).

    Requires ``epoch >= 0``, ``lr0 >= 0``, ``step_size >= 1`` (integers) and
    ``gamma`` in [0, 1]; raises ``TypeError`` / ``ValueError`` naming the argument otherwise.
    """
    return lr0 * gamma ** (epoch // step_size)


@validate(**_EPOCH_AND_LR0, **_COSINE)
def cosine_lr(epoch: int, lr0: float, t_max: int, lr_min: float = 0.0) -> float:
    r"""Cosine annealing :math:`\eta_t = \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})(1 + \cos(\pi t / T))`.

    Eq. ``eq-opt-cosine``. The rate falls from :math:`\eta_0` at ``epoch = 0`` to
    :math:`\eta_{\min}` at ``epoch = t_max`` and stays there afterwards. Requires
    ``epoch >= 0``, ``lr0 >= 0``, ``t_max >= 1`` (integers) and ``lr_min >= 0``;
    raises ``TypeError`` / ``ValueError`` naming the argument otherwise.
    """
    t = min(epoch, t_max)
    return lr_min + 0.5 * (lr0 - lr_min) * (1 + math.cos(math.pi * t / t_max))


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

    @validate(**_STEP_DECAY)
    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        super().__init__(optimizer)
        self.step_size, self.gamma = step_size, gamma

    def lr_at(self, epoch: int) -> float:
        return step_decay_lr(epoch, self.lr0, self.step_size, self.gamma)


class CosineAnnealing(Schedule):
    """Half a cosine from the initial rate down to ``lr_min`` over ``t_max`` epochs, then flat.

    Equal to ``torch.optim.lr_scheduler.CosineAnnealingLR(T_max=t_max, eta_min=lr_min)``
    for the first ``t_max`` epochs; after that torch's rate rises again, ours holds ``lr_min``.
    """

    @validate(**_COSINE)
    def __init__(self, optimizer: Optimizer, t_max: int, lr_min: float = 0.0) -> None:
        super().__init__(optimizer)
        self.t_max, self.lr_min = t_max, lr_min

    def lr_at(self, epoch: int) -> float:
        return cosine_lr(epoch, self.lr0, self.t_max, self.lr_min)
