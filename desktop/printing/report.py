"""A report on A4: the center's header, the report's title, its chart and every table.

Landscape when a table is wider than portrait holds well (more than eight columns),
portrait otherwise. Tables run over pages with their header repeated; every page says
"page n of m" and the report's title. The chart is drawn as horizontal bars (a funnel's
bars centred), its labels and figures beside them — the figures are the table's too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.printing.pdf_text import BOLD, MEDIUM, REGULAR, pdf_file, prepare_reportlab, text_width
from desktop.printing.shop_layout import (
    INK,
    MM,
    MUTED,
    RULE,
    SHADE,
    Cell,
    Column,
    Flow,
    columns_from_right,
    draw_pages,
    draw_text,
)
from desktop.strings.reports import Reports
from desktop.text.digits import group_thousands

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

PORTRAIT = (210 * MM, 297 * MM)
LANDSCAPE = (297 * MM, 210 * MM)
MARGIN = 14 * MM
FOOTER = 10 * MM
BODY = 8.5
GAP = 4.0
WIDE = 8  # columns: more, and the page turns landscape
BAR: tuple[float, float, float] = (0.20, 0.45, 0.65)
REFERENCE: tuple[float, float, float] = (0.69, 0.16, 0.16)


@dataclass(frozen=True)
class PaperChart:
    kind: str  # "bars" | "funnel"
    title: str
    labels: list[str]
    values: list[float]
    figures: list[str]  # the values as printed
    reference: float | None = None  # a value marked across the bars (100 %)


@dataclass(frozen=True)
class PaperTable:
    title: str
    headers: list[str]
    text_columns: list[bool]  # a column of words (wraps, right-aligned), not of figures
    rows: list[list[str]]  # every cell as printed


@dataclass(frozen=True)
class ReportPaper:
    title: str
    center: str  # over the title
    lines: list[str]  # under it: the period, the district, when it was made
    chart: PaperChart | None
    tables: list[PaperTable]


def render_report(report: ReportPaper, path: Path) -> int:
    """Write `report` as an A4 PDF at `path` (0600); returns the number of pages."""
    prepare_reportlab()
    from reportlab.pdfgen.canvas import Canvas

    wide = max((len(table.headers) for table in report.tables), default=0) > WIDE
    page = LANDSCAPE if wide else PORTRAIT
    flow = Flow(MARGIN, page[0] - MARGIN)
    _heading(flow, report)
    if report.chart is not None and report.chart.values:
        _chart(flow, report.chart)
    for table in report.tables:
        _table(flow, table)
    with pdf_file(path) as partial:
        canvas = Canvas(str(partial), pagesize=page, initialFontName=REGULAR, pageCompression=1)
        canvas.setTitle(report.title)
        canvas.setCreator("Tavana")

        def footer(canvas: Canvas, number: int, count: int) -> None:
            _footer(canvas, page, number, count, report.title)

        pages = draw_pages(
            canvas, flow, page_size=page, top=MARGIN, bottom=MARGIN + FOOTER, footer=footer
        )
        canvas.save()
    return pages


def _heading(flow: Flow, report: ReportPaper) -> None:
    if report.center.strip():
        flow.text(report.center, font=MEDIUM, size=11, align="center", color=MUTED)
    flow.text(report.title, font=BOLD, size=16, align="center", leading=1.7)
    for line in report.lines:
        flow.text(line, size=9, align="center", color=MUTED)
    flow.space(8)


def _chart(flow: Flow, chart: PaperChart) -> None:
    """Bars, one a row: the label at the right, the bar, its figure at the bar's end."""
    size = BODY
    label_width = max(text_width(label, REGULAR, size) for label in chart.labels) + 8
    figures = chart.figures
    figure_width = max(text_width(figure, REGULAR, size) for figure in figures) + 6
    room = flow.width - label_width - figure_width
    largest = max(*chart.values, chart.reference or 0.0) or 1.0
    height = size * 2.2
    funnel = chart.kind == "funnel"
    flow.text(chart.title, font=MEDIUM, size=10, leading=1.8)
    for label, value, figure in zip(chart.labels, chart.values, figures, strict=True):

        def draw(
            canvas: Canvas,
            top: float,
            label: str = label,
            value: float = value,
            figure: str = figure,
        ) -> None:
            y = top - height / 2 - size * 0.36
            draw_text(canvas, label, flow.right, y, font=REGULAR, size=size)
            length = room * max(value, 0) / largest
            bar_right = flow.right - label_width
            if funnel:
                bar_right -= (room - length) / 2
            canvas.setFillColorRGB(*BAR)
            canvas.rect(
                bar_right - length, top - height * 0.8, length, height * 0.6, stroke=0, fill=1
            )
            draw_text(
                canvas,
                figure,
                bar_right - length - 3,
                y,
                font=REGULAR,
                size=size,
                align="right",
                color=INK,
            )
            if chart.reference is not None:  # the mark, a stretch of it on every row
                x = flow.right - label_width - room * chart.reference / largest
                canvas.saveState()
                canvas.setStrokeColorRGB(*REFERENCE)
                canvas.setLineWidth(1.2)
                canvas.setDash(3, 2)
                canvas.line(x, top, x, top - height)
                canvas.restoreState()

        flow.add(height, draw)
    flow.space(10)


