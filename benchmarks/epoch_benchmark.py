"""How fast is from scratch? One training epoch of the same MLP in three libraries.

Trains 784-256-128-10 (ReLU, softmax cross-entropy, Adam, batch 128, float32)
for one epoch over 60,000 rows with

* nnfs_lib, three ways: ``nnfs_lib``, a plain mini-batch loop of the library's
  ``train_step`` with ``Adam`` (its defaults: the in-place Adam, no gradient for
  the data); ``nnfs_lib_fit``, the path a reader writes, ``fit(model, loss,
  Adam(...), X, y, epochs=1, batch_size=128)`` with every default; and
  ``nnfs_lib_equations``, the same loop with the forms the pages show
  (``Adam(fused=False)`` and the full backward, ``dX`` of the first layer included),
* PyTorch on the CPU (skipped with a message when torch is not installed), and
* scikit-learn's ``MLPClassifier`` (same sizes, adam, batch 128),

each in its own process (once PyTorch's OpenMP threads and OpenBLAS's threads
have both run in one process they slow each other down), after a warm-up
epoch, interleaved over several rounds, and reports the median epoch time of
each and the ratios: nnfs_lib and nnfs_lib_fit against PyTorch and
scikit-learn, fit against the plain loop (what ``fit``'s bookkeeping costs) and
the equations against the loop (what the speed tricks of ``nnfs_lib.fast`` buy). It also
measures the machine's matrix-product (GEMM) rate for exactly the products of
one epoch, and reports which fraction of the nnfs_lib epoch that ideal takes
("GEMM at peak"), and how long the book's digits model takes to reach its
accuracy.

The data are random numbers of MNIST's shape: the time of an epoch does not
depend on the values, and nothing is downloaded.

Usage::

    python benchmarks/epoch_benchmark.py                     # full run (a few minutes)
    python benchmarks/epoch_benchmark.py --tiny --json out.json   # seconds: for tests
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("nnfs_lib") is None:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from nnfs_lib import (  # noqa: E402
    Adam,
    SoftmaxCrossEntropy,
    accuracy,
    build_mlp,
    digits_mlp,
    fit,
    minibatches,
    train_step,
)
from nnfs_lib.data import load_digits_split  # noqa: E402


@dataclass
class Config:
    rows: int = 60_000
    sizes: tuple[int, ...] = (784, 256, 128, 10)
    batch: int = 128
    rounds: int = 5
    threads: int = 2
    digits_epochs: int = 30
    seed: int = 0


@dataclass
class Results:
    config: dict
    machine: dict
    epoch_seconds: dict[str, list[float]] = field(default_factory=dict)
    median_seconds: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    gemm: dict[str, float] = field(default_factory=dict)
    digits: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def make_data(config: Config) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(config.seed)
    X = rng.random((config.rows, config.sizes[0]), dtype=np.float32)
    y = rng.integers(0, config.sizes[-1], size=config.rows)
    return X, y


# --- the three contenders: each returns a function that trains one epoch ----------


def nnfs_epoch(config: Config, X: np.ndarray, y: np.ndarray) -> Callable[[], None]:
    """One epoch of a plain loop over the library's batches and ``train_step``, with ``Adam``."""
    rng = np.random.default_rng(config.seed)
    model = build_mlp(config.sizes, rng, init="he_uniform")
    loss = SoftmaxCrossEntropy()
    optimizer = Adam(model.parameters(), lr=1e-3)

    def epoch() -> None:
        for rows in minibatches(len(y), config.batch, rng):
            train_step(model, loss, optimizer, X[rows], y[rows])

    return epoch


def nnfs_fit_epoch(config: Config, X: np.ndarray, y: np.ndarray) -> Callable[[], None]:
    """One epoch the way a reader writes it: ``fit`` with ``Adam`` and every default."""
    model = build_mlp(config.sizes, config.seed, init="he_uniform")
    optimizer = Adam(model.parameters(), lr=1e-3)
    seeds = iter(range(config.seed, config.seed + 1000))

    def epoch() -> None:
        fit(model, SoftmaxCrossEntropy(), optimizer, X, y, epochs=1, batch_size=config.batch,
            rng=next(seeds))  # fmt: skip

    return epoch


