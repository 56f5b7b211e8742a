"""Programme status when a course does not lead to «trained»: withdrawing, or failing a
finished course, moves a person back out of «in training» (services, no Tk)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models import Applicant, ChangeLog, StatusChange, writes
from desktop.services import applicants, course_changes, enrollment
from desktop.strings.courses import Enrollments
from tests.helpers.courses import TODAY, finished_course, make_course, mark_days, people
from tests.helpers.people import login_as

DAY = dt.timedelta(days=1)


@pytest.fixture
def trainer(admin):
    session = login_as(admin, "trainer1", "trainer", "علی رضایی")
    return session.user_id, session


def status(applicant_id):
    return Applicant.get_by_id(applicant_id).status


def last_change(applicant_id):
    return (
        StatusChange.select()
        .where(StatusChange.applicant == applicant_id)
        .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
        .first()
    )


def test_withdrawing_moves_back_to_the_status_before_training(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id)
    counselled, registered = people(admin, 2)
    applicants.change_status(admin, counselled, "counselling")
    rows = [enrollment.enroll(admin, course.id, pid) for pid in (counselled, registered)]
    assert {status(counselled), status(registered)} == {"in_training"}
    clerk = login_as(admin, "clerk1", "clerk")
    seq = ChangeLog.last_seq("TEH05")
    enrollment.withdraw(clerk, rows[0].id, "بیماری", on=TODAY)
    assert status(counselled) == "counselling"
    entry = last_change(counselled)
    assert (entry.status, entry.changed_on, entry.changed_by) == (
        "counselling",
        TODAY,
        clerk.user_id,
    )
    assert entry.note == Enrollments.WITHDRAWN_NOTE.format(code=course.code, title=course.title)
    logged = [
        (log.entity, log.operation)
        for log in ChangeLog.select().where(ChangeLog.seq > seq).order_by(ChangeLog.seq)
    ]
    assert logged == [
        ("enrollment", "update"),
        ("applicant", "update"),
        ("status_change", "create"),
    ]
    enrollment.withdraw(admin, rows[1].id, "شاغل شد")
    assert status(registered) == "registered"  # registered straight into training


def test_failing_a_finished_course_moves_back_and_reopening_moves_in_again(admin, trainer):
    trainer_id, _ = trainer
    record, ids = finished_course(admin, trainer_id, ["P" * 10, "PPPPPAAAAA"])
    passed, failed = (str(enrollment.get_enrollment(admin, eid).applicant_id) for eid in ids)
    assert (status(passed), status(failed)) == ("trained", "registered")
    entry = last_change(failed)
    assert (entry.status, entry.changed_on) == ("registered", record.ends_on)
    assert entry.note == Enrollments.FAILED_NOTE.format(code=record.code, title=record.title)
    # Reopened to correct a result: the person is in training again until it finishes.
    course_changes.set_course_status(admin, record.id, "running")
    assert status(failed) == "in_training"
    course_changes.set_course_status(admin, record.id, "finished")
    assert status(failed) == "registered"


def test_another_current_course_keeps_the_person_in_training(admin, trainer):
    trainer_id, _ = trainer
    first = make_course(admin, trainer_id)
    planned = make_course(
        admin, trainer_id, starts_on=TODAY + DAY, ends_on=TODAY + 10 * DAY, status="planned"
    )
    full = make_course(admin, trainer_id, capacity="1")
    in_planned, waiting, free = people(admin, 3)
    enrollment.enroll(admin, full.id, people(admin, 1)[0])  # takes the one seat
    rows = {pid: enrollment.enroll(admin, first.id, pid) for pid in (in_planned, waiting, free)}
    enrollment.enroll(admin, planned.id, in_planned)
    assert enrollment.enroll(admin, full.id, waiting).status == "waitlisted"
    for row in rows.values():
        enrollment.withdraw(admin, row.id, "جابه‌جایی")
    assert [status(p) for p in (in_planned, waiting, free)] == [
        "in_training",  # enrolled in a planned course
        "in_training",  # on the waiting list of a running one
        "registered",
    ]
    # A failed course does not move them back either while the other one is current.
    second = make_course(admin, trainer_id)
    kept = enrollment.enroll(admin, second.id, in_planned)
    mark_days(admin, second.id, {kept.id: "A" * 10})
    course_changes.set_course_status(admin, second.id, "finished")
    assert enrollment.get_enrollment(admin, kept.id).status == "failed"
    assert status(in_planned) == "in_training"


def test_someone_who_moved_on_is_never_moved_back(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id)
    employed, trained = people(admin, 2)
    rows = {pid: enrollment.enroll(admin, course.id, pid) for pid in (employed, trained)}
    applicants.change_status(admin, employed, "employed")
    applicants.change_status(admin, trained, "trained")
    changes = StatusChange.select().count()
    for row in rows.values():
        enrollment.withdraw(admin, row.id, "شاغل شد")
    assert (status(employed), status(trained)) == ("employed", "trained")
    assert StatusChange.select().count() == changes


def test_without_a_status_before_training_it_is_counselling(admin, trainer):
    trainer_id, _ = trainer
    course = make_course(admin, trainer_id)
    (pid,) = people(admin, 1)
    row = enrollment.enroll(admin, course.id, pid)
    # A file whose history starts at «in training» (e.g. carried over from paper).
    with writes.unlogged("test: a history that starts at «in training»"):
        StatusChange.delete().where(
            (StatusChange.applicant == pid) & (StatusChange.status != "in_training")
        ).execute()
    enrollment.withdraw(admin, row.id, "بیماری")
    assert status(pid) == "counselling"
