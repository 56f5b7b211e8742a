"""A shop paper as a column of rows: laid out once, then drawn on one fitted page (a
thermal roll: the page is as tall as what it holds) or spread over fixed pages (A4, A5).

Each row knows its height and how to draw itself with its top at a given y, so the
receipt's page height is known before a single glyph is drawn, and a table that runs
over a page repeats its header on the next. Text is logical until the moment it is
drawn (`pdf_text.visual`); wrapping keeps whole words (a word wider than its column
makes its cell smaller, and a compound still too wide breaks only after a ZWNJ).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.printing.pdf_text import (
    REGULAR,
    text_width,
    unit_width,
    visual,
    wrap,
    wrap_compounds,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

Color = tuple[float, float, float]
Draw = Callable[["Canvas", float], None]

INK: Color = (0.08, 0.09, 0.11)
MUTED: Color = (0.33, 0.36, 0.40)
RULE: Color = (0.55, 0.58, 0.62)
RED: Color = (0.70, 0.10, 0.10)
SHADE: Color = (0.93, 0.94, 0.95)

MM = 72 / 25.4
# Vazirmatn's ascent (the descent is 0.537 em); Persian letters stay a little under it,
# so a line looks centred in its box with its baseline this far below the box's middle.
_BASELINE = 0.36
SMALLEST = 5.5  # points: a cell's text shrinks no further but to fit one long piece
SHRINK = 0.85  # a long word makes its cell this much smaller before it breaks


def baseline(top: float, height: float, size: float) -> float:
    """The baseline of one line of `size` points set in a box `height` tall at `top`."""
    return top - height / 2 - size * _BASELINE


def draw_text(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    *,
    font: str,
    size: float,
    align: str = "right",
    color: Color = INK,
) -> None:
    """One logical line at baseline `y`: `x` is its right edge, left edge or centre."""
    canvas.setFillColorRGB(*color)
    canvas.setFont(font, size)
    drawn = visual(text)
    if align == "right":
        canvas.drawRightString(x, y, drawn)
    elif align == "left":
        canvas.drawString(x, y, drawn)
    else:
        canvas.drawCentredString(x, y, drawn)


@dataclass(frozen=True)
class Column:
    """A table column: its right edge, its width and how its text lines up in it."""

    right: float
    width: float
    align: str = "right"

    @property
    def left(self) -> float:
        return self.right - self.width

    def x(self) -> float:
        return {"right": self.right, "left": self.left}.get(self.align, self.right - self.width / 2)


def columns_from_right(right: float, widths: Sequence[float], gap: float) -> list[float]:
    """The right edges of columns of `widths` set side by side from `right` leftwards."""
    edges = []
    for width in widths:
        edges.append(right)
        right -= width + gap
    return edges


@dataclass(frozen=True)
class Cell:
    text: str
    font: str = REGULAR
    color: Color = INK


def fit_cell(text: str, font: str, size: float, width: float) -> tuple[float, list[str]]:
    """The cell's size and lines: wrapped at whole words within `width`. A word wider
    than the column on its own makes the cell a little smaller (to `SHRINK` of its size
    at most); a compound still too wide then breaks after one of its ZWNJs
    (`wrap_compounds`), and only a piece that still does not fit makes the cell smaller
    again. A word is never cut anywhere else."""
    widest = max((unit_width(word, font) for word in text.split()), default=0.0)
    if widest * size <= width:
        return size, wrap(text, font, size, width)
    size = max(SMALLEST, size * SHRINK, width / widest)
    lines = wrap_compounds(text, font, size, width)
    longest = max(text_width(line, font, size) for line in lines)
    if longest > width:
        size *= width / longest
        lines = wrap_compounds(text, font, size, width)
    return size, lines


def _line_drawer(
    line: str, x: float, height: float, font: str, size: float, align: str, color: Color
) -> Draw:
    def draw(canvas: Canvas, top: float) -> None:
        y = baseline(top, height, size)
        draw_text(canvas, line, x, y, font=font, size=size, align=align, color=color)

    return draw


@dataclass
class Row:
    height: float
    draw: Draw
    # Rows drawn again at the top of a page this row starts (a table's header).
    repeat: tuple[Row, ...] = ()


@dataclass
class Flow:
    """Rows between `left` and `right` (x in points), top to bottom."""

    left: float
    right: float
    rows: list[Row] = field(default_factory=list)
    _repeat: tuple[Row, ...] = ()

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return sum(row.height for row in self.rows)

    def add(self, height: float, draw: Draw) -> None:
        self.rows.append(Row(height, draw, self._repeat))

    def space(self, height: float) -> None:
        self.add(height, lambda canvas, top: None)

    def repeat_from_here(self, header: Sequence[Row]) -> None:
        """Rows added from now on repeat `header` when they start a page."""
        self._repeat = tuple(header)

    def stop_repeating(self) -> None:
        self._repeat = ()

    def text(
        self,
        text: str,
        *,
        font: str = REGULAR,
        size: float = 9,
        align: str = "right",
        color: Color = INK,
        leading: float = 1.55,
    ) -> None:
        """A paragraph wrapped at whole words across the flow's width, a row a line."""
        size, lines = fit_cell(text, font, size, self.width)
        x = {"right": self.right, "left": self.left}.get(align, (self.left + self.right) / 2)
        height = size * leading
        for line in lines:
            self.add(height, _line_drawer(line, x, height, font, size, align, color))

    def pair(
        self,
        label: str,
        value: str,
        *,
        font: str = REGULAR,
        value_font: str | None = None,
        size: float = 9,
        label_color: Color = INK,
        leading: float = 1.55,
    ) -> None:
        """A label at the right edge and its value at the left edge, on one line when
        they fit side by side, else the value on the line under the label."""
        value_font = value_font or font
        height = size * leading
        gap = size
        if text_width(label, font, size) + gap + text_width(value, value_font, size) > self.width:
            self.text(label, font=font, size=size, color=label_color, leading=leading)
            self.text(value, font=value_font, size=size, align="left", leading=leading)
            return

        def draw(canvas: Canvas, top: float) -> None:
            y = baseline(top, height, size)
            draw_text(canvas, label, self.right, y, font=font, size=size, color=label_color)
            draw_text(canvas, value, self.left, y, font=value_font, size=size, align="left")

        self.add(height, draw)

    def cells(
        self,
        columns: Sequence[Column],
        cells: Sequence[Cell],
        *,
        size: float,
        leading: float = 1.45,
        pad: float = 0.0,
        shade: Color | None = None,
    ) -> Row:
        """One table row: each cell wrapped within its column; as tall as its tallest
        cell (plus `pad` above and below). Returns the row (to repeat it as a header)."""
        fitted = [
            fit_cell(cell.text, cell.font, size, column.width)
            for column, cell in zip(columns, cells, strict=True)
        ]
        # The first line of every cell takes the row's own size; a shrunk cell's further
        # lines are closer together.
        height = size * leading + max(
            cell_size * leading * max(len(lines) - 1, 0) for cell_size, lines in fitted
        )
        height += 2 * pad

        def draw(canvas: Canvas, top: float) -> None:
            if shade is not None:
                canvas.setFillColorRGB(*shade)
                canvas.rect(self.left, top - height, self.width, height, stroke=0, fill=1)
            # Every cell's first line on the row's baseline, a shrunk one too.
            first = baseline(top - pad, size * leading, size)
            for column, cell, (cell_size, lines) in zip(columns, cells, fitted, strict=True):
                step = cell_size * leading
                for number, line in enumerate(lines):
                    y = first - number * step
                    draw_text(
                        canvas,
                        line,
                        column.x(),
                        y,
                        font=cell.font,
                        size=cell_size,
                        align=column.align,
                        color=cell.color,
                    )

        row = Row(height, draw, self._repeat)
        self.rows.append(row)
        return row

    def rule(
        self, *, dashed: bool = False, weight: float = 0.5, pad: float = 3.0, color: Color = RULE
    ) -> Row:
        def draw(canvas: Canvas, top: float) -> None:
            canvas.saveState()
            canvas.setStrokeColorRGB(*color)
            canvas.setLineWidth(weight)
            if dashed:
                canvas.setDash(2, 2)
            canvas.line(self.left, top - pad, self.right, top - pad)
            canvas.restoreState()

        row = Row(2 * pad, draw, self._repeat)
        self.rows.append(row)
        return row


