"""Courses: what ran in the period and how it went, per partner body, field and
trainer (at HQ per center too).

A course counts in the period when its dates overlap it. Per group:
- courses run (not cancelled) and cancelled;
- capacity (of the courses run) and how much of it was taken: people enrolled, with
  those who completed, failed or withdrew (waitlisted people are not enrolled);
- completion and failure rates: completed, and failed, of everyone enrolled;
- certificates issued by the period's end for those courses, and how many of them are
  revoked now.

Courses serve a whole center, not a district: a district is refused here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.errors import UserError
from desktop.services.reports.core import (
    Chart,
    Column,
    Report,
    Scope,
    Table,
    on_sqlite,
    percent,
    run,
    true,
)
from desktop.strings.reports import Reports
from desktop.text.collation import primary_key

_FIGURES = (
    "courses",
    "cancelled",
    "capacity",
    "enrolled",
    "completed",
    "failed",
    "withdrawn",
    "certificates",
    "revoked",
)


def courses(scope: Scope, *, hq: bool, today: dt.date) -> Report:
    del today
    if scope.district is not None:
        raise UserError(Reports.NO_DISTRICT, code="no_district")
    partners = dict(run("SELECT id, name FROM partner"))
    partner_names = {_key(k): str(v) for k, v in partners.items()}
    tables = [
        _table(
            scope,
            "partner",
            "c.partner_id",
            Reports.BY_PARTNER,
            Reports.PARTNER,
            lambda v: partner_names.get(_key(v) or "", Reports.NO_PARTNER),
        ),
    ]
    if hq:
        tables.append(
            _table(scope, "center", "c.center_code", Reports.BY_CENTER, Reports.CENTER, str)
        )
    tables.append(
        _table(
            scope,
            "field",
            "c.field",
            Reports.BY_FIELD,
            Reports.FIELD,
            lambda v: v or Reports.UNKNOWN,
        )
    )
    trainers = {_key(k): str(v) for k, v in run('SELECT id, display_name FROM "user"')}
    tables.append(
        _table(
            scope,
            "trainer",
            "c.trainer",
            Reports.BY_TRAINER,
            Reports.TRAINER,
            lambda v: trainers.get(_key(v) or "", Reports.UNKNOWN),
        )
    )
    main = tables[0].rows
    chart = Chart(
        "bars",
        Reports.COURSES,
        [row["label"] for row in main],
        [row["completion_rate"] or 0.0 for row in main],
    )
    return Report("courses", Reports.COURSES, scope, tables, chart)


def _key(value: Any) -> str | None:
    """An id as one string on both backends (SQLite keeps 32 hex digits)."""
    return None if value is None else str(value).replace("-", "")


def _table(scope: Scope, key: str, expression: str, title: str, header: str, name: Any) -> Table:
    rows = []
    for group, *figures in _grouped(scope, expression):
        row: dict[str, Any] = {key: _key(group) if key in ("partner", "trainer") else group}
        row["label"] = name(group)
        row.update({k: int(v or 0) for k, v in zip(_FIGURES, figures, strict=True)})
        row["capacity_used"] = percent(row["enrolled"], row["capacity"])
        row["completion_rate"] = percent(row["completed"], row["enrolled"])
        row["failure_rate"] = percent(row["failed"], row["enrolled"])
        rows.append(row)
    rows.sort(
        key=lambda row: (key == "partner" and row["partner"] is None, primary_key(row["label"]))
    )
    columns = [
        Column("label", header, "text"),
        Column("courses", Reports.COURSES_RUN),
        Column("cancelled", Reports.CANCELLED),
        Column("capacity", Reports.CAPACITY),
        Column("enrolled", Reports.ENROLLED),
        Column("capacity_used", Reports.CAPACITY_USED, "percent"),
        Column("completed", Reports.COMPLETED),
        Column("failed", Reports.FAILED),
        Column("withdrawn", Reports.WITHDRAWN),
        Column("completion_rate", Reports.COMPLETION_RATE, "percent"),
        Column("failure_rate", Reports.FAILURE_RATE, "percent"),
        Column("certificates", Reports.CERTIFICATES),
        Column("revoked", Reports.REVOKED),
    ]
    return Table(f"by_{key}", title, columns, rows)


def _grouped(scope: Scope, expression: str) -> list[tuple[Any, ...]]:
    where, params = scope.filters("c")
    run_ = "c.status <> 'cancelled'"
    revoked = "t.revoked" if not on_sqlite() else f"t.revoked = {true()}"
    sql = f"""
WITH c AS (
  SELECT * FROM course c
  WHERE NOT c.deleted AND c.starts_on <= ? AND c.ends_on >= ?{where}
),
e AS (
  SELECT e.course_id,
         SUM(CASE WHEN e.status <> 'waitlisted' THEN 1 ELSE 0 END) AS enrolled,
         SUM(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END) AS completed,
         SUM(CASE WHEN e.status = 'failed' THEN 1 ELSE 0 END) AS failed,
         SUM(CASE WHEN e.status = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn
  FROM enrollment e JOIN c ON c.id = e.course_id
  WHERE NOT e.deleted
  GROUP BY e.course_id
),
t AS (
  SELECT t.course_id, COUNT(*) AS certificates,
         SUM(CASE WHEN {revoked} THEN 1 ELSE 0 END) AS revoked
  FROM certificate t JOIN c ON c.id = t.course_id
  WHERE NOT t.deleted AND t.issued_on <= ?
  GROUP BY t.course_id
)
SELECT {expression},
       SUM(CASE WHEN {run_} THEN 1 ELSE 0 END),
       SUM(CASE WHEN {run_} THEN 0 ELSE 1 END),
       SUM(CASE WHEN {run_} THEN c.capacity ELSE 0 END),
       SUM(COALESCE(e.enrolled, 0)), SUM(COALESCE(e.completed, 0)),
       SUM(COALESCE(e.failed, 0)), SUM(COALESCE(e.withdrawn, 0)),
       SUM(COALESCE(t.certificates, 0)), SUM(COALESCE(t.revoked, 0))
FROM c LEFT JOIN e ON e.course_id = c.id LEFT JOIN t ON t.course_id = c.id
GROUP BY {expression}"""
    return run(sql, [scope.end, scope.start, *params, scope.end])
