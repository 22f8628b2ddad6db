"""Scores of a model: predicted classes, accuracy, the confusion matrix (classifiers);
the root-mean-square error (regression)."""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers import Sequential
from nnfs_lib.losses import mse
from nnfs_lib.validation import Array, Scalar, check_class_labels, same_rows, validate


@validate(output=Array(ndim=2, finite=False))
def predict_classes(output: np.ndarray) -> np.ndarray:
    r"""Class labels (n,) from a network's logits (n, k).

    One column (one logit per example): class 1 where the logit is >= 0, that is
    where :math:`\sigma(z) \ge 1/2`, the rule of :func:`~nnfs_lib.neuron.neuron_predict`.
    Several columns: the index of the largest logit (the first one on a tie).
    """
    if output.shape[1] == 1:
        return (output[:, 0] >= 0).astype(np.int64)
    return output.argmax(axis=1)


def accuracy(model: Sequential, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of examples whose predicted class (inference mode) equals its label.

    ``y`` holds labels (n,), or one-hot rows (n, k) whose argmax is the label,
    or one column (n, 1) of 0/1 labels.
    """
    return accuracy_from_output(model.predict(X), y)


def accuracy_from_output(output: np.ndarray, y: np.ndarray) -> float:
    """:func:`accuracy` of a network output already computed (one forward pass saved)."""
    y = np.asarray(y)
    labels = y.argmax(axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(-1)
    return float(np.mean(predict_classes(output) == labels))


def _labels_of_n_classes(arguments: dict) -> None:
    """:func:`confusion_matrix`'s check: both label arrays in [0, n_classes), as int64."""
    for name in ("y_true", "y_pred"):
        arguments[name] = check_class_labels(name, arguments[name], arguments["n_classes"])


@validate(_labels_of_n_classes, same_rows("y_true", "y_pred"), n_classes=Scalar(int, low=1))
def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts ``C[i, j]`` of examples of true class ``i`` predicted as class ``j``."""
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def root_mean_squared_error(y_hat: np.ndarray, y: np.ndarray) -> float:
    r"""The root-mean-square error :math:`\sqrt{\frac1m\sum_k (\hat{y}_k - y_k)^2}`, in the targets' units.

    The square root of :func:`~nnfs_lib.losses.mse` over the ``m`` elements.
    ``y_hat`` and ``y`` have the same shape, or ``y_hat`` is one column (n, 1)
    of a network's output and ``y`` holds the n targets (n,).
    """
    y_hat, y = np.asarray(y_hat), np.asarray(y)
    if y_hat.ndim == 2 and y_hat.shape[1] == 1 and y.ndim == 1:
        y = y[:, None]  # one output column and one target per row
    return float(np.sqrt(mse(y_hat, y)))