def draw_fitted(
    canvas: Canvas,
    flow: Flow,
    *,
    width: float,
    top: float,
    bottom: float,
    overlay: Callable[[Canvas, float, float], None] | None = None,
) -> float:
    """Draw `flow` on one page `width` wide and exactly as tall as it needs (a roll of
    thermal paper); `overlay(canvas, width, height)` draws over it. Returns the height."""
    height = top + flow.height + bottom
    canvas.setPageSize((width, height))
    y = height - top
    for row in flow.rows:
        row.draw(canvas, y)
        y -= row.height
    if overlay is not None:
        overlay(canvas, width, height)
    canvas.showPage()
    return height


def paginate(rows: Sequence[Row], room: float) -> list[list[Row]]:
    """Rows spread over pages `room` high; a row that starts a page brings its repeated
    header with it. A single row taller than a page gets a page of its own."""
    pages: list[list[Row]] = [[]]
    used = 0.0
    for row in rows:
        if pages[-1] and used + row.height > room:
            pages.append(list(row.repeat))
            used = sum(header.height for header in row.repeat)
        pages[-1].append(row)
        used += row.height
    return pages


def draw_pages(
    canvas: Canvas,
    flow: Flow,
    *,
    page_size: tuple[float, float],
    top: float,
    bottom: float,
    footer: Callable[[Canvas, int, int], None] | None = None,
) -> int:
    """Draw `flow` over as many pages of `page_size` as it needs, `top` and `bottom`
    points kept free; `footer(canvas, page, pages)` draws on each. Returns the pages."""
    height = page_size[1]
    pages = paginate(flow.rows, height - top - bottom)
    for number, rows in enumerate(pages, start=1):
        canvas.setPageSize(page_size)
        y = height - top
        for row in rows:
            row.draw(canvas, y)
            y -= row.height
        if footer is not None:
            footer(canvas, number, len(pages))
        canvas.showPage()
    return len(pages)


def stamp(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    *,
    font: str,
    size: float,
    color: Color = RED,
    angle: float = 0.0,
    alpha: float = 1.0,
) -> None:
    """A framed mark (copy, void) centred at (x, y), turned by `angle` degrees."""
    width = text_width(text, font, size) + size * 1.4
    height = size * 1.8
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(angle)
    canvas.setStrokeAlpha(alpha)
    canvas.setFillAlpha(alpha)
    canvas.setStrokeColorRGB(*color)
    canvas.setLineWidth(max(1.0, size / 10))
    canvas.roundRect(-width / 2, -height / 2, width, height, size / 4, stroke=1, fill=0)
    draw_text(canvas, text, 0, -size * _BASELINE, font=font, size=size, align="center", color=color)
    canvas.restoreState()
