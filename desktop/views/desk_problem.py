"""The window a desk sees when its database cannot be used (services/desk.py): why,
and for a damaged file the way back — a backup, restored by one of its administrators.

It stands before the app's own window (desktop/app.py `run_app`): nobody can log in
to a damaged database, so the backup's own users say who may put it back.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services import backups
from desktop.services.progress import Progress
from desktop.strings.desk import DeskMessages
from desktop.strings.desk_views import DeskPage as Text
from desktop.text.display import ltr_in_rtl
from desktop.views.background import ThreadRunner
from desktop.views.backups_view import FILE_TYPES, megabytes, when
from desktop.views.widgets import file_dialog
from desktop.views.widgets.form import PasswordEntry
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

ask_open_path: Callable[..., Any] = file_dialog.ask_open_path

CLOSED, RESTORED = "closed", "restored"
COLUMNS = [  # the backups page's, narrower: the window is small
    Column("taken_at", Text.COLUMN_TAKEN, 140),
    Column("kind", Text.COLUMN_KIND, 120),
    Column("size", Text.COLUMN_SIZE, 100),
    Column("name", Text.COLUMN_NAME, 300, kind="identifier", main=True),
]


class DeskProblem(ttk.Frame):
    """Why the database cannot be used; `damaged` adds the backups and the restore.
    `on_done(CLOSED | RESTORED)` when the person is done with it."""

    def __init__(
        self,
        master: tk.Misc,
        target: str,
        message: str,
        on_done: Callable[[str], None],
        *,
        damaged: bool = False,
        runner: Any = None,
        ask_open: Callable[..., Any] | None = None,
    ):
        super().__init__(master, padding=20)
        self.target, self.on_done = target, on_done
        self.runner = runner or ThreadRunner()
        self.ask_open = ask_open or ask_open_path
        page_heading(self, Text.TITLE_DAMAGED if damaged else Text.TITLE, "")
        RLabel(self, text=message, wraplength=620).pack(fill="x", pady=(0, 8))
        if not damaged:
            self.close_button = RButton(
                self, text=Text.CLOSE, bootstyle="secondary", command=lambda: on_done(CLOSED)
            )
            self.close_button.pack(anchor="e", pady=(10, 0))
            self.close_button.focus_set()
            return
        RLabel(self, text=Text.BACKUPS, font="-weight bold").pack(fill="x", pady=(6, 0))
        self.listed = {
            str(info.path): info for info in backups.automatic_backups(Path(target))
        }  # newest first: the first is offered
        self.source = ListSource([c.key for c in COLUMNS], [])
        self.table = PagedTable(self, COLUMNS, self.source, height=4, empty_text=Text.NO_BACKUPS)
        self.table.pack(fill="x", pady=(4, 0))  # the room left goes to the message
        RButton(self, text=Text.OTHER_FILE, bootstyle="secondary", command=self.choose_file).pack(
            anchor="e", pady=(6, 0)
        )
        RLabel(self, text=Text.WHO, wraplength=620).pack(fill="x", pady=(10, 4))
        form = ttk.Frame(self)
        form.pack(fill="x")
        self.username = IdentifierEntry(
            form, allowed="latin", case="lower", max_length=32, width=24
        )  # as the login's
        self.password = PasswordEntry(form, width=24)
        for row, (label, entry) in enumerate(
            ((Text.USERNAME, self.username), (Text.PASSWORD, self.password))
        ):
            RLabel(form, text=label).grid(row=row, column=1, sticky="e", padx=(8, 0), pady=2)
            entry.grid(row=row, column=0, sticky="e", pady=2)
        form.columnconfigure(0, weight=1)
        self.password.bind("<Return>", lambda _e: self.restore())
        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(10, 0))
        self.restore_button = RButton(
            actions, text=Text.RESTORE, bootstyle="primary", command=self.restore
        )
        self.restore_button.pack(side="right")
        self.open_button = RButton(
            actions, text=Text.OPEN_APP, bootstyle="primary", command=lambda: on_done(RESTORED)
        )  # shown once a backup is back
        self.close_button = RButton(
            actions, text=Text.CLOSE, bootstyle="secondary", command=lambda: on_done(CLOSED)
        )
        self.close_button.pack(side="right", padx=(0, 8))
        self.message = MessageLine(self, scope=self, wraplength=620)
        self.message.pack(fill="x", pady=(8, 0))
        self._fill()
        self.username.focus_set()

    def _fill(self) -> None:
        self.source.rows = [
            (key, (when(info.taken_at), Text.KINDS.get(info.kind, info.kind),
                   megabytes(info.size), info.path.name))
            for key, info in self.listed.items()
        ]  # fmt: skip
        self.table.refresh()
        if self.listed:
            self.table.select_index(0)  # the newest (or the file just chosen)

    def choose_file(self) -> None:
        chosen = self.ask_open(parent=self, title=Text.OPEN_TITLE, filetypes=FILE_TYPES)
        if not chosen:
            return
        try:
            info = backups.inspect(chosen, counted=False)
        except UserError as error:
            self._say(error.message, "danger")
            return
        self.listed = {str(info.path): info, **self.listed}
        self._fill()

    def restore(self) -> None:
        self.message.clear()
        chosen = self.table.selected_id
        if chosen is None:
            self._say(Text.CHOOSE_FIRST, "warning")
            return
        target, username, password = self.target, self.username.get(), self.password.get()

        def work(progress: Progress) -> Path:
            progress.step(0, 1, Text.RESTORING)
            return backups.replace_damaged(target, chosen, username, password)

        self.runner.run(self, Text.RESTORING, work, self._restored, self._failed)

    def _restored(self, kept: Path) -> None:
        if not self.winfo_exists():
            return
        self._say(DeskMessages.RESTORED.format(kept=ltr_in_rtl(kept)))
        self.restore_button.configure(state="disabled")
        self.restore_button.pack_forget()
        self.open_button.pack(side="right", before=self.close_button, padx=(0, 8))
        self.open_button.focus_set()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        if self.winfo_exists():
            self._say(error.message, "danger")
            if error.code == "not_an_admin":
                self.password.delete(0, "end")
                self.password.focus_set()

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)
