"""Tags typed into one field, shown as removable chips under it, right to left.

Tk has no tag or chip entry. This one suits short Persian labels such as skills: type
one and press Enter or «،» (or `,` / `;` / «؛»), and it becomes a chip under the field;
a chip's × (or BackSpace in the empty field) removes it. Text still in the field when
the caller reads the value counts as one more tag, so nothing typed is lost by
forgetting the final Enter. The field is an RtlEntry, so Persian letters join and the
text runs right to left on X11 too.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.rtl import RButton, t
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry

TAG_SEPARATORS = ("،", ",", ";", "؛")  # the first is what the others become
CHIP_EXTRA_PX = 24  # a chip's padding and border around its text
ENTRY_WIDTH = 24


class TagEntry(ttk.Frame):
    """Removable chips over an RtlEntry (see the module docstring).

    `on_submit()` runs on Enter in the empty field, so a form can save from it;
    `entry.own_return` tells such a form that the field handles Enter itself.
    """

    def __init__(self, master: tk.Misc, *, width: int = ENTRY_WIDTH, **kwargs: Any):
        kwargs.setdefault("takefocus", 0)  # Tab goes to the entry, not the bare frame
        super().__init__(master, **kwargs)
        self.tags: list[str] = []
        self.entry = RtlEntry(self, width=width)
        self.entry.own_return = True  # type: ignore[attr-defined]
        self.entry.pack(fill="x")
        self.chips = ttk.Frame(self)
        self.chips.pack(fill="x")
        self.chip_buttons: dict[str, RButton] = {}
        self.entry.bind("<Return>", self._on_return)
        self.entry.bind("<KP_Enter>", self._on_return)
        self.entry.bind("<BackSpace>", self._on_backspace)
        self.entry.bind(CHANGED, self._on_change, add="+")
        self.on_submit: Callable[[], None] = lambda: None

    def get(self) -> list[str]:
        """The tags, plus what is still typed in the field."""
        pending = self.entry.get().strip()
        return [*self.tags, pending] if pending and pending not in self.tags else list(self.tags)

    def set(self, tags: Sequence[str]) -> None:
        self.tags = []
        self.entry.set("")
        for tag in tags:
            self.add(tag)
        self._layout()

    def add(self, text: str) -> None:
        tag = text.strip()
        if tag and tag not in self.tags:
            self.tags.append(tag)
            self._layout()

    def remove(self, tag: str) -> None:
        if tag in self.tags:
            self.tags.remove(tag)
            self._layout()
            self.entry.focus_set()

    def focus_set(self) -> None:
        self.entry.focus_set()

    def _on_return(self, _event: tk.Event) -> str:
        text = self.entry.get().strip()
        if text:
            self.add(text)
            self.entry.set("")
        else:
            self.on_submit()
        return "break"

    def _on_backspace(self, _event: tk.Event) -> str | None:
        if self.entry.get() or not self.tags:
            return None
        self.remove(self.tags[-1])
        return "break"

    def _on_change(self, _event: tk.Event) -> None:
        text = self.entry.get()
        if not any(separator in text for separator in TAG_SEPARATORS):
            return
        for separator in TAG_SEPARATORS[1:]:
            text = text.replace(separator, TAG_SEPARATORS[0])
        *done, rest = text.split(TAG_SEPARATORS[0])
        for tag in done:
            self.add(tag)
        self.entry.set(rest.lstrip())

    def _layout(self) -> None:
        """Chips flow right to left in rows as wide as the field."""
        for child in self.chips.winfo_children():
            child.destroy()
        self.chip_buttons = {}
        font = tkfont.nametofont("TkDefaultFont")
        limit = max(self.entry.winfo_reqwidth(), self.winfo_width())
        row: ttk.Frame | None = None
        used = 0
        for tag in self.tags:
            label = f"{tag} ×"
            width = font.measure(t(label)) + CHIP_EXTRA_PX
            if row is None or (used and used + width > limit):
                row = ttk.Frame(self.chips)
                row.pack(fill="x", pady=(3, 0))
                used = 0
            chip = self.chip_buttons[tag] = RButton(
                row,
                text=label,
                bootstyle="info-outline",
                padding=(6, 1),
                takefocus=False,
                command=lambda tag=tag: self.remove(tag),
            )
            chip.pack(side="right", padx=(4, 0))
            used += width
