"""The «حضور و غیاب» tab: one session's sheet. Pick the session, mark each row by key
or button, save. Those who may not mark (a clerk) see the sheet without the controls;
a session not held yet shows its sheet with the controls switched off."""

from __future__ import annotations

import datetime as dt
import functools
import tkinter as tk
from typing import TYPE_CHECKING, ClassVar

import ttkbootstrap as ttk

from desktop.services import enrollment
from desktop.services.courses import CourseSessionRecord
from desktop.services.enrollment import CourseDetail
from desktop.strings.course_views import Attendance, Columns, Page
from desktop.strings.courses import ATTENDANCE_MARK_NAMES
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali
from desktop.views.course.common import percent_text, session_label
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

if TYPE_CHECKING:
    from desktop.views.course.host import CourseHost

# Keys of quick attendance entry, by character: Latin, Persian layout, digits of both.
MARK_KEYS = {
    "p": "present",
    "\N{ARABIC LETTER HAH}": "present",
    "1": "present",
    "۱": "present",
    "a": "absent",
    "\N{ARABIC LETTER SHEEN}": "absent",
    "2": "absent",
    "۲": "absent",
    "e": "excused",
    "\N{ARABIC LETTER THEH}": "excused",
    "3": "excused",
    "۳": "excused",
    "0": None,
    "۰": None,
}
# The same keys by keysym, for when Tk reports no character (a Persian layout under X).
MARK_KEYSYMS = {
    "Arabic_hah": "present",
    "Farsi_1": "present",
    "Arabic_sheen": "absent",
    "Farsi_2": "absent",
    "Arabic_theh": "excused",
    "Farsi_3": "excused",
    "Farsi_0": None,
}


