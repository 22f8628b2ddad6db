"""Checkers for Part III: Momentum, RMSProp and Adam steps, BatchNorm, Dropout, early stopping."""

from __future__ import annotations

import numpy as np

from nnfs_lib import fast
from nnfs_lib.exercises import cases
from nnfs_lib.exercises.network import expect_same_in_network
from nnfs_lib.exercises.registry import exercise
from nnfs_lib.exercises.report import (
    Report,
    as_sequence,
    call,
    expect,
    expect_array,
    expect_gradient,
    generator,
)
from nnfs_lib.layers import BatchNorm, Dropout, Parameter
from nnfs_lib.optimizers import SGD, Adam, AdamW, Momentum, RMSProp
from nnfs_lib.training import EarlyStopping

# Optimizer steps -------------------------------------------------------------------


def _library_run(optimizer: type, theta: np.ndarray, grads: list, **hyper: object) -> list:
    """theta and the optimizer's state after each step of the library's ``optimizer``."""
    p = Parameter(theta.copy(), "theta")
    opt = optimizer([p], **hyper)
    trace = []
    for g in grads:
        p.grad = g.copy()
        opt.step()
        trace.append((p.data.copy(), {k: np.array(v, copy=True) for k, v in opt.state[0].items()}))
    return trace


def _returned(got: object, names: tuple[str, ...], what: str) -> tuple:
    return as_sequence(got, names, what)


def _compare_runs(
    fn: object, report_name: str, names: tuple[str, ...], state_keys: tuple[str, ...],
    optimizer: type, theta: np.ndarray, grads: list, hyper: dict, call_args: object,
) -> None:  # fmt: skip
    """Run the reader's step and the library's optimizer on the same gradients; compare every step."""
    expected = _library_run(optimizer, theta, grads, **hyper)
    state = [np.zeros_like(theta) for _ in state_keys]
    for t, (g, (theta_lib, state_lib)) in enumerate(zip(grads, expected, strict=True), start=1):
        got = call(fn, *call_args(theta, g, state, t), what=f"{report_name} at step {t}")
        theta, *state = _returned(got, names, report_name)
        size = float(np.max(np.abs(grads[0])))
        inputs = f"step {t} of {len(grads)}, theta of shape {g.shape}, gradients up to {size:.1g}"
        for name, value, key in zip(names[1:], state, state_keys, strict=True):
            expect_array(value, state_lib[key], name, inputs=inputs)
        expect_array(theta, theta_lib, "theta", inputs=inputs)


def _scale_label(scale: float) -> str:
    if scale < 1:
        return f"tiny gradients of size {scale:g} (where eps matters)"
    if scale > 1:
        return f"huge gradients of size {scale:g}"
    return "gradients of size 1"


def _one_step(
    optimizer: type, theta: np.ndarray, g: np.ndarray, t: int, state: dict, **hyper: object
) -> tuple:
    """theta and the new state after step ``t`` of the library's ``optimizer`` from ``state``."""
    p = Parameter(np.array(theta, dtype=np.float64), "theta")
    p.grad = np.array(g, dtype=np.float64)
    opt = optimizer([p], **hyper)
    opt.t = t - 1
    opt.state[0].update({key: np.array(value, dtype=np.float64) for key, value in state.items()})
    opt.step()
    return (p.data, *(opt.state[0][key] for key in state))


def _library_momentum_step(
    theta: np.ndarray, g: np.ndarray, m: np.ndarray, lr: float, momentum: float = 0.9
) -> tuple:
    """One step of the library's :class:`~nnfs_lib.optimizers.Momentum`."""
    return _one_step(Momentum, theta, g, 1, {"momentum_buffer": m}, lr=lr, momentum=momentum)


def _library_rmsprop_step(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float = 0.01, rho: float = 0.99,
    eps: float = 1e-8,
) -> tuple:  # fmt: skip
    """One step of the library's :class:`~nnfs_lib.optimizers.RMSProp`."""
    return _one_step(RMSProp, theta, g, 1, {"square_avg": v}, lr=lr, rho=rho, eps=eps)


def _library_adam_step(
    theta: np.ndarray, g: np.ndarray, m: np.ndarray, v: np.ndarray, t: int, lr: float = 0.001,
    betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
) -> tuple:  # fmt: skip
    """Step ``t`` of the library's :class:`~nnfs_lib.optimizers.Adam`."""
    state = {"exp_avg": m, "exp_avg_sq": v}
    return _one_step(Adam, theta, g, t, state, lr=lr, betas=betas, eps=eps)


