"""Toplevel windows as the system sees them: their titles and where they appear.

A window's title is drawn by the window manager (Openbox, GNOME, KDE, Windows), which
lays Persian out by itself: it must be handed the *logical* text. Converting it for
Tk (`t()`) makes «توانا» read «اناوت» in the title bar. So every title goes through
`set_title`, which refuses text in drawn form (Arabic presentation forms, which only the
display conversion produces) — a converted title is a bug caught by the first test
that opens the window, not a defect a user finds.

Popups and dialogs placed by our code (the date picker, message dialogs, the file
dialog) go through `fit_on_screen`, so a field near the bottom of the window opens its
picker above itself instead of below the screen's edge.
"""

from __future__ import annotations

import re
import tkinter as tk
from typing import NamedTuple

# Arabic Presentation Forms-A and -B: the reshaper's output, never logical text.
_DRAWN_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int


def is_drawn_form(text: str) -> bool:
    """True when `text` holds presentation forms: it was converted for drawing."""
    return bool(_DRAWN_FORMS.search(text))


def system_text(logical: str) -> str:
    """`logical` unchanged, for anything handed to the system (a title, the clipboard, a
    file name, a notification, another program's argv); ValueError if it was converted."""
    if is_drawn_form(logical):
        raise ValueError(f"text converted for drawing handed to the system: {logical!r}")
    return logical


def set_title(window: tk.Wm, logical: str) -> None:
    """Give `window` its title in logical order: the window manager lays it out."""
    window.wm_title(system_text(logical))


def screen_area(widget: tk.Misc) -> Rect:
    """The screen `widget` is on, in root coordinates."""
    return Rect(0, 0, widget.winfo_screenwidth(), widget.winfo_screenheight())


def fit_on_screen(
    anchor: Rect, size: tuple[int, int], screen: Rect, gap: int = 0
) -> tuple[int, int]:
    """Where a popup of `size` goes for a field at `anchor`: under it, right edges
    aligned (the form is right to left); above it when below does not fit; on the side
    with more room when neither does; always moved inside the screen."""
    width, height = size
    right_aligned = anchor.x + anchor.width - width
    x = _clamp(right_aligned, screen.x, screen.x + screen.width - width)
    below = anchor.y + anchor.height + gap
    above = anchor.y - gap - height
    screen_bottom = screen.y + screen.height
    if below + height <= screen_bottom:
        y = below
    elif above >= screen.y:
        y = above
    else:
        room_below = screen_bottom - below
        room_above = anchor.y - gap - screen.y
        y = below if room_below >= room_above else above
    return x, _clamp(y, screen.y, screen_bottom - height)


def center_in(outer: Rect, size: tuple[int, int], screen: Rect) -> tuple[int, int]:
    """A dialog of `size` centred across `outer` and a third of the way down, inside the
    screen (a window taller than the screen keeps its top edge visible)."""
    width, height = size
    x = outer.x + (outer.width - width) // 2
    y = outer.y + (outer.height - height) // 3
    return (
        _clamp(x, screen.x, screen.x + screen.width - width),
        _clamp(y, screen.y, screen.y + screen.height - height),
    )


def widget_rect(widget: tk.Misc) -> Rect:
    return Rect(
        widget.winfo_rootx(), widget.winfo_rooty(), widget.winfo_width(), widget.winfo_height()
    )


def place_under(popup: tk.Toplevel, widget: tk.Misc) -> None:
    """Put `popup` (its requested size) under `widget`, or where it fits on screen."""
    popup.update_idletasks()
    size = (popup.winfo_reqwidth(), popup.winfo_reqheight())
    x, y = fit_on_screen(widget_rect(widget), size, screen_area(widget))
    popup.geometry(f"+{x}+{y}")


def center_on(window: tk.Toplevel, parent: tk.Misc) -> None:
    """Put a dialog over its parent's window, inside the screen, title bar included
    (the window manager frames the dialog as it framed the parent)."""
    window.update_idletasks()
    top = parent.winfo_toplevel()
    side, title = frame_edges(top)
    outer = Rect(
        top.winfo_rootx() - side,
        top.winfo_rooty() - title,
        top.winfo_width() + 2 * side,
        top.winfo_height() + title + side,
    )
    size = (window.winfo_reqwidth() + 2 * side, window.winfo_reqheight() + title + side)
    x, y = center_in(outer, size, screen_area(parent))
    window.geometry(f"+{x}+{y}")  # the frame's corner, as Tk places a framed window


def frame_edges(top: tk.Wm) -> tuple[int, int]:
    """The window manager's frame around `top`: (side border, title bar + top border)
    in pixels, (0, 0) without a window manager or before the window is mapped."""
    match = re.search(r"\+(-?\d+)\+(-?\d+)$", top.wm_geometry())
    if match is None:  # placed from the right or bottom edge: not ours to measure
        return 0, 0
    frame_x, frame_y = int(match.group(1)), int(match.group(2))
    side = top.winfo_rootx() - frame_x  # type: ignore[attr-defined]
    title = top.winfo_rooty() - frame_y  # type: ignore[attr-defined]
    return (side, title) if 0 <= side <= 50 and 0 <= title <= 100 else (0, 0)


def _clamp(value: int, low: int, high: int) -> int:
    """`value` within [low, high]; `low` wins when the range is empty (too big to fit)."""
    return max(low, min(value, high))
