"""A partner body's results sheet imported into its course: each row checked and
explained, people enrolled, results judged by the course's own rules, the course
finished and settled, certificates issuable at once — all or nothing, and the same
sheet twice changing nothing. Runs on SQLite and on PostgreSQL (--backend=postgres)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from desktop.errors import PermissionDenied, UserError
from desktop.models import Applicant, ChangeLog, Enrollment
from desktop.services import (
    applicant_io,
    applicants,
    certificates,
    course_changes,
    courses,
    enrollment,
    partner_results,
    reference,
)
from desktop.services.applicant_io import OK, REJECTED, Table
from desktop.services.courses import CourseInput
from desktop.services.enrollment import evaluate
from desktop.strings.partner_results import PartnerResults as Messages
from tests.factories import register
from tests.helpers.people import login_as

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
HEADERS = ["national_code", "result", "score", "attendance_percent"]


def partner_course(admin, *, partner=True, passing="", capacity=3, status="running", **changes):
    """A course of the TVTO (three daily sessions, all held), by the admin."""
    tvto = reference.find_partner(admin, "tvto")
    assert tvto is not None
    values = {
        "title": "برق ساختمان",
        "partner_id": tvto[0] if partner else "",
        "trainer_id": admin.user_id,
        "hours": 120,
        "capacity": capacity,
        "starts_on": TODAY - 3 * DAY,
        "ends_on": TODAY - DAY,
        "weekdays": list(range(7)),
        "passing_score": passing,
        "status": status,
    }
    values.update(changes)
    return courses.create_course(admin, CourseInput(**values))


def code_of(applicant_id: str) -> str:
    return str(Applicant.get_by_id(applicant_id).national_code)


def sheet(*rows, headers=HEADERS) -> Table:
    return Table(headers=list(headers), rows=[list(row) for row in rows])


def run(admin, course, table, **kwargs):
    return partner_results.import_results(
        admin, course.id, table, partner_results.guess_columns(table.headers), **kwargs
    )


def statuses(course) -> dict[str, str]:
    return {
        str(row.applicant_id): row.status
        for row in Enrollment.select().where(Enrollment.course == course.id)
    }


def verdicts(summary) -> list[tuple[int, str, str]]:
    return [(result.row, result.status, result.field) for result in summary.results]


def test_a_sheet_enrolls_records_finishes_and_certificates_follow(admin):
    course = partner_course(admin)
    passed, failed, seated = register(admin), register(admin), register(admin)
    enrollment.enroll(admin, course.id, seated)  # already in the course
    table = sheet(
        [code_of(passed), "passed", "85", "90"],
        [code_of(failed), "مردود", "", ""],
        [code_of(seated), " قبول ", "۹۲٫۵", "۸۵٪"],
        ["0000000000", "passed", "", ""],  # not a national code at all
        ["1234567891", "passed", "", ""],  # valid, but nobody here
    )
    before = ChangeLog.last_seq(admin.center_code)
    checked = run(admin, course, table, dry_run=True)
    assert ChangeLog.last_seq(admin.center_code) == before  # a dry run writes nothing
    assert (checked.rows, checked.accepted, checked.rejected, checked.created) == (5, 3, 2, 0)
    assert [r.status for r in checked.results] == [OK, OK, OK, REJECTED, REJECTED]
    unknown = checked.results[-1]
    assert unknown.message == Messages.NOT_AN_APPLICANT.format(code="1234567891")
    assert unknown.field == "national_code"

    done = run(admin, course, table)
    assert done.results == checked.results  # the check said what the import did
    assert (done.created, done.enrolled, done.finished) == (3, 2, True)
    assert courses.get_course(admin, course.id).status == "finished"
    assert statuses(course) == {passed: "completed", failed: "failed", seated: "completed"}
    row = Enrollment.get((Enrollment.course == course.id) & (Enrollment.applicant == seated))
    assert (row.score, row.reported_result, row.reported_attendance) == (92.5, "passed", 85)
    assert applicants.get(admin, passed).status == "trained"
    issued = certificates.issue_course_certificates(admin, course.id)
    assert sorted(cert.national_code for cert in issued) == sorted(
        [code_of(passed), code_of(seated)]
    )
    assert issued[0].partner_name == "سازمان آموزش فنی و حرفه‌ای کشور"


def test_the_same_sheet_again_changes_nothing(admin):
    course = partner_course(admin)
    people = [register(admin) for _ in range(2)]
    table = sheet([code_of(people[0]), "passed", "", "95"], [code_of(people[1]), "failed", "", ""])
    run(admin, course, table)
    before = ChangeLog.last_seq(admin.center_code)
    again = run(admin, course, table)
    assert ChangeLog.last_seq(admin.center_code) == before
    assert (again.accepted, again.created, again.enrolled, again.finished) == (2, 0, 0, False)
    assert all(Messages.UNCHANGED.split("؛")[1] in r.message for r in again.results)


def test_results_follow_the_course_rules(admin):
    """Passed must agree with the course's minimum attendance and passing score;
    failed is the body's word and stands."""
    course = partner_course(admin, passing="60", min_attendance_percent=75)
    low_attendance, no_score, low_score, fine, failed_fine = (register(admin) for _ in range(5))
    table = sheet(
        [code_of(low_attendance), "passed", "90", "70"],
        [code_of(no_score), "passed", "", "100"],
        [code_of(low_score), "passed", "59.5", "100"],
        [code_of(fine), "passed", "60", "75"],
        [code_of(failed_fine), "failed", "95", "100"],
    )
    summary = run(admin, course, table)
    assert verdicts(summary) == [
        (2, REJECTED, "result"),
        (3, REJECTED, "result"),
        (4, REJECTED, "result"),
        (5, OK, ""),
        (6, OK, ""),
    ]
    assert "۷۰٪" in summary.results[0].message and "۷۵٪" in summary.results[0].message
    assert statuses(course) == {fine: "completed", failed_fine: "failed"}


