"""The two building blocks of every network: a trainable ``Parameter`` and a ``Layer``.

A layer maps a batch ``X`` of shape ``(n, d_in)`` (examples are rows) to a batch
of shape ``(n, d_out)`` in :meth:`Layer.forward`, keeping only what its
backward pass needs. :meth:`Layer.backward` receives the gradient of the cost
with respect to its output, **overwrites** the ``grad`` of each of its
parameters, and returns the gradient with respect to its input, which the
previous layer receives in turn. Optimizers see only the list returned by
:meth:`Layer.parameters`.

A layer may hold other layers (:meth:`Layer.sublayers`): a network
(:class:`~nnfs_lib.layers.Sequential`) and a residual block are layers made of
layers. Their parameters are named by their path when asked
(:meth:`Layer.named_parameters`: ``"1_residual.0_dense.W"``), never by renaming
what a constructor was given.

Every subclass's ``forward`` is a public boundary (:func:`nnfs_lib.validation.boundary`):
called by a reader, it checks its input; called by a network, which checked the
data where they entered, it checks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from nnfs_lib.validation import FLOAT_DTYPES, boundary, checking


class Parameter:
    """A trainable array and the gradient of the cost with respect to it.

    Attributes
    ----------
    data : numpy.ndarray
        The value. Optimizers update it in place, so views of it stay valid.
    grad : numpy.ndarray
        Same shape and dtype as ``data``; overwritten by each backward pass.
    name : str
        Its name in its layer, e.g. ``"W"``; the network's path to it comes from
        :meth:`Layer.named_parameters`.
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
    and list their own parameters in :meth:`parameters` (a layer made of
    layers lists them in :meth:`sublayers` instead). ``training`` switches
    layers that behave differently at inference time (dropout, batch norm).
    A layer with a fixed input width sets ``n_in``, and ``n_out`` when its
    output width is fixed too; a layer with parameters sets ``dtype``, the
    dtype of its parameters, which inputs must match.
    """

    name: str = "layer"
    training: bool = True
    n_in: int | None = None
    n_out: int | None = None
    dtype: np.dtype | None = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        forward = cls.__dict__.get("forward")
        if forward is not None and not getattr(forward, "__nnfs_boundary__", False):
            cls.forward = boundary(forward)

    def forward(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dA: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward_to_parameters(self, dA: np.ndarray) -> None:
        """:meth:`backward` for a layer whose input needs no gradient (the data): the
        parameters' ``grad`` only. By default the whole backward, its result unused;
        :class:`~nnfs_lib.layers.Dense` skips ``dX`` (:mod:`nnfs_lib.fast`)."""
        self.backward(dA)

    def sublayers(self) -> list[Layer]:
        """The layers this one is made of (none for a plain layer)."""
        return []

    def parameters(self) -> list[Parameter]:
        """The trainable parameters: the layer's own, or those of its sublayers in order."""
        return [p for layer in self.sublayers() for p in layer.parameters()]

    def named_parameters(self, prefix: str = "") -> list[tuple[str, Parameter]]:
        """``(path, parameter)`` pairs; the path is ``prefix`` plus the parameter's name."""
        return [(prefix + p.name, p) for p in self.parameters()]

    def buffers(self) -> dict[str, np.ndarray]:
        """State saved with the weights but not trained by gradients (none by default)."""
        return {}

    def walk(self) -> Iterator[Layer]:
        """This layer, then every layer inside it, depth first."""
        yield self
        for layer in self.sublayers():
            yield from layer.walk()

    def n_parameters(self) -> int:
        """The number of trainable scalars."""
        return sum(p.data.size for p in self.parameters())

    def train(self) -> Layer:
        """Switch this layer and every layer inside it to training mode; returns the layer."""
        for layer in self.walk():
            layer.training = True
        return self

    def eval(self) -> Layer:
        """Switch this layer and every layer inside it to inference mode; returns the layer."""
        for layer in self.walk():
            layer.training = False
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Forward pass in inference mode; every layer's previous mode is restored afterwards."""
        modes = [(layer, layer.training) for layer in self.walk()]
        self.eval()
        try:
            return self.forward(X)
        finally:
            for layer, mode in modes:
                layer.training = mode

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    def _check_input(self, X: object, name: str | None = None) -> None:
        """Refuse a forward input that is not a non-empty 2-D float array of the layer's width and dtype.

        Finiteness is not checked here: a network checks the data once, where
        they enter it. Inside a network (or any other validated call) this checks
        nothing. ``name``: how messages name the layer (a network gives its path).
        """
        if not checking():
            return
        what = f"{type(self).__name__} layer {(name or self.name)!r}"
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
