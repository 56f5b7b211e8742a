"""The search on SQLite: names through the FTS5 trigram index `applicant_fts`.

The index (models/applicant.py, `ApplicantIndex`) holds the names of the files that are
not deleted, their filter tags and a copy of the sort key, so a name query with
filters is one intersection inside the index and a page is sorted without reading
applicant rows. Searching deleted files too scans the names instead (`instr`). Persian
order of first and father names comes from the `persian` collation (models/db.py);
the sort keys, being collation weights, sort as they are (BINARY).
"""

from __future__ import annotations

from typing import Any

from desktop.models import ApplicantIndex, db
from desktop.services.search.plans import (
    COUNT_CAP,
    MIN_TRIGRAM,
    Backend,
    Filters,
    Plan,
    filter_conditions,
    in_course,
    join,
    rows,
    select,
    short_words,
    starts_a_name,
)

INDEX = ApplicantIndex.TABLE


class SqliteBackend(Backend):
    param = "?"
    row_key = "a.search_rowid"

    def live(self, alias: str) -> str:
        # `!=`, not `=`: the flag is almost never set, and an equality would tempt SQLite
        # (without statistics) to walk the whole `deleted` index.
        return f"{alias}.deleted != 1"

    def collated(self, column: str) -> str:
        return f"a.{column} COLLATE persian"

    def contains(self, haystack: str) -> str:
        return f"instr({haystack}, ?) > 0"

    def count_all(self) -> int:
        # All rows (off the smallest index) less the few deleted (off theirs).
        sql = (
            "SELECT (SELECT count(*) FROM applicant) - "
            "(SELECT count(*) FROM applicant WHERE deleted = 1)"
        )
        return int(db.execute_sql(sql).fetchone()[0])

    # -- names -------------------------------------------------------------------------------

    def name_plan(self, words: list[str], filters: Filters) -> Plan:
        if filters.include_deleted:  # the index holds live files only
            return self._scan_plan(words, filters)
        long_words = [word for word in words if len(word) >= MIN_TRIGRAM]
        terms = [*long_words, *_filter_tags(filters)]
        match = " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
        course: tuple[str, tuple[Any, ...]] = ("", ())
        if filters.course is not None:  # the index's rowids of the course's people
            course = (
                "f.rowid IN (SELECT a2.search_rowid FROM applicant a2 "
                f"WHERE a2.id IN ({in_course(self)}))",
                (filters.course,),
            )
        where, params = join(
            ("f.names MATCH ?", (match,)),
            starts_a_name(self, short_words(words), "f.names"),
            course,
        )
        return Plan(where, params, in_index=True, names=True, natural_order="f.rowid DESC")

    def _scan_plan(self, words: list[str], filters: Filters) -> Plan:
        """Deleted files too: substring scans of the names."""
        long_words = [word for word in words if len(word) >= MIN_TRIGRAM]
        where, params = join(
            (" AND ".join(self.contains("a.name_keys") for _ in long_words), tuple(long_words)),
            starts_a_name(self, short_words(words), "a.name_keys"),
            filter_conditions(self, filters),
        )
        return Plan(where, params)

    def keep_matches(self, plan: Plan) -> tuple[int, list[tuple[Any, ...]] | None]:
        """Match once; under the cap, keep the matches with their sort keys (read only
        then: at the cap they would cost a lookup each for nothing)."""
        sql = f"SELECT f.rowid FROM {INDEX} f WHERE {plan.where} LIMIT {COUNT_CAP}"
        rowids = [int(rowid) for (rowid,) in db.execute_sql(sql, plan.params)]
        if len(rowids) >= COUNT_CAP:
            return len(rowids), None
        marks = ", ".join("?" for _ in rowids)
        sql = f"SELECT sort_key, rowid FROM {INDEX} WHERE rowid IN ({marks})"
        found = db.execute_sql(sql, rowids) if rowids else []
        return len(rowids), sorted((str(key), int(rowid), int(rowid)) for key, rowid in found)

    # -- pages of the index -------------------------------------------------------------------

    def over_applicants(self, plan: Plan) -> str:
        if not plan.in_index:
            return plan.where
        return f"a.search_rowid IN (SELECT f.rowid FROM {INDEX} f WHERE {plan.where})"

    def fetch_natural(self, plan: Plan, offset: int, limit: int) -> list[tuple[Any, ...]]:
        if not plan.in_index:
            return super().fetch_natural(plan, offset, limit)
        inner = (
            f"SELECT f.rowid AS r FROM {INDEX} f WHERE {plan.where} "
            "ORDER BY f.rowid DESC LIMIT ? OFFSET ?"
        )
        sql = (
            f"SELECT {select()} FROM ({inner}) m JOIN applicant a ON a.search_rowid = m.r "
            "ORDER BY m.r DESC"
        )
        return rows(sql, (*plan.params, limit, offset))

    def fetch_by_name(
        self, plan: Plan, offset: int, limit: int, descending: bool
    ) -> list[tuple[Any, ...]]:
        if not plan.in_index:
            return super().fetch_by_name(plan, offset, limit, descending)
        direction = "DESC" if descending else "ASC"
        inner = (
            f"SELECT f.rowid AS r, f.sort_key AS k FROM {INDEX} f "
            f"WHERE {plan.where} ORDER BY f.sort_key {direction}, f.rowid LIMIT ? OFFSET ?"
        )
        sql = (
            f"SELECT {select()} FROM ({inner}) m JOIN applicant a ON a.search_rowid = m.r "
            f"ORDER BY m.k {direction}, m.r"
        )
        return rows(sql, (*plan.params, limit, offset))


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
