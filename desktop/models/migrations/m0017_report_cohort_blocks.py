"""The funnel's people by the column (models/reports.py `ReportCohortBlock`): empty
here, filled with `report_person` by the next report (the version `report_person` was
made from is forgotten, so the next report makes both)."""

from __future__ import annotations

from peewee import BlobField, Database, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator


class ReportCohortBlock(Model):
    first_day = IntegerField()
    last_day = IntegerField()
    people = IntegerField()
    vocabulary = TextField()
    data = BlobField()

    class Meta:
        table_name = "report_cohort_block"
        indexes = ((("last_day", "first_day"), False),)


def apply(database: Database, migrator: SchemaMigrator) -> None:
    with database.bind_ctx([ReportCohortBlock]):
        database.create_tables([ReportCohortBlock])
    database.execute_sql("DELETE FROM setting WHERE key = 'report_person_version'")