class AttendanceTab(ttk.Frame):
    COLUMNS: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 200, main=True),
        Column("national_code", Columns.NATIONAL_CODE, 110, kind="identifier"),
        Column("mark", Columns.MARK, 130),
        Column("percent", Columns.ATTENDANCE, 80, kind="number"),
    ]

    def __init__(self, master: tk.Misc, page: CourseHost):
        super().__init__(master, padding=8)
        self.page = page
        self.can_mark = page.rights.run
        self.session_id: str | None = None
        self.sessions: dict[str, CourseSessionRecord] = {}
        self.marks: dict[str, str | None] = {}
        self.saved: dict[str, str | None] = {}
        self.people: dict[str, tuple[str, str, int | None]] = {}
        self.editable = False
        self.row = row = ttk.Frame(self)
        row.pack(fill="x")
        RLabel(row, text=Attendance.SESSION).pack(side="right")
        self.session_box = self._session_box([])
        self.controls: list[RButton] = []
        if self.can_mark:
            self.save_button = RButton(
                row, text=Attendance.SAVE, bootstyle="primary", command=self.save
            )
            self.save_button.pack(side="left")
            self.controls.append(self.save_button)
            buttons = ttk.Frame(self)
            buttons.pack(fill="x", pady=(6, 4))
            for mark, label in [*ATTENDANCE_MARK_NAMES.items(), (None, Attendance.CLEAR)]:
                button = RButton(
                    buttons,
                    text=label,
                    bootstyle="secondary-outline",
                    command=functools.partial(self.set_mark, mark),
                )
                button.pack(side="right", padx=(0, 6))
                self.controls.append(button)
            RLabel(buttons, text=Attendance.KEYS, bootstyle="secondary", font="-size 9").pack(
                side="left"
            )
        else:
            RLabel(self, text=Attendance.READ_ONLY, bootstyle="secondary").pack(
                fill="x", pady=(6, 4)
            )
        self.table = PagedTable(self, self.COLUMNS, None, height=6)
        self.table.pack(fill="both", expand=True)
        if self.can_mark:
            self.table.tree.bind("<KeyPress>", self._on_key, add="+")

    def _session_box(self, choices: list[tuple[str, str]]) -> ChoiceBox:
        box = ChoiceBox(self.row, choices, width=30)
        box.pack(side="right", padx=(0, 6))
        box.lower()  # made again for each course: Tab must still reach it before Save
        box.bind("<<ComboboxSelected>>", lambda _e: self.load_sheet(), add="+")
        return box

    def show(self, detail: CourseDetail) -> None:
        self.sessions = {record.id: record for record in detail.sessions}
        self.session_box.destroy()
        self.session_box = self._session_box(
            [(record.id, session_label(record)) for record in detail.sessions]
        )
        if not detail.sessions:
            self.session_id = None
            self.people, self.marks, self.saved = {}, {}, {}
            self.table.set_source(None)
            self._enable(False)
            return
        if self.session_id not in self.sessions:
            held = [r.id for r in detail.sessions if r.held_on <= dt.date.today()]
            self.session_id = held[-1] if held else detail.sessions[0].id
        self.session_box.set_key(self.session_id or "")
        self.load_sheet()

    def load_sheet(self) -> None:
        self.session_id = self.session_box.get_key() or self.session_id
        if self.session_id is None:
            return
        session_id = self.session_id
        sheet = self.page.attempt(
            lambda: enrollment.attendance_sheet(self.page.session, session_id)
        )
        if sheet is None:
            return
        self.marks = {row.enrollment_id: row.mark for row in sheet.rows}
        self.saved = dict(self.marks)
        self.people = {
            row.enrollment_id: (row.full_name, row.national_code, row.percent) for row in sheet.rows
        }
        self.editable = sheet.editable
        self._enable(True)  # an attempt on a sheet that cannot be marked says why
        self._draw()

    def _enable(self, on: bool) -> None:
        for button in self.controls:
            button.configure(state="normal" if on else "disabled")

    def _draw(self) -> None:
        rows = [
            (
                key,
                (
                    name,
                    code,
                    ATTENDANCE_MARK_NAMES.get(self.marks.get(key) or "", ""),
                    percent_text(percent),
                ),
            )
            for key, (name, code, percent) in self.people.items()
        ]
        self.table.source = ListSource([c.key for c in self.COLUMNS], rows)
        self.table.refresh()

    def set_mark(self, mark: str | None, *, advance: bool = False) -> None:
        if not self._may_mark():
            return
        key = self.table.selected_id
        if key is None or key not in self.marks:
            self.page.say(Page.SELECT_FIRST, "warning")
            return
        self.marks[key] = mark
        self._draw()
        if advance:
            self.table.move_selection(1)

    def _on_key(self, event: tk.Event) -> str | None:
        char = (event.char or "").lower()
        if char in MARK_KEYS:
            mark = MARK_KEYS[char]
        elif event.keysym in MARK_KEYSYMS:
            mark = MARK_KEYSYMS[event.keysym]
        else:
            return None
        self.set_mark(mark, advance=True)
        return "break"

    def _may_mark(self) -> bool:
        """Whether this sheet can be marked; if not, the person who tried is told why
        (never before they try: see desktop/views/widgets/message_line.py)."""
        if self.session_id is None:
            self.page.say(Attendance.NO_SESSIONS, "warning")
            return False
        if not self.editable:
            self.page.say(Attendance.NOT_EDITABLE, "warning")
            return False
        return True

    def save(self) -> None:
        if not self._may_mark():
            return
        session_id = self.session_id
        assert session_id is not None  # _may_mark: a sheet is open
        changes = {key: mark for key, mark in self.marks.items() if self.saved.get(key) != mark}
        count = self.page.attempt(
            lambda: enrollment.mark_attendance(self.page.session, session_id, changes)
        )
        if count is None:
            return
        # The session's own date (logical), never the choice box's drawn text.
        day = format_jalali(self.sessions[session_id].held_on)
        self.page.reload()
        self.page.say(Attendance.SAVED.format(day=day, count=format_number(count)))
