"""Gradients flow backward through the 3-4-2 network: upstream gradient times local derivative.

Numbers: the network, batch and targets of ``network_example``; the loss
``nnfs_lib.losses.MeanSquaredError``; each layer's own ``backward`` (the
calls ``nnfs_lib.layers.Sequential.backward`` makes, one at a time so every
intermediate gradient can be shown, checked against the network's result).
"""

from __future__ import annotations

import itertools

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    SurroundingRectangle,
    VGroup,
    Write,
)

from animations import style
from animations.scenes.network_example import forward_steps, network_and_batch
from animations.widgets import BookScene, MatrixView, box_row, label, title
from nnfs_lib.losses import MeanSquaredError

CELL = {"cell_width": 0.98, "size": 16, "digits": 3, "cell_height": 0.38}


def backward_steps() -> dict[str, np.ndarray]:
    """Every gradient of one backward pass, layer by layer."""
    net, X, Y = network_and_batch()
    forward = forward_steps(net, X)
    loss = MeanSquaredError()
    loss.forward(forward["Y_hat"], Y)
    dY = loss.backward()
    dA1 = net[2].backward(dY)
    gW2 = net[2].W.grad.copy()
    dZ1 = net[1].backward(dA1)
    dX = net[0].backward(dZ1)
    gW1 = net[0].W.grad.copy()
    np.testing.assert_array_equal(dX, net.backward(dY))  # the same as the network's pass
    return {
        "X": X,
        "Z1": forward["Z1"],
        "A1": forward["A1"],
        "W2": net[2].W.data,
        "dY": dY,
        "gW2": gW2,
        "dA1": dA1,
        "mask": (forward["Z1"] > 0).astype(float),
        "dZ1": dZ1,
        "gW1": gW1,
    }


def _graph() -> tuple[VGroup, list[VGroup]]:
    row = box_row(
        ["X", "Dense¹", "ReLU", "Dense²", "Ŷ", "J (MSE)"],
        [style.INPUT, style.WEIGHT, style.ACTIVATION, style.WEIGHT, style.ACTIVATION, style.COST],
        widths=[0.9, 1.6, 1.4, 1.6, 0.9, 1.6],
        buff=0.75,
    ).move_to(UP * 2.3)
    nodes = list(row)
    forward = VGroup(
        *[
            Arrow(a.get_right(), b.get_left(), buff=0.08, color=style.MUTED, stroke_width=3)
            for a, b in itertools.pairwise(nodes)
        ]
    )
    return VGroup(row, forward), nodes


class Animation(BookScene):
    def construct(self) -> None:
        g = backward_steps()
        self.facts = {
            "n": str(g["X"].shape[0]),
            "zeros": str(int((g["mask"] == 0).sum())),
            "size": str(g["mask"].size),
            "gW1_max": style.number(np.abs(g["gW1"]).max(), 3),
        }
        self.play(Write(title("Backpropagation:  downstream = upstream × local")), run_time=0.7)
        graph, nodes = _graph()
        self.play(FadeIn(graph), run_time=0.6)

        shown = VGroup()
        centre = DOWN * 1.0

        def back_arrow(i: int, text: str) -> VGroup:
            a, b = nodes[i + 1], nodes[i]
            arrow = Arrow(
                a.get_bottom() + DOWN * 0.15 + LEFT * 0.2,
                b.get_bottom() + DOWN * 0.15 + RIGHT * 0.2,
                buff=0.0,
                color=style.GRADIENT,
                stroke_width=4,
            )
            name = label(text, color=style.GRADIENT, size=16).next_to(arrow, DOWN, buff=0.05)
            return VGroup(arrow, name)

        def beat(i: int, arrow_text: str, parts: list, note: str, hold: float) -> None:
            nonlocal shown
            row = VGroup(*parts).arrange(RIGHT, buff=0.25).move_to(centre)
            caption = label(note, color=style.MUTED, size=style.SMALL_SIZE).to_edge(DOWN, buff=0.35)
            focus = SurroundingRectangle(nodes[i + 1], color=style.GRADIENT, buff=0.08)
            arrow = back_arrow(i, arrow_text)
            self.play(
                FadeOut(shown),
                GrowArrow(arrow[0]),
                FadeIn(arrow[1]),
                Create(focus),
                run_time=0.6,
            )
            self.play(FadeIn(row), FadeIn(caption), run_time=0.7)
            self.wait(hold)
            self.play(FadeOut(focus), run_time=0.2)
            shown = VGroup(row, caption)

        # The loss: ∂J/∂Ŷ.
        beat(
            3,
            "∂J/∂Ŷ",
            [MatrixView(g["dY"], "∂J/∂Ŷ", style.GRADIENT, **CELL)],
            "MSE: ∂J/∂Ŷ = (2 / nk)(Ŷ − Y), one row per example",
            0.9,
        )
        # Dense²: ∂J/∂A¹ = ∂J/∂Ŷ · W²ᵀ, and W² gets A¹ᵀ · ∂J/∂Ŷ.
        beat(
            2,
            "∂J/∂A¹",
            [
                MatrixView(g["dY"], "∂J/∂Ŷ", style.GRADIENT, **CELL),
                label("·"),
                MatrixView(g["W2"].T, "W²ᵀ", style.WEIGHT, **CELL),
                label("="),
                MatrixView(g["dA1"], "∂J/∂A¹", style.GRADIENT, **CELL),
            ],
            "Dense²: local derivative W²ᵀ;  its weights get ∂J/∂W² = A¹ᵀ ∂J/∂Ŷ  (4×2)",
            1.2,
        )
        # ReLU: ∂J/∂Z¹ = ∂J/∂A¹ ⊙ [Z¹ > 0].
        beat(
            1,
            "∂J/∂Z¹",
            [
                MatrixView(g["dA1"], "∂J/∂A¹", style.GRADIENT, **CELL),
                label("⊙"),
                MatrixView(g["mask"], "[Z¹ > 0]", style.ACTIVATION, **{**CELL, "digits": 0}),
                label("="),
                MatrixView(g["dZ1"], "∂J/∂Z¹", style.GRADIENT, **CELL),
            ],
            "ReLU: local derivative 1 where Z¹ > 0, else 0 (elementwise)",
            1.2,
        )
        # Dense¹: ∂J/∂W¹ = Xᵀ · ∂J/∂Z¹.
        beat(
            0,
            "∂J/∂X",
            [
                MatrixView(g["X"].T, "Xᵀ", style.INPUT, **CELL),
                label("·"),
                MatrixView(g["dZ1"], "∂J/∂Z¹", style.GRADIENT, **CELL),
                label("="),
                MatrixView(g["gW1"], "∂J/∂W¹", style.GRADIENT, **CELL),
            ],
            "Dense¹: the weights' gradient, ready for the optimizer",
            1.5,
        )
