"""Batch normalization of one skewed feature: subtract the batch mean, divide by the std, scale and shift.

Numbers: a seeded, skewed batch (an exponential sample drawn with a
``np.random.Generator``, shifted by 2) of one feature, normalized by
``nnfs_lib.layers.BatchNorm`` in training mode. The batch mean μ and variance
σ² are the layer's own: with ``momentum=1`` its running mean is exactly μ and
its running variance is ``n/(n-1) σ²`` (eq. ``eq-bn-running``). The normalized
values x̂ are the layer's output with γ = 1, β = 0; the last stage is its
output with γ and β set. The mean and std printed at each stage are those of
the values drawn.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    DoubleArrow,
    FadeIn,
    FadeTransform,
    Line,
    Rectangle,
    Transform,
    VGroup,
    Write,
)

from animations import style
from animations.widgets import BookScene, label, title
from nnfs_lib.layers.batchnorm import BatchNorm

N = 500
SHIFT = 2.0
SCALE = 1.5
BINS = 24
GAMMA = 0.5
BETA = 1.0
X_RANGE = (-2.0, 15.0)
COUNT_TOP = 140
ORIGIN = np.array([-5.4, -2.35, 0.0])  # where x = X_RANGE[0], count = 0 is drawn
WIDTH = 11.0
HEIGHT = 3.9


def numbers() -> dict[str, object]:
    """The batch, the layer's statistics, and the four stages with their histograms."""
    rng = np.random.default_rng(0)
    X = SHIFT + rng.exponential(SCALE, size=(N, 1))
    bn = BatchNorm(1, momentum=1.0, dtype=np.float64)
    X_hat = bn.forward(X)  # gamma = 1, beta = 0: the standardized values
    mu = bn.running_mean[0]  # momentum 1: the running mean is this batch's mean
    var = bn.running_var[0] * (N - 1) / N  # the running variance is the unbiased one
    std = np.sqrt(var + bn.eps)
    bn.gamma.data[...] = GAMMA
    bn.beta.data[...] = BETA
    Y = bn.forward(X)
    centred = X - mu
    np.testing.assert_allclose(centred / std, X_hat, rtol=1e-12, atol=1e-12)
    edges = np.linspace(X.min(), X.max(), BINS + 1)
    edges[0] -= 1e-9 * (edges[-1] - edges[0])
    edges[-1] += 1e-9 * (edges[-1] - edges[0])
    maps = [
        lambda v: v,
        lambda v: v - mu,
        lambda v: (v - mu) / std,
        lambda v: GAMMA * (v - mu) / std + BETA,
    ]
    stages = []
    for values, to_stage in zip([X, centred, X_hat, Y], maps, strict=True):
        stage_edges = to_stage(edges)
        counts, _ = np.histogram(values[:, 0], bins=stage_edges)
        stages.append(
            {
                "values": values[:, 0],
                "edges": stage_edges,
                "counts": counts,
                "mean": values.mean(),
                "std": values.std(),
            }
        )
    return {"mu": mu, "std": std, "eps": bn.eps, "stages": stages}


def to_scene(x: float, count: float = 0.0) -> np.ndarray:
    u = (x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])
    return ORIGIN + RIGHT * WIDTH * u + UP * HEIGHT * count / COUNT_TOP


def bars(stage: dict, color: str) -> VGroup:
    group = VGroup()
    edges, counts = stage["edges"], stage["counts"]
    for left, right, count in zip(edges[:-1], edges[1:], counts, strict=True):
        a, b = to_scene(left), to_scene(right, count)
        bar = Rectangle(width=max(b[0] - a[0], 0.01), height=max(b[1] - a[1], 0.005))
        bar.set_fill(color, opacity=0.85).set_stroke(style.BACKGROUND, width=1)
        bar.move_to((a + b) / 2)
        group.add(bar)
    return group


def markers(stage: dict) -> VGroup:
    """A dashed line at the mean and an arrow spanning mean ± std."""
    mean, std = stage["mean"], stage["std"]
    top = COUNT_TOP * 0.93
    line = DashedLine(to_scene(mean), to_scene(mean, top), color=style.FOREGROUND, stroke_width=2)
    span = DoubleArrow(
        to_scene(mean - std, top * 0.8),
        to_scene(mean + std, top * 0.8),
        buff=0,
        color=style.COST,
        stroke_width=3,
        tip_length=0.15,
    )
    return VGroup(line, span)


