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
from collections.abc import Callable
from functools import lru_cache
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
    run,
    true,
)
from desktop.services.reports.derived import OUTCOME_KINDS, fresh_people
from desktop.strings import CATEGORY_NAMES, EDUCATION_NAMES, GENDER_NAMES
from desktop.strings.reports import OUTCOME_KIND_NAMES, STAGE_NAMES, Reports
from desktop.text.digits import persian_digits

STAGES = ("registered", "counselled", "trained", "certified", "employed", "empowered")


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
    fresh_people()
    cube = _Cube(scope)
    tables = [_stages(cube, _medians(scope))]
    dimensions = [
        ("district", Reports.BY_DISTRICT),
        ("category", Reports.BY_CATEGORY),
        ("gender", Reports.BY_GENDER),
        ("age_band", Reports.BY_AGE),
        ("education", Reports.BY_EDUCATION),
    ]
    if hq:
        dimensions.insert(0, ("center", Reports.BY_CENTER))
    tables += [_by(cube, key, title) for key, title in dimensions]
    tables.append(_outcome_kinds(cube))
    tables.append(_figures(scope, today))
    stages = tables[0].rows
    chart = Chart(
        "funnel",
        Reports.FUNNEL,
        [STAGE_NAMES[row["stage"]] for row in stages],
        [row["count"] for row in stages],
    )
    return Report("funnel", Reports.FUNNEL, scope, tables, chart)


class _Cube:
    """The period's people counted once, by every dimension at once and the furthest
    stage each reached by the period's end (one pass over `report_person`, grouped by
    center, district, gender, age band, education, categories and that stage); every
    breakdown is then a sum of its rows. One GROUP BY of a million people is cheaper
    than seven."""

    def __init__(self, scope: Scope) -> None:
        last = f"'{scope.end.isoformat()}'"  # a date made here, not input: written inline
        level = " ".join(f"WHEN p.d{k} <= {last} THEN {k}" for k in range(len(STAGES) - 1, 0, -1))
        kinds = ", ".join(
            f"SUM(CASE WHEN p.{kind}_on <= {last} THEN 1 ELSE 0 END)" for kind in OUTCOME_KINDS
        )
        where, params = scope.filters("p", district="p.district")
        keys = "center_code, district, gender, age_band, education_level, category_flags, lv"
        rows = run(
            f"SELECT {keys}, COUNT(*), {kinds} FROM (SELECT p.*, {_age_band(scope.end)} "
            f"AS age_band, (CASE {level} ELSE 0 END) AS lv FROM report_person p "
            f"WHERE p.registered_on >= ? AND p.registered_on <= ?{where}) p GROUP BY {keys}",
            [scope.start, scope.end, *params],
        )
        self.rows: list[tuple[dict[str, Any], int, int, tuple[int, ...]]] = []
        for center, district, gender, age_band, education, flags, lv, count, *reached in rows:
            dims = {
                "center": center,
                "district": district,
                "gender": gender,
                "age_band": AGE_BANDS[int(age_band)],
                "education": education,
                "flags": int(flags or 0),
            }
            kinds_reached = tuple(int(n or 0) for n in reached)
            self.rows.append((dims, int(lv), int(count), kinds_reached))

    def stages(self, group: Callable[[dict[str, Any]], list[Any]]) -> dict[Any, list[int]]:
        """{group value: people who reached each stage or a later one}: `group` gives the
        values a person counts under (several for categories)."""
        found: dict[Any, list[int]] = {}
        for dims, level, count, _kinds in self.rows:
            for value in group(dims):
                found.setdefault(value, [0] * len(STAGES))[level] += count
        for counts in found.values():  # at a stage → at it or a later one
            for k in range(len(STAGES) - 2, -1, -1):
                counts[k] += counts[k + 1]
        return found

    def outcome_kinds(self) -> list[int]:
        totals = [0] * len(OUTCOME_KINDS)
        for _dims, _level, _count, kinds in self.rows:
            totals = [a + b for a, b in zip(totals, kinds, strict=True)]
        return totals