@exercise("momentum_step", title="One step of Momentum", page="book/part3/optimizers.md",
          defines="momentum_step", reference=_library_momentum_step, library=(Momentum,))  # fmt: skip
def _momentum(fn: object, report: Report) -> None:
    hand = cases.MOMENTUM
    with report.case("hand case: gradient 1 at every step, lr = 0.1, momentum = 0.9, from 0"):
        theta, m = np.zeros(1), np.zeros(1)
        for t, (m_expected, theta_expected) in enumerate(
            zip(hand["buffers"], hand["thetas"], strict=True), 1
        ):
            got = call(
                fn,
                theta,
                np.ones(1),
                m,
                hand["lr"],
                hand["momentum"],
                what=f"momentum_step at step {t}",
            )
            theta, m = _returned(got, ("theta", "m"), "momentum_step")
            expect_array(m, np.array([m_expected]), "m", inputs=f"step {t}")
            expect_array(theta, np.array([theta_expected]), "theta", inputs=f"step {t}")
    rng = generator("momentum_step")
    with report.case("law: momentum = 0 is plain gradient descent, theta - lr * g"):
        theta, g = rng.normal(size=4), rng.normal(size=4)
        got = call(fn, theta, g, np.zeros(4), 0.1, 0.0, what="momentum_step with momentum = 0")
        new_theta, _ = _returned(got, ("theta", "m"), "momentum_step")
        expected, *_ = _library_run(SGD, theta, [g], lr=0.1)[0]
        expect_array(new_theta, expected, "theta", inputs="momentum = 0, lr = 0.1")
    for shape, lr, mu, scale in [((3,), 0.1, 0.9, 1.0), ((2, 4), 0.05, 0.5, 1.0),
                                 ((3,), 0.1, 0.9, 1e-9), ((3,), 0.1, 0.9, 1e8)]:  # fmt: skip
        label = "" if scale == 1 else f", gradients of size {scale:g}"
        with report.case(
            f"same as the library's Momentum for 5 steps, shape {shape}, lr = {lr}, momentum = {mu}{label}"
        ):
            grads = [scale * rng.normal(size=shape) for _ in range(5)]
            _compare_runs(fn, "momentum_step", ("theta", "m"), ("momentum_buffer",), Momentum,
                          rng.normal(size=shape), grads, {"lr": lr, "momentum": mu},
                          lambda th, g, s, t, lr=lr, mu=mu: (th, g, s[0], lr, mu))  # fmt: skip


@exercise("rmsprop_step", title="One step of RMSProp", page="book/part3/optimizers.md",
          defines="rmsprop_step", reference=_library_rmsprop_step,
          library=(RMSProp, fast.rmsprop_update))  # fmt: skip
def _rmsprop(fn: object, report: Report) -> None:
    hand = cases.RMSPROP
    with report.case("hand case: first step with g = 1, lr = 0.01, rho = 0.99, from 0"):
        got = call(fn, np.zeros(1), np.ones(1), np.zeros(1), hand["lr"], hand["rho"], hand["eps"],
                   what="rmsprop_step")  # fmt: skip
        theta, v = _returned(got, ("theta", "v"), "rmsprop_step")
        expect_array(v, np.array([hand["v"]]), "v", inputs="g = 1, v = 0")
        expect_array(theta, np.array([hand["theta"]]), "theta", inputs="g = 1, v = 0")
    rng = generator("rmsprop_step")
    with report.case(
        "law: the first step, from v = 0, moves every coordinate by about lr / sqrt(1 - rho)"
    ):
        g = rng.normal(size=5)
        got = call(fn, np.zeros(5), g, np.zeros(5), 0.01, 0.9, 1e-8, what="rmsprop_step")
        theta, _ = _returned(got, ("theta", "v"), "rmsprop_step")
        expect_array(np.abs(theta), np.full(5, 0.01 / np.sqrt(0.1)), "|theta|",
                     inputs="random g, lr = 0.01, rho = 0.9", rtol=1e-5)  # fmt: skip
    for shape, scale in [((3,), 1.0), ((2, 3), 1e-9), ((3,), 1e8)]:
        label = _scale_label(scale)
        with report.case(f"same as the library's RMSProp for 5 steps, shape {shape}, {label}"):
            grads = [scale * rng.normal(size=shape) for _ in range(5)]
            hyper = {"lr": 0.01, "rho": 0.9, "eps": 1e-8}
            _compare_runs(fn, "rmsprop_step", ("theta", "v"), ("square_avg",), RMSProp,
                          rng.normal(size=shape), grads, hyper,
                          lambda th, g, s, t: (th, g, s[0], 0.01, 0.9, 1e-8))  # fmt: skip


