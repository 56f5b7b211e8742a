"""Reports written to files and printed by the command line (no Tk): the spreadsheet
read back with openpyxl, the PDF with poppler, `report` run as IT staff would run it."""

from __future__ import annotations

import json
import os
import stat

import pytest
from openpyxl import load_workbook

from desktop.models import Idea
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services.report_files import write_report
from desktop.services.reports import build_report
from desktop.services.setup import admin_session
from tests.factories import set_up_center
from tests.helpers.cli import run
from tests.helpers.pdf import needs_poppler, plain_text
from tests.helpers.reports import END, START, TODAY, History, write_history


@pytest.fixture
def history(admin):  # type: ignore[no-untyped-def]
    made = write_history(admin)
    # An idea whose field a spreadsheet would run as a formula.
    person = made["people"][0]
    History(admin).idea(person, '=HYPERLINK("http://x")', "submitted", START)
    return made


def test_spreadsheet_is_right_to_left_with_numbers_as_numbers(admin, history, tmp_path):
    report = build_report(admin, "funnel", START, END, today=TODAY)
    path = write_report(report, tmp_path / "funnel.xlsx", center_name="مرکز پنج")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    book = load_workbook(path)
    about, stages = book.worksheets[0], book.worksheets[1]
    assert about.sheet_view.rightToLeft and stages.sheet_view.rightToLeft
    assert about["B1"].value == "مرکز پنج (TEH05)" and about["B2"].value == "مسیر توانمندسازی"
    assert about["B3"].value == "از ۱۴۰۵/۰۱/۰۱ تا ۱۴۰۵/۰۶/۳۱"
    assert [c.value for c in stages[1]] == [
        "مرحله",
        "تعداد",
        "نسبت به مرحلهٔ قبل (٪)",
        "نسبت به ثبت‌نام (٪)",
        "میانهٔ روز از مرحلهٔ قبل",
    ]
    assert [c.value for c in stages[4]] == ["آموزش", 5, 83.3, 83.3, 20]
    assert len(book.worksheets) == 1 + len(report.tables)


