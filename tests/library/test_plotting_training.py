"""Tests of nnfs_lib.plotting.training: Part I's figures of a neuron being trained.

The histories are built by hand as nnfs_lib.training.History documents them
(entry 0 before training, ``parameters[k] = [W (2, 1), b (1,)]``), so these
tests do not depend on the training loop.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from nnfs_lib.data.toy import xor_truth_table
from nnfs_lib.plotting.boundary import CLASS_COLOURS
from nnfs_lib.plotting.training import (
    animate_decision_boundary,
    plot_learning_rate_comparison,
    plot_separating_attempts,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def data(rng) -> tuple[np.ndarray, np.ndarray]:
    X = rng.standard_normal((30, 2))
    return X, (X[:, 0] + X[:, 1] >= 0).astype(int)


def _neuron_history(weights: list[tuple[float, float, float]]) -> SimpleNamespace:
    """One entry per epoch: (w1, w2, b) and a made-up falling cost."""
    n = len(weights)
    return SimpleNamespace(
        train_loss=[0.7 / (k + 1) for k in range(n)],
        train_accuracy=[0.5 + 0.5 * k / (n - 1) for k in range(n)],
        updates=list(range(n)),
        parameters=[[np.array([[w1], [w2]]), np.array([b])] for w1, w2, b in weights],
        diverged=False,
        stopped_epoch=None,
    )


# ---------------------------------------------------------------- the animation
def test_animation_shows_every_recorded_epoch_up_to_max_frames(data) -> None:
    X, y = data
    history = _neuron_history([(1.0, 1.0, 0.0)] * 5)
    before = len(plt.get_fignums())
    page = animate_decision_boundary(X, y, history, max_frames=40, steps=10, dpi=20)
    assert page.count("data:image/png;base64") == 5  # epochs 0..4
    assert len(plt.get_fignums()) == before  # its figure is closed
    page = animate_decision_boundary(X, y, history, max_frames=3, steps=10, dpi=20)
    assert page.count("data:image/png;base64") == 3  # epochs 0, 2, 4


def test_animation_describes_the_first_and_last_epoch(data) -> None:
    X, y = data
    history = _neuron_history([(1.0, 1.0, 0.0)] * 5)
    page = animate_decision_boundary(X, y, history, max_frames=3, steps=10, dpi=20)
    alt = re.search(r'alt="([^"]*)"', page).group(1)
    assert "epoch 0 (cost 0.700)" in alt and "epoch 4 (cost 0.140)" in alt
    page = animate_decision_boundary(X, y, history, max_frames=2, steps=10, dpi=20, alt="Moves.")
    assert 'alt="Moves."' in page


def test_animation_frames_shade_by_the_neuron_of_that_epoch(data, monkeypatch) -> None:
    """Each frame's title and line come from that epoch's parameters and cost."""
    X, y = data
    history = _neuron_history([(0.0, 1.0, 0.0), (1.0, 1.0, -1.0)])
    drawn = []
    from nnfs_lib.plotting import training

    real_predict = training.neuron_predict

    def spy(P, w, b):
        drawn.append((w.copy(), b))
        return real_predict(P, w, b)

    monkeypatch.setattr(training, "neuron_predict", spy)
    animate_decision_boundary(X, y, history, max_frames=2, steps=10, dpi=20)
    weights = {(tuple(w), b) for w, b in drawn}
    assert weights == {((0.0, 1.0), 0.0), ((1.0, 1.0), -1.0)}


def test_animation_rejects_a_history_without_parameters(data) -> None:
    X, y = data
    history = _neuron_history([(1.0, 1.0, 0.0)] * 2)
    history.parameters = None
    with pytest.raises(ValueError, match=r"history must hold parameters \[W of shape \(2, 1\)"):
        animate_decision_boundary(X, y, history)
    history.parameters = [[np.ones((3, 1)), np.zeros(1)]]
    with pytest.raises(ValueError, match="history must hold parameters"):
        animate_decision_boundary(X, y, history)


def test_animation_rejects_one_frame(data) -> None:
    X, y = data
    with pytest.raises(ValueError, match="max_frames must be >= 2"):
        animate_decision_boundary(X, y, _neuron_history([(1.0, 1.0, 0.0)] * 2), max_frames=1)


# ---------------------------------------------------------------- learning rates
def test_learning_rate_comparison_linear_and_log_panels_and_the_start() -> None:
    runs = {0.1: _neuron_history([(1, 1, 0)] * 3), 5.0: _neuron_history([(1, 1, 0)] * 4)}
    fig = plot_learning_rate_comparison(runs)
    left, right = fig.axes
    assert left.get_yscale() == "linear" and right.get_yscale() == "log"
    labels = [t.get_text() for t in left.get_legend().get_texts()]
    assert labels == [r"$\eta$ = 0.1", r"$\eta$ = 5"]
    assert right.get_legend() is None
    for ax in (left, right):
        dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
        assert len(dotted) == 1 and dotted[0].get_ydata()[0] == pytest.approx(0.7)


def test_learning_rate_comparison_rejects_empty() -> None:
    with pytest.raises(TypeError, match="histories must be a non-empty mapping"):
        plot_learning_rate_comparison({})


# ---------------------------------------------------------------- separating lines
def test_separating_attempts_count_the_errors_in_the_legend() -> None:
    Xx, yx = xor_truth_table()
    _fig, ax = plt.subplots()
    plot_separating_attempts(ax, Xx, yx, {"A": ((1.0, 1.0), -0.5), "B": ((1.0, -1.0), 0.5)})
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    # A: class 1 where x1 + x2 >= 0.5 -> (1, 1) wrong; B: x1 - x2 + 0.5 >= 0 -> 3 wrong
    assert labels == ["A: 1 wrong", "B: 3 wrong", "class 0", "class 1"]
    assert [to_hex(c.get_facecolor()[0]) for c in ax.collections] == list(CLASS_COLOURS[:2])
    assert [line.get_linestyle() for line in ax.get_lines()] == ["-", "--"]  # apart in grey


def test_separating_attempts_reject_a_vertical_line() -> None:
    Xx, yx = xor_truth_table()
    _fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="must have two weights with w2 != 0"):
        plot_separating_attempts(ax, Xx, yx, {"A": ((1.0, 0.0), -0.5)})
    with pytest.raises(TypeError, match="lines must be a non-empty mapping"):
        plot_separating_attempts(ax, Xx, yx, {})
