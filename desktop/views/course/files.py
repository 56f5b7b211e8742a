"""Saving and opening PDFs from the course screens, and showing where they went.

Both the course page (batch print, reprint) and the certificates page (reprint) ask
for a path with the system's save dialog, write through a service off the Tk thread,
then hand the file to the system's PDF viewer. Opening may fail where there is no
viewer (no `xdg-open`): the file was still written, so `open_file` reports the failure
as False instead of raising into Tk, and the caller says so in Persian.

A file path is read left to right, and inside a Persian sentence the bidi algorithm
would move its slashes and folders about. So a path is never put into a sentence: a
`PathLabel` (widgets/path_field.py) shows it on its own line, left to right, each
folder and file name laid out by itself (a Persian name stays joined and readable).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tkinter as tk
from collections.abc import Callable
from pathlib import Path

from desktop.strings.course_views import Certs
from desktop.views.widgets.file_dialog import ask_save_path

log = logging.getLogger(__name__)

AskPath = Callable[[tk.Misc, str], str]
Opener = Callable[[Path], None]


def ask_pdf_path(parent: tk.Misc, initial: str, title: str = Certs.SAVE_TITLE) -> str:
    """The save dialog for a PDF; "" when the user cancels."""
    return ask_save_path(
        parent=parent,
        title=title,
        initialfile=initial,
        defaultextension=".pdf",
        filetypes=[("PDF", "*.pdf")],
    )


def open_with_system(
    path: Path,
    platform: str = sys.platform,
    startfile: Callable[[str], object] | None = None,
    popen: Callable[..., object] = subprocess.Popen,
) -> None:
    """Open a file with the system's viewer, without waiting for it. Raises OSError
    when there is none (no `xdg-open` on a bare Linux; no program for .pdf on Windows).

    `platform` is sys.platform's value; `startfile` (os.startfile, Windows only) and
    `popen` are the system's unless a test passes its own."""
    if platform.startswith("win"):
        (startfile or os.startfile)(str(path))  # type: ignore[attr-defined]
    else:
        opener = "open" if platform == "darwin" else "xdg-open"
        popen([opener, str(path)], start_new_session=True)


def open_file(opener: Opener, path: Path) -> bool:
    """Hand `path` to `opener`; False (logged) when the system could not open it."""
    try:
        opener(path)
    except OSError:
        log.warning("could not open %s", path, exc_info=True)
        return False
    return True


def write_failure(error: BaseException, path: Path, save_failed: str) -> str:
    """The Persian message for a PDF that could not be written: a UserError's own, or
    `save_failed` for the file system's refusal (logged). Anything else is a bug and is
    raised again, for the app's error reporter."""
    from desktop.errors import UserError

    if isinstance(error, UserError):
        return error.message
    if isinstance(error, OSError):
        log.warning("could not write %s", path, exc_info=error)
        return save_failed
    raise error
