"""The reports' derived tables — people with the day each reached each stage of the
funnel, the shops' sales summed per month (models/reports.py): empty here, filled by
the first report that needs them — and an index on when an idea was recorded (the
ideas report reads a period's)."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    CharField,
    Database,
    DateField,
    IntegerField,
    Model,
    UUIDField,
)
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


class ReportSales(Model):
    month = CharField(max_length=7)
    center_code = CharField(max_length=16)
    product_id = UUIDField()
    commission_bp = IntegerField()
    lines = IntegerField()
    quantity = BigIntegerField()
    amount = BigIntegerField()
    refunds = BigIntegerField()

    class Meta:
        table_name = "report_sales"
        indexes = ((("month", "center_code"), False),)


class ReportShopSales(Model):
    month = CharField(max_length=7)
    center_code = CharField(max_length=16)
    shop_id = UUIDField()
    sales = IntegerField()

    class Meta:
        table_name = "report_shop_sales"
        indexes = ((("month", "center_code"), False),)


def apply(database: Database, migrator: SchemaMigrator) -> None:
    tables = [ReportPerson, ReportSales, ReportShopSales]
    with database.bind_ctx(tables):
        database.create_tables(tables)
    migrate(migrator.add_index("idea", ("created_at",), False))
