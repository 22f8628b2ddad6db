"""nnfs_lib.fast computes what the plain code computes: each trick against its plain form.

The optimizers run the kernels of nnfs_lib.fast by default (``fused=True``); ``fused=False``
runs the equation the pages show. The backward that skips the data's gradient
(``backward_to_parameters``) gives the bits of the full backward.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.layers import BatchNorm, Dense, Parameter, ReLU, Residual, Sequential, Tanh
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.optimizers import Adam, AdamW, RMSProp
from nnfs_lib.training import train_step

STEPS = 50
RTOL = {np.float32: 1e-5, np.float64: 1e-12}
"""The documented tolerance of the in-place optimizers (the rounding order differs):
each entry within RTOL of the largest entry of its array."""


def assert_close(actual: np.ndarray, desired: np.ndarray, dtype: type) -> None:
    scale = RTOL[dtype] * np.abs(desired).max()
    np.testing.assert_allclose(actual, desired, rtol=0, atol=scale)


PAIRS = {
    "adam": (Adam, {"lr": 0.01}),
    "adam-options": (Adam, {"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-3, "weight_decay": 0.1}),
    "adamw": (AdamW, {"lr": 0.05, "weight_decay": 0.1}),
    "rmsprop": (RMSProp, {"lr": 0.01}),
    "rmsprop-options": (RMSProp, {"lr": 0.02, "rho": 0.9, "eps": 1e-3, "weight_decay": 0.05}),
}  # fmt: skip


def _twins(rng: np.random.Generator, dtype: type) -> tuple[list[Parameter], list[Parameter]]:
    shapes = [(5, 4), (4,), (3, 3)]
    plain = [Parameter(rng.standard_normal(s).astype(dtype), f"p{i}") for i, s in enumerate(shapes)]
    fast = [Parameter(p.data.copy(), p.name) for p in plain]
    return plain, fast


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", list(PAIRS))
def test_in_place_optimizer_equals_plain_over_many_steps(case, dtype, rng) -> None:
    Optimizer, kwargs = PAIRS[case]
    plain, fast = _twins(rng, dtype)
    a, b = Optimizer(plain, fused=False, **kwargs), Optimizer(fast, **kwargs)
    assert b.fused and not a.fused  # the default is the in-place form
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
    opt = Adam(fast, lr=0.01)
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
def test_backward_to_parameters_gives_the_same_bits(dtype, rng) -> None:
    X = rng.standard_normal((16, 6)).astype(dtype)
    y = rng.integers(0, 3, 16)
    plain, fast = _network(dtype, 0), _network(dtype, 0)
    loss = SoftmaxCrossEntropy()
    loss.forward(plain.forward(X), y)
    plain.backward(loss.backward())
    loss.forward(fast.forward(X), y)
    assert fast.backward_to_parameters(loss.backward()) is None
    for p, q in zip(plain.parameters(), fast.parameters(), strict=True):
        np.testing.assert_array_equal(q.grad, p.grad)


@pytest.mark.parametrize(
    "first",
    [lambda: ReLU(), lambda: Residual(Sequential([Tanh(), Dense(3, 3, 1, dtype=np.float64)]))],
    ids=["activation", "residual"],
)
def test_backward_to_parameters_when_the_first_layer_is_not_dense(first, rng) -> None:
    X = rng.standard_normal((4, 3))
    plain = Sequential([first(), Dense(3, 2, 0, dtype=np.float64)])
    fast = Sequential([first(), Dense(3, 2, 0, dtype=np.float64)])
    for p, q in zip(plain.parameters(), fast.parameters(), strict=True):
        q.data[...] = p.data
    dZ = rng.standard_normal((4, 2))
    plain.forward(X)
    plain.backward(dZ)
    fast.forward(X)
    fast.backward_to_parameters(dZ)
    for p, q in zip(plain.parameters(), fast.parameters(), strict=True):
        np.testing.assert_array_equal(q.grad, p.grad)


def test_the_training_step_skips_the_first_layers_input_gradient(rng, monkeypatch) -> None:
    """train_step never computes dJ/dX of the data: the first Dense layer's backward is not run."""
    model = build_mlp([4, 5, 3], 0, dtype=np.float64)
    calls = []
    monkeypatch.setattr(model[0], "backward", lambda dZ: calls.append(dZ))
    train_step(model, SoftmaxCrossEntropy(), Adam(model.parameters()), rng.normal(size=(6, 4)),
               rng.integers(0, 3, 6))  # fmt: skip
    assert calls == []
    assert np.abs(model[0].W.grad).sum() > 0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_default_training_equals_the_plain_equations(dtype, rng) -> None:
    """train_step + Adam (fused, no dX) against the page's forms: full backward and Adam's equation."""
    X = rng.standard_normal((64, 6)).astype(dtype)
    y = rng.integers(0, 3, 64)
    plain, fast = build_mlp([6, 16, 3], 0, dtype=dtype), build_mlp([6, 16, 3], 0, dtype=dtype)
    a, b = Adam(plain.parameters(), lr=0.01, fused=False), Adam(fast.parameters(), lr=0.01)
    loss = SoftmaxCrossEntropy()
    for start in range(0, 64, 8):
        rows = slice(start, start + 8)
        J_plain = loss.forward(plain.forward(X[rows]), y[rows])
        plain.backward(loss.backward())
        a.step()
        J_fast = train_step(fast, loss, b, X[rows], y[rows])
        assert J_fast == pytest.approx(J_plain, rel=RTOL[dtype])
    for p, q in zip(plain.parameters(), fast.parameters(), strict=True):
        assert_close(q.data, p.data, dtype)
