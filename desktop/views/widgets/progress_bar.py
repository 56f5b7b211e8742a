"""A progress bar that fills from the right, as a right-to-left reader reads.

ttk's Progressbar cannot be mirrored: Tk 8.6 places its bar at the left of the trough
whatever the style's layout says (a layout with the bar packed on the right side was
tried, and ignored; ttkbootstrap's images are also tied to its own style names). So
the bar is drawn on a canvas, in the theme's colours, with round ends as the theme's
own: a trough, and the part done growing leftwards from its right end. Without a
total yet (`start`) a short block slides from the right to the left and back.
"""

from __future__ import annotations

import tkinter as tk
from typing import Any

import ttkbootstrap as ttk

THICKNESS = 8  # pixels, as ttkbootstrap draws its own bars
BLOCK = 0.25  # of the trough: the sliding block while the total is not known
STEP = 0.02  # of the way, a tick


class RtlProgressBar(tk.Canvas):
    """`set_fraction(done, total)` shows the part done from the right; `start()` slides
    a block while nothing is counted yet, `stop()` halts it."""

    def __init__(self, master: tk.Misc, *, length: int = 360, bootstyle: str = "success"):
        super().__init__(
            master, width=length, height=THICKNESS + 4, highlightthickness=0, borderwidth=0
        )
        self.bootstyle = bootstyle
        self.fraction: float | None = None  # None: not counted yet (sliding block)
        self._phase = 0.0  # the block: 0 at the right end, 1 at the left
        self._direction = 1
        self._after: str | None = None
        self._interval = 15
        self._trough = self.create_line(0, 0, 0, 0, capstyle="round", width=THICKNESS)
        self._done = self.create_line(0, 0, 0, 0, capstyle="round", width=THICKNESS)
        self._colour()
        self.bind("<Configure>", lambda _e: self._draw(), add="+")
        self.bind("<<ThemeChanged>>", lambda _e: self._colour(), add="+")
        self._draw()

    def set_fraction(self, done: float, total: float) -> None:
        self.stop()
        self.fraction = 0.0 if total <= 0 else max(0.0, min(1.0, done / total))
        self._draw()

    def start(self, interval: int = 15) -> None:
        self.fraction = None
        self._interval = interval
        if self._after is None:
            self._after = self.after(interval, self._tick)

    def stop(self) -> None:
        if self._after is not None:
            self.after_cancel(self._after)
            self._after = None

    def done_span(self) -> tuple[float, float] | None:
        """Where the part done (or the sliding block) is drawn: (left x, right x) of
        its line, round ends not counted; None when nothing is drawn."""
        if self.itemcget(self._done, "state") == "hidden":
            return None
        left, _y, right, _y2 = self.coords(self._done)
        return left, right

    def destroy(self) -> None:
        self.stop()
        super().destroy()

    def _tick(self) -> None:
        self._after = None
        self._phase += STEP * self._direction
        if not 0 <= self._phase <= 1:
            self._direction = -self._direction
            self._phase = max(0.0, min(1.0, self._phase))
        self._draw()
        self._after = self.after(self._interval, self._tick)

    def _colour(self) -> None:
        style = ttk.Style()
        colours: Any = style.colors
        self.configure(background=style.lookup("TFrame", "background") or colours.bg)
        self.itemconfigure(self._trough, fill=colours.border)
        self.itemconfigure(self._done, fill=colours.get(self.bootstyle) or colours.primary)

    def _draw(self) -> None:
        width = self.winfo_width() if self.winfo_width() > 1 else int(self.cget("width"))
        middle = (int(self.cget("height")) // 2) or THICKNESS // 2
        start, end = THICKNESS / 2, width - THICKNESS / 2  # the round ends fit inside
        self.coords(self._trough, start, middle, end, middle)
        run = max(0.0, end - start)
        if self.fraction is None:
            right = end - self._phase * run * (1 - BLOCK)
            left = right - run * BLOCK
        else:
            right, left = end, end - run * self.fraction
        hidden = self.fraction is not None and self.fraction <= 0
        self.itemconfigure(self._done, state="hidden" if hidden else "normal")
        self.coords(self._done, left, middle, right, middle)
