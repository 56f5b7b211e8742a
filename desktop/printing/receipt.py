"""The till's papers: a sale's receipt (or return slip) and the daily close (Z report).

On an 80 mm thermal roll the page is exactly 80 mm wide and as tall as its content
(printers cut after the last line); the text keeps 4 mm from each edge, inside the
72 mm most such printers reach. A5 (receipt) and A4 (close) are ordinary pages.

The item table reads from the right: name · quantity · unit price · line total, the
name rightmost and the line total leftmost (Odoo's Persian receipts swap quantity and
price; ours do not). Column widths follow the widest figure of each column, the name
takes the rest and wraps there at whole words. Amounts are Persian digits with
separators in the data's unit (`format_money`); the sale number and card references are
identifiers and are printed exactly as stored, left to right.

Two weights only (regular and bold): each font in the file is subset and embedded when
it is saved, about a third of a receipt's ~20 ms.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.printing.pdf_text import BOLD, REGULAR, pdf_file, prepare_reportlab, text_width
from desktop.printing.shop_data import CloseData, ReceiptData, ReceiptLine
from desktop.printing.shop_layout import (
    MM,
    MUTED,
    RED,
    Cell,
    Column,
    Flow,
    columns_from_right,
    draw_fitted,
    draw_pages,
    draw_text,
    stamp,
)
from desktop.strings.printing import ShopPaperText as T
from desktop.text.digits import group_thousands
from desktop.text.jalali import format_jalali_datetime
from desktop.text.money import MoneyUnit, format_money

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

ROLL_WIDTH = 80 * MM
ROLL_MARGIN = 4 * MM
A5 = (148 * MM, 210 * MM)
A4 = (210 * MM, 297 * MM)
PAPERS = ("80mm", "a5")
CLOSE_PAPERS = ("80mm", "a4")


def render_receipt(data: ReceiptData, path: Path, paper: str = "80mm") -> None:
    """Write the receipt (or return slip) of one sale as a PDF at `path` (0600)."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, not {paper!r}")
    _render(path, T.RETURN_TITLE if data.return_of else T.RECEIPT_TITLE, paper, data, None)


def render_close(data: CloseData, path: Path, paper: str = "80mm") -> None:
    """Write a daily close (Z report) as a PDF at `path` (0600)."""
    if paper not in CLOSE_PAPERS:
        raise ValueError(f"paper must be one of {CLOSE_PAPERS}, not {paper!r}")
    _render(path, T.CLOSE_TITLE, paper, None, data)


def _render(
    path: Path, title: str, paper: str, receipt: ReceiptData | None, close: CloseData | None
) -> None:
    prepare_reportlab()
    from reportlab.pdfgen.canvas import Canvas

    if paper == "80mm":
        width, margin, scale = ROLL_WIDTH, ROLL_MARGIN, 1.0
        left, right = margin, width - margin
    else:
        width = (A5 if paper == "a5" else A4)[0]
        margin = 12 * MM if paper == "a5" else 25 * MM
        scale = 1.25 if paper == "a5" else 1.4
        # An A4 close is a narrow column in the middle: the figures stay near their labels.
        inset = 0.0 if paper == "a5" else 30 * MM
        left, right = margin + inset, width - margin - inset
    flow = Flow(left, right)
    if receipt is not None:
        _receipt(flow, receipt, scale)
    if close is not None:
        _close(flow, close, scale)
    with pdf_file(path) as partial:
        canvas = Canvas(str(partial), initialFontName=REGULAR, pageCompression=1)
        canvas.setTitle(title)
        canvas.setCreator("Tavana")
        voided = receipt is not None and receipt.voided
        if paper == "80mm":
            overlay = _void_overlay if voided else None
            draw_fitted(canvas, flow, width=width, top=margin, bottom=margin, overlay=overlay)
        else:
            size = A5 if paper == "a5" else A4

            def footer(canvas: Canvas, page: int, pages: int) -> None:
                if voided:
                    _void_overlay(canvas, *size)

            draw_pages(canvas, flow, page_size=size, top=margin, bottom=margin, footer=footer)
        canvas.save()


def _void_overlay(canvas: Canvas, width: float, height: float) -> None:
    size = min(width / 5, 40.0)
    # Across the middle, see-through: the receipt stays readable under it.
    stamp(canvas, T.VOID, width / 2, height / 2, font=BOLD, size=size, angle=30, alpha=0.55)


