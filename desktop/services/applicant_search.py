"""Search-as-you-type over the applicant registry, fast at a million rows.

The query is normalised the way names are indexed (`search_key`: ی/ي, ک/ك, harakat,
ZWNJ/space) and routed by what was typed (DESIGN.md, "Speed"):

- digits only → national code prefix or mobile prefix, each an indexed range;
- a name whose every word has three or more letters → the FTS5 trigram index, each
  word a substring anywhere in a name (ZWNJ, space or none: «محمدرضا», «محمد رضا» and
  «محمد‌رضا» all find each other, since names are indexed without spaces);
- shorter words → an indexed prefix range on the sort key (last name, then first),
  narrowed further by the longer words if any.

Filters (category, district, status) narrow any of these. Results are a page source —
`count()` and `fetch(offset, limit, sort, descending)` — so the paged table asks for
exactly one page at a time, sorted in SQL: by default in Persian alphabetical order
through the `sort_name` index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import SQL, Expression

from desktop.models import Applicant, ApplicantIndex, Category, Status
from desktop.models.base import tuples
from desktop.services.applicants import READERS
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
SORTABLE: dict[str, Any] = {
    "name": Applicant.sort_name,
    "first_name": Applicant.sort_name,
    "last_name": Applicant.sort_name,
    "file_number": Applicant.number,
    "national_code": Applicant.national_code,
    "mobile": Applicant.mobile,
    "district": Applicant.district,
    "status": Applicant.status,
    "registered_on": Applicant.registered_on,
}
COUNT_CAP = 100_000  # beyond this a count says "more than" instead of scanning on
_MIN_TRIGRAM = 3
_PREFIX_END = "\U0010ffff"


@dataclass(frozen=True)
class Filters:
    category: Category | None = None
    district: int | None = None
    status: Status | None = None
    include_deleted: bool = False


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


class ApplicantSearch:
    """One query with filters; a PageSource for the paged table (and the CLI)."""

    keys = COLUMNS

    def __init__(self, session: Session, text: str = "", filters: Filters | None = None):
        session.require(*READERS)
        self.session = session
        self.text = text
        self.filters = filters or Filters()
        self.condition = _condition(text, self.filters)
        self._count: int | None = None

    def count(self) -> int:
        """Matches, capped at COUNT_CAP (the table then shows "more than")."""
        if self._count is None:
            inner = Applicant.select(SQL("1")).where(self.condition).limit(COUNT_CAP)
            self._count = int(Applicant.select().from_(inner).count())
        return self._count

    @property
    def capped(self) -> bool:
        return self.count() >= COUNT_CAP

    def fetch(
        self, offset: int, limit: int, sort: str | None = None, descending: bool = False
    ) -> list[tuple[str, tuple[Any, ...]]]:
        column = SORTABLE.get(sort or "name", Applicant.sort_name)
        order = [column.desc() if descending else column.asc()]
        if column is not Applicant.sort_name:
            order.append(Applicant.sort_name)
        query = (
            Applicant.select(Applicant.id, *(getattr(Applicant, key) for key in COLUMNS))
            .where(self.condition)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
        return [(str(row[0]), tuple(row[1:])) for row in tuples(query)]

    def rows(self, limit: int = 50) -> list[SearchRow]:
        return [SearchRow(row_id, *values) for row_id, values in self.fetch(0, limit)]


def _condition(text: str, filters: Filters) -> Expression:
    condition: Expression = Applicant.center_code.is_null(False)
    if not filters.include_deleted:
        condition &= Applicant.deleted == False  # noqa: E712
    if filters.category is not None:
        condition &= Applicant.category_flags.bin_and(filters.category.bit) != 0
    if filters.district is not None:
        condition &= Applicant.district == filters.district
    if filters.status is not None:
        condition &= Applicant.status == filters.status.value
    query = search_key(text)
    if not query:
        return condition
    digits = normalize_digits(query).replace(" ", "").replace("-", "").lstrip("+")
    if digits.isdigit():
        return condition & _number_condition(digits)
    return condition & _name_condition(query)


def _number_condition(digits: str) -> Expression:
    """A national code or mobile prefix, each through its own index."""
    ranges = [Applicant.national_code.between(digits, digits + _PREFIX_END)]
    mobile = digits
    if mobile.startswith("98"):
        mobile = "0" + mobile[2:]
    elif mobile.startswith("9"):
        mobile = "0" + mobile
    if mobile.startswith("0"):
        ranges.append(Applicant.mobile.between(mobile, mobile + _PREFIX_END))
    condition = ranges[0]
    for extra in ranges[1:]:
        condition |= extra
    return condition


def _name_condition(query: str) -> Expression:
    words = [word for word in query.split(" ") if word]
    long_words = [word for word in words if len(word) >= _MIN_TRIGRAM]
    short_words = [word for word in words if len(word) < _MIN_TRIGRAM]
    condition: Expression | None = None
    if long_words and ApplicantIndex.available():
        match = " AND ".join('"' + word.replace('"', '""') + '"' for word in long_words)
        condition = Applicant.search_rowid.in_(
            SQL(f"(SELECT rowid FROM {ApplicantIndex.TABLE} WHERE names MATCH ?)", (match,))
        )
    else:
        for word in long_words:  # PostgreSQL or no FTS5: a substring scan
            part = Applicant.name_keys.contains(word)
            condition = part if condition is None else condition & part
    if short_words:
        if condition is None:
            # Only short words: a prefix of the last name (sort_name starts with it)
            # or of the first name (name_keys does): two indexed ranges.
            first = short_words[0]
            prefix = primary_key(first)
            condition = Applicant.sort_name.between(prefix, prefix + _PREFIX_END) | (
                Applicant.name_keys.between(first, first + _PREFIX_END)
            )
            short_words = short_words[1:]
        for word in short_words:
            condition &= Applicant.name_keys.contains(word)
    assert condition is not None
    return condition
