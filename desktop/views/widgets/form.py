"""Keyboard-first right-to-left forms.

A `Form` lays fields out as rows: the label on the right, the field to its left, the
error message under the field. Fields are created top to bottom, so Tab follows Tk's
creation order: top to bottom, and right to left within a row. Enter submits, Escape
cancels; after a failed submit the first invalid field takes the focus and every
message stands next to its field.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable, Collection, Mapping
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.check_group import CheckGroup
from desktop.views.widgets.jalali_date import JalaliDateEntry
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.notes import NotesField
from desktop.views.widgets.rtl import RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.tag_entry import TagEntry


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

    # -- values: one way to read, fill and clear any field ---------------------------------

    def value(self, name: str) -> Any:
        """The field's value as the services take it (see `field_value`)."""
        return field_value(self.fields[name])

    def values(self) -> dict[str, Any]:
        return {name: field_value(widget) for name, widget in self.fields.items()}

    def set_value(self, name: str, value: Any) -> None:
        set_field_value(self.fields[name], value)

    def fill(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            self.set_value(name, value)

    def clear(self, *, keep: Collection[str] = ()) -> None:
        """Empty every field (but those in `keep`) and every message, for the next entry."""
        for name, widget in self.fields.items():
            if name not in keep:
                set_field_value(widget, None)
        self.clear_errors()

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


# -- reading and writing any kind of field ----------------------------------------------
#
# A form mixes Persian entries, left-to-right entries, passwords, choices, dates and
# check groups, and each speaks its own dialect (get_key, get_date, set, delete/insert).
# Views read, fill and clear fields only through these two functions, so a new kind of
# field is taught here once instead of in every view.


def field_value(widget: tk.Misc) -> Any:
    """A field's value as the services take it: a choice's key, a date's text as typed
    (the service parses it and puts its message next to the field), a check group's or
    tag entry's list of keys, and any other field's logical text."""
    if isinstance(widget, ChoiceBox):
        return widget.get_key()
    if isinstance(widget, JalaliDateEntry):
        return widget.entry.displayed()
    if callable(getattr(widget, "get", None)):  # entries, check groups, tag entries, notes
        return widget.get()  # type: ignore[attr-defined]
    raise TypeError(f"a form cannot read a {type(widget).__name__}")


def set_field_value(widget: tk.Misc, value: Any) -> None:
    """Show `value` in the field; None (or "") empties it.

    Dates take a date or the text to show; check groups and tag entries a list of keys;
    choices a key; entries text.
    """
    text = "" if value is None else value
    if isinstance(widget, ChoiceBox):
        widget.set_key(str(text))
    elif isinstance(widget, JalaliDateEntry):
        if isinstance(value, dt.date):
            widget.set_date(value)
        else:
            widget.set_date(None)
            widget.entry.set(str(text))
    elif isinstance(widget, (CheckGroup, TagEntry)):
        widget.set(list(value or ()))
    elif isinstance(widget, (RtlEntry, IdentifierEntry, PasswordEntry, NotesField, ttk.Combobox)):
        widget.set(str(text))
    elif isinstance(widget, (ttk.Entry, tk.Entry)):  # a plain left-to-right entry
        widget.delete(0, "end")
        widget.insert(0, str(text))
    else:
        raise TypeError(f"a form cannot fill a {type(widget).__name__}")
