"""Ideas: how many were received in the period and how far they went — screened,
selected, funded, launched (an ideas week: 130 received, 20 selected).

An idea is received when it is recorded (its created_at, in local days); its stage is
its status now, and each stage counts the ideas that reached it or a later one
(a funded idea was selected, and screened). Ideas of deleted files are not counted.
"""

from __future__ import annotations

import datetime as dt
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
    quoted,
    run,
)
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
    totals = _grouped(scope, "'all'")
    counts = totals.get("all", dict.fromkeys(STAGES, 0))
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
        tables.append(_table(scope, "center", "i.center_code", Reports.BY_CENTER, Reports.CENTER))
    tables.append(_table(scope, "field", "i.field", Reports.BY_FIELD, Reports.FIELD))
    tables.append(_by_category(scope))
    tables.append(_by_month(scope))
    chart = Chart(
        "funnel", Reports.IDEAS, [row["label"] for row in rows], [row["count"] for row in rows]
    )
    return Report("ideas", Reports.IDEAS, scope, tables, chart)


def _grouped(
    scope: Scope, group: str, extra: list[Any] | None = None, join: str = ""
) -> dict[Any, dict[str, int]]:
    """{group value: {stage: ideas}} of the ideas received in the scope."""
    where, params = scope.filters("i", district="a.district")
    period, dates = in_period("i.created_at", scope, timestamps=True)
    sums = ", ".join(
        f"SUM(CASE WHEN status IN ({quoted(statuses)}) THEN 1 ELSE 0 END)"
        for statuses in _REACHED.values()
    )
    rows = run(
        f"SELECT g, {sums} FROM (SELECT {group} AS g, i.status FROM idea i "
        f"JOIN applicant a ON a.id = i.applicant_id{join} "
        f"WHERE NOT i.deleted AND NOT a.deleted{period}{where}) x GROUP BY g",
        [*(extra or []), *dates, *params],
    )
    return {g: dict(zip(STAGES, (int(c or 0) for c in counts), strict=True)) for g, *counts in rows}


def _stage_columns(first: Column) -> list[Column]:
    return [first, *(Column(stage, IDEA_STAGE_NAMES[stage]) for stage in STAGES)]


def _table(scope: Scope, key: str, expression: str, title: str, header: str) -> Table:
    grouped = _grouped(scope, expression)
    rows = [
        {key: value, "label": value or Reports.UNKNOWN, **counts}
        for value, counts in grouped.items()
    ]
    rows.sort(key=lambda row: (-row["received"], primary_key(row["label"])))
    return Table(f"by_{key}", title, _stage_columns(Column("label", header, "text")), rows)


def _by_category(scope: Scope) -> Table:
    """By the categories of the person whose idea it is (each of theirs)."""
    categories = " UNION ALL ".join(
        f"SELECT {CATEGORY_BITS[c]} AS bit, '{c.value}' AS category" for c in Category
    )
    join = f" JOIN ({categories}) k ON (a.category_flags & k.bit) <> 0"
    grouped = _grouped(scope, "k.category", join=join)
    rows = [
        {"category": c.value, "label": CATEGORY_NAMES[c.value], **grouped[c.value]}
        for c in Category
        if c.value in grouped
    ]
    columns = _stage_columns(Column("label", Reports.CATEGORY, "text"))
    return Table("by_category", Reports.BY_CATEGORY, columns, rows)


def _by_month(scope: Scope) -> Table:
    case, bounds, spans = month_bucket("i.created_at", scope, timestamps=True)
    grouped = _grouped(scope, case, bounds)
    rows = [
        {"month": spans[int(index)].key, "label": spans[int(index)].title, **counts}
        for index, counts in sorted(grouped.items())
        if int(index) < len(spans)
    ]
    return Table(
        "by_month", Reports.BY_MONTH, _stage_columns(Column("label", Reports.MONTH, "text")), rows
    )
