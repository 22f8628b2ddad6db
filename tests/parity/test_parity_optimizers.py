"""Every optimizer and learning-rate schedule of nnfs_lib against ``torch.optim``.

Each optimizer of :mod:`nnfs_lib.optimizers` and its ``torch.optim`` twin start
from the same parameters (three arrays of different shapes), receive the same
gradients at every step (set by hand, not computed), and must agree after every
step: the parameters, the step count and every state buffer
(``optimizer.state[i][key]`` against ``torch_optimizer.state[p][key]``).

Definitions checked on the way (they are where optimizers differ between libraries):

* RMSProp: our ``rho`` is torch's ``alpha``; ``eps`` is added *outside* the square
  root, ``g / (sqrt(s) + eps)``, as in torch (Keras and the original lecture put
  it inside). The ``large-eps`` cases make the placement visible.
* Adam: ``eps`` is added to ``sqrt(v_hat)``, the square root of the
  *bias-corrected* second moment, as in torch (the paper's form). Adding it to
  ``sqrt(v)`` before the correction is another common variant; the large-eps
  case tells the two apart.
* Momentum: the buffer starts at 0, so the first buffer is ``g`` (torch starts it
  at ``g`` by cloning: the same); no dampening; Nesterov steps along ``g + mu b``.
* Weight decay: L2 added to the gradient for SGD, Momentum, RMSProp and Adam
  (torch's ``weight_decay``); decoupled for AdamW (``theta *= 1 - lr * lambda``
  before the step).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import torch

from nnfs_lib.layers.base import Parameter
from nnfs_lib.optimizers import SGD, Adam, AdamW, Momentum, Optimizer, RMSProp
from nnfs_lib.schedules import CosineAnnealing, StepDecay, cosine_lr
from tests.parity.conftest import close, to_torch

STEPS = 6
SHAPES = [(3, 4), (4,), (2, 3, 2)]

# name: (nnfs factory, torch factory, state keys that both must hold)
CASES: dict[str, tuple[Callable, Callable, tuple[str, ...]]] = {
    "sgd": (
        lambda ps: SGD(ps, lr=0.1),
        lambda ps: torch.optim.SGD(ps, lr=0.1),
        (),
    ),
    "sgd-weight-decay": (
        lambda ps: SGD(ps, lr=0.1, weight_decay=0.05),
        lambda ps: torch.optim.SGD(ps, lr=0.1, weight_decay=0.05),
        (),
    ),
    "momentum": (
        lambda ps: Momentum(ps, lr=0.05, momentum=0.9),
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9),
        ("momentum_buffer",),
    ),
    "momentum-weight-decay": (
        lambda ps: Momentum(ps, lr=0.05, momentum=0.8, weight_decay=0.01),
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, weight_decay=0.01),
        ("momentum_buffer",),
    ),
    "nesterov": (
        lambda ps: Momentum(ps, lr=0.05, momentum=0.9, nesterov=True),
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True),
        ("momentum_buffer",),
    ),
    "nesterov-weight-decay": (
        lambda ps: Momentum(ps, lr=0.05, momentum=0.7, nesterov=True, weight_decay=0.02),
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.7, nesterov=True, weight_decay=0.02),
        ("momentum_buffer",),
    ),
    "rmsprop": (
        lambda ps: RMSProp(ps, lr=0.01, rho=0.9),
        lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9),  # our rho is torch's alpha
        ("square_avg",),
    ),
    "rmsprop-defaults": (
        lambda ps: RMSProp(ps),
        lambda ps: torch.optim.RMSprop(ps),  # same defaults: lr 0.01, 0.99, eps 1e-8
        ("square_avg",),
    ),
    "rmsprop-large-eps": (
        # eps comparable to sqrt(s): eps inside the square root would differ by far more than 1e-6.
        lambda ps: RMSProp(ps, lr=0.01, rho=0.9, eps=0.5),
        lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, eps=0.5),
        ("square_avg",),
    ),
    "rmsprop-weight-decay": (
        lambda ps: RMSProp(ps, lr=0.01, rho=0.95, weight_decay=0.1),
        lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.95, weight_decay=0.1),
        ("square_avg",),
    ),
    "adam": (
        lambda ps: Adam(ps, lr=0.01),
        lambda ps: torch.optim.Adam(ps, lr=0.01),
        ("exp_avg", "exp_avg_sq"),
    ),
    "adam-betas-large-eps": (
        # eps comparable to sqrt(v_hat): adding it before the bias correction would show.
        lambda ps: Adam(ps, lr=0.02, betas=(0.8, 0.9), eps=0.3),
        lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.8, 0.9), eps=0.3),
        ("exp_avg", "exp_avg_sq"),
    ),
    "adam-l2-weight-decay": (
        lambda ps: Adam(ps, lr=0.01, weight_decay=0.1),
        lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1),
        ("exp_avg", "exp_avg_sq"),
    ),
    "adamw-defaults": (
        lambda ps: AdamW(ps),
        lambda ps: torch.optim.AdamW(ps),  # same defaults, weight_decay 0.01
        ("exp_avg", "exp_avg_sq"),
    ),
    "adamw-decoupled": (
        lambda ps: AdamW(ps, lr=0.05, betas=(0.85, 0.99), weight_decay=0.2),
        lambda ps: torch.optim.AdamW(ps, lr=0.05, betas=(0.85, 0.99), weight_decay=0.2),
        ("exp_avg", "exp_avg_sq"),
    ),
    # The default Adam and RMSProp run the in-place kernels of nnfs_lib.fast; the equations
    # the pages show (fused=False) match torch too.
    "adam-equation": (
        lambda ps: Adam(ps, lr=0.02, betas=(0.8, 0.9), eps=0.3, weight_decay=0.1, fused=False),
        lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.8, 0.9), eps=0.3, weight_decay=0.1),
        ("exp_avg", "exp_avg_sq"),
    ),
    "rmsprop-equation": (
        lambda ps: RMSProp(ps, lr=0.01, rho=0.95, weight_decay=0.1, fused=False),
        lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.95, weight_decay=0.1),
        ("square_avg",),
    ),
}


def _twin_parameters(
    rng: np.random.Generator,
) -> tuple[list[Parameter], list[torch.nn.Parameter]]:
    ours = [Parameter(rng.standard_normal(shape), f"p{i}") for i, shape in enumerate(SHAPES)]
    theirs = [torch.nn.Parameter(to_torch(p.data)) for p in ours]
    return ours, theirs


def _set_gradients(
    rng: np.random.Generator, ours: list[Parameter], theirs: list[torch.nn.Parameter]
) -> None:
    """The same gradients in both, of mixed scales (some tiny, some large)."""
    for p, p_t in zip(ours, theirs, strict=True):
        g = rng.standard_normal(p.shape) * rng.choice([1e-3, 0.1, 1.0, 10.0], size=p.shape)
        p.grad[...] = g
        p_t.grad = to_torch(g)


def _compare_step(
    optimizer: Optimizer,
    torch_optimizer: torch.optim.Optimizer,
    ours: list[Parameter],
    theirs: list[torch.nn.Parameter],
    keys: tuple[str, ...],
    step: int,
) -> None:
    assert optimizer.t == step
    for i, (p, p_t) in enumerate(zip(ours, theirs, strict=True)):
        close(p.data, p_t, f"parameter {i} after step {step}")
        state, state_t = optimizer.state[i], torch_optimizer.state[p_t]
        # Subset, not equality: an implementation may keep extra scratch arrays in state.
        assert set(keys) <= set(state), f"state keys of parameter {i}: {sorted(state)}"
        for key in keys:
            close(state[key], state_t[key], f"state[{i}][{key!r}] after step {step}")
        if "step" in state_t:
            assert float(state_t["step"]) == optimizer.t


@pytest.mark.parametrize("case", list(CASES))
def test_optimizer_matches_torch_step_by_step(case: str, rng: np.random.Generator) -> None:
    make_ours, make_theirs, keys = CASES[case]
    ours, theirs = _twin_parameters(rng)
    optimizer, torch_optimizer = make_ours(ours), make_theirs(theirs)
    for step in range(1, STEPS + 1):
        _set_gradients(rng, ours, theirs)
        optimizer.step()
        torch_optimizer.step()
        _compare_step(optimizer, torch_optimizer, ours, theirs, keys, step)


def test_optimizers_move_the_parameters(rng: np.random.Generator) -> None:
    """Guard against a vacuous comparison: every case really changes every parameter."""
    for make_ours, _, _ in CASES.values():
        ours, _ = _twin_parameters(rng)
        before = [p.data.copy() for p in ours]
        optimizer = make_ours(ours)
        for p in ours:
            p.grad[...] = 1.0
        optimizer.step()
        for p, b in zip(ours, before, strict=True):
            assert np.all(p.data != b)


# Learning-rate schedules ------------------------------------------------------------


def _lr_sequences(
    make_schedule: Callable,
    make_torch_schedule: Callable,
    epochs: int,
    rng: np.random.Generator,
    compare_until: int | None = None,
) -> tuple[list[float], list[float]]:
    """Run a Momentum optimizer under both schedules, one step per "epoch".

    The parameters are compared after each of the first ``compare_until`` epochs
    (all by default): each step must have used the scheduled rate.
    """
    compare_until = epochs if compare_until is None else compare_until
    ours, theirs = _twin_parameters(rng)
    optimizer = Momentum(ours, lr=0.2, momentum=0.5)
    torch_optimizer = torch.optim.SGD(theirs, lr=0.2, momentum=0.5)
    schedule, torch_schedule = make_schedule(optimizer), make_torch_schedule(torch_optimizer)
    lrs, torch_lrs = [optimizer.lr], [torch_optimizer.param_groups[0]["lr"]]
    for epoch in range(1, epochs + 1):
        _set_gradients(rng, ours, theirs)
        optimizer.step()
        torch_optimizer.step()
        if epoch <= compare_until:
            _compare_step(optimizer, torch_optimizer, ours, theirs, ("momentum_buffer",), epoch)
        returned = schedule.step()
        torch_schedule.step()
        assert returned == optimizer.lr
        lrs.append(optimizer.lr)
        torch_lrs.append(torch_optimizer.param_groups[0]["lr"])
        assert torch_schedule.get_last_lr()[0] == torch_lrs[-1]
    return lrs, torch_lrs


@pytest.mark.parametrize(("step_size", "gamma"), [(3, 0.5), (1, 0.9), (7, 0.1)])
def test_step_decay_matches_steplr(step_size: int, gamma: float, rng: np.random.Generator) -> None:
    lrs, torch_lrs = _lr_sequences(
        lambda opt: StepDecay(opt, step_size=step_size, gamma=gamma),
        lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=gamma),
        epochs=25,
        rng=rng,
    )
    close(np.array(lrs), np.array(torch_lrs), "StepDecay vs StepLR learning rates")
    assert len(set(lrs)) > 2  # the rate really decayed, more than once


@pytest.mark.parametrize(("t_max", "lr_min"), [(10, 0.0), (17, 0.01), (1, 0.05)])
def test_cosine_annealing_matches_torch_up_to_t_max(
    t_max: int, lr_min: float, rng: np.random.Generator
) -> None:
    lrs, torch_lrs = _lr_sequences(
        lambda opt: CosineAnnealing(opt, t_max=t_max, lr_min=lr_min),
        lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=t_max, eta_min=lr_min),
        epochs=t_max,
        rng=rng,
    )
    # torch computes the rate recursively from the previous one; ours in closed form.
    # They agree to rounding, and both end exactly at lr_min.
    close(np.array(lrs), np.array(torch_lrs), "CosineAnnealing vs CosineAnnealingLR")
    assert lrs[-1] == pytest.approx(lr_min, abs=1e-15)
    assert torch_lrs[-1] == pytest.approx(lr_min, abs=1e-15)


def test_cosine_annealing_after_t_max_is_a_documented_difference(
    rng: np.random.Generator,
) -> None:
    """Definition difference, kept on purpose and documented in nnfs_lib.schedules.

    torch's ``CosineAnnealingLR`` is periodic: after ``T_max`` epochs its rate climbs
    back up along the cosine (period ``2 T_max``). Ours stays at ``lr_min`` once
    ``t_max`` is reached: "anneal, then hold", what a book training run wants.
    Up to ``t_max`` the two agree (test above); after it they must differ this way.
    """
    t_max, lr_min = 8, 0.01
    lrs, torch_lrs = _lr_sequences(
        lambda opt: CosineAnnealing(opt, t_max=t_max, lr_min=lr_min),
        lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=t_max, eta_min=lr_min),
        epochs=2 * t_max,
        rng=rng,
        compare_until=t_max,
    )
    close(np.array(lrs[: t_max + 1]), np.array(torch_lrs[: t_max + 1]), "up to t_max")
    assert all(lr == pytest.approx(lr_min, abs=1e-15) for lr in lrs[t_max:])
    # torch climbs back: at 2 t_max it is at the initial rate again.
    close(
        np.array(torch_lrs[t_max:]),
        [cosine_lr(e, 0.2, t_max, lr_min) for e in range(t_max + 1)][::-1],
        "torch after t_max",
    )
