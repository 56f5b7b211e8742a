"""Where the main window goes: maximised, inside the screen's work area.

A fixed 1280×760 window does not fit a 1366×768 laptop once the title bar and a panel
have taken their share (DESIGN.md, "Lessons learned"): the status bar and the bottom
of every page fell off the screen. So the main window asks to be maximised — Tk's
`-zoomed` attribute on X11, the `zoomed` state on Windows and macOS — because only the
window manager knows its panels and title bar. For a window manager that does not
maximise (or none at all) the window is first sized to the work area itself: the
desktop's `_NET_WORKAREA` (the screen less its panels, as every EWMH window manager
publishes it on the root window; read with `xprop`, which X11 desktops ship), or the
whole screen, less room for a title bar and borders. Tk alone cannot tell: its
`wm maxsize` and `winfo_vrootheight` give the screen, panels included.

The minimum size still fits a 1024×700 screen with a title bar and a panel; every page
is laid out and tested down to it (tests/gui/test_layout_sizes.py).
"""

from __future__ import annotations

import logging
import re
import subprocess
import tkinter as tk

log = logging.getLogger(__name__)

MIN_SIZE = (1000, 600)
DECORATION = (8, 36)  # what borders and a title bar take, when nobody says
ROOM_FOR_PANELS = 200  # pixels panels and a title bar take at most, on any side
Area = tuple[int, int, int, int]  # x, y, width, height


def parse_work_area(text: str) -> Area | None:
    """The current desktop's work area from what `xprop -root _NET_WORKAREA
    _NET_CURRENT_DESKTOP` prints (four numbers a desktop); None if it is not there."""
    found = re.search(r"_NET_WORKAREA\S*\s*=\s*([\d,\s]+)", text)
    if found is None:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", found.group(1))]
    current = re.search(r"_NET_CURRENT_DESKTOP\S*\s*=\s*(\d+)", text)
    desktop = int(current.group(1)) if current else 0
    if len(numbers) < 4 * (desktop + 1):
        desktop = 0
    if len(numbers) < 4:
        return None
    x, y, width, height = numbers[4 * desktop : 4 * desktop + 4]
    return (x, y, width, height) if width > 0 and height > 0 else None


def work_area(root: tk.Misc) -> Area:
    """The part of the screen a window may use (the whole screen when unknown)."""
    screen = (0, 0, root.winfo_screenwidth(), root.winfo_screenheight())
    if root.tk.call("tk", "windowingsystem") != "x11":
        return screen
    try:
        shown = subprocess.run(
            ["xprop", "-root", "-notype", "_NET_WORKAREA", "_NET_CURRENT_DESKTOP"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log.info("no work area from xprop (%s): using the whole screen", error)
        return screen
    return parse_work_area(shown.stdout) or screen


def window_geometry(area: Area) -> str:
    """A normal (not maximised) window that fills `area` with its frame around it."""
    x, y, width, height = area
    inner_width = max(min(MIN_SIZE[0], width), width - DECORATION[0])
    inner_height = max(min(MIN_SIZE[1], height), height - DECORATION[1])
    return f"{inner_width}x{inner_height}+{x}+{y}"


def fit_to_screen(root: tk.Misc, size: tuple[int, int]) -> tuple[int, int]:
    """`size`, made smaller where the work area (less a title bar) is smaller."""
    screen = (root.winfo_screenwidth(), root.winfo_screenheight())
    if all(wanted + ROOM_FOR_PANELS <= whole for wanted, whole in zip(size, screen, strict=True)):
        return size  # fits whatever the panels take: no need to ask (start-up time)
    _x, _y, width, height = work_area(root)
    return min(size[0], width - DECORATION[0]), min(size[1], height - DECORATION[1])


def maximise(root: tk.Tk) -> None:
    """Fill the work area, then ask the window manager to maximise the window."""
    area = work_area(root)
    root.minsize(min(MIN_SIZE[0], area[2]), min(MIN_SIZE[1], area[3]))
    root.geometry(window_geometry(area))
    _zoom(root, True)


def restore(root: tk.Tk) -> None:
    """Back to a normal window (the login page after a logout is small)."""
    _zoom(root, False)


def _zoom(root: tk.Tk, zoomed: bool) -> None:
    try:
        if root.tk.call("tk", "windowingsystem") == "x11":
            root.attributes("-zoomed", zoomed)
        elif zoomed or root.state() == "zoomed":
            root.state("zoomed" if zoomed else "normal")
    except tk.TclError as error:  # a window manager or Tk without that state
        log.info("cannot change the zoomed state: %s", error)
