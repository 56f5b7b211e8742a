"""The shop's A4 papers: stock notes for a producer to sign and producer statements.

A stock note records goods a producer brought on consignment (or took back): the lines
with their quantities and prices, and two places to sign, the producer's and the
staff member's. A statement is what a producer is owed for a period: each product's
sales and returns, the totals, the shop's commission and the amount due, and the
payment once recorded. When the period's returns exceed its sales (a return after a
paid period), the amount due is negative: the statement says it is carried over to the
next one instead of printing a bare minus sign.

Tables run over as many pages as they need, their header repeated; every page carries
"page n of m" and the paper's number. Identifiers (codes, IBAN, barcodes, numbers) are
printed exactly as stored; amounts in Persian digits with separators in the data's unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.printing.pdf_text import BOLD, MEDIUM, REGULAR, pdf_file, prepare_reportlab, text_width
from desktop.printing.shop_data import StatementData, StockNoteData
from desktop.printing.shop_layout import (
    INK,
    MM,
    MUTED,
    RED,
    RULE,
    SHADE,
    Cell,
    Column,
    Flow,
    columns_from_right,
    draw_pages,
    draw_text,
)
from desktop.strings.printing import ShopPaperText as T
from desktop.text.digits import format_number, group_thousands
from desktop.text.jalali import format_jalali, format_jalali_datetime
from desktop.text.money import MoneyUnit, format_money

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

PAGE = (210 * MM, 297 * MM)
MARGIN = 16 * MM
FOOTER = 12 * MM  # kept free under the content for the page's footer
BODY = 9.0  # table text, points
GAP = 5.0


def render_stock_note(data: StockNoteData, path: Path) -> int:
    """Write a stock receipt (or return) note as an A4 PDF at `path` (0600); returns
    the number of pages."""
    return _write(
        path,
        T.STOCK_RECEIVED_TITLE if data.received else T.STOCK_RETURNED_TITLE,
        [(_stock_note(data), data.number)],
    )


def render_statement(data: StatementData, path: Path) -> int:
    """Write one producer's settlement statement as an A4 PDF at `path` (0600)."""
    return render_statements([data], path)


def render_statements(statements: Sequence[StatementData], path: Path) -> int:
    """Write many statements into one A4 PDF at `path` (0600), each starting on its own
    page (a long one runs over more, numbered on its own); returns the pages."""
    if not statements:
        raise ValueError("render_statements needs at least one statement")
    title = T.STATEMENT_TITLE if len(statements) == 1 else T.STATEMENT_DOCUMENT
    return _write(path, title, [(_statement(s), s.producer_code) for s in statements])


def _write(path: Path, title: str, papers: Sequence[tuple[Flow, str]]) -> int:
    prepare_reportlab()
    from reportlab.pdfgen.canvas import Canvas

    pages = 0
    with pdf_file(path) as partial:
        canvas = Canvas(str(partial), pagesize=PAGE, initialFontName=REGULAR, pageCompression=1)
        canvas.setTitle(title)
        canvas.setCreator("Tavana")
        for flow, reference in papers:

            def footer(canvas: Canvas, page: int, count: int, reference: str = reference) -> None:
                _footer(canvas, page, count, reference)

            pages += draw_pages(
                canvas, flow, page_size=PAGE, top=MARGIN, bottom=MARGIN + FOOTER, footer=footer
            )
        canvas.save()
    return pages


def _footer(canvas: Canvas, page: int, pages: int, reference: str) -> None:
    y = MARGIN
    canvas.saveState()
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 12, PAGE[0] - MARGIN, y + 12)
    canvas.restoreState()
    text = T.PAGE.format(page=group_thousands(page), pages=group_thousands(pages))
    draw_text(canvas, text, PAGE[0] - MARGIN, y, font=REGULAR, size=8, color=MUTED)
    draw_text(canvas, reference, MARGIN, y, font=REGULAR, size=8, align="left", color=MUTED)


def _flow() -> Flow:
    return Flow(MARGIN, PAGE[0] - MARGIN)


def _money(amount: int, unit: MoneyUnit) -> str:
    return format_money(amount, unit)


def _figure(amount: int, unit: MoneyUnit) -> str:
    return format_money(amount, unit, with_unit=False)


def _heading(flow: Flow, over: str, title: str) -> None:
    if over.strip():
        flow.text(over, font=MEDIUM, size=11, align="center", color=MUTED)
    flow.text(title, font=BOLD, size=16, align="center", leading=1.7)
    flow.space(4)


