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

from nnfs_lib.validation import FLOAT_DTYPES


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
    A layer with a fixed input width sets ``n_in``; a layer with parameters
    sets ``dtype``, the dtype of its parameters, which inputs must match.
    """

    name: str = "layer"
    training: bool = True
    n_in: int | None = None
    dtype: np.dtype | None = None

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

    def _check_input(self, X: object) -> None:
        """Refuse a forward input that is not a non-empty 2-D float array of the layer's width and dtype.

        Finiteness is not checked here: :meth:`nnfs_lib.network.Sequential.forward`
        checks the data once where it enters the network.
        """
        what = f"{type(self).__name__} layer {self.name!r}"
        if not isinstance(X, np.ndarray) or X.dtype not in FLOAT_DTYPES:
            got = X.dtype if isinstance(X, np.ndarray) else type(X).__name__
            raise TypeError(f"{what}: X must be a float32 or float64 numpy array; got {got}")
        if X.ndim != 2 or X.shape[0] == 0:
            raise ValueError(f"{what}: X must have shape (n, d) with n >= 1; got {X.shape}")
        if self.n_in is not None and X.shape[1] != self.n_in:
            raise ValueError(
                f"{what} expected input width {self.n_in}; got {X.shape[1]} (X has shape {X.shape})"
            )
        if self.dtype is not None and X.dtype != self.dtype:
            raise TypeError(
                f"{what} holds {self.dtype} parameters but got {X.dtype} input; convert X with "
                f"X.astype(np.{self.dtype}) or build the layer with dtype=np.{X.dtype}"
            )
