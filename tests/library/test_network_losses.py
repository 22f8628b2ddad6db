"""Loss objects for networks: hand cases, finite differences, validation."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.losses import BinaryCrossEntropyWithLogits, MeanSquaredError


def test_mse_hand_case() -> None:
    loss = MeanSquaredError()
    assert loss.forward(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]])) == pytest.approx(2.5)
    np.testing.assert_allclose(loss.backward(), [[1.0, 2.0]])  # 2/m (y_hat - y), m = 2


def test_mse_accepts_vector_targets_for_one_column() -> None:
    assert MeanSquaredError().forward(np.array([[1.0], [3.0]]), np.array([1.0, 1.0])) == 2.0


def test_mse_gradient_check() -> None:
    rng = np.random.default_rng(0)
    Y_hat, Y = rng.standard_normal((4, 3)), rng.standard_normal((4, 3))
    loss = MeanSquaredError()
    loss.forward(Y_hat, Y)
    assert gradient_check(lambda v: MeanSquaredError().forward(v, Y), loss.backward(), Y_hat) < 1e-7


def test_bce_logits_hand_case() -> None:
    loss = BinaryCrossEntropyWithLogits()
    assert loss.forward(np.array([[0.0]]), np.array([1.0])) == pytest.approx(np.log(2))
    np.testing.assert_allclose(loss.backward(), [[-0.5]])


def test_bce_logits_gradient_check() -> None:
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((5, 1))
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    loss = BinaryCrossEntropyWithLogits()
    loss.forward(Z, y)
    analytic = loss.backward()
    assert (
        gradient_check(lambda z: BinaryCrossEntropyWithLogits().forward(z, y), analytic, Z) < 1e-7
    )


def test_float32_kept() -> None:
    loss = MeanSquaredError()
    loss.forward(np.ones((2, 1), dtype=np.float32), np.zeros(2))
    assert loss.backward().dtype == np.float32


@pytest.mark.parametrize("cls", [MeanSquaredError, BinaryCrossEntropyWithLogits])
def test_backward_before_forward(cls) -> None:
    with pytest.raises(RuntimeError, match="backward called before forward"):
        cls().backward()


def test_mse_shape_mismatch() -> None:
    with pytest.raises(ValueError, match=r"y must have shape \(2, 2\) like the network output"):
        MeanSquaredError().forward(np.ones((2, 2)), np.ones((2, 3)))


def test_bce_needs_one_column() -> None:
    with pytest.raises(ValueError, match="Z must have one column"):
        BinaryCrossEntropyWithLogits().forward(np.ones((2, 2)), np.ones(2))


def test_bce_labels_must_be_binary() -> None:
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        BinaryCrossEntropyWithLogits().forward(np.ones((2, 1)), np.array([0.0, 2.0]))
