"""Parity with PyTorch: shared fixtures.

These tests compare nnfs_lib with an independent implementation (PyTorch's
autograd, ``torch.nn`` and ``torch.optim``) in float64. They skip with a clear
reason where torch is not installed, so ``make test`` passes on a machine
without it; ``.ci/run`` installs torch and forbids skips, so in CI they run.
"""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip(
    "torch",
    reason="PyTorch is not installed: the parity tests need it (pip install torch==2.13.0)",
)

RTOL = 1e-6
ATOL = 1e-12


@pytest.fixture(autouse=True)
def _torch_float64():
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(previous)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20261125)


def to_torch(array: np.ndarray, grad: bool = False):
    return torch.tensor(np.asarray(array, dtype=np.float64), requires_grad=grad)


def close(ours: np.ndarray, theirs, what: str) -> None:
    """Assert agreement to rtol 1e-6 (and a tiny atol for exact zeros)."""
    if hasattr(theirs, "detach"):
        theirs = theirs.detach().numpy()
    np.testing.assert_allclose(np.asarray(ours), theirs, rtol=RTOL, atol=ATOL, err_msg=what)
