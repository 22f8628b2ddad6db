"""nnfs_lib.fast computes what the plain code computes: each trick against its plain form."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.fast import (
    FastAdam,
    FastRMSProp,
    backward_without_input_gradient,
    fast_train_step,
)
from nnfs_lib.layers import BatchNorm, Dense, Parameter, ReLU
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import Adam, RMSProp
from nnfs_lib.training import train_step

STEPS = 50
RTOL = {np.float32: 1e-5, np.float64: 1e-12}
"""The documented tolerance of the in-place optimizers (the rounding order differs):
each entry within RTOL of the largest entry of its array."""


def assert_close(actual: np.ndarray, desired: np.ndarray, dtype: type) -> None:
    scale = RTOL[dtype] * np.abs(desired).max()
    np.testing.assert_allclose(actual, desired, rtol=0, atol=scale)


PAIRS = {
    "adam": (Adam, FastAdam, {"lr": 0.01}),
    "adam-options": (Adam, FastAdam, {"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-3,
                                      "weight_decay": 0.1}),
    "rmsprop": (RMSProp, FastRMSProp, {"lr": 0.01}),
    "rmsprop-options": (RMSProp, FastRMSProp, {"lr": 0.02, "rho": 0.9, "eps": 1e-3,
                                               "weight_decay": 0.05}),
}  # fmt: skip


def _twins(rng: np.random.Generator, dtype: type) -> tuple[list[Parameter], list[Parameter]]:
    shapes = [(5, 4), (4,), (3, 3)]
    plain = [Parameter(rng.standard_normal(s).astype(dtype), f"p{i}") for i, s in enumerate(shapes)]
    fast = [Parameter(p.data.copy(), p.name) for p in plain]
    return plain, fast


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", list(PAIRS))
def test_in_place_optimizer_equals_plain_over_many_steps(case, dtype, rng) -> None:
    Plain, Fast, kwargs = PAIRS[case]
    plain, fast = _twins(rng, dtype)
    a, b = Plain(plain, **kwargs), Fast(fast, **kwargs)
    for _ in range(STEPS):
        for p, q in zip(plain, fast, strict=True):
            g = (rng.standard_normal(p.shape) * rng.choice([1e-3, 1.0, 10.0])).astype(dtype)
            p.grad[...] = g
            q.grad[...] = g
        a.step()
        b.step()
    for i, (p, q) in enumerate(zip(plain, fast, strict=True)):
        assert q.data.dtype == dtype
        assert_close(q.data, p.data, dtype)
        assert set(a.state[i]) == set(b.state[i])
        for key in a.state[i]:
            assert_close(b.state[i][key], a.state[i][key], dtype)
    assert a.t == b.t == STEPS


def test_in_place_optimizer_allocates_its_scratch_once(rng) -> None:
    _, fast = _twins(rng, np.float64)
    opt = FastAdam(fast, lr=0.01)
    state_arrays = []
    for _ in range(3):
        for q in fast:
            q.grad[...] = 1.0
        opt.step()
        state_arrays.append([id(a) for s in opt.state.values() for a in s.values()])
        state_arrays[-1] += [id(w) for w in opt._scratch.values()]
    assert state_arrays[0] == state_arrays[1] == state_arrays[2]


def _network(dtype: type, seed: int) -> Sequential:
    return Sequential(
        [
            Dense(6, 8, seed, dtype=dtype),
            BatchNorm(8, dtype=dtype),
            ReLU(),
            Dense(8, 3, seed + 1, dtype=dtype),
        ]
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_backward_without_input_gradient_gives_the_same_bits(dtype, rng) -> None:
    X = rng.standard_normal((16, 6)).astype(dtype)
    y = rng.integers(0, 3, 16)
    plain, fast = _network(dtype, 0), _network(dtype, 0)
    loss = SoftmaxCrossEntropy()
    loss.forward(plain.forward(X), y)
    plain.backward(loss.backward())
    loss.forward(fast.forward(X), y)
    assert backward_without_input_gradient(fast, loss.backward()) is None
    for p, q in zip(plain.parameters(), fast.parameters(), strict=True):
        np.testing.assert_array_equal(q.grad, p.grad)


def test_backward_without_input_gradient_when_the_first_layer_is_not_dense(rng) -> None:
    X = rng.standard_normal((4, 3))
    plain = Sequential([ReLU(), Dense(3, 2, 0, dtype=np.float64)])
    fast = Sequential([ReLU(), Dense(3, 2, 0, dtype=np.float64)])
    dZ = rng.standard_normal((4, 2))
    plain.forward(X)
    plain.backward(dZ)
    fast.forward(X)
    backward_without_input_gradient(fast, dZ)
    np.testing.assert_array_equal(fast[1].W.grad, plain[1].W.grad)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fast_train_step_equals_train_step(dtype, rng) -> None:
    X = rng.standard_normal((64, 6)).astype(dtype)
    y = rng.integers(0, 3, 64)
    plain, fast = build_mlp([6, 16, 3], 0, dtype=dtype), build_mlp([6, 16, 3], 0, dtype=dtype)
    a, b = Adam(plain.parameters(), lr=0.01), FastAdam(fast.parameters(), lr=0.01)
    loss = SoftmaxCrossEntropy()
    for start in range(0, 64, 8):
        rows = slice(start, start + 8)
        J_plain = train_step(plain, loss, a, X[rows], y[rows])
        J_fast = fast_train_step(fast, loss, b, X[rows], y[rows])
        assert J_fast == pytest.approx(J_plain, rel=RTOL[dtype])
    for p, q in zip(plain.parameters(), fast.parameters(), strict=True):
        assert_close(q.data, p.data, dtype)
