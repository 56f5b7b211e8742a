"""Certificate PDFs: one A4-landscape page per certificate, Persian, right to left.

reportlab neither joins Arabic-script letters nor lays text out right to left (its own
shaping gives the wrong word order), so every line is wrapped as logical text first,
measured in its converted form, then converted with `display.convert_line` and drawn
right-aligned or centred. The glyphs are real text in an embedded Vazirmatn, so the PDF
is searchable and `pdftotext` gives the words back in logical order, ZWNJ included
(`pdf_text.visual` carries it through the bidi step, which would drop it).

Speed: the decorative frame is drawn once per file as a form XObject that every page
reuses; word widths and converted lines are cached; the QR code is one vector path (see
`qr.py`). A batch is written to a temporary name beside the target and renamed at the
end, so a cancelled or failed batch leaves no partial file (and one a killed process
left is removed by the next batch: desktop/partial_files.py).
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.partial_files import remove_stale, reserve
from desktop.printing.data import CertificateData
from desktop.printing.pdf_text import (
    BOLD,
    MEDIUM,
    REGULAR,
    prepare_reportlab,
)
from desktop.printing.pdf_text import balanced_lines as _balanced
from desktop.printing.pdf_text import line_width as _line_width
from desktop.printing.pdf_text import unit_width as _unit_width
from desktop.printing.pdf_text import visual as _visual
from desktop.printing.qr import draw_qr, qr_rows
from desktop.strings.printing import CertificateText as T
from desktop.text.digits import persian_digits
from desktop.text.jalali import format_jalali

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]

# A4 landscape in points.
PAGE_WIDTH = 841.89
PAGE_HEIGHT = 595.28
CENTER_X = PAGE_WIDTH / 2

# Colours (RGB 0..1): a deep teal for the frame and headings, an old gold for ornaments.
TEAL = (0.043, 0.318, 0.341)
GOLD = (0.690, 0.529, 0.239)
INK = (0.110, 0.125, 0.153)
MUTED = (0.33, 0.36, 0.40)
WATERMARK = (0.900, 0.937, 0.933)
RED = (0.667, 0.118, 0.118)
PAPER = (1.0, 0.996, 0.984)

FRAME_FORM = "tavana-certificate-frame"
NBSP = "\u00a0"  # keeps «۱ آذر ۱۴۰۵» on one line
SMALLEST_FONT = 6.0  # below the minimum of a block only when nothing else fits


def render_certificate(certificate: CertificateData, path: Path) -> None:
    """Write one certificate as a one-page PDF at `path`."""
    render_certificates([certificate], path)


def render_certificates(
    certificates: Sequence[CertificateData],
    path: Path,
    *,
    progress: ProgressCallback | None = None,
) -> int:
    """Write all `certificates` into one PDF at `path`, a page each; returns the pages.

    `progress(done, total)` is called before the first page and after each page; it may
    raise (e.g. `desktop.services.progress.Cancelled`), which stops the work and leaves
    no file behind (an existing file at `path` is left as it was).
    """
    if not certificates:
        raise ValueError("render_certificates needs at least one certificate")
    prepare_reportlab()
    from reportlab.pdfgen.canvas import Canvas

    path = Path(path)
    total = len(certificates)
    remove_stale(path.parent)  # of a batch killed while writing
    partial = reserve(path)
    try:
        canvas = Canvas(
            str(partial),
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            initialFontName=REGULAR,
            pageCompression=1,
        )
        first = certificates[0]
        canvas.setTitle(T.DOCUMENT_TITLE)
        canvas.setAuthor(first.center_name)
        canvas.setCreator("Tavana")
        _define_frame(canvas)
        logos = _LogoCache()
        if progress is not None:
            progress(0, total)
        for done, certificate in enumerate(certificates, start=1):
            _draw_page(canvas, certificate, logos)
            canvas.showPage()
            if progress is not None:
                progress(done, total)
        canvas.save()
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return total


# --- text: wrap logical words, measure their converted form, convert whole lines ---------
# (the shared helpers are in pdf_text.py)


@dataclass(frozen=True)
class Block:
    """Lines of logical text set in one font and size, ready to draw."""

    lines: tuple[str, ...]
    font: str
    size: float
    color: tuple[float, float, float] = INK
    leading: float = 1.55  # baseline to baseline, in font sizes

    @property
    def height(self) -> float:
        return self.size * self.leading * len(self.lines)


def fit_text(
    text: str,
    font: str,
    *,
    max_size: float,
    min_size: float,
    width: float,
    max_lines: int = 1,
) -> tuple[float, list[str]]:
    """The largest size (≤ max_size) at which `text` fits `width` on one line; below
    `min_size` it is wrapped at `min_size` into at most `max_lines` lines instead, and
    only if even that fails does the size go further down."""
    words = text.split()
    if not words:
        return max_size, []
    unit = _line_width(words, font)
    if unit * min_size <= width:
        return min(max_size, math.floor(width / unit * 10) / 10), [text]
    size = min_size
    while True:
        lines = _balanced(words, font, width / size)
        fits = len(lines) <= max_lines and all(
            _line_width(line, font) * size <= width for line in lines
        )
        if fits or size <= SMALLEST_FONT:
            return size, [" ".join(line) for line in lines]
        size = max(SMALLEST_FONT, size - 0.5)


def _block(
    text: str,
    font: str,
    *,
    size: float,
    min_size: float,
    width: float,
    max_lines: int,
    color: tuple[float, float, float] = INK,
    leading: float = 1.55,
) -> Block:
    fitted, lines = fit_text(
        text, font, max_size=size, min_size=min_size, width=width, max_lines=max_lines
    )
    return Block(tuple(lines), font, fitted, color, leading)


def _draw_block(canvas: Canvas, block: Block, x: float, top: float, *, align: str) -> float:
    """Draw `block` with its first line's top at `top`; returns the y below the block."""
    canvas.setFillColorRGB(*block.color)
    canvas.setFont(block.font, block.size)
    step = block.size * block.leading
    # Each line owns a box `step` high; its baseline leaves a little less of the extra
    # leading above the letters than below them, which reads as evenly spaced.
    baseline = top - step + block.size * (block.leading - 1) * 0.45
    for line in block.lines:
        visual = _visual(line)
        if align == "center":
            canvas.drawCentredString(x, baseline, visual)
        else:
            canvas.drawRightString(x, baseline, visual)
        baseline -= step
    return top - block.height


