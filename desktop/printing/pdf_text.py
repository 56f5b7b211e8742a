"""Persian text on a reportlab page: the fonts, the line as drawn, widths and wrapping.

Shared by every paper the app prints (certificates, receipts, labels, statements).
reportlab neither joins Arabic-script letters nor lays text out right to left (its own
shaping gives the wrong word order), so a line is wrapped as logical text first, measured
in its converted form, then converted with `display.convert_line` and drawn
right-aligned or centred (`visual`). The glyphs are real text in an embedded Vazirmatn,
so the PDF is searchable and `pdftotext` gives the words back in logical order, ZWNJ
included (`visual` carries it through the bidi step, which would drop it).

Also the one way a paper reaches its file (`pdf_file`): written under a temporary name
beside the target (private, 0600) and renamed when complete, so a failed print leaves
no partial file (desktop/partial_files.py).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from desktop.fonts import font_path
from desktop.partial_files import remove_stale, reserve
from desktop.text.display import convert_line

REGULAR = "Vazirmatn"
MEDIUM = "Vazirmatn-Medium"
BOLD = "Vazirmatn-Bold"
_FONT_FILES = {
    REGULAR: "Vazirmatn-Regular.ttf",
    MEDIUM: "Vazirmatn-Medium.ttf",
    BOLD: "Vazirmatn-Bold.ttf",
}

_setup_lock = threading.Lock()
_setup_done = False


def prepare_reportlab() -> None:
    """Register the Vazirmatn weights with reportlab, once per process (~20 ms).

    Also turns off reportlab's ASCII85 wrapping of compressed streams (a process-wide
    setting; this app is its only user): it exists for 7-bit mail transports, makes the
    file 18% larger and costs ~0.5 ms a page in pure Python.
    """
    global _setup_done
    with _setup_lock:
        if _setup_done:
            return
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        rl_config.useA85 = 0
        for name, file_name in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))
        _setup_done = True


@contextmanager
def pdf_file(path: Path) -> Iterator[Path]:
    """The temporary file to write the PDF for `path` into; renamed to `path` when the
    block ends without an error, removed otherwise (an existing `path` stays as it was)."""
    path = Path(path)
    remove_stale(path.parent)  # of a print killed while writing
    partial = reserve(path)
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


ZWNJ = "\u200c"
# Stands in for ZWNJ during the conversion: python-bidi's pure-Python algorithm drops
# ZWNJ (a boundary neutral, rule X9) but keeps a combining grapheme joiner, which takes
# the direction of the letter before it as ZWNJ would; the reshaper treats both alike
# (no joining across). A CGJ the text held itself (invisible anyway) is dropped first.
_ZWNJ_STAND_IN = "\u034f"


def visual(line: str) -> str:
    """The line as drawn, keeping ZWNJ: Vazirmatn draws it with zero width, and with it
    in the PDF, copying or extracting the text gives «حسین‌زاده», not «حسینزاده»."""
    # Vazirmatn has no isolated ۀ (U+FBA4): spell it ه + hamza (normalised text already is).
    logical = line.replace("\u06c0", "\u0647\u0654").replace(_ZWNJ_STAND_IN, "")
    drawn = convert_line(logical.replace(ZWNJ, _ZWNJ_STAND_IN))
    return drawn.replace(_ZWNJ_STAND_IN, ZWNJ)


@lru_cache(maxsize=8192)
def unit_width(word: str, font: str) -> float:
    """Width of a word at 1 pt. Joining never crosses a space, so a line's width is the
    sum of its words' widths plus its spaces, whatever order bidi puts them in."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    prepare_reportlab()  # a paper may be laid out before its file is opened

    return float(stringWidth(visual(word), font, 1.0))


def line_width(words: Sequence[str], font: str) -> float:
    """Width at 1 pt of `words` set on one line."""
    return sum(unit_width(word, font) for word in words) + unit_width(" ", font) * max(
        len(words) - 1, 0
    )


def text_width(text: str, font: str, size: float) -> float:
    """Width of a logical line of text at `size` points."""
    return line_width(text.split(), font) * size


def greedy_lines(words: Sequence[str], font: str, limit: float) -> list[list[str]]:
    """Words into lines no wider than `limit` (1-pt units); a longer word stands alone."""
    space = unit_width(" ", font)
    lines: list[list[str]] = []
    current: list[str] = []
    width = 0.0
    for word in words:
        word_width = unit_width(word, font)
        if current and width + space + word_width > limit:
            lines.append(current)
            current, width = [word], word_width
        else:
            width = width + space + word_width if current else word_width
            current.append(word)
    if current:
        lines.append(current)
    return lines


def balanced_lines(words: Sequence[str], font: str, limit: float) -> list[list[str]]:
    """As few lines as greedy wrapping needs, but with the widest of them as narrow as
    possible, so a wrapped name does not leave one word alone on its second line."""
    lines = greedy_lines(words, font, limit)
    if len(lines) <= 1:
        return lines
    count = len(lines)
    low = max(line_width(words, font) / count, max(unit_width(w, font) for w in words))
    high = limit
    for _ in range(14):
        middle = (low + high) / 2
        if len(greedy_lines(words, font, middle)) <= count:
            high = middle
        else:
            low = middle
    return greedy_lines(words, font, high)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Logical `text` wrapped at whole words into lines of at most `width` points at
    `size` (a word wider than that stands alone on its line, never cut)."""
    words = text.split()
    if not words:
        return []
    return [" ".join(line) for line in greedy_lines(words, font, width / size)]


def wrap_compounds(text: str, font: str, size: float, width: float) -> list[str]:
    """As `wrap`, but a word wider than `width` on its own breaks after one of its
    ZWNJs (the joints of a Persian compound: «فاطمه‌زهرا», «کسب‌وکار»), the ZWNJ kept
    at the end of the line so the text still reads back as one word; never elsewhere."""
    pieces: list[tuple[str, str]] = []  # (piece, what joins it to the one before)
    for word in text.split():
        if unit_width(word, font) * size <= width or ZWNJ not in word:
            pieces.append((word, " "))
            continue
        parts = word.split(ZWNJ)
        pieces.append((parts[0] + ZWNJ, " "))
        pieces += [(part + ZWNJ, "") for part in parts[1:-1]]
        pieces.append((parts[-1], ""))
    lines: list[str] = []
    line = ""
    for piece, glue in pieces:
        candidate = f"{line}{glue}{piece}" if line else piece
        if line and text_width(candidate, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
