"""Per-layer gradient sizes in a deep sigmoid network against a deep ReLU network.

Numbers: two ``nnfs_lib.network.Sequential`` networks of ``nnfs_lib.layers.Dense``
layers with ``Sigmoid`` or ``ReLU`` between them, one forward and one backward
pass of ``nnfs_lib.losses.MeanSquaredError`` on the same seeded batch;
each bar is the norm of one Dense layer's ``W.grad``.
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
    Line,
    Rectangle,
    VGroup,
    Write,
)

from animations import style
from animations.widgets import BookScene, label, title
from nnfs_lib.layers.activation import ReLU, Sigmoid
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import MeanSquaredError
from nnfs_lib.network import Sequential
from nnfs_lib.validation import as_generator

DEPTH = 8  # hidden layers, each followed by the activation
WIDTH = 16
BATCH = 32
LOG_RANGE = (-6, 1)  # the vertical axis, powers of ten


def gradient_norms(activation: type, init: str) -> np.ndarray:
    """‖∂J/∂W^[l]‖ for every Dense layer l = 1 .. DEPTH + 1 after one backward pass."""
    rng = as_generator("rng", 0)
    X = rng.standard_normal((BATCH, WIDTH))
    Y = rng.standard_normal((BATCH, 1))
    layers = []
    for _ in range(DEPTH):
        layers += [Dense(WIDTH, WIDTH, rng, init=init, dtype=np.float64), activation()]
    layers.append(Dense(WIDTH, 1, rng, init=init, dtype=np.float64))
    net = Sequential(layers)
    loss = MeanSquaredError()
    loss.forward(net.forward(X), Y)
    net.backward(loss.backward())
    return np.array([np.linalg.norm(layer.W.grad) for layer in net if isinstance(layer, Dense)])


def _power(exponent: int) -> str:
    return "10" + str(exponent).translate(style.SUPERSCRIPT)


def _panel(norms: np.ndarray, name: str, color: str, centre: np.ndarray) -> tuple[VGroup, VGroup]:
    """Axes with a log scale and one (not yet grown) bar per layer."""
    height, width = 4.2, 5.2
    lo, hi = LOG_RANGE
    bottom_left = centre + DOWN * height / 2 + LEFT * width / 2
    frame = VGroup(
        Line(bottom_left, bottom_left + UP * height, color=style.MUTED),
        Line(bottom_left, bottom_left + RIGHT * width, color=style.MUTED),
    )
    for e in range(lo, hi + 1):
        y = bottom_left + UP * height * (e - lo) / (hi - lo)
        frame.add(Line(y, y + RIGHT * width, color=style.MUTED, stroke_width=1, stroke_opacity=0.3))
        frame.add(label(_power(e), color=style.MUTED, size=14).next_to(y, LEFT, buff=0.1))
    slot = width / len(norms)
    bars = VGroup()
    for i, value in enumerate(norms):
        h = height * (np.log10(value) - lo) / (hi - lo)
        bar = Rectangle(width=slot * 0.6, height=max(h, 0.01), stroke_width=0)
        bar.set_fill(color, opacity=0.9)
        bar.move_to(bottom_left + RIGHT * slot * (i + 0.5), aligned_edge=DOWN)
        bars.add(bar)
        frame.add(
            label(str(i + 1), color=style.MUTED, size=14).next_to(
                bottom_left + RIGHT * slot * (i + 0.5), DOWN, buff=0.1
            )
        )
    frame.add(
        label(name, color=color, size=style.LABEL_SIZE)
        .next_to(bottom_left + UP * height, UP, 0.2)
        .shift(RIGHT * width / 2),
        label("layer l", color=style.MUTED, size=16).next_to(
            bottom_left + RIGHT * width / 2, DOWN, buff=0.45
        ),
    )
    return frame, bars


class Animation(BookScene):
    def construct(self) -> None:
        sig = gradient_norms(Sigmoid, "xavier_uniform")
        relu = gradient_norms(ReLU, "he_uniform")
        self.facts = {
            "depth": str(DEPTH + 1),
            "width": str(WIDTH),
            "sig_last": style.scientific(sig[-1]),
            "sig_first": style.scientific(sig[0]),
            "sig_ratio": style.scientific(sig[-1] / sig[0], 0),
            "relu_min": style.scientific(relu.min()),
            "relu_max": style.scientific(relu.max()),
        }
        self.play(Write(title("Each layer's weight gradient  ‖∂J/∂W‖  (log scale)")), run_time=0.8)
        left_frame, left_bars = _panel(sig, "sigmoid", style.ACTIVATION, LEFT * 3.4 + DOWN * 0.1)
        right_frame, right_bars = _panel(relu, "ReLU", style.SECOND, RIGHT * 3.6 + DOWN * 0.1)
        self.play(Create(left_frame), Create(right_frame), run_time=1.0)
        arrow = label("← the gradient flows back from the output", color=style.GRADIENT, size=18)
        arrow.move_to(UP * 2.85)
        self.play(FadeIn(arrow), run_time=0.4)
        for i in reversed(range(len(sig))):
            self.play(
                GrowFromEdge(left_bars[i], DOWN),
                GrowFromEdge(right_bars[i], DOWN),
                run_time=0.45,
            )
        notes = VGroup(
            label(
                f"layer 1 gets {self.facts['sig_ratio']} times less than layer {len(sig)}",
                color=style.ACTIVATION,
                size=18,
            ).next_to(left_frame, DOWN, buff=0.12),
            label("about the same size at every layer", color=style.SECOND, size=18).next_to(
                right_frame, DOWN, buff=0.12
            ),
        )
        self.play(FadeIn(notes), run_time=0.6)
        self.wait(1.8)
