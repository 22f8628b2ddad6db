"""Optimizers: each updates a list of :class:`~nnfs_lib.layers.Parameter` in place.

An optimizer is built on ``network.parameters()`` and its :meth:`Optimizer.step`
applies one update from the gradients the last backward pass left in each
parameter's ``grad``. Updates are in place, so the arrays a layer holds are the
arrays that change.

The update rules follow the definitions of ``torch.optim`` exactly (same
hyperparameter names where they exist, same placement of ``eps``, same
momentum buffer), so that a step of ours and a step of PyTorch agree to the
last bits a float allows. Each update is written the way its equation reads
(``_update``, the method the pages show); Adam and RMSProp run by default the
in-place forms of :mod:`nnfs_lib.fast` (``_update_in_place``), which save
memory traffic and are tested equal to the equations (``fused=False`` runs the
equation itself).
Each optimizer keeps its per-parameter state in
``state[index]``, a dict of arrays shaped like that parameter, which a reader
(or a test) can inspect after any step.

The update rules are derived in the chapter "Optimizers" (``book/part3/optimizers.md``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nnfs_lib import fast
from nnfs_lib.layers.base import Parameter
from nnfs_lib.validation import check_instances, check_scalar


class Optimizer:
    """Base class: holds the parameters, the learning rate ``lr`` and per-parameter state.

    Attributes
    ----------
    parameters : list of Parameter
    lr : float
        The learning rate :math:`\\eta`. Must be > 0 when the optimizer is built;
        a learning-rate schedule may later lower it, down to 0 at the end of a
        cosine schedule, but never below.
    weight_decay : float
        :math:`\\lambda \\ge 0`; the gradient becomes :math:`g + \\lambda\\theta`
        (L2 regularization, eq. ``eq-opt-l2``), as in ``torch.optim``.
    t : int
        The number of steps taken so far.
    state : dict[int, dict[str, numpy.ndarray]]
        ``state[i]`` holds the buffers of ``parameters[i]`` (empty for SGD).
    fused : bool
        Run ``_update_in_place`` (the :mod:`nnfs_lib.fast` form) instead of ``_update``;
        only optimizers that have one set it.
    """

    fused: bool = False

    def __init__(
        self, parameters: Iterable[Parameter], lr: float, *, weight_decay: float = 0.0
    ) -> None:
        self.parameters = check_instances("parameters", parameters, Parameter)
        self._lr = check_scalar("lr", lr, low=0.0, closed="right")
        self.weight_decay = check_scalar("weight_decay", weight_decay, low=0.0)
        self.t = 0  # number of steps taken
        self.state: dict[int, dict[str, np.ndarray]] = {i: {} for i in range(len(self.parameters))}

    @property
    def lr(self) -> float:
        """The current learning rate (a schedule may lower it to 0, never below)."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = check_scalar("lr", value, low=0.0)

    def step(self) -> None:
        """Apply one update to every parameter from its current ``grad``."""
        self.t += 1
        update = self._update_in_place if self.fused else self._update
        for index, p in enumerate(self.parameters):
            update(index, p)

    def _update(self, index: int, p: Parameter) -> None:
        raise NotImplementedError

    def _update_in_place(self, index: int, p: Parameter) -> None:
        raise NotImplementedError

    def _buffers(self, index: int, p: Parameter, *names: str) -> list[np.ndarray]:
        """``state[index][name]`` for each name (zeros the first time), then a scratch array."""
        state, scratch = self.state[index], self.__dict__.setdefault("_scratch", {})
        for name in names:
            if name not in state:
                state[name] = np.zeros_like(p.data)
        if index not in scratch:
            scratch[index] = np.empty_like(p.data)
        return [*(state[name] for name in names), scratch[index]]

    def _gradient(self, p: Parameter) -> np.ndarray:
        """The gradient ``g``, with the L2 term ``weight_decay * theta`` added (eq. ``eq-opt-l2``)."""
        if self.weight_decay == 0:
            return p.grad
        return p.grad + self.weight_decay * p.data

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr}, {len(self.parameters)} parameters)"


