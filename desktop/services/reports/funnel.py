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
from typing import Any

import numpy as np

from desktop.models import Category
from desktop.models.applicant import CATEGORY_BITS
from desktop.services.reports.cohort import NEVER, cohort
from desktop.services.reports.core import (
    Chart,
    Column,
    Report,
    Scope,
    Table,
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
    tables = [_stages(cube, cube.medians())]
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
    """The period's people (services/reports/cohort.py: numpy arrays) with the furthest
    stage each reached by the period's end and their age band on that day; every
    breakdown is a count of them by one dimension and that stage."""

    def __init__(self, scope: Scope) -> None:
        self.people = cohort(scope)
        columns = self.people.columns
        self.end = scope.end.toordinal()
        self.level = np.zeros(len(self.people), dtype=np.int64)
        for k in range(1, len(STAGES)):  # the furthest stage reached wins
            self.level[columns[f"d{k}"] <= self.end] = k
        self.age_band = _age_bands(columns["birth"], scope.end)

    def stages(self, key: str | None) -> dict[Any, list[int]]:
        """{value of the dimension `key` (None: everyone as one): people who reached
        each stage or a later one}."""
        if not len(self.people):
            return {}
        if key is None:
            return {None: _at_or_after(np.bincount(self.level, minlength=len(STAGES)))}
        if key == "category":
            flags = self.people.columns["flags"]
            found = {}
            for category in Category:
                chosen = self.level[(flags & CATEGORY_BITS[category]) != 0]
                if len(chosen):
                    found[category.value] = _at_or_after(np.bincount(chosen, minlength=len(STAGES)))
            return found
        codes, values = self._dimension(key)
        cells = np.bincount(codes * len(STAGES) + self.level, minlength=len(values) * len(STAGES))
        grid = cells.reshape(len(values), len(STAGES))
        return {
            value: _at_or_after(grid[index])
            for index, value in enumerate(values)
            if grid[index].any()
        }

    def _dimension(self, key: str) -> tuple[np.ndarray, list[Any]]:
        """Each person's code under `key` and the value each code stands for."""
        columns = self.people.columns
        if key == "age_band":
            return self.age_band, list(AGE_BANDS)
        if key == "district":
            districts = columns["district"]
            values = sorted(int(v) for v in np.unique(districts))
            codes = np.searchsorted(np.array(values), districts)
            return codes, [None if value < 0 else value for value in values]
        vocabulary = self.people.vocabulary[key]
        return columns[key].astype(np.int64), list(vocabulary)

    def outcome_kinds(self) -> list[int]:
        columns = self.people.columns
        return [int(np.count_nonzero(columns[kind] <= self.end)) for kind in OUTCOME_KINDS]

    def medians(self) -> dict[int, float]:
        """{stage index: the median days from the previous stage}, over the people who
        reached both by the period's end (a stage reached before the previous one
        counts as 0 days)."""
        columns = self.people.columns
        found = {}
        for k in range(1, len(STAGES)):
            earlier = columns["registered" if k == 1 else f"d{k - 1}"]
            later = columns[f"d{k}"]
            both = (earlier <= self.end) & (later <= self.end)
            if both.any():
                gaps = np.maximum(later[both].astype(np.int64) - earlier[both], 0)
                found[k] = round(float(np.median(gaps)), 1)
        return found


def _at_or_after(counts: np.ndarray) -> list[int]:
    """People at each stage → people at it or a later one."""
    return [int(n) for n in np.cumsum(counts[::-1])[::-1]]


def _age_bands(births: np.ndarray, end: dt.date) -> np.ndarray:
    """Each person's age band on `end` as an index into AGE_BANDS."""
    bands = np.full(len(births), AGE_BANDS.index("under_25"), dtype=np.int64)
    for index, years in reversed(list(enumerate((55, 45, 35, 25)))):  # the oldest last
        bands[births <= _years_before(end, years).toordinal()] = index
    bands[births == NEVER] = AGE_BANDS.index("unknown")
    return bands


def _stages(cube: _Cube, medians: dict[int, float]) -> Table:
    counts = cube.stages(None).get(None, [0] * len(STAGES))
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


def _stage_columns(first: Column) -> list[Column]:
    return [first, *(Column(stage, STAGE_NAMES[stage]) for stage in STAGES)]


def _by(cube: _Cube, key: str, title: str) -> Table:
    found = cube.stages(key)
    if key == "category":
        order = [c.value for c in Category]
        values = sorted(found, key=order.index)
    else:
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
