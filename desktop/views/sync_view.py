"""A center's «ارسال به ستاد» page (admin and clerk): where the center stands with HQ,
one button that writes a sync file to a folder or USB stick, one that reads HQ's
acknowledgement, and HQ's notices for the clerks.

Every action calls one service of services/center_sync.py and shows what it did or
the UserError it raised. Writing runs on the app's runner (progress, Cancel). The
file dialogs are module-level hooks (or parameters), so tests never open one.
"""

from __future__ import annotations

import logging
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import backups, center_sync
from desktop.services.progress import Progress
from desktop.services.sync_keys import headquarters
from desktop.strings.applicant_io_views import SAVE_FAILED
from desktop.strings.sync_views import SyncPage as Text
from desktop.text.digits import group_thousands, persian_digits
from desktop.text.display import ltr_in_rtl
from desktop.text.jalali import format_jalali_datetime
from desktop.views.unlock_keys import offer_unlock
from desktop.views.widgets import file_dialog
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.path_field import PathLabel
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

log = logging.getLogger(__name__)

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path
ask_open_path: Callable[..., Any] = file_dialog.ask_open_path

FILE_TYPES = [(Text.FILETYPE, f"*{center_sync.SUFFIX}")]
NOTICE_COLUMNS = [
    Column("received_at", Text.COLUMN_RECEIVED, 130, kind="date"),
    Column("national_code", Text.COLUMN_NATIONAL_CODE, 110, kind="identifier"),
    Column("message", Text.COLUMN_MESSAGE, 520, main=True),
]


def file_name(code: str, first: int, last: int) -> str:
    """The name export_changes gives the file of changes `first`…`last`."""
    return f"{code}-{first:09d}-{last:09d}{center_sync.SUFFIX}"


