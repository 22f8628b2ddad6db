"""Scores of a classifier: predicted classes, accuracy, the confusion matrix."""

from __future__ import annotations

import numpy as np

from nnfs_lib.network import Sequential


def predict_classes(output: np.ndarray) -> np.ndarray:
    """Class predictions from a network's output: argmax of logits, or logit > 0 for one column."""
    if output.ndim != 2:
        raise ValueError(f"output must have shape (n, k); got {output.shape}")
    if output.shape[1] == 1:
        return (output[:, 0] > 0).astype(np.int64)
    return output.argmax(axis=1)


def accuracy(model: Sequential, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of examples whose predicted class (inference mode) equals ``y``."""
    y = np.asarray(y)
    labels = y if y.ndim == 1 else y.argmax(axis=1)
    return float(np.mean(predict_classes(model.predict(X)) == labels))


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts ``C[i, j]`` of examples of true class ``i`` predicted as class ``j``."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.ndim != 1:
        raise ValueError(
            f"y_true and y_pred must be label vectors of one shape; got {y_true.shape} and "
            f"{y_pred.shape}"
        )
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.size and (y.min() < 0 or y.max() >= n_classes):
            raise ValueError(f"{name} must hold labels in [0, {n_classes - 1}]")
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (y_true.astype(np.int64), y_pred.astype(np.int64)), 1)
    return C
