"""«پیگیری‌های امروز»: the follow-ups whose next appointment has come, for the clerk.

The open appointments due by a date (today unless the clerk looks ahead), oldest
first, each marked with how many days it is overdue. From here the clerk opens the
person's file (Enter or double click) or marks the appointment done. The page stays
true across midnight: when the date filter was "today", it moves to the new day.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import casework
from desktop.services.applicants import WRITERS
from desktop.services.casework import FollowUpRecord
from desktop.strings import FOLLOW_UP_KIND_NAMES
from desktop.strings.casework_views import Common, Due
from desktop.text.digits import format_number
from desktop.text.jalali import JalaliDateError, format_jalali
from desktop.views.casework.base import first_line
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RCheck, RLabel

COLUMNS = [
    Column("next_appointment", Due.APPOINTMENT, 100, kind="date"),
    Column("when", Due.WHEN, 105, sortable=False),
    # Paged from the database in appointment order: only that column sorts.
    Column("name", Due.NAME, 160, sortable=False, main=True),
    Column("file_number", Due.FILE_NUMBER, 115, kind="identifier", sortable=False),
    Column("mobile", Due.MOBILE, 110, kind="identifier", sortable=False),
    Column("kind", Due.KIND, 95, sortable=False),
    Column("notes", Due.NOTES, 230, sortable=False),
    Column("by", Due.BY, 120, sortable=False),
]
MIDNIGHT_MARGIN_MS = 1000  # wake a second after midnight, never just before it


def today() -> dt.date:
    """The current day (a function, so tests can move the clock)."""
    return dt.date.today()


def due_text(appointment: dt.date, day: dt.date) -> str:
    """How an appointment stands on `day`: «امروز», «۳ روز گذشته», «۲ روز دیگر»."""
    days = (day - appointment).days
    if days == 0:
        return Due.TODAY
    if days > 0:
        return Due.OVERDUE.format(days=format_number(days))
    return Due.AHEAD.format(days=format_number(-days))


def ms_until_tomorrow(now: dt.datetime) -> int:
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    return int((tomorrow - now).total_seconds() * 1000) + MIDNIGHT_MARGIN_MS


class FollowUpsView(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        on_open_applicant: Callable[[str], None] | None = None,
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.on_open_applicant = on_open_applicant
        self.records: dict[str, FollowUpRecord] = {}
        self.day = today()
        self._midnight_after: str | None = None

        RLabel(self, text=Due.TITLE, font="-size 16 -weight bold").pack(fill="x")
        filters = ttk.Frame(self)
        filters.pack(fill="x", pady=(10, 0))
        RLabel(filters, text=Due.UNTIL).pack(side="right")
        self.until = DateField(filters)
        self.until.pack(side="right", padx=(0, 6))
        self.until.set_date(self.day)
        self.until.bind("<<DateChanged>>", lambda _e: self._date_changed(), add="+")
        self.until.bind("<<DateInvalid>>", lambda _e: self._say(self.until.error or "", "danger"))
        self.mine_only = tk.BooleanVar(self, value=False)
        self.mine_check = RCheck(
            filters, text=Due.MINE_ONLY, variable=self.mine_only, command=self.refresh
        )
        self.mine_check.pack(side="right", padx=(0, 24))
        self.summary = RLabel(filters, text="", bootstyle="secondary")
        self.summary.pack(side="left")

        self.source: _DueSource | None = None
        self.table = PagedTable(self, COLUMNS, None, height=14, on_activate=self.open)
        self.table.pack(fill="both", expand=True, pady=(10, 0))

        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(8, 0))
        self.open_button = RButton(
            actions, text=Due.OPEN, bootstyle="primary", command=self.open_selected
        )
        self.open_button.pack(side="right")
        if on_open_applicant is None:
            self.open_button.configure(state="disabled")
        self.done_button = RButton(
            actions, text=Due.DONE, bootstyle="success", command=self.mark_done
        )
        self.done_button.pack(side="right", padx=(0, 8))
        if self.session.role not in WRITERS:
            self.done_button.configure(state="disabled")
        RLabel(actions, text=Due.KEYS, bootstyle="secondary", font="-size 9").pack(
            side="right", padx=(0, 16)
        )
        self.message = MessageLine(actions, scope=self)
        self.message.pack(side="left")

        self.refresh()
        self._schedule_midnight()

    def refresh(self, select: str | None = None) -> None:
        """Read the due list again for the filters as they stand."""
        try:
            until = self.until.get_date() or self.day
        except JalaliDateError as error:
            self._say(str(error), "danger")
            return
        try:
            due = casework.DueFollowUps(
                self.session, on_or_before=until, mine_only=self.mine_only.get()
            )
            count, overdue = due.count(), due.count(before=self.day)
        except UserError as error:
            self._say(error.message, "danger")
            return
        self.records = {}
        self.source = _DueSource(due, self)
        self.table.source = self.source
        if not count:
            summary = ""
        elif overdue:
            summary = Due.COUNT_OVERDUE.format(
                count=format_number(count), overdue=format_number(overdue)
            )
        else:
            summary = Due.COUNT.format(count=format_number(count))
        self.summary.set_text(summary)
        empty = (
            Due.EMPTY_TODAY
            if until == self.day
            else Due.EMPTY_UNTIL.format(date=format_jalali(until))
        )
        self.table.empty_label.set_text(empty)
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()

    def open_selected(self) -> None:
        if self.table.selected_id is None:
            self._say(Common.SELECT_FIRST, "warning")
            return
        self.open(self.table.selected_id)

    def open(self, follow_up_id: str) -> None:
        record = self.records.get(follow_up_id)
        if record is not None and self.on_open_applicant is not None:
            self.on_open_applicant(record.applicant_id)

    def mark_done(self) -> None:
        record = self.records.get(self.table.selected_id or "")
        if record is None:
            self._say(Common.SELECT_FIRST, "warning")
            return
        try:
            casework.close_follow_up(self.session, record.id)
        except UserError as error:
            self._say(error.message, "danger")
            return
        self._say(Due.CLOSED.format(name=record.applicant_name), "success")
        self.refresh()

    def destroy(self) -> None:
        if self._midnight_after is not None:
            self.after_cancel(self._midnight_after)
            self._midnight_after = None
        super().destroy()

    def _row(self, record: FollowUpRecord) -> tuple[str, tuple[object, ...]]:
        appointment = record.next_appointment
        return (
            record.id,
            (
                appointment,
                due_text(appointment, self.day) if appointment else "",
                record.applicant_name,
                record.file_number,
                record.mobile,
                FOLLOW_UP_KIND_NAMES.get(record.kind, record.kind),
                first_line(record.notes),
                record.created_by_name,
            ),
        )

    def _date_changed(self) -> None:
        self._say("", "secondary")
        self.refresh()

    def _say(self, text: str, style: str) -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def _schedule_midnight(self) -> None:
        """One timer at a time: the next midnight replaces any pending one."""
        if self._midnight_after is not None:
            self.after_cancel(self._midnight_after)
        self._midnight_after = self.after(ms_until_tomorrow(dt.datetime.now()), self.new_day)

    def new_day(self) -> None:
        """Midnight: "today" moves on, and so does the date filter if it showed today."""
        previous, self.day = self.day, today()
        try:
            shown = self.until.get_date()
        except JalaliDateError:
            shown = None
        if shown == previous:
            self.until.set_date(self.day)
        self.refresh(select=self.table.selected_id)
        self._schedule_midnight()


class _DueSource:
    """The due list as the paged table's source: a page of records at a time, each
    remembered by the view (to open its file or close it)."""

    def __init__(self, due: casework.DueFollowUps, view: FollowUpsView):
        self.due = due
        self.view = view

    def count(self) -> int:
        return self.due.count()

    def fetch(
        self, offset: int, limit: int, sort: str | None, descending: bool
    ) -> list[tuple[str, tuple[object, ...]]]:
        records = self.due.records(offset, limit, descending=descending)
        self.view.records.update((record.id, record) for record in records)
        return [self.view._row(record) for record in records]