def test_spreadsheet_never_carries_a_formula(admin, history, tmp_path):
    report = build_report(admin, "ideas", START, END, today=TODAY)
    path = write_report(report, tmp_path / "ideas.xlsx", center_name="مرکز")
    fields = load_workbook(path)["به تفکیک رشته"]
    cells = [cell.value for row in fields.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert Idea.select().count() > 0


@needs_poppler
def test_pdf_has_the_center_the_period_and_every_table(admin, history, tmp_path):
    report = build_report(admin, "commitments", START, END, today=TODAY)
    path = write_report(report, tmp_path / "commitments.pdf", center_name="مرکز پنج")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = plain_text(path)
    for expected in (
        "مرکز پنج",
        "تعهدات اشتغال نهادهای همکار",
        "۱۴۰۵/۰۱/۰۱",
        "۱۴۰۵/۰۶/۳۱",
        "بنیاد برکت",
        "به تفکیک منطقه",
        "به تفکیک ماه",
        "اردیبهشت ۱۴۰۵",
    ):
        assert expected in text, expected


def test_a_file_of_another_kind_is_refused(admin, history, tmp_path):
    report = build_report(admin, "ideas", START, END, today=TODAY)
    with pytest.raises(Exception) as refused:
        write_report(report, tmp_path / "ideas.docx", center_name="مرکز")
    assert getattr(refused.value, "code", "") == "file_kind"
    assert list(tmp_path.iterdir()) == []


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def center_file(tmp_path, database):  # type: ignore[no-untyped-def]
    """A center's SQLite file with the history (the command line opens files)."""
    close_database()
    path = tmp_path / "center.sqlite3"
    open_database(str(path))
    write_history(set_up_center())
    close_database()
    return str(path)


def test_cli_funnel_json_lines(capsys, center_file):
    code, out, err = run(
        capsys,
        "report",
        "--db",
        center_file,
        "--kind",
        "funnel",
        "--from",
        "1405/01/01",
        "--to",
        "1405/06/31",
        "--json",
    )
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    # Every stage counts the people who reached it or a later one; the whole center.
    assert [(row["stage"], row["count"]) for row in lines] == [
        ("registered", 6),
        ("counselled", 6),
        ("trained", 5),
        ("certified", 3),
        ("employed", 2),
        ("empowered", 1),
    ]


def test_cli_commitments_and_a_district(capsys, center_file):
    code, out, err = run(
        capsys,
        "report",
        "--db",
        center_file,
        "--kind",
        "commitments",
        "--from",
        "2026-03-21",
        "--to",
        "2026-09-22",
        "--json",
    )
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["partner"], r["commitment"], r["achieved"], r["percent"]) for r in rows] == [
        ("بنیاد برکت", 4, 1, 25.0),
        ("جهاد دانشگاهی", 2, 0, 0.0),
        ("سازمان آموزش فنی و حرفه‌ای کشور", 10, 2, 20.0),
        ("بدون نهاد همکار", 0, 1, None),
    ]
    code, out, _ = run(
        capsys,
        "report",
        "--db",
        center_file,
        "--kind",
        "funnel",
        "--from",
        "1405/01/01",
        "--to",
        "1405/06/31",
        "--district",
        "4",
        "--json",
        "--by",
        "by_gender",
    )
    assert code == 0
    assert [json.loads(line)["count"] for line in out.splitlines()] == [2, 2, 1, 1, 0, 0]


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_cli_writes_the_report_to_a_file(capsys, center_file, tmp_path, suffix):
    target = tmp_path / f"sales{suffix}"
    code, out, err = run(
        capsys,
        "report",
        "--db",
        center_file,
        "--kind",
        "sales",
        "--from",
        "1405/01/01",
        "--to",
        "1405/06/31",
        "--out",
        str(target),
    )
    assert code == 0, err
    assert out.strip() == str(target) and target.stat().st_size > 1000


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "1405/13/01", "--to", "1405/06/31"], "invalid date"),
        (["--from", "1405/06/31", "--to", "1405/01/01"], "the period ends before it starts"),
        (["--from", "1405/01/01", "--to", "1405/06/31", "--center", "TEH99"], "that center only"),
        (["--from", "1405/01/01", "--to", "1405/06/31", "--by", "by_planet"], "no such table"),
        (["--from", "1405/01/01", "--to", "1405/06/31", "--out", "x.docx"], ".xlsx or .pdf"),
    ],
)
def test_cli_bad_input_is_one_english_line(capsys, center_file, argv, message):
    code, out, err = run(capsys, "report", "--db", center_file, "--kind", "ideas", *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err


def test_cli_sales_district_is_refused(capsys, center_file):
    code, _, err = run(
        capsys,
        "report",
        "--db",
        center_file,
        "--kind",
        "sales",
        "--from",
        "1405/01/01",
        "--to",
        "1405/06/31",
        "--district",
        "3",
    )
    assert code == 1 and "not by district" in err


def test_admin_session_reads_every_report(center_file):
    open_database(center_file)
    try:
        session = admin_session()
        for kind in ("funnel", "commitments", "ideas", "courses", "sales"):
            assert build_report(session, kind, START, END, today=TODAY).tables
    finally:
        close_database()


def test_cli_commitments_set_and_list(capsys, center_file):
    code, out, err = run(
        capsys,
        "commitments",
        "set",
        "--db",
        center_file,
        "--partner",
        "بنیاد برکت",
        "--year",
        "1405",
        "--jobs",
        "1",
    )
    assert code == 0 and out.strip() == "بنیاد برکت: 1 jobs", err
    code, out, _ = run(
        capsys, "commitments", "list", "--db", center_file, "--year", "1405", "--json"
    )
    listed = {row["partner"]: row for row in map(json.loads, out.splitlines())}
    assert listed["بنیاد برکت"]["center_jobs"] == 1 and listed["بنیاد برکت"]["jobs"] == 1
    code, out, _ = run(
        capsys,
        "report",
        "--db",
        center_file,
        "--kind",
        "commitments",
        "--from",
        "1405/01/01",
        "--to",
        "1405/06/31",
        "--json",
    )
    first = json.loads(out.splitlines()[0])
    assert (first["partner"], first["commitment"], first["achieved"], first["percent"]) == (
        "بنیاد برکت",
        1,
        1,
        100.0,
    )
    code, _, err = run(
        capsys,
        "commitments",
        "set",
        "--db",
        center_file,
        "--partner",
        "x",
        "--year",
        "1405",
        "--jobs",
        "1",
    )
    assert code == 1 and err.startswith("error: not found")
