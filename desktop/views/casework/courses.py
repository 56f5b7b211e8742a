"""The courses tab: the applicant's enrollments, and enrolling them from their file.

The table shows each course the person is in (a trainer sees only their own), with
the enrollment's status, attendance, score and certificate. Attendance and
certificates come from each course's page data (`enrollment.course_detail`): a person
is in a handful of courses, so one read per course is cheap and keeps the rules of
attendance in the service. Admins and clerks get a side form that enrolls the person
in a course open for enrollment; a full course puts them on the waiting list, and a
second enrollment is refused by the service, whose message is shown. Enrolling may
move the programme status to «in training», so it emits CHANGED.

Course codes and certificate serials are shown as printed and as typed at the
verification counter: ASCII, left to right, never cut short. The tab shares the page
with the side form, so the table keeps to the columns that fit beside it; the line
under the table tells the rest of the selected row: when the person enrolled and, for
a withdrawal (whose status cell starts the reason), when and why they withdrew.
"""

from __future__ import annotations

import tkinter as tk
from functools import partial

from desktop.context import AppContext
from desktop.services import courses, enrollment
from desktop.services.courses import CourseRecord
from desktop.services.enrollment import ApplicantCourse, Enrollee, format_score
from desktop.strings.casework_views import ApplicantCourses as Text
from desktop.strings.course_views import FileCourses, Withdrawn
from desktop.strings.courses import ENROLLMENT_STATUS_NAMES
from desktop.text.digits import format_number
from desktop.text.display import ltr_in_rtl
from desktop.text.jalali import format_jalali
from desktop.views.casework.base import ENTRY_WIDTH, CaseworkTab, OpenApplicant, add_field
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel, t
from desktop.views.widgets.sources import ListSource

# Courses that still take people (finished and cancelled ones refuse).
ENROLLING_STATUSES = ("open", "running", "planned")

# Beside the side form a 1280-pixel window leaves the table about 575 pixels: a code
# («DEMO01-C-0003») and a serial («DEMO01-1405-000009») need 122 and 161 whole.
COURSE_COLUMNS = [
    Column("code", Text.CODE, 122, kind="identifier"),  # as printed
    Column("title", Text.TITLE, 100, main=True),
    Column("status", Text.STATUS, 100),
    Column("attendance", Text.ATTENDANCE, 56, kind="number"),
    Column("score", Text.SCORE, 40, sortable=False),
    Column("certificate", Text.CERTIFICATE, 161, kind="identifier"),  # as printed, verified
]
DETAIL_WRAP = 340  # the table's width beside the side form in the smallest window


class CourseChoice(ChoiceBox):
    """A ChoiceBox whose courses are read again after each enrollment (seats change)."""

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        key = self.get_key()
        self._keys = [k for k, _ in choices]
        self._labels = [t(label) for _, label in choices]
        self.configure(values=self._labels)
        self.set_key(key)


def status_text(record: ApplicantCourse) -> str:
    item = record.enrollment
    if item.status == "waitlisted" and item.waitlist_position:
        return Text.WAITING.format(position=format_number(item.waitlist_position))
    if item.status == "withdrawn" and item.withdrawn_reason:
        return Withdrawn.STATUS.format(reason=item.withdrawn_reason)
    return ENROLLMENT_STATUS_NAMES.get(item.status, item.status)


def detail_text(record: ApplicantCourse) -> str:
    """The selected row in full: when they enrolled and, if they left, when and why."""
    item = record.enrollment
    enrolled = format_jalali(item.enrolled_on)
    if item.status != "withdrawn":
        return FileCourses.ENROLLED.format(title=record.course_title, date=enrolled)
    return FileCourses.WITHDRAWN.format(
        title=record.course_title,
        date=enrolled,
        withdrawn_on=format_jalali(item.withdrawn_on),
        reason=item.withdrawn_reason,
    )


def certificate_text(enrollee: Enrollee | None) -> str:
    if enrollee is None or not enrollee.certificate_serial:
        return ""
    if enrollee.certificate_revoked:
        return Text.REVOKED.format(serial=enrollee.certificate_serial)
    return enrollee.certificate_serial


