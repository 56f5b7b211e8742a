"""`courses add`, `courses import-results` and `certificates revoke`: the output
contracts and exit codes, against a real database file set up with `init`."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from desktop.models import Applicant, Certificate
from desktop.models.db import close_database
from desktop.services import courses
from desktop.services.applicant_files import jalali_ascii
from desktop.services.setup import admin_session
from tests.factories import register
from tests.helpers.cli import init_database, run

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


@pytest.fixture
def db_path(tmp_path):
    path = init_database(tmp_path, "--admin-name", "مریم کریمی")
    yield path
    close_database()


def add_course(capsys, path, *extra):
    code, out, err = run(
        capsys, "courses", "add", "--db", path, "--title", "برق ساختمان", "--hours", "120",
        "--starts-on", jalali_ascii(TODAY - 10 * DAY), "--ends-on", (TODAY - DAY).isoformat(),
        *extra,
    )  # fmt: skip
    return code, out, err


def code_of(applicant_id: str) -> str:
    return str(Applicant.get_by_id(applicant_id).national_code)


def test_courses_add_prints_code_and_id_and_json(db_path, capsys):
    code, out, err = add_course(capsys, db_path, "--partner", "tvto", "--json")
    assert (code, err) == (0, "")
    added = json.loads(out)
    record = courses.find_course(admin_session(), added["code"])
    assert added["id"] == record.id and added["code"].startswith("TEH05-C-")
    assert (added["partner"], record.partner_name) == ("سازمان آموزش فنی و حرفه‌ای کشور",) * 2
    assert (added["status"], added["hours"], added["starts_on"]) == (
        "running",
        120,
        (TODAY - 10 * DAY).isoformat(),
    )
    code, out, err = add_course(capsys, db_path, "--partner", "جهاد دانشگاهی")
    record = courses.list_courses(admin_session(), text="")[0]
    assert (code, out, err) == (0, f"added course {record.code} ({record.id})\n", "")
    assert record.partner_name == "جهاد دانشگاهی"


def test_courses_add_refusals(db_path, capsys):
    code, out, err = add_course(capsys, db_path, "--partner", "nobody")
    assert (code, out) == (1, "")
    assert err.startswith("error: unknown partner body 'nobody' (known: ")
    code, out, err = run(
        capsys, "courses", "add", "--db", db_path, "--title", "x1", "--hours", "0",
        "--starts-on", "1405/13/01", "--ends-on", "2026-01-01",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith("error: invalid ") and "hours" in err and "starts_on" in err


def test_import_results_dry_run_report_then_import(db_path, capsys, tmp_path):
    _, out, _ = add_course(capsys, db_path, "--partner", "tvto", "--json")
    course = json.loads(out)
    admin = admin_session()
    passed, failed = register(admin), register(admin)
    sheet = tmp_path / "results.csv"
    sheet.write_text(
        "national_code,result,score,attendance_percent\n"
        f"{code_of(passed)},passed,17,95\n"
        f"{code_of(failed)},failed,,\n"
        "1234567891,passed,,\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.csv"
    code, out, err = run(
        capsys, "courses", "import-results", "--db", db_path, "--course", course["code"],
        str(sheet), "--dry-run", "--report", str(report),
    )  # fmt: skip
    assert (code, out, err) == (0, "dry run: 3 rows: 2 ok, 1 rejected\n", "")
    with report.open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["row", "status", "field", "message"]
    assert [line[:3] for line in lines[1:]] == [
        ["2", "ok", ""],
        ["3", "ok", ""],
        ["4", "rejected", "national_code"],
    ]
    assert courses.get_course(admin, course["id"]).status == "running"  # nothing written

    code, out, err = run(
        capsys, "courses", "import-results", "--db", db_path, "--course", course["id"], str(sheet)
    )
    assert code == 0
    assert out == (
        f"3 rows: 2 ok, 1 rejected; recorded 2, newly enrolled 2; course {course['code']} "
        "finished\n"
    )
    assert err.startswith("row 4: national_code: ")
    record = courses.get_course(admin, course["id"])
    assert (record.status, record.completed, record.failed) == ("finished", 1, 1)


def test_import_results_exit_codes(db_path, capsys, tmp_path):
    _, out, _ = add_course(capsys, db_path, "--json")  # no partner body
    plain = json.loads(out)
    _, out, _ = add_course(capsys, db_path, "--partner", "tvto", "--json")
    course = json.loads(out)
    sheet = tmp_path / "results.csv"
    sheet.write_text("national_code\n1234567891\n", encoding="utf-8")
    command = ["courses", "import-results", "--db", db_path, "--course"]
    code, out, err = run(capsys, *command, course["code"], str(sheet))
    assert (code, out) == (0, "1 row: 0 ok, 1 rejected; recorded 0, newly enrolled 0\n")
    assert err.startswith(f"{sheet} lacks required columns: result\nrow 2: result: ")
    code, out, err = run(capsys, *command, plain["code"], str(sheet))
    assert (code, out) == (1, "")
    assert err.startswith("error: the course is not run by a partner body")
    code, _, err = run(capsys, *command, "TEH05-C-0999", str(sheet))
    assert (code, err.startswith("error: no course with that id or code")) == (1, True)
    code, _, err = run(capsys, *command, course["code"], str(tmp_path / "none.csv"))
    assert (code, err.startswith(f"error: cannot read {tmp_path / 'none.csv'}: ")) == (1, True)


def test_certificates_revoke_then_verify_says_revoked(db_path, renderer, capsys, tmp_path):
    _, out, _ = add_course(capsys, db_path, "--partner", "tvto", "--json")
    course = json.loads(out)
    person = register(admin_session())
    sheet = tmp_path / "results.csv"
    sheet.write_text(f"کد ملی,نتیجه\n{code_of(person)},قبول\n", encoding="utf-8")
    assert run(capsys, "courses", "import-results", "--db", db_path, "--course",
               course["code"], str(sheet))[0] == 0  # fmt: skip
    code, out, _ = run(
        capsys, "certificates", "print", "--db", db_path, "--course", course["code"],
        "--out", str(tmp_path / "out.pdf"),
    )  # fmt: skip
    assert code == 0 and out.startswith("issued 1 new; wrote 1 certificates")
    serial = Certificate.get().serial
    code, out, err = run(
        capsys, "certificates", "revoke", "--db", db_path, serial, "--reason", "نام اشتباه"
    )
    assert (code, out, err) == (0, f"revoked {serial}: نام اشتباه\n", "")
    code, out, _ = run(capsys, "certificates", "verify", "--db", db_path, serial)
    assert code == 3 and out.startswith("revoked: ")
    code, out, err = run(
        capsys, "certificates", "revoke", "--db", db_path, serial, "--reason", "دوباره"
    )
    assert (code, out) == (1, "")
    assert err.startswith("error: the certificate is already revoked")
    code, _, err = run(
        capsys, "certificates", "revoke", "--db", db_path, "TEH05-1400-000999", "--reason", "x"
    )
    assert (code, err) == (1, "error: no certificate with the serial 'TEH05-1400-000999'\n")
