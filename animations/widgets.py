"""Drawing helpers shared by the scenes (Manim objects set in plain Unicode text, no LaTeX)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Line, Rectangle, Scene, Text, VGroup, VMobject

from animations import style


def label(text: str, color: str = style.FOREGROUND, size: int = style.LABEL_SIZE) -> Text:
    """A line of text in the book's font."""
    return Text(text, font=style.FONT, font_size=size, color=color)


def title(text: str) -> Text:
    """The scene's title, at the top of the frame."""
    return label(text, size=style.TITLE_SIZE).to_edge(UP, buff=0.35)


class MatrixView(VGroup):
    """A matrix of numbers between square brackets, with its name and shape underneath.

    ``cells[i][j]`` is the Text of entry (i, j); ``rows[i]`` groups row i, so a
    scene can highlight one example of a batch.
    """

    def __init__(
        self,
        values: np.ndarray,
        name: str,
        color: str,
        *,
        digits: int = 2,
        size: int = style.NUMBER_SIZE,
        cell_width: float = 0.95,
        cell_height: float = 0.42,
        show_shape: bool = True,
    ) -> None:
        super().__init__()
        values = np.atleast_2d(np.asarray(values, dtype=float))
        n, m = values.shape
        self.values = values
        self.cells: list[list[Text]] = []
        self.rows = VGroup()
        for i in range(n):
            row = VGroup()
            texts = []
            for j in range(m):
                cell = Text(style.number(values[i, j], digits), font=style.MONO, font_size=size)
                cell.set_color(color)
                cell.move_to(RIGHT * j * cell_width + DOWN * i * cell_height)
                texts.append(cell)
                row.add(cell)
            self.cells.append(texts)
            self.rows.add(row)
        height = n * cell_height
        width = m * cell_width
        top = self.rows.get_top() + UP * 0.08
        left = np.array([-cell_width / 2 - 0.05, top[1], 0.0])
        right = np.array([width - cell_width / 2 + 0.05, top[1], 0.0])
        self.brackets = VGroup(*self._bracket(left, height, +1), *self._bracket(right, height, -1))
        self.brackets.set_color(style.MUTED)
        self.add(self.brackets, self.rows)
        caption = f"{name}  ({n}×{m})" if show_shape else name
        self.name_label = label(caption, color=color, size=style.SMALL_SIZE)
        self.name_label.next_to(self.brackets, DOWN, buff=0.15)
        self.add(self.name_label)

    @staticmethod
    def _bracket(corner: np.ndarray, height: float, direction: int) -> list[Line]:
        bottom = corner + DOWN * (height + 0.02)
        tick = RIGHT * 0.12 * direction
        return [
            Line(corner, bottom, stroke_width=2),
            Line(corner, corner + tick, stroke_width=2),
            Line(bottom, bottom + tick, stroke_width=2),
        ]

    def row_box(self, i: int, color: str) -> Rectangle:
        """A rectangle around row ``i``."""
        box = Rectangle(
            width=self.rows[i].width + 0.3, height=self.rows[i].height + 0.2, color=color
        )
        return box.move_to(self.rows[i])


def box(text: str, color: str, width: float = 1.7, height: float = 0.8) -> VGroup:
    """A labelled rectangle, used for the layers of a computational graph."""
    frame = Rectangle(width=width, height=height, color=color, stroke_width=3)
    return VGroup(frame, label(text, color=color, size=style.SMALL_SIZE + 2).move_to(frame))


def box_row(texts: list[str], colors: list[str], widths: list[float], buff: float) -> VGroup:
    """Labelled boxes side by side, left to right (a chain of layers); one text, colour, width each."""
    boxes = [
        box(text, color, width=width)
        for text, color, width in zip(texts, colors, widths, strict=True)
    ]
    return VGroup(*boxes).arrange(RIGHT, buff=buff)


def plain_axes(
    x_range: list[float], y_range: list[float], x_length: float, y_length: float
) -> Axes:
    """Axes with no arrow tips, in the muted colour, so the curve drawn on them stands out."""
    return Axes(
        x_range=x_range,
        y_range=y_range,
        x_length=x_length,
        y_length=y_length,
        tips=False,
        axis_config={"color": style.MUTED},
    )


def line_graph(axes: Axes, x: np.ndarray, y: np.ndarray, color: str) -> VMobject:
    """The curve through the points ``(x, y)`` on ``axes``, without vertex dots."""
    return axes.plot_line_graph(x, y, add_vertex_dots=False, line_color=color)


class BookScene(Scene):
    """Base of every scene: the book's background, and ``facts`` for the text description.

    A scene stores in ``self.facts`` (name -> text) the numbers its registry
    description quotes; the render step saves them in the manifest.
    """

    def setup(self) -> None:
        self.camera.background_color = style.BACKGROUND
        self.facts: dict[str, str] = {}


def _power(exponent: int) -> str:
    return "10" + str(exponent).translate(style.SUPERSCRIPT)


def log_bar_panel(
    values: np.ndarray,
    name: str,
    color: str,
    centre: np.ndarray,
    *,
    log_range: tuple[int, int],
    xlabel: str,
    size: tuple[float, float] = (5.2, 4.2),
    bar_fraction: float = 0.6,
    tick_every: int = 1,
    name_size: int = style.LABEL_SIZE,
    xlabel_size: int = 16,
) -> tuple[VGroup, VGroup]:
    """Axes with a log vertical scale (a line per power of ten) and one not yet grown bar per value.

    Returns ``(frame, bars)``: the axes, labels and ticks, and the bars in the
    order of ``values`` (bar ``i`` is labelled ``i + 1``; every ``tick_every``-th
    label is drawn, and the first), so a scene can grow them in any order.
    """
    width, height = size
    lo, hi = log_range
    origin = centre + DOWN * height / 2 + LEFT * width / 2
    frame = VGroup(
        Line(origin, origin + UP * height, color=style.MUTED),
        Line(origin, origin + RIGHT * width, color=style.MUTED),
    )
    for e in range(lo, hi + 1):
        y = origin + UP * height * (e - lo) / (hi - lo)
        frame.add(Line(y, y + RIGHT * width, color=style.MUTED, stroke_width=1, stroke_opacity=0.3))
        frame.add(label(_power(e), color=style.MUTED, size=14).next_to(y, LEFT, buff=0.1))
    slot = width / len(values)
    bars = VGroup()
    for i, value in enumerate(values):
        h = height * (np.log10(value) - lo) / (hi - lo)
        bar = Rectangle(width=slot * bar_fraction, height=max(h, 0.01), stroke_width=0)
        bar.set_fill(color, opacity=0.9)
        bar.move_to(origin + RIGHT * slot * (i + 0.5), aligned_edge=DOWN)
        bars.add(bar)
        if i == 0 or (i + 1) % tick_every == 0:
            tick = label(str(i + 1), color=style.MUTED, size=14)
            frame.add(tick.next_to(origin + RIGHT * slot * (i + 0.5), DOWN, buff=0.1))
    frame.add(
        label(name, color=color, size=name_size)
        .next_to(origin + UP * height, UP, 0.2)
        .shift(RIGHT * width / 2),
        label(xlabel, color=style.MUTED, size=xlabel_size).next_to(
            origin + RIGHT * width / 2, DOWN, buff=0.45
        ),
    )
    return frame, bars
