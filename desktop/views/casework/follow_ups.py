"""The follow-ups tab: counselling notes, each with an optional next appointment.

A clerk records what was discussed and when to meet again; the appointment shows on
the «پیگیری‌های امروز» page until it is marked done. A first counselling may move
the applicant's programme status, so saving a note emits CHANGED.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.services import casework
from desktop.services.casework import FollowUpRecord
from desktop.strings import FOLLOW_UP_KIND_NAMES
from desktop.strings.casework_views import DONE_MARK, FollowUps
from desktop.text.jalali import format_jalali
from desktop.views.casework.base import (
    ENTRY_WIDTH,
    CaseworkTab,
    OpenApplicant,
    add_field,
    first_line,
)
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

FOLLOW_UP_COLUMNS = [
    Column("held_on", FollowUps.DATE, 95, kind="date"),
    Column("kind", FollowUps.KIND, 95),
    Column("notes", FollowUps.NOTES, 230),
    Column("next_appointment", FollowUps.NEXT, 95, kind="date"),
    Column("done", FollowUps.DONE, 75, sortable=False),
]


class FollowUpsTab(CaseworkTab):
    """Counselling notes with their next appointment; add one, or close an appointment."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.records: dict[str, FollowUpRecord] = {}
        form = self.build_form(FollowUps.ADD_TITLE)
        if form is not None:
            today = dt.date.today()
            kinds = list(FOLLOW_UP_KIND_NAMES.items())
            self.kind = add_field(form, "kind", FollowUps.KIND, lambda p: ChoiceBox(p, kinds))
            self.kind.set_key("counselling")
            self.held_on = self.add_date(form, "held_on", FollowUps.HELD_ON, max_date=today)
            self.notes = add_field(
                form, "notes", FollowUps.NOTES, lambda p: RtlEntry(p, width=ENTRY_WIDTH)
            )
            self.next_appointment = self.add_date(
                form, "next_appointment", FollowUps.NEXT, hint=FollowUps.NEXT_HINT, min_date=today
            )
            form.add_widget(
                lambda p: RButton(p, text=FollowUps.SAVE, bootstyle="primary", command=self.save)
            )
            self.clear_form()

        self.source = ListSource([c.key for c in FOLLOW_UP_COLUMNS], [])
        self.table = PagedTable(
            self.main, FOLLOW_UP_COLUMNS, self.source, height=6, empty_text=FollowUps.EMPTY
        )
        self.table.pack(fill="both", expand=True)
        if self.can_write:
            actions = ttk.Frame(self.main)
            actions.pack(fill="x", pady=(8, 0))
            self.close_button = RButton(
                actions, text=FollowUps.CLOSE, bootstyle="secondary", command=self.close_selected
            )
            self.close_button.pack(side="right")
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        records = self.load(lambda: casework.follow_ups(self.session, self.applicant_id))
        self.records = {record.id: record for record in records}
        self.source.rows = [
            (
                record.id,
                (
                    record.held_on,
                    FOLLOW_UP_KIND_NAMES.get(record.kind, record.kind),
                    first_line(record.notes),
                    record.next_appointment,
                    DONE_MARK if record.done else "",
                ),
            )
            for record in records
        ]
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()

    def clear_form(self) -> None:
        """Empty the form for the next note; the kind stays (notes come in runs)."""
        assert self.form is not None
        today = dt.date.today()
        self.held_on.max_date = today
        self.held_on.set_date(today)
        self.notes.set("")
        self.next_appointment.min_date = today
        self.next_appointment.set_date(None)
        self.form.clear_errors()

    def save(self) -> None:
        if self.form is None:
            return
        values = self.form.values()
        record = self.attempt(
            lambda: casework.add_follow_up(
                self.session,
                self.applicant_id,
                kind=values["kind"],
                held_on=values["held_on"],
                notes=values["notes"],
                next_appointment=values["next_appointment"] or None,
            )
        )
        if record is None:
            return
        self.clear_form()
        self.say(FollowUps.SAVED.format(date=format_jalali(record.held_on)))
        self.refresh(select=record.id)
        self.notes.focus_set()
        self.changed()

    def close_selected(self) -> None:
        record = self.selected(self.table, self.records)
        if record is None:
            return
        if record.next_appointment is None or record.done:
            self.say(FollowUps.NO_APPOINTMENT, "warning")
            return

        def close() -> bool:
            casework.close_follow_up(self.session, record.id)
            return True

        if self.attempt(close) is None:
            return
        self.say(FollowUps.CLOSED.format(date=format_jalali(record.next_appointment)))
        self.refresh(select=record.id)
