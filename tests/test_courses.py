"""Courses, sessions, enrollment, attendance and completion (services, no Tk).

The helpers at the top are shared with tests/test_certificates.py and
tests/test_cli_courses.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from peewee import SqliteDatabase

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import (
    Applicant,
    Attendance,
    ChangeLog,
    Course,
    CourseSession,
    Enrollment,
    Partner,
    StatusChange,
)
from desktop.models.db import close_database
from desktop.models.migrations import current_version, migrate_to_latest
from desktop.models.opening import open_database
from desktop.services import applicants, auth, course_changes, courses, enrollment
from desktop.services.courses import CourseInput
from desktop.strings.courses import Completion as Reasons
from desktop.strings.courses import Courses as Messages
from desktop.strings.courses import Enrollments
from desktop.text.jalali import format_jalali
from tests.helpers.courses import (
    course_input,
    finished_course,
    make_course,
    mark_days,
    people,
)
from tests.helpers.people import login_as

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


# -- shared helpers ----------------------------------------------------------------------


@pytest.fixture
def trainer(admin):
    """(user id, logged-in session) of a trainer."""
    session = login_as(admin, "trainer1", "trainer", "علی رضایی")
    return session.user_id, session


def logs_since(seq):
    return [
        (log.entity, log.operation, log.changed_by)
        for log in ChangeLog.select().where(ChangeLog.seq > seq).order_by(ChangeLog.seq)
    ]


# -- pure helpers ----------------------------------------------------------------------------


def test_weekdays_in_every_spelling():
    assert courses.parse_weekdays("0,2,4") == [0, 2, 4]
    assert courses.parse_weekdays("۴، ۰، ۲، ۲") == [0, 2, 4]
    assert courses.parse_weekdays("شنبه، دوشنبه، چهارشنبه") == [0, 2, 4]
    assert courses.parse_weekdays("سه‌شنبه پنجشنبه") == [3, 5]
    assert courses.parse_weekdays("یک شنبه، سه شنبه، جمعه") == [1, 3, 6]
    assert courses.parse_weekdays([6, "1"]) == [1, 6]
    assert courses.parse_weekdays("") == []
    with pytest.raises(ValidationError, match="هشت") as caught:
        courses.parse_weekdays("هشت")
    assert caught.value.field == "weekdays"
    with pytest.raises(ValidationError):
        courses.parse_weekdays("7")
    assert courses.weekday_names([4, 0]) == "شنبه، چهارشنبه"


def test_session_dates_follow_the_persian_week():
    saturday = dt.date(2026, 11, 21)  # ۱۴۰۵/۰۸/۳۰, a Saturday
    assert courses.persian_weekday(saturday) == 0
    assert courses.persian_weekday(saturday + 6 * DAY) == 6  # Friday
    dates = courses.session_dates(saturday, saturday + 13 * DAY, [0, 2])
    assert dates == [saturday, saturday + 2 * DAY, saturday + 7 * DAY, saturday + 9 * DAY]
    assert courses.session_dates(saturday, saturday, [1]) == []


def test_completion_rules_at_the_boundaries():
    def run(present, excused=0, counted=10, minimum=80, passing=None, score=None):
        return enrollment.evaluate(
            present=present,
            excused=excused,
            counted=counted,
            min_percent=minimum,
            passing_score=passing,
            score=score,
        )

    exactly = run(8)
    assert (exactly.completed, exactly.percent, exactly.absent) == (True, 80, 2)
    below = run(7, minimum=71)  # 70% < 71%
    assert not below.completed
    assert below.reasons == (Reasons.ATTENDANCE_LOW.format(percent="۷۰", minimum="۷۱"),)
    # 7 of 9 counted (one excused) is 77.7%: shown rounded down, under a 78% minimum.
    excused = run(7, excused=1, minimum=78)
    assert (excused.completed, excused.percent) == (False, 77)
    assert run(7, excused=1, minimum=77).completed
    # An excuse leaves the session out: 8 present of 8 counted is 100%.
    assert run(8, excused=2).percent == 100
    assert run(0, counted=0).reasons == (Reasons.NO_SESSIONS,)
    assert run(0, excused=3, counted=3).reasons == (Reasons.ALL_EXCUSED,)
    # Score equal to the passing mark passes; just under does not; none is a reason.
    assert run(10, passing=70, score=70).completed
    assert run(10, passing=70, score=69.5).reasons == (
        Reasons.SCORE_LOW.format(score="۶۹٫۵", passing="۷۰"),
    )
    assert run(10, passing=70).reasons == (Reasons.SCORE_MISSING,)
    assert len(run(2, passing=70, score=10).reasons) == 2


def test_scores_as_typed():
    assert enrollment.parse_score("۸۷٫۵") == 87.5
    assert enrollment.parse_score("87/5") == 87.5
    assert enrollment.parse_score(" 100 ") == 100.0
    assert enrollment.parse_score("") is None
    assert enrollment.parse_score(0) == 0.0
    for bad in ("101", "-1", "۸۷a", "1.234"):
        with pytest.raises(ValidationError) as caught:
            enrollment.parse_score(bad)
        assert caught.value.field == "score"
    assert enrollment.format_score(87.5) == "۸۷٫۵"
    assert enrollment.format_score(90.0) == "۹۰"


# -- creating and editing courses ----------------------------------------------------------


def test_create_course_with_jalali_input_generates_sessions_and_logs(admin, trainer):
    trainer_id, _ = trainer
    seq = ChangeLog.last_seq("TEH05")
    record = courses.create_course(
        admin,
        course_input(
            trainer_id,
            title="  آشپزي  ",  # Arabic yeh, extra spaces
            hours="۶۰",
            capacity="۱۵",
            starts_on="۱۴۰۵/۰۹/۰۱",
            ends_on="1405/09/14",
            weekdays="شنبه، دوشنبه",
            passing_score="۷۰",
            status="planned",
        ),
    )
    assert record.code == "TEH05-C-0001"
    assert (record.title, record.hours, record.capacity, record.passing_score) == (
        "آشپزی",
        60,
        15,
        70,
    )
    assert record.starts_on == dt.date(2026, 11, 22) and record.weekdays == (0, 2)
    assert record.trainer_name == "علی رضایی" and record.status == "planned"
    held = [s.held_on for s in courses.course_sessions(admin, record.id)]
    # 1 Azar 1405 is a Sunday: Mondays and Saturdays to 14 Azar.
    assert held == [
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 28),
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 5),
    ]
    assert record.sessions == 4
    assert (
        logs_since(seq)
        == [("course", "create", admin.user_id)] + [("course_session", "create", admin.user_id)] * 4
    )
    second = make_course(admin, trainer_id)
    assert second.code == "TEH05-C-0002"


def test_every_field_error_at_once_and_nothing_written(admin):
    with pytest.raises(ValidationError) as caught:
        courses.create_course(
            admin,
            CourseInput(
                title=" ",
                trainer_id="",
                partner_id="not-a-partner",
                hours="0",
                capacity="²",  # a digit to isdigit(), not to int(): it once crashed
                starts_on="1405/13/01",
                ends_on="",
                weekdays="هشتم",
                min_attendance_percent="101",
                passing_score="120",
                status="finished",
            ),
        )
    assert caught.value.errors == {
        "status": Messages.STATUS_NOT_AT_START,
        "title": Messages.TITLE_REQUIRED,
        "partner_id": Messages.PARTNER_UNKNOWN,
        "trainer_id": Messages.TRAINER_REQUIRED,
        "hours": Messages.HOURS_RANGE.format(low="۱", high="۲٬۰۰۰"),
        "capacity": Messages.WHOLE_NUMBER,
        "starts_on": "ماه باید از ۱ تا ۱۲ باشد.",
        "ends_on": Messages.REQUIRED,
        "weekdays": Messages.WEEKDAY_UNKNOWN.format(text="هشتم"),
        "min_attendance_percent": Messages.MIN_ATTENDANCE_RANGE,
        "passing_score": Messages.PASSING_SCORE_RANGE,
    }
    assert Course.select().count() == 0


def test_dates_and_weekdays_must_make_sessions(admin, trainer):
    trainer_id, _ = trainer
    saturday = dt.date(2026, 11, 21)
    cases = [
        ({"ends_on": saturday - DAY, "starts_on": saturday}, "ends_on", Messages.END_BEFORE_START),
        ({"weekdays": ""}, "weekdays", Messages.WEEKDAYS_REQUIRED),
        (
            {"starts_on": saturday, "ends_on": saturday, "weekdays": "1"},
            "weekdays",
            Messages.NO_SESSION_DAYS,
        ),
        (
            {"starts_on": saturday, "ends_on": saturday + 500 * DAY},
            "ends_on",
            Messages.TOO_MANY_SESSIONS.format(limit="۴۰۰"),
        ),
        ({"capacity": "0"}, "capacity", Messages.CAPACITY_RANGE.format(low="۱", high="۵۰۰")),
        ({"trainer_id": admin.user_id + "x"}, "trainer_id", Messages.TRAINER_UNKNOWN),
    ]
    for changes, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            courses.create_course(admin, course_input(**{"trainer_id": trainer_id, **changes}))
        assert caught.value.errors == {field: message}, changes
    # A one-day course and an unassessed one are fine.
    one_day = make_course(admin, trainer_id, starts_on=saturday, ends_on=saturday, weekdays="0")
    assert one_day.sessions == 1 and one_day.passing_score is None


def test_update_regenerates_unmarked_sessions_and_keeps_marked_ones(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id, starts_on=TODAY - 4 * DAY)  # five sessions
    (eid,) = [enrollment.enroll(admin, course.id, pid).id for pid in people(admin, 1)]
    first = courses.course_sessions(admin, course.id)[0]
    enrollment.mark_attendance(admin, first.id, {eid: "present"})
    later = TODAY + 10 * DAY
    changed = course_changes.update_course(
        admin, course.id, course_input(trainer_id, starts_on=TODAY - 4 * DAY, ends_on=later)
    )
    sessions = courses.course_sessions(admin, course.id)
    assert changed.sessions == 15 and changed.ends_on == later
    assert sessions[0].id == first.id and sessions[0].marked == 1
    assert [s.held_on for s in sessions] == [TODAY - 4 * DAY + n * DAY for n in range(15)]
    # Dates that leave the marked session outside are refused.
    with pytest.raises(ValidationError) as caught:
        course_changes.update_course(
            admin, course.id, course_input(trainer_id, starts_on=TODAY - 2 * DAY, ends_on=later)
        )
    assert caught.value.errors == {
        "starts_on": Messages.MARKED_OUTSIDE.format(day=format_jalali(first.held_on))
    }


def test_capacity_changes_move_the_waiting_list(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id, capacity="1")
    ids = [enrollment.enroll(admin, course.id, pid).id for pid in people(admin, 3)]
    with pytest.raises(ValidationError) as caught:
        course_changes.update_course(admin, course.id, course_input(trainer_id, capacity="0"))
    assert "capacity" in caught.value.errors
    course_changes.update_course(admin, course.id, course_input(trainer_id, capacity="2"))
    detail = enrollment.course_detail(admin, course.id)
    assert {e.enrollment.id for e in detail.enrollees} == set(ids[:2])
    assert [(w.id, w.waitlist_position) for w in detail.waitlist] == [(ids[2], 1)]


def test_status_moves(admin, trainer):
    trainer_id, _ = trainer
    future = make_course(
        admin, trainer_id, starts_on=TODAY + 5 * DAY, ends_on=TODAY + 9 * DAY, status="planned"
    )
    assert course_changes.set_course_status(admin, future.id, "open").status == "open"
    with pytest.raises(UserError) as caught:
        course_changes.set_course_status(admin, future.id, "finished")
    assert caught.value.code == "status_move"
    course_changes.set_course_status(admin, future.id, "running")
    with pytest.raises(UserError) as caught:
        course_changes.set_course_status(admin, future.id, "finished")
    assert caught.value.message == Messages.FINISH_BEFORE_START
    with pytest.raises(UserError) as caught:
        course_changes.set_course_status(admin, future.id, "running")
    assert caught.value.code == "status_same"
    assert course_changes.set_course_status(admin, future.id, "لغوشده").status == "cancelled"
    with pytest.raises(UserError) as caught:
        enrollment.enroll(admin, future.id, people(admin, 1)[0])
    assert caught.value.code == "course_closed"


# -- sessions ----------------------------------------------------------------------------


def test_sessions_added_moved_and_removed(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id, starts_on=TODAY - 9 * DAY, weekdays="0")
    before = [s.held_on for s in courses.course_sessions(admin, course.id)]
    free_day = next(TODAY - n * DAY for n in range(10) if TODAY - n * DAY not in before)
    extra = courses.add_course_session(admin, course.id, free_day, note="جبرانی")
    assert extra.note == "جبرانی"
    with pytest.raises(UserError) as caught:
        courses.add_course_session(admin, course.id, free_day)
    assert caught.value.code == "session_duplicate"
    with pytest.raises(UserError) as caught:
        courses.add_course_session(admin, course.id, TODAY + DAY)
    assert caught.value.field == "held_on"
    other_day = next(
        TODAY - n * DAY for n in range(10) if TODAY - n * DAY not in [*before, free_day]
    )
    moved = courses.move_course_session(admin, extra.id, format_jalali(other_day))
    assert moved.held_on == other_day
    (eid,) = [enrollment.enroll(admin, course.id, pid).id for pid in people(admin, 1)]
    enrollment.mark_attendance(admin, extra.id, {eid: "absent"})
    with pytest.raises(UserError) as caught:
        courses.remove_course_session(admin, extra.id)
    assert caught.value.code == "session_marked"
    with pytest.raises(UserError) as caught:
        courses.move_course_session(admin, extra.id, TODAY + DAY)  # course ends today
    assert caught.value.field == "held_on"
    enrollment.mark_attendance(admin, extra.id, {eid: None})  # cleared
    courses.remove_course_session(admin, extra.id)
    assert [s.held_on for s in courses.course_sessions(admin, course.id)] == before
    assert CourseSession.get_by_id(extra.id).deleted  # kept, flagged
    assert Attendance.get().deleted


# -- enrollment --------------------------------------------------------------------------


def test_capacity_and_waiting_list_order(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id, capacity="2")
    ids = people(admin, 5)
    made = [enrollment.enroll(admin, course.id, pid) for pid in ids]
    assert [(m.status, m.waitlist_position) for m in made] == [
        ("enrolled", None),
        ("enrolled", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
        ("waitlisted", 3),
    ]
    # The second on the list withdraws: the rest close up, nobody moves in.
    enrollment.withdraw(admin, made[3].id, "تغییر محل زندگی")
    detail = enrollment.course_detail(admin, course.id)
    assert [(w.id, w.waitlist_position) for w in detail.waitlist] == [
        (made[2].id, 1),
        (made[4].id, 2),
    ]
    # Someone seated withdraws: the first waiting takes the seat.
    enrollment.withdraw(admin, made[0].id, "یافتن کار")
    detail = enrollment.course_detail(admin, course.id)
    assert {e.enrollment.id for e in detail.enrollees} == {made[1].id, made[2].id}
    assert [(w.id, w.waitlist_position) for w in detail.waitlist] == [(made[4].id, 1)]
    assert {(w.id, w.withdrawn_reason) for w in detail.withdrawn} == {
        (made[0].id, "یافتن کار"),
        (made[3].id, "تغییر محل زندگی"),
    }
    record = courses.get_course(admin, course.id)
    assert (record.enrolled, record.waitlisted, record.free_seats) == (2, 1, 0)
    # Enrolling again after withdrawing: at the end of the list, on the same row.
    again = enrollment.enroll(admin, course.id, ids[0])
    assert (again.id, again.status, again.waitlist_position) == (made[0].id, "waitlisted", 2)
    assert again.withdrawn_reason == ""


def test_double_enrollment_refused(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id, capacity="1")
    first, second = people(admin, 2)
    enrollment.enroll(admin, course.id, first)
    enrollment.enroll(admin, course.id, second)  # waitlisted
    for pid, status in ((first, "ثبت‌نام‌شده"), (second, "در فهرست انتظار")):
        with pytest.raises(UserError) as caught:
            enrollment.enroll(admin, course.id, pid)
        assert caught.value.code == "already_enrolled"
        assert caught.value.message == Enrollments.ALREADY_ENROLLED.format(status=status)
    assert Enrollment.select().count() == 2


def test_withdrawing_needs_a_reason_and_an_active_enrollment(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id)
    row = enrollment.enroll(admin, course.id, people(admin, 1)[0])
    with pytest.raises(ValidationError) as caught:
        enrollment.withdraw(admin, row.id, "  ")
    assert caught.value.errors == {"reason": Enrollments.REASON_REQUIRED}
    enrollment.withdraw(admin, row.id, "بیماری")
    with pytest.raises(UserError) as caught:
        enrollment.withdraw(admin, row.id, "بیماری")
    assert caught.value.code == "already_withdrawn"
    with pytest.raises(UserError):
        enrollment.enroll(admin, course.id, "0" * 32)


def test_enrolling_and_completing_move_the_programme_status_forward(admin, trainer):
    trainer_id, trainer_session = trainer
    course = make_course(admin, trainer_id, capacity="3")
    registered, counselling, employed, waiting = people(admin, 4)
    applicants.change_status(admin, counselling, "counselling")
    applicants.change_status(admin, employed, "employed")
    ids = [
        enrollment.enroll(trainer_session, course.id, pid).id
        for pid in (registered, counselling, employed, waiting)
    ]

    def status(pid):
        return Applicant.get_by_id(pid).status

    assert [status(p) for p in (registered, counselling, employed, waiting)] == [
        "in_training",
        "in_training",
        "employed",  # never backward
        "registered",  # waiting: not in training yet
    ]
    assert Enrollment.get_by_id(ids[2]).status == "enrolled"
    note = StatusChange.get(
        (StatusChange.applicant == registered) & (StatusChange.status == "in_training")
    ).note
    assert note == Enrollments.ENROLLED_NOTE.format(code=course.code, title=course.title)
    # The employed person withdraws; the waiting one moves up and into training.
    enrollment.withdraw(admin, ids[2], "شاغل شد")
    assert status(waiting) == "in_training"
    everyone = dict.fromkeys([ids[0], ids[1], ids[3]], "P" * 10)
    mark_days(trainer_session, course.id, {**everyone, ids[1]: "PPPPPPPAAA"})
    course_changes.set_course_status(trainer_session, course.id, "finished")
    assert [status(p) for p in (registered, counselling, waiting)] == [
        "trained",
        "counselling",  # 70% attendance: did not complete, back to where they were
        "trained",
    ]
    changed_by = {
        entry.changed_by for entry in StatusChange.select().where(StatusChange.status == "trained")
    }
    assert changed_by == {trainer_session.user_id}


def test_attendance_percentage_counts_held_sessions_and_leaves_excuses_out(admin, trainer):
    trainer_id, _ = trainer
    # Ten daily sessions, five held so far (today included), five to come.
    course = make_course(admin, trainer_id, starts_on=TODAY - 4 * DAY, ends_on=TODAY + 5 * DAY)
    a, b, c = [enrollment.enroll(admin, course.id, pid).id for pid in people(admin, 3)]
    held = courses.course_sessions(admin, course.id)[:5]
    for index, meeting in enumerate(held):
        marks = {a: "present", b: "present" if index < 3 else "excused"}
        if index < 2:
            marks[c] = "present"  # then nobody marks c: absences
        enrollment.mark_attendance(admin, meeting.id, marks)
    detail = enrollment.course_detail(admin, course.id)
    by_id = {e.enrollment.id: e.completion for e in detail.enrollees}
    assert detail.counted_sessions == 5
    assert (by_id[a].percent, by_id[a].completed) == (100, True)
    assert (by_id[b].percent, by_id[b].excused, by_id[b].counted) == (100, 2, 5)
    assert (by_id[c].percent, by_id[c].absent, by_id[c].completed) == (40, 3, False)
    future = courses.course_sessions(admin, course.id)[5]
    with pytest.raises(UserError) as caught:
        enrollment.mark_attendance(admin, future.id, {a: "present"})
    assert caught.value.code == "session_in_future"
    courses.remove_course_session(admin, future.id)  # unmarked: may go
    with pytest.raises(UserError) as caught:  # marked: may not move into the future
        courses.move_course_session(admin, held[0].id, future.held_on)
    assert caught.value.code == "session_in_future"
    # The sheet of one session: everyone seated, their mark and percentage.
    sheet = enrollment.attendance_sheet(admin, held[4].id)
    assert {(r.enrollment_id, r.mark, r.percent) for r in sheet.rows} == {
        (a, "present", 100),
        (b, "excused", 100),
        (c, None, 40),
    }
    assert sheet.editable


def test_marks_and_scores_are_checked_before_anything_is_written(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id, capacity="1", passing_score="50")
    seated, waiting = [enrollment.enroll(admin, course.id, p).id for p in people(admin, 2)]
    meeting = courses.course_sessions(admin, course.id)[0]
    with pytest.raises(ValidationError) as caught:
        enrollment.mark_attendance(admin, meeting.id, {seated: "late", waiting: "present"})
    assert caught.value.errors == {
        seated: Enrollments.MARK_UNKNOWN,
        waiting: Enrollments.NOT_ACTIVE,
    }
    assert enrollment.mark_attendance(admin, meeting.id, {seated: "حاضر"}) == 1
    assert enrollment.mark_attendance(admin, meeting.id, {seated: "present"}) == 0
    with pytest.raises(ValidationError) as caught:
        enrollment.set_scores(admin, course.id, {seated: "۱۲۰"})
    assert caught.value.errors == {seated: Enrollments.SCORE_RANGE}
    assert enrollment.set_score(admin, seated, "۶۵٫۵").score == 65.5
    with pytest.raises(ValidationError) as caught:
        enrollment.set_score(admin, seated, "x")
    assert caught.value.errors == {"score": Enrollments.SCORE_FORMAT}


def test_finishing_settles_completion_at_the_boundaries(admin, trainer):
    trainer_id, _ = trainer
    course, ids = finished_course(
        admin,
        trainer_id,
        ["PPPPPPPPAA", "PPPPPPPAAA", "PPPPPPPPPP", "PPPPPPPPPP", "PPPPPPPEAA"],
        scores=["70", "95", "70", "69.5", "80"],
        passing_score="70",
    )
    detail = enrollment.course_detail(admin, course.id)
    result = {e.enrollment.id: e for e in detail.enrollees}
    # Exactly 80% and exactly the passing score: completed.
    assert result[ids[0]].enrollment.status == "completed"
    assert result[ids[0]].completion.reasons == ()
    assert result[ids[1]].enrollment.status == "failed"
    assert result[ids[1]].completion.reasons == (
        Reasons.ATTENDANCE_LOW.format(percent="۷۰", minimum="۸۰"),
    )
    assert result[ids[2]].enrollment.status == "completed"
    assert result[ids[3]].completion.reasons == (
        Reasons.SCORE_LOW.format(score="۶۹٫۵", passing="۷۰"),
    )
    assert result[ids[4]].completion.percent == 77 and result[ids[4]].enrollment.status == "failed"
    assert (course.completed, course.failed) == (2, 3)
    # A correction after finishing settles again.
    enrollment.set_scores(admin, course.id, {ids[3]: "70"})
    assert Enrollment.get_by_id(ids[3]).status == "completed"
    # Reopening puts everyone back to enrolled; finishing again settles again.
    course_changes.set_course_status(admin, course.id, "running")
    assert {row.status for row in Enrollment.select()} == {"enrolled"}
    course_changes.set_course_status(admin, course.id, "finished")
    assert courses.get_course(admin, course.id).completed == 3


def test_a_finished_course_keeps_its_calendar(admin, trainer):
    trainer_id, _ = trainer
    course, _ = finished_course(admin, trainer_id, ["PPPPPPPPPP"])
    with pytest.raises(UserError) as caught:
        courses.add_course_session(admin, course.id, TODAY)
    assert caught.value.code == "course_closed"
    with pytest.raises(ValidationError) as caught:
        course_changes.update_course(
            admin, course.id, course_input(trainer_id, weekdays="0", capacity="1")
        )
    assert "starts_on" in caught.value.errors
    renamed = course_changes.update_course(
        admin, course.id, course_input(trainer_id, title="خیاطی پیشرفته", capacity="1")
    )
    assert renamed.title == "خیاطی پیشرفته" and renamed.sessions == 10


def test_change_log_of_enrollment_attendance_and_scores(admin, trainer):
    trainer_id, trainer_session = trainer
    course = make_course(admin, trainer_id, passing_score="50")
    pid = people(admin, 1)[0]
    seq = ChangeLog.last_seq("TEH05")
    eid = enrollment.enroll(admin, course.id, pid).id
    assert logs_since(seq) == [
        ("enrollment", "create", admin.user_id),
        ("applicant", "update", admin.user_id),
        ("status_change", "create", admin.user_id),
    ]
    seq = ChangeLog.last_seq("TEH05")
    meeting = courses.course_sessions(admin, course.id)[0]
    enrollment.mark_attendance(trainer_session, meeting.id, {eid: "absent"})
    enrollment.mark_attendance(trainer_session, meeting.id, {eid: "present"})
    enrollment.mark_attendance(trainer_session, meeting.id, {eid: None})
    enrollment.set_scores(trainer_session, course.id, {eid: "88"})
    by = trainer_session.user_id
    assert logs_since(seq) == [
        ("attendance", "create", by),
        ("attendance", "update", by),
        ("attendance", "delete", by),
        ("enrollment", "update", by),
    ]
    last = ChangeLog.select().order_by(ChangeLog.seq.desc()).first()
    assert last.row["score"] == 88.0 and last.entity_id == eid


# -- listing and roles -------------------------------------------------------------------


def test_list_courses_with_filters(admin, trainer):
    trainer_id, trainer_session = trainer
    other = login_as(admin, "trainer2", "trainer")
    sewing = make_course(admin, trainer_id, title="خیاطی مقدماتی", field="پوشاک")
    cooking = make_course(admin, other.user_id, title="آشپزی", status="planned")
    ids = people(admin, 2)
    for pid in ids:
        enrollment.enroll(admin, sewing.id, pid)
    listed = courses.list_courses(admin)
    assert {c.code for c in listed} == {sewing.code, cooking.code}  # before the third
    assert [c.enrolled for c in listed if c.id == sewing.id] == [2]
    assert [c.id for c in courses.list_courses(admin, status="planned")] == [cooking.id]
    assert [c.id for c in courses.list_courses(admin, trainer_id=trainer_id)] == [sewing.id]
    barakat = Partner.get(Partner.short_name == "برکت")
    with_partner = make_course(admin, other.user_id, title="گلدوزی", partner_id=str(barakat.id))
    assert [c.id for c in courses.list_courses(admin, partner_id=str(barakat.id))] == [
        with_partner.id
    ]
    assert [c.id for c in courses.list_courses(admin, text="خياطي")] == [sewing.id]
    assert [c.id for c in courses.list_courses(admin, text="پوشاک مقدماتی")] == [sewing.id]
    assert [c.id for c in courses.list_courses(admin, text="C-0002")] == [cooking.id]
    # A trainer sees only their own courses, whatever they ask for.
    assert [c.id for c in courses.list_courses(trainer_session)] == [sewing.id]
    assert courses.list_courses(trainer_session, trainer_id=other.user_id) == []
    assert courses.find_course(admin, "teh05-c-۰۰۰۲").id == cooking.id
    assert courses.find_course(admin, cooking.id).code == cooking.code
    with pytest.raises(UserError) as caught:
        courses.find_course(admin, "TEH05-C-0099")
    assert caught.value.code == "not_found"


def test_roles(admin, trainer):
    trainer_id, trainer_session = trainer
    clerk = login_as(admin, "clerk1", "clerk")
    shop = login_as(admin, "shop1", "shop")
    other = login_as(admin, "trainer2", "trainer")
    course = make_course(admin, trainer_id)
    meeting = courses.course_sessions(admin, course.id)[0]
    pid = people(admin, 1)[0]

    # Shop staff: nothing at all.
    for call in (
        lambda: courses.list_courses(shop),
        lambda: courses.get_course(shop, course.id),
        lambda: enrollment.enroll(shop, course.id, pid),
        lambda: courses.create_course(shop, course_input(trainer_id)),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # Another trainer: not this course.
    for call in (
        lambda: courses.get_course(other, course.id),
        lambda: enrollment.course_detail(other, course.id),
        lambda: enrollment.enroll(other, course.id, pid),
        lambda: course_changes.set_course_status(other, course.id, "finished"),
        lambda: enrollment.mark_attendance(other, meeting.id, {}),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # A trainer creates courses for themselves only (or leaves the trainer empty).
    with pytest.raises(ValidationError) as caught:
        courses.create_course(other, course_input(trainer_id))
    assert caught.value.errors == {"trainer_id": Messages.TRAINER_ONLY_SELF}
    own = courses.create_course(other, course_input(""))
    assert own.trainer_id == other.user_id
    # A clerk enrolls and withdraws, and reads; running the course is not theirs.
    row = enrollment.enroll(clerk, course.id, pid)
    assert courses.get_course(clerk, course.id).enrolled == 1
    for call in (
        lambda: enrollment.mark_attendance(clerk, meeting.id, {row.id: "present"}),
        lambda: enrollment.set_scores(clerk, course.id, {row.id: "90"}),
        lambda: courses.create_course(clerk, course_input(trainer_id)),
        lambda: course_changes.set_course_status(clerk, course.id, "finished"),
        lambda: courses.add_course_session(clerk, course.id, TODAY),
    ):
        with pytest.raises(PermissionDenied):
            call()
    enrollment.withdraw(clerk, row.id, "انصراف")
    # The course's trainer runs it.
    enrollment.enroll(trainer_session, course.id, pid)
    assert enrollment.mark_attendance(trainer_session, meeting.id, {row.id: "present"}) == 1


def test_applicant_file_lists_their_courses(admin, trainer):
    trainer_id, trainer_session = trainer
    other = login_as(admin, "trainer2", "trainer")
    pid = people(admin, 1)[0]
    mine = make_course(admin, trainer_id)
    theirs = make_course(admin, other.user_id, title="آشپزی")
    enrollment.enroll(admin, mine.id, pid)
    enrollment.enroll(admin, theirs.id, pid)
    assert {c.course_code for c in enrollment.applicant_enrollments(admin, pid)} == {
        mine.code,
        theirs.code,
    }
    assert [c.course_code for c in enrollment.applicant_enrollments(trainer_session, pid)] == [
        mine.code
    ]


# -- schema ------------------------------------------------------------------------------


def test_version_3_database_with_data_migrates_and_takes_courses(tmp_path):
    path = tmp_path / "v3.sqlite3"
    old = SqliteDatabase(str(path))
    migrate_to_latest(old, target=3)
    now = dt.datetime(2025, 3, 1, 8, 30)
    old.execute_sql(
        "INSERT INTO center (id, center_code, created_at, updated_at, deleted, code, name, "
        "city, is_local) VALUES (?,?,?,?,?,?,?,?,?)",
        (uuid.uuid4().hex, "TEH05", now, now, 0, "TEH05", "مرکز منطقهٔ ۵", "تهران", 1),
    )
    old.execute_sql(
        'INSERT INTO "user" (id, center_code, created_at, updated_at, deleted, username, '
        "display_name, role, password_hash, active, failed_logins) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (uuid.uuid4().hex, "TEH05", now, now, 0, "admin", "مدیر", "admin", "$argon2id$x", 1, 0),
    )
    old.execute_sql(
        "INSERT INTO applicant (id, center_code, created_at, updated_at, deleted, number, "
        "file_number, national_code, first_name, last_name, father_name, gender, "
        "registered_on, status, mobile, phone, address, education_level, education_field, "
        "marital_status, categories, category_flags, skills, notes, deleted_reason, "
        "sort_name, name_keys) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (uuid.uuid4().hex, "TEH05", now, now, 0, 1, "TEH05-000001", "0012345679", "مریم", "کریمی",
         "علی", "female", dt.date(2025, 3, 1), "registered", "", "", "", "", "", "",
         "job_seeker", 1, "", "", "", "", ""),
    )  # fmt: skip
    old.close()
    open_database(str(path))
    try:
        from desktop.models import db
        from desktop.services.setup import admin_session

        assert current_version(db.obj) >= 4
        session = admin_session()
        course = make_course(session, session.user_id)
        (applicant_id,) = [str(a.id) for a in Applicant.select()]
        row = enrollment.enroll(session, course.id, applicant_id)
        assert (row.full_name, row.status) == ("مریم کریمی", "enrolled")
        assert Applicant.get_by_id(applicant_id).status == "in_training"
    finally:
        close_database()


# -- demo courses ----------------------------------------------------------------------------


def demo_center(seed=0):
    """A fresh in-memory center with 150 demo applicants, then the demo courses;
    returns (admin session, figures, change-log sequence before the courses)."""
    from desktop.services import demo
    from desktop.services.demo_courses import create_demo_courses
    from desktop.services.setup import admin_session, initialise_center

    open_database(":memory:")
    initialise_center(
        center_code="DEMO01",
        center_name="مرکز نمونه",
        admin_username="admin",
        admin_display_name="مدیر",
        password="tavana-demo",
        city="تهران",
    )
    session = admin_session()
    demo.create_demo_applicants(session, 150, seed=0)
    before = ChangeLog.last_seq("DEMO01")
    return session, create_demo_courses(session, seed=seed, password="tavana-demo"), before


def enrolled_codes():
    """National codes in each course, by course code: what a seed decides."""
    return {
        course.code: sorted(
            row.applicant.national_code
            for row in Enrollment.select().where(Enrollment.course == course.id)
        )
        for course in Course.select()
    }


def test_demo_courses_at_every_stage_and_never_in_the_change_log():
    from desktop.services import certificates
    from desktop.services.demo_center import has_demo_data

    try:
        session, made, before = demo_center()
        assert made.courses == 5 and made.sessions == CourseSession.select().count()
        assert made.completed > 0 and made.failed > 0 and made.waitlisted > 0
        assert made.certificates > 0 and made.attendance_marks == Attendance.select().count()
        listed = {c.status for c in courses.list_courses(session)}
        assert listed == {"finished", "running", "open", "planned"}
        # Only the demo users and the center's key were logged; demo rows were not.
        entities = [log.entity for log in ChangeLog.select().where(ChangeLog.seq > before)]
        assert sorted(entities) == ["center_key", "user", "user", "user", "user"]
        assert has_demo_data()
        some = certificates.course_certificates(session, Course.get(Course.number == 1).id)[0]
        assert certificates.verify(session, some.qr_payload).status.value == "valid"
        trainer = auth.login("trainer2", "tavana-demo")
        assert {c.code for c in courses.list_courses(trainer)} == {
            c.code for c in Course.select().where(Course.trainer == trainer.user_id)
        }
        first = enrolled_codes()
    finally:
        close_database()
    try:
        demo_center()
        assert enrolled_codes() == first  # same seed, same database: same courses
    finally:
        close_database()
    try:
        demo_center(seed=1)
        assert enrolled_codes() != first
    finally:
        close_database()
