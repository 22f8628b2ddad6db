"""A single sigmoid neuron fires: inputs times weights, the sum z, σ(z), the output.

Numbers: ``nnfs_lib.neuron.neuron_forward`` on two examples (z and a), and the
sigmoid curve from ``nnfs_lib.activations.sigmoid``.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    Line,
    ShowPassingFlash,
    Transform,
    VGroup,
    Write,
)

from animations import style
from animations.widgets import BookScene, label, line_graph, plain_axes, title
from nnfs_lib.activations import sigmoid
from nnfs_lib.neuron import neuron_forward

X = np.array([[0.5, -1.0, 2.0], [1.5, 0.5, -0.5]])
W = np.array([0.8, 0.2, -0.5])
B = 0.1


def numbers() -> dict[str, np.ndarray]:
    """Everything the scene shows, computed by nnfs_lib (checked against each other)."""
    z, a = neuron_forward(X, W, B, activation="sigmoid")
    products = X * W  # the terms of the sum X @ w that neuron_forward computes
    np.testing.assert_allclose(products.sum(axis=1) + B, z, rtol=1e-12)
    grid = np.linspace(-4.0, 4.0, 161)
    return {"z": z, "a": a, "products": products, "grid": grid, "curve": sigmoid(grid)}


def _join(values: np.ndarray) -> str:
    return ", ".join(style.number(v) for v in values)


class Animation(BookScene):
    def construct(self) -> None:
        num = numbers()
        z, a, products = num["z"], num["a"], num["products"]
        self.facts = {
            "w": _join(W),
            "b": style.number(B),
            "x0": _join(X[0]),
            "x1": _join(X[1]),
            "p0": _join(products[0]),
            "p1": _join(products[1]),
            "z0": style.number(z[0]),
            "z1": style.number(z[1]),
            "a0": style.number(a[0]),
            "a1": style.number(a[1]),
        }

        self.play(Write(title("One neuron:  z = w·x + b,   a = σ(z)")), run_time=0.8)

        # The graph: three inputs, one neuron, the bias and the output arrow.
        centre = LEFT * 2.0 + DOWN * 0.3
        neuron = Circle(radius=0.8, color=style.ACTIVATION, stroke_width=4).move_to(centre)
        neuron.set_fill(style.ACTIVATION, opacity=0.0)
        inside = label("∑ → σ", size=style.LABEL_SIZE).move_to(neuron)
        inputs, values, edges, weights = VGroup(), VGroup(), VGroup(), VGroup()
        for i in range(3):
            node = Circle(radius=0.5, color=style.INPUT, stroke_width=3)
            node.move_to(LEFT * 6.0 + UP * (1.7 - 1.7 * i) + DOWN * 0.3)
            inputs.add(node)
            inputs.add(label(f"x{'₁₂₃'[i]}", color=style.INPUT).next_to(node, LEFT, buff=0.15))
            values.add(label(style.number(X[0, i]), size=18).move_to(node))
            edge = Line(node.get_right(), neuron.get_center(), color=style.WEIGHT, stroke_width=3)
            edge.put_start_and_end_on(
                node.get_right(), neuron.point_at_angle(edge.get_angle() + np.pi)
            )
            edges.add(edge)
            text = f"w{'₁₂₃'[i]} = {style.number(W[i])}"
            normal = np.array([-edge.get_unit_vector()[1], edge.get_unit_vector()[0], 0.0])
            if i == 2:  # the lowest edge: its weight goes below the line, where there is room
                normal = -normal
            weights.add(
                label(text, color=style.WEIGHT, size=style.SMALL_SIZE)
                .move_to(edge.point_from_proportion(0.33))
                .shift(normal * 0.32)
            )
        bias_arrow = Arrow(centre + DOWN * 2.0, neuron.get_bottom(), buff=0.05, color=style.BIAS)
        bias = label(f"b = {style.number(B)}", color=style.BIAS, size=style.SMALL_SIZE)
        bias.next_to(bias_arrow, DOWN, buff=0.1)
        self.play(Create(inputs), Create(neuron), FadeIn(inside), Create(edges), run_time=1.0)
        self.play(FadeIn(weights), FadeIn(bias_arrow), FadeIn(bias), FadeIn(values), run_time=0.7)

        # The sigmoid curve, drawn from nnfs_lib's values.
        axes = plain_axes([-4, 4, 2], [0, 1, 0.5], 4.0, 3.0).move_to(RIGHT * 4.7 + DOWN * 0.3)
        curve = line_graph(axes, num["grid"], num["curve"], style.ACTIVATION)
        axis_labels = VGroup(
            label("z", color=style.PRE_ACTIVATION, size=style.SMALL_SIZE).next_to(
                axes.x_axis, RIGHT, buff=0.1
            ),
            label("σ(z)", color=style.ACTIVATION, size=style.SMALL_SIZE).next_to(
                axes.y_axis, UP, buff=0.1
            ),
            label("1", color=style.MUTED, size=style.SMALL_SIZE).next_to(
                axes.c2p(-4, 1), LEFT, buff=0.1
            ),
            label("0", color=style.MUTED, size=style.SMALL_SIZE).next_to(
                axes.c2p(-4, 0), LEFT, buff=0.1
            ),
        )
        out_arrow = Arrow(neuron.get_right(), neuron.get_right() + RIGHT * 1.1, buff=0.05)
        out_arrow.set_color(style.ACTIVATION)

        def products_at(row: int) -> VGroup:
            group = VGroup()
            for i, edge in enumerate(edges):
                text = label(style.number(products[row, i]), size=style.SMALL_SIZE)
                text.move_to(edge.point_from_proportion(0.68))
                text.add_background_rectangle(color=style.BACKGROUND, opacity=1.0, buff=0.06)
                group.add(text)
            return group

        def show_products(row: int) -> VGroup:
            """Pulses run along the edges and the products of example ``row`` appear."""
            prods = products_at(row)
            self.play(
                *[
                    ShowPassingFlash(e.copy().set_color(style.FOREGROUND), time_width=0.5)
                    for e in edges
                ],
                FadeIn(prods),
                run_time=1.0,
            )
            return prods

        def readout(row: int) -> tuple[VGroup, VGroup, VGroup]:
            zt = label(f"z = {style.number(z[row])}", color=style.PRE_ACTIVATION)
            zt.scale(0.8).move_to(neuron)
            point = axes.c2p(z[row], a[row])
            marks = VGroup(
                axes.get_vertical_line(point, color=style.PRE_ACTIVATION),
                axes.get_horizontal_line(point, color=style.ACTIVATION),
                Dot(point, color=style.FOREGROUND),
            )
            at = label(f"a = {style.number(a[row])}", color=style.ACTIVATION, size=style.LABEL_SIZE)
            at.next_to(out_arrow, RIGHT, buff=0.1)
            return zt, marks, at

        # First example: the products flow into the neuron, z, then a = σ(z).
        prods = show_products(0)
        zt, marks, at = readout(0)
        self.play(FadeTransform(inside, zt), run_time=0.8)
        inside = zt
        self.play(Create(axes), Create(curve), FadeIn(axis_labels), run_time=1.0)
        self.play(Create(marks), run_time=0.8)
        self.play(
            Create(out_arrow),
            FadeIn(at),
            neuron.animate.set_fill(opacity=float(a[0])),
            run_time=0.8,
        )
        self.wait(0.8)

        # Second example: new inputs, the neuron fires.
        new_values = VGroup(
            *[label(style.number(X[1, i]), size=18).move_to(inputs[2 * i]) for i in range(3)]
        )
        self.play(FadeTransform(values, new_values), FadeOut(prods), run_time=0.6)
        prods = show_products(1)
        zt, new_marks, new_at = readout(1)
        self.play(
            FadeTransform(inside, zt),
            Transform(marks, new_marks),
            FadeTransform(at, new_at),
            neuron.animate.set_fill(opacity=float(a[1])),
            run_time=1.2,
        )
        self.wait(1.2)