@exercise("adam_step", title="One step of Adam", page="book/part3/optimizers.md",
          defines="adam_step", reference=_library_adam_step, library=(Adam, AdamW, fast.adam_update))  # fmt: skip
def _adam(fn: object, report: Report) -> None:
    hand = cases.ADAM
    g = np.array(hand["g"])
    with report.case(
        f"hand case: constant gradient {hand['g']}, lr = {hand['lr']}: every step moves lr * sign(g)"
    ):
        theta, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
        for t in range(1, hand["steps"] + 1):
            got = call(
                fn,
                theta,
                g,
                m,
                v,
                t,
                hand["lr"],
                hand["betas"],
                hand["eps"],
                what=f"adam_step at t = {t}",
            )
            theta, m, v = _returned(got, ("theta", "m", "v"), "adam_step")
            expected = -t * hand["lr"] * g / (np.abs(g) + hand["eps"])
            expect_array(
                theta, expected, "theta", inputs=f"t = {t} (bias correction divides by 1 - beta**t)"
            )
    rng = generator("adam_step")
    with report.case(
        "law: the first step moves every coordinate by about lr, whatever the size of g"
    ):
        g = rng.normal(size=5) * np.array([1e-3, 1e-1, 1.0, 10.0, 1e3])
        got = call(fn, np.zeros(5), g, np.zeros(5), np.zeros(5), 1, 0.01, (0.9, 0.999), 1e-8,
                   what="adam_step at t = 1")  # fmt: skip
        theta, *_ = _returned(got, ("theta", "m", "v"), "adam_step")
        expect_array(
            np.abs(theta), np.full(5, 0.01), "|theta|", inputs="t = 1, lr = 0.01", rtol=1e-4
        )
    for shape, scale in [((3,), 1.0), ((2, 3), 1e-9), ((3,), 1e8)]:
        label = _scale_label(scale)
        with report.case(f"same as the library's Adam for 6 steps, shape {shape}, {label}"):
            grads = [scale * rng.normal(size=shape) for _ in range(6)]
            hyper = {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-8}
            _compare_runs(fn, "adam_step", ("theta", "m", "v"), ("exp_avg", "exp_avg_sq"), Adam,
                          rng.normal(size=shape), grads, hyper,
                          lambda th, g, s, t: (th, g, s[0], s[1], t, 0.01, (0.8, 0.99), 1e-8))  # fmt: skip


# Layers ----------------------------------------------------------------------------


def _batchnorm_pair(cls: type, gamma: np.ndarray, beta: np.ndarray) -> tuple:
    d = gamma.size
    layer = call(cls, d, dtype=np.float64, what=f"{cls.__name__}({d})")
    reference = BatchNorm(d, dtype=np.float64)
    for target in (layer, reference):
        target.gamma.data[...] = gamma
        target.beta.data[...] = beta
    return layer, reference


@exercise("batchnorm", title="Batch normalization, forward and backward", page="book/part3/batchnorm.md",
          defines="BatchNorm", reference=BatchNorm, methods=("forward", "backward"))  # fmt: skip
