"""One course: its header, and tabs for enrollees, attendance, scores and certificates.

The page reads `course_detail` once and hands it to every tab; anything written
through a tab reloads the page, because one write moves several figures (a
withdrawal seats the first on the waiting list, a mark moves a percentage and
perhaps a completion). The services decide who may do what; a refusal is shown on
the page's message line, never raised into Tk.

Printing runs off the Tk thread through `context.runner` (progress and cancel). The
output path and the PDF viewer are hooks (`ask_path`, `open_pdf`) so tests run them
without dialogs or viewers.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import filedialog
from typing import Any, ClassVar, TypeVar

import ttkbootstrap as ttk

from desktop.app import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import certificates, courses, enrollment
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.courses import CourseRecord
from desktop.services.enrollment import CourseDetail, Enrollee, format_score
from desktop.services.progress import Progress
from desktop.strings.course_views import (
    DONE_MARK,
    Attendance,
    Certs,
    Columns,
    Enroll,
    Page,
    Scores,
)
from desktop.strings.courses import (
    ATTENDANCE_MARK_NAMES,
    COURSE_STATUS_NAMES,
    ENROLLMENT_STATUS_NAMES,
)
from desktop.text.digits import persian_digits
from desktop.text.jalali import format_jalali
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel, rtl_notebook_style, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.scroll_area import ScrollArea
from desktop.views.widgets.sources import ListSource

_T = TypeVar("_T")
AskPath = Callable[[tk.Misc, str], str]
OpenPdf = Callable[[Path], None]
WRAP = 900
# Keys of quick attendance entry, by character: Latin, Persian layout, digits of both.
MARK_KEYS = {
    "p": "present",
    "ح": "present",
    "1": "present",
    "۱": "present",
    "a": "absent",
    "ش": "absent",
    "2": "absent",
    "۲": "absent",
    "e": "excused",
    "ث": "excused",
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


def ask_pdf_path(parent: tk.Misc, initial: str) -> str:
    """The system's save dialog for a PDF; "" when the user cancels."""
    return filedialog.asksaveasfilename(
        parent=parent,
        title=t(Certs.SAVE_TITLE),
        initialfile=initial,
        defaultextension=".pdf",
        filetypes=[("PDF", "*.pdf")],
    )


