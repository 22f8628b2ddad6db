from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.clipping import ClipGradNorm, clip_grad_norm, global_grad_norm
from nnfs_lib.layers import Parameter
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.optimizers import SGD
from nnfs_lib.training import fit, train_step


def params(*grads: list[float], dtype=np.float64) -> list[Parameter]:
    out = []
    for i, g in enumerate(grads):
        p = Parameter(np.zeros(len(g), dtype=dtype), f"p{i}")
        p.grad = np.array(g, dtype=dtype)
        out.append(p)
    return out


def test_hand_case_across_parameters():
    ps = params([3.0], [0.0, 4.0])  # global norm sqrt(9 + 16) = 5
    assert global_grad_norm(ps) == 5.0
    assert clip_grad_norm(ps, 1.0) == 5.0  # the norm BEFORE clipping
    np.testing.assert_allclose(ps[0].grad, [0.6])
    np.testing.assert_allclose(ps[1].grad, [0.0, 0.8])
    assert global_grad_norm(ps) == pytest.approx(1.0)
    ps = params([3.0], [0.0, 4.0])
    assert clip_grad_norm(ps, 4.0) == 5.0  # just above the limit: clipped too
    np.testing.assert_allclose(np.r_[ps[0].grad, ps[1].grad], [2.4, 0.0, 3.2])


def test_small_gradients_are_left_alone():
    ps = params([0.3], [0.4])
    grads = [p.grad for p in ps]
    assert clip_grad_norm(ps, 0.5) == pytest.approx(0.5)
    assert clip_grad_norm(ps, 10.0) == pytest.approx(0.5)
    np.testing.assert_array_equal(ps[0].grad, [0.3])
    assert all(p.grad is g for p, g in zip(ps, grads, strict=True))


def test_clipping_is_in_place_keeps_direction_and_dtype(rng):
    ps = params(list(rng.normal(size=5) * 10), list(rng.normal(size=3) * 10), dtype=np.float32)
    before = [p.grad.copy() for p in ps]
    arrays = [p.grad for p in ps]
    norm = clip_grad_norm(iter(ps), 2.0)  # any iterable, e.g. a generator
    assert norm > 2.0
    assert all(p.grad is a for p, a in zip(ps, arrays, strict=True))
    assert all(p.grad.dtype == np.float32 for p in ps)
    for p, b in zip(ps, before, strict=True):
        np.testing.assert_allclose(p.grad, b * 2.0 / norm, rtol=1e-6)
    assert global_grad_norm(ps) == pytest.approx(2.0, rel=1e-6)


def test_bad_max_norm():
    for bad in (0.0, -1.0):
        with pytest.raises(ValueError, match="max_norm must be > 0"):
            clip_grad_norm(params([1.0]), bad)
        with pytest.raises(ValueError, match="max_norm must be > 0"):
            ClipGradNorm(bad)
    with pytest.raises(TypeError, match="max_norm must be a real number"):
        clip_grad_norm(params([1.0]), "1")


def _net_and_data(rng):
    net = build_mlp([2, 5, 3], rng, dtype=np.float64)
    X = rng.normal(size=(6, 2)) * 30
    y = rng.integers(0, 3, size=6)
    return net, X, y


def test_clipping_transform_clips_between_backward_and_step(rng):
    net, X, y = _net_and_data(rng)
    start = [p.data.copy() for p in net.parameters()]
    clip = ClipGradNorm(0.1)
    J = train_step(net, SoftmaxCrossEntropy(), SGD(net.parameters(), lr=1.0), X, y, [clip])
    assert np.isfinite(J) and len(clip.norms) == 1 and clip.norms[0] > 0.1
    moved = np.sqrt(
        sum(np.sum((p.data - s) ** 2) for p, s in zip(net.parameters(), start, strict=True))
    )
    assert moved == pytest.approx(0.1)  # SGD with lr 1 moves by the clipped gradient


def test_unclipped_transform_changes_nothing_and_records_the_norm(rng):
    net_a, X, y = _net_and_data(rng)
    net_b = build_mlp([2, 5, 3], 0, dtype=np.float64)
    for a, b in zip(net_a.parameters(), net_b.parameters(), strict=True):
        b.data[...] = a.data
    clip = ClipGradNorm(None)
    J_a = train_step(net_a, SoftmaxCrossEntropy(), SGD(net_a.parameters(), lr=0.1), X, y, [clip])
    J_b = train_step(net_b, SoftmaxCrossEntropy(), SGD(net_b.parameters(), lr=0.1), X, y)
    assert J_a == J_b
    for a, b in zip(net_a.parameters(), net_b.parameters(), strict=True):
        np.testing.assert_array_equal(a.data, b.data)
        np.testing.assert_array_equal(a.grad, b.grad)
    assert clip.norms == [pytest.approx(global_grad_norm(net_b.parameters()))]


def test_fit_with_clipping_records_one_norm_per_update(rng):
    net, X, y = _net_and_data(rng)
    clip = ClipGradNorm(1.0)
    history = fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), lr=0.1), X, y,
                  epochs=3, batch_size=2, transforms=[clip])  # fmt: skip
    assert len(clip.norms) == history.updates[-1] == 9
    assert repr(clip) == "ClipGradNorm(max_norm=1.0)"
    assert clip.cost(net) == 0.0  # clipping adds nothing to the cost
