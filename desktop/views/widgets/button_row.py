"""Rows of buttons that Tab walks right to left, as a Persian reader does.

Tk's Tab goes through siblings in their stacking order, which is the order they were
created in, not where `pack` put them: a row packed with side="left" (or one whose
buttons were created in another order than they stand) is walked left to right.
`tab_right_to_left` restacks the widgets so Tab follows the order given; `pack_buttons`
packs a row from the right and does it too.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Sequence
from itertools import pairwise


def tab_right_to_left(widgets: Sequence[tk.Misc]) -> None:
    """Make Tab visit `widgets` (siblings, given as they stand from right to left) in
    that order. Only their stacking order changes: they do not overlap, so nothing
    is drawn differently."""
    for previous, widget in pairwise(widgets):
        widget.tkraise(previous)


def pack_buttons(buttons: Sequence[tk.Widget], *, gap: int = 8, **pack: object) -> None:
    """Pack `buttons` into their row from the right, the first rightmost, `gap` pixels
    apart, and make Tab walk them right to left."""
    for index, button in enumerate(buttons):
        button.pack(side="right", padx=(0, gap) if index else 0, **pack)  # type: ignore[arg-type]
    tab_right_to_left(buttons)
