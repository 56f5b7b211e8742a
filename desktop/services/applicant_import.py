"""Checking and importing the rows of an applicant file, and the rejection report.

Part of the import (desktop/services/applicant_io.py names the parts). Importing goes
through the same validation as the registration form, explains every row it refuses,
and writes all accepted rows or none. Decisions:
- Row numbers are spreadsheet rows: the header is row 1, the first data row row 2 (for a
  CSV with line breaks inside quoted cells that is the record number, which is what a
  spreadsheet shows, not the physical line). An empty row between data rows is
  rejected, so that row numbers in the report always match the sheet.
- A national code already registered at this center (deleted files included: the
  unique index holds them too) is rejected naming that file; a repeat within the file is
  rejected naming the earlier row that was accepted. Near duplicates (same names and
  birth date, another national code) are imported: the form asks a clerk to confirm
  them, a file cannot, and a national code is what tells two people apart.
- The report quotes text a spreadsheet would run as a formula with an apostrophe
  (services/spreadsheet.py).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from peewee import IntegrityError

from desktop.errors import UserError, ValidationError
from desktop.models import Applicant, ApplicantIndex, db
from desktop.services import applicants
from desktop.services.applicant_columns import (
    MissingColumns,
    ProgressCallback,
    missing_columns,
    row_input,
)
from desktop.services.applicant_files import Table, is_empty
from desktop.services.applicants import WRITERS
from desktop.services.identity import clean_national_code
from desktop.services.session import Session
from desktop.services.spreadsheet import safe_cell
from desktop.strings import Applicants as ApplicantMessages
from desktop.strings.applicant_io import ApplicantIo as Messages
from desktop.text.digits import format_number
from desktop.text.normalize import normalize_identifier, normalize_text

REPORT_COLUMNS = ("row", "status", "field", "message")

OK: Literal["ok"] = "ok"
REJECTED: Literal["rejected"] = "rejected"

_PROGRESS_EVERY = 500
_LOOKUP_CHUNK = 500  # national codes per duplicate query (SQLite's variable limit)
# Rows created at once from which the name index is merged into one segment afterwards
# (ApplicantIndex.optimize: 2.4 s at 1M applicants, tens of ms at 10,000).
OPTIMIZE_AFTER = 1_000


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
    except IntegrityError as error:
        # Someone registered one of these people (or took a file number) between the
        # check and the write: nothing was written, and running the import again works.
        raise UserError(Messages.WRITE_CONFLICT, code="conflict") from error
    if len(created) >= OPTIMIZE_AFTER:
        ApplicantIndex.optimize()
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
        checked.append(_checked_row(cells, mapping, district_numbers))
    results, accepted = _verdicts(session, table, checked)
    if progress is not None:
        progress(total, total)
    return results, accepted


def _checked_row(
    cells: Sequence[str], mapping: dict[str, int], district_numbers: list[int]
) -> _Checked:
    """One row as the registration form would check it (duplicates aside)."""
    if is_empty(cells):
        return _Checked(problems=[("", Messages.EMPTY_ROW)])
    data = row_input(cells, mapping)
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
        return _Checked(None, list(error.errors.items()), who, code)
    who = (f"{clean['first_name']} {clean['last_name']}", clean["national_code"])
    return _Checked(clean, [], who, clean["national_code"])


def _verdicts(
    session: Session, table: Table, checked: list[_Checked]
) -> tuple[list[RowResult], list[dict[str, Any]]]:
    """The checked rows judged against this center's applicants and the rows before
    them: (their results, the clean values of the accepted ones)."""
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
