"""Per-layer gradient sizes in a deep sigmoid network against a deep ReLU network.

Numbers: two ``nnfs_lib.layers.Sequential`` networks of ``nnfs_lib.layers.Dense``
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
    VGroup,
    Write,
)

from animations import style
from animations.widgets import BookScene, label, log_bar_panel, title
from nnfs_lib.layers import Sequential
from nnfs_lib.layers.activation import ReLU, Sigmoid
from nnfs_lib.layers.dense import Dense
from nnfs_lib.losses import MeanSquaredError
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


def _panel(norms: np.ndarray, name: str, color: str, centre: np.ndarray) -> tuple:
    """Axes with a log scale and one (not yet grown) bar per layer."""
    return log_bar_panel(norms, name, color, centre, log_range=LOG_RANGE, xlabel="layer l")


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
