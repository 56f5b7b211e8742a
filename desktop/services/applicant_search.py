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
- letters, where some word has three or more → a trigram index (SQLite's FTS5 table,
  PostgreSQL's pg_trgm GIN index), each long word a substring anywhere in a name
  (names are indexed without spaces or ZWNJ, so «محمدرضا», «محمد رضا» and «محمد‌رضا»
  all find each other); shorter words must start a name;
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
descending)`, so the paged table fetches exactly the page it shows. What walks a whole
result (exports; later the sync export, reports, backups' checks) uses `walk()`, which
pages by key instead of by OFFSET: at a million rows OFFSET re-reads every row before
the page, which made an export quadratic.

The same interface runs on SQLite and PostgreSQL; what differs (each database's SQL
and its name index) lives in desktop/services/search/, chosen once per search by the
class of the open database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from desktop.errors import ValidationError
from desktop.models import Course, db
from desktop.services.applicants import READERS
from desktop.services.courses import readable_course
from desktop.services.identity import clean_national_code
from desktop.services.records import audit_read
from desktop.services.search.plans import (
    COLUMNS,
    COUNT_CAP,
    NAME_SORTS,
    Backend,
    Filters,
    Plan,
    SearchRow,
    plan,
    rows,
    select,
)
from desktop.services.search.postgres import PostgresBackend
from desktop.services.search.sqlite import SqliteBackend
from desktop.services.session import Session
from desktop.text.normalize import search_key

__all__ = ["COLUMNS", "COUNT_CAP", "ApplicantSearch", "Filters", "SearchRow", "backend_for"]

WALK_CHUNK = 1000
_BACKENDS: tuple[tuple[type[Database], Backend], ...] = (
    (SqliteDatabase, SqliteBackend()),
    (PostgresqlDatabase, PostgresBackend()),
)


def backend_for(database: Database) -> Backend:
    """The search backend for the open database's class."""
    for kind, backend in _BACKENDS:
        if isinstance(database, kind):
            return backend
    raise TypeError(f"no applicant search for {type(database).__name__}")


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
        self.backend = backend_for(db.obj)
        self.backend.ready()
        self.query = search_key(text)
        national = _whole_national_code(text)
        if national is not None:  # looking a person up by their code: a sensitive read
            audit_read(session, "applicant.search_national_code", national)
        self.plan = plan(self.backend, self.query, self.filters, session.center_code)
        self._count: int | None = None
        self._pinned: list[tuple[Any, ...]] | None = None  # the pinned file's row, once read
        # For a name query: (sort key, tie-break, row key) of every match when there are
        # fewer than COUNT_CAP, kept by count() so that the pages need not match again
        # (matching is most of a keystroke's cost).
        self._matches: list[tuple[Any, ...]] | None = None

    @property
    def unfiltered(self) -> bool:
        return not self.query and self.filters == Filters()

    def count(self) -> int:
        """Matches; at most COUNT_CAP unless nothing narrows the list."""
        if self._count is None:
            if self.unfiltered:
                self._count = self.backend.count_all()
            elif self.plan.names:
                self._count, self._matches = self.backend.keep_matches(self.plan)
            else:
                self._count = self.backend.count(self.plan)
        return self._count

    @property
    def capped(self) -> bool:
        return not self.unfiltered and self.count() >= COUNT_CAP

    @property
    def alphabetical(self) -> bool:
        """Whether the default order is Persian alphabetical (else the index's own)."""
        return not self.capped or not self.plan.natural_order

    def fetch(
        self, offset: int, limit: int, sort: str | None = None, descending: bool = False
    ) -> list[tuple[str, tuple[Any, ...]]]:
        if sort is None and self.plan.pinned is not None:
            found = self._fetch_pinned_first(offset, limit)
        else:
            found = self._fetch(self.plan, offset, limit, sort, descending)
        return [(str(row[0]), tuple(row[1:])) for row in found]

    def _fetch(
        self, plan: Plan, offset: int, limit: int, sort: str | None, descending: bool
    ) -> list[tuple[Any, ...]]:
        if sort is None and not self.alphabetical:
            return self.backend.fetch_natural(plan, offset, limit)
        if sort is None or sort in NAME_SORTS:
            if self._matches is not None and plan is self.plan:
                return self.backend.page_of_matches(self._matches, offset, limit, descending)
            return self.backend.fetch_by_name(plan, offset, limit, descending)
        return self.backend.fetch_by(plan, sort, offset, limit, descending)

    def _fetch_pinned_first(self, offset: int, limit: int) -> list[tuple[Any, ...]]:
        """The file the digits name by its number, then the other matches in the
        default order (a clerk who types a file's number wants that file on top)."""
        assert self.plan.pinned_where is not None
        if self._pinned is None:
            where, params = self.plan.pinned_where
            self._pinned = rows(f"SELECT {select()} FROM applicant a WHERE {where}", params)
        head = self._pinned[offset : offset + limit]
        rest_offset = max(0, offset - len(self._pinned))
        rest_limit = limit - len(head)
        if rest_limit <= 0:
            return head
        return head + self._fetch(self.plan.without_pinned(), rest_offset, rest_limit, None, False)

    def rows(self, limit: int = 50) -> list[SearchRow]:
        return [SearchRow(row_id, *values) for row_id, values in self.fetch(0, limit)]

    def walk(
        self,
        sort: str | None = "file_number",
        descending: bool = False,
        chunk: int = WALK_CHUNK,
        columns: Sequence[str] = COLUMNS,
    ) -> Iterator[list[dict[str, Any]]]:
        """Every match (no cap), `chunk` at a time as dicts of `id` and `columns` (field
        names of Applicant), in `sort` order — None and the name sorts are Persian
        alphabetical order — paged by key, so memory stays flat and every chunk costs
        the same however far in. Ties are broken by the name, then the running number
        and the id; `descending` reverses all of them (the table keeps ties
        alphabetical when a heading sorts descending). The pinned file of a digits
        query takes its place in the order like any match."""
        return self.backend.walk(self.plan, columns, sort, descending, chunk)

    def walk_rows(
        self,
        sort: str | None = "file_number",
        descending: bool = False,
        chunk: int = WALK_CHUNK,
        columns: Sequence[str] = COLUMNS,
        raw: bool = False,
    ) -> Iterator[list[tuple[Any, ...]]]:
        """`walk()` as tuples of `columns` alone (ids as text if asked for): what an
        export of a million rows reads, without a dict per row. `raw`: the driver's
        values, unconverted, each tuple followed by its sort keys (the export converts
        the one date it writes itself, through a cache)."""
        return self.backend.walk_rows(self.plan, columns, sort, descending, chunk, raw)


def _whole_national_code(text: str) -> str | None:
    """The national code `text` is, whole and valid (a search for one person), else None
    (a prefix being typed, a name, a phone number)."""
    digits = text.strip()
    if len(digits) != 10:
        return None
    try:
        return clean_national_code(digits)
    except ValidationError:
        return None
