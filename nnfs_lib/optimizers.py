"""Optimizers: each updates a list of :class:`~nnfs_lib.layers.Parameter` in place.

An optimizer is built on ``network.parameters()`` and its :meth:`Optimizer.step`
applies one update from the gradients the last backward pass left in each
parameter's ``grad``. Updates are in place, so the arrays a layer holds are the
arrays that change.

The update rules follow the definitions of ``torch.optim`` exactly (same
hyperparameter names where they exist, same placement of ``eps``, same
momentum buffer), so that a step of ours and a step of PyTorch agree to the
last bits a float allows. Each optimizer keeps its per-parameter state in
``state[index]``, a dict of arrays shaped like that parameter, which a reader
(or a test) can inspect after any step.

The update rules are derived in the chapter "Optimizers" (``book/part3/optimizers.md``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nnfs_lib.layers.base import Parameter
from nnfs_lib.validation import check_in_range, check_positive, check_real


def _check_weight_decay(weight_decay: object) -> float:
    value = check_real("weight_decay", weight_decay)
    if value < 0:
        raise ValueError(f"weight_decay must be >= 0; got {value}")
    return value


class Optimizer:
    """Base class: holds the parameters, the learning rate ``lr`` and per-parameter state.

    Attributes
    ----------
    parameters : list of Parameter
    lr : float
        The learning rate :math:`\\eta`. Must be > 0 when the optimizer is built;
        a learning-rate schedule may later lower it, down to 0 at the end of a
        cosine schedule, but never below.
    t : int
        The number of steps taken so far.
    state : dict[int, dict[str, numpy.ndarray]]
        ``state[i]`` holds the buffers of ``parameters[i]`` (empty for SGD).
    """

    def __init__(self, parameters: Iterable[Parameter], lr: float) -> None:
        self.parameters = list(parameters)
        if not self.parameters:
            raise ValueError("parameters must not be empty")
        for i, p in enumerate(self.parameters):
            if not isinstance(p, Parameter):
                raise TypeError(f"parameters[{i}] must be a Parameter; got {type(p).__name__}")
        self._lr = check_positive("lr", lr)
        self.t = 0  # number of steps taken
        self.state: dict[int, dict[str, np.ndarray]] = {i: {} for i in range(len(self.parameters))}
        self._scratch: dict[int, np.ndarray] = {}

    @property
    def lr(self) -> float:
        """The current learning rate."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        value = check_real("lr", value)
        if value < 0:
            raise ValueError(f"lr must be >= 0 (a schedule may reach 0, never below); got {value}")
        self._lr = value

    def step(self) -> None:
        """Apply one update to every parameter from its current ``grad``."""
        self.t += 1
        for index, p in enumerate(self.parameters):
            self._update(index, p)

    def _update(self, index: int, p: Parameter) -> None:
        raise NotImplementedError

    def _work(self, index: int, p: Parameter) -> np.ndarray:
        """A scratch array shaped like ``p``, allocated once and reused at every step.

        The updates below write their intermediate results into it with
        ``out=`` and in-place operators instead of creating new arrays: an
        epoch of the Part III benchmark makes millions of such elementwise
        passes, and allocating a fresh array for each was a third of the
        optimizer's time.
        """
        work = self._scratch.get(index)
        if work is None:
            work = self._scratch[index] = np.empty_like(p.data)
        return work

    def _gradient(self, p: Parameter, weight_decay: float) -> np.ndarray:
        """The gradient with the L2 term ``weight_decay * theta`` added (eq. ``eq-opt-l2``)."""
        if weight_decay == 0:
            return p.grad
        return p.grad + p.data.dtype.type(weight_decay) * p.data

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr}, {len(self.parameters)} parameters)"


