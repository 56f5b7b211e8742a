"""A center's own employment commitments: what a partner body promised this center for
a Jalali year, entered by the center's administrator (models/applicant.py,
`Commitment`). HQ's city-wide figure stays on the partner body
(`partner.employment_commitment`, reference data sent down with every
acknowledgement)."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    UUIDField,
)
from playhouse.migrate import SchemaMigrator


class _Partner(Model):
    id = UUIDField(primary_key=True)

    class Meta:
        table_name = "partner"


class Commitment(Model):
    id = UUIDField(primary_key=True)
    center_code = CharField(max_length=16, index=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted = BooleanField(default=False, index=True)
    partner = ForeignKeyField(_Partner, backref="commitments", index=True)
    year = IntegerField()
    jobs = IntegerField()

    class Meta:
        legacy_table_names = False
        indexes = ((("center_code", "partner", "year"), True),)


def apply(database: Database, migrator: SchemaMigrator) -> None:
    with database.bind_ctx([_Partner, Commitment]):
        database.create_tables([Commitment])
