"""The deep MLP of the book reaches >= 97.5 % test accuracy on the digits, fast.

The time limit is on CPU time (``time.process_time``), not wall-clock time, so
a busy shared machine does not make the test flaky; the run takes about 3 s.
"""

from __future__ import annotations

import time

import pytest

from nnfs_lib.data.digits import load_digits_split
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.metrics import accuracy
from nnfs_lib.models import digits_mlp
from nnfs_lib.optimizers import Adam
from nnfs_lib.training import fit


@pytest.mark.slow
def test_digits_mlp_reaches_97_5_percent():
    started = time.process_time()
    split = load_digits_split(0)
    model = digits_mlp(rng=0)
    fit(
        model,
        SoftmaxCrossEntropy(),
        Adam(model.parameters(), lr=0.003),
        split.X_train,
        split.y_train,
        epochs=30,
        batch_size=64,
        rng=0,
    )
    test_accuracy = accuracy(model, split.X_test, split.y_test)
    elapsed = time.process_time() - started
    assert test_accuracy >= 0.975, test_accuracy
    assert elapsed < 20, elapsed
