"""HQ's inbox of refused files: which file, from which center, when and why (in
Persian). Nothing of a refused file was applied; a person decides what comes next."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.services.hq import imports
from desktop.strings.hq_views import Refusals as Text
from desktop.views.hq.imports_view import refusal_text
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("refused_at", Text.AT, 100, kind="date"),
    Column("file", Text.FILE, 300, kind="identifier"),
    Column("center", Text.CENTER, 80, kind="identifier"),
    Column("reason", Text.REASON, 420, main=True),
]


class RefusalsView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.session = context.session
        page_heading(self, Text.TITLE, Text.INTRO)
        self.source = ListSource([c.key for c in COLUMNS], [])
        self.table = PagedTable(self, COLUMNS, self.source, height=14, empty_text=Text.EMPTY)
        self.table.pack(fill="both", expand=True)
        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(8, 0))
        RButton(actions, text=Text.REFRESH, bootstyle="secondary", command=self.reload).pack(
            side="right"
        )
        self.reload()

    def reload(self) -> None:
        self.source.rows = [
            (
                str(row.get_id()),
                (
                    row.refused_at,
                    row.file_name,
                    row.center_code,
                    refusal_text(row.reason, row.detail),
                ),
            )
            for row in imports.refusals(self.session)
        ]
        self.table.refresh()
