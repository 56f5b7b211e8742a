"""Search-as-you-type over the applicant registry, instant at a million rows.

The query is normalised the way names are indexed (`search_key`: Arabic yeh and kaf, harakat,
ZWNJ and spaces) and routed by what was typed (DESIGN.md, "Speed"):

- nothing → every applicant (with the filters), in Persian alphabetical order straight
  off the `sort_name` index (or `(district, sort_name)`, `(status, sort_name)`);
- a file number (`THR07-000046`, `thr07-46`, `THR07-۰۰۰۰۴۶`) → that file, off the
  file-number index; the center code with the first digits (`THR07-0000`) → the
  files whose numbers start so, in number order; this center's code alone (`THR07`)
  → everyone, as an empty box;
- digits → a national-code prefix and, when it looks like one, a mobile prefix, each
  an indexed range; and the file with that running number (`46`, or `000046` as
  printed; not a zero-led shorter run such as `0046`, which starts national codes and
  mobiles), off the (center, number) index and shown first;
- letters, where some word has three or more → the FTS5 trigram index, each long word a
  substring anywhere in a name (names are indexed without spaces or ZWNJ, so «محمدرضا»,
  «محمد رضا» and «محمد‌رضا» all find each other); shorter words must start a name;
- only one- or two-letter words → last names starting with the first word, through
  the `sort_name` index; further words must start one of the names.

A course filter keeps the people with a current place in that course (enrolled,
waitlisted, completed or failed; not withdrawn): a subquery off the enrollment's
course index — a course holds a few hundred people at most, so it is
cheap beside any of the plans above. A trainer may filter only by a course they train.

Counting stops at COUNT_CAP: a one-letter query matches a sixth of the city, and no one
scrolls past a thousand rows — the table says "more than" and the clerk types on.
Below the cap the result is sorted in Persian alphabetical order; at the cap, sorting
every match would cost more than a keystroke may, so the default order becomes the
index's own (newest first for names, by number for digits), which needs no sort. A
column the user chooses to sort by is always honoured.

`ApplicantSearch` is a page source: `count()` and `fetch(offset, limit, sort,
descending)`, so the paged table fetches exactly the page it shows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from desktop.models import (
    Applicant,
    ApplicantIndex,
    Category,
    Course,
    EnrollmentStatus,
    Status,
    db,
)
from desktop.services.applicants import READERS, file_number
from desktop.services.courses import readable_course
from desktop.services.session import Session
from desktop.text.collation import primary_key
from desktop.text.normalize import normalize_digits, search_key

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
_ORDER_COLUMNS = {
    "file_number": "number",
    "national_code": "national_code",
    "mobile": "mobile",
    "district": "district",
    "status": "status",
    "registered_on": "registered_on",
}
NAME_SORTS = {"name", "last_name"}  # the sort key is "last first"
# Other name columns sort through the `persian` collation (a Python callback per
# comparison: fine for a capped result, slower on the whole registry).
_COLLATED = {"first_name", "father_name"}
COUNT_CAP = 1000
_NUMBER_SEPARATORS = str.maketrans("", "", " -./()")
# A file number as typed: the center's code, a dash, digits (all, some or none yet).
_FILE_NUMBER = re.compile(r"^([A-Z0-9]{2,10})-([0-9]*)$")
# A center code being typed: letters and digits together, which no name holds.
_CENTER_PREFIX = re.compile(r"^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{2,10}$")
_NUMBER_WIDTH = 6  # running numbers are printed with six digits: TEH05-000046
_MIN_TRIGRAM = 3
_PREFIX_END = "\U0010ffff"
_SELECT = ", ".join(f'a."{column}"' for column in ("id", *COLUMNS))


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


@dataclass(frozen=True)
class _Plan:
    """SQL pieces for one query: a WHERE over `applicant a`, or over `applicant_fts f`."""

    where: str
    params: tuple[Any, ...]
    in_index: bool = False  # `where` is over the FTS table
    natural_order: str = 'a."sort_name"'  # what the chosen index yields without sorting
    # A narrower WHERE for the natural order when the match set is at the cap (a mobile
    # prefix without the national codes that share it), so the page needs no sort.
    natural_where: tuple[str, tuple[Any, ...]] | None = None
    # The one file that digits name by its running number (a condition over `applicant
    # a`, without the filters): shown first in the default order. `pinned_where` is the
    # same with the filters, to read it.
    pinned: tuple[str, tuple[Any, ...]] | None = None
    pinned_where: tuple[str, tuple[Any, ...]] | None = None

    def without_pinned(self) -> _Plan:
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


class ApplicantSearch:
    """One query with filters; a PageSource for the paged table (and the CLI)."""

    keys = COLUMNS

    def __init__(self, session: Session, text: str = "", filters: Filters | None = None):
        session.require(*READERS)
        self.session = session
        self.text = text
        self.filters = filters or Filters()
        if self.filters.course is not None:
            # The course's own id as stored (and refused if this session may not see it).
            course = readable_course(session, self.filters.course)
            self.filters = replace(self.filters, course=Course.id.db_value(course.id))
        self.query = search_key(text)
        self.plan = _plan(self.query, self.filters, session.center_code)
        self._count: int | None = None
        self._pinned: list[tuple[Any, ...]] | None = None  # the pinned file's row, once read
        # For a name query answered by the FTS index: (sort key, rowid) of every match
        # when there are fewer than COUNT_CAP, kept by count() so that the pages need
        # not match again (the MATCH is most of a keystroke's cost).
        self._matches: list[tuple[str, int]] | None = None

    @property
    def unfiltered(self) -> bool:
        return not self.query and self.filters == Filters()

    def count(self) -> int:
        """Matches; at most COUNT_CAP unless nothing narrows the list."""
        if self._count is None:
            if self.unfiltered:
                # All rows (off the smallest index) less the few deleted (off theirs).
                sql = (
                    "SELECT (SELECT count(*) FROM applicant) - "
                    "(SELECT count(*) FROM applicant WHERE deleted = 1)"
                )
                self._count = int(db.execute_sql(sql).fetchone()[0])
                return self._count
            if self.plan.in_index:
                self._count = self._count_in_index()
                return self._count
            source = _source(self.plan)
            sql = (
                f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {self.plan.where} "
                f"LIMIT {COUNT_CAP})"
            )
            self._count = int(db.execute_sql(sql, self.plan.params).fetchone()[0])
        return self._count

    def _count_in_index(self) -> int:
        """Match once; under the cap, keep the matches with their sort keys (read only
        then: at the cap they would cost a lookup each for nothing)."""
        table = ApplicantIndex.TABLE
        sql = f"SELECT f.rowid FROM {table} f WHERE {self.plan.where} LIMIT {COUNT_CAP}"
        rowids = [int(rowid) for (rowid,) in db.execute_sql(sql, self.plan.params)]
        if len(rowids) < COUNT_CAP:
            marks = ", ".join("?" for _ in rowids)
            sql = f"SELECT sort_key, rowid FROM {table} WHERE rowid IN ({marks})"
            found = db.execute_sql(sql, rowids) if rowids else []
            self._matches = sorted((str(key), int(rowid)) for key, rowid in found)
        return len(rowids)

    @property
    def capped(self) -> bool:
        return not self.unfiltered and self.count() >= COUNT_CAP

    @property
    def alphabetical(self) -> bool:
        """Whether the default order is Persian alphabetical (else the index's own)."""
        return not self.capped or self.plan.natural_order == 'a."sort_name"'

    def fetch(
        self, offset: int, limit: int, sort: str | None = None, descending: bool = False
    ) -> list[tuple[str, tuple[Any, ...]]]:
        if sort is None and self.plan.pinned is not None:
            rows = self._fetch_pinned_first(offset, limit)
        else:
            rows = self._fetch(self.plan, offset, limit, sort, descending)
        return [(str(row[0]), tuple(row[1:])) for row in rows]

    def _fetch(
        self, plan: _Plan, offset: int, limit: int, sort: str | None, descending: bool
    ) -> list[tuple[Any, ...]]:
        if sort is None and not self.alphabetical:
            return self._fetch_natural(plan, offset, limit)
        if sort is None or sort in NAME_SORTS:
            return self._fetch_by_name(plan, offset, limit, descending)
        column = sort if sort in _COLLATED else _ORDER_COLUMNS.get(sort, "number")
        return self._fetch_by(plan, column, offset, limit, descending)

    def _fetch_pinned_first(self, offset: int, limit: int) -> list[tuple[Any, ...]]:
        """The file the digits name by its number, then the other matches in the
        default order (a clerk who types a file's number wants that file on top)."""
        assert self.plan.pinned_where is not None
        if self._pinned is None:
            where, params = self.plan.pinned_where
            self._pinned = _rows(f"SELECT {_SELECT} FROM applicant a WHERE {where}", params)
        head = self._pinned[offset : offset + limit]
        rest_offset = max(0, offset - len(self._pinned))
        rest_limit = limit - len(head)
        if rest_limit <= 0:
            return head
        return head + self._fetch(self.plan.without_pinned(), rest_offset, rest_limit, None, False)

    def rows(self, limit: int = 50) -> list[SearchRow]:
        return [SearchRow(row_id, *values) for row_id, values in self.fetch(0, limit)]

    # -- the three ways to fetch a page ----------------------------------------------

    def _fetch_natural(self, plan: _Plan, offset: int, limit: int) -> list[tuple[Any, ...]]:
        if plan.in_index:
            inner = (
                f"SELECT f.rowid AS r FROM {ApplicantIndex.TABLE} f WHERE {plan.where} "
                f"ORDER BY f.rowid DESC LIMIT ? OFFSET ?"
            )
            sql = (
                f"SELECT {_SELECT} FROM ({inner}) m JOIN applicant a ON a.search_rowid = m.r "
                "ORDER BY m.r DESC"
            )
            return _rows(sql, (*plan.params, limit, offset))
        where, params = plan.natural_where or (plan.where, plan.params)
        sql = (
            f"SELECT {_SELECT} FROM applicant a WHERE {where} "
            f"ORDER BY {plan.natural_order} LIMIT ? OFFSET ?"
        )
        return _rows(sql, (*params, limit, offset))

    def _fetch_by_name(
        self, plan: _Plan, offset: int, limit: int, descending: bool
    ) -> list[tuple[Any, ...]]:
        direction = "DESC" if descending else "ASC"
        if self._matches is not None:
            return self._page_of_matches(offset, limit, descending)
        if plan.in_index:
            inner = (
                f"SELECT f.rowid AS r, f.sort_key AS k FROM {ApplicantIndex.TABLE} f "
                f"WHERE {plan.where} ORDER BY f.sort_key {direction}, f.rowid LIMIT ? OFFSET ?"
            )
            sql = (
                f"SELECT {_SELECT} FROM ({inner}) m JOIN applicant a ON a.search_rowid = m.r "
                f"ORDER BY m.k {direction}, m.r"
            )
        else:
            sql = (
                f"SELECT {_SELECT} FROM applicant a WHERE {plan.where} "
                f'ORDER BY a."sort_name" {direction}, a."number" LIMIT ? OFFSET ?'
            )
        return _rows(sql, (*plan.params, limit, offset))

    def _page_of_matches(self, offset: int, limit: int, descending: bool) -> list[tuple[Any, ...]]:
        """A page in Persian order from the matches count() kept: only its rows are read."""
        assert self._matches is not None
        ordered = self._matches
        if descending:  # sort key descending, rowid ascending within a key (as in SQL)
            ordered = sorted(ordered, key=lambda match: match[1])
            ordered.sort(key=lambda match: match[0], reverse=True)
        page = [rowid for _key, rowid in ordered[offset : offset + limit]]
        if not page:
            return []
        marks = ", ".join("?" for _ in page)
        sql = f"SELECT {_SELECT}, a.search_rowid FROM applicant a WHERE a.search_rowid IN ({marks})"
        rows = _rows(sql, tuple(page))
        by_rowid = {row[-1]: row[:-1] for row in rows}
        return [by_rowid[rowid] for rowid in page if rowid in by_rowid]

    def _fetch_by(
        self, plan: _Plan, column: str, offset: int, limit: int, descending: bool
    ) -> list[tuple[Any, ...]]:
        direction = "DESC" if descending else "ASC"
        collate = " COLLATE persian" if column in _COLLATED else ""
        where = plan.where
        if plan.in_index:
            where = (
                f"a.search_rowid IN (SELECT f.rowid FROM {ApplicantIndex.TABLE} f WHERE {where})"
            )
        sql = (
            f"SELECT {_SELECT} FROM applicant a WHERE {where} "
            f'ORDER BY a."{column}"{collate} {direction}, a."sort_name", a."number" '
            "LIMIT ? OFFSET ?"
        )
        return _rows(sql, (*plan.params, limit, offset))


def _source(plan: _Plan) -> str:
    return f"{ApplicantIndex.TABLE} f" if plan.in_index else "applicant a"


def _rows(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Rows of `_SELECT`, and any columns selected after it passed through as they are."""
    cursor = db.execute_sql(sql, params)
    key, date = Applicant.id, Applicant.registered_on
    end = len(COLUMNS)  # the index of registered_on, the last column of _SELECT
    return [
        (str(key.python_value(row[0])), *row[1:end], date.python_value(row[end]), *row[end + 1 :])
        for row in cursor.fetchall()
    ]


# -- planning ----------------------------------------------------------------------------


def _plan(query: str, filters: Filters, center_code: str) -> _Plan:
    words = [word for word in query.split(" ") if word]
    file_plan = _file_number_plan(query, filters, center_code)
    if file_plan is not None:
        return file_plan
    digits = normalize_digits(query).translate(_NUMBER_SEPARATORS).lstrip("+")
    if words and digits.isdigit():
        return _digits_plan(digits, filters, center_code)
    if any(len(word) >= _MIN_TRIGRAM for word in words):
        if ApplicantIndex.available() and not filters.include_deleted:
            return _index_plan(words, filters)
        return _scan_plan(words, filters)
    if words:
        return _prefix_plan(words, filters)
    where, params = _filters(filters)
    return _Plan(where or "1", params)


def _filters(filters: Filters, *, steer: bool = False) -> tuple[str, tuple[Any, ...]]:
    """Filter conditions over `applicant a`. With `steer`, the district and category
    are written so that SQLite cannot pick their indexes (a unary +): the plan's own
    range (a national-code prefix) is the narrower one."""
    plus = "+" if steer else ""
    parts: list[str] = []
    params: list[Any] = []
    if not filters.include_deleted:
        # `!=`, not `=`: the flag is almost never set, and an equality would tempt SQLite
        # (without statistics) to walk the whole `deleted` index.
        parts.append("a.deleted != 1")
    if filters.category is not None:
        parts.append("(a.category_flags & ?) != 0")
        params.append(filters.category.bit)
    if filters.district is not None:
        parts.append(f"{plus}a.district = ?")
        params.append(filters.district)
    if filters.status is not None:
        parts.append("a.status || '' = ?" if steer else "a.status = ?")  # text: no unary +
        params.append(filters.status.value)
    if filters.course is not None:
        parts.append(f"a.id IN ({_IN_COURSE})")
        params.append(filters.course)
    return " AND ".join(parts), tuple(params)


# The applicants with a current place in a course (off the enrollment's course index).
_IN_COURSE = (
    "SELECT e.applicant_id FROM enrollment e WHERE e.course_id = ? "
    f"AND e.status != '{EnrollmentStatus.WITHDRAWN.value}' AND e.deleted != 1"
)


def _course_rows(filters: Filters) -> tuple[str, tuple[Any, ...]]:
    """The course filter over the FTS table: the index's rowids of the course's people."""
    if filters.course is None:
        return "", ()
    sql = f"f.rowid IN (SELECT a2.search_rowid FROM applicant a2 WHERE a2.id IN ({_IN_COURSE}))"
    return sql, (filters.course,)


def _filter_tags(filters: Filters) -> list[str]:
    """The index's tags for the filters (see ApplicantIndex): matched like words."""
    tags = []
    if filters.district is not None:
        tags.append(ApplicantIndex.district_tag(filters.district))
    if filters.status is not None:
        tags.append(ApplicantIndex.status_tag(filters.status))
    if filters.category is not None:
        tags.append(ApplicantIndex.category_tag(filters.category))
    return tags


def _join(*parts: tuple[str, tuple[Any, ...]]) -> tuple[str, tuple[Any, ...]]:
    sql = " AND ".join(f"({where})" for where, _ in parts if where)
    return sql or "1", tuple(param for _, params in parts for param in params)


def _starts_a_name(words: list[tuple[str, str | None]], column: str) -> tuple[str, tuple[Any, ...]]:
    """Each (word, word before it) must start one of the names (names are space-separated
    in `column`) or go on from the word before it: names are indexed without their
    spaces and ZWNJs, so the «ر» of «علی ر» (on the way to «علی‌رضا») continues «علی»."""
    parts: list[str] = []
    params: list[Any] = []
    for word, previous in words:
        if previous is None:
            parts.append(f"instr(' ' || {column}, ?) > 0")
            params.append(" " + word)
        else:
            parts.append(f"(instr(' ' || {column}, ?) > 0 OR instr({column}, ?) > 0)")
            params.extend((" " + word, previous + word))
    return " AND ".join(parts), tuple(params)


def _short_words(words: list[str]) -> list[tuple[str, str | None]]:
    return [
        (word, words[index - 1] if index else None)
        for index, word in enumerate(words)
        if len(word) < _MIN_TRIGRAM
    ]


def _index_plan(words: list[str], filters: Filters) -> _Plan:
    long_words = [word for word in words if len(word) >= _MIN_TRIGRAM]
    terms = [*long_words, *_filter_tags(filters)]
    match = " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
    where, params = _join(
        ("f.names MATCH ?", (match,)),
        _starts_a_name(_short_words(words), "f.names"),
        _course_rows(filters),
    )
    return _Plan(where, params, in_index=True, natural_order="f.rowid DESC")


def _scan_plan(words: list[str], filters: Filters) -> _Plan:
    """Without FTS5 (PostgreSQL, or searching deleted files too): substring scans."""
    long_words = [word for word in words if len(word) >= _MIN_TRIGRAM]
    where, params = _join(
        (" AND ".join("instr(a.name_keys, ?) > 0" for _ in long_words), tuple(long_words)),
        _starts_a_name(_short_words(words), "a.name_keys"),
        _filters(filters),
    )
    return _Plan(where, params)


def _prefix_plan(words: list[str], filters: Filters) -> _Plan:
    """One or two letters: last names that start with them, in index order."""
    first, rest = words[0], words[1:]
    prefix = primary_key(first)
    where, params = _join(
        ('a."sort_name" >= ? AND a."sort_name" < ?', (prefix, prefix + _PREFIX_END)),
        _starts_a_name([(word, words[i]) for i, word in enumerate(rest)], "a.name_keys"),
        _filters(filters),
    )
    return _Plan(where, params)


def _file_number_plan(query: str, filters: Filters, center_code: str) -> _Plan | None:
    """A file number, whole (that file) or being typed (a range of the file-number
    index); None when the query is not one. `query` is in search form (casefolded)."""
    text = query.replace(" ", "").upper()
    match = _FILE_NUMBER.match(text)
    if match is not None:
        center, digits = match.groups()
        if center.isdigit() and center != center_code:
            return None  # «0912-3456789» is a mobile
        if digits and not (digits.startswith("0") and len(digits) < _NUMBER_WIDTH):
            # Whole: «THR07-000046», or the number without its zeros, «THR07-46».
            exact = ("a.file_number = ?", (file_number(center, int(digits)),))
            where, params = _join(exact, _filters(filters, steer=True))
            return _Plan(where, params, natural_order="a.file_number")
    elif _CENTER_PREFIX.match(text) is None:
        return None
    if f"{center_code}-".startswith(text):
        # This center's code (or its start): every file here, as an empty box lists
        # them — off the filters' own indexes, not a walk of the file numbers.
        where, params = _filters(filters)
        return _Plan(where or "1", params)
    file_range = ("a.file_number >= ? AND a.file_number < ?", (text, text + _PREFIX_END))
    where, params = _join(file_range, _filters(filters, steer=True))
    return _Plan(where, params, natural_order="a.file_number")


def _running_number(digits: str) -> int | None:
    """The running number that digits alone name: «46», or «000046» as printed. A
    shorter zero-led run («0046») is the start of a national code or a mobile."""
    if len(digits) > _NUMBER_WIDTH + 1 or not int(digits):
        return None
    if digits.startswith("0") and len(digits) != _NUMBER_WIDTH:
        return None
    return int(digits)


def _digits_plan(digits: str, filters: Filters, center_code: str) -> _Plan:
    """A national-code prefix, or a mobile prefix (09…, 9…, 989…); and the file with
    that running number, pinned first. Each is an indexed term of one OR, which SQLite
    answers with one index per term (MULTI-INDEX OR)."""
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
    code_range = ("a.national_code >= ? AND a.national_code < ?", (digits, digits + _PREFIX_END))
    if mobile is None and number is None:
        where, params = _join(code_range, _filters(filters, steer=True))
        return _Plan(where, params, natural_order="a.national_code")
    terms: list[tuple[str, tuple[Any, ...]]] = [code_range]
    natural_where = _join(code_range, _filters(filters, steer=True))
    natural_order = "a.national_code"
    if mobile is not None:
        mobile_range = ("a.mobile >= ? AND a.mobile < ?", (mobile, mobile + _PREFIX_END))
        terms.append(mobile_range)
        natural_where = _join(mobile_range, _filters(filters))
        natural_order = "a.mobile"
    pinned: tuple[str, tuple[Any, ...]] | None = None
    if number is not None:
        pinned = ("a.center_code = ? AND a.number = ?", (center_code, number))
        terms.append(pinned)
    either = (
        " OR ".join(f"({term})" for term, _ in terms),
        tuple(param for _, params in terms for param in params),
    )
    where, params = _join(either, _filters(filters, steer=mobile is None))
    return _Plan(
        where,
        params,
        natural_order=natural_order,
        natural_where=natural_where,
        pinned=pinned,
        pinned_where=_join(pinned, _filters(filters, steer=True)) if pinned else None,
    )
