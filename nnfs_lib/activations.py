"""Activation functions and their derivatives, each pair side by side.

Every function takes ``z``, an array_like of pre-activations of any non-empty
shape, and returns a ``numpy.ndarray`` of the same shape and dtype (float32
stays float32; integers and lists become float64). Each docstring gives the
equation and the range of the values returned. NaN and inf are not
refused here: the functions run inside every activation layer, and a network
checks its data once, where it enters. Each function declares its checks with
:func:`~nnfs_lib.validation.validate`, so they run only when a reader calls it:
called by its layer (or any other checked call) it trusts its input. The derivative
functions return the elementwise derivative ``g'(z)``; the chain rule that
multiplies it by an upstream gradient lives with the layers that use it.

:data:`ACTIVATIONS` is the one table of activations: for each name, the
function, its derivative, its TeX symbol and the ranges of their values. The
activation layers (:mod:`nnfs_lib.layers.activation`), the model builders, the
interactive figures and the plots all read it.

The step function is introduced in "From biological to artificial neuron"
(``book/part1/neuron.md``); the others are derived in "Activation functions"
(``book/part1/activations.md``). The equation labels below refer to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnfs_lib.validation import Array, Scalar, validate


@validate(z=Array(finite=False))
def step(z: np.ndarray) -> np.ndarray:
    """The perceptron's threshold: 1 where ``z >= 0``, else 0 (eq. ``eq-neuron-step``).

    Its derivative is zero wherever it exists, which is why gradient descent
    cannot train it (see the chapter "From biological to artificial neuron").

    Returns each entry 0 or 1.
    """
    return (z >= 0).astype(z.dtype)


@validate(z=Array(finite=False))
def sigmoid(z: np.ndarray) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})` (eq. ``eq-act-sigmoid``).

    Numerically stable for any finite ``z`` (eq. ``eq-act-sigmoid-stable``): for
    ``z >= 0`` it evaluates :math:`1/(1+e^{-|z|})`, and for ``z < 0`` the equal
    form :math:`e^{-|z|}/(1+e^{-|z|})`, so ``exp`` only ever sees a
    non-positive argument and never overflows (the naive form overflows for
    ``z < -88.7`` in float32 and ``z < -709.8`` in float64).

    Returns values in [0, 1].
    """
    u = np.exp(-np.abs(z))  # in (0, 1]: cannot overflow
    return np.where(z >= 0, 1 / (1 + u), u / (1 + u)).astype(z.dtype, copy=False)


@validate(z=Array(finite=False))
def sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) = \sigma(z)\,\sigma(-z)` (eq. ``eq-act-sigmoid-derivative``).

    The second form uses :math:`1 - \sigma(z) = \sigma(-z)` and avoids the
    cancellation in ``1 - s`` when ``s`` is close to 1, so the derivative stays
    accurate (not just small) in the tails. At most 1/4, reached at ``z = 0``;
    this bound drives the vanishing-gradient argument of Part II.

    Returns values in [0, 1/4].
    """
    return sigmoid(z) * sigmoid(-z)


@validate(z=Array(finite=False))
def tanh(z: np.ndarray) -> np.ndarray:
    r"""Hyperbolic tangent :math:`\tanh z = (e^{z}-e^{-z})/(e^{z}+e^{-z})` (eq. ``eq-act-tanh``).

    NumPy's ``tanh`` is stable for all finite inputs. It equals
    :math:`2\sigma(2z) - 1` (proposition ``prop-act-tanh-sigmoid``).

    Returns values in [-1, 1].
    """
    return np.tanh(z)


@validate(z=Array(finite=False))
def tanh_derivative(z: np.ndarray) -> np.ndarray:
    r""":math:`\tanh'(z) = 1 - \tanh^2 z` (eq. ``eq-act-tanh-derivative``). At most 1, at ``z = 0``.

    Returns values in [0, 1].
    """
    t = tanh(z)
    return 1 - t * t


@validate(z=Array(finite=False))
def relu(z: np.ndarray) -> np.ndarray:
    r"""Rectified linear unit :math:`\max(0, z)` (eq. ``eq-act-relu``).

    Returns values in [0, inf).
    """
    return np.maximum(z, 0).astype(z.dtype, copy=False)


@validate(z=Array(finite=False))
def relu_derivative(z: np.ndarray) -> np.ndarray:
    r"""1 where ``z > 0``, else 0 (eq. ``eq-act-relu-derivative``).

    ReLU has no derivative at ``z = 0``; like every mainstream library we use
    the value 0 there (any number in [0, 1] is a valid subgradient).

    Returns each entry 0 or 1.
    """
    return (z > 0).astype(z.dtype)


@validate(z=Array(finite=False), alpha=Scalar(low=0, high=1, closed="left"))
def leaky_relu(z: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU: ``z`` where ``z > 0``, else ``alpha * z`` (eq. ``eq-act-leaky-relu``).

    ``alpha``, the slope for negative inputs, lies in [0, 1) (default 0.01).
    """
    return np.where(z > 0, z, alpha * z).astype(z.dtype, copy=False)