def _fields(flow: Flow, pairs: Sequence[tuple[str, str]]) -> None:
    """Label and value pairs, two to a line: the first of each two on the right half."""
    size = 9.5
    label_width = max(text_width(label, MEDIUM, size) for label, _ in pairs) + 10
    half = (flow.width - 2 * GAP) / 2
    value_width = half - label_width - GAP
    edges = columns_from_right(flow.right, [label_width, value_width] * 2, GAP)
    widths = [label_width, value_width] * 2
    columns = [Column(edge, width) for edge, width in zip(edges, widths, strict=True)]
    for start in range(0, len(pairs), 2):
        chunk = list(pairs[start : start + 2])
        cells: list[Cell] = []
        for label, value in chunk:
            cells += [Cell(label, MEDIUM, MUTED), Cell(value)]
        flow.cells(columns[: len(cells)], cells, size=size, leading=1.6)
    flow.space(6)


def _table(
    flow: Flow,
    widths: Sequence[float | None],
    aligns: Sequence[str],
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
) -> None:
    """A table with its header shaded and repeated on every page it runs onto; the one
    width given as None takes what the others leave."""
    fixed = sum(w for w in widths if w is not None)
    rest = flow.width - fixed - GAP * (len(widths) - 1)
    sizes = [rest if w is None else w for w in widths]
    edges = columns_from_right(flow.right, sizes, GAP)
    columns = [
        Column(edge, width, align) for edge, width, align in zip(edges, sizes, aligns, strict=True)
    ]
    top_rule = flow.rule(weight=0.8, pad=0.5, color=INK)
    head = flow.cells(
        columns, [Cell(text, BOLD) for text in header], size=BODY - 0.5, pad=3, shade=SHADE
    )
    under = flow.rule(weight=0.6, pad=0.5, color=INK)
    flow.repeat_from_here([top_rule, head, under])
    for index, cells in enumerate(rows):
        if index:
            flow.rule(weight=0.3, pad=0.5)
        flow.cells(columns, cells, size=BODY, pad=2.5)
    flow.stop_repeating()
    flow.rule(weight=0.8, pad=0.5, color=INK)


def _amount_rows(
    flow: Flow, rows: Sequence[tuple[str, str, str, tuple[float, float, float] | None]]
) -> None:
    """Totals: each label at the right, its amount right-aligned in a column at the left.
    A row is (label, amount, font, shade)."""
    amount_width = max(text_width(amount, BOLD, BODY + 1) for _, amount, _, _ in rows) + 8
    columns = [
        Column(flow.right - 4, flow.width - amount_width - GAP - 8),
        Column(flow.left + amount_width, amount_width),
    ]
    for label, amount, font, shade in rows:
        flow.cells(
            columns, [Cell(label, font), Cell(amount, font)], size=BODY + 1, pad=2.5, shade=shade
        )


def _signature_boxes(flow: Flow, boxes: Sequence[tuple[str, str]]) -> None:
    """Boxes side by side, one for each (role, name) to sign: the role at the top, the
    name printed, room for the signature under «name and signature»."""
    height = 34 * MM
    width = (flow.width - GAP * 3 * (len(boxes) - 1)) / len(boxes)

    def draw(canvas: Canvas, top: float) -> None:
        for index, (role, name) in enumerate(boxes):
            right = flow.right - index * (width + GAP * 3)
            middle = right - width / 2
            canvas.saveState()
            canvas.setStrokeColorRGB(*RULE)
            canvas.setLineWidth(0.7)
            canvas.roundRect(right - width, top - height, width, height, 4, stroke=1, fill=0)
            canvas.restoreState()
            draw_text(canvas, role, middle, top - 16, font=BOLD, size=10, align="center")
            if name.strip():
                draw_text(canvas, name, middle, top - 32, font=REGULAR, size=9.5, align="center")
            draw_text(
                canvas,
                T.SIGNATURE,
                middle,
                top - height + 8,
                font=REGULAR,
                size=7.5,
                align="center",
                color=MUTED,
            )

    flow.space(8 * MM)
    flow.add(height, draw)


# --- stock note ---------------------------------------------------------------------------


