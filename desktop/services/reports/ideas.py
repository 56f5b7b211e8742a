"""Ideas: how many were received in the period and how far they went — screened,
selected, funded, launched (an ideas week: 130 received, 20 selected).

An idea is received when it is recorded (its created_at, in local days); its stage is
its status now, and each stage counts the ideas that reached it or a later one
(a funded idea was selected, and screened). Ideas of deleted files are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from desktop.models import Category
from desktop.models.applicant import CATEGORY_BITS
from desktop.services.reports.core import (
    Chart,
    Column,
    Report,
    Scope,
    Table,
    in_period,
    month_bucket,
    percent,
    run,
)
from desktop.services.reports.derived import fresh_people
from desktop.strings import CATEGORY_NAMES
from desktop.strings.reports import IDEA_STAGE_NAMES, Reports
from desktop.text.collation import primary_key

STAGES = ("received", "screened", "selected", "funded", "launched")
# The statuses at or past each stage.
_REACHED = {
    "received": ("submitted", "shortlisted", "selected", "funded", "launched"),
    "screened": ("shortlisted", "selected", "funded", "launched"),
    "selected": ("selected", "funded", "launched"),
    "funded": ("funded", "launched"),
    "launched": ("launched",),
}


def ideas(scope: Scope, *, hq: bool, today: dt.date) -> Report:
    del today  # an idea's stage is its status now
    facts = _Ideas(scope)
    counts = facts.by(lambda _dims: ["all"]).get("all", dict.fromkeys(STAGES, 0))
    received = counts["received"]
    rows: list[dict[str, Any]] = [
        {
            "stage": stage,
            "label": IDEA_STAGE_NAMES[stage],
            "count": counts[stage],
            "percent_of_received": percent(counts[stage], received),
        }
        for stage in STAGES
    ]
    columns = [
        Column("label", Reports.STAGE, "text"),
        Column("count", Reports.COUNT),
        Column("percent_of_received", Reports.PERCENT_OF_RECEIVED, "percent"),
    ]
    tables = [Table("stages", Reports.STAGES_TABLE, columns, rows)]
    if hq:
        tables.append(_table(facts, "center", Reports.BY_CENTER, Reports.CENTER))
    tables.append(_table(facts, "field", Reports.BY_FIELD, Reports.FIELD))
    tables.append(_by_category(facts))
    tables.append(_by_month(facts))
    chart = Chart(
        "funnel", Reports.IDEAS, [row["label"] for row in rows], [row["count"] for row in rows]
    )
    return Report("ideas", Reports.IDEAS, scope, tables, chart)


class _Ideas:
    """The period's ideas counted once by center, field, the person's categories,
    Jalali month and status; each table sums them its way. The person's district and
    categories come from the reports' derived table of live people."""

    def __init__(self, scope: Scope) -> None:
        fresh_people()
        where, params = scope.filters("i", district="p.district")
        period, dates = in_period("i.created_at", scope, timestamps=True)
        case, bounds, self.months = month_bucket("i.created_at", scope, timestamps=True)
        keys = "center_code, field, category_flags, m, status"
        self.counts = [
            (
                {
                    "center": center,
                    "field": field or "",
                    "flags": int(flags or 0),
                    "month": int(month),
                },
                status,
                int(count),
            )
            for center, field, flags, month, status, count in run(
                f"SELECT {keys}, COUNT(*) FROM (SELECT i.center_code, i.field, "
                f"p.category_flags, {case} AS m, i.status FROM idea i JOIN report_person p "
                f"ON p.applicant_id = i.applicant_id WHERE NOT i.deleted{period}{where}) x "
                f"GROUP BY {keys}",
                [*bounds, *dates, *params],
            )
        ]

    def by(self, group: Callable[[dict[str, Any]], list[Any]]) -> dict[Any, dict[str, int]]:
        """{group value: {stage: ideas at it or past it}}; `group` gives the values an
        idea counts under (several for categories)."""
        found: dict[Any, dict[str, int]] = {}
        for dims, status, count in self.counts:
            for value in group(dims):
                stages = found.setdefault(value, dict.fromkeys(STAGES, 0))
                for stage, statuses in _REACHED.items():
                    if status in statuses:
                        stages[stage] += count
        return found


def _stage_columns(first: Column) -> list[Column]:
    return [first, *(Column(stage, IDEA_STAGE_NAMES[stage]) for stage in STAGES)]


def _table(facts: _Ideas, key: str, title: str, header: str) -> Table:
    grouped = facts.by(lambda dims: [dims[key]])
    rows = [
        {key: value, "label": value or Reports.UNKNOWN, **counts}
        for value, counts in grouped.items()
    ]
    rows.sort(key=lambda row: (-row["received"], primary_key(row["label"])))
    return Table(f"by_{key}", title, _stage_columns(Column("label", header, "text")), rows)


def _by_category(facts: _Ideas) -> Table:
    """By the categories of the person whose idea it is (each of theirs)."""
    grouped = facts.by(lambda dims: [c.value for c in Category if dims["flags"] & CATEGORY_BITS[c]])
    rows = [
        {"category": c.value, "label": CATEGORY_NAMES[c.value], **grouped[c.value]}
        for c in Category
        if c.value in grouped
    ]
    columns = _stage_columns(Column("label", Reports.CATEGORY, "text"))
    return Table("by_category", Reports.BY_CATEGORY, columns, rows)


def _by_month(facts: _Ideas) -> Table:
    grouped = facts.by(lambda dims: [dims["month"]])
    spans = facts.months
    rows = [
        {"month": spans[index].key, "label": spans[index].title, **counts}
        for index, counts in sorted(grouped.items())
        if index < len(spans)
    ]
    return Table(
        "by_month", Reports.BY_MONTH, _stage_columns(Column("label", Reports.MONTH, "text")), rows
    )
