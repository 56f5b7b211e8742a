"""Keyboard-first right-to-left forms.

A `Form` lays fields out as rows: the label on the right, the field to its left, the
error message under the field. Fields are created top to bottom, so Tab follows Tk's
creation order: top to bottom, and right to left within a row. Enter submits, Escape
cancels; after a failed submit the first invalid field takes the focus and every
message stands next to its field.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.rtl import RLabel


class Form(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        *,
        on_submit: Callable[[], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        label_width: int = 18,
        **kwargs: Any,
    ):
        super().__init__(master, **kwargs)
        self.fields: dict[str, tk.Widget] = {}
        self._errors: dict[str, RLabel] = {}
        self._row = 0
        self._label_width = label_width
        self.on_submit = on_submit
        self.on_cancel = on_cancel
        self.columnconfigure(0, weight=1)
        # Labels are never clipped: the column is at least `label_width` digits wide
        # (so forms line up) and grows to the longest label.
        digit = tkfont.nametofont("TkDefaultFont").measure("0")
        self.columnconfigure(1, minsize=label_width * digit)

    def add(
        self,
        name: str,
        label: str,
        widget_factory: Callable[[tk.Misc], tk.Widget],
        *,
        hint: str = "",
    ) -> tk.Widget:
        """Add a row; `widget_factory(parent)` builds the field (so Tab order is creation order)."""
        RLabel(self, text=label).grid(row=self._row, column=1, sticky="e", padx=(8, 0), pady=(6, 0))
        widget = widget_factory(self)
        widget.grid(row=self._row, column=0, sticky="ew", pady=(6, 0))
        error = RLabel(self, text=hint, bootstyle="secondary" if hint else "danger", font="-size 9")
        error.grid(row=self._row + 1, column=0, sticky="e")
        error.hint = hint  # type: ignore[attr-defined]
        self._row += 2
        self.fields[name] = widget
        self._errors[name] = error
        for sequence in ("<Return>", "<KP_Enter>"):
            widget.bind(sequence, self._submit, add="+")
        widget.bind("<Escape>", self._cancel, add="+")
        return widget

    def add_widget(self, widget_factory: Callable[[tk.Misc], tk.Widget]) -> tk.Widget:
        """A full-width row (buttons, notes)."""
        widget = widget_factory(self)
        widget.grid(row=self._row, column=0, columnspan=2, sticky="ew", pady=(12, 0))
        self._row += 1
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each message next to its field; focus the first invalid field in form order."""
        self.clear_errors()
        first = None
        for name in self.fields:
            if name in errors:
                label = self._errors[name]
                label.configure(bootstyle="danger")
                label.set_text(errors[name])
                first = first or self.fields[name]
        if first is not None:
            first.focus_set()

    def clear_errors(self) -> None:
        for label in self._errors.values():
            hint = getattr(label, "hint", "")
            label.configure(bootstyle="secondary" if hint else "danger")
            label.set_text(hint)

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return "" if label.logical_text == getattr(label, "hint", "") else label.logical_text

    def focus_first(self) -> None:
        next(iter(self.fields.values())).focus_set()

    def _submit(self, _event: tk.Event | None = None) -> str:
        if self.on_submit:
            self.on_submit()
        return "break"

    def _cancel(self, _event: tk.Event | None = None) -> str:
        if self.on_cancel:
            self.on_cancel()
        return "break"


class PasswordEntry(ttk.Entry):
    """Passwords are typed left to right and never shown; get() is the raw text."""

    def __init__(self, master: tk.Misc, **kwargs: Any):
        kwargs.setdefault("show", "•")
        kwargs.setdefault("justify", "left")
        super().__init__(master, **kwargs)

    def set(self, value: str) -> None:
        self.delete(0, "end")
        self.insert(0, value)


class ChoiceBox(ttk.Combobox):
    """A read-only choice among (key, Persian label) pairs; get_key() returns the key."""

    def __init__(self, master: tk.Misc, choices: list[tuple[str, str]], **kwargs: Any):
        from desktop.views.widgets.rtl import t

        self._keys = [key for key, _ in choices]
        self._labels = [t(label) for _, label in choices]
        kwargs.setdefault("state", "readonly")
        kwargs.setdefault("justify", "right")
        super().__init__(master, values=self._labels, **kwargs)
        # The drop-down list is a Tk listbox inside the combobox's popdown window:
        # right-align it like the field.
        popdown = self.tk.call("ttk::combobox::PopdownWindow", self)
        self.tk.call(f"{popdown}.f.l", "configure", "-justify", "right")

    def get_key(self) -> str:
        shown = super().get()
        return self._keys[self._labels.index(shown)] if shown in self._labels else ""

    def set_key(self, key: str) -> None:
        self.set(self._labels[self._keys.index(key)] if key in self._keys else "")