class SGD(Optimizer):
    r"""Plain gradient descent :math:`\theta \leftarrow \theta - \eta\, g` (eq. ``eq-sgd``), as ``torch.optim.SGD``."""

    def _update(self, index: int, p: Parameter) -> None:
        p.data -= self.lr * self._gradient(p)


class Momentum(Optimizer):
    r"""SGD with (heavy-ball or Nesterov) momentum, as ``torch.optim.SGD(momentum=rho)``.

    With :math:`\mathbf{g}` the gradient, :math:`\rho` = ``momentum`` and the buffer
    :math:`\mathbf{m}` starting at 0 (eq. ``eq-opt-momentum``):

    .. math::
        \mathbf{m} \leftarrow \rho\, \mathbf{m} + \mathbf{g}, \qquad
        \boldsymbol\theta \leftarrow \boldsymbol\theta - \eta\, \mathbf{m} .

    With ``nesterov=True`` the step uses the look-ahead gradient
    :math:`\mathbf{g} + \rho\, \mathbf{m}` (with the *new* :math:`\mathbf{m}`) instead of
    :math:`\mathbf{m}` (eq. ``eq-opt-nesterov``). PyTorch's ``dampening`` is 0 here.
    ``state[i]["momentum_buffer"]`` holds :math:`\mathbf{m}` for parameter ``i``.
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
        super().__init__(parameters, lr, weight_decay=weight_decay)
        self.momentum = check_scalar("momentum", momentum, low=0.0, high=1.0, closed="left")
        if not isinstance(nesterov, bool):
            raise TypeError(f"nesterov must be True or False; got {nesterov!r}")
        self.nesterov = nesterov

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p)
        state = self.state[index]
        m = state.get("momentum_buffer", 0.0)  # m starts at 0
        m = self.momentum * m + g
        direction = g + self.momentum * m if self.nesterov else m
        p.data -= self.lr * direction
        state["momentum_buffer"] = m


class RMSProp(Optimizer):
    r"""RMSProp, as ``torch.optim.RMSprop`` (with ``alpha`` = our ``rho``, no momentum, not centred).

    With the running average :math:`\mathbf{v}` of squared gradients starting at 0
    (eq. ``eq-opt-rmsprop``):

    .. math::
        \mathbf{v} \leftarrow \rho\, \mathbf{v} + (1 - \rho)\, \mathbf{g} \odot \mathbf{g}, \qquad
        \boldsymbol\theta \leftarrow \boldsymbol\theta - \eta\, \frac{\mathbf{g}}{\sqrt{\mathbf{v}} + \epsilon} .

    ``eps`` is added *outside* the square root, as in PyTorch (Keras puts it
    inside). ``state[i]["square_avg"]`` holds :math:`\mathbf{v}`.
    """

    def __init__(
        self,
        parameters: Iterable[Parameter],
        lr: float = 0.01,
        rho: float = 0.99,
        eps: float = 1e-8,
        *,
        weight_decay: float = 0.0,
        fused: bool = True,
    ) -> None:
        super().__init__(parameters, lr, weight_decay=weight_decay)
        self.rho = check_scalar("rho", rho, low=0.0, high=1.0, closed="left")
        self.eps = check_scalar("eps", eps, low=0.0, closed="right")
        self.fused = bool(fused)

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p)
        state = self.state[index]
        v = state.get("square_avg", 0.0)  # v starts at 0
        v = self.rho * v + (1 - self.rho) * g**2
        p.data -= self.lr * g / (np.sqrt(v) + self.eps)
        state["square_avg"] = v

    def _update_in_place(self, index: int, p: Parameter) -> None:
        v, work = self._buffers(index, p, "square_avg")
        fast.rmsprop_update(
            p.data, self._gradient(p), v, work, lr=self.lr, rho=self.rho, eps=self.eps
        )


class Adam(Optimizer):
    r"""Adam with bias correction, as ``torch.optim.Adam`` (``amsgrad=False``).

    With :math:`\mathbf{m}, \mathbf{v}` starting at 0, :math:`t` the step number and
    ``betas`` = :math:`(\rho_1, \rho_2)` (eqs. ``eq-opt-adam-moments`` and ``eq-opt-adam-update``):

    .. math::
        \mathbf{m} &\leftarrow \rho_1 \mathbf{m} + (1 - \rho_1) \mathbf{g}, \qquad
        \mathbf{v} \leftarrow \rho_2 \mathbf{v} + (1 - \rho_2) \mathbf{g} \odot \mathbf{g}, \\
        \hat{\mathbf{m}} &= \frac{\mathbf{m}}{1 - \rho_1^t}, \qquad
        \hat{\mathbf{v}} = \frac{\mathbf{v}}{1 - \rho_2^t}, \qquad
        \boldsymbol\theta \leftarrow \boldsymbol\theta - \eta\,
        \frac{\hat{\mathbf{m}}}{\sqrt{\hat{\mathbf{v}}} + \epsilon} .

    ``eps`` is added after the square root of the *bias-corrected* :math:`\hat{\mathbf{v}}`,
    as PyTorch does. ``weight_decay`` adds :math:`\lambda\theta` to the gradient
    (L2, coupled with the adaptive scaling); for decoupled decay use :class:`AdamW`.
    ``state[i]["exp_avg"]`` and ``state[i]["exp_avg_sq"]`` hold :math:`\mathbf{m}` and :math:`\mathbf{v}`.
    """

    def __init__(
        self,
        parameters: Iterable[Parameter],
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        *,
        weight_decay: float = 0.0,
        fused: bool = True,
    ) -> None:
        super().__init__(parameters, lr, weight_decay=weight_decay)
        self.fused = bool(fused)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2); got {betas!r}")
        self.beta1 = check_scalar("betas[0]", betas[0], low=0.0, high=1.0, closed="left")
        self.beta2 = check_scalar("betas[1]", betas[1], low=0.0, high=1.0, closed="left")
        self.eps = check_scalar("eps", eps, low=0.0, closed="right")

    def _update(self, index: int, p: Parameter) -> None:
        g, t = self._gradient(p), self.t
        state = self.state[index]
        m = state.get("exp_avg", 0.0)  # m and v start at 0
        v = state.get("exp_avg_sq", 0.0)
        m = self.beta1 * m + (1 - self.beta1) * g
        v = self.beta2 * v + (1 - self.beta2) * g**2
        m_hat = m / (1 - self.beta1**t)
        v_hat = v / (1 - self.beta2**t)
        p.data -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        state["exp_avg"], state["exp_avg_sq"] = m, v

    def _update_in_place(self, index: int, p: Parameter) -> None:
        m, v, work = self._buffers(index, p, "exp_avg", "exp_avg_sq")
        fast.adam_update(
            p.data, self._gradient(p), m, v, work,
            lr=self.lr, beta1=self.beta1, beta2=self.beta2, eps=self.eps, t=self.t,
        )  # fmt: skip


class AdamW(Adam):
    r"""Adam with *decoupled* weight decay, as ``torch.optim.AdamW`` (eq. ``eq-opt-adamw``).

    Before the Adam step (which sees the plain gradient), the weights shrink:
    :math:`\theta \leftarrow \theta - \eta\lambda\theta`. The decay is therefore
    the same for every weight, whatever the size of its gradients, unlike the
    L2 term of :class:`Adam` which the adaptive denominator rescales.
    Takes :class:`Adam`'s arguments; only the default ``weight_decay=0.01`` (PyTorch's) differs.
    """

    def __init__(self, *args: object, weight_decay: float = 0.01, **kwargs: object) -> None:
        super().__init__(*args, weight_decay=weight_decay, **kwargs)

    def _gradient(self, p: Parameter) -> np.ndarray:
        return p.grad  # the decay is applied to theta directly, not through g

    def _update(self, index: int, p: Parameter) -> None:
        p.data -= self.lr * self.weight_decay * p.data
        super()._update(index, p)

    def _update_in_place(self, index: int, p: Parameter) -> None:
        p.data -= self.lr * self.weight_decay * p.data
        super()._update_in_place(index, p)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "rmsprop": RMSProp,
    "adam": Adam,
    "adamw": AdamW,
}
"""The optimizers by name, for tables and ablations."""
