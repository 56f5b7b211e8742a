"""The reports at HQ's scale: 1,100,000 applicants with their history (22 centers ×
50,000) and 1,000,000 sales (prints figures; asserts nothing).

    .venv/bin/python bench/reports.py [--applicants 1100000] [--sales 1000000]
        [--keep DIR] [--db URL] [--repeat 3] [--explain]

Builds the data in a temp file — or reuses DIR/reports-A-S.sqlite3 when --keep names a
folder that has it; with --db, in that database (a postgresql:// URL or a path),
reused when it holds them: the demo's people with their history (bench/search.py's
`prepare`: status steps, follow-ups, ideas, outcomes), a shop with 1,000,000 past sales
(bench/till.py's `prepare`), demo courses and every partner body given a commitment.
The rows are one center's; each report runs over all of them as HQ runs it over every
center (no center filter, the by-center breakdown included), for two periods: the
last Jalali year and the whole history. The time is the report's — every table of it,
as the page and the command line build it; best and median of --repeat runs.

The derived tables (services/reports/derived.py: the people's days, the monthly sales)
are rebuilt first and timed on their own, as the first report after a change of the
data pays them.

The plans: every statement a report runs is explained, and a full scan of a large
table (SQLite's «SCAN t» without an index, PostgreSQL's «Seq Scan») is printed with
its statement (a report reads the period's rows; a scan of a million is what makes one
slow). --explain prints every plan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peewee import SqliteDatabase

from bench.search import database_size
from desktop.models import Applicant, Course, Partner, Sale, db, writes
from desktop.models.db import close_database
from desktop.services.reports import KINDS
from desktop.services.reports.core import Scope
from desktop.services.reports.derived import invalidate
from desktop.text.jalali import from_jalali, jalali_parts

# Tables a report must not read whole: they grow with the city.
LARGE = (
    "applicant",
    "status_change",
    "follow_up",
    "idea",
    "outcome",
    "enrollment",
    "certificate",
    "sale",
    "sale_line",
    "return_line",
    "sale_return",
)
TARGET_S = 1.0


def prepare(target: Path | str, applicants: int, sales: int) -> None:
    search = importlib.import_module("bench.search")
    till = importlib.import_module("bench.till")
    search.prepare(target, applicants)
    close_database()
    till.prepare(target, 10_000, 200, sales)  # reuses the center; adds the shop's past
    if Course.select().count() == 0:
        from desktop.services.demo_courses import create_demo_courses
        from desktop.services.setup import admin_session

        create_demo_courses(admin_session())
    if Partner.select().where(Partner.employment_commitment > 0).count() == 0:
        with db.atomic(), writes.unlogged("bench data"):
            for number, partner in enumerate(Partner.select(), start=1):
                partner.employment_commitment = 5_000 * number
                partner.save()
    invalidate()  # the past was written unlogged
    if not isinstance(db.obj, SqliteDatabase):
        db.execute_sql("ANALYZE")
    print(
        f"data: {Applicant.select().count():,} applicants, {Sale.select().count():,} sales; "
        f"{database_size(target)}"
    )


def full_scans(action: Any) -> list[tuple[str, str]]:
    """(statement, plan line) of each full scan of a large table `action` ran: each
    statement explained just before it runs (the funnel's later ones read a temporary
    table its first one makes)."""
    database = db.obj
    on_sqlite = isinstance(database, SqliteDatabase)
    keyword = "EXPLAIN QUERY PLAN" if on_sqlite else "EXPLAIN"
    original = database.execute_sql
    found: list[tuple[str, str]] = []

    def explained(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        head = sql.lstrip().upper()
        if head.startswith(("SELECT", "WITH", "CREATE TEMPORARY TABLE")):
            query = sql.split(" AS ", 1)[1] if head.startswith("CREATE") else sql
            for row in original(f"{keyword} {query}", params).fetchall():
                line = str(row[-1])
                if _full_scan(line, on_sqlite):
                    found.append((sql, line.strip()))
        return original(sql, params, *args, **kwargs)

    database.execute_sql = explained
    try:
        action()
    finally:
        del database.execute_sql
    return found


def _full_scan(line: str, on_sqlite: bool) -> bool:
    words = line.split()
    if on_sqlite:
        scanned = len(words) > 1 and words[0] == "SCAN" and "INDEX" not in line
        table = words[1] if scanned else ""
    else:
        scanned = "Seq Scan on" in line
        table = line.split("Seq Scan on", 1)[1].split()[0] if scanned else ""
    return scanned and table.strip('"') in LARGE


def bench(repeat: int, show_plans: bool) -> None:
    package = importlib.import_module("desktop.services.reports")
    builders, reading = package._BUILDERS, package._reading  # as build_report runs them
    today = dt.date.today()
    year, _, _ = jalali_parts(today)
    first = Applicant.select(Applicant.registered_on).order_by(Applicant.registered_on).scalar()
    periods = {
        f"the year {year - 1}": (
            from_jalali(year - 1, 1, 1),
            from_jalali(year, 1, 1) - dt.timedelta(1),
        ),
        "the whole history": (min(first, today - dt.timedelta(3650)), today),
    }
    from desktop.models import Setting
    from desktop.services.reports.derived import (
        SALES_KEY,
        VERSION_KEY,
        fresh_people,
        fresh_sales,
    )

    for key, rebuild, what in (
        (VERSION_KEY, fresh_people, "the people's table"),
        (SALES_KEY, fresh_sales, "the monthly sales summaries"),
    ):
        with db.atomic():
            Setting.write(key, "")  # as after an import: stale
        started = time.perf_counter()
        rebuild()
        print(f"  {what} rebuilt (after a change): {time.perf_counter() - started:.1f} s")
    for label, (start, end) in periods.items():
        print(f"  {label} ({start} … {end}):")
        scope = Scope(start, end, None, None)
        for kind in KINDS:

            def build(kind: str = kind, scope: Scope = scope) -> Any:
                with reading():
                    return builders[kind](scope, hq=True, today=today)

            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                report = build()
                times.append(time.perf_counter() - started)
            best, median = min(times), statistics.median(times)
            rows = sum(len(table.rows) for table in report.tables)
            verdict = "" if best < TARGET_S else f"  (MISSES the {TARGET_S:.0f} s)"
            print(
                f"    {kind:<12} best {best:.3f} s, median {median:.3f} s "
                f"({len(report.tables)} tables, {rows} rows){verdict}"
            )
            scans = full_scans(build)
            for sql, line in scans if (scans or show_plans) else ():
                print(f"      full scan: {line}\n        in: {' '.join(sql.split())[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=1_100_000)
    parser.add_argument("--sales", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR")
    parser.add_argument("--db", default=None, metavar="URL")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if args.db:
        target: Path | str = args.db if "://" in args.db else Path(args.db)
    else:
        folder = args.keep or Path(tempfile.mkdtemp(prefix="tavana-reports-"))
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"reports-{args.applicants}-{args.sales}.sqlite3"
    print(f"== reports over {args.applicants:,} applicants and {args.sales:,} sales ==")
    prepare(target, args.applicants, args.sales)
    bench(args.repeat, args.explain)
    close_database()


if __name__ == "__main__":
    main()
