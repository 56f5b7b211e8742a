"""A page's or a tab's message line: said after an action, gone when the person moves on.

A message answers what the person just did («attendance saved», «choose a row
first»). Left standing it starts to mislead: an «attendance saved» under the scores
tab, a «user added» while the next user is being typed. So the line clears itself

- when the tab of a notebook it follows (`follow_tabs`) changes away from the tab it
  was said on (ttk sends `<<NotebookTabChanged>>` later, through the event queue: a
  message said right after selecting a tab belongs to that tab and stays);
- at the next edit in `scope`: a character typed into one of its fields, a paste or a
  cut, a choice made in a list or a calendar. Fields added after the message (a tab
  rebuilt) are watched from the next message on. A message about one field (the
  reason for a revocation) is a MessageLine whose scope is that field.

It also wraps at its own width (pack or grid it to fill the width it may use), so a
long sentence is never cut at its left edge, where a Persian sentence ends. In a panel
whose width follows its content, give a `wraplength` to start from, or the first long
message widens the panel.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.keys import descendants
from desktop.views.widgets.rtl import RLabel

# Widgets in which a key is an edit (not a button press or a tab switch).
_EDITABLE = (ttk.Entry, ttk.Checkbutton, ttk.Radiobutton, ttk.Treeview)
# Edits any widget may report (a date picked from the calendar comes on its field).
_EDIT_EVENTS = ("<<Paste>>", "<<Cut>>", "<<ComboboxSelected>>", "<<DateChanged>>")
_DELETING_KEYS = frozenset(("BackSpace", "Delete", "KP_Delete"))


class MessageLine(RLabel):
    def __init__(
        self,
        master: tk.Misc,
        text: str = "",
        *,
        scope: tk.Misc | None = None,
        on_clear: Callable[[], None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(master, text=text, **kwargs)
        self.scope = scope
        self.notebook: ttk.Notebook | None = None
        self.on_clear = on_clear
        self._owner: str | None = None  # the notebook tab the message was said on
        self._watched: set[str] = set()
        if not kwargs.get("wraplength"):
            self.follow_own_width()

    def follow_tabs(self, notebook: ttk.Notebook) -> None:
        """The message belongs to the tab of `notebook` it is said on."""
        self.notebook = notebook
        notebook.bind("<<NotebookTabChanged>>", self._tab_changed, add="+")

    def say(self, text: str, style: str = "success") -> None:
        self.configure(bootstyle=style)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        super().set_text(text)
        if text and hasattr(self, "_watched"):  # not while RLabel.__init__ runs
            self._owner = self.notebook.select() if self.notebook is not None else None
            self._watch_edits()

    def clear(self) -> None:
        if self.winfo_exists() and self.logical_text:
            super().set_text("")
            if self.on_clear is not None:
                self.on_clear()

    # -- what takes the message away --------------------------------------------------

    def _tab_changed(self, _event: tk.Event) -> None:
        if self.notebook is not None and self.notebook.select() != self._owner:
            self.clear()

    def _watch_edits(self) -> None:
        if self.scope is None:
            return
        for widget in (self.scope, *descendants(self.scope)):
            if str(widget) in self._watched:
                continue
            self._watched.add(str(widget))
            # A key binding would make a frame or a label a Tab stop: keys only where
            # they are edits.
            if isinstance(widget, _EDITABLE):
                widget.bind("<KeyPress>", self._key, add="+")
            for sequence in _EDIT_EVENTS:
                widget.bind(sequence, lambda _e: self.clear(), add="+")

    def _key(self, event: tk.Event) -> None:
        # Enter (which may have said this very message), Tab, arrows and shortcuts with
        # Control are not edits.
        char = event.char or ""
        control = isinstance(event.state, int) and bool(event.state & 0x4)
        edit = (char.isprintable() and char != "" and not control) or (
            event.keysym in _DELETING_KEYS
        )
        if edit and self.winfo_exists():
            self.clear()
