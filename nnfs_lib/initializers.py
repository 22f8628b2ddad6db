"""Weight initialization schemes, all drawing from an explicit ``numpy.random.Generator``.

For a weight matrix of shape ``(fan_in, fan_out)`` (the book's
:math:`\\mathbf{W}^{[l]} \\in \\mathbb{R}^{d \\times h}`):

=================  ===================================================  ==========================
scheme             distribution                                         variance
=================  ===================================================  ==========================
``zeros``          all zero (breaks nothing but learns nothing: symmetry)  0
``normal``         :math:`\\mathcal{N}(0, 0.01^2)`                        :math:`10^{-4}`
``xavier_uniform`` :math:`U(-a, a)`, :math:`a = \\sqrt{6/(n_{in}+n_{out})}`  :math:`2/(n_{in}+n_{out})`
``xavier_normal``  :math:`\\mathcal{N}(0, 2/(n_{in}+n_{out}))`            :math:`2/(n_{in}+n_{out})`
``he_uniform``     :math:`U(-a, a)`, :math:`a = \\sqrt{6/n_{in}}`           :math:`2/n_{in}`
``he_normal``      :math:`\\mathcal{N}(0, 2/n_{in})`                      :math:`2/n_{in}`
=================  ===================================================  ==========================

The variances are derived in the chapter "Weight initialization"
(``book/part2/initialization.md``): Xavier/Glorot in proposition
``prop-init-xavier``, He in proposition ``prop-init-he``. A uniform
distribution on :math:`(-a, a)` has variance :math:`a^2/3`, which is where the
``6`` in the uniform limits comes from.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnfs_lib.validation import Scalar, check_scalar, float_dtype, generator, validate


def zeros(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """All zeros: every unit of a layer computes, and learns, the same thing (symmetry)."""
    return np.zeros(shape)


@validate(std=Scalar(low=0, closed="neither"))
def normal(shape: tuple[int, int], rng: np.random.Generator, std: float = 0.01) -> np.ndarray:
    """Small Gaussian weights with a fixed standard deviation ``std``, whatever the width."""
    return std * rng.standard_normal(shape)


def xavier_uniform(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Glorot & Bengio (2010): Var = 2 / (fan_in + fan_out), uniform (prop. ``prop-init-xavier``)."""
    fan_in, fan_out = shape
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape)


def xavier_normal(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Glorot & Bengio (2010): Var = 2 / (fan_in + fan_out), Gaussian (prop. ``prop-init-xavier``)."""
    fan_in, fan_out = shape
    return np.sqrt(2.0 / (fan_in + fan_out)) * rng.standard_normal(shape)


def he_uniform(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """He et al. (2015), for ReLU layers: Var = 2 / fan_in, uniform (prop. ``prop-init-he``)."""
    fan_in, _ = shape
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, size=shape)


def he_normal(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """He et al. (2015), for ReLU layers: Var = 2 / fan_in, Gaussian (prop. ``prop-init-he``)."""
    fan_in, _ = shape
    return np.sqrt(2.0 / fan_in) * rng.standard_normal(shape)


INITIALIZERS: dict[str, Callable[[tuple[int, int], np.random.Generator], np.ndarray]] = {
    "zeros": zeros,
    "normal": normal,
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
}


def _known_scheme(name: str, scheme: object) -> str:
    """Declared check: a key of :data:`INITIALIZERS` (named ``init``, as layers call it)."""
    if not isinstance(scheme, str) or scheme not in INITIALIZERS:
        raise ValueError(f"init must be one of {sorted(INITIALIZERS)}; got {scheme!r}")
    return scheme


def _fans(name: str, shape: object) -> tuple[int, int]:
    """Declared check: a ``shape`` of two positive integers ``(fan_in, fan_out)``."""
    if not isinstance(shape, tuple) or len(shape) != 2:
        raise ValueError(f"{name} must be a tuple (fan_in, fan_out); got {shape!r}")
    return check_scalar("fan_in", shape[0], int, low=1), check_scalar(
        "fan_out", shape[1], int, low=1
    )


@validate(scheme=_known_scheme, shape=_fans, rng=generator, dtype=float_dtype)
def initialize(
    scheme: str,
    shape: tuple[int, int],
    rng: np.random.Generator | int,
    *,
    dtype: type = np.float32,
) -> np.ndarray:
    """Draw a ``(fan_in, fan_out)`` weight matrix by the named scheme, in ``dtype``.

    Parameters
    ----------
    scheme : str
        A key of :data:`INITIALIZERS`.
    shape : tuple of two ints
        ``(fan_in, fan_out)``, the shape of the book's :math:`\\mathbf{W}^{[l]}`.
    rng : numpy.random.Generator or int
        The only source of randomness.
    dtype : float32 (default) or float64

    Raises
    ------
    ValueError
        For an unknown scheme or a shape that is not two positive integers.
    TypeError
        For a dtype other than float32 or float64, or a bad ``rng``.
    """
    rng = np.random.default_rng(rng)  # a seed, when a layer built inside a checked call passes one
    return INITIALIZERS[scheme](shape, rng).astype(dtype)