def _stock_note(data: StockNoteData) -> Flow:
    flow = _flow()
    unit = data.unit
    _heading(
        flow, data.shop_name, T.STOCK_RECEIVED_TITLE if data.received else T.STOCK_RETURNED_TITLE
    )
    _fields(
        flow,
        [
            (T.NOTE_NUMBER, data.number),
            (T.DATE, format_jalali_datetime(data.noted_at)),
            (T.PRODUCER_CODE, data.producer_code),
            (T.PRODUCER, data.producer_name),
            (T.OWNER, data.owner_name),
            (T.STAFF_NAME, data.staff_name),
        ],
    )
    flow.text(T.AMOUNTS_IN.format(unit=unit.label), size=7.5, align="left", color=MUTED)
    rows = [
        [
            Cell(group_thousands(index)),
            Cell(line.name),
            Cell(line.barcode),
            Cell(line.unit),
            Cell(group_thousands(line.quantity)),
            Cell(_figure(line.price, unit)),
            Cell(_figure(line.price * line.quantity, unit)),
        ]
        for index, line in enumerate(data.lines, start=1)
    ]
    total_quantity = sum(line.quantity for line in data.lines)
    total_value = sum(line.price * line.quantity for line in data.lines)
    rows.append(
        [
            Cell(""),
            Cell(T.STOCK_TOTALS, BOLD),
            Cell(""),
            Cell(""),
            Cell(group_thousands(total_quantity), BOLD),
            Cell(""),
            Cell(_figure(total_value, unit), BOLD),
        ]
    )
    _table(
        flow,
        [22, None, 78, 42, 42, 72, 80],
        ["center", "right", "center", "center", "center", "right", "right"],
        [
            T.COLUMN_ROW,
            T.COLUMN_NAME,
            T.COLUMN_BARCODE,
            T.COLUMN_UNIT,
            T.COLUMN_QUANTITY,
            T.COLUMN_PRICE,
            T.COLUMN_VALUE,
        ],
        rows,
    )
    flow.space(6)
    if data.note.strip():
        flow.text(f"{T.NOTE}: {data.note}", size=9.5)
    flow.text(T.RECEIVED_STATEMENT if data.received else T.RETURNED_STATEMENT, size=9.5)
    if data.received:
        boxes = [(T.SIGN_PRODUCER_GAVE, data.owner_name), (T.SIGN_STAFF_TOOK, data.staff_name)]
    else:
        boxes = [(T.SIGN_STAFF_GAVE, data.staff_name), (T.SIGN_PRODUCER_TOOK, data.owner_name)]
    _signature_boxes(flow, boxes)
    return flow


# --- producer statement -------------------------------------------------------------------


def _statement(data: StatementData) -> Flow:
    flow = _flow()
    unit = data.unit
    _heading(flow, data.center_name, T.STATEMENT_TITLE)
    period = T.PERIOD_RANGE.format(
        start=format_jalali(data.period_from), end=format_jalali(data.period_to)
    )
    _fields(
        flow,
        [
            (T.SHOP, data.shop_name),
            (T.PERIOD, period),
            (T.PRODUCER_CODE, data.producer_code),
            (T.BUSINESS, data.business_name),
            (T.OWNER, data.owner_name),
            (T.NATIONAL_CODE, data.national_code),
            (T.IBAN, data.iban),
            (T.PRINTED_ON, format_jalali(data.printed_on)),
        ],
    )
    flow.text(T.AMOUNTS_IN.format(unit=unit.label), size=7.5, align="left", color=MUTED)
    if data.lines:
        _table(
            flow,
            [22, None, 70, 50, 84, 58, 76],
            ["center", "right", "center", "center", "right", "center", "right"],
            [
                T.COLUMN_ROW,
                T.COLUMN_PRODUCT,
                T.COLUMN_BARCODE,
                T.COLUMN_SOLD,
                T.COLUMN_GROSS,
                T.COLUMN_RETURNED,
                T.COLUMN_RETURNS,
            ],
            [
                [
                    Cell(group_thousands(index)),
                    Cell(line.name),
                    Cell(line.barcode),
                    Cell(group_thousands(line.quantity)),
                    Cell(_figure(line.gross, unit)),
                    Cell(group_thousands(line.returned_quantity)),
                    Cell(_figure(line.returns, unit)),
                ]
                for index, line in enumerate(data.lines, start=1)
            ],
        )
    else:
        flow.text(T.NO_SALES, size=9.5, color=MUTED)
    flow.space(8)
    percent = format_number(data.commission_percent)
    due_label = T.DUE if data.due >= 0 else T.DUE_NEGATIVE
    _amount_rows(
        flow,
        [
            (T.GROSS, _money(data.gross, unit), REGULAR, None),
            (T.RETURNS, _money(data.returns, unit), REGULAR, None),
            (T.NET, _money(data.gross - data.returns, unit), REGULAR, None),
            (T.COMMISSION.format(percent=percent), _money(data.commission, unit), REGULAR, None),
            (due_label, _money(abs(data.due), unit), BOLD, SHADE),
        ],
    )
    if data.due < 0:
        flow.space(4)
        flow.text(T.CARRY_OVER, font=MEDIUM, size=9.5, color=RED)
    flow.space(6)
    if data.paid_on is not None:
        date = format_jalali(data.paid_on)
        paid = (
            T.PAID_REFERENCE.format(date=date, reference=data.bank_reference)
            if data.bank_reference.strip()
            else T.PAID.format(date=date)
        )
        flow.text(paid, font=MEDIUM, size=10)
    else:
        flow.text(T.NOT_PAID, size=9.5, color=MUTED)
    _signature_boxes(flow, [(T.SIGN_PRODUCER, data.owner_name), (T.SIGN_SHOP, "")])
    return flow
