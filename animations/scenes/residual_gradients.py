"""The gradient at every depth of a 32-layer plain MLP against the same depth with residual blocks.

Numbers: the page's two networks on the page's data (``nnfs_lib.data.make_spiral``,
``nnfs_lib.models.build_mlp`` and ``nnfs_lib.models.build_residual_mlp``), one
forward and one backward pass of ``SoftmaxCrossEntropy`` through
``nnfs_lib.diagnostics.record_pass``; each bar is the norm of the gradient
``dJ/dA`` arriving at one hidden layer's output (the output of a ReLU in the
plain network, of a residual block in the other).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    GrowFromEdge,
    LaggedStart,
    VGroup,
    Write,
)

from animations import style
from animations.widgets import BookScene, label, log_bar_panel, title
from nnfs_lib.data.toy import make_spiral
from nnfs_lib.diagnostics import record_pass, records_of_kind
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.models import build_mlp, build_residual_mlp

DEPTH = 32  # hidden layers (plain) or residual blocks
WIDTH = 32
LOG_RANGE = (-7, 1)  # the vertical axis, powers of ten


def hidden_gradient_norms() -> tuple[np.ndarray, np.ndarray]:
    """‖∂J/∂A^[l]‖ at each of the DEPTH hidden outputs, plain network and residual network."""
    X, y = make_spiral(100, 3, rng=0)
    plain = build_mlp([2] + [WIDTH] * DEPTH + [3], 0)
    residual = build_residual_mlp(2, WIDTH, DEPTH, 3, 0)
    norms = []
    for net, kind in ((plain, "ReLU"), (residual, "Residual")):
        records = records_of_kind(record_pass(net, X, y, SoftmaxCrossEntropy()), kind)
        norms.append(np.array([r.grad_norm for r in records]))
    return norms[0], norms[1]


def _panel(norms: np.ndarray, name: str, color: str, centre: np.ndarray) -> tuple:
    """One panel: a bar per depth, a tick label every 8 depths."""
    return log_bar_panel(norms, name, color, centre, log_range=LOG_RANGE, size=(5.4, 4.0),
                         bar_fraction=0.7, tick_every=8, name_size=style.SMALL_SIZE + 2,
                         xlabel="depth l (input side → output side)", xlabel_size=15)  # fmt: skip


class Animation(BookScene):
    def construct(self) -> None:
        plain, residual = hidden_gradient_norms()
        self.facts = {
            "depth": str(DEPTH),
            "width": str(WIDTH),
            "plain_last": style.scientific(plain[-1]),
            "plain_first": style.scientific(plain[0]),
            "plain_ratio": style.scientific(plain[-1] / plain[0], 0),
            "res_last": style.scientific(residual[-1]),
            "res_first": style.scientific(residual[0]),
            "res_min": style.scientific(residual.min()),
            "res_max": style.scientific(residual.max()),
        }
        self.play(
            Write(title("The gradient reaching each depth,  ‖∂J/∂A‖  (log scale)")), run_time=0.8
        )
        left_frame, left_bars = _panel(plain, "plain: Dense → ReLU", style.ACTIVATION,
                                       LEFT * 3.35 + DOWN * 0.15)  # fmt: skip
        right_frame, right_bars = _panel(residual, "residual: A + Dense(ReLU(LN(A)))",
                                         style.SECOND, RIGHT * 3.55 + DOWN * 0.15)  # fmt: skip
        self.play(Create(left_frame), Create(right_frame), run_time=1.0)
        arrow = label("← the gradient flows back from the output", color=style.GRADIENT, size=18)
        arrow.move_to(UP * 2.75)
        self.play(FadeIn(arrow), run_time=0.4)
        order = list(reversed(range(DEPTH)))
        self.play(
            LaggedStart(*[GrowFromEdge(left_bars[i], DOWN) for i in order], lag_ratio=0.15),
            LaggedStart(*[GrowFromEdge(right_bars[i], DOWN) for i in order], lag_ratio=0.15),
            run_time=5.0,
        )
        notes = VGroup(
            label(
                f"{self.facts['plain_last']} at depth {DEPTH}, {self.facts['plain_first']} at depth 1",
                color=style.ACTIVATION,
                size=17,
            ).next_to(left_frame, DOWN, buff=0.12),
            label(
                f"between {self.facts['res_min']} and {self.facts['res_max']} at every depth",
                color=style.SECOND,
                size=17,
            ).next_to(right_frame, DOWN, buff=0.12),
        )
        self.play(FadeIn(notes), run_time=0.6)
        self.wait(2.0)
