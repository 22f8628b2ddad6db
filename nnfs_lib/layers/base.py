"""The two building blocks of every network: a trainable ``Parameter`` and a ``Layer``.

A layer maps a batch ``X`` of shape ``(n, d_in)`` (examples are rows) to a batch
of shape ``(n, d_out)`` in :meth:`Layer.forward`, keeping only what its
backward pass needs. :meth:`Layer.backward` receives the gradient of the cost
with respect to its output, **overwrites** the ``grad`` of each of its
parameters, and returns the gradient with respect to its input, which the
previous layer receives in turn. Optimizers see only the list returned by
:meth:`Layer.parameters`.
"""

from __future__ import annotations

import numpy as np


class Parameter:
    """A trainable array and the gradient of the cost with respect to it.

    Attributes
    ----------
    data : numpy.ndarray
        The value. Optimizers update it in place, so views of it stay valid.
    grad : numpy.ndarray
        Same shape and dtype as ``data``; overwritten by each backward pass.
    name : str
        For messages and diagnostics, e.g. ``"dense_0.W"``.
    """

    __slots__ = ("data", "grad", "name")

    def __init__(self, data: np.ndarray, name: str) -> None:
        if not isinstance(data, np.ndarray) or data.dtype not in (np.float32, np.float64):
            raise TypeError(f"Parameter {name!r} needs a float32 or float64 array")
        self.data = np.ascontiguousarray(data)
        self.grad = np.zeros_like(self.data)
        self.name = name

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    def __repr__(self) -> str:
        return f"Parameter({self.name!r}, shape={self.data.shape}, dtype={self.data.dtype})"


class Layer:
    """Base class: a differentiable map from a batch to a batch.

    Subclasses implement :meth:`forward` and :meth:`backward`, side by side,
    and list their parameters in :meth:`parameters`. ``training`` switches
    layers that behave differently at inference time (dropout, batch norm).
    """

    name: str = "layer"
    training: bool = True
    can_skip_input_gradient: bool = False
    """True for layers whose ``backward`` takes ``input_gradient=False`` (see Sequential)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dA: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def parameters(self) -> list[Parameter]:
        """The layer's trainable parameters (none by default)."""
        return []

    def train(self) -> Layer:
        """Switch to training mode; returns the layer."""
        self.training = True
        return self

    def eval(self) -> Layer:
        """Switch to inference mode; returns the layer."""
        self.training = False
        return self

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    # Helpers for subclasses -------------------------------------------------

    def _check_input(self, X: object, width: int | None = None) -> np.ndarray:
        """Validate a forward input: a finite 2-D float array (of ``width`` columns)."""
        what = f"{type(self).__name__} layer {self.name!r}"
        if not isinstance(X, np.ndarray):
            raise TypeError(f"{what}: X must be a numpy array; got {type(X).__name__}")
        if X.dtype not in (np.float32, np.float64):
            raise TypeError(f"{what}: X must be float32 or float64; got {X.dtype}")
        if X.ndim != 2:
            raise ValueError(f"{what}: X must have shape (n, d); got shape {X.shape}")
        if X.shape[0] == 0:
            raise ValueError(f"{what}: X must hold at least one example; got shape {X.shape}")
        if width is not None and X.shape[1] != width:
            raise ValueError(
                f"{what} expected input width {width}; got {X.shape[1]} (X has shape {X.shape})"
            )
        if not np.isfinite(X).all():
            raise ValueError(f"{what}: X must be finite; it contains NaN or inf")
        return X

    def _check_upstream(self, dA: object, expected_shape: tuple[int, ...] | None) -> np.ndarray:
        """Validate a backward input against the shape of the last forward output."""
        what = f"{type(self).__name__} layer {self.name!r}"
        if expected_shape is None:
            raise RuntimeError(f"{what}: backward called before forward")
        if not isinstance(dA, np.ndarray):
            raise TypeError(f"{what}: dA must be a numpy array; got {type(dA).__name__}")
        if dA.shape != expected_shape:
            raise ValueError(
                f"{what}: dA must have the shape of the last output {expected_shape}; "
                f"got {dA.shape}"
            )
        return dA