# --- the page -------------------------------------------------------------------------

# Inner edge of the decorative frame; everything printed stays inside it.
FRAME_INSET = 46.0
BODY_WIDTH = 600.0
BODY_TOP = 432.0
BODY_BOTTOM = 188.0


def _body(certificate: CertificateData, scale: float) -> list[Block]:
    """The certificate sentence, one block per part, at `scale` of the normal sizes."""
    nc = certificate.national_code  # an identifier: as stored, Latin digits (text/digits.py)
    if certificate.father_name.strip():
        who = T.PARENT_AND_CODE.format(father=certificate.father_name, national_code=nc)
    else:
        who = T.CODE_ONLY.format(national_code=nc)
    fields = {
        "hours": persian_digits(certificate.hours),
        "starts": format_jalali(certificate.starts_on, long=True).replace(" ", NBSP),
        "ends": format_jalali(certificate.ends_on, long=True).replace(" ", NBSP),
        "partner": certificate.partner_name,
    }
    completion = (
        T.COMPLETION_WITH_PARTNER if certificate.partner_name.strip() else T.COMPLETION
    ).format(**fields)
    s = scale
    return [
        _block(T.OPENING, REGULAR, size=16 * s, min_size=10, width=BODY_WIDTH, max_lines=1),
        _block(
            certificate.full_name,
            BOLD,
            size=30 * s,
            min_size=20 * s,
            width=BODY_WIDTH,
            max_lines=2,
            color=TEAL,
            leading=1.6,
        ),
        _block(
            f"{who} {T.COURSE_INTRO}",
            REGULAR,
            size=16 * s,
            min_size=11 * s,
            width=BODY_WIDTH,
            max_lines=2,
        ),
        _block(
            T.COURSE_TITLE.format(title=certificate.course_title),
            BOLD,
            size=22 * s,
            min_size=16 * s,
            width=BODY_WIDTH,
            max_lines=3,
            color=TEAL,
            leading=1.6,
        ),
        _block(
            completion,
            REGULAR,
            size=16 * s,
            min_size=16 * s,
            width=BODY_WIDTH,
            max_lines=3,
            leading=1.75,
        ),
        _block(
            T.WISH,
            REGULAR,
            size=13 * s,
            min_size=9,
            width=BODY_WIDTH,
            max_lines=1,
            color=MUTED,
            leading=2.0,
        ),
    ]