def test_the_reported_results_survive_reopening_and_finishing_again(admin):
    """The sheet's figures are kept on the enrollment, so settling again (reopen,
    finish) judges the same: not the empty marks of the center."""
    course = partner_course(admin)
    person = register(admin)
    run(admin, course, sheet([code_of(person), "passed", "", "100"]))
    course_changes.set_course_status(admin, course.id, "running")
    assert statuses(course) == {person: "enrolled"}
    course_changes.set_course_status(admin, course.id, "finished")
    assert statuses(course) == {person: "completed"}
    detail = enrollment.course_detail(admin, course.id)
    assert detail.enrollees[0].completion.percent == 100


def test_evaluate_holds_a_report_to_the_usual_rules():
    rules = {"present": 0, "excused": 0, "counted": 0, "min_percent": 80, "passing_score": None}
    assert evaluate(**rules, score=None, reported_result="passed").completed  # no percent
    assert evaluate(**rules, score=None, reported_result="passed", reported_attendance=80).completed
    low = evaluate(**rules, score=None, reported_result="passed", reported_attendance=79)
    assert (low.completed, low.percent) == (False, 79)
    assert not evaluate(**rules, score=None, reported_result="failed").completed
    assert not evaluate(**rules, score=None).completed  # no report, no sessions


def test_rows_are_explained_field_by_field(admin):
    course = partner_course(admin)
    person, deleted = register(admin), register(admin)
    applicants.delete(admin, deleted, "ثبت تکراری")
    table = sheet(
        [code_of(person), "passed", "", ""],
        ["", "", "", ""],
        [code_of(person), "passed", "", ""],
        [code_of(deleted), "passed", "", ""],
        [code_of(register(admin)), "شاید", "صد", "120"],
    )
    summary = run(admin, course, table, dry_run=True)
    assert verdicts(summary) == [
        (2, OK, ""),
        (3, REJECTED, ""),
        (4, REJECTED, "national_code"),
        (5, REJECTED, "national_code"),
        (6, REJECTED, "result"),
        (6, REJECTED, "score"),
        (6, REJECTED, "attendance_percent"),
    ]
    assert summary.rejected == 4
    assert "۲" in summary.results[2].message  # the earlier row is named


def test_waiting_and_withdrawn_people_are_seated_and_the_capacity_grows(admin):
    course = partner_course(admin, capacity=1)
    first, waiting, withdrawn = register(admin), register(admin), register(admin)
    enrollment.enroll(admin, course.id, first)
    enrollment.enroll(admin, course.id, waiting)  # full: on the waiting list
    gone = enrollment.enroll(admin, course.id, withdrawn)
    enrollment.withdraw(admin, gone.id, "جابه‌جایی")
    table = sheet(*[[code_of(pid), "passed", "", "100"] for pid in (first, waiting, withdrawn)])
    summary = run(admin, course, table)
    assert (summary.created, summary.enrolled) == (3, 2)
    assert set(statuses(course).values()) == {"completed"}
    assert courses.get_course(admin, course.id).capacity == 3


