"""Changing a course people are in: edit its fields, move its status — and let its
enrollments follow.

Above `courses` (the course, its calendar and who may run it) and `enrollment` (who
takes part, who completed): a larger capacity moves people up from the waiting list,
new completion rules or finishing the course settle who completed, reopening a finished
course puts them back to «enrolled». Both writes run in one transaction with their
change-log entries and the enrollments they move.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from desktop.errors import UserError
from desktop.models import Certificate, Course, CourseStatus, Enrollment, db, writes
from desktop.services import courses, enrollment
from desktop.services.courses import CourseInput, CourseRecord
from desktop.services.session import Session
from desktop.services.validation import Collector
from desktop.strings.courses import COURSE_STATUS_NAMES
from desktop.strings.courses import Courses as Messages
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali


def update_course(session: Session, course_id: str, data: CourseInput) -> CourseRecord:
    """Save edited course fields (not its status: `set_course_status`).

    New dates or weekdays regenerate the sessions without attendance. A larger
    capacity moves people up from the waiting list; a capacity below the seats taken
    is refused, as are new completion rules once certificates are out.
    """
    course = courses.runnable_course(session, course_id)
    clean = courses.validate(session, data)
    with db.atomic():
        course = courses.load_course(course_id)
        rules_changed, calendar_changed = _check_edit(course, clean)
        old_partner = courses.fk(course, "partner")
        changed = {
            name
            for name, value in clean.items()
            if (old_partner if name == "partner" else getattr(course, name)) != value
        }
        if not changed:
            return courses.get_course(session, course_id)
        for name in changed:
            setattr(course, name, clean[name])
        writes.update(course, session)
        if calendar_changed:
            courses.regenerate_sessions(session, course)
        enrollment.fill_seats(session, course)
        if rules_changed:
            enrollment.settle(session, course)
    return courses.get_course(session, course_id)


def _check_edit(course: Course, clean: dict[str, Any]) -> tuple[bool, bool]:
    """ValidationError for an edit the course's people or calendar refuse; else
    whether the completion rules and whether the calendar change."""
    errors = Collector()
    seated = _count(course, courses.SEATED)
    if clean["capacity"] < seated:
        errors.add("capacity", Messages.CAPACITY_BELOW_ENROLLED.format(count=format_number(seated)))
    rules_changed = (
        clean["min_attendance_percent"] != course.min_attendance_percent
        or clean["passing_score"] != course.passing_score
    )
    if rules_changed and _has_certificates(course):
        errors.add("min_attendance_percent", Messages.RULES_CERTIFIED)
    calendar_changed = (
        clean["starts_on"] != course.starts_on
        or clean["ends_on"] != course.ends_on
        or clean["weekdays"] != course.weekdays
    )
    if calendar_changed and CourseStatus(course.status) in courses.CALENDAR_CLOSED:
        name = COURSE_STATUS_NAMES[course.status]
        errors.add("starts_on", Messages.COURSE_CLOSED.format(status=name))
    elif calendar_changed:
        for day in courses.marked_days(course):
            if not clean["starts_on"] <= day <= clean["ends_on"]:
                errors.add("starts_on", Messages.MARKED_OUTSIDE.format(day=format_jalali(day)))
    errors.raise_if_any()
    return rules_changed, calendar_changed


def set_course_status(session: Session, course_id: str, status: str) -> CourseRecord:
    """Move a course along (`courses.MOVES`). Finishing settles who completed and who
    did not, and moves those who completed to «trained»; reopening a finished course
    puts them back to «enrolled» until it finishes again."""
    course = courses.runnable_course(session, course_id)
    errors = Collector()
    target = courses.clean_status(status, errors)
    errors.raise_if_any()
    assert target is not None
    with db.atomic():
        course = courses.load_course(course_id)
        current = CourseStatus(course.status)
        if target is current:
            raise UserError(Messages.STATUS_SAME, code="status_same", field="status")
        if target not in courses.MOVES[current]:
            raise UserError(
                Messages.STATUS_MOVE.format(
                    current=COURSE_STATUS_NAMES[current.value],
                    target=COURSE_STATUS_NAMES[target.value],
                ),
                code="status_move",
                field="status",
            )
        if target is CourseStatus.FINISHED and course.starts_on > dt.date.today():
            raise UserError(Messages.FINISH_BEFORE_START, code="not_started", field="status")
        if current is CourseStatus.FINISHED and _has_certificates(course):
            raise UserError(Messages.REOPEN_CERTIFIED, code="certified", field="status")
        course.status = target.value
        writes.update(course, session)
        enrollment.settle(session, course)
    return courses.get_course(session, course_id)


def _has_certificates(course: Course) -> bool:
    return bool(
        Certificate.select()
        .where((Certificate.course == course.id) & (Certificate.revoked == False))  # noqa: E712
        .exists()
    )


def _count(course: Course, statuses: Sequence[str]) -> int:
    return int(
        Enrollment.select()
        .where((Enrollment.course == course.id) & Enrollment.status.in_(list(statuses)))
        .count()
    )