def _batchnorm(cls: object, report: Report) -> None:
    X = np.array(cases.BATCHNORM_X)
    ones, zeros = np.ones(1), np.zeros(1)
    with report.case("hand case: forward on the column (1, 3), gamma = 1, beta = 0"):
        layer, _ = _batchnorm_pair(cls, ones, zeros)
        Y = call(layer.forward, X, what="forward(X)")
        expect_array(Y, np.array(cases.BATCHNORM_Y), "Y", inputs="X = [[1], [3]]")
        expect_array(layer.running_mean, np.array(cases.BATCHNORM_RUNNING_MEAN), "running_mean",
                     inputs="X = [[1], [3]], momentum 0.1")  # fmt: skip
        expect_array(layer.running_var, np.array(cases.BATCHNORM_RUNNING_VAR), "running_var",
                     inputs="X = [[1], [3]], momentum 0.1 (it is fed the unbiased variance, n/(n-1))")  # fmt: skip
    with report.case("hand case: the same dY on every row gives dX = 0"):
        layer, _ = _batchnorm_pair(cls, ones, zeros)
        call(layer.forward, X, what="forward(X)")
        dX = call(layer.backward, np.array(cases.BATCHNORM_DY), what="backward(dY)")
        expect_array(
            layer.beta.grad, np.array([2.0]), "beta.grad", inputs="X = [[1], [3]], dY = [[1], [1]]"
        )
        expect_array(dX, np.array(cases.BATCHNORM_DX), "dX",
                     inputs="X = [[1], [3]], dY = [[1], [1]] (the mean terms cancel a shift)")  # fmt: skip
    rng = generator("batchnorm")
    with report.case("finite differences of J = sum(Y * R) for dX and gamma.grad"):
        X, R = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
        gamma, beta = rng.uniform(0.5, 2, 3), rng.normal(size=3)
        layer, reference = _batchnorm_pair(cls, gamma, beta)
        call(layer.forward, X, what="forward(X)")
        dX = call(layer.backward, R, what="backward(dY)")
        expect_gradient(dX, lambda V: float(np.sum(reference.forward(V) * R)), X, "dX")

        def cost_of_gamma(c: np.ndarray) -> float:
            reference.gamma.data[...] = c
            return float(np.sum(reference.forward(X) * R))

        expect_gradient(layer.gamma.grad, cost_of_gamma, gamma, "gamma.grad")
    for n, d in [(2, 1), (5, 3), (16, 4)]:
        with report.case(
            f"same as the library on X of shape {(n, d)}: two training passes, then inference"
        ):
            gamma, beta = rng.uniform(0.5, 2, d), rng.normal(size=d)
            layer, reference = _batchnorm_pair(cls, gamma, beta)
            shape = f"X of shape {(n, d)}"
            for step in (1, 2):
                X, dY = rng.normal(1, 2, (n, d)), rng.normal(size=(n, d))
                expect_array(call(layer.forward, X, what="forward(X)"), reference.forward(X), "Y",
                             inputs=f"{shape}, training pass {step}")  # fmt: skip
                dX = call(layer.backward, dY, what="backward(dY)")
                expected_dX = reference.backward(dY)
                for name in ("running_mean", "running_var"):
                    expect_array(getattr(layer, name), getattr(reference, name), name,
                                 inputs=f"{shape}, after training pass {step}")  # fmt: skip
                for name in ("gamma", "beta"):
                    expect_array(getattr(layer, name).grad, getattr(reference, name).grad, f"{name}.grad",
                                 inputs=f"{shape}, training pass {step}")  # fmt: skip
                expect_array(dX, expected_dX, "dX", inputs=f"{shape}, training pass {step}")
            layer.eval()
            reference.eval()
            X = rng.normal(1, 2, (3, d))
            expect_array(call(layer.forward, X, what="forward(X) in inference mode"), reference.forward(X),
                         "Y in inference mode", inputs=f"{shape} (normalize with the running statistics)")  # fmt: skip
    with report.case("inside a network: Dense -> Tanh -> your BatchNorm -> Dense, every gradient"):
        layer, reference = _batchnorm_pair(cls, rng.uniform(0.5, 2, 4), rng.normal(size=4))
        expect_same_in_network(layer, reference, rng, width=4)