class SGD(Optimizer):
    r"""Plain gradient descent :math:`\theta \leftarrow \theta - \eta\, g` (eq. ``eq-sgd``).

    With ``weight_decay`` :math:`\lambda > 0` the gradient is
    :math:`g = \nabla_\theta J + \lambda\theta` (L2 regularization), as in
    ``torch.optim.SGD``.
    """

    def __init__(
        self, parameters: Iterable[Parameter], lr: float, *, weight_decay: float = 0.0
    ) -> None:
        super().__init__(parameters, lr)
        self.weight_decay = _check_weight_decay(weight_decay)

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p, self.weight_decay)
        p.data -= p.data.dtype.type(self.lr) * g


class Momentum(Optimizer):
    r"""SGD with (heavy-ball or Nesterov) momentum, as ``torch.optim.SGD(momentum=mu)``.

    With :math:`g` the gradient (plus :math:`\lambda\theta` for weight decay)
    and the buffer :math:`b` starting at 0 (eq. ``eq-opt-momentum``):

    .. math::
        b \leftarrow \mu b + g, \qquad
        \theta \leftarrow \theta - \eta\, b .

    With ``nesterov=True`` the step uses the look-ahead gradient
    :math:`g + \mu b` (with the *new* :math:`b`) instead of :math:`b`
    (eq. ``eq-opt-nesterov``). PyTorch's ``dampening`` is 0 here.

    ``state[i]["momentum_buffer"]`` holds :math:`b` for parameter ``i``.
    """

    def __init__(
        self,
        parameters: Iterable[Parameter],
        lr: float,
        momentum: float = 0.9,
        *,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(parameters, lr)
        self.momentum = check_in_range("momentum", momentum, 0.0, 1.0)
        if not isinstance(nesterov, bool):
            raise TypeError(f"nesterov must be True or False; got {nesterov!r}")
        self.nesterov = nesterov
        self.weight_decay = _check_weight_decay(weight_decay)

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p, self.weight_decay)
        state = self.state[index]
        if "momentum_buffer" not in state:
            state["momentum_buffer"] = np.zeros_like(p.data)
        b = state["momentum_buffer"]
        mu = p.data.dtype.type(self.momentum)
        b *= mu
        b += g
        direction = g + mu * b if self.nesterov else b
        p.data -= p.data.dtype.type(self.lr) * direction


class RMSProp(Optimizer):
    r"""RMSProp, as ``torch.optim.RMSprop`` (with ``alpha`` = our ``rho``, no momentum, not centred).

    With the running average :math:`s` of squared gradients starting at 0 (eq. ``eq-opt-rmsprop``):

    .. math::
        s \leftarrow \rho s + (1 - \rho)\, g \odot g, \qquad
        \theta \leftarrow \theta - \eta\, \frac{g}{\sqrt{s} + \epsilon} .

    ``eps`` is added *outside* the square root, as in PyTorch (Keras puts it
    inside). ``state[i]["square_avg"]`` holds :math:`s`.
    """

    def __init__(
        self,
        parameters: Iterable[Parameter],
        lr: float = 0.01,
        rho: float = 0.99,
        eps: float = 1e-8,
        *,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(parameters, lr)
        self.rho = check_in_range("rho", rho, 0.0, 1.0)
        self.eps = check_positive("eps", eps)
        self.weight_decay = _check_weight_decay(weight_decay)

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p, self.weight_decay)
        state = self.state[index]
        if "square_avg" not in state:
            state["square_avg"] = np.zeros_like(p.data)
        s = state["square_avg"]
        dtype = p.data.dtype.type
        work = self._work(index, p)
        # Same order of floating-point operations as torch.optim.RMSprop.
        s *= dtype(self.rho)  # s <- rho s + (1 - rho) g^2
        np.multiply(g, g, out=work)
        work *= dtype(1 - self.rho)
        s += work
        np.sqrt(s, out=work)  # theta <- theta - lr g / (sqrt(s) + eps)
        work += dtype(self.eps)
        np.divide(g, work, out=work)
        work *= dtype(self.lr)
        p.data -= work


