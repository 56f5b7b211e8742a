"""Employment commitments: each partner body's yearly promise of jobs beside the
outcomes credited to it in the period.

- commitment: the partner body's yearly commitment for the Jalali year the period ends
  in — the center's own figure where its administrator entered one, else HQ's
  (services/commitments.py says the rule);
- achieved: live outcomes of live people, credited to the body, that started in the
  period (in the scope's district: the person's; at HQ, every center's or one's);
- percent: achieved against the yearly commitment (over 100 shows as it is: 149.0);
- expected: the commitment pro rata for the days of the period up to today, capped
  at a year — `behind` when achieved is below it, so a manager sees in May who will
  miss the year, not in March.

Outcomes credited to no partner body come last, with no commitment.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from desktop.services.reports.core import (
    Chart,
    Column,
    Report,
    Scope,
    Table,
    month_bucket,
    percent,
    run,
)
from desktop.services.reports.derived import fresh_people
from desktop.strings.reports import Reports
from desktop.text.collation import primary_key
from desktop.text.digits import persian_digits
from desktop.text.jalali import jalali_parts

YEAR_DAYS = 365


def commitments(scope: Scope, *, hq: bool, today: dt.date) -> Report:
    partners = _partners(scope)
    outcomes = _Outcomes(scope)
    achieved = outcomes.by(lambda center, district, month: None)
    expected_share = _share(scope, today)
    rows = []
    for pid, (name, commitment) in partners.items():
        done = achieved.get((pid, None), 0)
        if not commitment and not done:
            continue  # a body with nothing promised and nothing credited: not news
        expected = round(commitment * expected_share, 1)
        rows.append(_row(pid, name, commitment, done, expected))
    rows.sort(key=lambda row: primary_key(row["partner"]))
    if (None, None) in achieved:
        rows.append(_row(None, Reports.NO_PARTNER, 0, achieved[None, None], 0.0))
    columns = [
        Column("partner", Reports.PARTNER, "text"),
        Column("commitment", Reports.COMMITMENT),
        Column("achieved", Reports.ACHIEVED),
        Column("percent", Reports.PERCENT, "percent"),
        Column("expected", Reports.EXPECTED, "decimal"),
        Column("behind_label", Reports.BEHIND, "text"),
    ]
    tables = [Table("by_partner", Reports.BY_PARTNER, columns, rows)]
    if hq:
        tables.append(
            _crossed(outcomes.by(lambda c, _d, _m: c), partners, "center", Reports.BY_CENTER)
        )
    by_district = outcomes.by(lambda _c, district, _m: district)
    tables.append(_crossed(by_district, partners, "district", Reports.BY_DISTRICT))
    tables.append(_by_month(outcomes, partners))
    listed = [row for row in rows if row["partner_id"] is not None]
    chart = Chart(
        "bars",
        Reports.COMMITMENTS,
        [row["partner"] for row in listed],
        [row["percent"] or 0.0 for row in listed],
        reference=100.0,
    )
    return Report("commitments", Reports.COMMITMENTS, scope, tables, chart)


def _row(
    pid: str | None, name: str, commitment: int, achieved: int, expected: float
) -> dict[str, Any]:
    behind = pid is not None and commitment > 0 and achieved < expected
    return {
        "partner_id": pid,
        "partner": name,
        "commitment": commitment,
        "achieved": achieved,
        "percent": percent(achieved, commitment),
        "expected": expected,
        "behind": behind,
        "behind_label": Reports.YES if behind else "",
    }


def _partners(scope: Scope) -> dict[str, tuple[str, int]]:
    """{partner id: (name, the commitment the report counts against)} for the Jalali
    year of the period's end: one center's own figure for the year where it entered one,
    else HQ's; over every center (HQ), HQ's figure, or the centers' sum where HQ set
    none (services/commitments.py)."""
    year, _, _ = jalali_parts(scope.end)
    where, params = scope.filters("c")
    entered = {
        _key(pid): int(jobs or 0)
        for pid, jobs in run(
            "SELECT c.partner_id, SUM(c.jobs) FROM commitment c "
            f"WHERE NOT c.deleted AND c.year = ?{where} GROUP BY c.partner_id",
            [year, *params],
        )
    }
    found = {}
    for pid, name, hq_jobs in run(
        "SELECT id, name, employment_commitment FROM partner WHERE NOT deleted"
    ):
        key, hq_figure = str(_key(pid)), int(hq_jobs or 0)
        if scope.center is not None:
            jobs = entered.get(key, hq_figure)
        else:
            jobs = hq_figure or entered.get(key, 0)
        found[key] = (str(name), jobs)
    return found


def _key(value: Any) -> str | None:
    """A partner id as one string on both backends (SQLite keeps 32 hex digits)."""
    return None if value is None else str(value).replace("-", "")


def _share(scope: Scope, today: dt.date) -> float:
    """The part of a year the period covers up to today (0 … 1)."""
    last = min(scope.end, today)
    days = (last - scope.start).days + 1
    return max(0, min(days, YEAR_DAYS)) / YEAR_DAYS


class _Outcomes:
    """The period's outcomes counted once by partner body, center, district (the
    person's) and Jalali month; each table sums them its way."""

    def __init__(self, scope: Scope) -> None:
        fresh_people()  # the people's districts, live files only
        where, params = scope.filters("o", district="p.district")
        case, bounds, self.months = month_bucket("o.started_on", scope)
        self.counts = {
            (_key(pid), center, district, int(month)): int(count)
            for pid, center, district, month, count in run(
                "SELECT partner_id, center_code, district, m, COUNT(*) FROM (SELECT "
                f"o.partner_id, o.center_code, p.district, {case} AS m FROM outcome o "
                "JOIN report_person p ON p.applicant_id = o.applicant_id WHERE NOT o.deleted "
                f"AND o.started_on >= ? AND o.started_on <= ?{where}) x "
                "GROUP BY partner_id, center_code, district, m",
                [*bounds, scope.start, scope.end, *params],
            )
        }

    def by(self, group: Callable[[str, Any, int], Any]) -> dict[tuple[Any, Any], int]:
        """{(partner id or None, group(center, district, month)): outcomes}."""
        found: dict[tuple[Any, Any], int] = defaultdict(int)
        for (pid, center, district, month), count in self.counts.items():
            found[pid, group(center, district, month)] += count
        return found


