"""Multi-line Persian notes as a column of RtlEntry lines, not a `Text`.

Tk's Text widget on X11 neither joins Persian letters nor lays lines out right to
left; RtlEntry does both while keeping the logical text. So a note is a few entry
lines: Enter moves to the next line (a new one is added, up to NOTE_LINES_MAX), Up
and Down move between lines, and the value is the lines joined with "\\n" (which the
text normalisation keeps).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.rtl_entry import RtlEntry

NOTE_LINES, NOTE_LINES_MAX = 3, 8
ENTRY_WIDTH = 24


class NotesField(ttk.Frame):
    """Multi-line Persian notes as RtlEntry lines (see the module docstring).

    Each line says `own_return`, so a form that saves on Enter leaves it to the field;
    `on_line_added(line)` lets the form bind its page keys on lines added later.
    """

    def __init__(self, master: tk.Misc, *, width: int = ENTRY_WIDTH, **kwargs: Any):
        kwargs.setdefault("takefocus", 0)  # Tab goes to the lines, not the bare frame
        super().__init__(master, **kwargs)
        self.width = width
        self.lines: list[RtlEntry] = []
        # The form binds its page keys on lines added after it was built.
        self.on_line_added: Callable[[RtlEntry], None] = lambda _line: None
        for _ in range(NOTE_LINES):
            self._add_line()

    def get(self) -> str:
        return "\n".join(line.get() for line in self.lines).strip("\n")

    def set(self, text: str) -> None:
        parts = text.split("\n") if text else []
        while len(self.lines) < min(len(parts), NOTE_LINES_MAX):
            self._add_line()
        if len(parts) > NOTE_LINES_MAX:  # keep every word: the rest goes on the last line
            parts = [*parts[: NOTE_LINES_MAX - 1], " ".join(parts[NOTE_LINES_MAX - 1 :])]
        for index, line in enumerate(self.lines):
            line.set(parts[index] if index < len(parts) else "")

    def focus_set(self) -> None:
        self.lines[0].focus_set()

    def _add_line(self) -> RtlEntry:
        line = RtlEntry(self, width=self.width)
        line.own_return = True  # type: ignore[attr-defined]
        line.pack(fill="x", pady=(0, 2))
        line.bind("<Return>", lambda _e: self._next_line(line))
        line.bind("<KP_Enter>", lambda _e: self._next_line(line))
        line.bind("<Down>", lambda _e: self._step(line, 1))
        line.bind("<Up>", lambda _e: self._step(line, -1))
        self.lines.append(line)
        self.on_line_added(line)
        return line

    def _next_line(self, line: RtlEntry) -> str:
        index = self.lines.index(line)
        if index == len(self.lines) - 1 and len(self.lines) < NOTE_LINES_MAX:
            self._add_line()
        self._step(line, 1)
        return "break"

    def _step(self, line: RtlEntry, step: int) -> str:
        index = self.lines.index(line) + step
        if 0 <= index < len(self.lines):
            self.lines[index].focus_set()
            self.lines[index].icursor("end")
        return "break"
