"""Gradient descent on the cost of a sigmoid neuron: one weight (a curve), then two (a surface).

Numbers: the seeded dataset ``nnfs_lib.data.toy.make_blobs``; the cost
``nnfs_lib.neuron.neuron_cost`` on a grid; each step's gradient from
``nnfs_lib.neuron.neuron_gradients``, applied by ``nnfs_lib.optimizers.SGD`` to a
``nnfs_lib.layers.Parameter`` (the bias is held at 0 so the surface is 2-D).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RESAMPLING_ALGORITHMS,
    RIGHT,
    UP,
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeTransform,
    ImageMobject,
    Line,
    VGroup,
    Write,
)

from animations import style
from animations.widgets import BookScene, label, line_graph, plain_axes, title
from nnfs_lib.data.toy import make_blobs
from nnfs_lib.layers.base import Parameter
from nnfs_lib.neuron import neuron_cost, neuron_gradients
from nnfs_lib.optimizers import SGD

N = 40
LR = 2.0
STEPS_1D = 7
STEPS_2D = 16
START_1D = np.array([-2.5])
START_2D = np.array([-2.5, 3.0])
RANGE = (-3.0, 4.0)


def descend(X: np.ndarray, y: np.ndarray, start: np.ndarray, steps: int) -> np.ndarray:
    """The weights after 0, 1, ..., ``steps`` SGD steps (rows), bias fixed at 0."""
    w = Parameter(start.astype(X.dtype), "w")
    optimizer = SGD([w], lr=LR)
    path = [w.data.copy()]
    for _ in range(steps):
        w.grad[...], _ = neuron_gradients(X, y, w.data, 0.0)
        optimizer.step()
        path.append(w.data.copy())
    return np.array(path)


def numbers() -> dict[str, np.ndarray]:
    """The data, the two cost landscapes and the two descent paths."""
    X, y = make_blobs(N, rng=0, distance=1.0, dtype=np.float64)
    X1 = X[:, :1]
    grid = np.linspace(*RANGE, 141)
    curve = np.array([neuron_cost(X1, y, np.array([w]), 0.0) for w in grid])
    path1 = descend(X1, y, START_1D, STEPS_1D)
    cost1 = np.array([neuron_cost(X1, y, w, 0.0) for w in path1])
    grads1 = np.array([neuron_gradients(X1, y, w, 0.0)[0][0] for w in path1])
    axis = np.linspace(*RANGE, 96)
    surface = np.array([[neuron_cost(X, y, np.array([w1, w2]), 0.0) for w1 in axis] for w2 in axis])
    path2 = descend(X, y, START_2D, STEPS_2D)
    cost2 = np.array([neuron_cost(X, y, w, 0.0) for w in path2])
    return {
        "grid": grid,
        "curve": curve,
        "path1": path1[:, 0],
        "cost1": cost1,
        "grads1": grads1,
        "surface": surface,
        "path2": path2,
        "cost2": cost2,
    }


def heat_map(surface: np.ndarray) -> np.ndarray:
    """RGBA pixels of a cost surface: dark where low, the cost colour where high (log scale).

    Row 0 of ``surface`` is the smallest w₂; image rows run from the top, so it is flipped.
    """
    level = np.log(surface)
    level = (level - level.min()) / (level.max() - level.min())
    low = np.array([int(style.BACKGROUND[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    high = np.array([int(style.COST[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    rgb = low + (0.12 + 0.88 * level[..., None]) * (high - low)
    rgba = np.concatenate([rgb, np.full((*level.shape, 1), 255.0)], axis=-1)
    return np.flipud(rgba).astype(np.uint8)


class Animation(BookScene):
    def construct(self) -> None:
        num = numbers()
        path1, cost1, grads1 = num["path1"], num["cost1"], num["grads1"]
        path2, cost2 = num["path2"], num["cost2"]
        best = num["grid"][np.argmin(num["curve"])]
        self.facts = {
            "n": str(N),
            "lr": style.number(LR, 1),
            "steps": str(STEPS_1D),
            "w_best": style.number(best, 1),
            "w_start": style.number(path1[0]),
            "J_start": style.number(cost1[0]),
            "w_end": style.number(path1[-1]),
            "J_end": style.number(cost1[-1]),
            "w2_start": ", ".join(style.number(v) for v in path2[0]),
            "w2_end": ", ".join(style.number(v) for v in path2[-1]),
            "J2_end": style.number(cost2[-1]),
        }
        self.play(Write(title("Gradient descent:  w ← w − η ∂J/∂w")), run_time=0.8)

        # Left: one weight. The cost curve J(w) computed by nnfs_lib.
        top = float(np.ceil(num["curve"].max()))
        axes = plain_axes([RANGE[0], RANGE[1], 1], [0, top, 1], 5.6, 4.2).move_to(
            LEFT * 3.5 + DOWN * 0.4
        )
        curve = line_graph(axes, num["grid"], num["curve"], style.COST)
        labels = VGroup(
            label("w", color=style.WEIGHT, size=style.SMALL_SIZE).next_to(axes.x_axis, RIGHT, 0.1),
            label("J(w)", color=style.COST, size=style.SMALL_SIZE).next_to(
                axes.c2p(RANGE[0], top), UP, 0.1
            ),
            label(f"η = {style.number(LR, 1)}", size=style.SMALL_SIZE).move_to(axes.c2p(2.8, top)),
            *[
                label(style.number(w, 0), color=style.MUTED, size=16).next_to(
                    axes.c2p(w, 0), DOWN, 0.12
                )
                for w in (-2, 0, 2, 4)
            ],
        )
        self.play(Create(axes), Create(curve), FadeIn(labels), run_time=1.0)
        ball = Dot(axes.c2p(path1[0], cost1[0]), radius=0.1, color=style.FOREGROUND)
        readout = self._readout(0, path1, cost1, grads1).next_to(axes, DOWN, buff=0.45)
        self.play(FadeIn(ball), FadeIn(readout), run_time=0.4)
        for t in range(STEPS_1D):
            start = axes.c2p(path1[t], cost1[t])
            across = axes.c2p(path1[t + 1], cost1[t])
            step = Arrow(start, across, buff=0, color=style.GRADIENT, stroke_width=4)
            step.set_max_tip_length_to_length_ratio(0.3)
            new_readout = self._readout(t + 1, path1, cost1, grads1).move_to(readout)
            self.play(Create(step), run_time=0.3)
            self.play(
                ball.animate.move_to(axes.c2p(path1[t + 1], cost1[t + 1])),
                FadeTransform(readout, new_readout),
                step.animate.set_opacity(0.35),
                run_time=0.35,
            )
            readout = new_readout

        # Right: two weights. The surface J(w₁, w₂) as a heat map, and the same rule.
        image = ImageMobject(heat_map(num["surface"]))
        image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        image.height = 4.2
        image.move_to(RIGHT * 3.6 + DOWN * 0.4)
        frame = VGroup(
            label("w₁", color=style.WEIGHT, size=style.SMALL_SIZE).next_to(image, DOWN, 0.1),
            label("w₂", color=style.WEIGHT, size=style.SMALL_SIZE).next_to(image, LEFT, 0.1),
            label("J(w₁, w₂)", color=style.COST, size=style.SMALL_SIZE).next_to(image, UP, 0.1),
        )
        self.play(FadeIn(image), FadeIn(frame), run_time=0.8)

        def to_image(w: np.ndarray) -> np.ndarray:
            u = (w - RANGE[0]) / (RANGE[1] - RANGE[0]) - 0.5
            return image.get_center() + u[0] * image.width * RIGHT + u[1] * image.height * UP

        walker = Dot(to_image(path2[0]), radius=0.09, color=style.FOREGROUND)
        readout2 = label(
            f"w = ({self.facts['w2_start']}),  J = {style.number(cost2[0])}",
            size=style.SMALL_SIZE,
        ).next_to(frame[0], DOWN, buff=0.2)
        self.play(FadeIn(walker), FadeIn(readout2), run_time=0.3)
        for t in range(STEPS_2D):
            a, b = to_image(path2[t]), to_image(path2[t + 1])
            segment = Line(a, b, color=style.GRADIENT, stroke_width=4)
            text = f"w = ({', '.join(style.number(v) for v in path2[t + 1])}),  J = {style.number(cost2[t + 1])}"
            self.play(
                Create(segment),
                walker.animate.move_to(b),
                FadeTransform(
                    readout2, new_readout2 := label(text, size=style.SMALL_SIZE).move_to(readout2)
                ),
                run_time=0.25,
            )
            readout2 = new_readout2
        self.wait(1.2)

    @staticmethod
    def _readout(t: int, path: np.ndarray, cost: np.ndarray, grads: np.ndarray) -> VGroup:
        step = -LR * grads[t]
        return label(
            f"w = {style.number(path[t])}   J = {style.number(cost[t])}   "
            f"−η ∂J/∂w = {style.number(step)}",
            size=style.SMALL_SIZE,
        )
