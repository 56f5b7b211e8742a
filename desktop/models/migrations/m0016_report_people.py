"""The reports' derived table of people and the day each reached each stage of the
funnel (models/reports.py): empty here, filled by the first report that needs it. And
an index on when an idea was recorded: the ideas report reads a period's."""

from __future__ import annotations

from peewee import CharField, Database, DateField, IntegerField, Model, UUIDField
from playhouse.migrate import SchemaMigrator, migrate


class ReportPerson(Model):
    applicant_id = UUIDField(primary_key=True)
    center_code = CharField(max_length=16)
    district = IntegerField(null=True)
    gender = CharField(max_length=8)
    education_level = CharField(max_length=32)
    category_flags = IntegerField()
    birth_date = DateField(null=True)
    registered_on = DateField(index=True)
    d1 = DateField(null=True)
    d2 = DateField(null=True)
    d3 = DateField(null=True)
    d4 = DateField(null=True)
    d5 = DateField(null=True)
    wage_job_on = DateField(null=True)
    self_employment_on = DateField(null=True)
    home_business_on = DateField(null=True)
    cooperative_on = DateField(null=True)

    class Meta:
        table_name = "report_person"


def apply(database: Database, migrator: SchemaMigrator) -> None:
    with database.bind_ctx([ReportPerson]):
        database.create_tables([ReportPerson])
    migrate(migrator.add_index("idea", ("created_at",), False))
