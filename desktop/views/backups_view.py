"""The «پشتیبان‌گیری» page (admin): when the last backup was taken, "back up now" to a
folder or USB stick, the automatic backups beside the database, and restoring one.

Every action calls services/backups.py; writing and restoring run on the app's runner
(progress, Cancel for a backup). A restore ends at the login: the users, roles and
everything else are the backup's. The file dialogs are module-level hooks (or
parameters), so tests never open one.
"""

from __future__ import annotations

import datetime as dt
import logging
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import backups
from desktop.services.progress import Progress
from desktop.strings.backup_views import BackupsPage as Text
from desktop.text.digits import format_number, group_thousands, persian_digits
from desktop.text.jalali import format_jalali_datetime
from desktop.views.widgets import file_dialog
from desktop.views.widgets.dialogs import ask_yes_no
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.path_field import PathLabel
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

log = logging.getLogger(__name__)

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path
ask_open_path: Callable[..., Any] = file_dialog.ask_open_path
confirm_restore: Callable[[tk.Misc, str], bool] = ask_yes_no

FILE_TYPES = [(Text.FILETYPE, f"*{backups.SUFFIX}")]
COLUMNS = [
    Column("taken_at", Text.COLUMN_TAKEN, 150),
    Column("kind", Text.COLUMN_KIND, 130),
    Column("size", Text.COLUMN_SIZE, 110),
    Column("name", Text.COLUMN_NAME, 380, kind="identifier", main=True),
]


def when(taken_at: dt.datetime) -> str:
    """A backup's local time as the app shows times: «۱۴۰۵/۰۹/۱۳ ۱۸:۴۵»."""
    return format_jalali_datetime(taken_at.astimezone())


def age(taken_at: dt.datetime, today: dt.date) -> str:
    days = (today - taken_at.date()).days
    return Text.TODAY if days <= 0 else Text.DAYS_AGO.format(days=persian_digits(days))


def megabytes(size: int) -> str:
    return Text.MEGABYTES.format(size=format_number(round(size / 1_048_576, 1)))