def _draw_page(canvas: Canvas, certificate: CertificateData, logos: _LogoCache) -> None:
    canvas.doForm(FRAME_FORM)
    header_bottom = _draw_header(canvas, certificate, logos)
    _draw_reference(canvas, certificate)
    # A center name long enough to need three lines pushes the body down a little.
    body_top = min(BODY_TOP, header_bottom - 4)
    room = body_top - BODY_BOTTOM
    scale = 1.0
    blocks = _body(certificate, scale)
    while sum(b.height for b in blocks) > room and scale > 0.6:
        scale -= 0.08
        blocks = _body(certificate, scale)
    top = body_top - (room - sum(b.height for b in blocks)) / 2
    for block in blocks:
        top = _draw_block(canvas, block, CENTER_X, top, align="center")
    _draw_signature(canvas, T.TRAINER, certificate.trainer_name, PAGE_WIDTH - 235)
    _draw_signature(canvas, T.MANAGER, certificate.manager_name, CENTER_X - 40)
    _draw_verification(canvas, certificate)


def _draw_header(canvas: Canvas, certificate: CertificateData, logos: _LogoCache) -> float:
    """Headline and title in the middle; logo, center and city at the top right.
    Returns the y where the top-right block ends."""
    canvas.setFillColorRGB(*INK)
    canvas.setFont(REGULAR, 12)
    canvas.drawCentredString(CENTER_X, PAGE_HEIGHT - 82, _visual(T.HEADLINE))
    canvas.setFillColorRGB(*TEAL)
    canvas.setFont(BOLD, 34)
    canvas.drawCentredString(CENTER_X, PAGE_HEIGHT - 132, _visual(T.TITLE))

    block_x = PAGE_WIDTH - FRAME_INSET - 105  # centre of the top-right block
    top = PAGE_HEIGHT - FRAME_INSET - 18
    logo = logos.get(certificate.logo_path)
    if logo is not None:
        side = 62.0
        canvas.drawImage(
            logo,
            block_x - side / 2,
            top - side,
            side,
            side,
            preserveAspectRatio=True,
            anchor="c",
            mask="auto",
        )
        top -= side + 4
    center = _block(
        certificate.center_name,
        MEDIUM,
        size=12,
        min_size=10.5,
        width=180,
        max_lines=3,
        color=TEAL,
        leading=1.45,
    )
    top = _draw_block(canvas, center, block_x, top, align="center")
    if certificate.city.strip():
        city = _block(
            certificate.city,
            REGULAR,
            size=10.5,
            min_size=8,
            width=180,
            max_lines=1,
            color=MUTED,
            leading=1.4,
        )
        top = _draw_block(canvas, city, block_x, top, align="center")
    return top


def _draw_reference(canvas: Canvas, certificate: CertificateData) -> None:
    """Serial and issue date at the top left, as on an official letter; reprint mark."""
    lines = (
        T.SERIAL.format(serial=certificate.serial),
        T.ISSUED_ON.format(date=format_jalali(certificate.issued_on)),
    )
    size = 11.0
    width = max(_line_width(line.split(), REGULAR) for line in lines) * size
    right = FRAME_INSET + 30 + width
    canvas.setFillColorRGB(*INK)
    canvas.setFont(REGULAR, size)
    y = PAGE_HEIGHT - FRAME_INSET - 34
    for line in lines:
        canvas.drawRightString(right, y, _visual(line))
        y -= size * 1.8
    if certificate.reprint:
        _draw_reprint_mark(canvas, right - width / 2, y - 8)


def _draw_reprint_mark(canvas: Canvas, x: float, y: float) -> None:
    size = 12.0
    text = _visual(T.REPRINT)
    width = _unit_width(T.REPRINT, BOLD) * size + 22
    canvas.saveState()
    canvas.setStrokeColorRGB(*RED)
    canvas.setFillColorRGB(*RED)
    canvas.setLineWidth(1.2)
    canvas.roundRect(x - width / 2, y - 6, width, size + 12, 4, stroke=1, fill=0)
    canvas.setLineWidth(0.5)
    canvas.roundRect(x - width / 2 + 2.5, y - 3.5, width - 5, size + 7, 3, stroke=1, fill=0)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(x, y + 1.5, text)
    canvas.restoreState()