class SyncView(ttk.Frame):
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
        self.last_written: Path | None = None  # the file the last export wrote

        page_heading(self, Text.TITLE, Text.INTRO)
        self.not_provisioned = ""
        try:
            headquarters()
        except UserError as error:
            self.not_provisioned = error.message

        box = ttk.Frame(self, padding=(0, 4))
        box.pack(fill="x")
        RLabel(box, text=Text.STATUS, font="-weight bold").pack(fill="x")
        self.status_lines = [RLabel(box, text="") for _ in range(4)]
        for line in self.status_lines:
            line.pack(fill="x", pady=1)
        self.lacks_row = ttk.Frame(box)
        self.lacks_label = RLabel(self.lacks_row, text="", bootstyle="warning")
        self.lacks_label.pack(side="right")
        self.send_again_button = RButton(
            self.lacks_row, text=Text.SEND_AGAIN, bootstyle="warning", command=self.send_again
        )
        self.send_again_button.pack(side="right", padx=(8, 0))

        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(10, 0))
        self.write_button = RButton(
            actions, text=Text.WRITE, bootstyle="primary", command=self.write_file
        )
        self.write_button.pack(side="right")
        self.ack_button = RButton(
            actions, text=Text.READ_ACK, bootstyle="secondary", command=self.read_ack
        )
        self.ack_button.pack(side="right", padx=(8, 0))
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(8, 0))
        self.path_label = PathLabel(self, width=60)
        self.path_label.pack(fill="x")
        if self.not_provisioned:
            self._say(self.not_provisioned, "warning")
            for button in (self.write_button, self.ack_button):
                button.configure(state="disabled")

        RLabel(self, text=Text.NOTICES, font="-size 13 -weight bold").pack(fill="x", pady=(14, 0))
        self.notice_source = ListSource([c.key for c in NOTICE_COLUMNS], [])
        self.notices = PagedTable(
            self, NOTICE_COLUMNS, self.notice_source, height=5, empty_text=Text.NOTICES_NONE
        )
        self.notices.pack(fill="both", expand=True, pady=(4, 0))
        self.notices.tree.bind("<<TreeviewSelect>>", lambda _e: self._notice_chosen(), add="+")
        notice_actions = ttk.Frame(self)
        notice_actions.pack(fill="x", pady=(6, 0))
        RButton(
            notice_actions, text=Text.NOTICE_DONE, bootstyle="secondary", command=self.notice_done
        ).pack(side="right")
        # The chosen notice in full (the table cuts a long one).
        self.notice_text = RLabel(notice_actions, text="", wraplength=600)
        self.notice_text.pack(side="right", fill="x", expand=True, padx=(0, 12))
        self.refresh()

    # -- what the page shows ---------------------------------------------------------------

    def refresh(self) -> None:
        status = center_sync.sync_status(self.session)
        self.status = status
        lines = [
            Text.CENTER.format(code=ltr_in_rtl(status.center_code)),
            Text.LAST_FILE.format(seq=persian_digits(status.last_exported_seq))
            if status.last_exported_seq
            else Text.LAST_FILE_NONE,
            Text.PENDING.format(count=group_thousands(status.pending_changes)),
            Text.CONFIRMED.format(
                date=format_jalali_datetime(status.last_ack_at),
                seq=persian_digits(status.last_acknowledged_seq),
            )
            if status.last_ack_at
            else Text.CONFIRMED_NONE,
        ]
        for label, text in zip(self.status_lines, lines, strict=True):
            label.set_text(text)
        behind = backups.rewound()
        if behind is not None:
            self._say(backups.rewound_message(behind), "warning")
        lacks = status.hq_lacks
        if lacks and not self.not_provisioned:
            first, last = (persian_digits(n) for n in lacks)
            self.lacks_label.set_text(Text.HQ_LACKS.format(first=first, last=last))
            self.lacks_row.pack(fill="x", pady=(6, 0))
        else:
            self.lacks_row.pack_forget()
        self.notice_rows = {n.key: n for n in center_sync.notices(self.session)}
        self.notice_source.rows = [
            (key, (n.received_at, n.national_code, n.message))
            for key, n in self.notice_rows.items()
        ]
        self.notices.refresh()

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    # -- writing a sync file ---------------------------------------------------------------

    def write_file(self) -> None:
        """Ask where (the name it will have is offered), then write every change since
        the last file."""
        self._export(None)

    def send_again(self) -> None:
        """Write again the changes HQ says it lacks (after the last one it confirmed)."""
        self._export(self.status.last_acknowledged_seq)

    def _export(self, since: int | None) -> None:
        self.message.clear()
        self.path_label.set_path("")
        status = center_sync.sync_status(self.session)
        after = status.last_exported_seq if since is None else since
        if status.last_seq <= after:
            self._say(Text.NOTHING, "info")
            return
        chosen = self.ask_save(
            parent=self,
            title=Text.SAVE_TITLE,
            initialfile=file_name(status.center_code, after + 1, status.last_seq),
            defaultextension=center_sync.SUFFIX,
            filetypes=FILE_TYPES,
        )
        if not chosen:
            return
        folder = Path(chosen).parent
        session = self.session

        def work(progress: Progress) -> center_sync.Exported | None:
            def step(done: int, total: int) -> None:
                progress.step(done, total, Text.WRITING_STEP)

            return center_sync.export_changes(session, folder, since=since, progress=step)

        self.context.runner.run(
            self, Text.WRITING, work, self._written, self._failed, on_cancelled=self._cancelled
        )

    def _cancelled(self) -> None:
        if self.winfo_exists():  # the file is written whole or not at all
            self._say(Text.CANCELLED, "warning")

    def _written(self, exported: center_sync.Exported | None) -> None:
        if not self.winfo_exists():
            return
        if exported is None:
            self._say(Text.NOTHING, "info")
        else:
            self.last_written = exported.path
            done = Text.WRITTEN.format(
                changes=group_thousands(exported.changes),
                first=persian_digits(exported.seq_from),
                last=persian_digits(exported.seq_to),
            )
            name = Text.WRITTEN_NAME.format(name=ltr_in_rtl(exported.path.name))
            self._say(f"{done}\n{name}")
            self.path_label.set_path(exported.path)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            message = error.message
        elif isinstance(error, OSError):
            log.warning("could not write a sync file", exc_info=error)
            message = SAVE_FAILED
        else:
            raise error
        if self.winfo_exists():
            self._say(message, "danger")
            offer_unlock(self, self.context, error)

    # -- HQ's acknowledgement --------------------------------------------------------------

    def read_ack(self) -> None:
        self.message.clear()
        self.path_label.set_path("")
        chosen = self.ask_open(parent=self, title=Text.OPEN_ACK_TITLE, filetypes=FILE_TYPES)
        if not chosen:
            return
        try:
            read = center_sync.import_ack(self.session, chosen)
        except UserError as error:
            self._say(error.message, "danger")
            offer_unlock(self, self.context, error)
            return
        said = Text.ACK_READ.format(
            seq=persian_digits(read.last_sequence),
            centers=persian_digits(read.centers),
            revoked=persian_digits(read.revoked),
            notices=persian_digits(read.notices),
        )
        if read.resumed is not None:
            first, last = (persian_digits(n) for n in read.resumed.given_up)
            said += "\n" + Text.TAKEN_BACK.format(
                rows=group_thousands(read.resumed.taken_back), first=first, last=last,
                next=persian_digits(read.resumed.next_seq),
            )  # fmt: skip
        self._say(said)
        self.refresh()

    def _notice_chosen(self) -> None:
        notice = self.notice_rows.get(self.notices.selected_id or "")
        self.notice_text.set_text(notice.message if notice else "")

    def notice_done(self) -> None:
        chosen = self.notices.selected_id
        if chosen is None:
            self._say(Text.SELECT_NOTICE, "warning")
            return
        center_sync.mark_notice_done(self.session, chosen)
        self.notices.selected_id = None
        self.notice_text.set_text("")
        self._say(Text.NOTICE_MARKED)
        self.refresh()
