"""QR codes on PDF pages, drawn as one vector path of dark modules.

reportlab's own QrCodeWidget costs ~50 ms a page (its encoder is slow and it draws every
module as a separate shape); segno encodes in a few milliseconds and here each run of
dark modules in a row becomes one rectangle of a single filled path, so a rasteriser
fills the union at once (no hairline seams between modules) and the file stays small.
"""

from __future__ import annotations

from typing import Any

# The quiet zone the QR standard asks for around the symbol, in modules. It is left
# blank (painted white, in case a watermark lies behind it) but not counted in `size`.
QUIET_ZONE = 4


def qr_rows(payload: str) -> list[list[tuple[int, int]]]:
    """The dark runs of each row, top row first, as (first column, length) pairs."""
    import segno

    # Level M survives a fold or a smudge on paper; segno raises M to Q or H for free when
    # the payload still fits the same version.
    symbol = segno.make(payload, error="m", micro=False)
    rows: list[list[tuple[int, int]]] = []
    for row in symbol.matrix:
        runs: list[tuple[int, int]] = []
        start = -1
        for column, dark in enumerate(row):
            if dark and start < 0:
                start = column
            elif not dark and start >= 0:
                runs.append((start, column - start))
                start = -1
        if start >= 0:
            runs.append((start, len(row) - start))
        rows.append(runs)
    return rows


def draw_qr(
    canvas: Any, rows: list[list[tuple[int, int]]], x: float, y: float, size: float
) -> float:
    """Draw a QR symbol (`qr_rows(payload)`) so that, without its quiet zone, it fills the
    square of side `size` with its lower-left corner at (x, y). Returns the quiet zone's
    width, which nothing else should be drawn into."""
    modules = len(rows)
    module = size / modules
    quiet = QUIET_ZONE * module
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x - quiet, y - quiet, size + 2 * quiet, size + 2 * quiet, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    # Work in module units, origin at the top-left module, so every rectangle is four
    # small integers. The path operators are written out directly: reportlab's path
    # object formats each number through its float formatter, which cost more than the
    # whole rest of the page.
    canvas.translate(x, y + size)
    canvas.scale(module, -module)
    operators = [
        f"{column} {row_index} {length} 1 re"
        for row_index, runs in enumerate(rows)
        for column, length in runs
    ]
    operators.append("f")
    canvas.addLiteral("\n".join(operators))
    canvas.restoreState()
    return quiet