def _draw_signature(canvas: Canvas, role: str, name: str, x: float) -> None:
    """Role above a line left for the signature; the person's name under it."""
    canvas.setFillColorRGB(*TEAL)
    canvas.setFont(MEDIUM, 13)
    canvas.drawCentredString(x, 160, _visual(role))
    canvas.saveState()
    canvas.setStrokeColorRGB(*MUTED)
    canvas.setLineWidth(0.6)
    canvas.setDash(1, 2)
    canvas.line(x - 85, 108, x + 85, 108)
    canvas.restoreState()
    if name.strip():
        block = _block(name, REGULAR, size=12, min_size=9, width=200, max_lines=2, leading=1.4)
        _draw_block(canvas, block, x, 104, align="center")


QR_SIZE = 80.0  # points, without the quiet zone: 28 mm
QR_MAX_SIZE = 96.0
QR_MIN_MODULE = 1.8  # points (0.64 mm): a longer payload makes a larger symbol


def _draw_verification(canvas: Canvas, certificate: CertificateData) -> None:
    """QR code at the bottom left, the verification code and how to use it under it."""
    column = 150.0
    center = FRAME_INSET + 26 + column / 2
    y = 104.0
    rows = qr_rows(certificate.qr_payload)
    size = min(QR_MAX_SIZE, max(QR_SIZE, len(rows) * QR_MIN_MODULE))
    quiet = draw_qr(canvas, rows, center - size / 2, y, size)
    code = _block(
        T.VERIFY_CODE.format(code=certificate.code),
        MEDIUM,
        size=10,
        min_size=8,
        width=column,
        max_lines=1,
        leading=1.3,
    )
    hint = _block(
        T.VERIFY_HINT,
        REGULAR,
        size=8,
        min_size=7,
        width=column - 10,
        max_lines=2,
        color=MUTED,
        leading=1.4,
    )
    top = _draw_block(canvas, code, center, y - quiet + 2, align="center")
    _draw_block(canvas, hint, center, top, align="center")


# --- the frame: drawn once per file, reused by every page ----------------------------


def _define_frame(canvas: Canvas) -> None:
    canvas.beginForm(FRAME_FORM)
    _draw_watermark(canvas)
    _draw_borders(canvas)
    _draw_title_rule(canvas)
    canvas.endForm()


def _draw_watermark(canvas: Canvas) -> None:
    """A faint guilloche rosette behind the body, as on printed security paper."""
    canvas.saveState()
    canvas.translate(CENTER_X, 312)
    canvas.setStrokeColorRGB(*WATERMARK)
    canvas.setLineWidth(0.5)
    for step in range(48):
        canvas.saveState()
        canvas.rotate(step * 7.5)
        canvas.ellipse(-150, -46, 150, 46, stroke=1, fill=0)
        canvas.restoreState()
    canvas.setLineWidth(0.8)
    for radius in (158, 164):
        canvas.circle(0, 0, radius, stroke=1, fill=0)
    canvas.restoreState()


def _star(canvas: Canvas, x: float, y: float, outer: float, inner: float, points: int = 8) -> Any:
    path = canvas.beginPath()
    for index in range(points * 2):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / points
        px, py = x + radius * math.cos(angle), y + radius * math.sin(angle)
        if index == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    return path


def _diamond(canvas: Canvas, x: float, y: float, half_w: float, half_h: float) -> Any:
    path = canvas.beginPath()
    path.moveTo(x, y + half_h)
    path.lineTo(x + half_w, y)
    path.lineTo(x, y - half_h)
    path.lineTo(x - half_w, y)
    path.close()
    return path


