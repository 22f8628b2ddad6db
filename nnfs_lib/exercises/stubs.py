"""The stub of each exercise: what the reader starts from, on the page and from the command line.

Each stub is a complete Python file: its imports, then the function or class
with a docstring and a body that raises ``NotImplementedError``. The page's
stub cell holds exactly this text (the book's tests check it), and
``python -m nnfs_lib.exercises stub NAME > FILE.py`` writes it, so a stub
copied out of its page runs on its own; ``check`` says "not written yet" until
the ``raise`` is replaced.
"""

from __future__ import annotations

STUBS: dict[str, str] = {
    "sigmoid": '''import numpy as np


def sigmoid(z):
    """Logistic sigmoid 1 / (1 + exp(-z)), elementwise, without overflow.

    z : numpy array of any shape (float32 or float64).
    Returns an array of the same shape and dtype, with values in [0, 1].
    """
    raise NotImplementedError
''',
    "sigmoid_derivative": '''import numpy as np


def sigmoid_derivative(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)), elementwise, without overflow.

    z : numpy array of any shape. Returns an array of the same shape, values in [0, 1/4].
    """
    raise NotImplementedError
''',
    "binary_cross_entropy": '''import numpy as np


def binary_cross_entropy(p, y):
    """Mean binary cross-entropy J of probabilities p for labels y (each 0 or 1).

    p, y : numpy arrays of the same shape. Returns J as a Python float.
    """
    raise NotImplementedError
''',
    "binary_cross_entropy_gradient": '''import numpy as np


def binary_cross_entropy_gradient(p, y):
    """dJ/dp for the mean binary cross-entropy J: an array of p's shape.

    p, y : numpy arrays of the same shape (p in [0, 1], y each 0 or 1).
    """
    raise NotImplementedError
''',
    "neuron_gradients": '''import numpy as np

from nnfs_lib import sigmoid


def neuron_gradients(X, y, w, b, loss="bce"):
    """Gradients (dw, db) of the cost of the sigmoid neuron a = sigmoid(X w + b).

    X : (n, d); y : (n,) labels 0 or 1; w : (d,); b : float;
    loss : "bce" (binary cross-entropy) or "mse" (mean squared error).
    Returns dw, an array of shape (d,), and db, a float.
    """
    raise NotImplementedError
''',
    "gradient_descent_step": '''from nnfs_lib import neuron_gradients


def gradient_descent_step(X, y, w, b, lr):
    """One gradient-descent step on the mean cross-entropy of the neuron sigmoid(X w + b).

    X : (n, d); y : (n,) labels 0 or 1; w : (d,); b : float; lr : the learning rate.
    Returns the new w (shape (d,)) and the new b (a float); w itself is left unchanged.
    """
    raise NotImplementedError
''',
    "value_tanh": '''import math

from nnfs_lib import Value


def value_tanh(x):
    """The autodiff node for tanh(x).

    x : a Value. Returns a new Value whose data is tanh(x.data), whose only parent
    is x, and whose one local derivative is d tanh(x) / dx.
    """
    raise NotImplementedError
''',
    "dense": '''import nnfs_lib as nn


class Dense(nn.Dense):
    """Z = X W + b with W of shape (d_in, d_out) and b of shape (d_out,)."""

    def forward(self, X):
        """Return Z (n, d_out) for X (n, d_in); keep X in self.X for the backward pass."""
        raise NotImplementedError

    def backward(self, dZ):
        """Overwrite self.W.grad and self.b.grad from dZ (n, d_out); return dX (n, d_in)."""
        raise NotImplementedError
''',
    "softmax": '''import numpy as np


def softmax(Z):
    """Row-wise softmax of logits Z (n, k): each row of the result is positive and sums to 1.

    Z is left unchanged: the caller still holds it.
    """
    raise NotImplementedError
''',
    "softmax_cross_entropy_gradient": '''import numpy as np

import nnfs_lib as nn


def softmax_cross_entropy_gradient(Z, y):
    """dJ/dZ for J = mean cross-entropy of softmax(Z) against integer labels y.

    Z : (n, k) logits; y : (n,) integer labels in 0 .. k-1. Returns an array (n, k).
    """
    raise NotImplementedError
''',
    "sequential_backward": '''import nnfs_lib as nn


class Sequential(nn.Sequential):
    def backward(self, dA):
        """Pass dA = dJ/d(output) back through self.layers; return dJ/dX.

        Each layer's backward overwrites its parameters' grad and returns the
        gradient with respect to its input.
        """
        raise NotImplementedError
''',
    "he_normal": '''import numpy as np


def he_normal(shape, rng):
    """Weights of shape (fan_in, fan_out) from N(0, 2 / fan_in), drawn from rng.

    shape : (fan_in, fan_out); rng : a numpy.random.Generator.
    """
    raise NotImplementedError
''',
    "momentum_step": '''import numpy as np


def momentum_step(theta, g, m, lr, momentum=0.9):
    """One momentum step. theta, g, m : arrays of one shape (m starts at 0).

    Returns the new theta and the new buffer m, as new arrays (the ones passed in
    are left unchanged).
    """
    raise NotImplementedError
''',
    "rmsprop_step": '''import numpy as np


def rmsprop_step(theta, g, v, lr=0.01, rho=0.99, eps=1e-8):
    """One RMSProp step. theta, g, v : arrays of one shape (v starts at 0).

    Returns the new theta and the new running average v of squared gradients, as
    new arrays (the ones passed in are left unchanged).
    """
    raise NotImplementedError
''',
    "adam_step": '''import numpy as np


def adam_step(theta, g, m, v, t, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
    """Step t (t = 1, 2, ...) of Adam. theta, g, m, v : arrays of one shape (m, v start at 0).

    Returns the new theta, m and v, as new arrays (the ones passed in are left unchanged).
    """
    raise NotImplementedError
''',
    "batchnorm": '''import numpy as np

import nnfs_lib as nn


class BatchNorm(nn.BatchNorm):
    def forward(self, X):
        """Normalize each column of X (n, d), then scale by gamma and shift by beta.

        Training mode: batch statistics, and update running_mean and running_var.
        Inference mode: normalize with running_mean and running_var.
        X is left unchanged: the layer before may keep it for its backward pass.
        """
        raise NotImplementedError

    def backward(self, dY):
        """Training mode: overwrite gamma.grad and beta.grad from dY (n, d); return dX (n, d)."""
        raise NotImplementedError
''',
    "dropout": '''import nnfs_lib as nn


class Dropout(nn.Dropout):
    def forward(self, X):
        """Training mode: Y = mask * X / (1 - p) with a fresh mask; inference mode: Y = X.

        Keep the mask (a boolean array of X's shape, True = kept) in self.mask and
        draw it from self.rng. X is left unchanged: the layer before may keep it.
        """
        raise NotImplementedError

    def backward(self, dY):
        """dX = mask * dY / (1 - p) with the mask of the last forward pass (dY in inference mode)."""
        raise NotImplementedError
''',
    "early_stopping": '''def early_stopping(costs, patience, min_delta=0.0):
    """(stop_epoch, best_epoch) of early stopping on the validation costs J_1, J_2, ...

    costs : list of floats, costs[e - 1] = J_e. Epochs are numbered from 1.
    stop_epoch is the epoch after which training stops, or None if it never stops;
    best_epoch is the epoch whose weights are restored.
    """
    raise NotImplementedError
''',
}
"""The stub of every exercise, by exercise name."""
