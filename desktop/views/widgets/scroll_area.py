"""A scrolling page for forms taller than the window, right to left.

Tk has no scrolled frame: the content sits in a frame inside a canvas window. The
scrollbar stands on the left (the far side for a right-to-left reader) and hides when
everything fits; a keyboard user who Tabs to a field below the fold would otherwise
type blind, so a field that takes the focus is scrolled into view.

The wheel and the focus reach every area through one handler on the "all" binding
tag (bound once per Tk interpreter): it finds the nearest area around the widget, so
widgets a page adds later (a panel, a new row) scroll without being wired one by one,
and nothing is left behind when a page goes. Widgets that scroll themselves (tables,
text, lists) keep the wheel.

Choices do not: Tk's own bindings step a combobox or a spinbox to its next value on
the wheel, so a person rolling down a page silently changed every choice the pointer
passed over (a column mapping, the money unit, a list's filter). Those class bindings
are taken away once per interpreter (`calm_choices`, called by every ScrollArea and
ChoiceBox); the wheel over a choice scrolls the page around it, or does nothing. Its
drop-down list, a Listbox, still scrolls itself.
"""

from __future__ import annotations

import tkinter as tk
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.keys import FOCUSABLE, descendants

WHEEL = ("<Button-4>", "<Button-5>", "<MouseWheel>")
# Widget classes whose own bindings use the wheel: an area around them leaves it be.
SCROLLS_ITSELF = {"Treeview", "Text", "Listbox", "TScale"}
# Widget classes whose own bindings change their value on the wheel.
CHOICES = ("TCombobox", "TSpinbox")


class AutoScrollbar(ttk.Scrollbar):
    """A gridded scrollbar that steps aside while everything is in view."""

    def set(self, first: float | str, last: float | str) -> None:
        super().set(first, last)
        if float(first) <= 0 and float(last) >= 1:
            self.grid_remove()
        else:
            self.grid()


class ScrollArea(ttk.Frame):
    """A page taller than the window scrolls; the scrollbar stands on the left (RTL).

    `inner` is where the content goes; it is as wide as the area. A field that takes
    the focus (Tab) is scrolled into view, and the wheel scrolls from anywhere on it.
    With `fill`, the one widget given to `hold()` is stretched to the area's height
    when it is shorter (a table page fills the window) and scrolls when it is taller.
    With `fit_width`, the area is as wide as its content asks (a sidebar, a side form),
    instead of taking a width from its master.
    """

    def __init__(
        self,
        master: tk.Misc,
        *,
        fill: bool = False,
        fit_width: bool = False,
        bootstyle: str = "",
        **kwargs: Any,
    ):
        surface: dict[str, Any] = {"bootstyle": bootstyle} if bootstyle else {}  # a sidebar
        super().__init__(master, **surface, **kwargs)
        self.fill = fill
        self.fit_width = fit_width
        self.canvas = ttk.Canvas(self, highlightthickness=0, borderwidth=0, height=200)
        self.bar = AutoScrollbar(self, orient="vertical", command=self.canvas.yview)
        self.canvas.configure(yscrollcommand=self.bar.set)
        self.inner = ttk.Frame(self.canvas, **surface)
        if bootstyle:
            background = ttk.Style().lookup(self.inner.cget("style"), "background")
            self.canvas.configure(background=background)
        self._window = self.canvas.create_window(0, 0, anchor="nw", window=self.inner)
        self.canvas.grid(row=0, column=1, sticky="nsew")
        self.bar.grid(row=0, column=0, sticky="ns")
        self.columnconfigure(1, weight=1)
        self.columnconfigure(0, minsize=self.bar.winfo_reqwidth())  # no reflow when it hides
        self.rowconfigure(0, weight=1)
        if fill:
            self.inner.columnconfigure(0, weight=1)
            self.inner.rowconfigure(0, weight=1)
        self.inner.bind("<Configure>", self._on_inner_configure, add="+")
        self.canvas.bind("<Configure>", self._on_canvas_configure, add="+")
        _route_wheel_and_focus(self)
        calm_choices(self)

    def hold(self, content: tk.Widget) -> None:
        """Show `content` (a child of `inner`) as the area's page: its full width, and
        with `fill` at least the area's height."""
        content.grid(in_=self.inner, row=0, column=0, sticky="nsew")

    def wire(self) -> None:
        """Bind focus-follow and the wheel on the content (call once it is built)."""
        for widget in (self.canvas, self.inner, *descendants(self.inner)):
            self.wire_widget(widget)

    def wire_widget(self, widget: tk.Misc) -> None:
        """The same for one widget added after `wire` (a new line of notes)."""
        for sequence in WHEEL:
            widget.bind(sequence, self._on_wheel, add="+")
        if isinstance(widget, FOCUSABLE):
            widget.bind("<FocusIn>", lambda _e: self.see(widget), add="+")

    @property
    def scrolls(self) -> bool:
        """Whether the content is taller than the area (the scrollbar is useful)."""
        return self.inner.winfo_height() > self.canvas.winfo_height() > 1

    def see(self, widget: tk.Misc, margin: int = 28) -> None:
        """Scroll just enough for `widget` (and the message under it) to be seen."""
        total = self.inner.winfo_height()
        view = self.canvas.winfo_height()
        if total <= view or total <= 1:
            return
        top = widget.winfo_rooty() - self.inner.winfo_rooty()
        bottom = top + widget.winfo_height() + margin
        shown_top = int(self.canvas.canvasy(0))
        if top < shown_top:  # room above for the section's title
            self.canvas.yview_moveto(max(0, top - 2 * margin) / total)
        elif bottom > shown_top + view:
            self.canvas.yview_moveto(min(top - margin, bottom - view) / total)

    def _on_inner_configure(self, event: tk.Event) -> None:
        self.canvas.configure(scrollregion=(0, 0, event.width, event.height))
        wanted = self.inner.winfo_reqwidth()
        if self.fit_width and int(self.canvas.cget("width")) != wanted:
            self.canvas.configure(width=wanted)

    def _on_canvas_configure(self, event: tk.Event) -> None:
        self.canvas.itemconfigure(self._window, width=event.width)
        if self.fill:  # the page is at least as tall as the area
            self.inner.rowconfigure(0, minsize=event.height)

    def _on_wheel(self, event: tk.Event) -> str:
        if self.scrolls:
            if event.num == 4 or getattr(event, "delta", 0) > 0:
                self.canvas.yview_scroll(-3, "units")
            else:
                self.canvas.yview_scroll(3, "units")
        return "break"


