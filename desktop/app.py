"""The application shell: start-up, the Tk error dialog, the font check.

A thin shell (after Thonny's registry, without its 3,000-line main window): it opens
the database, registers the fonts, then shows set-up (first run), login, and the main
window in turn. Features live in their own view modules and register themselves in
`desktop/views/registry.py`.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from desktop.context import AppContext

if TYPE_CHECKING:
    import tkinter as tk

    import ttkbootstrap as ttk

log = logging.getLogger(__name__)


def error_reporter(
    parent: tk.Misc, log_path: Path, *, wait: bool = True
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """What Tk calls when a callback raised: log the traceback, show a Persian
    "unexpected error" dialog. UserErrors never get here: the views show those — but
    a database error that escaped translation (read-only, disk full…) is still shown
    as what it is, in the database's own Persian message."""
    from desktop.models.db import problem_of
    from desktop.strings import Errors
    from desktop.views.widgets.dialogs import show_error

    def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error(
            "unexpected error in a Tk callback:\n%s",
            "".join(traceback.format_exception(exc_type, exc, tb)),
        )
        problem = problem_of(exc)
        try:
            show_error(
                parent,
                problem.message if problem else Errors.UNEXPECTED.format(log_path=log_path),
                Errors.UNEXPECTED_TITLE,
                wait=wait,
            )
        except Exception:  # the dialog itself failed: the log has it; never loop
            log.exception("could not show the error dialog")

    return report


def check_font(root: tk.Misc, problems: list[str]) -> list[str]:
    """Tk silently falls back to another family; ask what it actually uses."""
    from tkinter import font

    from desktop.fonts import FAMILY

    actual = font.nametofont("TkDefaultFont", root=root).actual("family")
    if actual != FAMILY:
        message = f"Tk uses font {actual!r} instead of {FAMILY!r}"
        log.error(message)
        return [*problems, message]
    return problems


def build_app(
    database: str | None = None, *, theme: str | None = None
) -> tuple[ttk.App, AppContext]:
    """Register fonts, open the database and build the root window with its shell.

    Returns the ttkbootstrap root and the app context; `run_app` enters the main loop,
    `scripts/screenshots.py` drives the same window step by step.
    """
    from desktop.config import default_database, setup_logging

    log_path = setup_logging()
    target = database or default_database()

    from desktop.fonts import FAMILY, register_app_fonts

    font_problems = register_app_fonts()
    import ttkbootstrap as ttk

    from desktop.models.db import Checkpointer, ImmediateSqliteDatabase
    from desktop.models.opening import open_database
    from desktop.services.backups import AutomaticBackups
    from desktop.services.settings import load_settings
    from desktop.strings import APP_NAME
    from desktop.views.background import ThreadRunner
    from desktop.views.lock_wait import LockWaitNotice
    from desktop.views.registry import build_registry
    from desktop.views.screen import read_work_area_soon
    from desktop.views.widgets.catalog import install_persian_catalog
    from desktop.views.widgets.rtl import configure_display
    from desktop.views.widgets.windows import set_title

    database_handle = open_database(target)
    # Checkpoints off the Tk thread, so no save waits for one (see Checkpointer).
    checkpointer = Checkpointer.start_for(database_handle)
    automatic_backups = AutomaticBackups.start_for(database_handle)
    settings = load_settings()
    ttk.set_global_family(FAMILY)
    root = ttk.App(
        title=APP_NAME, theme=theme or settings.theme, size=(460, 520), minsize=(420, 460)
    )
    configure_display(settings.display_mode, root.tk.call("tk", "windowingsystem"))
    set_title(root, APP_NAME)  # logical: the window manager lays Persian out itself
    install_persian_catalog()
    root.report_callback_exception = error_reporter(root, log_path)
    read_work_area_soon(root)  # beside the rest of start-up, for the login's placement
    if isinstance(database_handle, ImmediateSqliteDatabase):
        # A save that waits for another program's write lock says so on the window.
        database_handle.on_lock_wait = LockWaitNotice(root)
    context = AppContext(
        database=target,
        settings=settings,
        registry=build_registry(),
        runner=ThreadRunner(),
        log_path=log_path,
        font_problems=check_font(root, font_problems),
        checkpointer=checkpointer,
        automatic_backups=automatic_backups,
    )
    from desktop.views.shell import Shell

    Shell(root, context).pack(fill="both", expand=True)
    return root, context


