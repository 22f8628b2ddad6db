"""Hyperparameter tuning: data splits, grid and random search, the learning-rate range test,
and results over several seeds reported as mean ± standard deviation.

Every function takes its randomness from an explicit ``numpy.random.Generator``
(or an integer seed), so a tuning run is reproducible.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nnfs_lib.data.splits import Split
from nnfs_lib.layers import Sequential
from nnfs_lib.losses import Loss, SoftmaxCrossEntropy
from nnfs_lib.metrics import accuracy
from nnfs_lib.models import build_mlp
from nnfs_lib.optimizers import OPTIMIZERS, Optimizer
from nnfs_lib.training import EarlyStopping, History, fit, minibatches, train_step
from nnfs_lib.validation import (
    Array,
    OneOf,
    Scalar,
    callback,
    check_consistent_length,
    check_scalar,
    generator,
    validate,
)


def _hyperparameter_grid(name: str, grid: object) -> Mapping:
    """Declared check: a grid naming at least one hyperparameter, each with a value."""
    if not grid:
        raise ValueError(f"{name} must name at least one hyperparameter")
    for key, values in grid.items():
        if len(values) == 0:
            raise ValueError(f"{name}[{key!r}] must list at least one value")
    return grid


def _hyperparameter_space(name: str, space: object) -> Mapping:
    """Declared check: a space naming at least one hyperparameter."""
    if not space:
        raise ValueError(f"{name} must name at least one hyperparameter")
    return space


def _seeds(name: str, seeds: object) -> list:
    """Declared check: at least one seed, as a list."""
    seeds = list(seeds)
    if not seeds:
        raise ValueError(f"{name} must not be empty")
    return seeds


@validate(objective=callback, grid=_hyperparameter_grid)
def grid_search(
    objective: Callable[..., float], grid: Mapping[str, Sequence[object]]
) -> list[dict[str, object]]:
    """Evaluate ``objective(**config)`` at every combination of the values in ``grid``.

    Returns one dict per configuration, holding its values and ``"score"``,
    sorted from the highest score to the lowest (score = higher is better,
    e.g. validation accuracy).
    """
    names = list(grid)
    results = []
    for values in itertools.product(*(grid[name] for name in names)):
        config = dict(zip(names, values, strict=True))
        results.append({**config, "score": float(objective(**config))})
    return sorted(results, key=lambda r: -r["score"])


@dataclass(frozen=True)
class LogUniform:
    """Values whose logarithm is uniform on [log low, log high]: right for learning rates."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not 0 < self.low < self.high:
            raise ValueError(f"LogUniform needs 0 < low < high; got {self.low}, {self.high}")

    def sample(self, rng: np.random.Generator) -> float:
        return float(math.exp(rng.uniform(math.log(self.low), math.log(self.high))))


@dataclass(frozen=True)
class Uniform:
    """Values uniform on [low, high]."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not self.low < self.high:
            raise ValueError(f"Uniform needs low < high; got {self.low}, {self.high}")

    def sample(self, rng: np.random.Generator) -> float:
        return float(rng.uniform(self.low, self.high))


@dataclass(frozen=True)
class Choice:
    """One of a finite list of values, each equally likely."""

    values: tuple[object, ...]

    def __post_init__(self) -> None:
        if len(self.values) == 0:
            raise ValueError("Choice needs at least one value")

    def sample(self, rng: np.random.Generator) -> object:
        return self.values[int(rng.integers(len(self.values)))]


@validate(
    objective=callback, space=_hyperparameter_space, n_trials=Scalar(int, low=1), rng=generator
)
def random_search(
    objective: Callable[..., float],
    space: Mapping[str, LogUniform | Uniform | Choice],
    n_trials: int,
    rng: np.random.Generator | int,
) -> list[dict[str, object]]:
    """Evaluate ``objective`` at ``n_trials`` configurations drawn independently from ``space``.

    Returns the results like :func:`grid_search`: best score first.
    """
    results = []
    for _ in range(n_trials):
        config = {name: dist.sample(rng) for name, dist in space.items()}
        results.append({**config, "score": float(objective(**config))})
    return sorted(results, key=lambda r: -r["score"])


def _rows_and_rates(arguments: dict) -> None:
    """:func:`lr_range_test`'s check of its arguments together: ``y`` (as an array) has a
    row per row of ``X``, and ``lr_max > lr_min``."""
    arguments["y"] = np.asarray(arguments["y"])
    check_consistent_length(X=arguments["X"], y=arguments["y"])
    arguments["lr_max"] = check_scalar(
        "lr_max", arguments["lr_max"], low=arguments["lr_min"], closed="neither"
    )


@validate(
    _rows_and_rates,
    X=Array(ndim=2),
    lr_min=Scalar(low=0.0, closed="neither"),
    steps=Scalar(int, low=2),
    batch_size=Scalar(int, low=1),
    stop_factor=Scalar(low=1.0),
    rng=generator,
)
def lr_range_test(
    model: Sequential,
    loss: Loss,
    optimizer: Optimizer,
    X: np.ndarray,
    y: np.ndarray,
    *,
    lr_min: float = 1e-5,
    lr_max: float = 1.0,
    steps: int = 100,
    batch_size: int = 64,
    rng: np.random.Generator | int = 0,
    stop_factor: float = 4.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Smith's learning-rate range test: raise ``lr`` geometrically, one :func:`train_step` per batch.

    Step :math:`k` uses :math:`\eta_k = \eta_{\min} (\eta_{\max}/\eta_{\min})^{k/(K-1)}`
    and records the cost of its batch (computed before its update). The batches
    are those of :func:`~nnfs_lib.training.minibatches`, epoch after epoch. The
    test stops after the first step whose cost is not finite or exceeds
    ``stop_factor`` times the best cost so far (training diverged). The model
    and optimizer are changed: build fresh ones for real training.

    Returns ``(lrs, costs)``, two arrays of the same length (at most ``steps``).
    """
    lrs = lr_min * (lr_max / lr_min) ** (np.arange(steps) / (steps - 1))
    batches = itertools.chain.from_iterable(
        minibatches(len(X), batch_size, rng) for _ in itertools.count()
    )
    costs: list[float] = []
    model.train()
    for lr, rows in zip(lrs, batches, strict=False):
        optimizer.lr = float(lr)
        with np.errstate(over="ignore", invalid="ignore"):
            costs.append(train_step(model, loss, optimizer, X[rows], y[rows]))
        if not np.isfinite(costs[-1]) or costs[-1] > stop_factor * min(costs):
            break
    return lrs[: len(costs)], np.array(costs)