def _table(flow: Flow, table: PaperTable) -> None:
    if not table.rows:
        return
    flow.text(table.title, font=BOLD, size=10.5, leading=2.0)
    texts = table.rows
    widths = _widths(flow.width, table)
    edges = columns_from_right(flow.right, widths, GAP)
    columns = [
        Column(edge, width, "right" if words else "center")
        for edge, width, words in zip(edges, widths, table.text_columns, strict=True)
    ]
    top_rule = flow.rule(weight=0.8, pad=0.5, color=INK)
    head = flow.cells(
        columns, [Cell(title, BOLD) for title in table.headers], size=BODY - 0.5, pad=3, shade=SHADE
    )
    under = flow.rule(weight=0.6, pad=0.5, color=INK)
    flow.repeat_from_here([top_rule, head, under])
    for index, row in enumerate(texts):
        if index:
            flow.rule(weight=0.3, pad=0.5)
        flow.cells(columns, [Cell(text) for text in row], size=BODY, pad=2.0)
    flow.stop_repeating()
    flow.rule(weight=0.8, pad=0.5, color=INK)
    flow.space(10)


def _widths(total: float, table: PaperTable) -> list[float]:
    """Each column as wide as its widest figure (a header may wrap), the text columns
    sharing what is left."""
    room = total - GAP * (len(table.headers) - 1)
    natural: list[float | None] = []
    for index, (title_text, words) in enumerate(
        zip(table.headers, table.text_columns, strict=True)
    ):
        if words:
            natural.append(None)
            continue
        widest = max(text_width(row[index], REGULAR, BODY) for row in table.rows)
        title = max(text_width(word, BOLD, BODY - 0.5) for word in title_text.split())
        natural.append(max(widest, title, 12 * MM / 2) + 4)
    fixed = sum(w for w in natural if w is not None)
    flexible = natural.count(None)
    share = (room - fixed) / flexible if flexible else 0.0
    if flexible and share < 30 * MM:  # text too squeezed: give every column an equal part
        return [room / len(natural)] * len(natural)
    widths = [share if w is None else w for w in natural]
    if not flexible:  # spread what is left over all of them
        extra = (room - fixed) / len(widths)
        widths = [w + extra for w in widths]
    return widths


def _footer(canvas: Canvas, page: tuple[float, float], number: int, pages: int, title: str) -> None:
    y = MARGIN
    canvas.saveState()
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 12, page[0] - MARGIN, y + 12)
    canvas.restoreState()
    text = Reports.PAGE.format(page=group_thousands(number), pages=group_thousands(pages))
    draw_text(canvas, text, page[0] - MARGIN, y, font=REGULAR, size=8, color=MUTED)
    draw_text(canvas, title, MARGIN, y, font=REGULAR, size=8, align="left", color=MUTED)
