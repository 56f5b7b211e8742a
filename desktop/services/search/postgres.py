"""The search on PostgreSQL: names through a `pg_trgm` GIN index over `name_keys`.

The same normalised name keys as SQLite's FTS5 table index, held in the applicant row
itself: a word of three letters or more is `name_keys LIKE '%word%'`, which the
trigram index answers (a substring anywhere in a name, as on SQLite), and the filters
are plain conditions beside it. Identifiers and the stored sort keys compare by their
bytes (`COLLATE "C"`): digits by prefix ranges, Persian order from the sort keys,
whatever the database's own collation; migration 0008 makes the indexes that serve
them. First and father names sort through ICU's Persian collation when the server
has it.
"""

from __future__ import annotations

from desktop.models import db
from desktop.services.search.plans import (
    BYTEWISE,
    MIN_TRIGRAM,
    Backend,
    Filters,
    Plan,
    filter_conditions,
    join,
    short_words,
    starts_a_name,
)

PERSIAN_COLLATION = "fa-x-icu"


class PostgresBackend(Backend):
    param = "%s"
    row_key = "a.id"

    def __init__(self) -> None:
        self._collation: dict[int, str] = {}  # per database object: ICU's, or bytes

    def ready(self) -> None:
        """No server-side prepared statements: psycopg prepares a query after its fifth
        run, and PostgreSQL may then plan it once for any pattern — a plan that cannot
        see which words were typed, hundreds of times slower than the plan made for
        them at a million applicants (README, "Benchmarks")."""
        connection = db.connection()
        if getattr(connection, "prepare_threshold", None) is not None:
            connection.prepare_threshold = None

    def live(self, alias: str) -> str:
        return f"NOT {alias}.deleted"

    def key(self, column: str) -> str:
        return f'a.{column} COLLATE "C"' if column in BYTEWISE else f"a.{column}"

    def collated(self, column: str) -> str:
        database = db.obj
        if id(database) not in self._collation:
            found = db.execute_sql(
                "SELECT 1 FROM pg_collation WHERE collname = %s", (PERSIAN_COLLATION,)
            ).fetchone()
            self._collation[id(database)] = PERSIAN_COLLATION if found else "C"
        return f'a.{column} COLLATE "{self._collation[id(database)]}"'

    def contains(self, haystack: str) -> str:
        return f"strpos({haystack}, %s) > 0"

    def count_all(self) -> int:
        sql = "SELECT count(*) FROM applicant a WHERE NOT a.deleted"
        return int(db.execute_sql(sql).fetchone()[0])

    def name_plan(self, words: list[str], filters: Filters) -> Plan:
        long_words = [word for word in words if len(word) >= MIN_TRIGRAM]
        where, params = join(
            (
                " AND ".join("a.name_keys LIKE %s" for _ in long_words),
                tuple(f"%{_escaped(word)}%" for word in long_words),
            ),
            starts_a_name(self, short_words(words), "a.name_keys"),
            filter_conditions(self, filters),
        )
        # Newest first at the cap, as on SQLite: ids are time-ordered (UUIDv7).
        return Plan(where, params, names=True, natural_order="a.id DESC")


def _escaped(word: str) -> str:
    """`word` matched literally inside LIKE (backslash is PostgreSQL's escape)."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
