"""File paths on screen: a left-to-right line, and a field whose value is a chosen file.

A path reads left to right as a whole, each Persian folder or file name right to left
inside it, its extension at its right end (`t_path`, desktop/text/display.py). Drawn
through the ordinary conversion, with a right-to-left base, «…/files/گواهینامه.pdf»
showed as «…/files/pdf.گواهینامه»; in a plain Entry the Persian name was unjoined and
reversed. What the widgets hold, and give back, is the logical path.

A path longer than its line loses its first folders («…/files/نشان مرکز.png»): the
file name and the folders nearest it are what tell one file from another. The line
asks for a fixed width (`width` characters) so a long path never widens the page.

`PathField` is the form field for a file the person chooses (the certificates' logo):
the chosen path, «انتخاب…» to choose one in the file dialog and «حذف» to have none.
It is not a typed entry: nobody types a logo's path, and an entry that edits a
left-to-right line of mixed scripts would need its own bidi model (as RtlEntry has for
right-to-left text) for a field that is always chosen, never typed.
"""

from __future__ import annotations

import re
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.strings.field_views import PathText
from desktop.views.widgets.rtl import RButton, t, t_path

ELLIPSIS = "…"
_SEPARATORS = re.compile(r"([\\/])")


def shortened_path(path: str, fits: Callable[[str], bool]) -> str:
    """`path`, or its end after «…/» with as few of its first folders dropped as
    `fits` needs (at least the file name is kept)."""
    if fits(path):
        return path
    parts = _SEPARATORS.split(path)  # names at even indexes, separators between
    for start in range(2, len(parts), 2):
        shorter = ELLIPSIS + parts[start - 1] + "".join(parts[start:])
        if fits(shorter) or start == len(parts) - 1:
            return shorter
    return path


class PathLabel(ttk.Label):
    """A left-to-right line holding a file path (empty: nothing, or `empty_text`)."""

    def __init__(self, master: tk.Misc, *, empty_text: str = "", width: int = 40, **kwargs: Any):
        kwargs.setdefault("anchor", "e")
        kwargs.setdefault("justify", "left")
        kwargs.setdefault("bootstyle", "secondary")
        super().__init__(master, text="", width=width, **kwargs)
        self.empty_text = empty_text
        self._path = ""
        self._room = 0  # pixels the text may take; 0 until laid out
        self.bind("<Configure>", self._resized, add="+")
        self._draw()

    def set_path(self, path: str | Path | None) -> None:
        self._path = "" if path is None else str(path)
        self._draw()

    @property
    def logical_text(self) -> str:
        return self._path

    def _resized(self, event: tk.Event) -> None:
        room = event.width - self._overhead()
        if event.width > 1 and room != self._room:
            self._room = room
            self._draw()

    def _overhead(self) -> int:
        """What the label's padding and border take besides its text."""
        width = int(str(self.cget("width")) or 0)
        return max(0, self.winfo_reqwidth() - width * self._font().measure("0"))

    def _font(self) -> tkfont.Font:
        return tkfont.Font(root=self, font=self.cget("font") or "TkDefaultFont")

    def _draw(self) -> None:
        if not self._path:
            self.configure(text=t(self.empty_text))
            return
        measure = self._font().measure
        room = self._room

        def fits(text: str) -> bool:
            return room <= 0 or measure(t_path(text)) <= room

        self.configure(text=t_path(shortened_path(self._path, fits)))


class PathField(ttk.Frame):
    """A form field holding a chosen file's path: shown left to right, chosen with
    «انتخاب…» (`ask()` returns the path, "" when cancelled), emptied with «حذف».
    `get()`/`set()` speak the logical path, as the form reads and fills fields."""

    def __init__(
        self,
        master: tk.Misc,
        ask: Callable[[], str],
        *,
        empty_text: str = PathText.NONE,
        width: int = 34,
        **kwargs: Any,
    ):
        super().__init__(master, **kwargs)
        self.ask = ask
        # Right to left: the path, then what can be done with it (Tab: «انتخاب…» first).
        # Framed like the entries around it, but read-only: a path is chosen, not typed.
        box = ttk.Frame(self, bootstyle="light", padding=1)
        box.pack(side="right", fill="x", expand=True)
        self.label = PathLabel(box, empty_text=empty_text, width=width, bootstyle="default")
        self.label.configure(padding=(8, 6))
        self.label.pack(fill="both", expand=True)
        self.choose_button = RButton(
            self, text=PathText.CHOOSE, bootstyle="secondary-outline", command=self.choose
        )
        self.choose_button.pack(side="right", padx=(0, 6))
        self.remove_button = RButton(
            self, text=PathText.REMOVE, bootstyle="secondary-outline", command=self.clear
        )
        self.remove_button.pack(side="right", padx=(0, 6))
        self._update_buttons()

    def get(self) -> str:
        return self.label.logical_text

    def set(self, path: str | Path | None) -> None:
        self.label.set_path(path)
        self._update_buttons()

    def choose(self) -> None:
        chosen = self.ask()
        if chosen:
            self.set(chosen)

    def clear(self) -> None:
        self.set("")
        self.choose_button.focus_set()

    def focus_set(self) -> None:  # a form focuses its first invalid field
        self.choose_button.focus_set()

    def _update_buttons(self) -> None:
        self.remove_button.configure(state="normal" if self.get() else "disabled")