def nnfs_equations_epoch(config: Config, X: np.ndarray, y: np.ndarray) -> Callable[[], None]:
    """One epoch with the forms the pages show: the full backward and Adam's equation."""
    rng = np.random.default_rng(config.seed)
    model = build_mlp(config.sizes, rng, init="he_uniform")
    loss = SoftmaxCrossEntropy()
    optimizer = Adam(model.parameters(), lr=1e-3, fused=False)

    def epoch() -> None:
        for rows in minibatches(len(y), config.batch, rng):
            loss.forward(model.forward(X[rows]), y[rows])
            model.backward(loss.backward())
            optimizer.step()

    return epoch


def torch_epoch(config: Config, X: np.ndarray, y: np.ndarray) -> Callable[[], None]:
    import torch

    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    layers: list = []
    for i, (n_in, n_out) in enumerate(zip(config.sizes[:-1], config.sizes[1:], strict=True)):
        layers.append(torch.nn.Linear(n_in, n_out))
        if i < len(config.sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    X_t = torch.from_numpy(X)
    y_t = torch.from_numpy(y)
    generator = torch.Generator().manual_seed(config.seed)

    def epoch() -> None:
        order = torch.randperm(len(y_t), generator=generator)
        for start in range(0, len(y_t), config.batch):
            rows = order[start : start + config.batch]
            optimizer.zero_grad()
            cost = torch.nn.functional.cross_entropy(model(X_t[rows]), y_t[rows])
            cost.backward()
            optimizer.step()

    return epoch


def sklearn_epoch(config: Config, X: np.ndarray, y: np.ndarray) -> Callable[[], None]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=config.sizes[1:-1],
        solver="adam",
        batch_size=config.batch,
        learning_rate_init=1e-3,
        max_iter=1,
        shuffle=True,
        tol=0.0,
        random_state=config.seed,
    )
    classes = np.arange(config.sizes[-1])

    def epoch() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.partial_fit(X, y, classes=classes)

    return epoch


# --- the physical limit: the matrix products of one epoch at the machine's rate -----


