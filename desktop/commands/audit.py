"""`python -m desktop audit verify|list|export`: the audit trail on the command line.

- verify: whether the hash chains are whole. Prints `whole: N changes, M audit entries`
  and exits 0; or `broken: TABLE [CENTER] entry K: edited|missing` — the first entry
  whose hash does not hold, or the first number missing from a center's change log —
  and exits 1.
- list [filters] [--limit N] [--json]: the newest N entries (50 unless told), newest
  first, one a line: Jalali local time, user, kind, table, action, record id, summary,
  tab-separated ("-" for none); with --json one JSON object a line (keys: at, at_utc,
  user, kind, entity, row_id, action, summary, center, number). More entries than N:
  a note on stderr.
- export --out FILE.xlsx|FILE.csv [filters]: every entry the filters match; prints how
  many and the file. The export is itself an entry of the trail.

Filters: --from/--to DATE (Jalali 1405/09/14 or ISO 2026-12-05, both days included),
--user NAME (as stored), --kind change|read|login|admin, --entity TABLE (applicant,
certificate…: its changes and the events about it), --text TEXT (a national code, file
number, serial or user name; or words of an event's detail).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_BROKEN = 0, 1
KINDS = ("change", "read", "login", "admin")  # services/audit_trail.py KINDS


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    verify = group.add_parser("verify", help="check the audit trail's hash chains")
    add_db(verify)
    verify.set_defaults(handler=_cmd_verify)

    listing = group.add_parser("list", help="the newest entries of the trail, newest first")
    add_db(listing)
    _add_filters(listing)
    listing.add_argument("--limit", type=_positive, default=50, metavar="N", help="default 50")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_list)

    export = group.add_parser("export", help="write the trail (filtered) to .xlsx or .csv")
    add_db(export)
    export.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx|FILE.csv")
    _add_filters(export)
    export.set_defaults(handler=_cmd_export)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="DATE", help="Jalali or ISO, included")
    parser.add_argument("--to", dest="end", metavar="DATE", help="Jalali or ISO, included")
    parser.add_argument("--user", default="", metavar="NAME", help="a user name, as stored")
    parser.add_argument("--kind", default="", choices=KINDS)
    parser.add_argument("--entity", default="", metavar="TABLE", help="e.g. applicant")
    parser.add_argument(
        "--text", default="", help="a national code, file number, serial or user name"
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"a whole number above 0, not {text!r}")
    return value


def _cmd_verify(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services.audit_trail import verify
    from desktop.services.setup import admin_session

    open_db(args)
    verdict = verify(admin_session())
    if verdict.broken is not None:
        print(f"broken: {verdict.broken.line()}")
        return EXIT_BROKEN
    print(f"whole: {verdict.changes} changes, {verdict.events} audit entries")
    return EXIT_OK


def _filters(args: argparse.Namespace) -> Any:
    """The filters given, checked before the database is opened."""
    from desktop.commands.reports import parse_day
    from desktop.errors import UserError
    from desktop.services.audit_trail import ENTITIES, parse_filter
    from desktop.strings.audit import AuditMessages

    start = parse_day(args.start) if args.start else None
    end = parse_day(args.end) if args.end else None
    if start is not None and end is not None and end < start:
        raise UserError(AuditMessages.RANGE_REVERSED, code="period_reversed")
    entity = args.entity.strip().lower()
    if entity and entity not in ENTITIES:
        from desktop.cli import CommandFailed

        raise CommandFailed(f"--entity: no table {args.entity!r} (one of {', '.join(ENTITIES)})")
    return parse_filter(
        start=start, end=end, user=args.user, kind=args.kind, entity=entity, text=args.text
    )


def _session(args: argparse.Namespace) -> Any:
    from desktop.cli import open_db
    from desktop.services.setup import admin_session

    open_db(args)
    return admin_session()


def _cmd_list(args: argparse.Namespace) -> int:
    from desktop.services.audit_trail import MOST, listing

    filters = _filters(args)
    session = _session(args)
    left, after, more = args.limit, None, False
    while left > 0:
        page = listing(session, filters, after=after, limit=min(left, MOST))
        for entry in page.entries:
            print(_json(entry) if args.json else _line(entry))
        left -= len(page.entries)
        after = page.after
        if after is None:
            break
        more = left <= 0
    if more and not args.json:
        print(f"(more entries than --limit {args.limit})", file=sys.stderr)
    return EXIT_OK


def _line(entry: Any) -> str:
    from desktop.services.audit_trail import jalali_time

    cells = (
        jalali_time(entry.at), entry.username, entry.kind, entry.entity, entry.action,
        entry.row_id, " ".join(entry.summary.split()),
    )  # fmt: skip
    return "\t".join(cell or "-" for cell in cells)


def _json(entry: Any) -> str:
    from desktop.services.audit_trail import jalali_time

    return json.dumps(
        {
            "at": jalali_time(entry.at),
            "at_utc": entry.at.isoformat(),
            "user": entry.username,
            "kind": entry.kind,
            "entity": entry.entity,
            "row_id": entry.row_id,
            "action": entry.action,
            "summary": entry.summary,
            "center": entry.center_code,
            "number": entry.number,
        },
        ensure_ascii=False,
    )


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop.cli import CommandFailed
    from desktop.services.audit_trail import EXPORT_SUFFIXES, export

    if args.out.suffix.lower() not in EXPORT_SUFFIXES:
        raise CommandFailed("write the export to a .xlsx or .csv file")
    filters = _filters(args)
    count = export(_session(args), filters, args.out)
    print(f"{count} entries: {args.out}")
    return EXIT_OK