def _money(amount: int, unit: MoneyUnit) -> str:
    return format_money(amount, unit)


def _figure(amount: int, unit: MoneyUnit) -> str:
    """An amount in a column whose header names the unit."""
    return format_money(amount, unit, with_unit=False)


def _when(value: dt.datetime | None) -> str:
    return format_jalali_datetime(value)


# --- the receipt ------------------------------------------------------------------------


def _receipt(flow: Flow, data: ReceiptData, scale: float) -> None:
    s = scale
    returning = bool(data.return_of)
    flow.text(data.shop_name, font=BOLD, size=12 * s, align="center", leading=1.5)
    if data.shop_address.strip():
        flow.text(data.shop_address, size=7.5 * s, align="center", color=MUTED, leading=1.45)
    flow.space(3 * s)
    title = T.RETURN_TITLE if returning else T.RECEIPT_TITLE
    flow.text(title, font=BOLD, size=10 * s, align="center")
    if data.copy:
        _copy_mark(flow, s)
    flow.rule(dashed=True)
    meta = 8.5 * s
    flow.pair(T.RETURN_NUMBER if returning else T.SALE_NUMBER, data.number, size=meta)
    if returning:
        flow.pair(T.RETURN_OF, data.return_of, size=meta)
    flow.pair(T.DATE_TIME, _when(data.sold_at), size=meta)
    if data.cashier.strip():
        flow.pair(T.CASHIER, data.cashier, size=meta)
    flow.rule(dashed=True)
    _items(flow, data, s)
    flow.rule(dashed=True)
    _totals(flow, data, s)
    if data.voided:
        flow.rule(dashed=True)
        flow.text(T.VOID_NOTE, font=BOLD, size=9 * s, align="center", color=RED)
    if data.copy:
        flow.text(T.COPY_NOTE, size=7.5 * s, align="center", color=MUTED)
    if data.footer.strip():
        flow.rule(dashed=True)
        for paragraph in data.footer.splitlines():
            if paragraph.strip():
                flow.text(paragraph, size=8 * s, align="center", leading=1.5)


def _copy_mark(flow: Flow, scale: float) -> None:
    size = 11 * scale
    middle = (flow.left + flow.right) / 2
    flow.space(3 * scale)
    flow.add(
        size * 2.1,
        lambda canvas, top: stamp(
            canvas, T.COPY, middle, top - size * 1.05, font=BOLD, size=size, color=(0, 0, 0)
        ),
    )


def _quantity(line: ReceiptLine) -> str:
    return f"{group_thousands(line.quantity)} {line.unit}".strip()


def _items(flow: Flow, data: ReceiptData, scale: float) -> None:
    size = 8 * scale
    head = 7.5 * scale
    gap = 4 * scale
    unit = data.unit

    def widest(texts: list[str], header: str) -> float:
        return max([text_width(header, BOLD, head)] + [text_width(t, REGULAR, size) for t in texts])

    quantity = widest([_quantity(line) for line in data.lines], T.COLUMN_QUANTITY)
    price = widest([_figure(line.unit_price, unit) for line in data.lines], T.COLUMN_UNIT_PRICE)
    total = widest([_figure(line.line_total, unit) for line in data.lines], T.COLUMN_LINE_TOTAL)
    name = flow.width - quantity - price - total - 3 * gap
    edges = columns_from_right(flow.right, [name, quantity, price, total], gap)
    columns = [
        Column(edges[0], name),
        Column(edges[1], quantity, "center"),
        Column(edges[2], price),
        Column(edges[3], total),
    ]
    flow.text(T.AMOUNTS_IN.format(unit=unit.label), size=6.5 * scale, align="left", color=MUTED)
    flow.cells(
        columns,
        [
            Cell(T.COLUMN_NAME, BOLD),
            Cell(T.COLUMN_QUANTITY, BOLD),
            Cell(T.COLUMN_UNIT_PRICE, BOLD),
            Cell(T.COLUMN_LINE_TOTAL, BOLD),
        ],
        size=head,
    )
    flow.rule(weight=0.4, pad=1.5)
    for line in data.lines:
        flow.cells(
            columns,
            [
                Cell(line.name),
                Cell(_quantity(line)),
                Cell(_figure(line.unit_price, unit)),
                Cell(_figure(line.line_total, unit)),
            ],
            size=size,
            pad=1.0 * scale,
        )
        if line.discount:
            amount = _money(line.discount, unit)
            flow.text(
                T.LINE_DISCOUNT.format(amount=amount), size=7 * scale, color=MUTED, leading=1.4
            )


