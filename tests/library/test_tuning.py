from __future__ import annotations

import time
import warnings

import numpy as np
import pytest

from nnfs_lib.data.splits import train_val_test_split
from nnfs_lib.data.toy import make_spiral
from nnfs_lib.layers import Sequential
from nnfs_lib.layers.activation import ReLU
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp
from nnfs_lib.optimizers import OPTIMIZERS, SGD
from nnfs_lib.training import EarlyStopping, fit, minibatches
from nnfs_lib.tuning import (
    Choice,
    LogUniform,
    Uniform,
    grid_search,
    lr_range_test,
    over_seeds,
    random_search,
    run_experiment,
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


# Promises found unheld by mutation testing (issue 11, item 6) --------------------------------


class ScriptedLoss:
    """A loss whose batch costs follow a script and whose gradient is zero (the model stays put).

    It records the labels of every batch it sees, so a test can tell which rows each step used.
    """

    def __init__(self, costs):
        self.costs, self.batches = list(costs), []

    def forward(self, output, y):
        self.batches.append(np.asarray(y).copy())
        self.output = output
        return self.costs.pop(0) if self.costs else 1.0

    def backward(self):
        return np.zeros_like(self.output)


def linear_model():
    return Sequential([Dense(2, 3, 0)])


def range_test(loss, n=100, **kwargs):
    X = np.arange(2.0 * n, dtype=np.float32).reshape(n, 2)
    m = linear_model()
    return lr_range_test(m, loss, SGD(m.parameters(), lr=1e-3), X, np.arange(n), **kwargs)


def test_lr_range_test_defaults_run_every_step_from_1e_5_to_1():
    lrs, costs = range_test(ScriptedLoss([]), n=100)
    assert len(lrs) == len(costs) == 100  # steps=100, nothing diverges
    np.testing.assert_allclose(lrs, 1e-5 * (1.0 / 1e-5) ** (np.arange(100) / 99))
    assert lrs[0] == pytest.approx(1e-5) and lrs[-1] == pytest.approx(1.0)


def test_lr_range_test_default_batches_are_64_rows_shuffled_with_seed_0():
    default, explicit = ScriptedLoss([]), ScriptedLoss([])
    range_test(default, n=100, steps=4)
    range_test(explicit, n=100, steps=4, batch_size=64, rng=0)
    assert [len(b) for b in default.batches] == [64, 36, 64, 36]
    for a, b in zip(default.batches, explicit.batches, strict=True):
        np.testing.assert_array_equal(a, b)


def test_lr_range_test_batches_are_those_of_minibatches_epoch_after_epoch():
    loss = ScriptedLoss([])
    range_test(loss, n=10, steps=7, batch_size=4, rng=5)
    rng = np.random.default_rng(5)
    expected = minibatches(10, 4, rng) + minibatches(10, 4, rng) + minibatches(10, 4, rng)
    assert len(loss.batches) == 7
    for seen, rows in zip(loss.batches, expected, strict=False):
        np.testing.assert_array_equal(seen, rows)  # y = arange(n): the labels are the rows


def test_lr_range_test_stops_after_the_first_cost_above_stop_factor_times_the_best():
    # Best 2.0; default stop_factor 4: 8.0 is not above 8.0, 8.5 is, and the test stops there.
    lrs, costs = range_test(ScriptedLoss([3.0, 2.0, 8.0, 8.5, 1.0]), steps=10)
    np.testing.assert_array_equal(costs, [3.0, 2.0, 8.0, 8.5])
    assert len(lrs) == 4
    _, costs = range_test(ScriptedLoss([3.0, 2.0, 8.0, 8.5, 1.0]), steps=10, stop_factor=5.0)
    assert len(costs) == 10
    _, costs = range_test(ScriptedLoss([2.0, 2.0, 2.5]), steps=10, stop_factor=1.0)
    assert len(costs) == 3  # stop_factor=1 is allowed: stop at the first cost above the best
    _, costs = range_test(ScriptedLoss([2.0, np.nan, 1.0]), steps=10)
    assert len(costs) == 2 and np.isnan(costs[-1])


def test_a_diverging_lr_range_test_ends_quietly():
    # The range test is meant to diverge: like fit, it does so without NumPy warnings.
    X, y = make_spiral(30, 3, rng=0)
    X = X.astype(np.float32)
    m = Sequential([Dense(2, 16, 0, dtype=np.float32), ReLU(), Dense(16, 3, 1, dtype=np.float32)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, costs = lr_range_test(m, SoftmaxCrossEntropy(), SGD(m.parameters(), lr=1e-3), X, y,
                                 lr_min=1e30, lr_max=1e38, steps=20, batch_size=90,
                                 stop_factor=1e30)  # fmt: skip
    assert not np.isfinite(costs[-1])


def test_lr_range_test_two_steps_are_lr_min_then_lr_max():
    lrs, _ = range_test(ScriptedLoss([]), steps=2, lr_min=0.01, lr_max=0.1)
    np.testing.assert_allclose(lrs, [0.01, 0.1])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr_min": 0.0}, ValueError, r"^lr_min must be > 0.0; got 0.0"),
        ({"lr_min": -1.0}, ValueError, r"^lr_min must be > 0.0"),
        ({"lr_min": 0.1, "lr_max": 0.1}, ValueError, r"^lr_max must be > 0.1; got 0.1"),
        ({"lr_max": 1e-6}, ValueError, r"^lr_max must be > 1e-05"),
        ({"steps": 1}, ValueError, r"^steps must be >= 2; got 1"),
        ({"steps": 3.0}, TypeError, r"^steps must be an integer"),
        ({"stop_factor": 0.5}, ValueError, r"^stop_factor must be >= 1.0; got 0.5"),
        ({"rng": 1.5}, TypeError, r"^rng must be a numpy.random.Generator"),
    ],
)
def test_lr_range_test_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        range_test(ScriptedLoss([]), **kwargs)


def test_lr_range_test_rejects_bad_data():
    m = linear_model()
    opt = SGD(m.parameters(), lr=1e-3)
    X = np.zeros((10, 2), dtype=np.float32)
    with pytest.raises(ValueError, match=r"^X must have 2 dimension\(s\)"):
        lr_range_test(m, ScriptedLoss([]), opt, X[:, 0], np.zeros(10))
    with pytest.raises(ValueError, match=r"^X must be finite"):
        lr_range_test(m, ScriptedLoss([]), opt, np.full((10, 2), np.nan), np.zeros(10))
    with pytest.raises(ValueError, match=r"^X and y must have the same number of rows"):
        lr_range_test(m, ScriptedLoss([]), opt, X, np.zeros(11))


def test_grid_search_accepts_single_values_and_rejects_empty_lists():
    assert grid_search(lambda a, b: a + b, {"a": [1], "b": [2]}) == [{"a": 1, "b": 2, "score": 3.0}]
    with pytest.raises(ValueError, match=r"^grid\['b'\] must list at least one value"):
        grid_search(lambda a, b: 0.0, {"a": [1], "b": []})
    with pytest.raises(ValueError, match=r"^grid must name at least one hyperparameter"):
        grid_search(lambda: 0.0, {})


def test_random_search_returns_the_best_score_first():
    results = random_search(lambda x: x, {"x": Uniform(0.0, 1.0)}, n_trials=10, rng=0)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]


