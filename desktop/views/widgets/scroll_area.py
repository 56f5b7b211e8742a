"""A scrolling page for forms taller than the window, right to left.

Tk has no scrolled frame: the content sits in a frame inside a canvas window. The
scrollbar stands on the left (the far side for a right-to-left reader) and hides when
everything fits; a keyboard user who Tabs to a field below the fold would otherwise
type blind, so a field that takes the focus is scrolled into view.
"""

from __future__ import annotations

import tkinter as tk
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.keys import FOCUSABLE, descendants


class ScrollArea(ttk.Frame):
    """A page taller than the window scrolls; the scrollbar stands on the left (RTL).

    `inner` is where the content goes; it is as wide as the area. A field that takes
    the focus (Tab) is scrolled into view, and the wheel scrolls from anywhere on it.
    """

    def __init__(self, master: tk.Misc, **kwargs: Any):
        super().__init__(master, **kwargs)
        self.canvas = ttk.Canvas(self, highlightthickness=0, borderwidth=0, height=200)
        self.bar = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        self.canvas.configure(yscrollcommand=self._on_scroll)
        self.inner = ttk.Frame(self.canvas)
        self._window = self.canvas.create_window(0, 0, anchor="nw", window=self.inner)
        self.canvas.grid(row=0, column=1, sticky="nsew")
        self.bar.grid(row=0, column=0, sticky="ns")
        self.columnconfigure(1, weight=1)
        self.columnconfigure(0, minsize=self.bar.winfo_reqwidth())  # no reflow when it hides
        self.rowconfigure(0, weight=1)
        self.inner.bind("<Configure>", self._on_inner_configure, add="+")
        self.canvas.bind("<Configure>", self._on_canvas_configure, add="+")

    def wire(self) -> None:
        """Bind focus-follow and the wheel on the content (call once it is built)."""
        for widget in (self.canvas, self.inner, *descendants(self.inner)):
            self.wire_widget(widget)

    def wire_widget(self, widget: tk.Misc) -> None:
        """The same for one widget added after `wire` (a new line of notes)."""
        for sequence in ("<Button-4>", "<Button-5>", "<MouseWheel>"):
            widget.bind(sequence, self._on_wheel, add="+")
        if isinstance(widget, FOCUSABLE):
            widget.bind("<FocusIn>", lambda _e, w=widget: self.see(w), add="+")

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
            self.canvas.yview_moveto((bottom - view) / total)

    def _on_scroll(self, first: str, last: str) -> None:
        self.bar.set(first, last)
        if float(first) <= 0 and float(last) >= 1:
            self.bar.grid_remove()
        else:
            self.bar.grid()

    def _on_inner_configure(self, event: tk.Event) -> None:
        self.canvas.configure(scrollregion=(0, 0, event.width, event.height))

    def _on_canvas_configure(self, event: tk.Event) -> None:
        self.canvas.itemconfigure(self._window, width=event.width)

    def _on_wheel(self, event: tk.Event) -> str:
        if self.inner.winfo_height() > self.canvas.winfo_height():
            if event.num == 4 or getattr(event, "delta", 0) > 0:
                self.canvas.yview_scroll(-3, "units")
            else:
                self.canvas.yview_scroll(3, "units")
        return "break"
