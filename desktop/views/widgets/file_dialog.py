"""Open and save dialogs in Persian on every platform; the screens call only these.

- Windows and macOS: the system's own dialog (tkinter.filedialog), which speaks the
  user's language and lays Persian out by itself.
- X11: Tk's own dialog there is English and draws Persian names unjoined and reversed.
  So the desktop's chooser is used where one is installed — kdialog on KDE, else
  zenity (GTK), both told to speak Persian (LANGUAGE=fa) — and the app's own
  FileChooser where none is.

`TAVANA_FILE_DIALOG=builtin|zenity|kdialog|native` forces one (tests, support).
The functions take tkinter.filedialog's keywords and return the same thing: the chosen
path, or "" when the person cancels. Titles, file type labels and file names are
logical text: the window manager and the desktop's chooser lay them out themselves
(they go through `t()` only for Tk's own dialog, which Tk draws). A desktop chooser
runs as another process on a worker thread while the window stays drawn and takes no
input; if it fails to start, the app's own dialog opens instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import threading
import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from desktop.strings.file_dialog_views import FileDialogText as Text
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets.dialogs import ask_yes_no
from desktop.views.widgets.file_chooser import FileChooser
from desktop.views.widgets.folder_listing import FileTypes, Mode, file_types
from desktop.views.widgets.rtl import t
from desktop.views.widgets.windows import system_text

log = logging.getLogger(__name__)

Kind = Literal["builtin", "zenity", "kdialog", "native"]
ENV = "TAVANA_FILE_DIALOG"
POLL_MS = 50
CANCELLED = 1  # zenity's and kdialog's exit code for Cancel


def dialog_kind(
    windowing_system: str,
    requested: str | None = None,
    which: Callable[[str], str | None] = shutil.which,
    desktop: str | None = None,
) -> Kind:
    """Which dialog to open: the one `requested` (or named by TAVANA_FILE_DIALOG) when
    it can open, else the system's on Windows and macOS, the desktop's chooser on X11,
    and the app's own where there is none."""
    wanted = (requested if requested is not None else os.environ.get(ENV, "")).strip().lower()
    if wanted in ("builtin", "native"):
        return wanted  # type: ignore[return-value]
    if wanted in ("zenity", "kdialog") and which(wanted):
        return wanted  # type: ignore[return-value]
    if windowing_system in ("win32", "aqua"):
        return "native"
    if desktop is None:
        desktop = os.environ.get("XDG_CURRENT_DESKTOP", "")
    choosers: tuple[Kind, ...] = ("zenity", "kdialog")
    if "KDE" in desktop.upper():
        choosers = ("kdialog", "zenity")
    return next((kind for kind in choosers if which(kind)), "builtin")


@dataclass(frozen=True)
class Request:
    """What a screen asks for, in tkinter.filedialog's terms (logical text)."""

    mode: Mode
    title: str = ""
    filetypes: FileTypes = ()
    initialdir: str | Path | None = None
    initialfile: str = ""
    defaultextension: str = ""


def ask_open_path(
    *,
    parent: tk.Misc,
    title: str = "",
    filetypes: FileTypes = (),
    initialdir: str | Path | None = None,
) -> str:
    """The path of an existing file the person chose, or ""."""
    return _ask(parent, Request("open", title, filetypes, initialdir))


def ask_save_path(
    *,
    parent: tk.Misc,
    title: str = "",
    filetypes: FileTypes = (),
    initialfile: str = "",
    defaultextension: str = "",
    initialdir: str | Path | None = None,
) -> str:
    """The path to save under, or "". Replacing an existing file was confirmed."""
    return _ask(
        parent, Request("save", title, filetypes, initialdir, initialfile, defaultextension)
    )


def _ask(parent: tk.Misc, request: Request) -> str:
    default_title = Text.OPEN_TITLE if request.mode == "open" else Text.SAVE_TITLE
    request = replace(request, title=system_text(request.title or default_title))
    kind = dialog_kind(str(parent.tk.call("tk", "windowingsystem")))
    if kind == "native":
        return _native(parent, request)
    if kind in ("zenity", "kdialog"):
        chosen = _desktop_chooser(parent, kind, request)
        if chosen is not None:
            return chosen
    from desktop.config import data_dir

    dialog = FileChooser(
        parent,
        mode=request.mode,
        title=request.title,
        filetypes=request.filetypes,
        initialdir=request.initialdir,
        initialfile=request.initialfile,
        defaultextension=request.defaultextension,
        data_folder=data_dir(),
    )
    return dialog.result


def _desktop_chooser(
    parent: tk.Misc, kind: Literal["zenity", "kdialog"], request: Request
) -> str | None:
    """The path from zenity or kdialog, "" on Cancel, None when it failed."""
    start = Path(request.initialdir) if request.initialdir else FileChooser.last_folder
    argv = chooser_argv(
        kind,
        request.mode,
        request.title,
        request.filetypes,
        start or Path.home(),
        request.initialfile,
    )
    outcome = run_chooser(parent, argv)
    if outcome is None:
        return None
    chosen = _with_extension(request, outcome)
    if chosen and chosen != outcome and Path(chosen).exists():
        # The chooser confirmed the name without its extension, not this one.
        question = Text.OVERWRITE_ASK.format(name=ltr_in_rtl(Path(chosen).name))
        if not ask_yes_no(parent, question, Text.OVERWRITE_TITLE):
            return ""
    if chosen:
        FileChooser.last_folder = Path(chosen).parent
    return chosen