def test_random_search_one_trial_is_allowed_and_errors_name_the_argument():
    assert len(random_search(lambda x: x, {"x": Choice((1, 2))}, n_trials=1, rng=0)) == 1
    with pytest.raises(ValueError, match=r"^n_trials must be >= 1; got 0"):
        random_search(lambda x: x, {"x": Choice((1, 2))}, n_trials=0, rng=0)
    with pytest.raises(TypeError, match=r"^rng must be a numpy.random.Generator"):
        random_search(lambda x: x, {"x": Choice((1, 2))}, n_trials=1, rng=1.5)
    with pytest.raises(ValueError, match=r"^space must name at least one hyperparameter"):
        random_search(lambda: 0.0, {}, n_trials=1, rng=0)


def test_distributions_need_a_non_empty_range(rng):
    with pytest.raises(ValueError, match=r"^LogUniform needs 0 < low < high"):
        LogUniform(1.0, 1.0)
    with pytest.raises(ValueError, match=r"^Choice needs at least one value"):
        Choice(())
    assert Choice(("only",)).sample(rng) == "only"


def test_seed_summary_format_two_decimals_by_default_and_scale():
    summary = over_seeds(lambda seed: [0.9731, 0.9689][seed], seeds=[0, 1])
    assert str(summary) == summary.format() == "0.97 ± 0.00"
    assert summary.format(2, scale=100) == "97.10 ± 0.30"
    with pytest.raises(ValueError, match=r"^seeds must not be empty"):
        over_seeds(lambda seed: 0.0, [])


def tiny_split():
    X, y = make_spiral(20, 3, rng=0, noise=0.1)
    return train_val_test_split(X, y, rng=0)


def by_hand(split, sizes, *, optimizer, lr, batchnorm, dropout, init, weight_decay, epochs,
            batch_size, seed, early_stopping):  # fmt: skip
    model = build_mlp(sizes, seed, init=init, batchnorm=batchnorm, dropout=dropout)
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr, weight_decay=weight_decay)
    history = fit(model, SoftmaxCrossEntropy(), opt, split.X_train, split.y_train, epochs=epochs,
                  batch_size=batch_size, rng=seed, X_val=split.X_val, y_val=split.y_val,
                  evaluate=True, early_stopping=early_stopping)  # fmt: skip
    return model, history


def assert_same_run(result, model, history):
    assert result.history.train_loss == history.train_loss
    assert len(history.train_loss) == len(history.val_loss) > 1  # evaluated on the whole set
    assert result.history.val_loss == history.val_loss
    assert result.history.best_epoch == history.best_epoch
    for a, b in zip(result.model.parameters(), model.parameters(), strict=True):
        np.testing.assert_array_equal(a.data, b.data)


def test_run_experiment_is_build_mlp_then_fit_with_every_setting_passed_on():
    split = tiny_split()
    settings = dict(optimizer="momentum", lr=0.05, batchnorm=True, dropout=0.2,
                    init="xavier_uniform", weight_decay=0.01, epochs=6, batch_size=8, seed=4)  # fmt: skip
    result = run_experiment(split, [2, 8, 3], **settings, early_stopping=EarlyStopping(1))
    model, history = by_hand(split, [2, 8, 3], **settings, early_stopping=EarlyStopping(1))
    assert_same_run(result, model, history)
    assert result.history.best_epoch is not None  # early stopping was watching


def test_run_experiment_defaults_are_the_documented_ones():
    split = tiny_split()
    started = time.perf_counter()
    result = run_experiment(split, [2, 8, 3])
    elapsed = time.perf_counter() - started
    model, history = by_hand(split, [2, 8, 3], optimizer="adam", lr=1e-3, batchnorm=False,
                             dropout=0.0, init="he_normal", weight_decay=0.0, epochs=10,
                             batch_size=32, seed=0, early_stopping=None)  # fmt: skip
    assert_same_run(result, model, history)
    assert 0 < result.seconds <= elapsed  # the wall time of the call
