"""What the course page's tabs share: who may do what, and how rows read.

Rights: the services enforce every role rule; the page only avoids offering a button
that can end in nothing but «permission denied». The services say who may run a
course (`courses.RUNNERS`: sessions, attendance, scores, status), sign certificates
(`certificates.SIGNERS`: issue, print) and enroll (`enrollment.ENROLLERS`). A trainer
can open only the pages of courses they train (`courses.readable_course`), so on a
page that opened, the role alone decides; `course_rights` reads those lists and is
the one place in the views that does.

Identifiers (course codes, certificate serials) are shown as they are printed and
typed at the verification counter: ASCII, left to right. Dates and counts are shown
with Persian digits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.services import certificates, courses, enrollment
from desktop.services.courses import CourseSessionRecord
from desktop.services.enrollment import Enrollee
from desktop.services.session import Session
from desktop.strings.course_views import DONE_MARK, PERCENT, Attendance
from desktop.text.digits import format_number
from desktop.text.jalali import WEEKDAY_NAMES, format_jalali, weekday_index


@dataclass(frozen=True)
class CourseRights:
    run: bool  # sessions, attendance, scores, the course's status and form
    sign: bool  # issue and print certificates
    enroll: bool  # enroll from the registry, withdraw


def course_rights(session: Session) -> CourseRights:
    """What this session may do on a course page it could open (see the docstring)."""
    return CourseRights(
        run=session.role in courses.RUNNERS,
        sign=session.role in certificates.SIGNERS,
        enroll=session.role in enrollment.ENROLLERS,
    )


def result_text(enrollee: Enrollee) -> str:
    if enrollee.completion.completed:
        return DONE_MARK
    return " ".join(enrollee.completion.reasons)


def percent_text(percent: int | None) -> str:
    return "" if percent is None else PERCENT.format(number=format_number(percent))


def weekday_name(day: dt.date) -> str:
    return WEEKDAY_NAMES[weekday_index(day)]


def session_label(record: CourseSessionRecord) -> str:
    """«۱۴۰۵/۰۲/۰۳ پنجشنبه — ۳ علامت», for the attendance tab's session choice."""
    return Attendance.SESSION_LABEL.format(
        day=format_jalali(record.held_on),
        weekday=weekday_name(record.held_on),
        marked=format_number(record.marked),
    )
