"""The derived tables the reports read, kept up to date with the data they come from.

`report_person` (models/reports.py) holds, for every live applicant, the day they first
reached each stage of the funnel. Working that out means grouping every status step,
counselling follow-up, enrolment, certificate and outcome per person — 11.6 s at
HQ's 1.1 million people on SQLite (bench/reports.py) — so it is done once when the data
changed, not in every report. "Changed" is read from what moves with every write: the
change log's last entry (every synced write at a center), HQ's ledger of imported
files, and a count the demo's unlogged writes raise (`invalidate`). The rebuild is one
transaction: a report reads the old rows or the new, never half of them.

The shops' sales are summed the same way (`fresh_sales`): lines and returns per Jalali
month, center, product and rate, and sales per month, center and shop — 8.9 s to make
from HQ's million sales, then a report reads its whole months from a few thousand rows.

The rule for each stage (the earliest of what shows it):
- counselled: a counselling follow-up, or a status step to counselling;
- trained (enrolled): an enrolment that was not waitlisted or withdrawn, or a step to
  in training or trained;
- certified: a certificate issued and not revoked;
- employed: an outcome that started, or a step to employed, self-employed or a home
  business;
- empowered: a step to empowered.
The applicant's current status (with the day it changed) counts as a step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import fn

from desktop.models import ChangeLog, HqImport, Setting, db
from desktop.models.base import tuples
from desktop.models.reports import OUTCOME_KINDS
from desktop.services.reports.cohort import made as cohort_made
from desktop.services.reports.cohort import rebuild as rebuild_cohort
from desktop.services.reports.core import bucket, months, on_sqlite, quoted, run
from desktop.text.jalali import local_time, utc_bounds

# The statuses that show a stage (the stage's index in the funnel).
STATUS_STAGES = {
    1: ("counselling",),
    2: ("in_training", "trained"),
    4: ("employed", "self_employed", "home_business"),
    5: ("empowered",),
}
TRAINING = ("enrolled", "completed", "failed")
_KIND_STAGE = 10  # events of the kinds are stages 10, 11 … in the stream below
VERSION_KEY = "report_person_version"  # the data version report_person was made from
UNLOGGED_KEY = "unlogged_writes"  # counts the unlogged writes that said so
_CARRIED = (
    "center_code",
    "district",
    "gender",
    "education_level",
    "category_flags",
    "birth_date",
    "registered_on",
)


def data_version() -> str:
    """What moves whenever the people's data does: the change log's last entry (every
    synced write at a center), HQ's ledger (every imported file) and the count of
    unlogged writes that said so (`invalidate`: the demo's). Indexed look-ups only."""
    last_change = ChangeLog.select(fn.MAX(ChangeLog._meta.primary_key)).scalar() or 0
    files, last_file = tuples(
        HqImport.select(fn.COUNT(HqImport.sha256), fn.MAX(HqImport.imported_at))
    )[0]
    return f"{last_change}:{files}:{last_file or 0}:{Setting.read(UNLOGGED_KEY) or 0}"


def invalidate() -> None:
    """Say that rows were written without a change-log entry (demo data), so the
    derived tables are made again before the next report."""
    with db.atomic():
        Setting.write(UNLOGGED_KEY, str(int(Setting.read(UNLOGGED_KEY) or 0) + 1))


def fresh_people() -> bool:
    """Bring `report_person` up to date; True when it was rebuilt."""
    version = data_version()
    if Setting.read(VERSION_KEY) == version and cohort_made():
        return False
    with db.atomic():
        run("DELETE FROM report_person")
        run(_REBUILD)
        rebuild_cohort()
        Setting.write(VERSION_KEY, version)
    _analyze("report_person", "report_cohort_block")
    return True


def _analyze(*tables: str) -> None:
    """Fresh statistics on PostgreSQL for tables just filled (its planner takes a table
    it has not analysed for what it was; SQLite plans by its indexes)."""
    if not on_sqlite():
        for table in tables:
            run(f"ANALYZE {table}")


def _rebuild_sql() -> str:
    """Every stage's sources as one stream of (person, stage, day) events grouped once
    per person — no join between two large sets, so no plan that can go quadratic; the
    person's own columns ride on their registration event (stage 0), which only a
    live applicant has."""
    stage_of = " ".join(
        f"WHEN {{status}} IN ({quoted(statuses)}) THEN {k}" for k, statuses in STATUS_STAGES.items()
    )
    status_stage = f"(CASE {stage_of.format(status='s.status')} END)"
    current_stage = f"(CASE {stage_of.format(status='a.status')} END)"
    blank = ", ".join(f"NULL AS {column}" for column in _CARRIED)
    carried = ", ".join(f"MAX({column}) AS {column}" for column in _CARRIED)
    days = [f"d{k}" for k in range(1, 6)]
    kinds = [f"{kind}_on" for kind in OUTCOME_KINDS]
    firsts = ", ".join(
        [f"MIN(CASE WHEN stage = {k} THEN d END) AS d{k}" for k in range(1, 6)]
        + [
            f"MIN(CASE WHEN stage = {_KIND_STAGE + n} THEN d END) AS {name}"
            for n, name in enumerate(kinds)
        ]
    )
    kind_stage = " ".join(
        f"WHEN '{kind}' THEN {_KIND_STAGE + n}" for n, kind in enumerate(OUTCOME_KINDS)
    )
    columns = ", ".join(("applicant_id", *_CARRIED, *days, *kinds))
    return f"""
INSERT INTO report_person ({columns})
SELECT id, {", ".join((*_CARRIED, *days, *kinds))} FROM (
  SELECT id, {carried}, {firsts} FROM (
    SELECT a.id, 0 AS stage, a.registered_on AS d, {", ".join(f"a.{x}" for x in _CARRIED)}
    FROM applicant a WHERE NOT a.deleted
    UNION ALL
    SELECT a.id, {current_stage}, COALESCE(a.status_changed_on, a.registered_on), {blank}
    FROM applicant a WHERE NOT a.deleted
    UNION ALL
    SELECT s.applicant_id, {status_stage}, s.changed_on, {blank} FROM status_change s
    WHERE NOT s.deleted
    UNION ALL
    SELECT f.applicant_id, 1, f.held_on, {blank} FROM follow_up f
    WHERE NOT f.deleted AND f.kind = 'counselling'
    UNION ALL
    SELECT e.applicant_id, 2, e.enrolled_on, {blank} FROM enrollment e
    WHERE NOT e.deleted AND e.status IN ({quoted(TRAINING)})
    UNION ALL
    SELECT e.applicant_id, 3, t.issued_on, {blank}
    FROM certificate t JOIN enrollment e ON e.id = t.enrollment_id
    WHERE NOT t.deleted AND NOT t.revoked
    UNION ALL
    SELECT o.applicant_id, 4, o.started_on, {blank} FROM outcome o WHERE NOT o.deleted
    UNION ALL
    SELECT o.applicant_id, (CASE o.kind {kind_stage} END), o.started_on, {blank}
    FROM outcome o WHERE NOT o.deleted
  ) events
  GROUP BY id
) people
WHERE registered_on IS NOT NULL"""


_REBUILD = _rebuild_sql()


SALES_KEY = "report_sales_version"  # the data version report_sales was made from


def fresh_sales() -> bool:
    """Bring the monthly sales summaries up to date; True when they were rebuilt: every
    sale line and return summed per Jalali month (of the local day), center, product
    and rate, and the sales counted per month, center and shop."""
    version = data_version()
    if Setting.read(SALES_KEY) == version:
        return False
    with db.atomic():
        run("DELETE FROM report_sales")
        run("DELETE FROM report_shop_sales")
        span = _sales_span()
        if span is not None:
            spans = months(*span)
            ends = [utc_bounds(month.first, month.last)[1] for month in spans]
            keys = [f"'{month.key}'" for month in spans] + ["NULL"]
            sold_in, sold_bounds = bucket("s.sold_at", ends, keys)
            back_in, back_bounds = bucket("t.returned_at", ends, keys)
            run(
                "INSERT INTO report_sales (month, center_code, product_id, commission_bp, "
                "lines, quantity, amount, refunds) SELECT m, center_code, product_id, "
                "commission_bp, SUM(n), SUM(q), SUM(a), SUM(r) FROM ("
                f"SELECT {sold_in} AS m, s.center_code, l.product_id, l.commission_bp, 1 AS n, "
                "l.quantity AS q, l.line_total AS a, 0 AS r FROM sale_line l JOIN sale s "
                "ON s.id = l.sale_id WHERE NOT l.deleted AND NOT s.deleted AND s.status = 'sold' "
                f"UNION ALL SELECT {back_in}, t.center_code, l.product_id, l.commission_bp, 0, "
                "0, 0, n.refund FROM return_line n JOIN sale_return t ON t.id = n.sale_return_id "
                "JOIN sale_line l ON l.id = n.sale_line_id WHERE NOT n.deleted AND NOT t.deleted"
                ") x GROUP BY m, center_code, product_id, commission_bp",
                [*sold_bounds, *back_bounds],
            )
            run(
                "INSERT INTO report_shop_sales (month, center_code, shop_id, sales) "
                "SELECT m, center_code, shop_id, COUNT(*) FROM ("
                f"SELECT {sold_in} AS m, s.center_code, s.shop_id FROM sale s "
                "WHERE NOT s.deleted AND s.status = 'sold') x GROUP BY m, center_code, shop_id",
                sold_bounds,
            )
        Setting.write(SALES_KEY, version)
    _analyze("report_sales", "report_shop_sales")
    return True


def _sales_span() -> tuple[dt.date, dt.date] | None:
    """The local days of the first and the last sale or return (None: none yet)."""
    ends = run(
        "SELECT MIN(sold_at), MAX(sold_at) FROM sale UNION ALL "
        "SELECT MIN(returned_at), MAX(returned_at) FROM sale_return"
    )
    found = [_local_day(value) for row in ends for value in row if value is not None]
    return (min(found), max(found)) if found else None


def _local_day(value: Any) -> dt.date:
    stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return local_time(stamp).date()
