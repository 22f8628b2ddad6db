"""The benchmark script runs on a tiny size and writes its JSON (benchmarks are not timed tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tiny_benchmark_runs_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "epoch_benchmark.py"),
            "--tiny",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "| nnfs_lib |" in run.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["median_seconds"]) >= {"nnfs_lib", "sklearn"}
    assert all(s > 0 for s in results["median_seconds"].values())
    assert results["ratios"]["nnfs_lib/sklearn"] > 0
    assert 0 < results["gemm"]["fraction_of_nnfs_epoch"]
    assert results["gemm"]["gflop_per_epoch"] > 0
    assert 0 <= results["digits"]["test_accuracy"] <= 1
    torch_ran = "pytorch" in results["median_seconds"]
    assert torch_ran != ("pytorch" in results["skipped"])


def test_each_library_runs_in_its_own_process() -> None:
    """The parent process never imports torch: PyTorch's threads only live in its worker."""
    code = (
        "import sys, json\n"
        "from benchmarks.epoch_benchmark import Config, run_in_own_process\n"
        "config = Config(rows=256, sizes=(16, 8, 4), batch=64, rounds=1, threads=1)\n"
        "timing = run_in_own_process('sklearn', config)\n"
        "assert timing['seconds'] > 0, timing\n"
        "assert 'torch' not in sys.modules and 'sklearn' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