def chooser_argv(
    kind: Literal["zenity", "kdialog"],
    mode: Mode,
    title: str,
    filetypes: FileTypes,
    start: Path,
    initialfile: str = "",
) -> list[str]:
    """The command line of the desktop's chooser: logical text, as argv (no shell)."""
    types = file_types(filetypes, Text.FILETYPE_ALL)
    target = str(start / initialfile) if initialfile else f"{start}{os.sep}"
    if kind == "zenity":
        argv = ["zenity", "--file-selection", f"--title={title}", f"--filename={target}"]
        if mode == "save":
            argv += ["--save", "--confirm-overwrite"]
        for file_type in types:
            label = file_type.label.replace("|", " ")
            argv.append(f"--file-filter={label} | {' '.join(file_type.patterns)}")
        return argv
    action = "--getopenfilename" if mode == "open" else "--getsavefilename"
    filters = "\n".join(f"{' '.join(k.patterns)}|{k.label.replace('|', ' ')}" for k in types)
    return ["kdialog", "--title", title, action, target, filters]


def chooser_environment() -> dict[str, str]:
    """The environment for the chooser: Persian first, whatever the desktop speaks."""
    env = dict(os.environ)
    env["LANGUAGE"] = ":".join(part for part in ("fa", env.get("LANGUAGE", "")) if part)
    return env


def run_chooser(parent: tk.Misc, argv: list[str]) -> str | None:
    """Run the desktop's chooser on a worker thread; the path chosen, "" on Cancel, None
    when it failed (not started, crashed): the caller then opens the app's own."""
    outcome: list[tuple[int, str]] = []

    def work() -> None:
        try:
            done = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="surrogateescape",  # a file name that is not UTF-8 stays usable
                env=chooser_environment(),
                check=False,
            )
        except OSError as error:
            log.warning("could not start %s: %s", argv[0], error)
            outcome.append((-1, ""))
            return
        outcome.append((done.returncode, done.stdout))

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    _wait_for(parent, worker)
    code, printed = outcome[0] if outcome else (-1, "")
    if code == 0 and printed.strip("\n"):
        return printed.rstrip("\n").split("\n")[0]
    if code == CANCELLED:
        return ""
    log.warning("%s ended with exit code %s; using the app's own dialog", argv[0], code)
    return None


def _wait_for(parent: tk.Misc, worker: threading.Thread) -> None:
    """Keep the window drawn but deaf until `worker` ends: the pointer grabbed and the
    keyboard focused on a 1-pixel frame with no bindings (not even Tab), a busy cursor."""
    top = parent.winfo_toplevel()
    finished = tk.BooleanVar(top, value=False)
    blocker = tk.Frame(top, width=1, height=1)
    blocker.bindtags((str(blocker),))
    blocker.place(x=0, y=0)
    focus: tk.Misc | None = None
    with contextlib.suppress(KeyError):  # KeyError: the focus is in a drop-down list
        focus = top.focus_get()
    old_cursor = top.cget("cursor")
    top.configure(cursor="watch")
    after_id = ""

    def poll() -> None:
        nonlocal after_id
        if worker.is_alive():
            after_id = top.after(POLL_MS, poll)
        else:
            finished.set(True)

    try:
        top.update_idletasks()
        blocker.focus_set()
        with contextlib.suppress(tk.TclError):  # a window not viewable needs no blocking
            blocker.grab_set()
        poll()
        top.wait_variable(finished)
    finally:
        if after_id:
            top.after_cancel(after_id)
        blocker.grab_release()
        blocker.destroy()
        top.configure(cursor=old_cursor)
        if focus is not None and focus.winfo_exists():
            focus.focus_set()


def _with_extension(request: Request, chosen: str) -> str:
    """A saved name without an extension gets the default one (else the first type's),
    as Tk's own dialog does."""
    if request.mode != "save" or not chosen or Path(chosen).suffix:
        return chosen
    default = request.defaultextension
    first = file_types(request.filetypes)[0].extension
    return chosen + (f".{default.lstrip('.')}" if default else first)


def _native(parent: tk.Misc, request: Request) -> str:
    """tkinter.filedialog: type labels through t() (Tk draws them on X11, the system on
    Windows and macOS, where t() leaves them as they are); the title logical."""
    from tkinter import filedialog

    options: dict[str, object] = {"parent": parent, "title": request.title}
    if request.filetypes:
        options["filetypes"] = [(t(label), patterns) for label, patterns in request.filetypes]
    if request.initialdir:
        options["initialdir"] = str(request.initialdir)
    if request.mode == "open":
        return str(filedialog.askopenfilename(**options) or "")  # type: ignore[arg-type]
    return str(
        filedialog.asksaveasfilename(
            initialfile=request.initialfile,
            defaultextension=request.defaultextension,
            **options,  # type: ignore[arg-type]
        )
        or ""
    )
