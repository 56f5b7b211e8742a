"""Import applicants from CSV or Excel files and export them back, for clerks and IT staff.

Centers keep lists of people in spreadsheets long before they get this app; importing
them must go through the same validation as the registration form, explain every row
it refuses, and write all accepted rows or none. The column contract (IT staff script
against it; `HEADERS`/`HEADER_ALIASES` in desktop/strings/applicant_io.py add Persian
headers) is:

    national_code, first_name, last_name, father_name, gender, birth_date, mobile,
    district, categories       (required, any order; other columns are ignored)
    phone, address, education_level, education_field, marital_status, skills, notes
                               (optional)

`gender` is male/female or مرد/زن; `birth_date` Jalali YYYY/MM/DD (Persian or ASCII
digits); `district` a number; `categories` and `skills` are `;`-separated (the Persian
`؛` too); categories, education and marital status are keys (job_seeker…) or their
Persian names, so what an XLSX export writes for people reads back in.

Decisions:
- Row numbers are spreadsheet rows: the header is row 1, the first data row row 2 (for a
  CSV with line breaks inside quoted cells that is the record number, which is what a
  spreadsheet shows, not the physical line).
- Empty rows at the end of a file are dropped (spreadsheets keep formatted empty rows);
  an empty row between data rows is reported as rejected, so that row numbers in the
  report always match the sheet and nothing is skipped silently.
- A national code already registered at this center (deleted files included: the
  unique index holds them too) is rejected naming that file; a repeat within the file is
  rejected naming the earlier row that was accepted. Near duplicates (same names and
  birth date, another national code) are imported: the form asks a clerk to confirm
  them, a file cannot, and a national code is what tells two people apart.
- Text that a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) is quoted
  with an apostrophe in CSV files (the export and the report; services/spreadsheet.py)
  and written as a text cell in XLSX; the import takes the quote off again.
- Export writes dates as Jalali text with ASCII digits (1370/05/12), like identifiers:
  other programs and scripts read them, and the import reads them back. CSV exports are
  for machines (English keys as headers and values, UTF-8 with a BOM so Excel shows
  Persian); XLSX exports are for people (Persian headers and value names, right to
  left) and re-import just as well.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import os
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from peewee import IntegrityError

from desktop import partial_files
from desktop.errors import UserError, ValidationError
from desktop.models import Applicant, db
from desktop.models.backend import read_snapshot
from desktop.services import applicants
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.applicants import READERS, WRITERS, ApplicantInput
from desktop.services.identity import clean_national_code
from desktop.services.session import Session
from desktop.services.spreadsheet import safe_cell, starts_like_formula, unquoted
from desktop.strings import (
    CATEGORY_NAMES,
    EDUCATION_NAMES,
    GENDER_NAMES,
    MARITAL_NAMES,
    STATUS_NAMES,
)
from desktop.strings import Applicants as ApplicantMessages
from desktop.strings.applicant_io import HEADER_ALIASES, HEADERS
from desktop.strings.applicant_io import ApplicantIo as Messages
from desktop.text.digits import format_number, group_thousands
from desktop.text.jalali import jalali_parts
from desktop.text.normalize import normalize_identifier, normalize_text, search_key

REQUIRED_FIELDS = (
    "national_code",
    "first_name",
    "last_name",
    "father_name",
    "gender",
    "birth_date",
    "mobile",
    "district",
    "categories",
)
OPTIONAL_FIELDS = (
    "phone",
    "address",
    "education_level",
    "education_field",
    "marital_status",
    "skills",
    "notes",
)
IMPORT_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
# What an export writes: the import contract plus two columns import ignores.
EXPORT_FIELDS = ("file_number", *IMPORT_FIELDS, "status")
REPORT_COLUMNS = ("row", "status", "field", "message")

# What a file may hold. A center imports a programme's list, at most tens of thousands
# of people (a district's whole registry is a few hundred thousand, built up over
# years); 100,000 rows import in about 20 s. Beyond these the file is refused before
# it is read whole: a few megabytes of zip can hold gigabytes of XML (a zip bomb), and
# a sheet of millions of rows would take minutes and gigabytes.
MAX_ROWS = 100_000  # data rows, the header not counted
MAX_COLUMNS = 200  # the contract has 16; other systems' sheets carry dozens
MAX_CELL_CHARS = 10_000  # a long note fits; Excel's own cap is 32,767
MAX_CSV_BYTES = 64 * 2**20  # 100,000 rows of the contract are about 25 MB
MAX_XLSX_UNCOMPRESSED = 128 * 2**20  # the same rows as sheet XML are about 60 MB
MAX_XLSX_RATIO = 200  # XML deflates 10–30 times; whitespace a thousand times
_RATIO_FROM_BYTES = 2**20  # small parts may compress as they like

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_DELIMITERS = (",", ";", "\t")
LIST_SEPARATORS = (";", "؛")

OK: Literal["ok"] = "ok"
REJECTED: Literal["rejected"] = "rejected"

ProgressCallback = Callable[[int, int | None], object]
"""progress(done, total): `Progress.step` fits, and raises Cancelled to stop the work."""

_PROGRESS_EVERY = 500
_LOOKUP_CHUNK = 500  # national codes per duplicate query (SQLite's variable limit)
_EXPORT_CHUNK = 1000
_EXPORT_WIDTHS = {
    "file_number": 16,
    "national_code": 13,
    "first_name": 16,
    "last_name": 20,
    "father_name": 16,
    "gender": 8,
    "birth_date": 12,
    "mobile": 14,
    "district": 8,
    "categories": 30,
    "phone": 14,
    "address": 40,
    "education_level": 14,
    "education_field": 20,
    "marital_status": 12,
    "skills": 30,
    "notes": 40,
    "status": 16,
}
_TEXT_FORMAT_FIELDS = ("national_code", "mobile", "phone", "birth_date")


class UnreadableFile(UserError):
    """The file cannot be read as a table; `reason` says why, for the CLI's English line:
    missing, format, encoding, corrupt, empty, no_header, too_big, too_many_rows,
    too_many_columns or cell_too_long (`detail` then holds the limit, and the row)."""

    def __init__(self, message: str, reason: str, **detail: int):
        super().__init__(message, code="unreadable")
        self.reason = reason
        self.detail = detail


def _over_limit(reason: str, message: str, limit: int, **detail: int) -> UnreadableFile:
    """A refusal that names the limit (in megabytes for sizes)."""
    shown = {key: group_thousands(value) for key, value in detail.items()}
    if reason == "too_big":
        limit //= 2**20
        shown["csv_limit"] = group_thousands(MAX_CSV_BYTES // 2**20)
        shown["xlsx_limit"] = group_thousands(MAX_XLSX_UNCOMPRESSED // 2**20)
    return UnreadableFile(
        message.format(limit=group_thousands(limit), **shown), reason, limit=limit, **detail
    )


class MissingColumns(UserError):
    """Required columns that no header maps to: no row could be imported."""

    def __init__(self, columns: list[str]):
        names = ApplicantMessages.LIST_SEPARATOR.join(
            f"{HEADERS[name]} ({name})" for name in columns
        )
        super().__init__(Messages.MISSING_COLUMNS.format(columns=names), code="missing_columns")
        self.columns = columns


@dataclass
class Table:
    """A sheet as text: header cells, then data rows (row `first_line` is rows[0])."""

    headers: list[str]
    rows: list[list[str]]
    first_line: int = 2


def _unlisted() -> Any:
    """A dataclass field outside the comparison (RowResult has a field named `field`)."""
    return field(default="", compare=False)


@dataclass(frozen=True)
class RowResult:
    row: int
    status: Literal["ok", "rejected"]
    field: str
    message: str
    # Who the row is, for the preview (not in the report's contract columns, nor in
    # the comparison of two verdicts): the name and code as checked (as typed when the
    # row was rejected), and for an accepted row the file number the import gives it.
    name: str = _unlisted()
    national_code: str = _unlisted()
    file_number: str = _unlisted()


@dataclass(frozen=True)
class ImportSummary:
    """`results` has a line per accepted row and a line per problem of a rejected row
    (the report's lines); `rejected` counts rows."""

    created: int
    rejected: int
    results: list[RowResult] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Data rows checked."""
        return len({result.row for result in self.results})

    @property
    def accepted(self) -> int:
        """Rows that passed every check (created unless this was a dry run)."""
        return sum(1 for result in self.results if result.status == OK)


# -- reading files -------------------------------------------------------------------


def read_table(path: str | Path) -> Table:
    """A CSV file (.csv, .txt, .tsv) or the active sheet of an XLSX file (the one Excel
    opens on), every cell as text.

    Raises UnreadableFile (a Persian message, and a `reason`) when the file is missing,
    neither CSV nor XLSX, not UTF-8, damaged, empty, or has an empty first row.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise UnreadableFile(Messages.UNREADABLE_FORMAT, "format")
    if not path.is_file():
        raise UnreadableFile(Messages.UNREADABLE_MISSING, "missing")
    try:
        grid = _read_xlsx(path) if suffix in XLSX_SUFFIXES else _read_csv(path)
    except OSError as error:
        raise UnreadableFile(Messages.UNREADABLE_MISSING, "missing") from error
    return _table_of(grid)


def _read_csv(path: Path) -> list[list[str]]:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise _over_limit("too_big", Messages.TOO_BIG, MAX_CSV_BYTES)
    data = path.read_bytes()
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")  # Excel's "Unicode Text", tab-separated
        else:
            text = data.decode("utf-8-sig")  # with or without the BOM Excel writes
    except UnicodeDecodeError as error:
        raise UnreadableFile(Messages.UNREADABLE_ENCODING, "encoding") from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _capped(reader)
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # csv's own cap, 131,072
            line = reader.line_num
            raise _over_limit(
                "cell_too_long", Messages.CELL_TOO_LONG, MAX_CELL_CHARS, row=line
            ) from error
        raise UnreadableFile(Messages.UNREADABLE_CORRUPT, "corrupt") from error


def _capped(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """The rows as text, refused past MAX_ROWS data rows (empty rows after the last
    are let through, up to as many again), MAX_COLUMNS columns or MAX_CELL_CHARS in a cell."""
    grid: list[list[str]] = []
    last_filled = 0  # the number of rows up to the last non-empty one
    for number, cells in enumerate(rows, start=1):
        row = [_cell_text(value) for value in cells]
        filled = not _is_empty(row)
        if filled:
            last_filled = number
        if last_filled > MAX_ROWS + 1 or number > _max_sheet_rows():
            raise _over_limit("too_many_rows", Messages.TOO_MANY_ROWS, MAX_ROWS)
        if len(row) > MAX_COLUMNS and any(cell.strip() for cell in row[MAX_COLUMNS:]):
            raise _over_limit("too_many_columns", Messages.TOO_MANY_COLUMNS, MAX_COLUMNS)
        if any(len(cell) > MAX_CELL_CHARS for cell in row):
            raise _over_limit("cell_too_long", Messages.CELL_TOO_LONG, MAX_CELL_CHARS, row=number)
        grid.append(row[:MAX_COLUMNS])
    return grid


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_oversized_xlsx(path)
    try:
        # Read-only: the sheet streams row by row (openpyxl's iterparse), never whole.
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableFile(Messages.UNREADABLE_CORRUPT, "corrupt") from error
    try:
        sheet = workbook.active or workbook.worksheets[0]
        # Rows come padded to the sheet's stated width; one stated vaster than the cap
        # (A1:XFD1048576) is read to one column past it, enough to tell whether that
        # column holds anything.
        width = sheet.max_column if isinstance(sheet.max_column, int) else MAX_COLUMNS + 1
        rows = sheet.iter_rows(max_col=min(width, MAX_COLUMNS + 1), values_only=True)
        return _capped(rows)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError) as error:
        raise UnreadableFile(Messages.UNREADABLE_CORRUPT, "corrupt") from error
    finally:
        workbook.close()


def _refuse_oversized_xlsx(path: Path) -> None:
    """Refuse, before openpyxl opens it, an XLSX whose parts would unpack to more than
    MAX_XLSX_UNCOMPRESSED, any large part packed tighter than MAX_XLSX_RATIO (a zip
    bomb), or a sheet of more rows than the row cap lets through.

    The sizes are the zip's own declarations, and they bind: zipfile stops a part at
    its declared size. The rows are counted in a streamed pass over each sheet's XML,
    because openpyxl, opening a sheet that does not state its size, walks all of it and
    keeps a node per row (every sheet, the active one or not)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            total = sum(part.file_size for part in parts)
            packed_tight = any(
                part.file_size > _RATIO_FROM_BYTES
                and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1)
                for part in parts
            )
            if total > MAX_XLSX_UNCOMPRESSED or packed_tight:
                raise _over_limit("too_big", Messages.TOO_BIG, MAX_XLSX_UNCOMPRESSED)
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with archive.open(part) as sheet:
                        if _row_tags(sheet) > _max_sheet_rows():
                            raise _over_limit("too_many_rows", Messages.TOO_MANY_ROWS, MAX_ROWS)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnreadableFile(Messages.UNREADABLE_CORRUPT, "corrupt") from error


def _max_sheet_rows() -> int:
    """Rows a sheet may hold: the data rows, the header, and as many empty rows again."""
    return 2 * MAX_ROWS + 1


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_SCAN_CHUNK = 2**20


def _row_tags(stream: IO[bytes]) -> int:
    """How many <row> elements an XML stream holds, read a chunk at a time."""
    count, tail = 0, b""
    while chunk := stream.read(_SCAN_CHUNK):
        data = tail + chunk
        # A tag cut at the chunk's end is counted with the next chunk.
        cut = max(len(data) - 64, 0)
        count += len(_ROW_TAG.findall(data, 0, cut))
        tail = data[cut:]
    return count + len(_ROW_TAG.findall(tail))


def _cell_text(value: object) -> str:
    """An Excel cell as the text a person typed: 12.0 → '12', a date cell → Jalali."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _jalali_ascii(value)
    return str(value)


def _table_of(grid: list[list[str]]) -> Table:
    while grid and _is_empty(grid[-1]):
        grid.pop()
    if not grid:
        raise UnreadableFile(Messages.UNREADABLE_EMPTY, "empty")
    if _is_empty(grid[0]):
        raise UnreadableFile(Messages.UNREADABLE_NO_HEADER, "no_header")
    headers = [cell.strip() for cell in grid[0]]
    return Table(headers=headers, rows=grid[1:], first_line=2)


def _is_empty(cells: Sequence[str]) -> bool:
    return all(not cell.strip() for cell in cells)


# -- columns -------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Header and choice names compared without case, harakat, spaces or ZWNJ."""
    return search_key(text).replace(" ", "")


def _header_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name in IMPORT_FIELDS:
        for header in (name, HEADERS[name], *HEADER_ALIASES.get(name, ())):
            lookup.setdefault(_fold(header), name)
    return lookup


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Field → column index, from English keys or common Persian headers; the first
    column wins when two carry the same name."""
    lookup = _header_lookup()
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = lookup.get(_fold(header))
        if name is not None and name not in mapping:
            mapping[name] = index
    return mapping


def missing_columns(mapping: dict[str, int]) -> list[str]:
    """Required fields that the mapping leaves out, in contract order."""
    return [name for name in REQUIRED_FIELDS if name not in mapping]


def _choices(names: dict[str, str]) -> dict[str, str]:
    """Folded key or Persian name → key."""
    lookup = {_fold(key): key for key in names}
    lookup.update({_fold(name): key for key, name in names.items()})
    return lookup


_CATEGORY_KEYS = _choices(CATEGORY_NAMES)
_EDUCATION_KEYS = _choices(EDUCATION_NAMES)
_MARITAL_KEYS = _choices(MARITAL_NAMES)


def _choice(value: str, lookup: dict[str, str]) -> str:
    """A known key for a key or Persian name; anything else as it was (validation says
    it is unknown)."""
    if value in lookup:  # the key itself, as CSV files and exports carry it
        return lookup[value]
    return lookup.get(_fold(value), value) if value.strip() else ""


def _split_list(value: str) -> list[str]:
    for separator in LIST_SEPARATORS[1:]:
        value = value.replace(separator, LIST_SEPARATORS[0])
    return [part for part in value.split(LIST_SEPARATORS[0]) if part.strip()]


def _row_input(cells: Sequence[str], mapping: dict[str, int]) -> ApplicantInput:
    def cell(name: str) -> str:
        index = mapping.get(name)
        # A cell our export quoted («'@SUM…») reads back as it was.
        return unquoted(cells[index]) if index is not None and index < len(cells) else ""

    return ApplicantInput(
        first_name=cell("first_name"),
        last_name=cell("last_name"),
        father_name=cell("father_name"),
        national_code=cell("national_code"),
        gender=cell("gender"),
        birth_date=cell("birth_date"),
        mobile=cell("mobile"),
        phone=cell("phone"),
        address=cell("address"),
        district=cell("district"),
        education_level=_choice(cell("education_level"), _EDUCATION_KEYS),
        education_field=cell("education_field"),
        marital_status=_choice(cell("marital_status"), _MARITAL_KEYS),
        categories=[_choice(part, _CATEGORY_KEYS) for part in _split_list(cell("categories"))],
        skills=_split_list(cell("skills")),
        notes=cell("notes"),
    )


# -- checking and importing ----------------------------------------------------------


def dry_run(
    session: Session,
    table: Table,
    mapping: dict[str, int],
    *,
    progress: ProgressCallback | None = None,
) -> list[RowResult]:
    """What an import would do, row by row; nothing is written."""
    return _check(session, table, mapping, progress)[0]


def import_rows(
    session: Session,
    table: Table,
    mapping: dict[str, int],
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Check every row, then create the accepted ones in one transaction.

    All or nothing: any failure while writing rolls every row back. Cancellation (a
    progress callback raising Cancelled) is honoured until the write starts. Raises
    MissingColumns if a required column is not mapped.
    """
    if dry_run:
        results = _check(session, table, mapping, progress)[0]
        return ImportSummary(created=0, rejected=_rejected(results), results=results)
    try:
        with db.atomic():
            results, accepted = _check(session, table, mapping, progress)
            created = applicants.bulk_create(session, accepted)
    except (IntegrityError, sqlite3.IntegrityError) as error:
        # Someone registered one of these people (or took a file number) between the
        # check and the write: nothing was written, and running the import again works.
        raise UserError(Messages.WRITE_CONFLICT, code="conflict") from error
    return ImportSummary(created=len(created), rejected=_rejected(results), results=results)


def rejected_for_missing_columns(table: Table, error: MissingColumns) -> ImportSummary:
    """Every data row rejected because the file lacks required columns: for a caller
    without a mapping step (the command line), which reports per row like any import."""
    field_names = ";".join(error.columns)
    results = [
        RowResult(table.first_line + index, REJECTED, field_names, error.message)
        for index in range(len(table.rows))
    ]
    return ImportSummary(created=0, rejected=len(results), results=results)


def _rejected(results: Sequence[RowResult]) -> int:
    """Rows refused (a row refused for several reasons has a result for each)."""
    return len({result.row for result in results if result.status == REJECTED})


def _check(
    session: Session,
    table: Table,
    mapping: dict[str, int],
    progress: ProgressCallback | None,
) -> tuple[list[RowResult], list[dict[str, Any]]]:
    """(the results: one per accepted row, one per problem of a rejected row — every
    field's, and a national code already here or earlier in the file besides — in file
    order; the clean values of the accepted rows in file order)."""
    session.require(*WRITERS)
    missing = missing_columns(mapping)
    if missing:
        raise MissingColumns(missing)
    district_numbers = [number for number, _ in applicants.districts(session)]
    total = len(table.rows)
    checked: list[_Checked] = []
    for index, cells in enumerate(table.rows):
        if progress is not None and index % _PROGRESS_EVERY == 0:
            progress(index, total)
        if _is_empty(cells):
            checked.append(_Checked(problems=[("", Messages.EMPTY_ROW)]))
            continue
        data = _row_input(cells, mapping)
        try:
            clean = applicants.validate(data, districts=district_numbers)
        except ValidationError as error:
            code = (
                _valid_national_code(data.national_code)
                if "national_code" not in error.errors
                else None
            )
            name = normalize_text(f"{data.first_name} {data.last_name}")
            who = (name, code or normalize_identifier(data.national_code))
            checked.append(_Checked(None, list(error.errors.items()), who, code))
            continue
        who = (f"{clean['first_name']} {clean['last_name']}", clean["national_code"])
        checked.append(_Checked(clean, [], who, clean["national_code"]))

    registered = _registered(session, [row.code for row in checked if row.code])
    results: list[RowResult] = []
    accepted: list[dict[str, Any]] = []
    first_line_of: dict[str, int] = {}
    number = applicants.next_number(session.center_code)  # as bulk_create numbers them
    for index, row in enumerate(checked):
        line = table.first_line + index
        if row.code in registered:
            row.problems.append(("national_code", registered[row.code]))
        elif row.code in first_line_of:
            earlier = format_number(first_line_of[row.code])
            row.problems.append(("national_code", Messages.DUPLICATE_IN_FILE.format(line=earlier)))
        if row.problems:
            results += [RowResult(line, REJECTED, f, m, *row.who) for f, m in row.problems]
            continue
        assert row.clean is not None and row.code is not None
        first_line_of[row.code] = line
        accepted.append(row.clean)
        file_number = applicants.file_number(session.center_code, number + len(accepted) - 1)
        results.append(RowResult(line, OK, "", "", *row.who, file_number))
    if progress is not None:
        progress(total, total)
    return results, accepted


@dataclass
class _Checked:
    """One row after validation: its clean values (None if refused), its problems as
    (field, message), who it is (name, national code as checked or typed), and its
    national code when that is valid (to look for duplicates even in a refused row)."""

    clean: dict[str, Any] | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    who: tuple[str, str] = ("", "")
    code: str | None = None


def _valid_national_code(text: str) -> str | None:
    try:
        return clean_national_code(text)
    except ValidationError:
        return None


def _registered(session: Session, codes: Sequence[str]) -> dict[str, str]:
    """National code → why it is refused, for codes this center already holds; one
    query per chunk of codes."""
    unique = sorted(set(codes))
    found: dict[str, str] = {}
    for start in range(0, len(unique), _LOOKUP_CHUNK):
        query = Applicant.select(
            Applicant.national_code,
            Applicant.file_number,
            Applicant.first_name,
            Applicant.last_name,
            Applicant.deleted,
        ).where(
            (Applicant.center_code == session.center_code)
            & Applicant.national_code.in_(unique[start : start + _LOOKUP_CHUNK])
        )
        for row in _dicts(query):
            if row["deleted"]:
                message = ApplicantMessages.DUPLICATE_DELETED.format(file_number=row["file_number"])
            else:
                message = ApplicantMessages.DUPLICATE.format(
                    file_number=row["file_number"],
                    name=f"{row['first_name']} {row['last_name']}",
                )
            found[row["national_code"]] = message
    return found


def _dicts(query: Any) -> list[dict[str, Any]]:
    """The rows of a select as dicts (peewee's stubs type `.dicts()` as models)."""
    return list(query.dicts())


def write_report(results: Sequence[RowResult], path: str | Path) -> None:
    """The report: CSV `row,status,field,message`, UTF-8 without BOM, for scripts (a
    person sees the same results on screen) — a line per accepted row, and a line per
    problem of a rejected row, all with that row's number."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(REPORT_COLUMNS)
        for result in results:
            writer.writerow(
                [
                    safe_cell(value)
                    for value in (result.row, result.status, result.field, result.message)
                ]
            )


# -- export --------------------------------------------------------------------------


def export(
    session: Session,
    search: ApplicantSearch,
    path: str | Path,
    *,
    progress: ProgressCallback | None = None,
    sort: str | None = "file_number",
    descending: bool = False,
) -> int:
    """Write every applicant the search matches to `.xlsx` or `.csv`, in `sort` order
    (file number unless told; None is Persian alphabetical order); returns how many.
    Walks the search by key (`ApplicantSearch.walk`), so memory stays flat and the
    time grows with the rows, never with their square; the file appears only when
    complete (a cancelled or failed export leaves no partial file)."""
    session.require(*READERS)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(Messages.UNSUPPORTED_EXPORT, code="unsupported_format")
    total = None if search.capped else search.count()
    partial_files.remove_stale(path.parent)  # of an export killed while writing
    partial = partial_files.reserve(path)
    writer: _Writer = _XlsxWriter(partial) if suffix == ".xlsx" else _CsvWriter(partial)
    count = 0
    try:
        with read_snapshot():  # one consistent view, and clerks can save meanwhile
            for chunk in search.walk(sort, descending, _EXPORT_CHUNK, EXPORT_FIELDS):
                for row in chunk:
                    writer.write(row)
                count += len(chunk)
                if progress is not None:
                    progress(count, total)
        writer.close()
        os.replace(partial, path)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    return count


@functools.lru_cache(maxsize=65_536)  # birth dates repeat: an export converts each once
def _jalali_ascii(value: dt.date) -> str:
    year, month, day = jalali_parts(value)
    return f"{year:04d}/{month:02d}/{day:02d}"


def _names(keys: str, names: dict[str, str]) -> str:
    return "؛ ".join(names.get(key, key) for key in keys.split(";") if key)


class _Writer(Protocol):
    def write(self, row: dict[str, Any]) -> None: ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


class _CsvWriter:
    """For machines: the contract's English keys and values; a BOM so Excel reads UTF-8."""

    def __init__(self, path: Path):
        self._file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._file)
        self._csv.writerow(EXPORT_FIELDS)

    def write(self, row: dict[str, Any]) -> None:
        values = dict(row)
        values["birth_date"] = _jalali_ascii(row["birth_date"]) if row["birth_date"] else ""
        values["district"] = "" if row["district"] is None else row["district"]
        self._csv.writerow([safe_cell(values[name]) for name in EXPORT_FIELDS])

    def close(self) -> None:
        self._file.close()

    def abort(self) -> None:
        self._file.close()


