"""A Persian keymap for Xvfb, and typing by keysym.

Xvfb's default keymap has no Persian keysyms, so Tk reports Persian key events as
"??" with no character. `mapped` binds the characters the tests type to spare keycodes
(XChangeKeyboardMapping through ctypes, as xmodmap would); then both
`event_generate(keysym="U0633")` and `xdotool type` deliver real characters. The
`persian_keymap` fixture (tests/gui/conftest.py) maps PERSIAN_CHARS for a module.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import tkinter as tk
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from desktop.text.visual import ZWNJ
from tests.gui.conftest import pump

PERSIAN_CHARS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی۰۱۲۳۴۵۶۷۸۹" + ZWNJ
_ASCII_KEYSYMS = {" ": "space", "(": "parenleft", ")": "parenright", ",": "comma"}


def _x11():  # type: ignore[no-untyped-def]
    lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XStringToKeysym.restype = ctypes.c_ulong
    lib.XStringToKeysym.argtypes = [ctypes.c_char_p]
    lib.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
    lib.XGetKeyboardMapping.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ubyte,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_int),
    ]
    lib.XChangeKeyboardMapping.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.c_int,
    ]
    lib.XDisplayKeycodes.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return lib


def _keysym_name(ch: str) -> str:
    if ch.isascii() and ch.isalnum():
        return ch
    return _ASCII_KEYSYMS.get(ch, f"U{ord(ch):04X}")


@contextmanager
def mapped(root: tk.Misc, chars: str = PERSIAN_CHARS) -> Iterator[None]:
    """Give each of `chars` a keycode while the block runs (spare keycodes first, then
    the multimedia keys at the top of the map, restored after)."""
    x11 = _x11()
    dpy = x11.XOpenDisplay(None)
    low, high, per = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    x11.XDisplayKeycodes(dpy, ctypes.byref(low), ctypes.byref(high))
    count = high.value - low.value + 1
    table = x11.XGetKeyboardMapping(dpy, low.value, count, ctypes.byref(per))
    rows = [[table[i * per.value + j] for j in range(per.value)] for i in range(count)]
    x11.XFree(table)
    # Spare keycodes first, then the multimedia keys at the top of the map (restored).
    spare = [low.value + i for i, row in enumerate(rows) if not any(row)]
    spare += [
        code for code in range(max(high.value - 100, 150), high.value + 1) if code not in spare
    ]
    if len(spare) < len(chars):
        pytest.skip("not enough spare keycodes for a Persian keymap")
    used = list(zip(spare, chars, strict=False))
    for keycode, ch in used:
        keysyms = [0] * per.value
        keysyms[0] = x11.XStringToKeysym(f"U{ord(ch):04X}".encode())
        x11.XChangeKeyboardMapping(
            dpy, keycode, per.value, (ctypes.c_ulong * per.value)(*keysyms), 1
        )
    x11.XSync(dpy, 0)
    pump(root, 5)  # let Tk see the MappingNotify
    yield
    for keycode, _ in used:
        original = rows[keycode - low.value]
        x11.XChangeKeyboardMapping(
            dpy, keycode, per.value, (ctypes.c_ulong * per.value)(*original), 1
        )
    x11.XSync(dpy, 0)
    x11.XCloseDisplay(dpy)
    pump(root, 5)


def press(widget: tk.Misc, keysym: str, state: int = 0) -> None:
    widget.event_generate("<KeyPress>", keysym=keysym, state=state)
    pump(widget, 1)


def type_text(widget: tk.Misc, text: str) -> None:
    for ch in text:
        press(widget, _keysym_name(ch))
