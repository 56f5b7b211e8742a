"""The empowerment funnel: of the people registered in a period, how many went on to
be counselled, trained, certified, employed and empowered.

A person's stage is the furthest one they reached by the period's last day, and each
stage counts the people who reached it *or a later one* — so the counts never increase
from one stage to the next (tests/test_reports.py checks it for random histories), and
a person certified through a partner body's results sheet without a counselling note
still counts as counselled. When a person reached a stage is the earliest of what
shows it:

- counselled: a counselling follow-up, or a status change to counselling;
- trained (enrolled): an enrolment that was not waitlisted or withdrawn, or a status
  change to in training or trained;
- certified: a certificate issued and not revoked;
- employed (employed, self-employed or a home business): an outcome that started, or
  a status change to one of those;
- empowered: a status change to empowered.

The applicant's current status (with the day it changed) counts as a status change, so
a registry imported with statuses and no history still reaches its stages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from desktop.models import Category
from desktop.models.applicant import CATEGORY_BITS
from desktop.services.reports.core import (
    Chart,
    Column,
    Report,
    Scope,
    Table,
    days_between,
    percent,
    quoted,
    run,
    true,
)
from desktop.strings import CATEGORY_NAMES, EDUCATION_NAMES, GENDER_NAMES
from desktop.strings.reports import OUTCOME_KIND_NAMES, STAGE_NAMES, Reports
from desktop.text.digits import persian_digits

STAGES = ("registered", "counselled", "trained", "certified", "employed", "empowered")

# The statuses that show a stage (the stage's index in STAGES).
_STATUS_STAGES = {
    1: ("counselling",),
    2: ("in_training", "trained"),
    4: ("employed", "self_employed", "home_business"),
    5: ("empowered",),
}
_TRAINING = ("enrolled", "completed", "failed")

AGE_BANDS = ("55_plus", "45_54", "35_44", "25_34", "under_25", "unknown")
_AGE_TITLES = {
    "55_plus": "۵۵ سال و بیشتر",
    "45_54": "۴۵ تا ۵۴",
    "35_44": "۳۵ تا ۴۴",
    "25_34": "۲۵ تا ۳۴",
    "under_25": "زیر ۲۵",
    "unknown": Reports.UNKNOWN,
}


def funnel(scope: Scope, *, hq: bool, today: dt.date) -> Report:
    with _people_table(scope):
        tables = _tables(scope, hq=hq)
    tables.append(_figures(scope, today))
    stages = tables[0].rows
    chart = Chart(
        "funnel",
        Reports.FUNNEL,
        [STAGE_NAMES[row["stage"]] for row in stages],
        [row["count"] for row in stages],
    )
    return Report("funnel", Reports.FUNNEL, scope, tables, chart)


def _tables(scope: Scope, *, hq: bool) -> list[Table]:
    tables = [_stages()]
    if hq:
        tables.append(_by("center", "p.center_code", Reports.BY_CENTER))
    tables.append(_by("district", "p.district", Reports.BY_DISTRICT))
    tables.append(_by_category())
    tables.append(_by("gender", "p.gender", Reports.BY_GENDER))
    tables.append(_by("age_band", _age_band(scope.end), Reports.BY_AGE))
    tables.append(_by("education", "p.education_level", Reports.BY_EDUCATION))
    tables.append(_outcome_kinds(scope.end))
    return tables


PEOPLE = "report_people"  # a temporary table: this connection's, gone when it closes


@contextmanager
def _people_table(scope: Scope) -> Iterator[None]:
    """`PEOPLE` filled for `scope` while the report's tables are read from it: the
    people are worked out once, not once per breakdown."""
    sql, params = _people(scope)
    run(f"DROP TABLE IF EXISTS {PEOPLE}")
    run(f"CREATE TEMPORARY TABLE {PEOPLE} AS {sql} SELECT * FROM people", params)
    try:
        yield
    finally:
        run(f"DROP TABLE IF EXISTS {PEOPLE}")


def _people(scope: Scope) -> tuple[str, list[Any]]:
    """A WITH clause: `people`, one row per person registered in the scope's period,
    with the day each stage was reached (d0 … d5, NULL when not by the period's end)
    and `level`, the furthest stage's index.

    Every source of a stage is one stream of (person, stage, day) events, grouped per
    person once — no join between two large sets, so no plan that can go quadratic;
    the person's own columns ride on their registration event."""
    end = scope.end
    where, params = scope.filters("a", district="a.district")
    stage_of = " ".join(
        f"WHEN {{status}} IN ({quoted(statuses)}) THEN {k}"
        for k, statuses in _STATUS_STAGES.items()
    )
    status_stage = f"(CASE {stage_of.format(status='s.status')} END)"
    current_stage = f"(CASE {stage_of.format(status='c.status')} END)"
    columns = _PERSON_COLUMNS
    blank = ", ".join(f"NULL AS {column}" for column in columns)
    mine = "IN (SELECT id FROM cohort)"
    firsts = ", ".join(f"MIN(CASE WHEN stage = {k} THEN d END) AS d{k}" for k in range(6))
    carried = ", ".join(f"MAX({column}) AS {column}" for column in columns)
    level = " ".join(f"WHEN d{k} IS NOT NULL THEN {k}" for k in range(5, 0, -1))
    sql = f"""
WITH cohort AS (
  SELECT a.id, {", ".join(f"a.{column}" for column in columns)}, a.status,
         COALESCE(a.status_changed_on, a.registered_on) AS status_on
  FROM applicant a
  WHERE NOT a.deleted AND a.registered_on >= ? AND a.registered_on <= ?{where}
),
events AS (
  SELECT c.id, 0 AS stage, c.registered_on AS d, {", ".join(f"c.{x}" for x in columns)}
  FROM cohort c
  UNION ALL
  SELECT c.id, {current_stage}, c.status_on, {blank} FROM cohort c
  UNION ALL
  SELECT s.applicant_id, {status_stage}, s.changed_on, {blank} FROM status_change s
  WHERE NOT s.deleted AND s.applicant_id {mine}
  UNION ALL
  SELECT f.applicant_id, 1, f.held_on, {blank} FROM follow_up f
  WHERE NOT f.deleted AND f.kind = 'counselling' AND f.applicant_id {mine}
  UNION ALL
  SELECT e.applicant_id, 2, e.enrolled_on, {blank} FROM enrollment e
  WHERE NOT e.deleted AND e.status IN ({quoted(_TRAINING)}) AND e.applicant_id {mine}
  UNION ALL
  SELECT e.applicant_id, 3, t.issued_on, {blank}
  FROM certificate t JOIN enrollment e ON e.id = t.enrollment_id
  WHERE NOT t.deleted AND NOT t.revoked AND e.applicant_id {mine}
  UNION ALL
  SELECT o.applicant_id, 4, o.started_on, {blank} FROM outcome o
  WHERE NOT o.deleted AND o.applicant_id {mine}
),
dated AS (
  SELECT id, {carried}, {firsts} FROM events WHERE d <= ? GROUP BY id
),
people AS (SELECT dated.*, (CASE {level} ELSE 0 END) AS level FROM dated)
"""
    return sql, [scope.start, end, *params, end]


# The person's columns the breakdowns group by, carried through `_people`.
_PERSON_COLUMNS = (
    "center_code",
    "district",
    "gender",
    "education_level",
    "category_flags",
    "birth_date",
    "registered_on",
)


def _counts() -> str:
    return ", ".join(f"SUM(CASE WHEN p.level >= {k} THEN 1 ELSE 0 END)" for k in range(len(STAGES)))


def _stages() -> Table:
    counts = run(f"SELECT {_counts()} FROM {PEOPLE} p")[0]
    medians = _medians()
    rows = []
    for k, stage in enumerate(STAGES):
        count = int(counts[k] or 0)
        previous = int(counts[k - 1] or 0) if k else None
        rows.append(
            {
                "stage": stage,
                "label": STAGE_NAMES[stage],
                "count": count,
                "percent_of_previous": percent(count, previous) if previous is not None else None,
                "percent_of_registered": percent(count, int(counts[0] or 0)),
                "median_days": medians.get(k),
            }
        )
    columns = [
        Column("label", Reports.STAGE, "text"),
        Column("count", Reports.COUNT),
        Column("percent_of_previous", Reports.PERCENT_OF_PREVIOUS, "percent"),
        Column("percent_of_registered", Reports.PERCENT_OF_FIRST, "percent"),
        Column("median_days", Reports.MEDIAN_DAYS, "days"),
    ]
    return Table("stages", Reports.STAGES_TABLE, columns, rows)


def _medians() -> dict[int, float]:
    """{stage index: the median days from the previous stage}, over the people with
    both days (a stage reached before the previous one counts as 0 days)."""
    diffs = " UNION ALL ".join(
        f"SELECT {k} AS stage, {days_between(f'd{k - 1}', f'd{k}')} AS days FROM {PEOPLE} "
        f"WHERE d{k - 1} IS NOT NULL AND d{k} IS NOT NULL"
        for k in range(1, len(STAGES))
    )
    sql = f"""WITH
diffs AS (SELECT stage, CASE WHEN days < 0 THEN 0 ELSE days END AS days FROM ({diffs}) d),
ranked AS (
  SELECT stage, days, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY days) AS rn,
         COUNT(*) OVER (PARTITION BY stage) AS n
  FROM diffs
)
SELECT stage, AVG(days) FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY stage"""
    return {int(stage): round(float(days), 1) for stage, days in run(sql)}


def _stage_columns(first: Column) -> list[Column]:
    return [first, *(Column(stage, STAGE_NAMES[stage]) for stage in STAGES)]


def _wide(key: str, label: str, counts: tuple[Any, ...]) -> dict[str, Any]:
    return {key: label, **{stage: int(counts[k] or 0) for k, stage in enumerate(STAGES)}}


def _by(key: str, expression: str, title: str) -> Table:
    rows = run(f"SELECT {expression} AS g, {_counts()} FROM {PEOPLE} p GROUP BY {expression}")
    names = _names(key)
    found = []
    for group, *counts in rows:
        row = _wide(key, group, tuple(counts))
        row["label"] = names(group)
        found.append(row)
    found.sort(key=lambda row: _order(key, row[key]))
    return Table(
        f"by_{key}",
        title,
        _stage_columns(Column("label", _dimension_title(key), "text")),
        found,
        unpivot=STAGES,
    )


def _by_category() -> Table:
    """A person counts in each of their categories (one may be several at once)."""
    categories = " UNION ALL ".join(
        f"SELECT {CATEGORY_BITS[c]} AS bit, '{c.value}' AS category" for c in Category
    )
    rows = run(
        f"SELECT k.category, {_counts()} FROM {PEOPLE} p "
        f"JOIN ({categories}) k ON (p.category_flags & k.bit) <> 0 GROUP BY k.category"
    )
    order = [c.value for c in Category]
    found = []
    for category, *counts in sorted(rows, key=lambda row: order.index(row[0])):
        row = _wide("category", category, tuple(counts))
        row["label"] = CATEGORY_NAMES.get(category, category)
        found.append(row)
    return Table(
        "by_category",
        Reports.BY_CATEGORY,
        _stage_columns(Column("label", Reports.CATEGORY, "text")),
        found,
        unpivot=STAGES,
    )


def _age_band(end: dt.date) -> str:
    """A CASE naming the age band of p.birth_date on `end` (bounds written inline: they
    are dates this code makes, not input)."""
    cases = []
    for years, band in ((55, "55_plus"), (45, "45_54"), (35, "35_44"), (25, "25_34")):
        born_by = _years_before(end, years)  # born on or before: that old on `end`
        cases.append(f"WHEN p.birth_date <= '{born_by.isoformat()}' THEN '{band}'")
    return f"(CASE WHEN p.birth_date IS NULL THEN 'unknown' {' '.join(cases)} ELSE 'under_25' END)"


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _outcome_kinds(end: dt.date) -> Table:
    """The people of the period with an outcome, by its kind (each kind a person has)."""
    rows = run(
        f"SELECT o.kind, COUNT(DISTINCT o.applicant_id) FROM {PEOPLE} p "
        "JOIN outcome o ON o.applicant_id = p.id "
        "WHERE NOT o.deleted AND o.started_on <= ? GROUP BY o.kind",
        [end],
    )
    counts = dict(rows)
    found = [
        {"kind": kind, "label": label, "count": int(counts.get(kind, 0))}
        for kind, label in OUTCOME_KIND_NAMES.items()
    ]
    columns = [Column("label", Reports.OUTCOME_KIND, "text"), Column("count", Reports.COUNT)]
    return Table("by_outcome", Reports.BY_OUTCOME, columns, found)


def _figures(scope: Scope, today: dt.date) -> Table:
    """Overdue follow-ups: appointments before the report's day (its end, or today if
    sooner) not yet kept, of live people in the scope — a figure of now, not of the
    period's cohort."""
    as_of = min(scope.end, today)
    where, params = scope.filters("a", district="a.district")
    (overdue,) = run(
        "SELECT COUNT(*) FROM follow_up f JOIN applicant a ON a.id = f.applicant_id "
        f"WHERE NOT f.deleted AND NOT a.deleted AND f.done <> {true()} "
        f"AND f.next_appointment < ?{where}",
        [as_of, *params],
    )[0]
    rows = [
        {"figure": "overdue_follow_ups", "label": Reports.OVERDUE_FOLLOW_UPS, "value": int(overdue)}
    ]
    columns = [Column("label", Reports.FIGURE, "text"), Column("value", Reports.VALUE)]
    return Table("figures", Reports.FIGURES, columns, rows)


def _dimension_title(key: str) -> str:
    return {
        "center": Reports.CENTER,
        "district": Reports.DISTRICT,
        "gender": Reports.GENDER,
        "age_band": Reports.AGE,
        "education": Reports.EDUCATION,
    }[key]


def _names(key: str) -> Any:
    if key == "gender":
        return lambda value: GENDER_NAMES.get(value, Reports.UNKNOWN)
    if key == "education":
        return lambda value: EDUCATION_NAMES.get(value, Reports.UNKNOWN)
    if key == "age_band":
        return lambda value: _AGE_TITLES[value]
    if key == "district":
        return lambda value: persian_digits(value) if value is not None else Reports.UNKNOWN
    return lambda value: str(value)  # a center's code, as stored


def _order(key: str, value: Any) -> Any:
    if key == "age_band":
        return AGE_BANDS.index(value)
    if key == "education":
        order = list(EDUCATION_NAMES)
        return order.index(value) if value in order else len(order)
    return (value is None, value if value is not None else 0)
