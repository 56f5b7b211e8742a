"""HQ's inbox of cross-center duplicates: one national code registered at two or more
centers. An hq_admin links them as one person, or marks a data error that one center
must correct (with a note): that center's clerks get a notice with its next
acknowledgement. An hq_analyst reads the list."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services.hq import duplicates
from desktop.services.hq.duplicates import DuplicateStatus
from desktop.services.session import Role
from desktop.strings.hq_views import Duplicates as Text
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("national_code", Text.NATIONAL_CODE, 110, kind="identifier"),
    Column("centers", Text.CENTERS, 140, kind="identifier"),
    Column("names", Text.NAMES, 300, main=True),
    Column("status", Text.STATUS, 150),
    Column("note", Text.NOTE, 240),
]
SHOWN = [(DuplicateStatus.OPEN.value, Text.STATUSES["open"]), ("", Text.SHOW_ALL)]


def status_text(row: duplicates.DuplicateRow) -> str:
    return Text.STATUSES.get(row.status, row.status).format(center=row.correct_at)


class DuplicatesView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.session = context.session
        page_heading(self, Text.TITLE, Text.INTRO)
        top = ttk.Frame(self)
        top.pack(fill="x")
        RLabel(top, text=Text.SHOW).pack(side="right")
        self.shown = ChoiceBox(top, SHOWN, width=16)
        self.shown.set_key(DuplicateStatus.OPEN.value)
        self.shown.pack(side="right", padx=(6, 0))
        self.shown.bind("<<ComboboxSelected>>", lambda _e: self.reload())
        self.source = ListSource([c.key for c in COLUMNS], [])
        self.table = PagedTable(self, COLUMNS, self.source, height=12, empty_text=Text.EMPTY)
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self._selected_changed(), add="+")
        self.decide_row: ttk.Frame | None = None
        if self.session.role is Role.HQ_ADMIN:
            self._build_decisions()
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(6, 0))
        self.reload()

    def _build_decisions(self) -> None:
        """One person (one button), or a data error at a center with a note."""
        box = self.decide_row = ttk.Frame(self)
        box.pack(fill="x", pady=(8, 0))
        RButton(box, text=Text.LINK, bootstyle="primary", command=self.link).pack(anchor="e")
        row = ttk.Frame(box)
        row.pack(fill="x", pady=(8, 0))
        RLabel(row, text=Text.DATA_ERROR).pack(side="right")
        self.center_box = ChoiceBox(row, [], width=10)
        self.center_box.pack(side="right", padx=(6, 0))
        RLabel(row, text=Text.NOTE_LABEL).pack(side="right", padx=(12, 0))
        self.note = RtlEntry(row, width=24)
        self.note.pack(side="right", padx=(6, 0))
        RButton(
            row, text=Text.MARK_ERROR, bootstyle="danger-outline", command=self.mark_error
        ).pack(side="right", padx=(8, 0))

    def reload(self) -> None:
        status = self.shown.get_key() or None
        self.rows = {
            row.national_code: row for row in duplicates.list_duplicates(self.session, status)
        }
        self.source.rows = [
            (
                code,
                (code, "، ".join(row.centers), "، ".join(row.names), status_text(row), row.note),
            )
            for code, row in self.rows.items()
        ]
        if self.table.selected_id not in self.rows:
            self.table.selected_id = None
        self.table.refresh()
        self._selected_changed()

    def _selected_changed(self) -> None:
        if self.decide_row is None:
            return
        row = self.rows.get(self.table.selected_id or "")
        centers = row.centers if row else []
        self.center_box.set_choices([(code, code) for code in centers])
        if row and row.correct_at in centers:
            self.center_box.set_key(row.correct_at)

    def _selected(self) -> duplicates.DuplicateRow | None:
        row = self.rows.get(self.table.selected_id or "")
        if row is None:
            self._say(Text.SELECT_FIRST, "warning")
        return row

    def link(self) -> None:
        row = self._selected()
        if row is not None:
            self._decide(row, DuplicateStatus.LINKED, "")

    def mark_error(self) -> None:
        row = self._selected()
        if row is None:
            return
        center = self.center_box.get_key()
        if not center:
            self._say(Text.CHOOSE_CENTER, "warning")
            return
        self._decide(row, DuplicateStatus.DATA_ERROR, center)

    def _decide(self, row: duplicates.DuplicateRow, status: DuplicateStatus, center: str) -> None:
        try:
            duplicates.decide(
                self.session, row.national_code, status.value, correct_at=center,
                note=self.note.get(),
            )  # fmt: skip
        except UserError as error:
            self._say(error.message, "danger")
            return
        self.note.set("")
        self._say(Text.DECIDED.format(code=ltr_in_rtl(row.national_code)))
        self.reload()

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)
