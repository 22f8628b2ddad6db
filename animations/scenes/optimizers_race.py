"""SGD, momentum, RMSProp and Adam racing from the same point on the same ill-conditioned bowl.

Numbers: the surface ``nnfs_lib.demos.surfaces.ill_conditioned_quadratic`` (κ = 20),
evaluated on a grid for the map; each trajectory from
``nnfs_lib.demos.surfaces.run_optimizer`` with the optimizers of ``nnfs_lib.optimizers``
at the learning rates of the page's figure; each cost shown is ``surface.f`` at
the current point of its trajectory.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RESAMPLING_ALGORITHMS,
    RIGHT,
    UP,
    Dot,
    FadeIn,
    ImageMobject,
    Line,
    Star,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

from animations import style
from animations.widgets import BookScene, label, title
from nnfs_lib.demos.surfaces import Surface, ill_conditioned_quadratic, run_optimizer
from nnfs_lib.optimizers import SGD, Adam, Momentum, RMSProp

KAPPA = 20.0
STEPS = 60
RACE_SECONDS = 8.0
MAP_WIDTH = 8.2
BANDS = 12

# name, colour, the optimizer (the learning rates of the page's trajectories figure), its settings
RACERS = [
    ("SGD", style.GRADIENT, lambda ps: SGD(ps, lr=0.09), "η = 0.09"),
    ("Momentum", style.INPUT, lambda ps: Momentum(ps, lr=0.02, momentum=0.8), "η = 0.02, μ = 0.8"),
    ("RMSProp", style.ACTIVATION, lambda ps: RMSProp(ps, lr=0.1, rho=0.9), "η = 0.1, ρ = 0.9"),
    ("Adam", style.PRE_ACTIVATION, lambda ps: Adam(ps, lr=0.3), "η = 0.3"),
]


def numbers() -> tuple[Surface, dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray]:
    """The surface, each optimizer's path (steps + 1, 2) and costs (steps + 1,), and the map."""
    surface = ill_conditioned_quadratic(kappa=KAPPA)
    paths = {name: run_optimizer(surface, make, STEPS) for name, _, make, _ in RACERS}
    for name, path in paths.items():
        if not np.all(np.isfinite(path)):
            raise RuntimeError(f"{name} diverged on {surface.name}")
    costs = {name: surface.f(path.T) for name, path in paths.items()}
    xs = np.linspace(*surface.xlim, 360)
    ys = np.linspace(*surface.ylim, 128)
    grid = surface.f(np.stack(np.meshgrid(xs, ys)))  # row 0 is the smallest y
    return surface, paths, costs, grid


