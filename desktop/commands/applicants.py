"""`python -m desktop applicants import|export|search`: the registry for IT staff scripts.

The commands act as the center's administrator and call the same services as the GUI
(desktop/services/applicant_io.py, applicant_search.py). Messages are English, one line;
the per-row reasons of an import are the Persian messages a clerk would see.

- import: exit 0 whenever the file was read, even if rows were rejected (the summary
  line and --report say which), and even if it lacks a required column (then every row
  is rejected with that reason, and stderr says which columns); 1 if the file cannot
  be read.
- export: .xlsx (for people) or .csv (the import contract, re-importable).
- search: the search box of the app; --json gives one object per line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.models.applicant import Category, Status

EXIT_OK = 0
EXIT_FAILED = 1
SHOWN_REJECTIONS = 10

# English for the reasons a file cannot be read (UnreadableFile.reason).
UNREADABLE = {
    "missing": "no such file, or it cannot be opened",
    "format": "only .csv and .xlsx files can be imported (save .xls files as .xlsx)",
    "encoding": "the text is not UTF-8 (in Excel, save it as 'CSV UTF-8')",
    "corrupt": "the file is damaged or is not what its extension says",
    "empty": "the file is empty",
    "no_header": "the first row must hold the column names but is empty",
    "too_big": "the file is too big: at most {limit} MB (unpacked, for .xlsx)",
    "too_many_rows": "more than {limit} rows: import at most {limit} at a time",
    "too_many_columns": "more than {limit} columns",
    "cell_too_long": "a cell in row {row} holds more than {limit} characters",
}


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser(
        "applicants", help="import, export and search applicants"
    ).add_subparsers(dest="applicants_command", metavar="ACTION", required=True)

    imports = group.add_parser(
        "import",
        help="import applicants from a CSV or XLSX file",
        description="Columns (header names, any order): national_code, first_name, "
        "last_name, father_name, gender, birth_date, mobile, district, categories; "
        "optional phone, address, education_level, education_field, marital_status, "
        "skills, notes. Accepted rows are created together, or none are.",
    )
    add_db(imports)
    add_sheet_arguments(imports)
    imports.set_defaults(handler=_cmd_import)

    exports = group.add_parser("export", help="export applicants to .xlsx or .csv")
    add_db(exports)
    exports.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx|FILE.csv")
    _add_filters(exports)
    exports.set_defaults(handler=_cmd_export)

    search = group.add_parser("search", help="find applicants by name, national code or mobile")
    add_db(search)
    search.add_argument("query", metavar="QUERY", help="as typed in the app's search box")
    search.add_argument("--json", action="store_true", help="one JSON object per line")
    search.add_argument(
        "--limit", type=_positive, default=50, help="at most this many results (default 50)"
    )
    _add_filters(search, with_query=False)
    search.set_defaults(handler=_cmd_search)


def add_sheet_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE, --dry-run and --report: every import of a sheet takes them alike."""
    parser.add_argument("file", type=Path, metavar="FILE", help=".csv or .xlsx")
    parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    parser.add_argument(
        "--report",
        type=Path,
        metavar="OUT.csv",
        help="write row,status,field,message: a line per row (per problem of a rejected one)",
    )


def _add_filters(parser: argparse.ArgumentParser, *, with_query: bool = True) -> None:
    if with_query:
        parser.add_argument("--query", default="", help="only applicants this search finds")
    parser.add_argument("--district", type=int, default=None)
    parser.add_argument("--category", choices=[c.value for c in Category], default=None)
    parser.add_argument("--status", choices=[s.value for s in Status], default=None)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _search(args: argparse.Namespace, query: str) -> Any:
    from desktop.services.applicant_search import ApplicantSearch, Filters
    from desktop.services.setup import admin_session

    session = admin_session()
    filters = Filters(
        category=Category(args.category) if args.category else None,
        district=args.district,
        status=Status(args.status) if args.status else None,
    )
    return session, ApplicantSearch(session, query, filters)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_FAILED


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services import applicant_io
    from desktop.services.setup import admin_session

    open_db(args)
    session = admin_session()
    try:
        table = applicant_io.read_table(args.file)
    except applicant_io.UnreadableFile as error:
        return cannot_read(args.file, error)
    mapping = applicant_io.guess_mapping(table.headers)
    try:
        summary = applicant_io.import_rows(session, table, mapping, dry_run=args.dry_run)
    except applicant_io.MissingColumns as error:
        print(f"{args.file} lacks required columns: {', '.join(error.columns)}", file=sys.stderr)
        summary = applicant_io.rejected_for_missing_columns(table, error)
    except UserError as error:
        if error.code != "conflict":
            raise
        return _fail("applicants were registered meanwhile; nothing imported, run it again")
    counts = report_rows(summary, args.report)
    print(f"dry run: {counts}" if args.dry_run else f"{counts}; created {summary.created}")
    return EXIT_OK


def report_rows(summary: Any, report: Path | None) -> str:
    """Write the report to `report`, or else the first rejected rows to stderr; the
    counts for the summary line ("3 rows: 2 ok, 1 rejected"). For every import of a
    sheet (applicants, a partner body's results)."""
    from desktop.services import applicant_io

    if report:
        applicant_io.write_report(summary.results, report)
    else:
        rejected = [result for result in summary.results if result.status != applicant_io.OK]
        for result in rejected[:SHOWN_REJECTIONS]:
            print(f"row {result.row}: {result.field or '-'}: {result.message}", file=sys.stderr)
        if len(rejected) > SHOWN_REJECTIONS:
            more = len(rejected) - SHOWN_REJECTIONS
            print(f"... and {more} more (--report FILE lists them all)", file=sys.stderr)
    return f"{plural(summary.rows, 'row')}: {summary.accepted} ok, {summary.rejected} rejected"


def cannot_read(path: Path, error: Any) -> int:
    """The line for a sheet that cannot be read (UnreadableFile), and the exit code."""
    reason = UNREADABLE.get(error.reason, error.reason).format(**error.detail)
    return _fail(f"cannot read {path}: {reason}")


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services import applicant_io

    if args.out.suffix.lower() not in (".xlsx", ".csv"):
        return _fail("--out must end in .xlsx or .csv")
    open_db(args)
    session, search = _search(args, args.query)
    count = applicant_io.export(session, search, args.out)
    print(f"exported {plural(count, 'applicant')} to {args.out}")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from desktop.cli import open_db

    open_db(args)
    _, search = _search(args, args.query)
    for row in search.rows(args.limit):
        if args.json:
            print(
                json.dumps(
                    row.fields(),
                    ensure_ascii=False,
                )
            )
        else:
            district = "" if row.district is None else str(row.district)
            print(
                "\t".join(
                    (
                        row.file_number,
                        row.national_code,
                        row.first_name,
                        row.last_name,
                        row.father_name,
                        row.mobile,
                        district,
                        row.status,
                    )
                )
            )
    return EXIT_OK
