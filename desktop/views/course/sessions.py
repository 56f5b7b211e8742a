"""The «جلسه‌ها» tab: the course's sessions, and adding, moving or removing one.

The sessions were generated from the course's dates and weekdays; here a trainer or
an admin adds a make-up session, moves one to another day or removes one (after a
question). The services decide what is allowed (`courses.add_course_session`,
`move_course_session`, `remove_course_session`): a day outside the course's dates, a
second session on one day, or a marked session moved past today is refused with a
message beside the date field; a session that has attendance marks cannot be removed,
which the page's message line says. Every change reloads the page, since the sessions
held decide everyone's attendance percentage.

Selecting a session puts its date and note into the fields, so moving is: select,
change the date, «انتقال».
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

import ttkbootstrap as ttk

from desktop.errors import UserError, ValidationError
from desktop.services import courses
from desktop.services.courses import CourseSessionRecord
from desktop.services.enrollment import CourseDetail
from desktop.strings.course_views import Page, Sessions
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali
from desktop.views.course.common import weekday_name
from desktop.views.widgets.dialogs import Question, ask
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

if TYPE_CHECKING:
    from desktop.views.course.host import CourseHost

_T = TypeVar("_T")
DATE_FIELD = "held_on"  # the field the services name in their refusals


class SessionsTab(ttk.Frame):
    COLUMNS: ClassVar[list[Column]] = [
        Column("held_on", Sessions.DATE, 100, kind="date"),
        Column("weekday", Sessions.WEEKDAY, 90),
        Column("time", Sessions.TIME, 110),
        Column("marked", Sessions.MARKED, 110, kind="number"),
        Column("present", Sessions.PRESENT, 70, kind="number"),
        Column("note", Sessions.NOTE, 300),
    ]

    def __init__(self, master: tk.Misc, page: CourseHost):
        super().__init__(master, padding=8)
        self.page = page
        self.can_edit = page.rights.run
        self.records: dict[str, CourseSessionRecord] = {}
        self.question: Question | None = None
        self.buttons: dict[str, RButton] = {}
        if self.can_edit:
            self._build_fields()
        else:
            RLabel(self, text=Sessions.READ_ONLY, bootstyle="secondary").pack(fill="x")
        self.summary = RLabel(self, text="", bootstyle="secondary")
        self.summary.pack(fill="x", pady=(6, 2))
        self.table = PagedTable(self, self.COLUMNS, None, height=5, empty_text=Sessions.EMPTY)
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self._selected(), add="+")
        if self.can_edit:
            self.table.tree.bind("<Delete>", then_break(self.ask_remove))

    def _build_fields(self) -> None:
        fields = ttk.Frame(self)
        fields.pack(fill="x")
        # Right to left: the date's label in the rightmost column; the buttons below.
        RLabel(fields, text=Sessions.FIELD_DATE).grid(row=0, column=4, sticky="e")
        self.date = DateField(fields, width=12)
        self.date.grid(row=0, column=3, sticky="ew", padx=(0, 6))
        RLabel(fields, text=Sessions.FIELD_NOTE).grid(row=0, column=2, sticky="e", padx=(16, 0))
        self.note = RtlEntry(fields, width=30)
        self.note.grid(row=0, column=1, sticky="ew", padx=(0, 6))
        fields.columnconfigure(0, weight=1)  # what is left stays at the left
        # About the date typed: goes when it changes, wraps within the fields' width.
        self.date_error = MessageLine(fields, bootstyle="danger", font="-size 9", scope=self.date)
        self.date_error.grid(row=1, column=0, columnspan=4, sticky="ew", padx=(0, 6))
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(2, 0))
        for key, text, style, command in (
            ("add", Sessions.ADD, "primary", self.add),
            ("move", Sessions.MOVE, "secondary-outline", self.move),
            ("remove", Sessions.REMOVE, "danger-outline", self.ask_remove),
        ):
            button = RButton(row, text=text, bootstyle=style, command=command)
            button.pack(side="right", padx=(0, 8))
            self.buttons[key] = button
        # The field's own check (a date that does not exist) speaks in the same place.
        self.date.bind("<<DateInvalid>>", lambda _e: self._field_error(self.date.error), add="+")
        self.date.bind("<<DateChanged>>", lambda _e: self._field_error(None), add="+")

    def focus_default(self) -> None:
        (self.date if self.can_edit else self.table.tree).focus_set()

    # -- reading ---------------------------------------------------------------------

    def show(self, detail: CourseDetail) -> None:
        time_text = detail.course.time_text
        self.records = {record.id: record for record in detail.sessions}
        rows = [
            (
                record.id,
                (
                    record.held_on,
                    weekday_name(record.held_on),
                    time_text,
                    record.marked,
                    record.present,
                    record.note,
                ),
            )
            for record in detail.sessions
        ]
        today = dt.date.today()
        held = sum(1 for record in detail.sessions if record.held_on <= today)
        self.summary.set_text(
            Sessions.SUMMARY.format(count=format_number(len(rows)), held=format_number(held))
        )
        self.table.source = ListSource([c.key for c in self.COLUMNS], rows)
        if self.table.selected_id not in self.records:
            self.table.selected_id = None
        self.table.refresh()
        self._update_buttons()

    def selected(self) -> CourseSessionRecord | None:
        return self.records.get(self.table.selected_id or "")

    def _selected(self) -> None:
        record = self.selected()
        if record is not None and self.can_edit:
            self.date.set_date(record.held_on)
            self.note.set(record.note)
            self._field_error(None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not self.can_edit:
            return
        state = "normal" if self.selected() is not None else "disabled"
        for key in ("move", "remove"):
            self.buttons[key].configure(state=state)

    # -- writing ---------------------------------------------------------------------

    def add(self) -> None:
        page, day, note = self.page, self.date.text(), self.note.get()
        record = self._attempt(
            lambda: courses.add_course_session(page.session, page.course_id, day, note)
        )
        if record is not None:
            self._changed(record.id, Sessions.ADDED.format(day=format_jalali(record.held_on)))

    def move(self) -> None:
        current = self.selected()
        if current is None:
            self.page.say(Page.SELECT_FIRST, "warning")
            return
        session, day, note = self.page.session, self.date.text(), self.note.get()
        record = self._attempt(lambda: courses.move_course_session(session, current.id, day, note))
        if record is not None:
            old, new = format_jalali(current.held_on), format_jalali(record.held_on)
            self._changed(record.id, Sessions.MOVED.format(old=old, new=new))

    def ask_remove(self) -> None:
        record = self.selected()
        if record is None:
            self.page.say(Page.SELECT_FIRST, "warning")
            return
        if self.question is not None and self.question.winfo_exists():
            return
        day, weekday = format_jalali(record.held_on), weekday_name(record.held_on)
        text = (
            Sessions.REMOVE_ASK_MARKED.format(
                day=day, weekday=weekday, marked=format_number(record.marked)
            )
            if record.marked
            else Sessions.REMOVE_ASK.format(day=day, weekday=weekday)
        )

        def answered(key: str | None) -> None:
            self.question = None
            if key == "remove" and self.winfo_exists():
                self.remove(record)

        self.question = ask(
            self,
            Sessions.REMOVE_TITLE,
            text,
            (
                ("remove", Sessions.REMOVE_YES, "danger"),
                ("keep", Sessions.REMOVE_NO, "secondary"),
            ),
            answered,
            default="keep",
            wait=self.page.context.modal_dialogs,
        )

    def remove(self, record: CourseSessionRecord) -> None:
        session = self.page.session

        def run() -> bool:
            courses.remove_course_session(session, record.id)
            return True

        if self._attempt(run):
            self._changed(None, Sessions.REMOVED.format(day=format_jalali(record.held_on)))

    def _changed(self, select: str | None, message: str) -> None:
        self.table.selected_id = select
        self.page.reload()
        self.page.notebook.select(self)
        self.page.say(message)

    def _attempt(self, action: Callable[[], _T]) -> _T | None:
        """Run a service call; a refusal about the date goes beside the date field,
        any other to the page's message line."""
        self._field_error(None)
        try:
            return action()
        except ValidationError as error:
            errors = dict(error.errors)
        except UserError as error:
            errors = {error.field or "": error.message}
        beside = errors.pop(DATE_FIELD, None)
        if beside is not None:
            self._field_error(beside)
            self.date.focus_set()
        self.page.say(" ".join(dict.fromkeys(errors.values())), "danger")
        return None

    def _field_error(self, message: str | None) -> None:
        self.date_error.set_text(message or "")
