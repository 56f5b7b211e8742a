"""Reading an applicant file: a CSV or the active sheet of an XLSX as a table of text,
refused with a reason when it cannot be read or is larger than a file may be.

Part of the import (desktop/services/applicant_io.py names the parts). Decisions:
- Empty rows at the end of a file are dropped (spreadsheets keep formatted empty rows);
  an empty row between data rows stays, for the import to report it as rejected, so
  that row numbers in the report always match the sheet and nothing is skipped silently.
- The caps below are checked while the file is read, never after reading it whole
  (an XLSX even before openpyxl opens it); tests patch them here, where they are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desktop.errors import UserError
from desktop.strings.applicant_io import ApplicantIo as Messages
from desktop.text.digits import group_thousands
from desktop.text.jalali import jalali_parts

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


@dataclass
class Table:
    """A sheet as text: header cells, then data rows (row `first_line` is rows[0])."""

    headers: list[str]
    rows: list[list[str]]
    first_line: int = 2


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
        filled = not is_empty(row)
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


# What a damaged workbook raises on the way in, whichever layer meets the damage: the
# zip (a bad header or checksum, a deflate stream changed or cut short, a compression
# method or encryption it does not read), the XML parser (ParseError is a SyntaxError)
# and openpyxl's readers (an element, attribute or value they do not expect, a
# workbook without a sheet). tests/test_fuzz_importers.py met each of them.
_DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
_DAMAGED_XLSX = (*_DAMAGED_ZIP, SyntaxError, KeyError, IndexError, ValueError, TypeError,
                 AttributeError)  # fmt: skip


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_oversized_xlsx(path)
    try:
        # Read-only: the sheet streams row by row (openpyxl's iterparse), never whole.
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGED_XLSX) as error:
        raise UnreadableFile(Messages.UNREADABLE_CORRUPT, "corrupt") from error
    try:
        sheet = workbook.active or workbook.worksheets[0]
        # Rows come padded to the sheet's stated width; one stated vaster than the cap
        # (A1:XFD1048576) is read to one column past it, enough to tell whether that
        # column holds anything.
        width = sheet.max_column if isinstance(sheet.max_column, int) else MAX_COLUMNS + 1
        rows = sheet.iter_rows(max_col=min(width, MAX_COLUMNS + 1), values_only=True)
        return _capped(rows)
    except _DAMAGED_XLSX as error:
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
    except (OSError, *_DAMAGED_ZIP) as error:
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
        return jalali_ascii(value)
    return str(value)


def _table_of(grid: list[list[str]]) -> Table:
    while grid and is_empty(grid[-1]):
        grid.pop()
    if not grid:
        raise UnreadableFile(Messages.UNREADABLE_EMPTY, "empty")
    if is_empty(grid[0]):
        raise UnreadableFile(Messages.UNREADABLE_NO_HEADER, "no_header")
    headers = [cell.strip() for cell in grid[0]]
    return Table(headers=headers, rows=grid[1:], first_line=2)


def is_empty(cells: Sequence[str]) -> bool:
    """Whether a row holds nothing but blanks."""
    return all(not cell.strip() for cell in cells)


@functools.lru_cache(maxsize=65_536)  # birth dates repeat: an export converts each once
def jalali_ascii(value: dt.date) -> str:
    """A date as Jalali text with ASCII digits (1370/05/12), as files carry it."""
    year, month, day = jalali_parts(value)
    return f"{year:04d}/{month:02d}/{day:02d}"
