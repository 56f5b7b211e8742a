"""The application shell: start-up, the application context, and the view registry.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.services.session import Role

if TYPE_CHECKING:
    import tkinter as tk

    import ttkbootstrap as ttk

    from desktop.models.db import Checkpointer
    from desktop.services.session import Session
    from desktop.services.settings import AppSettings
    from desktop.views.background import Runner

log = logging.getLogger(__name__)

ViewFactory = Callable[["tk.Misc", "AppContext"], "tk.Widget"]


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    roles: frozenset[Role]
    factory: ViewFactory
    group: str = ""


@dataclass
class ViewRegistry:
    views: list[ViewSpec] = field(default_factory=list)

    def add_view(
        self,
        key: str,
        title: str,
        factory: ViewFactory,
        *,
        roles: set[Role] | None = None,
        group: str = "",
    ) -> None:
        if any(v.key == key for v in self.views):
            raise ValueError(f"view {key!r} registered twice")
        self.views.append(ViewSpec(key, title, frozenset(roles or set(Role)), factory, group))

    def for_role(self, role: Role) -> list[ViewSpec]:
        return [v for v in self.views if role in v.roles]

    def get(self, key: str) -> ViewSpec:
        return next(v for v in self.views if v.key == key)


@dataclass
class AppContext:
    """What every view is given: no globals besides the peewee `db` proxy."""

    database: str
    settings: AppSettings
    registry: ViewRegistry
    runner: Runner
    log_path: Path
    session: Session | None = None
    font_problems: list[str] = field(default_factory=list)
    modal_dialogs: bool = True  # tests switch it off so no dialog waits (as idlelib does)
    on_logout: Callable[[], None] = lambda: None
    on_settings_changed: Callable[[AppSettings], None] = lambda _s: None
    # Open an applicant's file from any page (set by the main window).
    open_applicant: Callable[[str], None] = lambda _id: None
    checkpointer: Checkpointer | None = None  # SQLite files: checkpoints off the Tk thread


def error_reporter(
    parent: tk.Misc, log_path: Path, *, wait: bool = True
) -> Callable[[type[BaseException], BaseException, object], None]:
    """What Tk calls when a callback raised: log the traceback, show a Persian
    "unexpected error" dialog. UserErrors never get here: the views show those."""
    from desktop.strings import Errors
    from desktop.views.widgets.dialogs import show_error

    def report(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        log.error(
            "unexpected error in a Tk callback:\n%s",
            "".join(traceback.format_exception(exc_type, exc, tb)),
        )  # type: ignore[arg-type]
        try:
            show_error(
                parent,
                Errors.UNEXPECTED.format(log_path=log_path),
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

    from desktop.models.db import Checkpointer, open_database
    from desktop.services.settings import load_settings
    from desktop.strings import APP_NAME
    from desktop.views.background import ThreadRunner
    from desktop.views.registry import build_registry
    from desktop.views.widgets.catalog import install_persian_catalog
    from desktop.views.widgets.rtl import configure_display
    from desktop.views.widgets.windows import set_title

    database_handle = open_database(target)
    # Checkpoints off the Tk thread, so no save waits for one (see Checkpointer).
    checkpointer = Checkpointer.start_for(database_handle)
    settings = load_settings()
    ttk.set_global_family(FAMILY)
    root = ttk.App(
        title="توانا", theme=theme or settings.theme, size=(460, 520), minsize=(420, 460)
    )
    configure_display(settings.display_mode, root.tk.call("tk", "windowingsystem"))
    set_title(root, APP_NAME)  # logical: the window manager lays Persian out itself
    install_persian_catalog()
    root.report_callback_exception = error_reporter(root, log_path)  # type: ignore[method-assign]
    context = AppContext(
        database=target,
        settings=settings,
        registry=build_registry(),
        runner=ThreadRunner(),
        log_path=log_path,
        font_problems=check_font(root, font_problems),
        checkpointer=checkpointer,
    )
    from desktop.views.shell import Shell

    Shell(root, context).pack(fill="both", expand=True)
    return root, context


def run_app(database: str | None = None, *, theme: str | None = None) -> int:
    """Open the app; returns the process exit code."""
    started = time.perf_counter()
    sys.excepthook = lambda *exc: log.error("uncaught", exc_info=exc)  # type: ignore[assignment]
    root, context = build_app(database, theme=theme)
    root.after_idle(lambda: log.info("start-up to idle: %.3f s", time.perf_counter() - started))
    root.mainloop()
    from desktop.models.db import close_database, db

    if context.checkpointer is not None:
        context.checkpointer.stop(db)
    close_database()
    return 0
