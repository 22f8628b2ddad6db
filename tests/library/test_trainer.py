from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.data.toy import make_spiral
from nnfs_lib.layers.activation import ReLU
from nnfs_lib.layers.batchnorm import BatchNorm
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import SGD, Adam
from nnfs_lib.schedules import StepDecay
from nnfs_lib.training import EarlyStopping, evaluate, fit, restore, snapshot


def model(seed: int = 0, width: int = 32) -> Sequential:
    return Sequential([Dense(2, width, seed), BatchNorm(width), ReLU(), Dense(width, 3, seed + 1)])


def data(seed: int = 0):
    return make_spiral(40, 3, rng=seed, noise=0.3)


def test_fit_keeps_history_fields():
    X, y = data()
    m = model()
    h = fit(m, SoftmaxCrossEntropy(), Adam(m.parameters(), lr=0.01), X, y, epochs=2)
    assert h.epochs == 2 and len(h.train_accuracy) == 2 and h.val_loss == []


def test_fit_learns_and_records_times():
    X, y = data()
    m = model()
    h = fit(m, SoftmaxCrossEntropy(), Adam(m.parameters(), lr=0.02), X, y, epochs=30, batch_size=32)
    assert h.train_loss[-1] < 0.7 * h.train_loss[0]
    assert len(h.epoch_time) == 30 and h.total_time > 0


def test_early_stopping_unit():
    m = model()
    stop = EarlyStopping(patience=2)
    values = [3.0, 2.0, 2.5, 2.6]
    decisions = []
    for epoch, v in enumerate(values):
        m[0].W.data[...] = epoch  # mark the weights with the epoch number
        decisions.append(stop.update(epoch, v, m))
    assert decisions == [False, False, False, True]
    assert stop.best_epoch == 1
    stop.finish(m)
    assert np.all(m[0].W.data == 1.0)


def test_early_stopping_min_delta():
    m = model()
    stop = EarlyStopping(patience=1, min_delta=0.5)
    assert stop.update(0, 3.0, m) is False
    assert stop.update(1, 2.8, m) is True  # improved by less than min_delta


def test_fit_early_stopping_restores_best_weights():
    X, y = data(0)
    Xv, yv = data(1)
    m = model()
    loss = SoftmaxCrossEntropy()
    # A large learning rate on a tiny training set: validation cost goes up again.
    h = fit(
        m,
        loss,
        Adam(m.parameters(), lr=0.05),
        X[:30],
        y[:30],
        epochs=200,
        batch_size=10,
        X_val=Xv,
        y_val=yv,
        early_stopping=EarlyStopping(patience=5),
    )
    assert h.stopped_early and h.epochs < 200
    assert h.best_epoch == int(np.argmin(h.val_loss))
    assert h.epochs == h.best_epoch + 1 + 5
    assert evaluate(m, loss, Xv, yv) == pytest.approx(h.val_loss[h.best_epoch], rel=1e-6)


def test_snapshot_restore_includes_batchnorm_buffers():
    m = model()
    saved = snapshot(m)
    m[1].running_mean[...] = 5.0
    m[0].W.data[...] = 0.0
    restore(m, saved)
    assert np.all(m[1].running_mean == 0.0) and np.any(m[0].W.data != 0.0)


def test_schedule_in_fit_records_lr():
    X, y = data()
    m = model()
    opt = SGD(m.parameters(), lr=0.4)
    h = fit(m, SoftmaxCrossEntropy(), opt, X, y, epochs=4, schedule=StepDecay(opt, 2, 0.5))
    assert h.lr == [0.4, 0.4, 0.2, 0.2]


def test_progress_bar_off_when_not_a_terminal_and_on_when_forced(capsys):
    X, y = data()
    m = model()
    fit(m, SoftmaxCrossEntropy(), SGD(m.parameters(), lr=0.1), X, y, epochs=2)
    assert capsys.readouterr().err == ""
    fit(m, SoftmaxCrossEntropy(), SGD(m.parameters(), lr=0.1), X, y, epochs=2, progress=False)
    assert capsys.readouterr().err == ""
    fit(m, SoftmaxCrossEntropy(), SGD(m.parameters(), lr=0.1), X, y, epochs=2, progress=True)
    assert "epoch" in capsys.readouterr().err


def test_errors():
    X, y = data()
    m = model()
    opt = SGD(m.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="early_stopping watches the validation cost"):
        fit(m, SoftmaxCrossEntropy(), opt, X, y, epochs=1, early_stopping=EarlyStopping())
    with pytest.raises(ValueError, match=r"class labels in \[0, 2\]"):
        fit(m, SoftmaxCrossEntropy(), opt, X, y + 1, epochs=1)
    with pytest.raises(ValueError, match="patience must be >= 1"):
        EarlyStopping(patience=0)
