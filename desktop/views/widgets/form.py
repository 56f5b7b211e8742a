"""Keyboard-first right-to-left forms.

A `Form` lays fields out as rows: the label on the right, the field to its left, the
error message under the field. Fields are created top to bottom, so Tab follows Tk's
creation order: top to bottom, and right to left within a row. Enter submits, Escape
cancels; after a failed submit the first invalid field takes the focus and every
message stands next to its field.

A message under a field wraps within the field's width (a right-anchored line cut at
the left loses the first words of a Persian sentence), and goes as soon as the field's
value changes: the person is fixing it, and a message about a value no longer there
misleads.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable, Collection, Mapping
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.keys import FOCUSABLE, descendants
from desktop.views.widgets.ltr_entry import NOTICE
from desktop.views.widgets.rtl import RLabel
from desktop.views.widgets.scroll_area import calm_choices

# What a change of value can come by, in any kind of field (entries, choices, check
# boxes, the date picker, composite fields); the value itself is compared afterwards.
_EDIT_EVENTS = (
    "<KeyPress>",
    "<ButtonRelease>",
    "<<Paste>>",
    "<<Cut>>",
    "<<ComboboxSelected>>",
    "<<DateChanged>>",
    "<<RtlEntryChanged>>",
    "<FocusOut>",
)


def current_value(widget: tk.Misc) -> object:
    """What a field holds now, to tell whether it changed (any kind of field)."""
    try:
        return field_value(widget)
    except (tk.TclError, ValueError, TypeError):
        return None


class ChangeWatch:
    """Calls `on_change` once a widget's value differs from what it was when armed.

    A message about a field's value (an error under it) belongs to that value: `arm()`
    when the message is shown, and it is taken away at the first edit that changes the
    value — not at a Tab into the field or a click that changes nothing. Bindings go on
    the widget and its parts (a composite field), added once, when first armed; a check
    still pending when the widget goes is cancelled.
    """

    def __init__(self, widget: tk.Misc, on_change: Callable[[], None]):
        self.widget = widget
        self.on_change = on_change
        self._armed_with: object = None
        self._armed = False
        self._bound: set[str] = set()
        self._pending: str | None = None
        widget.bind("<Destroy>", lambda _e: self.disarm(), add="+")

    def arm(self) -> None:
        self._armed_with = current_value(self.widget)
        self._armed = True
        for part in (self.widget, *descendants(self.widget)):
            if str(part) not in self._bound:
                self._bound.add(str(part))
                # A key or focus binding would make a frame or label a Tab stop.
                focusable = isinstance(part, FOCUSABLE)
                for sequence in _EDIT_EVENTS:
                    if focusable or not ("Key" in sequence or "Focus" in sequence):
                        part.bind(sequence, self._edited, add="+")

    def disarm(self) -> None:
        self._armed = False
        if self._pending is not None:
            self.widget.after_cancel(self._pending)
            self._pending = None

    def _edited(self, _event: tk.Event | None = None) -> None:
        # Class bindings (which apply a key or a paste) run after ours: look once the
        # event is done with.
        if self._armed and self._pending is None:
            self._pending = self.widget.after_idle(self._check)

    def _check(self) -> None:
        self._pending = None
        if not self.widget.winfo_exists():
            return
        if self._armed and current_value(self.widget) != self._armed_with:
            self._armed = False
            self.on_change()


class Form(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        *,
        on_submit: Callable[[], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        label_width: int = 18,
        min_wrap: int = 200,
        **kwargs: Any,
    ):
        super().__init__(master, **kwargs)
        self.min_wrap = min_wrap  # a message's width until its field is laid out
        self.fields: dict[str, tk.Widget] = {}
        self._errors: dict[str, RLabel] = {}
        self._watches: dict[str, ChangeWatch] = {}
        self._row = 0
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
        error.wrap_within(widget, unknown=self.min_wrap)
        self._watches[name] = ChangeWatch(widget, lambda: self.clear_error(name))
        for part in (widget, *descendants(widget)):  # a field changed or refused a key
            part.bind(
                NOTICE, lambda e: self.show_notice(name, getattr(e.widget, "notice", "")), add="+"
            )
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
                self._watches[name].arm()
                first = first or self.fields[name]
        if first is not None:
            first.focus_set()

    def show_notice(self, name: str, text: str) -> None:
        """A short note under a field about what it did with a keystroke; it goes,
        like an error, once the value changes again."""
        if text:
            label = self._errors[name]
            label.configure(bootstyle="info")
            label.set_text(text)
            self._watches[name].arm()

    def clear_errors(self) -> None:
        for name in self._errors:
            self.clear_error(name)

    def clear_error(self, name: str) -> None:
        """Take a field's message away (its hint, if any, comes back)."""
        self._watches[name].disarm()
        label = self._errors[name]
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
        calm_choices(self)  # the wheel over it scrolls the page, never changes it

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Offer other choices (the one shown is kept if it is still among them)."""
        from desktop.views.widgets.rtl import t

        key = self.get_key()
        self._keys = [key for key, _ in choices]
        self._labels = [t(label) for _, label in choices]
        self.configure(values=self._labels)
        self.set_key(key)

    def get_key(self) -> str:
        shown = super().get()
        return self._keys[self._labels.index(shown)] if shown in self._labels else ""

    def set_key(self, key: str) -> None:
        self.set(self._labels[self._keys.index(key)] if key in self._keys else "")


# -- reading and writing any kind of field ----------------------------------------------
#
# A form mixes Persian entries, left-to-right entries, passwords, choices, dates, check
# groups and tag entries. Views read, fill and clear fields only through these two
# functions, which ask each field in its own words — a choice its key (`get_key`,
# `set_key`), a date its text as typed (`text`; `set` takes a date or a text), anything
# else `get`/`set` (check groups and tag entries: lists of keys) — so a new kind of field
# only has to speak them, and this module imports none of them (the login page, which
# loads it at start-up, needs no calendar).


def field_value(widget: tk.Misc) -> Any:
    """A field's value as the services take it: a choice's key, a date's text as typed
    (the service parses it and puts its message next to the field), a check group's or
    tag entry's list of keys, and any other field's logical text."""
    for reader in ("get_key", "text", "get"):
        read = getattr(widget, reader, None)
        if callable(read):
            return read()
    raise TypeError(f"a form cannot read a {type(widget).__name__}")


def set_field_value(widget: tk.Misc, value: Any) -> None:
    """Show `value` in the field; None (or "") empties it.

    Dates take a date or the text to show; check groups and tag entries a list of keys;
    choices a key; entries and chosen paths text.
    """
    shown: Any = "" if value is None else value
    if not isinstance(shown, (list, tuple, set, dt.date)):
        shown = str(shown)
    if isinstance(widget, ChoiceBox):
        widget.set_key(shown)
    elif callable(getattr(widget, "set", None)):
        widget.set(shown)  # type: ignore[attr-defined]
    elif isinstance(widget, (ttk.Entry, tk.Entry)):  # a plain left-to-right entry
        widget.delete(0, "end")
        widget.insert(0, shown)
    else:
        raise TypeError(f"a form cannot fill a {type(widget).__name__}")
