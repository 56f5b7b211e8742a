"""Every kind of course write lands in the change log, in the same transaction, holding
the row as it is after the change: the sync file to headquarters is built from these
entries alone, so an entry that lags its row (or is missing) loses data silently.

One walk through a course's life — plan it, move a session, enrol, withdraw, mark,
score, finish, issue, print, revoke — checking after each step that the latest entry of
each row it touched equals the row read back from its table.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from desktop.models import (
    Attendance,
    CenterKey,
    Certificate,
    ChangeLog,
    Course,
    CourseSession,
    Enrollment,
    SyncedModel,
)
from desktop.models.base import sync_row_of
from desktop.services import (
    auth,
    certificate_printing,
    certificates,
    course_changes,
    courses,
    enrollment,
    users,
)
from desktop.services.courses import CourseInput
from tests.factories import register

TODAY = dt.date.today()


def latest_entry(model: type[SyncedModel], row_id: object) -> ChangeLog:
    entry = (
        ChangeLog.select()
        .where((ChangeLog.entity == model._meta.table_name) & (ChangeLog.entity_id == str(row_id)))
        .order_by(ChangeLog.seq.desc())
        .first()
    )
    assert entry is not None, f"no change-log entry for {model.__name__} {row_id}"
    return entry


def assert_logged(model: type[SyncedModel], row_id: object, operation: str) -> None:
    """The latest entry of the row is `operation` and holds the row as stored now."""
    entry = latest_entry(model, row_id)
    stored: dict[str, Any] = model.get_by_id(row_id).__data__
    assert entry.operation == operation
    assert json.loads(entry.data) == sync_row_of(model, stored)


@pytest.fixture
def trainer(admin):
    users.add_user(
        admin, username="trainer1", display_name="علی رضایی", role="trainer", password="12345678"
    )
    return auth.login("trainer1", "12345678")


@pytest.fixture
def course(admin, trainer):
    """A running course of two seats, three daily sessions ending today."""
    certificates.save_certificate_settings(admin, manager_name="پروین اعتمادی", logo_path="")
    data = CourseInput(
        title="خیاطی مقدماتی",
        trainer_id=trainer.user_id,
        hours="40",
        capacity="2",
        starts_on=TODAY - dt.timedelta(days=2),
        ends_on=TODAY,
        weekdays="0,1,2,3,4,5,6",
        status="running",
    )
    return courses.create_course(admin, data)


def test_course_and_session_writes_are_logged_with_the_row_after(admin, course):
    assert_logged(Course, course.id, "create")
    first, second, _ = courses.course_sessions(admin, course.id)
    for meeting in courses.course_sessions(admin, course.id):
        assert_logged(CourseSession, meeting.id, "create")

    edited = courses.to_input(course)
    edited.capacity = "3"
    edited.location = "کارگاه مرکز"
    course_changes.update_course(admin, course.id, edited)
    assert_logged(Course, course.id, "update")
    course_changes.set_course_status(admin, course.id, "cancelled")
    assert_logged(Course, course.id, "update")
    course_changes.set_course_status(admin, course.id, "planned")
    assert_logged(Course, course.id, "update")

    courses.remove_course_session(admin, first.id)
    assert_logged(CourseSession, first.id, "delete")
    courses.move_course_session(admin, second.id, first.held_on, note="جبرانی")
    assert_logged(CourseSession, second.id, "update")
    added = courses.add_course_session(admin, course.id, second.held_on)
    assert_logged(CourseSession, added.id, "create")


def test_people_results_and_certificates_are_logged_with_the_row_after(
    admin, course, monkeypatch, tmp_path
):
    first, second, third = (register(admin) for _ in range(3))
    seated = enrollment.enroll(admin, course.id, first)
    assert_logged(Enrollment, seated.id, "create")
    other = enrollment.enroll(admin, course.id, second).id
    waiting = enrollment.enroll(admin, course.id, third)
    assert waiting.status == "waitlisted"
    assert_logged(Enrollment, waiting.id, "create")

    enrollment.withdraw(admin, other, "جابه‌جایی محل زندگی")
    assert_logged(Enrollment, other, "update")
    assert_logged(Enrollment, waiting.id, "update")  # moved up into the seat set free

    meetings = courses.course_sessions(admin, course.id)
    for meeting in meetings:
        enrollment.mark_attendance(admin, meeting.id, {seated.id: "present", waiting.id: "absent"})
    marks = list(Attendance.select().where(Attendance.enrollment == seated.id))
    assert len(marks) == len(meetings)
    for mark in marks:
        assert_logged(Attendance, mark.id, "create")
    enrollment.mark_attendance(admin, meetings[0].id, {waiting.id: "present"})
    changed = Attendance.get(
        (Attendance.enrollment == waiting.id) & (Attendance.session == meetings[0].id)
    )
    assert_logged(Attendance, changed.id, "update")
    enrollment.mark_attendance(admin, meetings[0].id, {waiting.id: None})
    assert_logged(Attendance, changed.id, "delete")

    enrollment.set_scores(admin, course.id, {seated.id: "۸۷٫۵"})
    assert_logged(Enrollment, seated.id, "update")
    course_changes.set_course_status(admin, course.id, "finished")
    assert Enrollment.get_by_id(seated.id).status == "completed"
    assert_logged(Enrollment, seated.id, "update")  # settled
    assert_logged(Enrollment, waiting.id, "update")  # failed: attendance too low

    issued = certificates.issue_certificate(admin, seated.id)
    assert_logged(Certificate, issued.id, "create")
    assert_logged(CenterKey, CenterKey.get().id, "create")

    monkeypatch.setattr(certificate_printing, "_renderer", lambda: lambda *a, **k: None)
    certificates.print_certificates(admin, [issued.id], tmp_path / "one.pdf")
    assert Certificate.get_by_id(issued.id).print_count == 1
    assert_logged(Certificate, issued.id, "update")

    certificates.revoke_certificate(admin, issued.id, "نام پدر نادرست نوشته شده بود")
    assert Certificate.get_by_id(issued.id).revoked
    assert_logged(Certificate, issued.id, "update")