class _XlsxWriter:
    """For people: Persian headers and names, right to left, identifiers kept as text.

    openpyxl makes the workbook around the rows — styles, widths, right to left, the
    frozen header — and this class writes the rows themselves into the sheet as XML
    text, streamed into the zip: openpyxl builds objects for every cell and serialises
    them through a pure-Python XML writer, which would take most of an hour over a
    million rows (README, "Benchmarks"). Every cell is an inline string or a
    number; identifiers and text that would run as a formula carry the "@" (text)
    format, so a spreadsheet never turns them into numbers or formulas.
    """

    SHEET = "xl/worksheets/sheet1.xml"
    _FLUSH_EVERY = 1000  # rows buffered before each write into the zip

    def __init__(self, path: Path):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # ~0.1 s the app need not pay
        from openpyxl.utils import get_column_letter

        self._illegal = ILLEGAL_CHARACTERS_RE
        prefix, self._suffix, self._text_style = self._skeleton(path)
        self._letters = [get_column_letter(n) for n in range(1, len(EXPORT_FIELDS) + 1)]
        self._text_fields = {
            index for index, name in enumerate(EXPORT_FIELDS) if name in _TEXT_FORMAT_FIELDS
        }
        self._row = 1  # the header's
        self._pending: list[str] = []
        self._zip = zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheet = self._zip.open(self.SHEET, "w", force_zip64=True)
        self._sheet.write(prefix)

    def _skeleton(self, path: Path) -> tuple[bytes, bytes, str]:
        """Write to `path` a workbook of one sheet — right to left, header in bold, widths,
        frozen header — whose sheet is left out; return that sheet's XML before and after
        the data rows, and the style number of a text ("@") cell."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self._book = Workbook(write_only=True)
        sheet = self._book.create_sheet(Messages.SHEET_TITLE)
        sheet.sheet_view.rightToLeft = True
        sheet.freeze_panes = "A2"
        for number, name in enumerate(EXPORT_FIELDS, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = _EXPORT_WIDTHS[name]
        bold = Font(bold=True)
        header = []
        for name in EXPORT_FIELDS:
            cell = WriteOnlyCell(sheet, HEADERS[name])
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        sample = WriteOnlyCell(sheet, "0")  # a text cell, for the number of its style
        sample.data_type = "s"
        sample.number_format = "@"
        sheet.append([sample])
        whole = io.BytesIO()
        self._book.save(whole)
        with zipfile.ZipFile(whole) as built, zipfile.ZipFile(path, "w") as out:
            xml = built.read(self.SHEET)
            for item in built.infolist():
                if item.filename != self.SHEET:
                    out.writestr(item, built.read(item.filename), zipfile.ZIP_DEFLATED)
        start = xml.index(b'<row r="2"')
        end = xml.index(b"</row>", start) + len(b"</row>")
        style = re.search(rb' s="(\d+)"', xml[start:end])
        assert style is not None, "openpyxl wrote the text cell without a style"
        return xml[:start], xml[end:], style.group(1).decode()

    def write(self, row: dict[str, Any]) -> None:
        values: dict[str, Any] = dict(row)
        values["gender"] = GENDER_NAMES.get(row["gender"], row["gender"])
        values["birth_date"] = _jalali_ascii(row["birth_date"]) if row["birth_date"] else ""
        values["categories"] = _names(row["categories"], CATEGORY_NAMES)
        values["skills"] = "؛ ".join(part for part in row["skills"].split(";") if part)
        values["education_level"] = EDUCATION_NAMES.get(row["education_level"], "")
        values["marital_status"] = MARITAL_NAMES.get(row["marital_status"], "")
        values["status"] = STATUS_NAMES.get(row["status"], row["status"])
        self._row += 1
        number = str(self._row)
        cells = []
        for index, name in enumerate(EXPORT_FIELDS):
            cell = self._cell(index, self._letters[index] + number, values[name])
            if cell:
                cells.append(cell)
        self._pending.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(self._pending) >= self._FLUSH_EVERY:
            self._flush()

    def _cell(self, index: int, ref: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            return f'<c r="{ref}"><v>{value}</v></c>'
        value = self._illegal.sub("", value)  # control characters Excel refuses
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        style = ""
        if index in self._text_fields or starts_like_formula(value):
            style = f' s="{self._text_style}"'  # text, never a number or a formula
        return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'

    def _flush(self) -> None:
        self._sheet.write("".join(self._pending).encode("utf-8"))
        self._pending.clear()

    def close(self) -> None:
        self._flush()
        self._sheet.write(self._suffix)
        self._sheet.close()
        self._zip.close()

    def abort(self) -> None:
        with contextlib.suppress(Exception):  # the caller deletes the partial file
            self._sheet.close()
            self._zip.close()