def course_label(course: CourseRecord) -> str:
    seats = (
        Text.FREE_SEATS.format(count=format_number(course.free_seats))
        if course.free_seats
        else Text.FULL
    )
    return Text.CHOICE.format(code=ltr_in_rtl(course.code), title=course.title, seats=seats)


class CoursesTab(CaseworkTab):
    """The person's courses; admins and clerks enroll them in one open for enrollment."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.records: dict[str, ApplicantCourse] = {}
        self.open_courses: dict[str, CourseRecord] = {}
        form = self.build_form(Text.ADD_TITLE)
        if form is not None:
            self.course = add_field(
                form,
                "course",
                Text.COURSE,
                lambda p: CourseChoice(p, [], width=ENTRY_WIDTH),
                hint=Text.COURSE_HINT,
            )
            self.enroll_button = form.add_widget(
                lambda p: RButton(p, text=Text.ENROLL, bootstyle="primary", command=self.save)
            )
        self.source = ListSource([c.key for c in COURSE_COLUMNS], [])
        self.table = PagedTable(
            self.main, COURSE_COLUMNS, self.source, height=6, empty_text=Text.EMPTY
        )
        self.table.pack(fill="both", expand=True)
        self.detail = RLabel(self.main, text="", bootstyle="secondary", wraplength=DETAIL_WRAP)
        self.detail.pack(fill="x", pady=(4, 0))
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self.show_selected(), add="+")
        self.refresh()

    def show_selected(self) -> None:
        record = self.records.get(self.table.selected_id or "")
        self.detail.set_text(detail_text(record) if record is not None else "")

    def refresh(self, select: str | None = None) -> None:
        records = self.load(
            lambda: enrollment.applicant_enrollments(self.session, self.applicant_id)
        )
        self.records = {record.enrollment.id: record for record in records}
        enrollees = self.load_enrollees(records)
        self.source.rows = [
            (
                record.enrollment.id,
                (
                    record.course_code,
                    record.course_title,
                    status_text(record),
                    _percent(enrollees.get(record.enrollment.id)),
                    format_score(record.enrollment.score),
                    certificate_text(enrollees.get(record.enrollment.id)),
                ),
            )
            for record in records
        ]
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()
        self.show_selected()
        if self.form is not None:
            self.load_courses()

    def load_enrollees(self, records: list[ApplicantCourse]) -> dict[str, Enrollee]:
        """Attendance and certificate of each seated enrollment, by enrollment id."""
        found: dict[str, Enrollee] = {}
        for course_id in {record.enrollment.course_id for record in records}:
            detail = self.attempt(partial(enrollment.course_detail, self.session, course_id))
            for enrollee in detail.enrollees if detail is not None else []:
                if enrollee.enrollment.applicant_id == self.applicant_id:
                    found[enrollee.enrollment.id] = enrollee
        return found

    def load_courses(self) -> None:
        """The courses open for enrollment, newest start first, for the side form."""
        found: list[CourseRecord] = []
        for status in ENROLLING_STATUSES:
            found += self.load(partial(courses.list_courses, self.session, status=status))
        found.sort(key=lambda course: (course.starts_on, course.code), reverse=True)
        self.open_courses = {course.id: course for course in found}
        self.course.set_choices([(course.id, course_label(course)) for course in found])
        if not found:
            self.say(Text.NO_OPEN_COURSES, "secondary")
        elif not self.course.get_key():
            self.course.set_key(found[0].id)

    def save(self) -> None:
        if self.form is None:
            return
        course_id = self.course.get_key()
        if not course_id:
            self.say(Text.SELECT_COURSE, "warning")
            return
        record = self.attempt(lambda: enrollment.enroll(self.session, course_id, self.applicant_id))
        if record is None:
            return
        title = self.open_courses[course_id].title if course_id in self.open_courses else ""
        self.refresh(select=record.id)
        if record.status == "waitlisted":
            position = format_number(record.waitlist_position or 0)
            self.say(Text.WAITLISTED.format(title=title, position=position), "warning")
        else:
            self.say(Text.ENROLLED.format(title=title))
        self.changed()


def _percent(enrollee: Enrollee | None) -> int | None:
    return enrollee.completion.percent if enrollee is not None else None
