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

Set-up and login are small windows, sized for their content and centred on the work
area (`show_small`). Coming back from the main window (log-out), the window is
withdrawn while it changes: a window manager applies the un-maximise asynchronously,
and an un-maximise that lands after the resize gave the login the main window's old
size (1000×600) at the top left; a window it maps anew it places where it is asked.
The main window's minimum size goes with it.
"""

from __future__ import annotations

import logging
import re
import subprocess
import tkinter as tk

log = logging.getLogger(__name__)

MIN_SIZE = (1000, 600)
SMALL_MIN_SIZE = (360, 300)  # set-up and login: smaller still, their page scrolls
DECORATION = (8, 36)  # what borders and a title bar take, when nobody says
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


_XPROP = ["xprop", "-root", "-notype", "_NET_WORKAREA", "_NET_CURRENT_DESKTOP"]


def read_work_area_soon(root: tk.Misc) -> None:
    """Start asking the desktop for its work area now, while the app is still being
    built: `xprop` costs a process, which then runs beside the rest of start-up
    instead of in front of the login window. `work_area` collects it."""
    if root.tk.call("tk", "windowingsystem") != "x11" or hasattr(root, "_work_area_query"):
        return
    try:
        query = subprocess.Popen(
            _XPROP, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
    except OSError as error:
        log.info("no work area from xprop (%s): using the whole screen", error)
        query = None
    root._work_area_query = query  # type: ignore[attr-defined]


def work_area(root: tk.Misc) -> Area:
    """The part of the screen a window may use (the whole screen when unknown).

    Read once per window (panels rarely move during a session; a moved one is seen at
    the next start), from the query `read_work_area_soon` started, or started now.
    """
    screen = (0, 0, root.winfo_screenwidth(), root.winfo_screenheight())
    known: Area | None = getattr(root, "_work_area", None)
    if known is not None:
        return known
    read_work_area_soon(root)
    query: subprocess.Popen[str] | None = getattr(root, "_work_area_query", None)
    area = screen
    if query is not None:
        try:
            shown, _ = query.communicate(timeout=2)
            area = parse_work_area(shown) or screen
        except subprocess.TimeoutExpired:
            query.kill()
            log.info("xprop gave no work area in time: using the whole screen")
    root._work_area = area  # type: ignore[attr-defined]
    return area


def window_geometry(area: Area) -> str:
    """A normal (not maximised) window that fills `area` with its frame around it."""
    x, y, width, height = area
    inner_width = max(min(MIN_SIZE[0], width), width - DECORATION[0])
    inner_height = max(min(MIN_SIZE[1], height), height - DECORATION[1])
    return f"{inner_width}x{inner_height}+{x}+{y}"


def centred_geometry(area: Area, size: tuple[int, int], decoration: tuple[int, int]) -> str:
    """The geometry of a window of `size` (inside its frame, which adds `decoration`)
    centred in `area`, frame included; Tk places the frame's corner at the position."""
    x, y, width, height = area
    left = x + max(0, (width - size[0] - decoration[0]) // 2)
    top = y + max(0, (height - size[1] - decoration[1]) // 2)
    return f"{size[0]}x{size[1]}+{left}+{top}"


def show_small(root: tk.Tk, size: tuple[int, int]) -> tuple[int, int]:
    """Show `root` as a small window of `size` (made smaller where the work area is),
    centred on the work area, no longer maximised nor held to the main window's
    minimum size. Returns the size given."""
    from desktop.views.widgets.windows import frame_edges

    area = work_area(root)
    side, title = frame_edges(root) if root.winfo_ismapped() else (0, 0)
    decoration = (2 * side, title + side) if title else DECORATION
    width = min(size[0], area[2] - decoration[0])
    height = min(size[1], area[3] - decoration[1])
    mapped = bool(root.winfo_ismapped())
    if mapped:  # see the module's docstring
        root.withdraw()
    _zoom(root, False)
    root.minsize(min(width, SMALL_MIN_SIZE[0]), min(height, SMALL_MIN_SIZE[1]))
    root.geometry(centred_geometry(area, (width, height), decoration))
    if mapped:
        root.deiconify()
    return width, height


def maximise(root: tk.Tk) -> None:
    """Fill the work area, then ask the window manager to maximise the window."""
    area = work_area(root)
    root.minsize(min(MIN_SIZE[0], area[2]), min(MIN_SIZE[1], area[3]))
    root.geometry(window_geometry(area))
    _zoom(root, True)


def _zoom(root: tk.Tk, zoomed: bool) -> None:
    try:
        if root.tk.call("tk", "windowingsystem") == "x11":
            root.attributes("-zoomed", zoomed)
        elif zoomed or root.state() == "zoomed":
            root.state("zoomed" if zoomed else "normal")
    except tk.TclError as error:  # a window manager or Tk without that state
        log.info("cannot change the zoomed state: %s", error)
