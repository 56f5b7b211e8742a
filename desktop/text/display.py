"""Display conversion: logical Persian text → what a given renderer must be handed.

Tk 8.6 on X11 neither joins Arabic-script letters nor lays text out right to left, so
there each string is reshaped (presentation forms) and reordered (bidi, base direction
RTL) just before it reaches a widget. Windows (GDI) and macOS (CoreText) shape and
reorder by themselves: handing them converted text would reverse it twice, so there the
conversion is the identity. reportlab, like X11 Tk, needs the conversion (see printing/).

The result of `Display.__call__` is for drawing only: never store, search or compare it.

Pitfalls handled here (measured, see DESIGN.md):
- arabic_reshaper drops harakat and the hamza of «نامهٔ» by default → delete_harakat off;
- only the lam-alef ligatures are wanted (the Allah/Rial ligatures change the text);
- python-bidi's pure-Python algorithm mirrors brackets (the Rust one does not), drops
  ZWNJ (harmless once the reshaper has seen it) and raises on the isolate controls
  U+2066–2069 (normalisation strips them; we strip again defensively);
- without base_dir="R" a line starting with Latin or digits is laid out LTR;
- wrap the logical text first, then convert line by line;
- Latin identifiers inside Persian sentences need isolating (`ltr_in_rtl`): two of
  them separated only by a comma or a space are otherwise read as one left-to-right
  run, so «clerk، trainer» shows «trainer» first to a right-to-left reader;
- a file path is left to right as a whole, with each folder or file name laid out on
  its own (`Display.path`): with a right-to-left base «گواهینامه.pdf» shows its
  extension first, and one left-to-right pass over the whole path still reads two
  Persian folders side by side («علی/اسناد») as one run and swaps them.
"""

from __future__ import annotations

import re
import sys
import textwrap
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache
from typing import Any

_ISOLATES = re.compile("[\u2066-\u2069]")
_PATH_SEPARATORS = re.compile(r"([\\/])")
LRM = "\u200e"
RLM = "\u200f"
_LRE = "\u202a"
_PDF = "\u202c"
_MARKS = str.maketrans("", "", LRM + RLM)


def ltr_in_rtl(identifier: object) -> str:
    """An identifier (user name, code, serial, file name or path) to put inside a Persian
    sentence, kept in one piece and in its place however many stand side by side.

    Unicode's tool for this is an isolate (U+2066…U+2069), which python-bidi's algorithm
    cannot take; this has the same effect in a right-to-left sentence: a right-to-left
    mark on each side (what surrounds it sees a Persian letter there, so the comma
    between two identifiers stays in the Persian flow) and a left-to-right embedding
    inside (a Persian folder name stays inside its path). Windows and macOS lay the
    marks out themselves. For text that is drawn only: never store or compare it.
    """
    return f"{RLM}{_LRE}{identifier}{_PDF}{RLM}"


def rtl_list(items: Iterable[object], separator: str = "، ") -> str:
    """Items listed in a Persian sentence, read in their order even when some are Latin
    ("Excel، C++، ICDL"). A Latin item is isolated as an identifier (`ltr_in_rtl`); a
    mixed one ("Excel پیشرفته") only stands between right-to-left marks, so that its
    words keep their own order; a Persian one is left as it is."""
    return separator.join(_list_item(str(item)) for item in items)


def _list_item(text: str) -> str:
    kinds = {unicodedata.bidirectional(char) for char in text}
    if "L" not in kinds:
        return text
    if kinds & {"R", "AL"}:
        return f"{RLM}{text}{RLM}"
    return ltr_in_rtl(text)


class DisplayMode(StrEnum):
    AUTO = "auto"  # decided by the windowing system
    CONVERT = "convert"  # reshape + reorder in Python (X11 Tk, PDF)
    NATIVE = "native"  # hand logical text to a renderer that shapes by itself

    def resolve(self, windowing_system: str | None = None) -> DisplayMode:
        """The mode itself, or for AUTO the one that Tk's windowing system (`tk
        windowingsystem`: win32, aqua, x11) needs; guessed from the platform without it."""
        if self is not DisplayMode.AUTO:
            return self
        system = windowing_system or windowing_system_of()
        return DisplayMode.NATIVE if system in ("win32", "aqua") else DisplayMode.CONVERT


def windowing_system_of(platform: str = sys.platform) -> str:
    """The windowing system Tk uses on `platform` (a sys.platform value): the guess for
    a display made before there is a Tk root to ask (views/widgets/rtl.py's default)."""
    if platform.startswith("win"):
        return "win32"
    if platform == "darwin":
        return "aqua"
    return "x11"


@lru_cache(maxsize=1)
def _reshaper() -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(
        configuration={
            "delete_harakat": False,
            "support_ligatures": True,
            "ARABIC LIGATURE ALLAH": False,
        }
    )


@lru_cache(maxsize=4096)
def convert_line(line: str) -> str:
    """Reshape and reorder one line (no wrapping). Pure: cached by content."""
    # Pure LTR text (numbers, Latin) still has to be laid out in an RTL base when it
    # carries neutrals such as brackets; plain ASCII without them needs nothing.
    if line.isascii() and not any(c in "()[]{}<>" for c in line):
        return line
    from bidi.algorithm import get_display

    shaped = _reshaper().reshape(_ISOLATES.sub("", line))
    # The marks have done their work once the line is ordered; Tk would draw them as
    # boxes with a font that lacks them.
    return str(get_display(shaped, base_dir="R")).translate(_MARKS)


@lru_cache(maxsize=1024)
def convert_ltr_line(line: str) -> str:
    """Reshape and reorder one line whose base direction is left to right (a file
    name: «نشان مرکز.png» keeps «.png» at its right end). Pure: cached by content."""
    if line.isascii():
        return line
    from bidi.algorithm import get_display

    shaped = _reshaper().reshape(_ISOLATES.sub("", line))
    return str(get_display(shaped, base_dir="L")).translate(_MARKS)


class Display:
    """The one conversion a process applies at its widget or page boundary."""

    def __init__(self, mode: DisplayMode = DisplayMode.AUTO, windowing_system: str | None = None):
        self.mode = mode.resolve(windowing_system)

    @property
    def converts(self) -> bool:
        return self.mode is DisplayMode.CONVERT

    def __call__(self, text: object) -> str:
        """Convert a (possibly multi-line) logical string for drawing."""
        logical = "" if text is None else str(text)
        if not self.converts:
            return logical
        return "\n".join(convert_line(line) for line in logical.split("\n"))

    def path(self, path: object) -> str:
        """A file path for drawing: left to right as a whole, each folder and file name
        laid out on its own, a Persian one right to left inside it. Natively drawn, the
        separators are pinned between left-to-right marks for the system's layout."""
        parts = _PATH_SEPARATORS.split("" if path is None else str(path))
        if not self.converts:
            return "".join(f"{LRM}{part}{LRM}" if part in ("/", "\\") else part for part in parts)
        return "".join(convert_ltr_line(part) for part in parts)

    def wrapped(self, text: str, width: int) -> str:
        """Wrap the logical text at `width` characters, then convert line by line."""
        lines: list[str] = []
        for paragraph in (text or "").split("\n"):
            lines.extend(textwrap.wrap(paragraph, width) or [""])
        return self("\n".join(lines))
