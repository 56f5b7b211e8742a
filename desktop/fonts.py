"""Make the fonts shipped in assets/fonts visible to this process (no tkinter here).

Tk finds fonts through the platform's font system, which does not know about files
inside the application folder. Each platform has a process-scoped registration call:
fontconfig's FcConfigAppFontAddFile on Linux/BSD, AddFontResourceExW(FR_PRIVATE) on
Windows, CTFontManagerRegisterFontsForURL on macOS. Registration failing is logged and
reported back — the views check Font.actual() and say so; nothing falls back silently.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FAMILY = "Vazirmatn"
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf")


def font_path(name: str = "Vazirmatn-Regular.ttf") -> Path:
    return FONT_DIR / name


def register_app_fonts() -> list[str]:
    """Register the shipped fonts with the OS for this process. Returns problems found."""
    problems: list[str] = []
    for name in FONT_FILES:
        path = font_path(name)
        if not path.is_file():
            problems.append(f"missing font file {path}")
            continue
        try:
            ok = _register(path)
        except OSError as exc:  # library not found, symbol missing
            ok = False
            problems.append(f"{name}: {exc}")
        if not ok:
            problems.append(f"could not register {path}")
    for problem in problems:
        log.error("font registration: %s", problem)
    return problems


def _register(path: Path) -> bool:
    if sys.platform.startswith("win"):
        fr_private = 0x10
        gdi32 = ctypes.WinDLL("gdi32")  # type: ignore[attr-defined]
        return bool(gdi32.AddFontResourceExW(str(path), fr_private, 0))
    if sys.platform == "darwin":
        return _register_coretext(path)
    library = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    fontconfig = ctypes.CDLL(library)
    fontconfig.FcConfigAppFontAddFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    fontconfig.FcConfigAppFontAddFile.restype = ctypes.c_int
    return bool(fontconfig.FcConfigAppFontAddFile(None, str(path).encode()))


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
