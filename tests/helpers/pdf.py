"""PDFs read back the way the world will: poppler's pdftotext/pdfinfo/pdftoppm and zbar's
zbarimg (CI installs poppler-utils and zbar-tools; without them those tests skip).

pdftotext returns the Persian as presentation forms in logical order, wrapped in bidi
embedding controls; NFKC turns the forms back into plain letters. ZWNJ comes back too
(the renderer carries it through the bidi step; Vazirmatn draws it with zero width).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils is not installed",
)
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is missing")

Box = tuple[float, float, float, float]


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def raw_text(pdf: Path) -> str:
    """pdftotext output, whitespace collapsed (presentation forms). poppler wraps each
    left-to-right run (digits, Latin) in embedding controls and puts the space that
    separates it from the next word inside them, on the wrong side; the controls are
    word boundaries, so they become spaces."""
    return " ".join(BIDI_CONTROLS.sub(" ", run("pdftotext", str(pdf), "-")).split())


def plain_text(pdf: Path) -> str:
    """Plain letters (NFKC), whitespace collapsed, guillemets dropped: poppler sticks the
    closing «» of a title that ends in Latin to the Latin word's far side."""
    text = unicodedata.normalize("NFKC", raw_text(pdf)).replace("«", " ").replace("»", " ")
    return " ".join(text.split())


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[tuple[str, Box, int]] = []
        self._box: Box | None = None
        self._height = 0.0
        self._page = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("page", "word"):
            return
        a = {k: float(v or 0) for k, v in attrs}
        if tag == "page":
            self._height = a["height"]
            self._page += 1
        elif tag == "word":
            # pdftotext measures from the top; turn it into PDF coordinates (from the bottom).
            h = self._height
            self._box = (a["xmin"], h - a["ymax"], a["xmax"], h - a["ymin"])

    def handle_data(self, data: str) -> None:
        if self._box is not None:
            self.words.append((data, self._box, self._page))
            self._box = None


def page_words(pdf: Path) -> list[tuple[str, Box, int]]:
    """Every word with its box in PDF coordinates (points from the bottom left) and its
    page (from 1)."""
    parser = _Words()
    parser.feed(run("pdftotext", "-bbox", str(pdf), "-"))
    return parser.words


def word_boxes(pdf: Path) -> list[tuple[str, Box]]:
    """Every word with its box in PDF coordinates (a one-page PDF)."""
    return [(word, box) for word, box, _ in page_words(pdf)]