@dataclass(frozen=True)
class SeedSummary:
    """A measurement repeated over seeds: the values, their mean and standard deviation."""

    values: tuple[float, ...]

    @property
    def mean(self) -> float:
        return float(np.mean(self.values))

    @property
    def std(self) -> float:
        """Sample standard deviation (divide by ``n - 1``); 0 for a single seed."""
        if len(self.values) < 2:
            return 0.0
        return float(np.std(self.values, ddof=1))

    def format(self, digits: int = 2, scale: float = 1.0) -> str:
        """E.g. ``"97.31 ± 0.42"`` (with ``scale=100`` for a fraction shown as a percentage)."""
        return f"{self.mean * scale:.{digits}f} ± {self.std * scale:.{digits}f}"

    def __str__(self) -> str:
        return self.format()


@validate(run=callback, seeds=_seeds)
def over_seeds(run: Callable[[int], float], seeds: Iterable[int]) -> SeedSummary:
    """Call ``run(seed)`` for each seed and summarize the numbers it returns."""
    return SeedSummary(tuple(float(run(seed)) for seed in seeds))


@dataclass
class Experiment:
    """The outcome of :func:`run_experiment`: the trained model, its history and scores."""

    model: Sequential
    history: History
    val_accuracy: float
    test_accuracy: float
    seconds: float


def run_experiment(
    split: Split,
    sizes: Sequence[int],
    *,
    optimizer: str = "adam",
    lr: float = 1e-3,
    batchnorm: bool = False,
    dropout: float = 0.0,
    init: str = "he_normal",
    weight_decay: float = 0.0,
    epochs: int = 10,
    batch_size: int = 32,
    seed: int = 0,
    early_stopping: EarlyStopping | None = None,
) -> Experiment:
    """Build a :func:`~nnfs_lib.models.build_mlp`, train it on ``split`` and score it.

    One call = one row of a tuning or ablation table: the network
    ``sizes`` (with optional batch norm and dropout), the optimizer named
    ``optimizer`` (a key of :data:`~nnfs_lib.optimizers.OPTIMIZERS`; ``"momentum"``
    uses mu = 0.9) at rate ``lr``, trained with softmax cross-entropy for
    ``epochs`` epochs, everything random drawn from ``seed``. Returns the
    final validation and test accuracies (inference mode) and the wall time.
    """
    OneOf(OPTIMIZERS)("optimizer", optimizer)  # not a boundary: build_mlp and fit check the rest
    started = time.perf_counter()
    model = build_mlp(sizes, seed, init=init, batchnorm=batchnorm, dropout=dropout)
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr, weight_decay=weight_decay)
    history = fit(
        model,
        SoftmaxCrossEntropy(),
        opt,
        split.X_train,
        split.y_train,
        epochs=epochs,
        batch_size=batch_size,
        rng=seed,
        X_val=split.X_val,
        y_val=split.y_val,
        evaluate=True,
        early_stopping=early_stopping,
    )
    return Experiment(
        model=model,
        history=history,
        val_accuracy=accuracy(model, split.X_val, split.y_val),
        test_accuracy=accuracy(model, split.X_test, split.y_test),
        seconds=time.perf_counter() - started,
    )