class BackupsView(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        *,
        ask_save: Callable[..., Any] | None = None,
        ask_open: Callable[..., Any] | None = None,
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.ask_save = ask_save or ask_save_path
        self.ask_open = ask_open or ask_open_path
        page_heading(self, Text.TITLE, Text.INTRO)
        try:
            self.source: Path | None = backups.database_path()
        except UserError:
            self.source = None
        self.last_line = RLabel(self, text="", wraplength=640)
        self.last_line.pack(fill="x", pady=(8, 0))
        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(10, 0))
        self.backup_button = RButton(
            actions, text=Text.BACK_UP_NOW, bootstyle="primary", command=self.back_up_now
        )
        self.backup_button.pack(side="right")
        self.restore_file_button = RButton(
            actions, text=Text.RESTORE_FILE, bootstyle="secondary", command=self.restore_file
        )
        self.restore_file_button.pack(side="right", padx=(8, 0))
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(8, 0))
        self.path_label = PathLabel(self, width=60)
        self.path_label.pack(fill="x")

        RLabel(self, text=Text.FOLDER, font="-weight bold").pack(fill="x", pady=(14, 0))
        self.folder_label = PathLabel(self, width=60)
        self.folder_label.pack(fill="x")
        RLabel(self, text=Text.KEEPS, bootstyle="secondary", wraplength=640).pack(fill="x")
        self.table_source = ListSource([c.key for c in COLUMNS], [])
        self.table = PagedTable(self, COLUMNS, self.table_source, height=7, empty_text=Text.EMPTY)
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        self.restore_chosen_button = RButton(
            self, text=Text.RESTORE_CHOSEN, bootstyle="secondary", command=self.restore_chosen
        )
        self.restore_chosen_button.pack(anchor="e", pady=(6, 0))
        if self.source is None:  # PostgreSQL: pg_dump's, not the app's
            self._say(Text.POSTGRES, "info")
            for button in (
                self.backup_button,
                self.restore_file_button,
                self.restore_chosen_button,
            ):
                button.configure(state="disabled")
        self.refresh()

    # -- what the page shows ---------------------------------------------------------------

    def refresh(self, today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        last = backups.last_backup_at()
        if last is None:
            self.last_line.configure(bootstyle="warning")
            self.last_line.set_text(Text.LAST_NONE)
        else:
            stale = (today - last.date()).days > backups.STALE_DAYS
            text = Text.LAST.format(when=when(last), age=age(last, today))
            if stale:
                text += "\n" + Text.STALE.format(days=persian_digits(backups.STALE_DAYS))
            self.last_line.configure(bootstyle="warning" if stale else "default")
            self.last_line.set_text(text)
        if self.source is None:
            return
        self.folder_label.set_path(backups.automatic_folder(self.source))
        self.listed = {str(info.path): info for info in backups.automatic_backups(self.source)}
        self.table_source.rows = [
            (key, (when(info.taken_at), Text.KINDS.get(info.kind, info.kind),
                   megabytes(info.size), info.path.name))
            for key, info in self.listed.items()
        ]  # fmt: skip
        self.table.refresh()

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    # -- backing up ------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """Ask where (the folder of the chosen name), then write a checked backup."""
        self.message.clear()
        self.path_label.set_path("")
        chosen = self.ask_save(
            parent=self,
            title=Text.SAVE_TITLE,
            initialfile=f"tavana-{self.session.center_code}-{dt.datetime.now():%Y%m%d-%H%M%S}"
            f"-manual{backups.SUFFIX}",
            defaultextension=backups.SUFFIX,
            filetypes=FILE_TYPES,
        )
        if not chosen:
            return
        folder, session = Path(chosen).parent, self.session

        def work(progress: Progress) -> backups.BackupInfo:
            def step(done: int, total: int) -> None:
                progress.step(done, total, Text.WRITING_STEP)

            return backups.back_up_now(session, folder, progress=step)

        self.context.runner.run(
            self, Text.WRITING, work, self._written, self._failed, on_cancelled=self._cancelled
        )

    def _written(self, info: backups.BackupInfo) -> None:
        if not self.winfo_exists():
            return
        self._say(
            Text.WRITTEN.format(
                applicants=group_thousands(info.applicants), size=megabytes(info.size)
            )
        )
        self.path_label.set_path(info.path)
        self.refresh()

    def _cancelled(self) -> None:
        if self.winfo_exists():
            self._say(Text.CANCELLED, "warning")

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        if self.winfo_exists():
            self._say(error.message, "danger")

    # -- restoring -------------------------------------------------------------------------

    def restore_file(self) -> None:
        self.message.clear()
        chosen = self.ask_open(parent=self, title=Text.OPEN_TITLE, filetypes=FILE_TYPES)
        if chosen:
            self._restore(Path(chosen))

    def restore_chosen(self) -> None:
        self.message.clear()
        chosen = self.table.selected_id
        if chosen is None:
            self._say(Text.SELECT, "warning")
            return
        self._restore(Path(chosen))

    def _restore(self, path: Path) -> None:
        """Show what the backup holds and ask; then restore it and go to the login."""
        try:
            info = backups.inspect(path)
        except UserError as error:
            self._say(error.message, "danger")
            return
        question = Text.CONFIRM.format(
            center=info.center_code,
            when=when(info.taken_at),
            applicants=group_thousands(info.applicants),
            seq=persian_digits(info.last_seq),
        )
        if not confirm_restore(self, question):
            return
        session = self.session

        def work(progress: Progress) -> backups.Restored:
            def step(done: int, total: int) -> None:
                progress.step(done, total, Text.RESTORING_STEP)

            return backups.restore_file(session, path, progress=step)

        self.context.runner.run(self, Text.RESTORING, work, self._restored, self._failed)

    def _restored(self, restored: backups.Restored) -> None:
        from desktop.views.widgets.dialogs import show_info

        backups.reopen()  # on the Tk thread, whose connection the app uses
        message = Text.RESTORED.format(name=restored.safety.path.name)
        if restored.rewound is not None:
            message += "\n\n" + backups.rewound_message(restored.rewound)
        show_info(self, message, wait=self.context.modal_dialogs)
        self.context.session = None
        self.context.on_logout()