def _totals(flow: Flow, data: ReceiptData, scale: float) -> None:
    size = 8.5 * scale
    unit = data.unit
    returning = bool(data.return_of)
    if data.discount:
        flow.pair(T.SUBTOTAL, _money(data.total + data.discount, unit), size=size)
        flow.pair(T.DISCOUNT_TOTAL, _money(data.discount, unit), size=size)
    flow.pair(
        T.REFUND_TOTAL if returning else T.TOTAL,
        _money(data.total, unit),
        font=BOLD,
        size=10.5 * scale,
    )
    for payment in data.payments:
        if payment.method == "card":
            label = T.REFUND_CARD if returning else T.PAID_CARD
            if payment.reference.strip() and not returning:
                label = T.PAID_CARD_REFERENCE.format(reference=payment.reference)
        else:
            label = T.REFUND_CASH if returning else T.PAID_CASH
        flow.pair(label, _money(payment.amount, unit), size=size)
    if not returning and (data.change or any(p.method == "cash" for p in data.payments)):
        flow.pair(T.CHANGE, _money(data.change, unit), size=size, font=BOLD)


# --- the daily close ---------------------------------------------------------------------


def _close(flow: Flow, data: CloseData, scale: float) -> None:
    s = scale
    size = 8.5 * s
    unit = data.unit
    flow.text(data.shop_name, font=BOLD, size=12 * s, align="center", leading=1.5)
    flow.text(T.CLOSE_TITLE, font=BOLD, size=10 * s, align="center")
    flow.rule(dashed=True)
    flow.pair(T.CLOSE_NUMBER, data.number, size=size)
    flow.pair(T.STAFF, data.staff_name, size=size)
    if data.closed_by.strip() and data.closed_by != data.staff_name:
        flow.pair(T.CLOSED_BY, data.closed_by, size=size)
    if data.period_from is not None:
        flow.pair(T.PERIOD_FROM, _when(data.period_from), size=size)
    flow.pair(T.PERIOD_TO, _when(data.closed_at), size=size)
    flow.rule(dashed=True)
    flow.pair(
        T.SALES.format(count=group_thousands(data.sales_count)),
        _money(data.sales_total, unit),
        size=size,
    )
    flow.pair(
        T.REFUNDS.format(count=group_thousands(data.returns_count)),
        _money(data.refunds, unit),
        size=size,
    )
    flow.pair(T.CARD_TOTAL, _money(data.card_total, unit), size=size)
    flow.rule(dashed=True)
    flow.pair(T.EXPECTED_CASH, _money(data.expected_cash, unit), size=size)
    flow.pair(T.COUNTED_CASH, _money(data.counted_cash, unit), size=size)
    # The sign said in words: a surplus or a shortage of cash, nothing when they agree.
    label = T.DIFFERENCE
    if data.difference:
        label += f" ({T.SURPLUS if data.difference > 0 else T.SHORTAGE})"
    flow.pair(label, _money(abs(data.difference), unit), font=BOLD, size=size)
    if data.note.strip():
        flow.rule(dashed=True)
        flow.text(f"{T.NOTE}: {data.note}", size=size)
    flow.space(14 * s)
    _signatures(flow, (T.SIGN_STAFF, T.SIGN_SUPERVISOR), s)


def _signatures(flow: Flow, roles: tuple[str, str], scale: float) -> None:
    """Two places to sign side by side: the role above a dotted line."""
    size = 7.5 * scale
    half = flow.width / 2

    def draw(canvas: Canvas, top: float) -> None:
        for index, role in enumerate(roles):
            middle = flow.right - half * index - half / 2
            draw_text(canvas, role, middle, top - size, font=BOLD, size=size, align="center")
            canvas.saveState()
            canvas.setStrokeColorRGB(*MUTED)
            canvas.setLineWidth(0.5)
            canvas.setDash(1, 2)
            canvas.line(middle - half * 0.4, top - size * 5, middle + half * 0.4, top - size * 5)
            canvas.restoreState()

    flow.add(size * 6, draw)