def run_app(database: str | None = None, *, theme: str | None = None) -> int:
    """Open the app; returns the process exit code.

    Before the window, the desk's checks (services/desk.py): a database on a network
    share is refused, a second copy of the app on the same database is told who has it
    open, a database found damaged (now, or by the last run's check) offers its backups.
    While people work, the whole file is checked on a thread; a damaged one ends the
    session with the way out, and the next start shows it."""
    from desktop.config import default_database
    from desktop.errors import UserError
    from desktop.models.db import DatabaseProblem, close_database, db
    from desktop.services import desk
    from desktop.strings.desk import DeskMessages
    from desktop.text.display import ltr_in_rtl

    started = time.perf_counter()
    sys.excepthook = lambda *exc: log.error("uncaught", exc_info=exc)
    target = database or default_database()
    lock = None
    if desk.is_sqlite_path(target):
        try:
            desk.refuse_network_share(target)
            lock = desk.DeskLock.take(target)
        except UserError as refused:
            log.warning("not opened: %s", refused.code)
            show_desk_problem(target, refused.message, theme=theme)
            return 1
    try:
        while True:
            noted = desk.noted_damage(target) if lock is not None else None
            if noted is not None:
                problem = desk.in_one_line(noted)
                message = DeskMessages.DAMAGED.format(target=ltr_in_rtl(target), problem=problem)
                if show_desk_problem(target, message, damaged=True, theme=theme) != "restored":
                    return 1
                desk.clear_damage_note(target)
            try:
                root, context = build_app(target, theme=theme)
            except DatabaseProblem as problem:
                close_database()
                if lock is None or problem.reason not in ("damaged", "not_sqlite"):
                    show_desk_problem(target, problem.message, theme=theme)
                    return 1
                desk.note_damaged(target, problem.detail or problem.reason)
                continue
            check = desk.QuickCheck.start_for(target)
            if check is not None:
                _watch(root, check)
            root.after_idle(
                lambda: log.info("start-up to idle: %.3f s", time.perf_counter() - started)
            )
            root.mainloop()
            damaged = check is not None and check.result not in (None, "ok")
            if context.automatic_backups is not None and not damaged:
                context.automatic_backups.at_quit()
            if context.checkpointer is not None:
                context.checkpointer.stop(db.obj)  # the database behind the proxy
            close_database()
            if not damaged:
                return 0
    finally:
        if lock is not None:
            lock.release()


def _watch(root: tk.Tk, check: object) -> None:
    """Look at the quick check's result now and then; a damaged file is said at once
    and the session ends (`run_app` then offers the backups)."""
    from desktop.services.desk import QuickCheck, in_one_line
    from desktop.strings.desk import DeskMessages
    from desktop.views.widgets.dialogs import show_error

    assert isinstance(check, QuickCheck)

    def look() -> None:
        if check.result is None:
            root.after(500, look)
        elif check.result != "ok":
            log.error("the quick check found the database damaged: %s", check.result)
            found = in_one_line(check.result)
            show_error(root, DeskMessages.FOUND_DAMAGED.format(problem=found))
            root.after_idle(root.destroy)  # after the key or click that closed the dialog

    root.after(500, look)


def show_desk_problem(
    target: str, message: str, *, damaged: bool = False, theme: str | None = None
) -> str:
    """The start-up problem's own window (views/desk_problem.py), before the app's;
    "restored" when a backup was put back, else "closed"."""
    from desktop.fonts import FAMILY, register_app_fonts

    register_app_fonts()
    import ttkbootstrap as ttk

    from desktop.services.settings import AppSettings
    from desktop.strings import APP_NAME
    from desktop.views.desk_problem import CLOSED, DeskProblem
    from desktop.views.widgets.catalog import install_persian_catalog
    from desktop.views.widgets.rtl import configure_display
    from desktop.views.widgets.windows import set_title

    ttk.set_global_family(FAMILY)
    defaults = AppSettings()
    root = ttk.App(
        title=APP_NAME, theme=theme or defaults.theme, size=(720, 680 if damaged else 280)
    )
    configure_display(defaults.display_mode, root.tk.call("tk", "windowingsystem"))
    set_title(root, APP_NAME)
    install_persian_catalog()
    chosen = [CLOSED]

    def done(choice: str) -> None:
        chosen[0] = choice
        root.destroy()

    from desktop.views.screen import read_work_area_soon, show_small

    read_work_area_soon(root)
    DeskProblem(root, target, message, done, damaged=damaged).pack(fill="both", expand=True)
    show_small(root, (720, 680 if damaged else 280))
    root.protocol("WM_DELETE_WINDOW", lambda: done(CLOSED))
    root.mainloop()
    return chosen[0]