def open_with_system(path: Path) -> None:
    """Open a file with the system's viewer, without waiting for it."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]
    else:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen([opener, str(path)], start_new_session=True)


def result_text(enrollee: Enrollee) -> str:
    if enrollee.completion.completed:
        return DONE_MARK
    return " ".join(enrollee.completion.reasons)


def percent_text(percent: int | None) -> str:
    return "" if percent is None else f"{persian_digits(percent)}٪"


class CoursePage(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        course_id: str,
        *,
        on_back: Callable[..., None] = lambda **_k: None,
        on_edit: Callable[[CourseRecord], object] = lambda _r: None,
        ask_path: AskPath = ask_pdf_path,
        open_pdf: OpenPdf = open_with_system,
    ):
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.course_id = course_id
        self.ask_path = ask_path
        self.open_pdf = open_pdf
        self.detail = enrollment.course_detail(self.session, course_id)  # UserError: unreadable
        super().__init__(master, padding=12)
        self.can_run = self.session.role in courses.RUNNERS
        self.on_edit = on_edit

        top = ttk.Frame(self)
        top.pack(fill="x")
        self.title_label = RLabel(top, text="", font="-size 16 -weight bold")
        self.title_label.pack(side="right")
        RButton(top, text=Page.BACK, bootstyle="secondary-outline", command=lambda: on_back()).pack(
            side="left"
        )
        if self.can_run:
            RButton(
                top,
                text=Page.EDIT,
                bootstyle="secondary-outline",
                command=lambda: on_edit(self.detail.course),
            ).pack(side="left", padx=(8, 0))
            self.status_box = ChoiceBox(top, list(COURSE_STATUS_NAMES.items()), width=16)
            RButton(
                top, text=Page.CHANGE_STATUS, bootstyle="primary", command=self.change_status
            ).pack(side="left", padx=(8, 0))
            self.status_box.pack(side="left", padx=(8, 0))
        self.facts = RLabel(self, text="", bootstyle="secondary")
        self.facts.pack(fill="x", pady=(4, 0))
        self.facts2 = RLabel(self, text="", bootstyle="secondary")
        self.facts2.pack(fill="x")
        self.message = RLabel(self, text="", wraplength=WRAP)
        self.message.pack(fill="x", pady=(4, 4))

        self.notebook = ttk.Notebook(self, style=rtl_notebook_style())
        self.notebook.pack(fill="both", expand=True)
        self.enrollees = EnrolleesTab(self.notebook, self)
        self.attendance = AttendanceTab(self.notebook, self)
        self.scores = ScoresTab(self.notebook, self)
        self.certificates = CertificatesTab(self.notebook, self)
        self.tabs = (self.enrollees, self.attendance, self.scores, self.certificates)
        # Right to left: the first tab stands rightmost, so add them in reverse.
        for tab, text in reversed(
            list(
                zip(
                    self.tabs,
                    (
                        Page.TAB_ENROLLEES,
                        Page.TAB_ATTENDANCE,
                        Page.TAB_SCORES,
                        Page.TAB_CERTIFICATES,
                    ),
                    strict=True,
                )
            )
        ):
            self.notebook.add(tab, text=t(text))
        self.notebook.select(self.enrollees)
        self.show()

    # -- reading ---------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.detail = enrollment.course_detail(self.session, self.course_id)
        except UserError as error:
            self.say(error.message, "danger")
            return
        self.show()

    def show(self) -> None:
        course = self.detail.course
        self.title_label.set_text(course.title)
        status = COURSE_STATUS_NAMES.get(course.status, course.status)
        facts = [
            Page.CODE.format(code=persian_digits(course.code)),
            status,
            Page.DATES.format(
                start=format_jalali(course.starts_on), end=format_jalali(course.ends_on)
            ),
            Page.HOURS.format(hours=persian_digits(course.hours)),
        ]
        self.facts.set_text(" — ".join(facts))
        more = [Page.TRAINER.format(name=course.trainer_name)]
        if course.partner_name:
            more.append(Page.PARTNER.format(name=course.partner_name))
        more.append(
            Page.SEATS.format(
                enrolled=persian_digits(course.enrolled),
                capacity=persian_digits(course.capacity),
                waiting=persian_digits(course.waitlisted),
            )
        )
        self.facts2.set_text(" — ".join(more))
        if self.can_run:
            self.status_box.set_key(course.status)
        for tab in self.tabs:
            tab.show(self.detail)

    # -- writing ---------------------------------------------------------------------

    def attempt(self, action: Callable[[], _T]) -> _T | None:
        """Run a service call; a refusal goes to the message line."""
        try:
            return action()
        except ValidationError as error:
            self.say(" ".join(dict.fromkeys(error.errors.values())), "danger")
        except UserError as error:
            self.say(error.message, "danger")
        return None

    def change_status(self) -> None:
        status = self.status_box.get_key()
        record = self.attempt(
            lambda: courses.set_course_status(self.session, self.course_id, status)
        )
        if record is not None:
            self.reload()
            self.say(Page.STATUS_CHANGED.format(status=COURSE_STATUS_NAMES[record.status]))

    def say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def focus_default(self) -> None:
        self.enrollees.find.focus_set()


class EnrolleesTab(ttk.Frame):
    """Who is in the course (and waiting), enrolling from the registry, withdrawing."""

    COLUMNS: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 170),
        Column("national_code", Columns.NATIONAL_CODE, 100, kind="identifier"),
        Column("status", Columns.STATUS, 120),
        Column("attendance", Columns.ATTENDANCE, 60, kind="identifier"),
        Column("score", Columns.SCORE, 60, kind="identifier"),
        Column("result", Columns.RESULT, 360),
    ]
    FOUND: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 200),
        Column("national_code", Columns.NATIONAL_CODE, 110, kind="identifier"),
        Column("file_number", Columns.FILE_NUMBER, 120, kind="identifier"),
    ]

    def __init__(self, master: tk.Misc, page: CoursePage):
        super().__init__(master, padding=8)
        self.page = page
        row = ttk.Frame(self)
        row.pack(fill="x")
        RLabel(row, text=Enroll.FIND).pack(side="right")
        self.find = RtlEntry(row, width=28)
        self.find.pack(side="right", padx=(0, 6))
        RButton(row, text=Enroll.SEARCH, bootstyle="secondary-outline", command=self.search).pack(
            side="right", padx=(0, 6)
        )
        RButton(row, text=Enroll.ENROLL, bootstyle="primary", command=self.enroll_selected).pack(
            side="right", padx=(0, 6)
        )
        for sequence in ("<Return>", "<KP_Enter>"):
            self.find.bind(sequence, lambda _e: (self.search(), "break")[1])
        self.found = PagedTable(self, self.FOUND, None, on_activate=self.enroll, height=3)
        self.found.pack(fill="x", pady=(4, 8))
        self.table = PagedTable(self, self.COLUMNS, None, height=8)
        self.table.pack(fill="both", expand=True)
        bottom = ttk.Frame(self)
        bottom.pack(fill="x", pady=(6, 0))
        RLabel(bottom, text=Enroll.REASON).pack(side="right")
        self.reason = RtlEntry(bottom, width=40)
        self.reason.pack(side="right", padx=(0, 6))
        RButton(
            bottom, text=Enroll.WITHDRAW, bootstyle="danger-outline", command=self.withdraw
        ).pack(side="right", padx=(0, 6))
        self.names: dict[str, str] = {}
        self.found_ids: list[str] = []

    def show(self, detail: CourseDetail) -> None:
        rows: list[tuple[str, tuple[Any, ...]]] = []
        for enrollee in detail.enrollees:
            record = enrollee.enrollment
            rows.append(
                (
                    record.id,
                    (
                        record.full_name,
                        record.national_code,
                        ENROLLMENT_STATUS_NAMES.get(record.status, record.status),
                        percent_text(enrollee.completion.percent),
                        format_score(record.score),
                        result_text(enrollee),
                    ),
                )
            )
        for record in detail.waitlist:
            position = persian_digits(record.waitlist_position or 0)
            rows.append(
                (
                    record.id,
                    (
                        record.full_name,
                        record.national_code,
                        Enroll.WAITING.format(position=position),
                        "",
                        "",
                        "",
                    ),
                )
            )
        self.names = {row_id: values[0] for row_id, values in rows}
        self.table.source = ListSource([c.key for c in self.COLUMNS], rows)
        self.table.refresh()

    def search(self) -> None:
        text = self.find.get().strip()
        if not text:
            return
        search = ApplicantSearch(self.page.session, text)
        keys = list(ApplicantSearch.keys)
        rows = []
        for row_id, values in search.fetch(0, 20, None, False):
            value = dict(zip(keys, values, strict=True))
            name = f"{value['first_name']} {value['last_name']}"
            rows.append((row_id, (name, value["national_code"], value["file_number"])))
        self.found_ids = [row_id for row_id, _values in rows]
        self.found.set_source(ListSource([c.key for c in self.FOUND], rows))
        if not rows:
            self.page.say(Enroll.NO_MATCH, "warning")
            return
        self.found.select_index(0)
        self.found.tree.focus_set()

    def enroll_selected(self) -> None:
        """The button: the chosen search result, or the only one (searching first)."""
        if self.found.selected_id is None and not self.found_ids:
            self.search()
        chosen = self.found.selected_id
        if chosen is None and len(self.found_ids) == 1:
            chosen = self.found_ids[0]
        if chosen is None:
            if self.found_ids:
                self.page.say(Page.SELECT_FIRST, "warning")
            return
        self.enroll(chosen)

    def enroll(self, applicant_id: str) -> None:
        page = self.page
        record = page.attempt(lambda: enrollment.enroll(page.session, page.course_id, applicant_id))
        if record is None:
            return
        self.found.set_source(None)
        self.found_ids = []
        self.find.set("")
        page.reload()
        if record.status == "waitlisted":
            position = persian_digits(record.waitlist_position or 0)
            page.say(Enroll.WAITLISTED.format(name=record.full_name, position=position), "warning")
        else:
            page.say(Enroll.ENROLLED.format(name=record.full_name))
        self.find.focus_set()

    def withdraw(self) -> None:
        page = self.page
        enrollment_id = self.table.selected_id
        if enrollment_id is None:
            page.say(Page.SELECT_FIRST, "warning")
            return
        reason = self.reason.get()
        record = page.attempt(lambda: enrollment.withdraw(page.session, enrollment_id, reason))
        if record is not None:
            self.reason.set("")
            page.reload()
            page.say(Enroll.WITHDRAWN.format(name=record.full_name))


class AttendanceTab(ttk.Frame):
    """One session's sheet: pick the session, mark each row by key or button, save."""

    COLUMNS: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 200),
        Column("national_code", Columns.NATIONAL_CODE, 110, kind="identifier"),
        Column("mark", Columns.MARK, 130),
        Column("percent", Columns.ATTENDANCE, 80, kind="identifier"),
    ]

    def __init__(self, master: tk.Misc, page: CoursePage):
        super().__init__(master, padding=8)
        self.page = page
        self.session_id: str | None = None
        self.marks: dict[str, str | None] = {}
        self.saved: dict[str, str | None] = {}
        self.people: dict[str, tuple[str, str, int | None]] = {}
        row = ttk.Frame(self)
        row.pack(fill="x")
        RLabel(row, text=Attendance.SESSION).pack(side="right")
        self.session_box = ChoiceBox(row, [], width=26)
        self.session_box.pack(side="right", padx=(0, 6))
        self.session_box.bind("<<ComboboxSelected>>", lambda _e: self.load_sheet(), add="+")
        self.save_button = RButton(
            row, text=Attendance.SAVE, bootstyle="primary", command=self.save
        )
        self.save_button.pack(side="left")
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(6, 4))
        for mark, label in [*ATTENDANCE_MARK_NAMES.items(), (None, Attendance.CLEAR)]:
            RButton(
                buttons,
                text=label,
                bootstyle="secondary-outline",
                command=lambda m=mark: self.set_mark(m),  # type: ignore[misc]
            ).pack(side="right", padx=(0, 6))
        RLabel(buttons, text=Attendance.KEYS, bootstyle="secondary", font="-size 9").pack(
            side="left"
        )
        self.table = PagedTable(self, self.COLUMNS, None, height=10)
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<KeyPress>", self._on_key, add="+")

    def show(self, detail: CourseDetail) -> None:
        choices = [
            (
                record.id,
                Attendance.SESSION_LABEL.format(
                    day=format_jalali(record.held_on), marked=persian_digits(record.marked)
                ),
            )
            for record in detail.sessions
        ]
        self.session_box.destroy()
        row = self.save_button.master
        self.session_box = ChoiceBox(row, choices, width=26)
        self.session_box.pack(side="right", padx=(0, 6))
        self.session_box.bind("<<ComboboxSelected>>", lambda _e: self.load_sheet(), add="+")
        if not choices:
            self.session_id = None
            self.table.set_source(None)
            return
        ids = [record.id for record in detail.sessions]
        if self.session_id not in ids:
            held = [r.id for r in detail.sessions if r.held_on <= dt.date.today()]
            self.session_id = held[-1] if held else ids[0]
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
        if not sheet.editable:
            self.page.say(Attendance.NOT_EDITABLE, "secondary")
        self._draw()

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

    def save(self) -> None:
        if self.session_id is None:
            self.page.say(Attendance.NO_SESSIONS, "warning")
            return
        session_id = self.session_id
        changes = {key: mark for key, mark in self.marks.items() if self.saved.get(key) != mark}
        count = self.page.attempt(
            lambda: enrollment.mark_attendance(self.page.session, session_id, changes)
        )
        if count is None:
            return
        day = self.session_box.get()
        self.page.reload()
        self.page.say(
            Attendance.SAVED.format(day=day.split("—")[0].strip(), count=persian_digits(count))
        )