def _crossed(
    achieved: dict[tuple[Any, Any], int],
    partners: dict[str, tuple[str, int]],
    key: str,
    title: str,
) -> Table:
    rows = []
    for (pid, value), count in achieved.items():
        name = partners[pid][0] if pid in partners else Reports.NO_PARTNER
        label = value if key == "center" else _district(value)
        rows.append(
            {"partner_id": pid, "partner": name, key: value, "label": label, "achieved": count}
        )
    rows.sort(
        key=lambda row: (
            row["partner_id"] is None,
            primary_key(row["partner"]),
            (row[key] is None, row[key] if row[key] is not None else 0)
            if key == "district"
            else str(row[key]),
        )
    )
    columns = [
        Column("partner", Reports.PARTNER, "text"),
        Column("label", Reports.CENTER if key == "center" else Reports.DISTRICT, "text"),
        Column("achieved", Reports.ACHIEVED),
    ]
    return Table(f"by_{key}", title, columns, rows)


def _by_month(outcomes: _Outcomes, partners: dict[str, tuple[str, int]]) -> Table:
    achieved = outcomes.by(lambda _c, _d, month: month)
    spans = outcomes.months
    by_partner: dict[str | None, dict[int, int]] = defaultdict(dict)
    for (pid, index), count in achieved.items():
        by_partner[pid][int(index)] = count
    rows: list[dict[str, Any]] = []
    for pid, counts in by_partner.items():
        name = partners[pid][0] if pid in partners else Reports.NO_PARTNER
        for index, count in sorted(counts.items()):
            month = spans[index]
            rows.append(
                {
                    "partner_id": pid,
                    "partner": name,
                    "month": month.key,
                    "label": month.title,
                    "achieved": count,
                }
            )
    rows.sort(
        key=lambda row: (row["partner_id"] is None, primary_key(row["partner"]), row["month"])
    )
    columns = [
        Column("partner", Reports.PARTNER, "text"),
        Column("label", Reports.MONTH, "text"),
        Column("achieved", Reports.ACHIEVED),
    ]
    return Table("by_month", Reports.BY_MONTH, columns, rows)


def _district(value: Any) -> str:
    return persian_digits(value) if value is not None else Reports.UNKNOWN