def _draw_borders(canvas: Canvas) -> None:
    """Thick and thin frames with a band of lozenges between them and star corners."""
    w, h = PAGE_WIDTH, PAGE_HEIGHT
    outer, band_out, band_in, inner = 20.0, 25.0, 39.0, 44.0
    canvas.saveState()
    canvas.setStrokeColorRGB(*TEAL)
    canvas.setLineWidth(3.2)
    canvas.rect(outer, outer, w - 2 * outer, h - 2 * outer, stroke=1, fill=0)
    canvas.setLineWidth(0.8)
    for inset in (band_out, band_in):
        canvas.rect(inset, inset, w - 2 * inset, h - 2 * inset, stroke=1, fill=0)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(0.7)
    canvas.rect(inner, inner, w - 2 * inner, h - 2 * inner, stroke=1, fill=0)

    # The band: gold lozenges with teal dots between them, all one path per colour.
    mid = (band_out + band_in) / 2
    corner = band_in + 2  # leave the corner squares free
    lozenges = canvas.beginPath()
    dots = canvas.beginPath()
    pitch = 13.0
    for start, end, fixed, horizontal in (
        (corner, w - corner, mid, True),
        (corner, w - corner, h - mid, True),
        (corner, h - corner, mid, False),
        (corner, h - corner, w - mid, False),
    ):
        count = int((end - start) // pitch)
        offset = start + ((end - start) - count * pitch) / 2 + pitch / 2
        for index in range(count):
            along = offset + index * pitch
            x, y = (along, fixed) if horizontal else (fixed, along)
            hw, hh = (4.2, 4.6) if horizontal else (4.6, 4.2)
            lozenges.moveTo(x, y + hh)
            lozenges.lineTo(x + hw, y)
            lozenges.lineTo(x, y - hh)
            lozenges.lineTo(x - hw, y)
            lozenges.close()
            if index < count - 1:
                dx, dy = (pitch / 2, 0.0) if horizontal else (0.0, pitch / 2)
                dots.circle(x + dx, y + dy, 0.9)
    canvas.setFillColorRGB(*GOLD)
    canvas.drawPath(lozenges, stroke=0, fill=1)
    canvas.setFillColorRGB(*TEAL)
    canvas.drawPath(dots, stroke=0, fill=1)

    # Corners: a teal square over the band holding a gold eight-pointed star (شمسه),
    # and inside the frame a gold bracket with a small lozenge.
    for cx, cy, sx, sy in (
        (mid, mid, 1, 1),
        (w - mid, mid, -1, 1),
        (mid, h - mid, 1, -1),
        (w - mid, h - mid, -1, -1),
    ):
        half = 11.0
        canvas.setFillColorRGB(*TEAL)
        canvas.rect(cx - half, cy - half, 2 * half, 2 * half, stroke=0, fill=1)
        canvas.setFillColorRGB(*GOLD)
        canvas.drawPath(_star(canvas, cx, cy, 9.0, 4.2), stroke=0, fill=1)
        canvas.setFillColorRGB(*PAPER)
        canvas.circle(cx, cy, 1.8, stroke=0, fill=1)
        ix, iy = cx + sx * (inner - mid), cy + sy * (inner - mid)
        canvas.setStrokeColorRGB(*GOLD)
        canvas.setLineWidth(1.1)
        bracket = canvas.beginPath()
        bracket.moveTo(ix + sx * 6, iy + sy * 46)
        bracket.lineTo(ix + sx * 6, iy + sy * 6)
        bracket.lineTo(ix + sx * 46, iy + sy * 6)
        canvas.drawPath(bracket, stroke=1, fill=0)
        canvas.setLineWidth(0.5)
        bracket = canvas.beginPath()
        bracket.moveTo(ix + sx * 10, iy + sy * 30)
        bracket.lineTo(ix + sx * 10, iy + sy * 10)
        bracket.lineTo(ix + sx * 30, iy + sy * 10)
        canvas.drawPath(bracket, stroke=1, fill=0)
        canvas.setFillColorRGB(*GOLD)
        canvas.drawPath(_diamond(canvas, ix + sx * 17, iy + sy * 17, 4.0, 4.0), stroke=0, fill=1)
    canvas.restoreState()


def _draw_title_rule(canvas: Canvas) -> None:
    """A gold rule under the title: two lines meeting at a lozenge."""
    y = PAGE_HEIGHT - 150
    canvas.saveState()
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setFillColorRGB(*GOLD)
    canvas.setLineWidth(0.9)
    canvas.line(CENTER_X - 150, y, CENTER_X - 12, y)
    canvas.line(CENTER_X + 12, y, CENTER_X + 150, y)
    canvas.drawPath(_diamond(canvas, CENTER_X, y, 6, 4), stroke=0, fill=1)
    for side in (-1, 1):
        canvas.circle(CENTER_X + side * 156, y, 1.6, stroke=0, fill=1)
    canvas.restoreState()


# --- the logo: checked once per file, skipped if it cannot be read -------------------


class _LogoCache:
    """Which logo files open as images; a missing or broken file is logged and skipped."""

    def __init__(self) -> None:
        self._checked: dict[Path, str | None] = {}

    def get(self, path: Path | None) -> str | None:
        if path is None:
            return None
        if path not in self._checked:
            self._checked[path] = _readable_image(path)
        return self._checked[path]


def _readable_image(path: Path) -> str | None:
    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(str(path))
        reader.getSize()
        reader.getRGBData()  # decodes the whole image: a truncated file fails here
    except Exception as exc:  # any unreadable image is the same to a printed page
        log.warning("certificate logo %s skipped: %s", path, exc)
        return None
    return str(path)