class ScoresTab(ttk.Frame):
    """A score field per person; save checks them all at once."""

    def __init__(self, master: tk.Misc, page: CoursePage):
        super().__init__(master, padding=8)
        self.page = page
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.note = RLabel(top, text="", bootstyle="secondary")
        self.note.pack(side="right")
        RButton(top, text=Scores.SAVE, bootstyle="primary", command=self.save).pack(side="left")
        self.area = ScrollArea(self)
        self.area.pack(fill="both", expand=True, pady=(6, 0))
        self.entries: dict[str, RtlEntry] = {}
        self.errors: dict[str, RLabel] = {}

    def show(self, detail: CourseDetail) -> None:
        for child in self.area.inner.winfo_children():
            child.destroy()
        self.entries, self.errors = {}, {}
        passing = detail.course.passing_score
        self.note.set_text(
            Scores.NOT_ASSESSED
            if passing is None
            else Scores.PASSING.format(score=persian_digits(passing))
        )
        inner = self.area.inner
        inner.columnconfigure(0, weight=1)
        if not detail.enrollees:
            RLabel(inner, text=Scores.NOBODY, bootstyle="secondary").grid(
                row=0, column=2, sticky="e"
            )
        for index, enrollee in enumerate(detail.enrollees):
            record = enrollee.enrollment
            RLabel(inner, text=record.full_name).grid(row=index, column=2, sticky="e", pady=2)
            entry = RtlEntry(inner, width=8)
            entry.set(format_score(record.score))
            entry.grid(row=index, column=1, padx=8, pady=2)
            entry.bind("<Return>", lambda _e: (self.save(), "break")[1])
            error = RLabel(inner, text="", bootstyle="danger", font="-size 9")
            error.grid(row=index, column=0, sticky="e")
            self.entries[record.id] = entry
            self.errors[record.id] = error
        self.area.wire()

    def save(self) -> None:
        for label in self.errors.values():
            label.set_text("")
        scores = {key: entry.get() for key, entry in self.entries.items()}
        page = self.page
        try:
            count = enrollment.set_scores(page.session, page.course_id, scores)
        except ValidationError as error:
            for key, message in error.errors.items():
                if key in self.errors:
                    self.errors[key].set_text(message)
            first = next((key for key in self.entries if key in error.errors), None)
            if first is not None:
                self.entries[first].focus_set()
            return
        except UserError as error:
            page.say(error.message, "danger")
            return
        page.reload()
        page.notebook.select(self)
        page.say(Scores.SAVED.format(count=persian_digits(count)))


