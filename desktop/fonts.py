"""Make the fonts shipped in assets/fonts visible to this process (no tkinter here).

Tk finds fonts through the platform's font system, which does not know about files
inside the application folder. Each platform has a process-scoped registration call:
fontconfig's FcConfigAppFontAddFile on Linux/BSD, AddFontResourceExW(FR_PRIVATE) on
Windows, CTFontManagerRegisterFontsForURL on macOS. Registration failing is logged and
reported back — the views check Font.actual() and say so; nothing falls back silently.

The files are found beside the `desktop` package (a source tree, an editable install)
or, in a PyInstaller build, in the folder the bootloader names `sys._MEIPASS` (the
`_internal` folder beside tavana.exe), where packaging/tavana.spec puts assets/fonts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FAMILY = "Vazirmatn"
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf")
FR_PRIVATE = 0x10  # AddFontResourceExW: only this process sees the font, gone at its exit


def app_root() -> Path:
    """The folder that holds assets/: the bundle's when frozen, else the source tree's."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def font_dir() -> Path:
    return app_root() / "assets" / "fonts"


def font_path(name: str = "Vazirmatn-Regular.ttf") -> Path:
    return font_dir() / name


def register_app_fonts(platform: str = sys.platform) -> list[str]:
    """Register the shipped fonts with the OS for this process. Returns problems found.

    `platform` is sys.platform's value, which decides the call (a test passes another)."""
    problems: list[str] = []
    for name in FONT_FILES:
        path = font_path(name)
        if not path.is_file():
            problems.append(f"missing font file {path}")
            continue
        try:
            ok = _register(path, platform)
        except OSError as exc:  # library not found, symbol missing
            ok = False
            problems.append(f"{name}: {exc}")
        if not ok:
            problems.append(f"could not register {path}")
    for problem in problems:
        log.error("font registration: %s", problem)
    return problems


def _register(path: Path, platform: str) -> bool:
    if platform.startswith("win"):
        return _register_gdi(path, _gdi32())
    if platform == "darwin":
        return _register_coretext(path)
    library = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    fontconfig = ctypes.CDLL(library)
    fontconfig.FcConfigAppFontAddFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    fontconfig.FcConfigAppFontAddFile.restype = ctypes.c_int
    return bool(fontconfig.FcConfigAppFontAddFile(None, str(path).encode()))


def _gdi32() -> Any:
    return ctypes.WinDLL("gdi32")  # type: ignore[attr-defined]


def _register_gdi(path: Path, gdi32: Any) -> bool:
    """AddFontResourceExW(path, FR_PRIVATE, 0): the number of fonts added, 0 on failure."""
    add_font = gdi32.AddFontResourceExW
    add_font.argtypes = [ctypes.c_wchar_p, ctypes.c_uint32, ctypes.c_void_p]
    add_font.restype = ctypes.c_int
    return bool(add_font(str(path), FR_PRIVATE, None))


def _register_coretext(path: Path) -> bool:
    cf = ctypes.CDLL("/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation")
    ct = ctypes.CDLL("/System/Library/Frameworks/CoreText.framework/CoreText")
    cf.CFURLCreateFromFileSystemRepresentation.restype = ctypes.c_void_p
    cf.CFURLCreateFromFileSystemRepresentation.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_long,
        ctypes.c_bool,
    ]
    ct.CTFontManagerRegisterFontsForURL.restype = ctypes.c_bool
    ct.CTFontManagerRegisterFontsForURL.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_void_p,
    ]
    raw = str(path).encode()
    url = cf.CFURLCreateFromFileSystemRepresentation(None, raw, len(raw), False)
    process_scope = 1
    return bool(ct.CTFontManagerRegisterFontsForURL(url, process_scope, None))
