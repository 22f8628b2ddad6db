"""A batch flows forward through a 3-4-2 network as matrix products, shapes shown.

Numbers: ``nnfs_lib.layers.Dense`` and ``nnfs_lib.layers.ReLU`` in an
``nnfs_lib.layers.Sequential`` (see ``network_example``), run layer by layer.
"""

from __future__ import annotations

import itertools

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
    Write,
)

from animations import style
from animations.scenes.network_example import forward_steps, network_and_batch
from animations.widgets import BookScene, MatrixView, box_row, label, title

CELL = {"cell_width": 0.92, "size": 18}


def _pipeline() -> VGroup:
    """The network as a strip of boxes: X → Dense → ReLU → Dense → Ŷ."""
    strip = box_row(
        ["X", "Dense 3→4", "ReLU", "Dense 4→2", "Ŷ"],
        [style.INPUT, style.WEIGHT, style.ACTIVATION, style.WEIGHT, style.ACTIVATION],
        widths=[1.0, 2.0, 1.3, 2.0, 1.0],
        buff=0.55,
    ).scale(0.8)
    parts = list(strip)
    arrows = VGroup(
        *[
            label("→", color=style.MUTED).move_to((a.get_right() + b.get_left()) / 2)
            for a, b in itertools.pairwise(parts)
        ]
    )
    return VGroup(strip, arrows)


class Animation(BookScene):
    def construct(self) -> None:
        net, X, _ = network_and_batch()
        out = forward_steps(net, X)
        Z1, A1, Y_hat = out["Z1"], out["A1"], out["Y_hat"]
        W1, b1, W2, b2 = net[0].W.data, net[0].b.data, net[2].W.data, net[2].b.data
        self.facts = {
            "n": str(X.shape[0]),
            "zeros": str(int((Z1 <= 0).sum())),
            "y0": ", ".join(style.number(v) for v in Y_hat[0]),
        }
        self.play(Write(title("A batch through a network:  Z = X W + b")), run_time=0.7)
        pipeline = _pipeline().next_to(UP * 2.9, DOWN, buff=0.1)
        self.play(FadeIn(pipeline), run_time=0.5)
        stages = pipeline[0]

        def focus(i: int) -> SurroundingRectangle:
            return SurroundingRectangle(stages[i], color=style.FOREGROUND, buff=0.08)

        # Layer 1: X (4×3) W¹ (3×4) + b¹ = Z¹ (4×4).
        centre = DOWN * 0.5
        mX = MatrixView(X, "X", style.INPUT, **CELL)
        mW1 = MatrixView(W1, "W¹", style.WEIGHT, **CELL)
        mb1 = MatrixView(b1[None, :], "b¹", style.BIAS, **CELL)
        mZ1 = MatrixView(Z1, "Z¹", style.PRE_ACTIVATION, **CELL)
        times, plus, equals = label("·"), label("+"), label("=")
        VGroup(mX, times, mW1, equals, mZ1).arrange(RIGHT, buff=0.3).move_to(centre)
        mb1.next_to(mW1, DOWN, buff=0.3)
        plus.next_to(mb1, LEFT, buff=0.2)
        marker = focus(1)
        self.play(FadeIn(mX), Create(marker), run_time=0.6)
        self.play(FadeIn(times), FadeIn(mW1), FadeIn(plus), FadeIn(mb1), run_time=0.7)
        self.play(FadeIn(equals), FadeIn(mZ1), run_time=0.8)
        boxes = VGroup(mX.row_box(0, style.FOREGROUND), mZ1.row_box(0, style.FOREGROUND))
        self.play(Create(boxes), run_time=0.6)
        self.play(FadeOut(boxes), run_time=0.3)

        # ReLU: A¹ = max(0, Z¹), elementwise; the negative entries become 0.
        self.play(
            FadeOut(VGroup(mX, times, mW1, plus, mb1, equals)),
            mZ1.animate.move_to(LEFT * 3.2 + centre),
            marker.animate.become(focus(2)),
            run_time=0.7,
        )
        mA1 = MatrixView(A1, "A¹ = max(0, Z¹)", style.ACTIVATION, **CELL, show_shape=False)
        mA1.move_to(RIGHT * 3.2 + centre)
        relu_arrow = label("ReLU →", color=style.ACTIVATION).move_to(centre)
        negatives = VGroup(
            *[
                mZ1.cells[i][j]
                for i in range(Z1.shape[0])
                for j in range(Z1.shape[1])
                if Z1[i, j] <= 0
            ]
        )
        self.play(FadeIn(relu_arrow), Indicate(negatives, color=style.GRADIENT), run_time=0.8)
        self.play(FadeIn(mA1), run_time=0.6)
        self.wait(0.3)

        # Layer 2: A¹ (4×4) W² (4×2) + b² = Ŷ (4×2).
        mA1_small = MatrixView(A1, "A¹", style.ACTIVATION, **CELL)
        mW2 = MatrixView(W2, "W²", style.WEIGHT, **CELL)
        mb2 = MatrixView(b2[None, :], "b²", style.BIAS, **CELL)
        mY = MatrixView(Y_hat, "Ŷ", style.ACTIVATION, **CELL)
        times2, plus2, equals2 = label("·"), label("+"), label("=")
        row2 = VGroup(mA1_small, times2, mW2, plus2, mb2, equals2, mY)
        row2.arrange(RIGHT, buff=0.3).move_to(centre)
        mb2.align_to(mW2, UP)
        self.play(
            FadeOut(VGroup(mZ1, relu_arrow)),
            ReplacementTransform(mA1, mA1_small),
            marker.animate.become(focus(3)),
            run_time=0.7,
        )
        self.play(FadeIn(VGroup(times2, mW2, plus2, mb2)), run_time=0.7)
        self.play(FadeIn(equals2), FadeIn(mY), marker.animate.become(focus(4)), run_time=0.8)
        boxes = VGroup(mA1_small.row_box(0, style.FOREGROUND), mY.row_box(0, style.FOREGROUND))
        note = label(
            "one row per example, all the way through", color=style.MUTED, size=style.SMALL_SIZE
        ).to_edge(DOWN, buff=0.4)
        self.play(Create(boxes), FadeIn(note), run_time=0.6)
        self.wait(1.3)
