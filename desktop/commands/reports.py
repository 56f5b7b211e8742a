"""`python -m desktop report` and `commitments`: the programme's reports, on a center's
database or HQ's, and the partner bodies' yearly employment commitments they count
against.

    report --db PATH_OR_URL --kind funnel|commitments|ideas|courses|sales
           --from DATE --to DATE [--district N] [--center CODE] [--json]
           [--out FILE.xlsx|FILE.pdf] [--by TABLE]

Dates are Jalali (1405/01/01) or ISO (2026-03-21). Without --json, the report's table
as tab-separated lines under a header of its field names; with --json, one object per
line: a row of the table with its dimensions and figures (README: the fields of each
kind). --by names another of the report's tables (by_district, by_gender, …; the
README lists them). --out writes the whole report, every table, to a spreadsheet or a
PDF and prints its path.

    commitments set --db PATH_OR_URL --partner NAME --year YEAR --jobs N
    commitments list --db PATH_OR_URL [--year YEAR] [--json]

At a center `set` enters what the body promised this center for the year; at HQ it
sets the body's city-wide figure, which every acknowledgement sends down.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.errors import UserError

EXIT_OK = 0
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
KINDS = ("funnel", "commitments", "ideas", "courses", "sales")


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    report = commands.add_parser("report", help="the programme's reports")
    add_db(report)
    report.add_argument("--kind", required=True, choices=KINDS)
    report.add_argument("--from", dest="start", required=True, metavar="DATE")
    report.add_argument("--to", dest="end", required=True, metavar="DATE")
    report.add_argument("--district", type=int, default=None, metavar="N")
    report.add_argument("--center", default=None, metavar="CODE", help="HQ: one center's")
    report.add_argument("--json", action="store_true", help="one JSON object per line")
    report.add_argument("--out", type=Path, default=None, metavar="FILE.xlsx|FILE.pdf")
    report.add_argument(
        "--by", default=None, metavar="TABLE", help="another of the report's tables"
    )
    report.set_defaults(handler=_cmd_report)

    group = commands.add_parser(
        "commitments", help="partner bodies' yearly employment commitments"
    ).add_subparsers(dest="commitments_command", metavar="ACTION", required=True)
    setting = group.add_parser(
        "set", help="a body's commitment: this center's for a year (at HQ: the city's)"
    )
    add_db(setting)
    setting.add_argument("--partner", required=True, help="the body's name, short name or id")
    setting.add_argument("--year", required=True, help="Jalali, e.g. 1405")
    setting.add_argument("--jobs", required=True)
    setting.set_defaults(handler=_cmd_commitments_set)
    listing = group.add_parser("list", help="every body's commitments for a year")
    add_db(listing)
    listing.add_argument("--year", type=int, default=None, help="Jalali (default: this year)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_commitments_list)


def parse_day(text: str) -> dt.date:
    """A day typed as Jalali (1405/01/01, Persian digits too) or ISO (2026-03-21): a
    year below 1700 is Jalali."""
    from desktop.text.jalali import from_jalali
    from desktop.text.normalize import normalize_digits

    match = _DATE.fullmatch(normalize_digits(text).strip())
    if match is not None:
        year, month, day = (int(part) for part in match.groups())
        try:
            return from_jalali(year, month, day) if year < 1700 else dt.date(year, month, day)
        except ValueError:
            pass
    from desktop.strings.reports import Reports

    raise UserError(Reports.DATE_INVALID.format(text=text), code="invalid_date")


def _cmd_report(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services.reports import build_report
    from desktop.services.setup import admin_session

    start, end = parse_day(args.start), parse_day(args.end)
    open_db(args)
    session = admin_session()
    report = build_report(
        session, args.kind, start, end, district=args.district, center=args.center
    )
    table = report.table(args.by)
    if args.out is not None:
        from desktop.services.report_files import write_report

        print(write_report(report, args.out, center_name=session.center_name))
        return EXIT_OK
    if args.json:
        for row in table.json_rows():
            print(json.dumps(row, ensure_ascii=False, default=_plain))
        return EXIT_OK
    rows = list(table.json_rows())
    names = list(rows[0]) if rows else [column.key for column in table.columns]
    print("\t".join(names))
    for row in rows:
        print("\t".join("" if row.get(name) is None else str(row[name]) for name in names))
    return EXIT_OK


def _cmd_commitments_set(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services.commitments import partner_by_name, set_commitment
    from desktop.services.setup import admin_session

    open_db(args)
    row = set_commitment(admin_session(), partner_by_name(args.partner), args.year, args.jobs)
    print(f"{row.partner}: {row.jobs} jobs")
    return EXIT_OK


def _cmd_commitments_list(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services.commitments import commitments
    from desktop.services.setup import admin_session
    from desktop.text.jalali import jalali_parts

    open_db(args)
    year = args.year or jalali_parts(dt.date.today())[0]
    for row in commitments(admin_session(), year):
        fields = {
            "partner": row.partner,
            "partner_id": row.partner_id,
            "year": year,
            "hq_jobs": row.hq_jobs,
            "center_jobs": row.center_jobs,
            "jobs": row.jobs,
        }
        if args.json:
            print(json.dumps(fields, ensure_ascii=False))
        else:
            print("\t".join("" if v is None else str(v) for v in fields.values()))
    return EXIT_OK


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
