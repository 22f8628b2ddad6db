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
