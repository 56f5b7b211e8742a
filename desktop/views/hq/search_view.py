"""HQ's search over every center's applicants: the same Persian-tolerant search as a
center's (services/hq/search.py), each row with the center that registered the person."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services.hq import search
from desktop.strings.hq_views import Search as Text
from desktop.text.digits import persian_digits
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

LIMIT = 200
COLUMNS = [
    Column("center_code", Text.CENTER, 80, kind="identifier"),
    Column("file_number", Text.FILE_NUMBER, 130, kind="identifier"),
    Column("national_code", Text.NATIONAL_CODE, 110, kind="identifier"),
    Column("name", Text.NAME, 220, main=True),
    Column("father_name", Text.FATHER, 120),
    Column("mobile", Text.MOBILE, 120, kind="identifier"),
]


class SearchAllView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.session = context.session
        page_heading(self, Text.TITLE)
        line = ttk.Frame(self)
        line.pack(fill="x", pady=(8, 0))
        RLabel(line, text=Text.QUERY).pack(side="right")
        self.query = RtlEntry(line, width=40)
        self.query.pack(side="right", padx=(6, 0))
        RButton(line, text=Text.SEARCH, bootstyle="primary", command=self.search).pack(
            side="right", padx=(6, 0)
        )
        for sequence in ("<Return>", "<KP_Enter>"):
            self.query.bind(sequence, lambda _e: self.search())
        self.message = MessageLine(self, bootstyle="secondary", scope=self)
        self.message.pack(fill="x", pady=(4, 0))
        self.source = ListSource([c.key for c in COLUMNS], [])
        self.table = PagedTable(self, COLUMNS, self.source, height=15, empty_text=Text.EMPTY)
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        self.after_idle(self.query.focus_set)

    def search(self) -> None:
        try:
            found = search.search_all(self.session, self.query.get(), limit=LIMIT)
        except UserError as error:
            self.message.configure(bootstyle="danger")
            self.message.set_text(error.message)
            return
        self.source.rows = [
            (
                str(row["id"]),
                (
                    row["center_code"],
                    row["file_number"],
                    row["national_code"],
                    f"{row['first_name']} {row['last_name']}",
                    row["father_name"],
                    row["mobile"],
                ),
            )
            for row in found
        ]
        self.table.refresh()
        self.message.configure(bootstyle="secondary")
        self.message.set_text(
            Text.FOUND.format(count=persian_digits(len(found)), limit=persian_digits(LIMIT))
        )
