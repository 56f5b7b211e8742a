"""Derived tables the reports read: rebuilt from the synced tables, never edited, never
synced (services/reports/derived.py keeps them fresh).

`ReportSales` and `ReportShopSales` are the shops' sales summed per Jalali month.

`ReportPerson` is one row per live applicant with the day they first reached each
stage of the empowerment funnel (any day; a report counts a stage reached when its day
is on or before the period's end). Computing those days means grouping every status
step, follow-up, enrolment, certificate and outcome per person: seconds at HQ's million
people, so it is done once per change of the data, not once per report.
"""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    BlobField,
    CharField,
    DateField,
    IntegerField,
    TextField,
    UUIDField,
)

from desktop.models.base import LocalModel

# Outcome kinds, each with the day a person's first outcome of that kind started
# (ReportPerson's `<kind>_on`): the funnel's table of kinds.
OUTCOME_KINDS = ("wage_job", "self_employment", "home_business", "cooperative")


class ReportPerson(LocalModel):
    applicant_id = UUIDField(primary_key=True)
    center_code = CharField(max_length=16)
    district = IntegerField(null=True)
    gender = CharField(max_length=8)
    education_level = CharField(max_length=32)
    category_flags = IntegerField()
    birth_date = DateField(null=True)
    registered_on = DateField(index=True)
    d1 = DateField(null=True)  # counselled
    d2 = DateField(null=True)  # trained (enrolled)
    d3 = DateField(null=True)  # certified
    d4 = DateField(null=True)  # employed, self-employed or a home business
    d5 = DateField(null=True)  # empowered
    # The day the person's first outcome of each kind started (the funnel's kinds).
    wage_job_on = DateField(null=True)
    self_employment_on = DateField(null=True)
    home_business_on = DateField(null=True)
    cooperative_on = DateField(null=True)

    class Meta:
        table_name = "report_person"


class ReportSales(LocalModel):
    """The shops' sale lines and returns summed per Jalali month, center, product and
    commission rate (the sales report reads whole months here, only a period's partial
    months from the lines themselves)."""

    month = CharField(max_length=7)  # "1405-03"
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


class ReportShopSales(LocalModel):
    """Sales per Jalali month, center and shop (a sale counted once)."""

    month = CharField(max_length=7)
    center_code = CharField(max_length=16)
    shop_id = UUIDField()
    sales = IntegerField()

    class Meta:
        table_name = "report_shop_sales"
        indexes = ((("month", "center_code"), False),)


class ReportCohortBlock(LocalModel):
    """`report_person` again, by the column: up to 65,536 people in order of
    registration, each of their figures a column of 32-bit numbers in one blob
    (services/reports/cohort.py writes and reads it), so the funnel reads a period's
    people as a few arrays rather than row by row."""

    first_day = IntegerField()  # the first and the last registration day in the block
    last_day = IntegerField()  # (proleptic ordinals, as `date.toordinal`)
    people = IntegerField()
    vocabulary = TextField()  # JSON: the centers', genders' and education levels' codes
    data = BlobField()

    class Meta:
        table_name = "report_cohort_block"
        indexes = ((("last_day", "first_day"), False),)


REPORT_MODELS = [ReportPerson, ReportSales, ReportShopSales, ReportCohortBlock]