class CertificatesTab(ttk.Frame):
    """Issue everyone's certificates at once; print them all into one PDF."""

    COLUMNS: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 200),
        Column("national_code", Columns.NATIONAL_CODE, 110, kind="identifier"),
        Column("result", Columns.RESULT, 300),
        Column("serial", Columns.CERTIFICATE, 170, kind="identifier"),
    ]

    def __init__(self, master: tk.Misc, page: CoursePage):
        super().__init__(master, padding=8)
        self.page = page
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.issue_button = RButton(
            top, text=Certs.ISSUE_ALL, bootstyle="primary", command=self.issue_all
        )
        self.issue_button.pack(side="right")
        self.print_button = RButton(
            top, text=Certs.PRINT_ALL, bootstyle="secondary", command=self.print_all
        )
        self.print_button.pack(side="right", padx=(0, 8))
        self.table = PagedTable(self, self.COLUMNS, None, height=10)
        self.table.pack(fill="both", expand=True, pady=(6, 0))

    def show(self, detail: CourseDetail) -> None:
        rows = []
        for enrollee in detail.enrollees:
            record = enrollee.enrollment
            serial = enrollee.certificate_serial
            if serial and enrollee.certificate_revoked:
                serial = f"{serial} ({Certs.REVOKED})"
            rows.append(
                (record.id, (record.full_name, record.national_code, result_text(enrollee), serial))
            )
        self.table.source = ListSource([c.key for c in self.COLUMNS], rows)
        self.table.refresh()

    def issue_all(self) -> None:
        page = self.page
        issued = page.attempt(
            lambda: certificates.issue_course_certificates(page.session, page.course_id)
        )
        if issued is None:
            return
        page.reload()
        page.notebook.select(self)
        if issued:
            page.say(Certs.ISSUED.format(count=persian_digits(len(issued))))
        else:
            page.say(Certs.NONE_TO_ISSUE, "secondary")

    def print_all(self) -> None:
        page = self.page
        chosen = page.ask_path(self, f"{page.detail.course.code}.pdf")
        if not chosen:
            return
        path = Path(chosen)
        session, course_id = page.session, page.course_id

        def work(progress: Progress) -> certificates.CoursePrint:
            return certificates.print_course(
                session, course_id, path, lambda done, total: progress.step(done, total)
            )

        page.context.runner.run(
            self, Certs.PRINTING, work, self._printed, self._failed, on_cancelled=self._cancelled
        )

    def _printed(self, result: certificates.CoursePrint) -> None:
        page = self.page
        page.reload()
        page.notebook.select(self)
        page.say(Certs.PRINTED.format(count=persian_digits(result.printed), path=result.path))
        page.open_pdf(result.path)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.page.say(error.message, "danger")
            return
        raise error

    def _cancelled(self) -> None:
        self.page.say(Certs.CANCELLED, "secondary")
