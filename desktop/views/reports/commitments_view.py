"""«تعهدات اشتغال»: the jobs each partner body promised for a Jalali year. A center's
administrator enters what a body promised this center; HQ's administrator sets the
city-wide figure that goes down to every center (services/commitments.py). The table
shows both, and which one the reports count against."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services.commitments import WRITERS, CommitmentRow, commitments, set_commitment
from desktop.services.hq.setup import HQ_ROLES
from desktop.strings.report_views import CommitmentsPage as Text
from desktop.text.digits import persian_digits
from desktop.text.jalali import jalali_parts
from desktop.text.normalize import whole_number
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.ltr_entry import NumberEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("partner", Text.PARTNER, 280, main=True),
    Column("center_jobs", Text.CENTER_JOBS, 140, kind="number"),
    Column("hq_jobs", Text.HQ_JOBS, 140, kind="number"),
    Column("counted", Text.COUNTED, 140, kind="number"),
]
HQ_COLUMNS = [COLUMNS[0], COLUMNS[2]]


class CommitmentsView(ttk.Frame):
    def __init__(
        self, master: tk.Misc, context: AppContext, *, today: dt.date | None = None
    ) -> None:
        super().__init__(master)
        assert context.session is not None
        self.session = context.session
        self.hq = self.session.role in HQ_ROLES
        page_heading(self, Text.TITLE, Text.INTRO_HQ if self.hq else Text.INTRO)
        this_year, _, _ = jalali_parts(today or dt.date.today())

        form = FlowRow(self, gap=14)
        form.pack(fill="x", pady=(4, 0))

        self.year = NumberEntry(form.field(Text.YEAR), allowed="digits", max_length=4, width=6)
        self.year.set(str(this_year))
        self.year.pack(side="right")
        self.year.bind("<Return>", lambda _e: self.reload(), add="+")
        self.year.bind("<FocusOut>", lambda _e: self.reload(), add="+")
        # Those who may not enter one (a clerk, HQ's analyst) see the figures only.
        self.writer = self.session.role in WRITERS
        holder = form.field(Text.PARTNER) if self.writer else ttk.Frame(self)
        self.partner = ChoiceBox(holder, [], width=30)
        self.partner.bind("<<ComboboxSelected>>", lambda _e: self._partner_chosen(), add="+")
        holder = form.field(Text.JOBS) if self.writer else ttk.Frame(self)
        self.jobs = NumberEntry(holder, allowed="digits", max_length=7, width=8)
        self.jobs.bind("<Return>", lambda _e: self.save(), add="+")
        self.save_button = RButton(form, text=Text.SAVE, bootstyle="primary", command=self.save)
        if self.writer:
            self.partner.pack(side="right")
            self.jobs.pack(side="right")
            form.add(self.save_button)
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(6, 0))

        columns = HQ_COLUMNS if self.hq else COLUMNS
        self.source = ListSource([c.key for c in columns], [])
        self.table = PagedTable(self, columns, self.source, height=12, empty_text=Text.EMPTY)
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self._row_chosen(), add="+")
        self.rows: dict[str, CommitmentRow] = {}
        self.reload()

    def _year(self) -> int | None:
        text = self.year.get()
        return whole_number(text)

    def reload(self) -> None:
        year = self._year()
        if year is None:
            return
        found = commitments(self.session, year)
        self.rows = {row.partner_id: row for row in found}
        self.partner.set_choices([(row.partner_id, row.partner) for row in found])
        self.source.rows = [(row.partner_id, _values(row, self.hq)) for row in found]
        self.table.refresh()

    def _partner_chosen(self) -> None:
        row = self.rows.get(self.partner.get_key())
        if row is not None:
            figure = row.hq_jobs if self.hq else row.center_jobs
            self.jobs.set("" if figure is None else str(figure))
            self.jobs.focus_set()

    def _row_chosen(self) -> None:
        chosen = self.table.selected_id
        if chosen is not None and chosen in self.rows:
            self.partner.set_key(chosen)
            self._partner_chosen()

    def save(self) -> None:
        self.message.clear()
        try:
            row = set_commitment(
                self.session, self.partner.get_key(), self.year.get(), self.jobs.get()
            )
        except ValidationError as error:
            self._say(next(iter(error.errors.values())), "danger")
            return
        except UserError as error:
            self._say(error.message, "danger")
            return
        figure = row.hq_jobs if self.hq else row.center_jobs
        self._say(Text.SAVED.format(partner=row.partner, jobs=persian_digits(figure or 0)))
        self.table.selected_id = row.partner_id
        self.reload()

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)


def _values(row: CommitmentRow, hq: bool) -> tuple[Any, ...]:
    if hq:
        return (row.partner, row.hq_jobs)
    return (row.partner, row.center_jobs, row.hq_jobs, row.jobs)
