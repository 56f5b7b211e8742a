"""The widget boundary where logical Persian text becomes drawable text.

`display` is the process's one conversion (chosen by windowing system, overridable by
the user's setting). It is process-wide for the same reason ttkbootstrap's Style is: it
depends on how this process's Tk draws text, not on any window. Views call `t(text)`
for every string they hand to Tk, and the RTL widgets below do it for them.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from desktop.text.display import Display, DisplayMode

_display = Display(DisplayMode.AUTO)


def configure_display(mode: DisplayMode, windowing_system: str | None = None) -> Display:
    """Choose the conversion for this process (start-up, settings, tests)."""
    global _display
    _display = Display(mode, windowing_system)
    return _display


def display() -> Display:
    return _display


def t(text: object) -> str:
    """Logical text → what this process's Tk must be handed to draw it correctly."""
    return _display(text)


def t_path(path: object) -> str:
    """A file path → what this process's Tk must be handed to draw it left to right,
    each Persian name joined and right to left inside it (Display.path)."""
    return _display.path(path)


def wrap_to_width(text: str, measure: Callable[[str], int], width_px: int) -> list[str]:
    """Break logical text into lines no wider than `width_px` as drawn.

    Tk's own wraplength would wrap the *converted* string and put the last line on
    top; so wrap the logical words first and convert each line afterwards.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and measure(t(candidate)) > width_px:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


class RLabel(ttk.Label):
    """A right-aligned label whose `text` is logical Persian (converted for drawing).

    `wraplength` (pixels) wraps the logical text before conversion; it is where the
    wrapping starts: once laid out, the label wraps within the width it is given (a
    window narrower than planned would otherwise cut a line at its left edge, where
    a Persian sentence ends). `logical_text` returns what was set, so tests and code
    never read drawn text back.
    """

    def __init__(self, master: tk.Misc | None = None, text: str = "", **kwargs: Any):
        kwargs.setdefault("anchor", "e")
        kwargs.setdefault("justify", "right")
        self._wrap_px = int(kwargs.pop("wraplength", 0) or 0)
        self._logical = text
        super().__init__(master, **kwargs)
        self.set_text(text)
        if self._wrap_px:
            self.follow_own_width()

    def follow_own_width(self) -> None:
        """Wrap within the width the label is given, whenever it changes."""

        def follow(event: tk.Event) -> None:
            if event.width > 1:
                self.fit_width(event.width)

        self.bind("<Configure>", follow, add="+")

    def set_text(self, text: str) -> None:
        self._logical = text
        self._draw()

    def _draw(self) -> None:
        text = self._logical
        self._lines = text.split("\n")
        if self._wrap_px and text:
            from tkinter import font

            drawn = font.Font(root=self, font=self.cget("font") or "TkDefaultFont")
            self._lines = wrap_to_width(text, drawn.measure, self._wrap_px)
        self.configure(text=t("\n".join(self._lines)))

    def set_wraplength(self, width_px: int) -> None:
        """Wrap at `width_px` from now on (0: never), re-wrapping what is shown."""
        width_px = max(0, int(width_px))
        if width_px != self._wrap_px:
            self._wrap_px = width_px
            self._draw()

    def wrap_within(self, widget: tk.Misc, *, unknown: int = 200, minimum: int = 0) -> None:
        """Keep the label no wider than `widget` as it resizes (but wrapping at no less
        than `minimum` pixels): a message under its field, or a message line within its
        own width. Until `widget` is laid out (a composite field asks for no size before
        idle time) `unknown` pixels stand in."""
        width = widget.winfo_width() if widget.winfo_ismapped() else widget.winfo_reqwidth()
        self.fit_width(width if width > 1 else unknown, minimum=minimum)

        def follow(event: tk.Event) -> None:
            if self.winfo_exists() and event.width > 1:
                self.fit_width(event.width, minimum=minimum)

        widget.bind("<Configure>", follow, add="+")

    def fit_width(self, width_px: int, *, minimum: int = 0) -> None:
        """Wrap so that the label, its border and padding included, fits `width_px`.
        (Leaving them out would let a parent that follows its content grow a little at
        each wrap, and wrap again.)"""
        from tkinter import font

        measure = font.Font(root=self, font=self.cget("font") or "TkDefaultFont").measure
        drawn = str(self.cget("text")).split("\n")
        overhead = max(0, self.winfo_reqwidth() - max(measure(line) for line in drawn))
        self.set_wraplength(max(width_px - overhead, minimum, 1))

    @property
    def logical_text(self) -> str:
        return self._logical

    @property
    def lines(self) -> list[str]:
        """The logical lines drawn, after wrapping (joined with spaces: the text)."""
        return list(self._lines)


class RButton(ttk.Button):
    """A button whose `text` is logical Persian."""

    def __init__(self, master: tk.Misc | None = None, text: str = "", **kwargs: Any):
        self._logical = text
        super().__init__(master, text=t(text), **kwargs)

    def set_text(self, text: str) -> None:
        self._logical = text
        self.configure(text=t(text))

    @property
    def logical_text(self) -> str:
        return self._logical


def _flip_sides(layout: list[Any]) -> list[Any]:
    flipped = []
    for name, options in layout:
        options = dict(options)
        if options.get("side") == "left":
            options["side"] = "right"
        if "children" in options:
            options["children"] = _flip_sides(options["children"])
        flipped.append((name, options))
    return flipped


def rtl_notebook_style() -> str:
    """A notebook style with its tabs at the top right (the theme's own look otherwise);
    add the tabs last to first so the first stands rightmost."""
    ttk.Style().configure("Rtl.TNotebook", tabposition="ne")
    return "Rtl.TNotebook"


class RCheck(ttk.Checkbutton):
    """A check box for right-to-left forms: the box on the right, logical `text` to its left.

    ttk draws the indicator on the left; a derived style (`Rtl.<style>`) reuses the
    theme's own elements with the layout mirrored, and is rebuilt when the theme changes.
    """

    def __init__(self, master: tk.Misc | None = None, text: str = "", **kwargs: Any):
        self._logical = text
        super().__init__(master, text=t(text), **kwargs)
        self._base_style = str(self.cget("style") or "TCheckbutton")
        self._mirror()
        self.bind("<<ThemeChanged>>", lambda _e: self._mirror(), add="+")

    def _mirror(self) -> None:
        style = ttk.Style()
        base = self._base_style.removeprefix("Rtl.")
        mirrored = f"Rtl.{base}"
        style.layout(mirrored, _flip_sides(style.layout(base)))
        self.configure(style=mirrored)

    @property
    def logical_text(self) -> str:
        return self._logical
