"""Shared pytest configuration.

With NNFS_FORBID_SKIPS=1 (set by .ci/run) a skipped test fails the run: CI must
not pass by skipping.
"""

from __future__ import annotations

import os
import zlib

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")  # tests draw figures without a screen

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("NNFS_FORBID_SKIPS") == "1" and _skipped:
        print(f"\nNNFS_FORBID_SKIPS=1 but {len(_skipped)} test(s) were skipped:")
        for nodeid in _skipped:
            print(f"  {nodeid}")
        session.exitstatus = 1


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> np.random.Generator:
    """A generator seeded from the test's own name: every test draws its own data,
    the same on every run and whatever other tests ran before it."""
    seed = zlib.crc32(request.node.nodeid.encode())
    return np.random.default_rng(seed)
