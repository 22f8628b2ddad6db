"""Drawing helpers shared by the scenes (Manim objects set in plain Unicode text, no LaTeX)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Axes, Line, Rectangle, Scene, Text, VGroup, VMobject

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