@exercise(
    "dropout",
    title="Inverted dropout",
    page="book/part3/dropout.md",
    defines="Dropout",
    reference=Dropout,
    methods=("forward", "backward"),
)
def _dropout(cls: object, report: Report) -> None:
    rng = generator("dropout")
    with report.case("hand case: p = 0.5 on a batch of ones: every output is 0 or 1/(1 - p) = 2"):
        layer = call(cls, 0.5, 0, what=f"{cls.__name__}(0.5, rng)")
        Y = call(layer.forward, np.ones((4, 5)), what="forward(X)")
        expect(isinstance(Y, np.ndarray) and Y.shape == (4, 5),
               f"forward(X) for X of shape (4, 5) is {type(Y).__name__} of shape {np.shape(Y)}")  # fmt: skip
        values = sorted({float(v) for v in np.unique(Y)})
        expect(set(values) <= {0.0, 2.0},
               f"the outputs take the values {values}; expected only 0 (dropped) and 2 "
               "(kept, then divided by 1 - p = 0.5)")  # fmt: skip
    with report.case("drops each unit with probability p = 0.2 (keeps about 80%)"):
        layer = call(cls, 0.2, 1, what=f"{cls.__name__}(0.2, rng)")
        Y = _ones_through(layer)
        kept = float(np.mean(Y != 0))
        expect(abs(kept - 0.8) < 0.01,
               f"{100 * kept:.1f}% of the units were kept; expected about 80% (1 - p, with p the drop "
               f"rate){_mask_shape_cause(Y)}")  # fmt: skip
    with report.case(
        "each unit of each example is dropped on its own: no two rows or columns alike"
    ):
        layer = call(cls, 0.5, 5, what=f"{cls.__name__}(0.5, rng)")
        Y = _ones_through(layer, (20, 30))
        cause = _mask_shape_cause(Y)
        expect(not cause, f"the mask on a batch of ones of shape (20, 30){cause}")
    with report.case("the output's mean equals the input's mean (the rescaling)"):
        layer = call(cls, 0.3, 2, what=f"{cls.__name__}(0.3, rng)")
        Y = _ones_through(layer)
        mean = float(np.mean(Y))
        kept_values = np.unique(Y[Y != 0])
        cause = (" (the kept units are 1: divide them by 1 - p)"
                 if kept_values.size and np.all(kept_values == 1.0) else "")  # fmt: skip
        expect(abs(mean - 1) < 0.02,
               f"on a batch of ones the outputs average {mean:.4f}; expected about 1{cause}")  # fmt: skip
    for n, d, p in [(3, 4, 0.5), (10, 6, 0.25)]:
        with report.case(
            f"same as the library with your mask: X of shape {(n, d)}, p = {p}, forward and backward"
        ):
            layer = call(cls, p, int(rng.integers(1000)), what=f"{cls.__name__}({p}, rng)")
            X, dY = rng.normal(size=(n, d)), rng.normal(size=(n, d))
            Y = call(layer.forward, X, what="forward(X)")
            mask = getattr(layer, "mask", None)
            expect(isinstance(mask, np.ndarray) and mask.dtype == np.bool_ and mask.shape == X.shape,
                   f"self.mask is {type(mask).__name__} (dtype {getattr(mask, 'dtype', None)}, "
                   f"shape {np.shape(mask)}); expected a boolean array of shape {X.shape}, "
                   "True where a unit is kept")  # fmt: skip
            reference = Dropout(p, 0)
            reference.fix_mask(mask)
            inputs = f"X of shape {(n, d)}, p = {p}"
            expect_array(Y, reference.forward(X), "Y", inputs=inputs)
            expect_array(call(layer.backward, dY, what="backward(dY)"), reference.backward(dY), "dX",
                         inputs=inputs)  # fmt: skip
    with report.case("inside a network: Dense -> Tanh -> your Dropout -> Dense, every gradient"):
        layer = call(cls, 0.5, int(rng.integers(1000)), what=f"{cls.__name__}(0.5, rng)")
        reference = Dropout(0.5, 0)

        def same_mask(mine: object, library: Dropout) -> None:
            mask = getattr(mine, "mask", None)
            expect(isinstance(mask, np.ndarray) and mask.dtype == np.bool_,
                   f"self.mask is {type(mask).__name__}; expected a boolean array")  # fmt: skip
            library.fix_mask(mask)

        expect_same_in_network(layer, reference, rng, width=4, after_forward=same_mask)
    with report.case("a new mask every forward pass"):
        layer = call(cls, 0.5, 3, what=f"{cls.__name__}(0.5, rng)")
        first = np.array(call(layer.forward, np.ones((8, 8)), what="forward(X)"))
        second = np.array(call(layer.forward, np.ones((8, 8)), what="forward(X)"))
        expect(not np.array_equal(first, second), "two forward passes dropped the same units")
    with report.case("inference mode is the identity, forward and backward"):
        layer = call(cls, 0.5, 4, what=f"{cls.__name__}(0.5, rng)")
        layer.eval()
        X = rng.normal(size=(3, 4))
        expect_array(call(layer.forward, X, what="forward(X) in inference mode"), X, "Y in inference mode",
                     inputs="X of shape (3, 4)")  # fmt: skip
        expect_array(call(layer.backward, X, what="backward(dY) in inference mode"), X,
                     "dX in inference mode", inputs="dY of shape (3, 4)")  # fmt: skip