def _stages(cube: _Cube, medians: dict[int, float]) -> Table:
    counts = cube.stages(lambda _dims: [None]).get(None, [0] * len(STAGES))
    rows = []
    for k, stage in enumerate(STAGES):
        previous = counts[k - 1] if k else None
        rows.append(
            {
                "stage": stage,
                "label": STAGE_NAMES[stage],
                "count": counts[k],
                "percent_of_previous": None if previous is None else percent(counts[k], previous),
                "percent_of_registered": percent(counts[k], counts[0]),
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


def _medians(scope: Scope) -> dict[int, float]:
    """{stage index: the median days from the previous stage}, over the period's people
    who reached both by its end (a stage reached before the previous one counts as 0
    days) — from a histogram of the days (a GROUP BY; the middle found here), not a
    sort of every person."""
    last = f"'{scope.end.isoformat()}'"
    where, params = scope.filters("p", district="p.district")
    # A stage's day, blank when it came after the period's end.
    day = ["p.registered_on"] + [
        f"(CASE WHEN p.d{k} <= {last} THEN p.d{k} END)" for k in range(1, len(STAGES))
    ]
    # Each person once, against a row for each stage (one scan, not one per stage).
    stages = " UNION ALL ".join(f"SELECT {k} AS k" for k in range(1, len(STAGES)))
    earlier = " ".join(f"WHEN {k} THEN {day[k - 1]}" for k in range(1, len(STAGES)))
    later = " ".join(f"WHEN {k} THEN {day[k]}" for k in range(1, len(STAGES)))
    gap = days_between(f"(CASE s.k {earlier} END)", f"(CASE s.k {later} END)")
    histogram = run(
        "SELECT k, d, COUNT(*) FROM (SELECT k, CASE WHEN g < 0 THEN 0 ELSE g END AS d FROM "
        f"(SELECT s.k, {gap} AS g FROM report_person p CROSS JOIN ({stages}) s "
        f"WHERE p.registered_on >= ? AND p.registered_on <= ?{where}) x "
        "WHERE g IS NOT NULL) y GROUP BY k, d",
        [scope.start, scope.end, *params],
    )
    by_stage: dict[int, list[tuple[int, int]]] = {}
    for stage, days, count in histogram:
        by_stage.setdefault(int(stage), []).append((int(days), int(count)))
    return {stage: _middle(sorted(counts)) for stage, counts in by_stage.items()}


def _middle(histogram: list[tuple[int, int]]) -> float:
    """The median of values given as sorted (value, how many) pairs."""
    total = sum(count for _, count in histogram)
    wanted = ((total + 1) // 2, (total + 2) // 2)  # the middle one, or the middle two
    found: list[int] = []
    seen = 0
    for value, count in histogram:
        seen += count
        while len(found) < 2 and seen >= wanted[len(found)]:
            found.append(value)
    return round(sum(found) / 2, 1)


@lru_cache(maxsize=128)
def _categories(flags: int) -> list[str]:
    """The categories whose bits `flags` has."""
    return [c.value for c in Category if flags & CATEGORY_BITS[c]]


def _stage_columns(first: Column) -> list[Column]:
    return [first, *(Column(stage, STAGE_NAMES[stage]) for stage in STAGES)]


def _by(cube: _Cube, key: str, title: str) -> Table:
    if key == "category":
        order = [c.value for c in Category]
        found = cube.stages(lambda dims: _categories(dims["flags"]))
        values = sorted(found, key=order.index)
    else:
        column = "education" if key == "education" else key
        found = cube.stages(lambda dims: [dims[column]])
        values = sorted(found, key=lambda value: _order(key, value))
    names = _names(key)
    rows = [
        {key: value, **dict(zip(STAGES, found[value], strict=True)), "label": names(value)}
        for value in values
    ]
    return Table(
        f"by_{key}",
        title,
        _stage_columns(Column("label", _dimension_title(key), "text")),
        rows,
        unpivot=STAGES,
    )


def _age_band(end: dt.date) -> str:
    """A CASE giving the age band of p.birth_date on `end` as its index in AGE_BANDS (a
    number groups faster than a name; bounds written inline: dates this code makes)."""
    cases = []
    for index, years in enumerate((55, 45, 35, 25)):
        born_by = _years_before(end, years)  # born on or before: that old on `end`
        cases.append(f"WHEN p.birth_date <= '{born_by.isoformat()}' THEN {index}")
    unknown, young = AGE_BANDS.index("unknown"), AGE_BANDS.index("under_25")
    return f"(CASE WHEN p.birth_date IS NULL THEN {unknown} {' '.join(cases)} ELSE {young} END)"


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _outcome_kinds(cube: _Cube) -> Table:
    """The period's people with an outcome of each kind by its end (each kind a person
    has)."""
    found = [
        {"kind": kind, "label": OUTCOME_KIND_NAMES[kind], "count": count}
        for kind, count in zip(OUTCOME_KINDS, cube.outcome_kinds(), strict=True)
    ]
    columns = [Column("label", Reports.OUTCOME_KIND, "text"), Column("count", Reports.COUNT)]
    return Table("by_outcome", Reports.BY_OUTCOME, columns, found)


def _figures(scope: Scope, today: dt.date) -> Table:
    """Overdue follow-ups: appointments before the report's day (its end, or today if
    sooner) not yet kept, of live people in the scope — a figure of now, not of the
    period's cohort."""
    as_of = min(scope.end, today)
    due = f"f.next_appointment < ? AND f.done <> {true()} AND f.deleted <> {true()}"
    where, params = scope.filters("f")
    if scope.district is None:
        # All of them less those of deleted files: the appointments' index and the few
        # deleted files, never a join with every applicant (as the home page counts).
        (overdue,) = run(f"SELECT COUNT(*) FROM follow_up f WHERE {due}{where}", [as_of, *params])[
            0
        ]
        (deleted,) = run(
            "SELECT COUNT(*) FROM follow_up f JOIN applicant a ON a.id = f.applicant_id "
            f"WHERE {due}{where} AND a.deleted = {true()}",
            [as_of, *params],
        )[0]
        overdue -= deleted
    else:
        (overdue,) = run(
            "SELECT COUNT(*) FROM follow_up f JOIN report_person p ON p.applicant_id = "
            f"f.applicant_id WHERE {due}{where} AND p.district = ?",
            [as_of, *params, scope.district],
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
        "category": Reports.CATEGORY,
        "gender": Reports.GENDER,
        "age_band": Reports.AGE,
        "education": Reports.EDUCATION,
    }[key]


def _names(key: str) -> Any:
    if key == "gender":
        return lambda value: GENDER_NAMES.get(value, Reports.UNKNOWN)
    if key == "category":
        return lambda value: CATEGORY_NAMES.get(value, value)
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
