"""Exporting applicants to CSV or XLSX: what a search matches, streamed to a file
that appears only when complete.

Part of the export (desktop/services/applicant_io.py names the parts). Decisions:
- Dates are written as Jalali text with ASCII digits (1370/05/12), like identifiers:
  other programs and scripts read them, and the import reads them back. CSV exports are
  for machines (English keys as headers and values, UTF-8 with a BOM so Excel shows
  Persian); XLSX exports are for people (Persian headers and value names, right to
  left) and re-import just as well.
- Text that a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) is quoted
  with an apostrophe in CSV files (services/spreadsheet.py) and written as a text cell
  in XLSX; the import takes the quote off again.
- The export reads inside `read_snapshot()`: one consistent view, while clerks save.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any, Protocol

from desktop import partial_files
from desktop.errors import UserError
from desktop.models.backend import read_snapshot
from desktop.services.applicant_columns import EXPORT_FIELDS, ProgressCallback
from desktop.services.applicant_files import jalali_ascii
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.applicants import READERS
from desktop.services.records import audit_read
from desktop.services.session import Session
from desktop.services.spreadsheet import safe_row, starts_like_formula
from desktop.strings import (
    CATEGORY_NAMES,
    EDUCATION_NAMES,
    GENDER_NAMES,
    MARITAL_NAMES,
    STATUS_NAMES,
)
from desktop.strings.applicant_io import HEADERS
from desktop.strings.applicant_io import ApplicantIo as Messages

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
            for chunk in search.walk_rows(sort, descending, _EXPORT_CHUNK, EXPORT_FIELDS, raw=True):
                writer.write(chunk)
                count += len(chunk)
                if progress is not None:
                    progress(count, total)
        writer.close()
        os.replace(partial, path)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    audit_read(session, "applicant.export", f"{count} rows, {suffix[1:]}: {search.text}".strip())
    return count


@functools.lru_cache(maxsize=65_536)  # birth dates repeat: each is converted once
def _jalali_text(value: dt.date | str) -> str:
    """A birth date as the driver hands it over (SQLite: ISO text) as Jalali text."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return jalali_ascii(value)


def _names(keys: str, names: dict[str, str]) -> str:
    return "؛ ".join(names.get(key, key) for key in keys.split(";") if key)


class _Writer(Protocol):
    def write(self, rows: list[tuple[Any, ...]]) -> None:
        """Rows of EXPORT_FIELDS' values in that order, as the driver read them (more
        values may follow: the walk's sort keys)."""

    def close(self) -> None: ...

    def abort(self) -> None: ...


class _CsvWriter:
    """For machines: the contract's English keys and values; a BOM so Excel reads UTF-8."""

    def __init__(self, path: Path):
        self._file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._file)  # writes None (no district) as an empty cell
        self._csv.writerow(EXPORT_FIELDS)
        self._birth_date = EXPORT_FIELDS.index("birth_date")

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        birth_date, width = self._birth_date, len(EXPORT_FIELDS)
        lines = []
        for row in rows:
            values = safe_row(row[:width])
            born = values[birth_date]
            values[birth_date] = _jalali_text(born) if born else ""
            lines.append(values)
        self._csv.writerows(lines)

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

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        width = len(EXPORT_FIELDS)
        for row in rows:
            self._write(dict(zip(EXPORT_FIELDS, row[:width], strict=True)))

    def _write(self, row: dict[str, Any]) -> None:
        values = dict(row)
        values["gender"] = GENDER_NAMES.get(row["gender"], row["gender"])
        values["birth_date"] = _jalali_text(row["birth_date"]) if row["birth_date"] else ""
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
