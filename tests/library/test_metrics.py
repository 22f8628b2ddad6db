"""Tests of nnfs_lib.metrics: predicted classes, accuracy, the confusion matrix."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.layers import Dense, Sequential
from nnfs_lib.losses import mse
from nnfs_lib.metrics import (
    accuracy,
    accuracy_from_output,
    confusion_matrix,
    predict_classes,
    root_mean_squared_error,
)
from nnfs_lib.neuron import neuron_predict


def test_one_logit_class_one_where_logit_is_at_least_zero() -> None:
    Z = np.array([[-1.0], [0.0], [-0.0], [1e-30], [-1e-30], [3.0]])
    np.testing.assert_array_equal(predict_classes(Z), [0, 1, 1, 1, 0, 1])
    assert predict_classes(Z).dtype == np.int64


def test_one_logit_rule_is_neuron_predict_rule(rng) -> None:
    X = rng.standard_normal((50, 3))
    X[0] = 0.0  # a logit exactly at the threshold
    w, b = rng.standard_normal(3), 0.0
    np.testing.assert_array_equal(predict_classes((X @ w + b)[:, None]), neuron_predict(X, w, b))


def test_several_logits_argmax_first_on_ties() -> None:
    Z = np.array([[0.1, 0.5, 0.2], [2.0, 2.0, 1.0], [-1.0, -3.0, -0.5]])
    np.testing.assert_array_equal(predict_classes(Z), [1, 0, 2])


def test_predict_classes_validates() -> None:
    with pytest.raises(ValueError, match=r"output must have 2 dimension\(s\)"):
        predict_classes(np.zeros(3))


def _fixed_model(W: list[list[float]], b: list[float]) -> Sequential:
    model = Sequential([Dense(len(W), len(W[0]), 0, dtype=np.float64)])
    model[0].W.data[...] = W
    model[0].b.data[...] = b
    return model


def test_accuracy_with_labels_one_hot_and_a_column() -> None:
    model = _fixed_model([[1.0, -1.0]], [0.0, 0.0])  # class 0 where x > 0, class 1 where x < 0
    X = np.array([[1.0], [2.0], [-1.0], [-2.0]])
    assert accuracy(model, X, np.array([0, 0, 1, 0])) == 0.75
    assert accuracy(model, X, np.eye(2)[[1, 1, 1, 1]]) == 0.5
    single = _fixed_model([[1.0]], [0.0])  # one logit: class 1 where x >= 0
    assert accuracy(single, X, np.array([[1], [1], [0], [1]])) == 0.75
    assert accuracy(single, X, np.array([1, 1, 0, 1])) == 0.75


def test_accuracy_is_in_inference_mode() -> None:
    model = _fixed_model([[1.0]], [0.0]).train()
    accuracy(model, np.ones((2, 1)), np.ones(2))
    assert model[0].training


def test_confusion_matrix_counts() -> None:
    C = confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.dtype == np.int64 and C.sum() == 6


def test_confusion_matrix_validates() -> None:
    with pytest.raises(ValueError, match=r"y_pred must be class labels in \[0, 1\]"):
        confusion_matrix([0, 1], [0, 2], 2)
    with pytest.raises(ValueError, match="same number of rows"):
        confusion_matrix([0, 1], [0], 2)
    with pytest.raises(ValueError, match="n_classes must be >= 1"):
        confusion_matrix([0], [0], 0)


def test_confusion_matrix_hand_example() -> None:
    # true 0,0,1,2,2 predicted 0,1,1,2,0: C[0,0]=1 C[0,1]=1 C[1,1]=1 C[2,2]=1 C[2,0]=1
    C = confusion_matrix(np.array([0, 0, 1, 2, 2]), np.array([0, 1, 1, 2, 0]), 3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])


def test_confusion_matrix_errors() -> None:
    with pytest.raises(ValueError, match=r"y_pred must be class labels in \[0, 2\]"):
        confusion_matrix(np.array([0, 1]), np.array([0, 3]), 3)
    with pytest.raises(ValueError, match="y_true and y_pred must have the same number of rows"):
        confusion_matrix(np.array([0, 1]), np.array([0]), 3)


# ---------------------------------------------------------------- root_mean_squared_error
def test_rmse_hand_case() -> None:
    assert root_mean_squared_error(np.array([1.0, 2.0]), np.array([4.0, -2.0])) == pytest.approx(
        np.sqrt((9 + 16) / 2)
    )
    assert root_mean_squared_error(np.array([[1.0, 2.0]]), np.array([[1.0, 2.0]])) == 0.0


def test_rmse_of_one_output_column_against_a_vector_of_targets() -> None:
    y_hat = np.array([[0.0], [0.0], [0.0]])
    assert root_mean_squared_error(y_hat, np.array([3.0, 4.0, 0.0])) == pytest.approx(
        np.sqrt(25 / 3)
    )


def test_rmse_is_the_square_root_of_mse(rng) -> None:
    a, b = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    assert root_mean_squared_error(a, b) == pytest.approx(np.sqrt(mse(a, b)), rel=1e-15)


def test_rmse_rejects_shapes_that_would_broadcast() -> None:
    with pytest.raises(ValueError, match="same shape"):
        root_mean_squared_error(np.ones((3, 2)), np.ones(3))


def test_accuracy_from_output_is_accuracy_without_a_second_forward_pass(rng) -> None:
    X = rng.standard_normal((30, 2))
    y = rng.integers(0, 3, 30)
    model = Sequential([Dense(2, 3, 0, dtype=np.float64)])
    expected = accuracy(model, X, y)
    assert accuracy_from_output(model.predict(X), y) == expected
    one_hot = np.eye(3)[y]
    assert accuracy_from_output(model.predict(X), one_hot) == expected