def banded_map(values: np.ndarray) -> np.ndarray:
    """RGBA pixels of a cost surface in bands of log(1 + f): dark where low (a contour map).

    Row 0 of ``values`` is the smallest y; image rows run from the top, so it is flipped.
    """
    level = np.log1p(values)
    level = (level - level.min()) / (level.max() - level.min())
    level = np.floor(level * BANDS) / (BANDS - 1)
    low = np.array([int(style.BACKGROUND[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    high = np.array([int(style.COST[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    rgb = low + (0.08 + 0.5 * np.minimum(level, 1.0)[..., None]) * (high - low)
    rgba = np.concatenate([rgb, np.full((*level.shape, 1), 255.0)], axis=-1)
    return np.flipud(rgba).astype(np.uint8)


class Animation(BookScene):
    def construct(self) -> None:
        surface, paths, costs, grid = numbers()
        self.facts = {
            "kappa": style.number(KAPPA, 0),
            "steps": str(STEPS),
            "start": ", ".join(style.number(v, 1) for v in surface.start),
            "f_start": style.number(costs["SGD"][0], 1),
            "f_min": style.number(surface.f(np.array(surface.minimum)), 0),
            "best": min(RACERS, key=lambda racer: costs[racer[0]][-1])[0],
        }
        for name, *_ in RACERS:
            key = name.lower()
            self.facts[f"f_{key}"] = style.scientific(costs[name][-1])
            self.facts[f"xy_{key}"] = ", ".join(style.number(v, 3) for v in paths[name][-1])

        self.play(
            Write(title(f"Four optimizers, one bowl:  f(x, y) = ½(x² + {self.facts['kappa']} y²)")),
            run_time=0.8,
        )

        image = ImageMobject(banded_map(grid))
        image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        (x0, x1), (y0, y1) = surface.xlim, surface.ylim
        image.width = MAP_WIDTH
        image.height = MAP_WIDTH * (y1 - y0) / (x1 - x0)
        image.move_to(LEFT * 2.3 + UP * 0.45)

        def to_image(p: np.ndarray) -> np.ndarray:
            u = (p[0] - x0) / (x1 - x0) - 0.5
            v = (p[1] - y0) / (y1 - y0) - 0.5
            return image.get_center() + u * image.width * RIGHT + v * image.height * UP

        ticks = VGroup()
        for x in range(-4, 5, 2):
            ticks.add(
                label(style.number(x, 0), color=style.MUTED, size=14).next_to(
                    to_image(np.array([x, y0])), DOWN, 0.1
                )
            )
        for y in (-1, 0, 1):
            ticks.add(
                label(style.number(y, 0), color=style.MUTED, size=14).next_to(
                    to_image(np.array([x0, y])), LEFT, 0.1
                )
            )
        axes_names = VGroup(
            label("x", size=style.SMALL_SIZE).next_to(image, DOWN, 0.35),
            label("y", size=style.SMALL_SIZE).next_to(image, LEFT, 0.45),
        )
        start = Dot(to_image(np.array(surface.start)), radius=0.1, color=style.FOREGROUND)
        goal = Star(n=5, outer_radius=0.14, color=style.FOREGROUND, fill_opacity=1)
        goal.move_to(to_image(np.array(surface.minimum)))
        note = label(
            f"● start, f = {self.facts['f_start']}     ★ minimum, f = {self.facts['f_min']}     "
            "dark = low (bands of log(1 + f))",
            color=style.MUTED,
            size=16,
        ).next_to(axes_names[0], DOWN, 0.15)
        self.play(FadeIn(image), FadeIn(ticks), FadeIn(axes_names), run_time=0.7)
        self.play(FadeIn(start), FadeIn(goal), FadeIn(note), run_time=0.4)

        # Legend on the right: colour, name, settings, and the live cost.
        t = ValueTracker(0.0)

        def step_now() -> int:
            return min(STEPS, int(np.floor(t.get_value() + 1e-9)))

        cache: dict[tuple[str, int], VGroup] = {}

        def cost_text(name: str, color: str, anchor: np.ndarray) -> VGroup:
            k = step_now()
            if (name, k) not in cache:
                cache[(name, k)] = label(
                    f"f = {style.scientific(costs[name][k])}", color=color, size=style.SMALL_SIZE
                ).move_to(anchor, aligned_edge=RIGHT)
            return cache[(name, k)]

        legend = VGroup()
        live = VGroup()
        for row, (name, color, _, settings) in enumerate(RACERS):
            top = RIGHT * 2.2 + UP * (1.9 - 1.0 * row)
            swatch = Line(top, top + RIGHT * 0.45, color=color, stroke_width=6)
            text = label(name, color=color, size=style.LABEL_SIZE - 2).next_to(swatch, RIGHT, 0.15)
            extra = label(settings, color=style.MUTED, size=15).next_to(text, DOWN, 0.12)
            extra.align_to(text, LEFT)
            legend.add(swatch, text, extra)
            anchor = np.array([6.8, text.get_center()[1], 0.0])
            live.add(
                always_redraw(
                    lambda name=name, color=color, anchor=anchor: cost_text(name, color, anchor)
                )
            )
        counter = always_redraw(
            lambda: label(f"step {step_now()} / {STEPS}", size=style.LABEL_SIZE).move_to(
                RIGHT * 4.5 + DOWN * 2.2
            )
        )
        self.play(FadeIn(legend), FadeIn(live), FadeIn(counter), run_time=0.6)

        def partial_path(name: str) -> np.ndarray:
            """The path up to the tracker's (fractional) step, in scene coordinates."""
            value = min(t.get_value(), STEPS)
            k = int(np.floor(value))
            path = paths[name]
            points = list(path[: k + 1])
            if k < STEPS:
                points.append(path[k] + (value - k) * (path[k + 1] - path[k]))
            return np.array([to_image(p) for p in points])

        def trail(name: str, color: str) -> VMobject:
            line = VMobject(stroke_color=color, stroke_width=3.5)
            points = partial_path(name)
            if len(points) == 1:
                points = np.vstack([points, points])
            line.set_points_as_corners(points)
            return line

        def runner(name: str, color: str) -> Dot:
            return Dot(partial_path(name)[-1], radius=0.075, color=color)

        trails = VGroup(
            *[always_redraw(lambda n=name, c=color: trail(n, c)) for name, color, *_ in RACERS]
        )
        runners = VGroup(
            *[always_redraw(lambda n=name, c=color: runner(n, c)) for name, color, *_ in RACERS]
        )
        self.add(trails, runners)
        self.play(t.animate.set_value(float(STEPS)), run_time=RACE_SECONDS, rate_func=linear)
        best_colour = dict((name, color) for name, color, *_ in RACERS)[self.facts["best"]]
        final = label(
            f"Lowest cost after {STEPS} steps: {self.facts['best']}",
            color=best_colour,
            size=style.LABEL_SIZE,
        ).move_to(LEFT * 2.3 + DOWN * 2.75)
        self.play(FadeIn(final), run_time=0.4)
        self.wait(1.4)