class Adam(Optimizer):
    r"""Adam with bias correction, as ``torch.optim.Adam`` (``amsgrad=False``).

    With :math:`m, v` starting at 0 and :math:`t` the step number (eqs.
    ``eq-opt-adam-moments`` and ``eq-opt-adam-update``):

    .. math::
        m &\leftarrow \beta_1 m + (1 - \beta_1) g, \qquad
        v \leftarrow \beta_2 v + (1 - \beta_2) g \odot g, \\
        \hat m &= \frac{m}{1 - \beta_1^t}, \qquad \hat v = \frac{v}{1 - \beta_2^t}, \qquad
        \theta \leftarrow \theta - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon} .

    ``eps`` is added after the square root of the *bias-corrected* :math:`\hat v`,
    as PyTorch does. ``weight_decay`` adds :math:`\lambda\theta` to the gradient
    (L2, coupled with the adaptive scaling); for decoupled decay use :class:`AdamW`.
    ``state[i]["exp_avg"]`` and ``state[i]["exp_avg_sq"]`` hold :math:`m` and :math:`v`.
    """

    def __init__(
        self,
        parameters: Iterable[Parameter],
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        *,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(parameters, lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2); got {betas!r}")
        self.beta1 = check_in_range("betas[0]", betas[0], 0.0, 1.0)
        self.beta2 = check_in_range("betas[1]", betas[1], 0.0, 1.0)
        self.eps = check_positive("eps", eps)
        self.weight_decay = _check_weight_decay(weight_decay)

    def _coupled_decay(self) -> float:
        return self.weight_decay

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p, self._coupled_decay())
        state = self.state[index]
        if "exp_avg" not in state:
            state["exp_avg"] = np.zeros_like(p.data)
            state["exp_avg_sq"] = np.zeros_like(p.data)
        m, v = state["exp_avg"], state["exp_avg_sq"]
        dtype = p.data.dtype.type
        work = self._work(index, p)  # every intermediate goes here: no new arrays
        # m <- beta1 m + (1 - beta1) g, written m + (1 - beta1)(g - m) as torch's lerp_ does.
        np.subtract(g, m, out=work)
        work *= dtype(1 - self.beta1)
        m += work
        # v <- beta2 v + (1 - beta2) g^2
        v *= dtype(self.beta2)
        np.multiply(g, g, out=work)
        work *= dtype(1 - self.beta2)
        v += work
        # theta <- theta - lr / (1 - beta1^t) * m / (sqrt(v) / c + eps), c = sqrt(1 - beta2^t),
        # computed as (lr c / (1 - beta1^t)) * m / (sqrt(v) + eps c): the same number,
        # one pass over the array fewer.
        c = np.sqrt(1 - self.beta2**self.t)
        np.sqrt(v, out=work)
        work += dtype(self.eps * c)
        np.divide(m, work, out=work)
        work *= dtype(self.lr * c / (1 - self.beta1**self.t))
        p.data -= work


class AdamW(Adam):
    r"""Adam with *decoupled* weight decay, as ``torch.optim.AdamW`` (eq. ``eq-opt-adamw``).

    Before the Adam step (which sees the plain gradient), the weights shrink:
    :math:`\theta \leftarrow \theta - \eta\lambda\theta`. The decay is therefore
    the same for every weight, whatever the size of its gradients, unlike the
    L2 term of :class:`Adam` which the adaptive denominator rescales.
    The default ``weight_decay=0.01`` is PyTorch's.
    """

    def __init__(
        self,
        parameters: Iterable[Parameter],
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        *,
        weight_decay: float = 0.01,
    ) -> None:
        super().__init__(parameters, lr, betas, eps, weight_decay=weight_decay)

    def _coupled_decay(self) -> float:
        return 0.0

    def _update(self, index: int, p: Parameter) -> None:
        if self.weight_decay:
            p.data *= p.data.dtype.type(1 - self.lr * self.weight_decay)
        super()._update(index, p)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "rmsprop": RMSProp,
    "adam": Adam,
    "adamw": AdamW,
}
"""The optimizers by name, for tables and ablations."""