def gemm_seconds_per_epoch(config: Config, repeats: int = 30) -> dict[str, float]:
    """Time exactly the matrix products of one epoch (forward, dW and dX), at this machine's rate.

    Per batch and layer: the forward ``A @ W``, the weight gradient ``A.T @ dZ`` and,
    except for the first layer, the input gradient ``dZ @ W.T``.
    """
    rng = np.random.default_rng(1)
    n = config.batch
    operands = []
    for i, (n_in, n_out) in enumerate(zip(config.sizes[:-1], config.sizes[1:], strict=True)):
        A = rng.random((n, n_in), dtype=np.float32)
        W = rng.random((n_in, n_out), dtype=np.float32)
        dZ = rng.random((n, n_out), dtype=np.float32)
        operands.append((i, A, W, dZ))
    flops_per_batch = 0
    for i, _, _, _ in operands:
        n_in, n_out = config.sizes[i], config.sizes[i + 1]
        flops_per_batch += 2 * n * n_in * n_out * (2 if i == 0 else 3)

    def one_batch() -> None:
        for i, A, W, dZ in operands:
            A @ W
            A.T @ dZ
            if i > 0:
                dZ @ W.T

    one_batch()  # warm up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeats):
            one_batch()
        times.append((time.perf_counter() - start) / repeats)
    per_batch = min(times)  # the peak: the best the machine did
    batches = -(-config.rows // config.batch)
    return {
        "seconds_per_epoch": per_batch * batches,
        "gflop_per_epoch": flops_per_batch * batches / 1e9,
        "gflops_rate": flops_per_batch / per_batch / 1e9,
    }


# --- the digits model: time to accuracy -------------------------------------------


def digits_time_to_accuracy(config: Config) -> dict[str, float]:
    """Train the book's digits model (64-256-128-10, batch norm, dropout, Adam); time and accuracy."""
    data = load_digits_split(rng=config.seed)
    model = digits_mlp(config.seed)
    optimizer = Adam(model.parameters(), lr=3e-3)
    start = time.perf_counter()
    fit(
        model,
        SoftmaxCrossEntropy(),
        optimizer,
        data.X_train,
        data.y_train,
        epochs=config.digits_epochs,
        batch_size=64,
        rng=config.seed,
        classification=False,
    )
    seconds = time.perf_counter() - start
    return {
        "train_seconds": seconds,
        "test_accuracy": accuracy(model, data.X_test, data.y_test),
        "epochs": config.digits_epochs,
    }


# --- where the time goes ----------------------------------------------------------


def profile_epoch(config: Config) -> list[tuple[str, float]]:
    """Seconds spent in each part of one nnfs_lib epoch, from cProfile's own-time per function.

    Returns ``(part, seconds)`` rows, largest first. A matrix product has no
    Python frame of its own, so its time is counted in the method that calls
    it: ``Dense.forward`` and ``Dense.backward`` are almost all matrix products.
    """
    import cProfile
    import pstats

    X, y = make_data(config)
    epoch = nnfs_epoch(config, X, y)
    epoch()  # warm up: first-touch allocations and BLAS threads
    profiler = cProfile.Profile()
    profiler.enable()
    epoch()
    profiler.disable()
    stats = pstats.Stats(profiler)
    parts: dict[str, float] = {}
    for (filename, _, function), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        path = Path(filename)
        if "nnfs_lib" in path.parts:
            inside = path.parts[path.parts.index("nnfs_lib") + 1 :]
            key = f"{'/'.join(inside)}: {function}"
        elif path.name == Path(__file__).name:
            key = "the epoch loop (shuffling, slicing batches)"
        else:
            key = "NumPy and Python internals"
        parts[key] = parts.get(key, 0.0) + own
    return sorted(parts.items(), key=lambda item: -item[1])


# --- the run: each library in its own process -------------------------------------

CONTENDERS: dict[str, Callable[[Config, np.ndarray, np.ndarray], Callable[[], None]]] = {
    "nnfs_lib": nnfs_epoch,
    "nnfs_lib_fit": nnfs_fit_epoch,
    "nnfs_lib_equations": nnfs_equations_epoch,
    "pytorch": torch_epoch,
    "sklearn": sklearn_epoch,
}


def time_one_epoch(name: str, config: Config) -> dict[str, object]:
    """In this process: build ``name``'s model, train a warm-up epoch, then time one epoch."""
    X, y = make_data(config)
    epoch = CONTENDERS[name](config, X, y)
    epoch()  # warm-up: first-touch allocations, thread pools, caches
    start = time.perf_counter()
    epoch()
    seconds = time.perf_counter() - start
    module = {"pytorch": "torch", "sklearn": "sklearn"}.get(name, "numpy")
    return {"seconds": seconds, "version": sys.modules[module].__version__}


def run_in_own_process(name: str, config: Config) -> dict[str, object]:
    """:func:`time_one_epoch` in a fresh Python process, its thread pools limited to ``threads``."""
    threads = str(config.threads)
    env = {**os.environ, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads,
           "MKL_NUM_THREADS": threads}  # fmt: skip
    done = subprocess.run(
        [sys.executable, __file__, "--worker", name, "--config", json.dumps(asdict(config))],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the {name} worker failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(config: Config, *, progress: bool = True) -> Results:
    from threadpoolctl import threadpool_info, threadpool_limits

    blas = [
        f"{p.get('internal_api')} {p.get('version')} ({p.get('architecture')})"
        for p in threadpool_info()
        if p.get("user_api") == "blas"
    ]
    results = Results(
        config=asdict(config),
        machine={
            "python": platform.python_version(),
            "numpy": np.__version__,
            "processor": platform.machine(),
            "cores": os.cpu_count() or 0,
            "blas": ", ".join(blas),
        },
    )
    names = list(CONTENDERS)
    if importlib.util.find_spec("torch") is None:
        names.remove("pytorch")
        results.skipped["pytorch"] = "torch is not installed"
    for name in names:
        results.epoch_seconds[name] = []
    for round_ in range(config.rounds):
        for name in names:  # interleaved: a slow moment of the machine hits all alike
            timing = run_in_own_process(name, config)
            results.epoch_seconds[name].append(float(timing["seconds"]))
            if not name.startswith("nnfs_lib"):
                results.machine[{"pytorch": "torch"}.get(name, name)] = timing["version"]
            if progress:
                print(
                    f"round {round_ + 1}/{config.rounds}  {name:18s} {timing['seconds']:7.3f} s",
                    flush=True,
                )
    with threadpool_limits(limits=config.threads):  # this process never imports torch
        results.gemm = gemm_seconds_per_epoch(config)
        results.digits = digits_time_to_accuracy(config)

    results.median_seconds = {k: statistics.median(v) for k, v in results.epoch_seconds.items()}
    medians = results.median_seconds
    ours = medians["nnfs_lib"]
    for mine in ("nnfs_lib", "nnfs_lib_fit"):
        for other in ("pytorch", "sklearn"):
            if other in medians:
                results.ratios[f"{mine}/{other}"] = medians[mine] / medians[other]
    results.ratios["nnfs_lib_fit/nnfs_lib"] = medians["nnfs_lib_fit"] / ours
    results.ratios["nnfs_lib_equations/nnfs_lib"] = medians["nnfs_lib_equations"] / ours
    results.gemm["fraction_of_nnfs_epoch"] = results.gemm["seconds_per_epoch"] / ours
    return results


def table(results: Results) -> str:
    lines = [
        f"One epoch, {results.config['rows']:,} rows, "
        f"{'-'.join(map(str, results.config['sizes']))}, Adam, batch {results.config['batch']}, "
        f"float32, {results.config['threads']} thread(s), each library in its own process after "
        f"a warm-up epoch, median of {results.config['rounds']} rounds",
        "",
        "| library | median epoch (s) | all rounds (s) |",
        "| --- | ---: | --- |",
    ]
    for name, seconds in results.epoch_seconds.items():
        rounds = ", ".join(f"{s:.3f}" for s in seconds)
        lines.append(f"| {name} | {results.median_seconds[name]:.3f} | {rounds} |")
    for name, why in results.skipped.items():
        lines.append(f"| {name} | skipped | {why} |")
    lines.append("")
    for name, ratio in results.ratios.items():
        lines.append(f"- {name}: {ratio:.2f}x the time")
    g = results.gemm
    lines.append(
        f"- GEMM at peak: {g['gflop_per_epoch']:.1f} GFLOP at {g['gflops_rate']:.1f} GFLOP/s = "
        f"{g['seconds_per_epoch']:.3f} s, {100 * g['fraction_of_nnfs_epoch']:.0f}% of the nnfs_lib epoch"
    )
    d = results.digits
    lines.append(
        f"- digits model: {100 * d['test_accuracy']:.2f}% test accuracy after "
        f"{d['train_seconds']:.2f} s of training ({d['epochs']} epochs)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiny", action="store_true", help="a seconds-long run, for tests")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--worker", choices=sorted(CONTENDERS), help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:  # a child process of run(): time one library, print one JSON line
        fields = json.loads(args.config)
        config = Config(**{**fields, "sizes": tuple(fields["sizes"])})
        print(json.dumps(time_one_epoch(args.worker, config)))
        return 0
    config = Config(threads=args.threads)
    if args.tiny:
        config = Config(
            rows=512, sizes=(64, 32, 16, 10), batch=64, rounds=1, threads=1, digits_epochs=1
        )
    if args.rounds is not None:
        config.rounds = args.rounds
    results = run(config, progress=not args.tiny)
    print(table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(asdict(results), indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
