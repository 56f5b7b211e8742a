"""Courses in the states tests need: from a form's values, finished with attendance and
scores, running with every session held, weekly around today."""

from __future__ import annotations

import datetime as dt

from desktop.services import applicants, course_changes, courses, enrollment
from desktop.services.courses import CourseInput, persian_weekday
from tests.factories import register

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
WEEK = dt.timedelta(days=7)
EVERY_DAY = "0,1,2,3,4,5,6"


def course_input(trainer_id, **changes):
    """Ten daily sessions ending today (all held), unless changed."""
    values = {
        "title": "خیاطی مقدماتی",
        "field": "پوشاک",
        "trainer_id": trainer_id,
        "hours": "40",
        "capacity": "3",
        "starts_on": TODAY - 9 * DAY,
        "ends_on": TODAY,
        "weekdays": EVERY_DAY,
        "time_text": "۹ تا ۱۲",
        "location": "کارگاه مرکز",
        "passing_score": "",
        "status": "running",
    }
    values.update(changes)
    return CourseInput(**values)


def make_course(session, trainer_id, **changes):
    return courses.create_course(session, course_input(trainer_id, **changes))


def people(session, count, **changes):
    return [register(session, **changes) for _ in range(count)]


def mark_days(session, course_id, pattern):
    """pattern: {enrollment id: "PPPAE…"}, one letter per session in date order
    (P present, A absent, E excused, . unmarked)."""
    letters = {"P": "present", "A": "absent", "E": "excused", ".": None}
    sessions = courses.course_sessions(session, course_id)
    for index, meeting in enumerate(sessions):
        marks = {eid: letters[days[index]] for eid, days in pattern.items()}
        enrollment.mark_attendance(session, meeting.id, marks)


def finished_course(admin, trainer_id, patterns, *, scores=None, **changes):
    """A finished course with one enrollee per attendance pattern; returns
    (course, [enrollment ids])."""
    course = make_course(admin, trainer_id, capacity=str(max(len(patterns), 1)), **changes)
    ids = [enrollment.enroll(admin, course.id, pid).id for pid in people(admin, len(patterns))]
    mark_days(admin, course.id, dict(zip(ids, patterns, strict=True)))
    if scores is not None:
        enrollment.set_scores(admin, course.id, dict(zip(ids, scores, strict=True)))
    course_changes.set_course_status(admin, course.id, "finished")
    return courses.get_course(admin, course.id), ids


def course(session, title="خیاطی مقدماتی", *, capacity=2, status="running", trainer_id=None):
    """A course of three daily sessions, all held; returns its record."""
    return courses.create_course(
        session,
        CourseInput(
            title=title,
            trainer_id=trainer_id or session.user_id,
            hours=30,
            capacity=capacity,
            starts_on=TODAY - 3 * DAY,
            ends_on=TODAY - DAY,
            weekdays=list(range(7)),
            status=status,
        ),
    )


def past_course(admin, capacity: int = 1, passing: int | None = 60) -> str:
    """A running course whose three daily sessions have all been held."""
    return courses.create_course(
        admin,
        CourseInput(
            title="خیاطی مقدماتی",
            trainer_id=admin.user_id,
            hours=30,
            capacity=capacity,
            starts_on=TODAY - 3 * DAY,
            ends_on=TODAY - DAY,
            weekdays=list(range(7)),
            passing_score=passing if passing is not None else "",
            status="running",
        ),
    ).id


def weekly_course(admin) -> str:
    """Running, on today's weekday from two weeks ago to two weeks ahead: five sessions,
    three of them held (two weeks ago, last week, today)."""
    return courses.create_course(
        admin,
        CourseInput(
            title="خیاطی مقدماتی",
            trainer_id=admin.user_id,
            hours=20,
            capacity=5,
            starts_on=TODAY - 2 * WEEK,
            ends_on=TODAY + 2 * WEEK,
            weekdays=[persian_weekday(TODAY)],
            time_text="۹ تا ۱۲",
            status="running",
        ),
    ).id


def enrollment_code(admin, applicant_id: str) -> str:
    """What a clerk types to find the person in the enrol search: their national code."""
    return applicants.get(admin, applicant_id).national_code