def stats(stage: dict) -> VGroup:
    mean = label(f"mean = {style.number(stage['mean'])}", size=style.LABEL_SIZE)
    std = label(f"std = {style.number(stage['std'])}", color=style.COST, size=style.LABEL_SIZE)
    std.next_to(mean, RIGHT, 0.5)
    return VGroup(mean, std).move_to(RIGHT * 3.6 + UP * 1.55)


class Animation(BookScene):
    def construct(self) -> None:
        num = numbers()
        stages = num["stages"]
        self.facts = {
            "n": str(N),
            "mu": style.number(num["mu"]),
            "sigma": style.number(num["std"]),
            "gamma": style.number(GAMMA, 1),
            "beta": style.number(BETA, 1),
        }
        for i, stage in enumerate(stages):
            self.facts[f"mean{i}"] = style.number(stage["mean"])
            self.facts[f"std{i}"] = style.number(stage["std"])
        self.facts["range0"] = " to ".join(
            style.number(v, 1) for v in (stages[0]["values"].min(), stages[0]["values"].max())
        )

        self.play(Write(title(f"Batch normalization of one feature  (batch of {N})")), run_time=0.8)
        axis = VGroup(
            Line(to_scene(X_RANGE[0]), to_scene(X_RANGE[1]), color=style.MUTED),
            Line(to_scene(X_RANGE[0]), to_scene(X_RANGE[0], COUNT_TOP), color=style.MUTED),
        )
        for x in range(int(X_RANGE[0]), int(X_RANGE[1]) + 1, 2):
            axis.add(Line(to_scene(x), to_scene(x) + DOWN * 0.08, color=style.MUTED))
            axis.add(
                label(style.number(x, 0), color=style.MUTED, size=14).next_to(
                    to_scene(x), DOWN, 0.12
                )
            )
        for c in (0, 50, 100):
            axis.add(
                label(str(c), color=style.MUTED, size=14).next_to(
                    to_scene(X_RANGE[0], c), LEFT, 0.1
                )
            )
        axis.add(
            label("count", color=style.MUTED, size=16)
            .rotate(np.pi / 2)
            .next_to(to_scene(X_RANGE[0], COUNT_TOP / 2), LEFT, 0.45)
        )
        zero = DashedLine(
            to_scene(0.0), to_scene(0.0, COUNT_TOP), color=style.MUTED, stroke_width=1
        ).set_opacity(0.5)
        self.play(Create(axis), FadeIn(zero), run_time=0.7)

        captions = [
            ("x: one feature across the batch, skewed", style.PRE_ACTIVATION),
            (f"x − μ      (batch mean μ = {self.facts['mu']})", style.PRE_ACTIVATION),
            (f"x̂ = (x − μ) / √(σ² + ε)      (√(σ² + ε) = {self.facts['sigma']})", style.INPUT),
            (
                f"y = γ x̂ + β      (γ = {self.facts['gamma']}, β = {self.facts['beta']})",
                style.ACTIVATION,
            ),
        ]
        colours = [c for _, c in captions]

        def caption(i: int) -> VGroup:
            step = label(f"{i + 1}/4", color=style.MUTED, size=style.SMALL_SIZE)
            text = label(captions[i][0], color=captions[i][1], size=style.LABEL_SIZE)
            text.next_to(step, RIGHT, 0.3)
            group = VGroup(step, text).move_to(UP * 2.3)
            return group.to_edge(LEFT, buff=0.6)

        shown_caption = caption(0)
        shown_bars = bars(stages[0], colours[0])
        shown_marks = markers(stages[0])
        shown_stats = stats(stages[0])
        legend = label("┆ mean     ↔ mean ± std", color=style.MUTED, size=16).move_to(
            RIGHT * 3.6 + UP * 1.05
        )
        self.play(
            FadeIn(shown_caption),
            FadeIn(shown_bars, shift=UP * 0.2),
            run_time=0.9,
        )
        self.play(FadeIn(shown_marks), FadeIn(shown_stats), FadeIn(legend), run_time=0.6)
        self.wait(0.8)
        # A faint copy of the original histogram stays behind, for comparison.
        ghost = shown_bars.copy().set_fill(opacity=0.18)
        self.add(ghost)
        for i in range(1, 4):
            new_caption = caption(i)
            new_stats = stats(stages[i])
            self.play(FadeTransform(shown_caption, new_caption), run_time=0.5)
            self.play(
                Transform(shown_bars, bars(stages[i], colours[i])),
                Transform(shown_marks, markers(stages[i])),
                FadeTransform(shown_stats, new_stats),
                run_time=1.4,
            )
            shown_caption, shown_stats = new_caption, new_stats
            self.wait(0.7)
        self.wait(1.2)
