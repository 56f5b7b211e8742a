"""Rows that wrap, right to left, instead of squeezing what does not fit.

Pack and grid give a widget less room than it asked for when its row is too narrow,
and at zero they unmap it: the last filter of a row, a card or a button silently
disappears on a small screen. These containers move whole items to another line:

- `FlowRow`: items side by side from the right, each at its natural size; an item
  that does not fit starts a new line. With `spread`, a line's last item stands at the
  far left (a title on the right and its buttons on the left, as long as they fit).
- `CardGrid`: items in equal columns from the right, as many as fit at the widest
  item's width.

Items are children of the container, added in Tab order with `add()`.
"""

from __future__ import annotations

import tkinter as tk
from typing import Any, Literal, TypeVar

import ttkbootstrap as ttk

_W = TypeVar("_W", bound=tk.Widget)
Anchor = Literal["nw", "n", "ne", "w", "center", "e", "sw", "s", "se"]


class FlowRow(ttk.Frame):
    def __init__(
        self, master: tk.Misc, *, gap: int = 12, line_gap: int = 6, spread: bool = False,
        anchor: Anchor = "center", **kwargs: Any,
    ):  # fmt: skip
        super().__init__(master, **kwargs)
        self.item_anchor = anchor  # where an item stands in a line taller than it
        self.gap = gap
        self.line_gap = line_gap
        self.spread = spread
        self.items: list[tk.Widget] = []
        self.lines: list[list[tk.Widget]] = []
        self._frames: list[ttk.Frame] = []
        self._pending: str | None = None
        self.bind("<Configure>", lambda event: self.arrange(event.width), add="+")

    def add(self, item: _W) -> _W:
        """Place `item` (a child of this row) after the others. An item whose size
        changes later (a label given its text) makes the row look again."""
        self.items.append(item)
        item.bind("<Configure>", lambda _e: self._arrange_soon(), add="+")
        self.arrange(self.winfo_width())
        return item

    def destroy(self) -> None:
        if self._pending is not None:
            self.after_cancel(self._pending)
        super().destroy()

    def _arrange_soon(self) -> None:
        if self._pending is None:
            self._pending = self.after_idle(self._arrange_now)

    def _arrange_now(self) -> None:
        self._pending = None
        self.arrange(self.winfo_width())

    def natural_width(self) -> int:
        """The width of every item on one line."""
        shown = [item.winfo_reqwidth() for item in self.items]
        return sum(shown) + self.gap * max(0, len(shown) - 1)

    def field(self, label: str) -> ttk.Frame:
        """A new item holding `label` at its right: pack the field it names into it
        (side="right"), so label and field stay together when the row wraps."""
        from desktop.views.widgets.rtl import RLabel

        group = self.add(ttk.Frame(self))
        RLabel(group, text=label).pack(side="right", padx=(0, 4))
        return group

    def arrange(self, width: int) -> None:
        """Fill lines from the right; an item that does not fit starts a new line."""
        if width <= 1:  # not laid out yet: one line, so the row asks for its full width
            width = self.natural_width()
        lines: list[list[tk.Widget]] = []
        used = 0
        for item in self.items:
            needed = item.winfo_reqwidth()
            if lines and used + self.gap + needed <= width:
                lines[-1].append(item)
                used += self.gap + needed
            else:
                lines.append([item])
                used = needed
        if lines != self.lines:
            self._place(lines)

    def _place(self, lines: list[list[tk.Widget]]) -> None:
        self.lines = lines
        while len(self._frames) < len(lines):
            frame = ttk.Frame(self)
            frame.lower()  # below the items, which it holds but did not create
            self._frames.append(frame)
        for index, frame in enumerate(self._frames):
            if index < len(lines):
                frame.pack(fill="x", pady=(self.line_gap if index else 0, 0))
            else:
                frame.pack_forget()
        for frame, line in zip(self._frames, lines, strict=False):
            for position, item in enumerate(line):
                last = position == len(line) - 1
                if self.spread and last and position:
                    item.pack(in_=frame, side="left", anchor=self.item_anchor)
                else:
                    item.pack(
                        in_=frame, side="right", anchor=self.item_anchor,
                        padx=(0 if last else self.gap, 0),
                    )  # fmt: skip


class CardGrid(ttk.Frame):
    """Cards in equal columns from the right; fewer columns when the grid is narrow."""

    def __init__(self, master: tk.Misc, *, gap: int = 12, **kwargs: Any):
        super().__init__(master, **kwargs)
        self.gap = gap
        self.items: list[tk.Widget] = []
        self.columns = 0
        self.grid_anchor("ne")  # the columns stand at the right, however wide the grid
        self.bind("<Configure>", lambda event: self.arrange(event.width), add="+")

    def add(self, item: _W) -> _W:
        self.items.append(item)
        self.columns = 0  # place again, the new card included
        self.arrange(self.winfo_width())
        return item

    def arrange(self, width: int) -> None:
        cell = max((item.winfo_reqwidth() for item in self.items), default=1) + self.gap
        columns = len(self.items) if width <= 1 else max(1, min(len(self.items), width // cell))
        if columns == self.columns:
            return
        self.columns = columns
        for index in range(len(self.items) + 1):
            self.columnconfigure(index, weight=0, uniform="", minsize=0)
        for index in range(columns):
            self.columnconfigure(index, uniform="card", minsize=cell)
        for index, item in enumerate(self.items):
            row, position = divmod(index, columns)
            item.grid(
                row=row, column=columns - 1 - position, sticky="nsew",
                padx=(self.gap, 0), pady=(0, self.gap),
            )  # fmt: skip
