"""Hand-computed cases: small inputs whose answers can be worked out on paper.

The exercise checkers use them, and ``tests/library/test_exercises.py`` checks
the library against the same numbers, so the book's exercises and the
library's tests rest on one set of hand computations. Each entry says in its
comment how the answer follows.
"""

from __future__ import annotations

import math

import numpy as np

LN3 = float(np.log(3.0))

# (z as written on paper, z, the answer)
SIGMOID = [
    ("0", 0.0, 0.5),  # e^0 = 1, so 1 / (1 + 1)
    ("ln 3", LN3, 0.75),  # e^{-ln 3} = 1/3, so 1 / (4/3)
    ("-ln 3", -LN3, 0.25),  # e^{ln 3} = 3, so 1 / 4
]

SIGMOID_DERIVATIVE = [
    ("0", 0.0, 0.25),  # (1/2)(1/2)
    ("ln 3", LN3, 0.1875),  # (3/4)(1/4)
]

# (p, y, J): mean binary cross-entropy
BINARY_CROSS_ENTROPY = [
    ([0.5, 0.5], [1.0, 0.0], float(np.log(2.0))),  # -(ln 1/2 + ln 1/2) / 2
    ([0.9, 0.2], [1.0, 0.0], float(-(np.log(0.9) + np.log(0.8)) / 2)),
]

# (p, y, dJ/dp): (p - y) / (p (1 - p)) / m with m = 2
BINARY_CROSS_ENTROPY_GRADIENT = [
    ([0.8, 0.5], [1.0, 0.0], [-0.625, 1.0]),  # -0.2/0.16/2 and 0.5/0.25/2
]

# A neuron with w = 0, b = 0 outputs a = 1/2 on every example.
NEURON_X = [[1.0, 0.0], [0.0, 1.0]]
NEURON_Y = [1.0, 0.0]
NEURON_W = [0.0, 0.0]
NEURON_B = 0.0
NEURON_GRADIENTS = {
    # delta = (a - y) / n = (-1/4, 1/4); dw = X^T delta; db = sum(delta)
    "bce": ([-0.25, 0.25], 0.0),
    # delta = (2/n)(a - y) a (1 - a) = (-1/8, 1/8)
    "mse": ([-0.125, 0.125], 0.0),
}
NEURON_LR = 0.5
NEURON_STEP = ([0.125, -0.125], 0.0)  # w - 0.5 * (-1/4, 1/4), b - 0.5 * 0

# Dense: Z = X W + b, then dW = X^T dZ, db = column sums of dZ, dX = dZ W^T
DENSE_X = [[1.0, 2.0]]
DENSE_W = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
DENSE_B = [1.0, 0.0, -1.0]
DENSE_Z = [[10.0, 12.0, 14.0]]  # (1 + 8 + 1, 2 + 10 + 0, 3 + 12 - 1)
DENSE_DZ = [[1.0, 0.0, 1.0]]
DENSE_DW = [[1.0, 0.0, 1.0], [2.0, 0.0, 2.0]]
DENSE_DB = [1.0, 0.0, 1.0]
DENSE_DX = [[4.0, 10.0]]  # (1 + 3, 4 + 6)

SOFTMAX = [
    ([[0.0, LN3]], [[0.25, 0.75]]),  # e^0 : e^{ln 3} = 1 : 3
    ([[1000.0, 1000.0]], [[0.5, 0.5]]),  # equal logits, however large
]

# (Z, labels, dJ/dZ) = (softmax(Z) - one_hot(labels)) / n with n = 2
SOFTMAX_CROSS_ENTROPY_GRADIENT = (
    [[0.0, LN3], [0.0, 0.0]],
    [1, 0],
    [[0.125, -0.125], [-0.25, 0.25]],  # (1/4, 3/4 - 1)/2 and (1/2 - 1, 1/2)/2
)

# Two one-unit dense layers, weights 2 then 3, zero biases, input x = 1:
# the output is 6; with dJ/d(output) = 1, dJ/dW2 = 2 (the hidden value),
# dJ/dW1 = 3 (the weight after it) and dJ/dx = 6.
CHAIN_WEIGHTS = (2.0, 3.0)
CHAIN_GRADIENTS = {"W1": 3.0, "W2": 2.0, "dX": 6.0}

# Momentum (mu = 0.9, lr = 0.1) with the gradient 1 at every step, from 0:
# m = 1, 1.9, 2.71 and theta = -0.1, -0.29, -0.561
MOMENTUM = {
    "lr": 0.1,
    "momentum": 0.9,
    "buffers": [1.0, 1.9, 2.71],
    "thetas": [-0.1, -0.29, -0.561],
}

# RMSProp (rho = 0.99, lr = 0.01), first step with g = 1: v = 0.01, sqrt(v) = 0.1,
# so theta moves by 0.01 * 1 / (0.1 + 1e-8)
RMSPROP = {"lr": 0.01, "rho": 0.99, "eps": 1e-8, "v": 0.01, "theta": -0.01 / (0.1 + 1e-8)}

# Adam with a constant gradient: the bias-corrected moments are exactly g and g^2
# at every step, so each step moves theta by lr * g / (|g| + eps).
ADAM = {"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8, "g": [2.0, -0.5], "steps": 3}

# BatchNorm on the column (1, 3): mean 2, biased variance 1, unbiased variance 2.
BATCHNORM_X = [[1.0], [3.0]]
BATCHNORM_Y = [[-1.0 / np.sqrt(1 + 1e-5)], [1.0 / np.sqrt(1 + 1e-5)]]
BATCHNORM_RUNNING_MEAN = [0.2]  # 0.9 * 0 + 0.1 * 2
BATCHNORM_RUNNING_VAR = [1.1]  # 0.9 * 1 + 0.1 * 2 (the unbiased variance)
# The same dY on every row shifts every output equally; normalization removes a
# shift, so dX = 0, while beta.grad = 2 and gamma.grad = sum of x_hat = 0.
BATCHNORM_DY = [[1.0], [1.0]]
BATCHNORM_DX = [[0.0], [0.0]]

# Early stopping: (validation costs J_1, J_2, ..., patience, min_delta, (stop epoch, best epoch))
EARLY_STOPPING = [
    ([1.0, 0.8, 0.9, 0.85, 0.95], 2, 0.0, (4, 2)),  # best at 2, no improvement at 3 and 4
    ([3.0, 2.0, 1.0], 2, 0.0, (None, 3)),  # always improving: never stops
    ([1.0, 1.0, 1.0], 2, 0.0, (3, 1)),  # a tie is not an improvement
    ([1.0, 0.95, 0.99, 0.5], 2, 0.1, (3, 1)),  # 0.95 is not below 1.0 - 0.1
    ([1.0, 2.0, 0.5, 2.0, 2.0, 2.0], 3, 0.0, (6, 3)),  # the counter restarts at epoch 3
]

VALUE_TANH = [
    # x as written, x, tanh(x), 1 - tanh(x)^2: by hand at 0, and tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 0.6
    ("0", 0.0, 0.0, 1.0),
    ("ln 2", math.log(2.0), 0.6, 0.64),
]
"""Hand cases of the autodiff tanh node: its value and its local derivative."""
