"""The name index's filter tags become one trigram each (SQLite only).

Migration 0003's index text ended in tags such as `~d14~ ~s2~ ~c5~`. Under the trigram
tokenizer a tag of four or five characters is a phrase of two or three trigrams, and
FTS5 compares the positions of a phrase's trigrams in every row that holds them all:
«کریمی» with a district and a category took 26 ms at 1M applicants, most of it in the
tags. A tag is now `~d`, `~s` or `~c` and one character standing for the number (from
U+E400, Unicode's private use area): one trigram, matched by reading its list of rows
(11 ms for the same query). See `ApplicantIndex` in models/applicant.py.

The index holds nothing but what the applicant rows say (live rows at their
`search_rowid`), so it is emptied and filled again from them in one statement; the
expression is written out here as it was at this step. On PostgreSQL there is no such
index (its search reads the applicant rows), so nothing to do.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

INDEX = "applicant_fts"
TAG_BASE = 0xE400
# As stored at this step (models/applicant.py pins them; tests/test_enum_codes.py).
STATUS_CODES = {
    "registered": 0,
    "counselling": 1,
    "in_training": 2,
    "trained": 3,
    "employed": 4,
    "self_employed": 5,
    "home_business": 6,
    "empowered": 7,
}
CATEGORY_CODES = {1 << code: code for code in range(6)}  # category_flags bit → code


def index_text_sql() -> str:
    """An applicant row's index text with one-trigram tags, as an SQL expression."""
    statuses = " ".join(
        f"WHEN '{value}' THEN ' ~s{chr(TAG_BASE + code)}'" for value, code in STATUS_CODES.items()
    )
    categories = " || ".join(
        f"(CASE WHEN category_flags & {bit} THEN ' ~c{chr(TAG_BASE + code)}' ELSE '' END)"
        for bit, code in CATEGORY_CODES.items()
    )
    return (
        "name_keys || (CASE WHEN district IS NULL THEN '' "
        f"ELSE ' ~d' || char({TAG_BASE} + district) END) || "
        f"(CASE status {statuses} ELSE '' END) || {categories}"
    )


def apply(database: Database, migrator: SchemaMigrator) -> None:
    if not isinstance(database, SqliteDatabase):
        return
    exists = database.execute_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (INDEX,)).fetchone()
    if exists is None:
        return
    database.execute_sql(f"DELETE FROM {INDEX}")
    database.execute_sql(
        f"INSERT INTO {INDEX}(rowid, names, sort_key) "
        f"SELECT search_rowid, {index_text_sql()}, sort_name FROM applicant "
        "WHERE deleted = 0 AND search_rowid IS NOT NULL"
    )
    # One segment, not the many a bulk insert leaves (ApplicantIndex.optimize).
    database.execute_sql(f"INSERT INTO {INDEX}({INDEX}) VALUES ('optimize')")
