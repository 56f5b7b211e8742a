"""What a query means, and the SQL that both databases speak.

A query is routed by what was typed (services/applicant_search.py says how) into a
`Plan`: a WHERE over `applicant a` (or, on SQLite, over its FTS table `f`) with what
its index yields without sorting. `Backend` runs plans with SQL common to SQLite and
PostgreSQL; each database's module supplies what differs — the placeholder, how a
deleted row is told apart, how text compares by its bytes, how a word is found inside
a name, and the plan for names (search/sqlite.py, search/postgres.py).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from peewee import BooleanField, DateField, DateTimeField, UUIDField

from desktop.models import Applicant, Category, EnrollmentStatus, Status, db
from desktop.services.applicants import file_number
from desktop.text.collation import primary_key
from desktop.text.normalize import normalize_digits

# The columns a result row carries, in order (the table shows them by these keys).
COLUMNS = (
    "file_number",
    "first_name",
    "last_name",
    "father_name",
    "national_code",
    "mobile",
    "district",
    "status",
    "registered_on",
)
# What each sortable column sorts by (file numbers: the center, then the running number).
ORDER_COLUMNS: dict[str, tuple[str, ...]] = {
    "file_number": ("center_code", "number"),
    "national_code": ("national_code",),
    "mobile": ("mobile",),
    "district": ("district",),
    "status": ("status",),
    "registered_on": ("registered_on",),
}
# Sorts whose columns tell every row apart (the center and its running number): the
# walk pages by them alone, which PostgreSQL matches to their unique index.
UNIQUE_SORTS = {"file_number"}
NAME_SORTS = {"name", "last_name"}  # the sort key is "last first father"
# Other name columns sort in Persian order through a collation (no index: fine for a
# narrowed result, slower on the whole registry).
COLLATED = {"first_name", "father_name"}
# Columns held in digits or Latin letters, compared by their bytes (prefix ranges).
BYTEWISE = {"sort_name", "national_code", "mobile", "file_number", "center_code", "status"}
COUNT_CAP = 1000
MIN_TRIGRAM = 3
PREFIX_END = "\U0010ffff"
_NUMBER_SEPARATORS = str.maketrans("", "", " -./()")
# A file number as typed: the center's code, a dash, digits (all, some or none yet).
_FILE_NUMBER = re.compile(r"^([A-Z0-9]{2,10})-([0-9]*)$")
# A center code being typed: letters and digits together, which no name holds.
_CENTER_PREFIX = re.compile(r"^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{2,10}$")
_NUMBER_WIDTH = 6  # running numbers are printed with six digits: TEH05-000046

Where = tuple[str, tuple[Any, ...]]
_CONVERTED = (DateField, DateTimeField, BooleanField, UUIDField)


@dataclass(frozen=True)
class Filters:
    category: Category | None = None
    district: int | None = None
    status: Status | None = None
    include_deleted: bool = False
    course: str | None = None  # a course id: people with a current place in it


@dataclass(frozen=True)
class SearchRow:
    id: str
    file_number: str
    first_name: str
    last_name: str
    father_name: str
    national_code: str
    mobile: str
    district: int | None
    status: str
    registered_on: dt.date

    def fields(self) -> dict[str, Any]:
        """The row as `applicants search --json` prints it (plain JSON values)."""
        return {
            "id": self.id,
            "file_number": self.file_number,
            "national_code": self.national_code,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "father_name": self.father_name,
            "mobile": self.mobile,
            "district": self.district,
            "status": self.status,
            "registered_on": self.registered_on.isoformat() if self.registered_on else None,
        }


@dataclass(frozen=True)
class Plan:
    """SQL pieces for one query: a WHERE over `applicant a`, or over `applicant_fts f`."""

    where: str
    params: tuple[Any, ...]
    in_index: bool = False  # `where` is over SQLite's FTS table
    names: bool = False  # a name query: its matches are kept under the cap (count())
    natural_order: str = ""  # what the chosen index yields unsorted ("": Persian order)
    # A narrower WHERE for the natural order when the match set is at the cap (a mobile
    # prefix without the national codes that share it), so the page needs no sort.
    natural_where: Where | None = None
    # The one file that digits name by its running number (a condition over `applicant
    # a`, without the filters): shown first in the default order. `pinned_where` is the
    # same with the filters, to read it.
    pinned: Where | None = None
    pinned_where: Where | None = None

    def without_pinned(self) -> Plan:
        """The plan less the pinned file: what follows it in the default order."""
        assert self.pinned is not None
        core, params = self.pinned
        natural = self.natural_where or (self.where, self.params)
        return replace(
            self,
            where=f"({self.where}) AND NOT ({core})",
            params=(*self.params, *params),
            natural_where=(f"({natural[0]}) AND NOT ({core})", (*natural[1], *params)),
            pinned=None,
            pinned_where=None,
        )


def join(*parts: Where) -> Where:
    sql = " AND ".join(f"({where})" for where, _ in parts if where)
    return sql or "TRUE", tuple(param for _, params in parts for param in params)


class Backend:
    """Runs plans; the SQL here is common to SQLite and PostgreSQL, and a database's
    subclass supplies the pieces that differ."""

    param = "?"  # the driver's placeholder
    row_key = "a.id"  # what identifies a kept match's row (`keep_matches`)

    # -- the pieces each database words its own way ---------------------------------------

    def ready(self) -> None:
        """Set the open connection up for searching (once per connection)."""

    def live(self, alias: str) -> str:
        """The row is not deleted."""
        raise NotImplementedError

    def key(self, column: str) -> str:
        """`column` (of `a`) as it compares and sorts: by its bytes for BYTEWISE ones,
        so prefix ranges and Persian order from the stored sort keys hold everywhere."""
        return f"a.{column}"

    def collated(self, column: str) -> str:
        """A name column of `a` in Persian alphabetical order."""
        raise NotImplementedError

    def contains(self, haystack: str) -> str:
        """`haystack` contains the next parameter."""
        raise NotImplementedError

    def name_plan(self, words: list[str], filters: Filters) -> Plan:
        """Words of which one has three letters or more."""
        raise NotImplementedError

    def count_all(self) -> int:
        raise NotImplementedError

    def keep_matches(self, plan: Plan) -> tuple[int, list[tuple[Any, ...]] | None]:
        """Match a name plan once: (count up to the cap, the matches as (sort key,
        tie-break, row key) in order when under the cap, else None)."""
        p = self.param
        sql = (
            f"SELECT {self.key('sort_name')}, a.number, {self.row_key} FROM applicant a "
            f"WHERE {plan.where} LIMIT {p}"
        )
        found = db.execute_sql(sql, (*plan.params, COUNT_CAP)).fetchall()
        if len(found) >= COUNT_CAP:
            return len(found), None
        return len(found), sorted(tuple(row) for row in found)

    # -- counting ------------------------------------------------------------------------

    def count(self, plan: Plan) -> int:
        source = "applicant_fts f" if plan.in_index else "applicant a"
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {plan.where} "
            f"LIMIT {COUNT_CAP}) AS capped"
        )
        return int(db.execute_sql(sql, plan.params).fetchone()[0])

    # -- the ways to fetch a page ----------------------------------------------------------

    def fetch_natural(self, plan: Plan, offset: int, limit: int) -> list[tuple[Any, ...]]:
        p = self.param
        where, params = plan.natural_where or (plan.where, plan.params)
        sql = (
            f"SELECT {select()} FROM applicant a WHERE {where} "
            f"ORDER BY {plan.natural_order} LIMIT {p} OFFSET {p}"
        )
        return rows(sql, (*params, limit, offset))

    def fetch_by_name(
        self, plan: Plan, offset: int, limit: int, descending: bool
    ) -> list[tuple[Any, ...]]:
        p = self.param
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT {select()} FROM applicant a WHERE {plan.where} "
            f"ORDER BY {self.key('sort_name')} {direction}, a.number LIMIT {p} OFFSET {p}"
        )
        return rows(sql, (*plan.params, limit, offset))

    def fetch_by(
        self, plan: Plan, sort: str, offset: int, limit: int, descending: bool
    ) -> list[tuple[Any, ...]]:
        p = self.param
        direction = "DESC" if descending else "ASC"
        order = ", ".join(f"{column} {direction}" for column in self.sort_columns(sort))
        sql = (
            f"SELECT {select()} FROM applicant a WHERE {self.over_applicants(plan)} "
            f"ORDER BY {order}, {self.key('sort_name')}, a.number LIMIT {p} OFFSET {p}"
        )
        return rows(sql, (*plan.params, limit, offset))

    def page_of_matches(
        self, matches: list[tuple[Any, ...]], offset: int, limit: int, descending: bool
    ) -> list[tuple[Any, ...]]:
        """A page in Persian order from the matches count() kept: only its rows are read."""
        ordered = matches
        if descending:  # sort key descending, ties in their ascending order (as in SQL)
            ordered = sorted(matches, key=lambda match: match[1:])
            ordered.sort(key=lambda match: match[0], reverse=True)
        page = [match[-1] for match in ordered[offset : offset + limit]]
        if not page:
            return []
        marks = ", ".join(self.param for _ in page)
        sql = (
            f"SELECT {select()}, {self.row_key} FROM applicant a WHERE {self.row_key} IN ({marks})"
        )
        by_key = {row[-1]: row[:-1] for row in rows(sql, tuple(page))}
        return [by_key[key] for key in page if key in by_key]

    # -- the whole result, by key ------------------------------------------------------------

    def sort_columns(self, sort: str | None) -> list[str]:
        """The ORDER BY terms of a sort before the name's (None and name sorts: none)."""
        if sort is None or sort in NAME_SORTS:
            return []
        if sort in COLLATED:
            return [self.collated(sort)]
        columns = ORDER_COLUMNS.get(sort, ORDER_COLUMNS["file_number"])
        return [self.key(column) for column in columns]

    def over_applicants(self, plan: Plan) -> str:
        """The plan's WHERE as a condition over `applicant a`."""
        return plan.where

    def walk_rows(
        self,
        plan: Plan,
        columns: Sequence[str],
        sort: str | None,
        descending: bool,
        chunk: int,
        raw: bool = False,
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Every match, `chunk` rows at a time as tuples of `columns` (converted as the
        fields' Python values; `raw`: as the driver hands them over — SQLite's dates as
        text, ids as it stores them — for a caller that converts what it needs, and
        with the sort keys left on the end of each tuple), paged by key: each chunk
        starts after the last row of the one before — `WHERE (sort key…, id) > (last
        values…)` — so every chunk costs the same, however deep into the result (never
        OFFSET).

        The order is the sort's columns, then (unless they are unique) the name's sort
        key, the running number and the id, so no two rows share a position. Descending
        reverses all of them. Tuples, not dicts, and only the conversions the driver
        leaves undone: an export of a million rows pays for every call per row.
        """
        p = self.param
        ordered = self.sort_columns(sort)
        if sort not in UNIQUE_SORTS:  # ties go on to the name, the number, the id
            ordered += [self.key("sort_name"), "a.number", "a.id"]
        direction, after = ("DESC", "<") if descending else ("ASC", ">")
        order = ", ".join(f"{column} {direction}" for column in ordered)
        keys = ", ".join(f"{column} AS k{index}" for index, column in enumerate(ordered))
        wanted = ", ".join(f"a.{name}" for name in columns)
        base = f"SELECT {wanted}, {keys} FROM applicant a WHERE {self.over_applicants(plan)}"
        width = len(columns)
        converters = [
            (index, _converter(Applicant._meta.fields[name]))
            for index, name in enumerate(columns)
            if isinstance(Applicant._meta.fields[name], _CONVERTED)
        ]
        last: tuple[Any, ...] | None = None
        while True:
            if last is None:
                sql, params = f"{base} ORDER BY {order} LIMIT {p}", (*plan.params, chunk)
            else:
                marks = ", ".join(p for _ in last)
                sql = (
                    f"{base} AND ({', '.join(ordered)}) {after} ({marks}) "
                    f"ORDER BY {order} LIMIT {p}"
                )
                params = (*plan.params, *last, chunk)
            found = db.execute_sql(sql, params).fetchall()
            if not found:
                return
            if raw:
                chunk_rows = found
            elif converters:
                chunk_rows = []
                for row in found:
                    values = list(row[:width])
                    for index, convert in converters:
                        values[index] = convert(values[index])
                    chunk_rows.append(tuple(values))
            else:
                chunk_rows = [row[:width] for row in found]
            yield chunk_rows
            if len(found) < chunk:
                return
            last = tuple(found[-1][width:])

    def walk(
        self,
        plan: Plan,
        columns: Sequence[str],
        sort: str | None,
        descending: bool,
        chunk: int,
    ) -> Iterator[list[dict[str, Any]]]:
        """`walk_rows` as dicts of `id` (text) and `columns`."""
        names = ("id", *columns)
        for rows in self.walk_rows(plan, names, sort, descending, chunk):
            yield [dict(zip(names, row, strict=True)) for row in rows]


def _converter(field: Any) -> Any:
    """A column's value from the driver as the walk hands it on: ids as text, and dates
    through a cache (birth dates repeat: SQLite hands them over as text to parse)."""
    if isinstance(field, UUIDField):
        return _id_text
    convert = field.python_value
    if not isinstance(field, DateField):
        return convert
    cache: dict[Any, Any] = {}

    def cached(value: Any) -> Any:
        try:
            return cache[value]
        except KeyError:
            if len(cache) > 65_536:
                cache.clear()
            result = cache[value] = convert(value)
            return result

    return cached


def _id_text(value: Any) -> str | None:
    """An id as its canonical text: SQLite keeps 32 hex digits, PostgreSQL a UUID."""
    if value is None:
        return None
    if value.__class__ is str and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(uuid.UUID(str(value)))


def select() -> str:
    return ", ".join(f"a.{column}" for column in ("id", *COLUMNS))


def rows(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Rows of `select()`, and any columns selected after it passed through as they are."""
    cursor = db.execute_sql(sql, params)
    key, date = Applicant.id, Applicant.registered_on
    end = len(COLUMNS)  # the index of registered_on, the last column of select()
    return [
        (str(key.python_value(row[0])), *row[1:end], date.python_value(row[end]), *row[end + 1 :])
        for row in cursor.fetchall()
    ]


# -- routing -------------------------------------------------------------------------------


def plan(backend: Backend, query: str, filters: Filters, center_code: str) -> Plan:
    words = [word for word in query.split(" ") if word]
    file_plan = _file_number_plan(backend, query, filters, center_code)
    if file_plan is not None:
        return file_plan
    digits = normalize_digits(query).translate(_NUMBER_SEPARATORS).lstrip("+")
    if words and digits.isdigit():
        return _digits_plan(backend, digits, filters, center_code)
    if any(len(word) >= MIN_TRIGRAM for word in words):
        return backend.name_plan(words, filters)
    if words:
        return _prefix_plan(backend, words, filters)
    return Plan(*join(filter_conditions(backend, filters)))


def filter_conditions(backend: Backend, filters: Filters, *, steer: bool = False) -> Where:
    """Filter conditions over `applicant a`. With `steer`, the district and category
    are written so that the database cannot pick their indexes (a unary +): the plan's
    own range (a national-code prefix) is the narrower one."""
    p = backend.param
    plus = "+" if steer else ""
    parts: list[str] = []
    params: list[Any] = []
    if not filters.include_deleted:
        parts.append(backend.live("a"))
    if filters.category is not None:
        parts.append(f"(a.category_flags & {p}) != 0")
        params.append(filters.category.bit)
    if filters.district is not None:
        parts.append(f"{plus}a.district = {p}")
        params.append(filters.district)
    if filters.status is not None:
        parts.append(f"a.status || '' = {p}" if steer else f"a.status = {p}")  # text: no +
        params.append(filters.status.value)
    if filters.course is not None:
        parts.append(f"a.id IN ({in_course(backend)})")
        params.append(filters.course)
    return " AND ".join(parts), tuple(params)


def in_course(backend: Backend) -> str:
    """The applicants with a current place in a course (off the enrollment's course index)."""
    return (
        f"SELECT e.applicant_id FROM enrollment e WHERE e.course_id = {backend.param} "
        f"AND e.status != '{EnrollmentStatus.WITHDRAWN.value}' AND {backend.live('e')}"
    )


def starts_a_name(backend: Backend, words: list[tuple[str, str | None]], column: str) -> Where:
    """Each (word, word before it) must start one of the names (names are space-separated
    in `column`) or go on from the word before it: names are indexed without their
    spaces and ZWNJs, so the «ر» of «علی ر» (on the way to «علی‌رضا») continues «علی»."""
    starts = backend.contains(f"' ' || {column}")
    goes_on = backend.contains(column)
    parts: list[str] = []
    params: list[Any] = []
    for word, previous in words:
        if previous is None:
            parts.append(starts)
            params.append(" " + word)
        else:
            parts.append(f"({starts} OR {goes_on})")
            params.extend((" " + word, previous + word))
    return " AND ".join(parts), tuple(params)


def short_words(words: list[str]) -> list[tuple[str, str | None]]:
    return [
        (word, words[index - 1] if index else None)
        for index, word in enumerate(words)
        if len(word) < MIN_TRIGRAM
    ]


def prefix_range(backend: Backend, column: str, prefix: str) -> Where:
    """`column` of `a` starts with `prefix`: a range of its index."""
    p, key = backend.param, backend.key(column)
    return f"{key} >= {p} AND {key} < {p}", (prefix, prefix + PREFIX_END)


def _prefix_plan(backend: Backend, words: list[str], filters: Filters) -> Plan:
    """One or two letters: last names that start with them, in index order."""
    first, rest = words[0], words[1:]
    where, params = join(
        prefix_range(backend, "sort_name", primary_key(first)),
        starts_a_name(backend, [(word, words[i]) for i, word in enumerate(rest)], "a.name_keys"),
        filter_conditions(backend, filters),
    )
    return Plan(where, params)


def _file_number_plan(
    backend: Backend, query: str, filters: Filters, center_code: str
) -> Plan | None:
    """A file number, whole (that file) or being typed (a range of the file-number
    index); None when the query is not one. `query` is in search form (casefolded)."""
    text = query.replace(" ", "").upper()
    match = _FILE_NUMBER.match(text)
    by_number = backend.key("file_number")
    if match is not None:
        center, digits = match.groups()
        if center.isdigit() and center != center_code:
            return None  # «0912-3456789» is a mobile
        if digits and not (digits.startswith("0") and len(digits) < _NUMBER_WIDTH):
            # Whole: «THR07-000046», or the number without its zeros, «THR07-46».
            exact = (f"a.file_number = {backend.param}", (file_number(center, int(digits)),))
            where, params = join(exact, filter_conditions(backend, filters, steer=True))
            return Plan(where, params, natural_order=by_number)
    elif _CENTER_PREFIX.match(text) is None:
        return None
    if f"{center_code}-".startswith(text):
        # This center's code (or its start): every file here, as an empty box lists
        # them — off the filters' own indexes, not a walk of the file numbers.
        return Plan(*join(filter_conditions(backend, filters)))
    where, params = join(
        prefix_range(backend, "file_number", text),
        filter_conditions(backend, filters, steer=True),
    )
    return Plan(where, params, natural_order=by_number)


def _running_number(digits: str) -> int | None:
    """The running number that digits alone name: «46», or «000046» as printed. A
    shorter zero-led run («0046») is the start of a national code or a mobile."""
    if len(digits) > _NUMBER_WIDTH + 1 or not int(digits):
        return None
    if digits.startswith("0") and len(digits) != _NUMBER_WIDTH:
        return None
    return int(digits)


def _digits_plan(backend: Backend, digits: str, filters: Filters, center_code: str) -> Plan:
    """A national-code prefix, or a mobile prefix (09…, 9…, 989…); and the file with
    that running number, pinned first. Each is an indexed term of one OR, which the
    database answers with one index per term (SQLite's MULTI-INDEX OR, PostgreSQL's
    BitmapOr)."""
    mobile = None
    if digits.startswith("0098"):
        digits = digits[2:]
    if digits.startswith("989"):  # 98 9…: a mobile with the country code
        mobile = "0" + digits[2:]
    elif digits.startswith("9"):
        mobile = "0" + digits
    elif digits.startswith("09"):
        mobile = digits
    number = _running_number(digits)
    code_range = prefix_range(backend, "national_code", digits)
    by_code = backend.key("national_code")
    if mobile is None and number is None:
        where, params = join(code_range, filter_conditions(backend, filters, steer=True))
        return Plan(where, params, natural_order=by_code)
    terms: list[Where] = [code_range]
    natural_where = join(code_range, filter_conditions(backend, filters, steer=True))
    natural_order = by_code
    if mobile is not None:
        mobile_range = prefix_range(backend, "mobile", mobile)
        terms.append(mobile_range)
        natural_where = join(mobile_range, filter_conditions(backend, filters))
        natural_order = backend.key("mobile")
    pinned: Where | None = None
    if number is not None:
        p = backend.param
        pinned = (f"a.center_code = {p} AND a.number = {p}", (center_code, number))
        terms.append(pinned)
    either = (
        " OR ".join(f"({term})" for term, _ in terms),
        tuple(param for _, params in terms for param in params),
    )
    where, params = join(either, filter_conditions(backend, filters, steer=mobile is None))
    return Plan(
        where,
        params,
        natural_order=natural_order,
        natural_where=natural_where,
        pinned=pinned,
        pinned_where=join(pinned, filter_conditions(backend, filters, steer=True))
        if pinned
        else None,
    )