def _ones_through(layer: object, shape: tuple[int, int] = (200, 500)) -> np.ndarray:
    """The layer's output on a batch of ones, checked to be an array of that shape."""
    Y = call(layer.forward, np.ones(shape), what="forward(X)")
    expect(isinstance(Y, np.ndarray) and Y.shape == shape,
           f"forward(X) for X of shape {shape} is {type(Y).__name__} of shape {np.shape(Y)}")  # fmt: skip
    return Y


def _mask_shape_cause(Y: np.ndarray) -> str:
    """Why a mask is not one draw per unit, when its output on ones shows it for certain (else '')."""
    kept = Y != 0
    if kept.all() or not kept.any():
        return (
            ": the whole batch was kept or dropped at once (draw one value per unit: shape X.shape)"
        )
    if (kept == kept[:1]).all():
        return ": every example dropped the same units (draw the mask with X's shape, not (1, d))"
    if (kept == kept[:, :1]).all():
        return ": each example dropped all its units or none (draw the mask with X's shape)"
    return ""


# Early stopping --------------------------------------------------------------------


def _library_early_stopping(costs: list[float], patience: int, min_delta: float = 0.0) -> tuple:
    """(stop epoch or None, best epoch) of the library's :class:`~nnfs_lib.training.EarlyStopping`."""
    stopper = EarlyStopping(patience, min_delta=min_delta, restore_best=False)
    for epoch, cost in enumerate(costs, start=1):
        if stopper.update(epoch, cost, None):
            return epoch, stopper.best_epoch
    return None, stopper.best_epoch


@exercise("early_stopping", title="The early-stopping rule", page="book/part3/tuning.md",
          defines="early_stopping", reference=_library_early_stopping, library=(EarlyStopping,))  # fmt: skip
def _early_stopping(fn: object, report: Report) -> None:
    def compare(costs: list[float], patience: int, min_delta: float, expected: tuple) -> None:
        inputs = f"costs = {list(costs)}, patience = {patience}, min_delta = {min_delta}"
        got = call(fn, list(costs), patience, min_delta, what=f"early_stopping({inputs})")
        got = as_sequence(got, ("stop_epoch", "best_epoch"), f"early_stopping({inputs})")
        expect(
            got[0] == expected[0], f"stop_epoch is {got[0]} for {inputs}; expected {expected[0]}"
        )
        expect(
            got[1] == expected[1], f"best_epoch is {got[1]} for {inputs}; expected {expected[1]}"
        )

    for costs, patience, min_delta, expected in cases.EARLY_STOPPING:
        with report.case(f"hand case: costs {costs}, patience {patience}, min_delta {min_delta}"):
            compare(costs, patience, min_delta, expected)
    rng = generator("early_stopping")
    with report.case("same as the library's EarlyStopping on 30 random runs of 25 epochs"):
        for _ in range(30):
            costs, patience, min_delta = random_run(rng)
            compare(costs, patience, min_delta, _library_early_stopping(costs, patience, min_delta))


TIE = 1e-6
"""Random runs keep every difference of two costs this far from min_delta (see :func:`random_run`)."""


def random_run(rng: np.random.Generator, epochs: int = 25) -> tuple[list[float], int, float]:
    """A random run of validation costs (3 decimals), a patience and a min_delta, off exact ties.

    ``J < J* - min_delta`` and ``J* - J > min_delta`` are the same rule but may
    round differently when ``J* - J`` equals ``min_delta``; such runs are drawn again.
    """
    while True:
        costs = np.round(np.exp(-np.linspace(0, 2, epochs)) + rng.normal(0, 0.05, epochs), 3)
        patience, min_delta = int(rng.integers(1, 6)), float(rng.choice([0.0, 0.01, 0.05]))
        gaps = costs[:, None] - costs[None, :]
        if min_delta == 0 or not np.any(np.abs(gaps - min_delta) < TIE):
            return costs.tolist(), patience, min_delta
