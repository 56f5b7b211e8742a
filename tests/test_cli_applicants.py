"""`python -m desktop applicants import|export|search`: exit codes, summary lines, the
report file and JSON lines, against real database files set up with `init`."""

from __future__ import annotations

import csv
import json

import pytest

from desktop.cli import main
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services.applicant_io import MissingColumns
from desktop.strings import Applicants as ApplicantMessages
from tests.helpers.cli import HEADER, line, sheet_xml, xlsx_with_sheet
from tests.helpers.cli import numbered_code as national_code


@pytest.fixture
def db_path(tmp_path):
    password = tmp_path / "password.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    path = str(tmp_path / "center.sqlite3")
    init = ["init", "--db", path, "--center-code", "TEH05", "--center-name", "مرکز پنج"]
    assert main([*init, "--admin", "admin", "--password-file", str(password)]) == 0
    yield path
    close_database()


@pytest.fixture
def people(tmp_path):
    """Three rows: two good, one with a bad mobile (row 3)."""
    path = tmp_path / "people.csv"
    rows = [HEADER, line(1, "مریم"), line(2, mobile="123"), line(3, "کاوه")]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return path


def run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def import_with_report(capsys, db_path, path, report):
    """(exit code, stdout, the report's rows as dicts) of `applicants import --report`."""
    code, out, _ = run(
        capsys, "applicants", "import", "--db", db_path, str(path), "--report", str(report)
    )
    with open(report, encoding="utf-8", newline="") as lines:
        return code, out, list(csv.DictReader(lines))


def test_import_with_report(db_path, people, tmp_path, capsys):
    report = tmp_path / "report.csv"
    code, out, err = run(
        capsys, "applicants", "import", "--db", db_path, str(people), "--report", str(report)
    )
    assert (code, out, err) == (0, "3 rows: 2 ok, 1 rejected; created 2\n", "")
    assert report.read_text(encoding="utf-8").splitlines() == [
        "row,status,field,message",
        "2,ok,,",
        f"3,rejected,mobile,{ApplicantMessages.MOBILE_FORMAT}",
        "4,ok,,",
    ]
    code, out, _ = run(capsys, "applicants", "search", "--db", db_path, "", "--json")
    assert {json.loads(row)["first_name"] for row in out.splitlines()} == {"کاوه", "مریم"}


def test_the_report_has_a_line_per_problem_of_a_row(db_path, tmp_path, capsys):
    path = tmp_path / "problems.csv"
    bad = (
        line(2, mobile="123").replace(",female,", ",?,").replace(",5,job_seeker", ",99,job_seeker")
    )
    path.write_text("\n".join([HEADER, line(1), bad, line(3)]) + "\n", encoding="utf-8")
    code, out, rows = import_with_report(capsys, db_path, path, tmp_path / "report.csv")
    assert (code, out) == (0, "3 rows: 2 ok, 1 rejected; created 2\n")
    assert list(rows[0]) == ["row", "status", "field", "message"]
    assert [(r["row"], r["status"], r["field"]) for r in rows] == [
        ("2", "ok", ""),
        ("3", "rejected", "gender"),
        ("3", "rejected", "mobile"),
        ("3", "rejected", "district"),
        ("4", "ok", ""),
    ]
    assert rows[2]["message"] == ApplicantMessages.MOBILE_FORMAT


def test_import_without_report_lists_rejections_on_stderr(db_path, people, capsys):
    code, out, err = run(capsys, "applicants", "import", "--db", db_path, str(people))
    assert code == 0
    assert out == "3 rows: 2 ok, 1 rejected; created 2\n"
    assert err == f"row 3: mobile: {ApplicantMessages.MOBILE_FORMAT}\n"


def test_dry_run_creates_nothing(db_path, people, capsys):
    code, out, _ = run(capsys, "applicants", "import", "--db", db_path, str(people), "--dry-run")
    assert (code, out) == (0, "dry run: 3 rows: 2 ok, 1 rejected\n")
    code, out, _ = run(capsys, "applicants", "search", "--db", db_path, "", "--json")
    assert (code, out) == (0, "")


def test_importing_twice_rejects_everyone_but_exits_0(db_path, people, tmp_path, capsys):
    assert run(capsys, "applicants", "import", "--db", db_path, str(people))[0] == 0
    code, out, rows = import_with_report(capsys, db_path, people, tmp_path / "again.csv")
    assert (code, out) == (0, "3 rows: 0 ok, 3 rejected; created 0\n")
    assert [(r["row"], r["field"]) for r in rows] == [
        ("2", "national_code"),
        ("3", "mobile"),
        ("4", "national_code"),
    ]
    assert "TEH05-000001" in rows[0]["message"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.csv", None, "no such file"),
        ("people.xls", b"\xd0\xcf\x11\xe0", "only .csv and .xlsx"),
        ("empty.csv", b"", "the file is empty"),
        ("ansi.csv", "كد ملي,نام\n".encode("cp1256"), "not UTF-8"),
    ],
)
def test_unreadable_file_fails_with_one_english_line(
    db_path, tmp_path, capsys, name, content, reason
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "applicants", "import", "--db", db_path, str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"error: cannot read {path}: ") and reason in err
    assert err.count("\n") == 1


def test_files_past_the_caps_fail_with_one_english_line_naming_the_limit(db_path, tmp_path, capsys):
    spaces = (b" " * 2**20 for _ in range(16))
    cell = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>', *spaces, b"</t></is></c></row>"]
    bomb = xlsx_with_sheet(tmp_path / "bomb.xlsx", sheet_xml(cell))
    long = tmp_path / "long.csv"
    long.write_text(HEADER + "\n" + line(1, first_name="ب" * 10_001) + "\n", encoding="utf-8")
    for path, reason in (
        (bomb, "the file is too big: at most 128 MB (unpacked, for .xlsx)"),
        (long, "a cell in row 2 holds more than 10000 characters"),
    ):
        code, out, err = run(capsys, "applicants", "import", "--db", db_path, str(path))
        assert (code, out, err) == (1, "", f"error: cannot read {path}: {reason}\n")