def test_a_certificate_keeps_its_result(admin):
    course = partner_course(admin)
    person = register(admin)
    run(admin, course, sheet([code_of(person), "passed", "", "90"]))
    certificates.issue_course_certificates(admin, course.id)
    same = run(admin, course, sheet([code_of(person), "passed", "", "90"]))
    assert verdicts(same) == [(2, OK, "")]
    changed = run(admin, course, sheet([code_of(person), "failed", "", "90"]), dry_run=True)
    assert verdicts(changed) == [(2, REJECTED, "national_code")]


def test_courses_that_refuse_a_sheet(admin):
    person = register(admin)
    table = sheet([code_of(person), "passed", "", ""])
    without = partner_course(admin, partner=False)
    with pytest.raises(UserError) as refused:
        run(admin, without, table)
    assert refused.value.code == "no_partner"
    later = partner_course(admin, starts_on=TODAY + DAY, ends_on=TODAY + 5 * DAY, status="planned")
    with pytest.raises(UserError) as refused:
        run(admin, later, table)
    assert refused.value.code == "not_started"
    cancelled = partner_course(admin)
    course_changes.set_course_status(admin, cancelled.id, "cancelled")
    with pytest.raises(UserError) as refused:
        run(admin, cancelled, table)
    assert refused.value.code == "course_closed"
    with pytest.raises(applicant_io.MissingColumns) as missing:
        run(admin, partner_course(admin), sheet([code_of(person)], headers=["کد ملی"]))
    assert missing.value.columns == ["result"]


def test_a_planned_course_is_finished_through_running(admin):
    course = partner_course(admin, status="planned")
    person = register(admin)
    summary = run(admin, course, sheet([code_of(person), "passed", "", ""]))
    assert summary.finished
    assert courses.get_course(admin, course.id).status == "finished"


def test_only_who_runs_the_course_imports(admin):
    course = partner_course(admin)
    table = sheet([code_of(register(admin)), "passed", "", ""])
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        run(clerk, course, table)
    trainer = login_as(admin, "trainer1", "trainer")
    with pytest.raises(PermissionDenied):
        run(trainer, course, table)  # someone else's course
    own = partner_course(admin, trainer_id=trainer.user_id)
    assert run(trainer, own, table).created == 1


def test_a_sheet_from_files_with_persian_headers_and_digits(admin, tmp_path):
    course = partner_course(admin)
    people = [register(admin) for _ in range(2)]
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    csv_path = tmp_path / "کارنامه.csv"
    csv_path.write_text(
        "کدملی,نتیجهٔ دوره,درصد حضور,نمره نهایی\n"
        f"{code_of(people[0]).translate(persian)},قبول,۹۵,۱۸\n",
        encoding="utf-8-sig",
    )
    table = applicant_io.read_table(csv_path)
    assert partner_results.guess_columns(table.headers) == {
        "national_code": 0,
        "result": 1,
        "attendance_percent": 2,
        "score": 3,
    }
    assert run(admin, course, table, dry_run=True).accepted == 1
    book = Workbook()
    book.active.append(["National_Code", "Result", "Attendance_Percent"])
    book.active.append([int(code_of(people[1])), "failed", 40.0])
    xlsx_path = tmp_path / "results.xlsx"
    book.save(xlsx_path)
    table = applicant_io.read_table(xlsx_path)
    summary = run(admin, course, table)
    assert verdicts(summary) == [(2, OK, "")]
    assert statuses(course) == {people[1]: "failed"}


def test_revoking_by_serial(admin):
    course = partner_course(admin)
    person = register(admin)
    run(admin, course, sheet([code_of(person), "passed", "", ""]))
    (issued,) = certificates.issue_course_certificates(admin, course.id)
    typed = issued.serial.lower().replace("1", "۱")
    revoked = certificates.revoke_serial(admin, typed, "نام اشتباه")
    assert (revoked.serial, revoked.revoked, revoked.revoked_reason) == (
        issued.serial,
        True,
        "نام اشتباه",
    )
    with pytest.raises(UserError) as again:
        certificates.revoke_serial(admin, issued.serial, "دوباره")
    assert again.value.code == "already_revoked"
    with pytest.raises(UserError) as unknown:
        certificates.revoke_serial(admin, "TEH05-1400-000999", "نیست")
    assert unknown.value.code == "not_found"


def test_partners_are_found_by_name_short_name_or_code(admin):
    by_code = reference.find_partner(admin, "ACECR")
    assert by_code is not None and by_code[1] == "جهاد دانشگاهی"
    assert reference.find_partner(admin, "جهاد دانشگاهي") == by_code  # Arabic ي
    assert reference.find_partner(admin, "فنی و حرفه‌ای") == reference.find_partner(admin, "tvto")
    assert reference.find_partner(admin, "نهاد ناشناخته") is None
