"""What every view is given: the application context, the view registry and the runner.

Below the views (they import it; it imports no view), so the shell in `desktop/app.py`
can build the views without an import circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desktop.services.session import Role

if TYPE_CHECKING:
    import tkinter as tk

    from desktop.models.db import Checkpointer
    from desktop.services.backups import AutomaticBackups
    from desktop.services.progress import Progress
    from desktop.services.session import Session
    from desktop.services.settings import AppSettings

ViewFactory = Callable[["tk.Misc", "AppContext"], "tk.Widget"]

Work = Callable[["Progress"], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    """Runs long work off the Tk thread (`desktop/views/background.py` has the two kinds)."""

    def run(
        self,
        parent: tk.Misc,
        title: str,
        work: Work,
        on_done: Done,
        on_error: Failed,
        *,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None: ...


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
    # SQLite files: the day's first backup at start-up, one on closing after changes.
    automatic_backups: AutomaticBackups | None = None
    # The shop an admin last chose on a shop page (views/shop/common.py); "" for none.
    current_shop: str = ""
