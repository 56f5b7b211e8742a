"""Barcode labels: A4 sheets of 3 × 8 labels of 70 × 36 mm (the common 24-up sheet, with
4.5 mm free at the top and bottom of the page, where most printers cannot print).

Each label holds the product's name (up to two lines, whole words, smaller when long),
its price in the center's unit and its barcode as vector bars with the digits under
them, drawn by reportlab's own barcode widgets: EAN-13 for a 13-digit code whose check
digit is right (the widget computes the check digit from the first 12, so a code with a
wrong one would print other bars than its digits say) and Code 128 for anything else.
Bars are paths, not images, so they stay sharp at any printer resolution. The digits
under the bars are Vazirmatn's Latin digits (an identifier, as stored; every font in
the file is embedded).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.printing.pdf_text import BOLD, REGULAR, pdf_file, prepare_reportlab, text_width
from desktop.printing.shop_data import LabelData
from desktop.printing.shop_layout import MM, MUTED, baseline, draw_text, fit_cell
from desktop.strings.printing import ShopPaperText as T
from desktop.text.money import format_money

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

PAGE = (210 * MM, 297 * MM)
COLUMNS = 3
ROWS = 8
LABEL_WIDTH = 70 * MM
LABEL_HEIGHT = 36 * MM
PER_PAGE = COLUMNS * ROWS
# The sheet's labels touch each other; the page's height they leave is split above
# and below.
_TOP = (PAGE[1] - ROWS * LABEL_HEIGHT) / 2
_LEFT = (PAGE[0] - COLUMNS * LABEL_WIDTH) / 2
PAD = 3 * MM  # kept free inside each label: cutting and printing are never exact
BAR_HEIGHT = 11 * MM
EAN_MODULE = 0.30 * MM  # 91% of EAN-13's nominal 0.33 mm; scanners read 80–200%
CODE128_MODULE = 0.25 * MM
DIGITS_SIZE = 7.5


def render_labels(labels: Sequence[LabelData], path: Path) -> int:
    """Write `labels` on A4 sheets (24 a page, filled right to left, top to bottom, as
    Persian is read) into a PDF at `path` (0600); returns the number of pages."""
    if not labels:
        raise ValueError("render_labels needs at least one label")
    prepare_reportlab()
    from reportlab.pdfgen.canvas import Canvas

    pages = 0
    with pdf_file(path) as partial:
        canvas = Canvas(str(partial), pagesize=PAGE, initialFontName=REGULAR, pageCompression=1)
        canvas.setTitle(T.LABELS_TITLE)
        canvas.setCreator("Tavana")
        for start in range(0, len(labels), PER_PAGE):
            for index, label in enumerate(labels[start : start + PER_PAGE]):
                row, column = divmod(index, COLUMNS)
                right = PAGE[0] - _LEFT - column * LABEL_WIDTH
                top = PAGE[1] - _TOP - row * LABEL_HEIGHT
                _draw_label(canvas, label, right - LABEL_WIDTH, top - LABEL_HEIGHT)
            canvas.showPage()
            pages += 1
        canvas.save()
    return pages


def is_ean13(code: str) -> bool:
    """13 ASCII digits whose last is the EAN-13 check digit of the first 12."""
    if len(code) != 13 or not code.isascii() or not code.isdigit():
        return False
    digits = [int(c) for c in code]
    weighted = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - weighted % 10) % 10 == digits[12]


def barcode_drawing(code: str, width: float) -> Any:
    """The code's bars (and digits under them) as a reportlab Drawing no wider than
    `width`: EAN-13 when `is_ean13(code)`, Code 128 otherwise."""
    from reportlab.graphics.barcode import createBarcodeDrawing
    from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget
    from reportlab.graphics.shapes import Drawing

    if is_ean13(code):
        widget = Ean13BarcodeWidget(
            code[:12],
            barWidth=EAN_MODULE,
            barHeight=BAR_HEIGHT,
            fontName=REGULAR,
            fontSize=DIGITS_SIZE,
        )
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(x1 - x0, y1 - y0)
        widget.x, widget.y = -x0, -y0
        drawing.add(widget)
    else:
        drawing = createBarcodeDrawing(
            "Code128",
            value=code,
            barWidth=CODE128_MODULE,
            barHeight=BAR_HEIGHT,
            humanReadable=True,
            fontName=REGULAR,
            fontSize=DIGITS_SIZE,
        )
    if drawing.width > width:  # a long Code 128: narrower bars, same height
        factor = width / drawing.width
        drawing.scale(factor, 1)
        drawing.width = width
    return drawing


def _draw_label(canvas: Canvas, label: LabelData, x: float, y: float) -> None:
    """One label with its lower-left corner at (x, y)."""
    from reportlab.graphics import renderPDF

    inner = LABEL_WIDTH - 2 * PAD
    middle = x + LABEL_WIDTH / 2
    top = y + LABEL_HEIGHT - PAD

    # The barcode at the bottom, centred.
    drawing = barcode_drawing(label.barcode, inner)
    renderPDF.draw(drawing, canvas, middle - drawing.width / 2, y + PAD - 1)
    bars_top = y + PAD - 1 + drawing.height

    # The price just above the bars; the name above it fills what is left.
    price_size = 10.0
    price_line = price_size * 1.45
    price_top = bars_top + price_line + 1
    price = format_money(label.price, label.unit)
    draw_text(
        canvas,
        price,
        middle,
        baseline(price_top, price_line, price_size),
        font=BOLD,
        size=price_size,
        align="center",
    )
    if label.producer_code.strip():
        size = 6.0
        draw_text(
            canvas,
            label.producer_code,
            x + PAD,
            baseline(top, size * 1.4, size),
            font=REGULAR,
            size=size,
            align="left",
            color=MUTED,
        )
        # The name stays centred, clear of the code on both sides.
        name_width = inner - 2 * (text_width(label.producer_code, REGULAR, size) + 2 * MM)
    else:
        name_width = inner
    room = top - price_top - 2.5  # a little air between the name and the price
    size = 9.0
    # Smaller until the name takes two lines, or more at 7 pt, or fits at all below
    # that; only a name that does not fit even at 4.5 pt loses its last lines.
    while True:
        size, lines = fit_cell(label.name, BOLD, size, name_width)
        step = size * 1.35
        fits = len(lines) * step <= room
        if (fits and (len(lines) <= 2 or size <= 7)) or size <= 4.5:
            break
        size -= 0.5
    lines = lines[: max(1, int(room // step))]
    line_top = top - (room - len(lines) * step) / 2
    for line in lines:
        y_line = baseline(line_top, step, size)
        draw_text(canvas, line, middle, y_line, font=BOLD, size=size, align="center")
        line_top -= step