def test_missing_columns_reject_every_row_but_the_file_was_read(db_path, tmp_path, capsys):
    path = tmp_path / "partial.csv"
    path.write_text(
        "national_code,first_name,last_name\n0012345678,a,b\n0084575948,c,d\n", encoding="utf-8"
    )
    report = tmp_path / "report.csv"
    code, out, err = run(
        capsys, "applicants", "import", "--db", db_path, str(path), "--report", str(report)
    )
    assert code == 0  # the contract: 0 whenever the file could be read
    missing = ["father_name", "gender", "birth_date", "mobile", "district", "categories"]
    assert err == f"{path} lacks required columns: {', '.join(missing)}\n"
    assert out == "2 rows: 0 ok, 2 rejected; created 0\n"
    with report.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(row["row"], row["status"], row["field"]) for row in rows] == [
        ("2", "rejected", ";".join(missing)),
        ("3", "rejected", ";".join(missing)),
    ]
    assert rows[0]["message"] == MissingColumns(missing).message


def test_import_before_init_fails(tmp_path, people, capsys):
    path = str(tmp_path / "new.sqlite3")
    open_database(path)  # a database whose set-up never ran
    close_database()
    try:
        code, _, err = run(capsys, "applicants", "import", "--db", path, str(people))
    finally:
        close_database()
    assert code == 1 and "not set up yet" in err


def test_search_json_and_tab_lines(db_path, people, capsys):
    run(capsys, "applicants", "import", "--db", db_path, str(people))
    code, out, _ = run(capsys, "applicants", "search", "--db", db_path, "کاوه", "--json")
    [row] = [json.loads(text) for text in out.splitlines()]
    assert code == 0
    assert {
        key: row[key]
        for key in ("file_number", "national_code", "first_name", "last_name", "mobile")
    } == {
        "file_number": "TEH05-000002",
        "national_code": national_code(3),
        "first_name": "کاوه",
        "last_name": "احمدی",
        "mobile": "09120000003",
    }
    assert (row["father_name"], row["district"], row["status"]) == ("علی", 5, "registered")
    assert len(row["id"]) == 36

    code, out, _ = run(capsys, "applicants", "search", "--db", db_path, national_code(1))
    assert out == (
        f"TEH05-000001\t{national_code(1)}\tمریم\tاحمدی\tعلی\t09120000001\t5\tregistered\n"
    )


@pytest.mark.parametrize("query", ["TEH05-000002", "teh05-2", "TEH05-۰۰۰۰۰۲", "000002", "2"])
def test_search_by_file_number(db_path, people, capsys, query):
    run(capsys, "applicants", "import", "--db", db_path, str(people))
    code, out, _ = run(capsys, "applicants", "search", "--db", db_path, query, "--json")
    assert code == 0
    assert [json.loads(text)["first_name"] for text in out.splitlines()] == ["کاوه"]


def test_search_limit_and_filters(db_path, people, capsys):
    run(capsys, "applicants", "import", "--db", db_path, str(people))
    _, out, _ = run(capsys, "applicants", "search", "--db", db_path, "", "--limit", "1")
    assert len(out.splitlines()) == 1
    _, out, _ = run(capsys, "applicants", "search", "--db", db_path, "", "--district", "4")
    assert out == ""
    with pytest.raises(SystemExit) as exited:
        main(["applicants", "search", "--db", db_path, "x", "--limit", "0"])
    assert exited.value.code == 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_reimport(db_path, people, tmp_path, capsys, suffix):
    run(capsys, "applicants", "import", "--db", db_path, str(people))
    out_file = tmp_path / f"all{suffix}"
    code, out, _ = run(capsys, "applicants", "export", "--db", db_path, "--out", str(out_file))
    assert (code, out) == (0, f"exported 2 applicants to {out_file}\n")
    code, out, _ = run(capsys, "applicants", "import", "--db", db_path, str(out_file), "--dry-run")
    assert (code, out) == (0, "dry run: 2 rows: 0 ok, 2 rejected\n")  # all already here


def test_export_with_query(db_path, people, tmp_path, capsys):
    run(capsys, "applicants", "import", "--db", db_path, str(people))
    out_file = tmp_path / "some.csv"
    code, out, _ = run(
        capsys, "applicants", "export", "--db", db_path, "--out", str(out_file), "--query", "مریم"
    )
    assert (code, out) == (0, f"exported 1 applicant to {out_file}\n")
    with open(out_file, encoding="utf-8-sig", newline="") as lines:
        assert [r["first_name"] for r in csv.DictReader(lines)] == ["مریم"]


def test_export_refuses_other_formats(db_path, tmp_path, capsys):
    code, _, err = run(
        capsys, "applicants", "export", "--db", db_path, "--out", str(tmp_path / "x.pdf")
    )
    assert (code, err) == (1, "error: --out must end in .xlsx or .csv\n")
    assert not (tmp_path / "x.pdf").exists()


def test_a_write_conflict_is_one_line(db_path, people, capsys, monkeypatch):
    from desktop.errors import UserError
    from desktop.services import applicant_io

    def conflict(*args, **kwargs):
        raise UserError("…", code="conflict")

    monkeypatch.setattr(applicant_io, "import_rows", conflict)
    code, out, err = run(capsys, "applicants", "import", "--db", db_path, str(people))
    assert (code, out) == (1, "")
    assert err == "error: applicants were registered meanwhile; nothing imported, run it again\n"