def reveal(widget: tk.Misc) -> None:
    """Scroll every area around `widget` so it is seen whole (a panel just opened at
    the bottom of a page: its fields and its buttons), once it is laid out."""

    def show() -> None:
        if widget.winfo_exists():
            widget.update_idletasks()  # the page's new height, the panel's place
            for area in _areas_around(widget):
                area.see(widget)

    widget.after_idle(show)


def calm_choices(widget: tk.Misc) -> None:
    """Take the wheel away from combobox and spinbox class bindings (once per Tk
    interpreter): a wheel over a choice is meant for the page."""
    marker = "tavana_choices_calmed"
    if widget.tk.call("info", "exists", f"::{marker}"):
        return
    widget.tk.setvar(marker, 1)
    for widget_class in CHOICES:
        for sequence in widget.bind_class(widget_class):
            if "Button-4" in sequence or "Button-5" in sequence or "Wheel" in sequence:
                widget.bind_class(widget_class, sequence, "")


def _route_wheel_and_focus(area: ScrollArea) -> None:
    """Bind the wheel and focus handlers on the "all" tag, once per interpreter."""
    marker = "tavana_scroll_area_routed"
    if area.tk.call("info", "exists", f"::{marker}"):
        return
    area.tk.setvar(marker, 1)
    for sequence in WHEEL:
        area.bind_all(sequence, _wheel, add="+")
    area.bind_all("<FocusIn>", _focus, add="+")


def _areas_around(widget: Any) -> list[ScrollArea]:
    """The scroll areas holding `widget`, innermost first."""
    areas = []
    while isinstance(widget, tk.Misc):
        if isinstance(widget, ScrollArea):
            areas.append(widget)
        widget = widget.master
    return areas


def _wheel(event: tk.Event) -> None:
    widget = event.widget
    if not isinstance(widget, tk.Misc) or widget.winfo_class() in SCROLLS_ITSELF:
        return
    for area in _areas_around(widget):
        if area.scrolls:
            area._on_wheel(event)
            return


def _focus(event: tk.Event) -> None:
    widget = event.widget
    if isinstance(widget, FOCUSABLE):
        for area in _areas_around(widget):
            area.see(widget)
