"""National-code and mobile indexes that carry the search filters.

A digits query with a filter («0067» in district 4, «0912» among entrepreneurs) walks
the national-code or mobile range and checks each match's district, category or
status. With plain one-column indexes every match in the range cost a row lookup in a
table scattered over 2 GB: 20–45 ms at a million applicants (bench/search.py). With
the filter columns in the index the range is counted and filtered inside the index
(`SEARCH … USING COVERING INDEX`): under 1 ms. The new indexes replace the old ones,
so a registration still updates the same number of indexes.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator, migrate

TABLE = "applicant"
FILTERS = ("deleted", "category_flags", "district", "status")


def apply(database: Database, migrator: SchemaMigrator) -> None:
    migrate(
        migrator.drop_index(TABLE, "applicant_national_code"),
        migrator.drop_index(TABLE, "applicant_mobile"),
        migrator.add_index(TABLE, ("national_code", *FILTERS), False),
        migrator.add_index(TABLE, ("mobile", *FILTERS), False),
    )
