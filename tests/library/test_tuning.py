from __future__ import annotations

import math

import numpy as np
import pytest

from nnfs_lib.data.splits import train_val_test_split
from nnfs_lib.data.toy import make_spiral
from nnfs_lib.diagnostics import expected_initial_loss, update_ratios
from nnfs_lib.layers.activation import ReLU
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import SGD
from nnfs_lib.tuning import (
    Choice,
    LogUniform,
    Uniform,
    grid_search,
    lr_range_test,
    over_seeds,
    random_search,
)


def test_split_sizes_disjoint_complete_and_reproducible():
    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20)
    s = train_val_test_split(X, y, rng=0, val_fraction=0.25, test_fraction=0.2)
    assert s.sizes() == (11, 5, 4)
    ids = np.concatenate([s.y_train, s.y_val, s.y_test])
    assert sorted(ids.tolist()) == list(range(20))
    np.testing.assert_array_equal(s.X_train[:, 0], 2 * s.y_train)  # rows stay paired
    s2 = train_val_test_split(X, y, rng=0, val_fraction=0.25, test_fraction=0.2)
    np.testing.assert_array_equal(s.y_test, s2.y_test)


def test_split_errors():
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(ValueError, match="leave no training rows"):
        train_val_test_split(X, y, 0, val_fraction=0.5, test_fraction=0.5)
    with pytest.raises(ValueError, match="same number of rows"):
        train_val_test_split(X, y[:5], 0)
    with pytest.raises(ValueError, match="val_fraction must be in"):
        train_val_test_split(X, y, 0, val_fraction=1.2)


def test_grid_search_tries_every_combination_best_first():
    calls = []

    def objective(a, b):
        calls.append((a, b))
        return -((a - 2) ** 2) - (b - 1) ** 2

    results = grid_search(objective, {"a": [1, 2, 3], "b": [0, 1]})
    assert len(calls) == 6
    assert results[0] == {"a": 2, "b": 1, "score": 0.0}
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_random_search_samples_reproducibly_in_range():
    space = {"lr": LogUniform(1e-4, 1e-1), "p": Uniform(0.0, 0.5), "w": Choice((16, 32))}
    a = random_search(lambda lr, p, w: lr, space, n_trials=20, rng=3)
    b = random_search(lambda lr, p, w: lr, space, n_trials=20, rng=3)
    assert a == b and len(a) == 20
    for r in a:
        assert 1e-4 <= r["lr"] <= 1e-1 and 0 <= r["p"] <= 0.5 and r["w"] in (16, 32)


def test_log_uniform_is_uniform_in_log():
    rng = np.random.default_rng(0)
    logs = np.log10([LogUniform(1e-4, 1.0).sample(rng) for _ in range(4000)])
    # a quarter of the draws in each decade
    counts = np.histogram(logs, bins=[-4, -3, -2, -1, 0])[0] / 4000
    np.testing.assert_allclose(counts, 0.25, atol=0.03)


def test_distribution_errors():
    with pytest.raises(ValueError, match="LogUniform needs 0 < low < high"):
        LogUniform(0.0, 1.0)
    with pytest.raises(ValueError, match="Uniform needs low < high"):
        Uniform(1.0, 1.0)
    with pytest.raises(ValueError, match="grid must name"):
        grid_search(lambda: 0.0, {})


def test_over_seeds_mean_and_sample_std():
    summary = over_seeds(lambda seed: [1.0, 2.0, 3.0][seed], seeds=[0, 1, 2])
    assert summary.mean == 2.0 and summary.std == 1.0
    assert summary.format(1) == "2.0 ± 1.0"
    assert over_seeds(lambda s: 0.5, [0]).std == 0.0


def test_lr_range_test_is_geometric_and_stops_on_divergence():
    X, y = make_spiral(30, 3, rng=0)
    m = Sequential([Dense(2, 16, 0), ReLU(), Dense(16, 3, 1)])
    lrs, costs = lr_range_test(
        m,
        SoftmaxCrossEntropy(),
        SGD(m.parameters(), lr=1e-3),
        X,
        y,
        lr_min=1e-3,
        lr_max=1e3,
        steps=61,
        batch_size=30,
    )
    np.testing.assert_allclose(lrs[:3], [1e-3, 10 ** (-3 + 0.1), 10 ** (-3 + 0.2)])
    assert len(lrs) == len(costs) < 61  # a learning rate of 1000 diverges before the end
    assert costs[-1] > 4 * costs.min() or not np.isfinite(costs[-1])


def test_update_ratios_for_sgd_are_lr_times_gradient_over_weight_norm():
    X, y = make_spiral(10, 3, rng=0)
    m = Sequential([Dense(2, 4, 0), ReLU(), Dense(4, 3, 1)])
    W0 = m[0].W.data.copy()
    ratios = update_ratios(m, SoftmaxCrossEntropy(), SGD(m.parameters(), lr=0.1), X, y)
    expected = 0.1 * np.linalg.norm(m[0].W.grad) / np.linalg.norm(W0)
    assert ratios["0_dense.W"] == pytest.approx(expected, rel=1e-5)
    assert ratios["2_dense.b"] == math.inf  # biases start at zero


def test_expected_initial_loss():
    assert expected_initial_loss(10) == pytest.approx(2.302585092994046)
    with pytest.raises(ValueError, match="n_classes must be >= 2"):
        expected_initial_loss(1)


def test_run_experiment_trains_and_scores():
    from nnfs_lib.metrics import accuracy
    from nnfs_lib.tuning import run_experiment

    X, y = make_spiral(60, 3, rng=0, noise=0.1)
    split = train_val_test_split(X, y, rng=0)
    result = run_experiment(
        split, [2, 32, 3], optimizer="adam", lr=0.02, batchnorm=True, epochs=30, seed=1
    )
    assert result.history.epochs == 30 and result.seconds > 0
    # It trained: the training cost fell well below its start (log 3 for three classes) ...
    assert result.history.train_loss[-1] < 0.75 * result.history.train_loss[0]
    # ... and the scores are the trained model's accuracies on the validation and test parts.
    assert result.val_accuracy == accuracy(result.model, split.X_val, split.y_val)
    assert result.test_accuracy == accuracy(result.model, split.X_test, split.y_test)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        run_experiment(split, [2, 3], optimizer="lbfgs")