@validate(z=Array(finite=False), alpha=Scalar(low=0, high=1, closed="left"))
def leaky_relu_derivative(z: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    """1 where ``z > 0``, else ``alpha`` (eq. ``eq-act-leaky-relu-derivative``).

    As for ReLU, the kink at ``z = 0`` gets the left slope, ``alpha``.

    ``alpha``, the slope for negative inputs, lies in [0, 1). Returns each entry 1 or ``alpha``.
    """
    return np.where(z > 0, 1.0, alpha).astype(z.dtype)


@dataclass(frozen=True)
class ActivationFunction:
    r"""One row of :data:`ACTIVATIONS`: an activation ``g``, its derivative ``g'``, and how to show them.

    Attributes
    ----------
    function, derivative : callable
        ``g(z)`` and ``g'(z)``, elementwise (leaky ReLU's also take ``alpha``).
        Every user of the activation takes its derivative from here, so each
        function has one derivative.
    tex : str
        The function's symbol as TeX without dollars, e.g. ``r"\sigma"``.
    range, derivative_range : tuple of float
        The lowest and highest values ``g`` and ``g'`` return (the bounds stated
        in their docstrings; ``alpha`` is in [0, 1), so leaky ReLU's ``g'`` lies in [0, 1]).
    """

    function: Callable[..., np.ndarray]
    derivative: Callable[..., np.ndarray]
    tex: str
    range: tuple[float, float]
    derivative_range: tuple[float, float]


ACTIVATIONS: dict[str, ActivationFunction] = {
    "sigmoid": ActivationFunction(sigmoid, sigmoid_derivative, r"\sigma", (0, 1), (0, 0.25)),
    "tanh": ActivationFunction(tanh, tanh_derivative, r"\tanh", (-1, 1), (0, 1)),
    "relu": ActivationFunction(relu, relu_derivative, r"\mathrm{ReLU}", (0, np.inf), (0, 1)),
    "leaky_relu": ActivationFunction(
        leaky_relu, leaky_relu_derivative, r"\mathrm{LeakyReLU}", (-np.inf, np.inf), (0, 1)
    ),
}
"""The one table of activations: name -> :class:`ActivationFunction`.

Read by :func:`get_activation`, the activation layers and ``ACTIVATION_LAYERS``
(:mod:`nnfs_lib.layers.activation`), the interactive figures and the plots' labels.
"""


def get_activation(name: str) -> tuple[Callable[..., np.ndarray], Callable[..., np.ndarray]]:
    """Return ``(g, g_derivative)``, the function and derivative of row ``name`` of :data:`ACTIVATIONS`.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is not one of the keys of :data:`ACTIVATIONS`.
    """
    if not isinstance(name, str):
        raise TypeError(f"activation must be a string; got {type(name).__name__}")
    try:
        row = ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}; got {name!r}") from None
    return row.function, row.derivative
