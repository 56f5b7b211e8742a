"""HQ's centers: what HQ holds from each (last file, number, lag, applicants) and its
key; an hq_admin approves a pending key (typing the fingerprint the center's manager
reads out by phone) and writes a center's acknowledgement."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services.center_sync import SUFFIX
from desktop.services.hq import acks, centers, imports
from desktop.services.session import Role
from desktop.strings.hq_views import Centers as Text
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets import file_dialog
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path

COLUMNS = [
    Column("code", Text.CODE, 80, kind="identifier"),
    Column("name", Text.NAME, 200, main=True),
    Column("city", Text.CITY, 90),
    Column("last_import_at", Text.LAST_FILE, 100, kind="date"),
    Column("last_sequence", Text.LAST_SEQUENCE, 100, kind="number"),
    Column("files", Text.FILES, 80, kind="number"),
    Column("lag", Text.LAG, 90, kind="number"),
    Column("applicants", Text.APPLICANTS, 90, kind="number"),
    Column("state", Text.STATE, 120),
    Column("fingerprint", Text.KEY, 170, kind="identifier"),
]


class CentersView(ttk.Frame):
    def __init__(
        self, master: tk.Misc, context: AppContext, *, ask_save: Callable[..., Any] | None = None
    ):
        super().__init__(master)
        assert context.session is not None
        self.session = context.session
        self.ask_save = ask_save or ask_save_path
        self.admin = self.session.role is Role.HQ_ADMIN
        page_heading(self, Text.TITLE)
        self.source = ListSource([c.key for c in COLUMNS], [])
        self.table = PagedTable(self, COLUMNS, self.source, height=12, empty_text=Text.EMPTY)
        self.table.pack(fill="both", expand=True, pady=(8, 0))
        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(8, 0))
        buttons = [RButton(actions, text=Text.REFRESH, bootstyle="secondary", command=self.reload)]
        if self.admin:
            buttons += [
                RButton(actions, text=Text.APPROVE, bootstyle="primary", command=self.open_approve),
                RButton(actions, text=Text.ACK, bootstyle="secondary", command=self.write_ack),
                RButton(
                    actions, text=Text.ACK_WITH_ROWS, bootstyle="secondary",
                    command=lambda: self.write_ack(with_rows=True),
                ),
            ]  # fmt: skip
        for button in buttons:
            button.pack(side="right", padx=(0, 8))
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(6, 0))
        self.panel: ttk.Frame | None = None
        self.reload()

    def reload(self) -> None:
        self.rows = {row.code: row for row in centers.list_centers(self.session)}
        self.source.rows = [
            (
                row.code,
                (
                    row.code,
                    row.name,
                    row.city,
                    row.last_import_at,
                    row.last_sequence,
                    row.files,
                    row.lag_days(),
                    row.applicants,
                    _state(row),
                    row.fingerprint,
                ),
            )
            for row in self.rows.values()
        ]
        self.table.refresh()

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def _selected(self) -> centers.CenterRow | None:
        code = self.table.selected_id
        if code is None or code not in self.rows:
            self._say(Text.SELECT_FIRST, "warning")
            return None
        return self.rows[code]

    # -- approving a key -------------------------------------------------------------------

    def open_approve(self) -> None:
        row = self._selected()
        if row is None:
            return
        if row.approved or not row.fingerprint:
            self._say(Text.NOT_PENDING, "warning")
            return
        self.close_panel()
        panel = self.panel = ttk.Frame(self, padding=(0, 8, 0, 0))
        panel.pack(fill="x")
        RLabel(panel, text=Text.APPROVE_TITLE.format(code=row.code), font="-weight bold").pack(
            fill="x"
        )
        RLabel(panel, text=Text.APPROVE_HINT, bootstyle="secondary", wraplength=600).pack(fill="x")
        line = ttk.Frame(panel)
        line.pack(fill="x", pady=(4, 0))
        RLabel(line, text=Text.FINGERPRINT).pack(side="right")
        self.fingerprint = IdentifierEntry(
            line, allowed="latin", case="upper", max_length=19, width=24
        )
        self.fingerprint.pack(side="right", padx=(6, 0))
        RButton(
            line, text=Text.CONFIRM, bootstyle="primary", command=lambda: self.approve(row.code)
        ).pack(side="right", padx=(6, 0))
        RButton(line, text=Text.CANCEL, bootstyle="secondary", command=self.close_panel).pack(
            side="right", padx=(6, 0)
        )
        for sequence in ("<Return>", "<KP_Enter>"):
            self.fingerprint.bind(sequence, lambda _e: self.approve(row.code))
        self.fingerprint.bind("<Escape>", lambda _e: self.close_panel())
        self.fingerprint.focus_set()

    def close_panel(self) -> None:
        if self.panel is not None:
            self.panel.destroy()
            self.panel = None

    def approve(self, code: str) -> None:
        try:
            imports.approve(self.session, code, self.fingerprint.get())
        except UserError as error:
            self._say(error.message, "danger")
            return
        self.close_panel()
        self._say(Text.APPROVED_DONE.format(code=ltr_in_rtl(code)))
        self.table.selected_id = code
        self.reload()

    # -- acknowledgements ------------------------------------------------------------------

    def write_ack(self, *, with_rows: bool = False) -> None:
        """Ask where, then write the selected center's acknowledgement (`with_rows`: and
        every row HQ holds of it, for a center restored behind what it sent)."""
        row = self._selected()
        if row is None:
            return
        chosen = self.ask_save(
            parent=self,
            title=Text.ACK_TITLE.format(code=row.code),
            initialfile=f"{row.code}-{'ack-rows' if with_rows else 'ack'}-"
            f"{row.last_sequence:09d}{SUFFIX}",
            defaultextension=SUFFIX,
            filetypes=[(Text.FILETYPE, f"*{SUFFIX}")],
        )
        if not chosen:
            return
        try:
            path = acks.write_ack(self.session, row.code, Path(chosen).parent, with_rows=with_rows)
        except UserError as error:
            self._say(error.message, "danger")
            return
        self._say(Text.ACK_WRITTEN.format(code=ltr_in_rtl(row.code), name=ltr_in_rtl(path.name)))
        self.last_ack = path


def _state(row: centers.CenterRow) -> str:
    if not row.fingerprint:
        return Text.NO_KEY
    return Text.APPROVED if row.approved else Text.PENDING
