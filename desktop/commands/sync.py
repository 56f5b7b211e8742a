"""`python -m desktop sync export|status|ack-import`: a center's sync files to HQ.

- export: a sync file of every change since the last one, into --out DIR; prints the
  file's path, or a line starting `nothing to export` (exit 0, no file written).
  `--since N` sends again the changes after N (what HQ's acknowledgement says it lacks).
- status: center_code, last_exported_seq, last_acknowledged_seq, pending_changes,
  last_ack_at (--json: one object).
- ack-import: read HQ's acknowledgement file. A center restored behind what it had
  sent HQ (its exports refused, code `rewound`) is resolved by an acknowledgement HQ
  wrote `--with-rows`: its own rows come back and it goes on after HQ's numbers.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("sync", help="sync files to headquarters").add_subparsers(
        dest="sync_command", metavar="ACTION", required=True
    )
    export = group.add_parser("export", help="write a sync file of the changes not sent yet")
    add_db(export)
    export.add_argument("--out", required=True, type=Path, metavar="DIR")
    export.add_argument(
        "--since", type=int, default=None, metavar="N",
        help="send again every change after number N (what HQ says it lacks)",
    )  # fmt: skip
    export.set_defaults(handler=_cmd_export)
    status = group.add_parser("status", help="what was sent and what HQ confirmed")
    add_db(status)
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=_cmd_status)
    ack = group.add_parser("ack-import", help="read HQ's acknowledgement file")
    add_db(ack)
    ack.add_argument("file", type=Path, metavar="FILE")
    ack.set_defaults(handler=_cmd_ack_import)


def _session(args: argparse.Namespace) -> Any:
    from desktop.cli import open_db
    from desktop.services.setup import admin_session

    open_db(args)
    return admin_session()


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop.services.center_sync import export_changes

    exported = export_changes(_session(args), args.out, since=args.since)
    if exported is None:
        print("nothing to export: every change was written to a sync file already")
        return EXIT_OK
    print(exported.path)
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from desktop.services.center_sync import sync_status

    status = sync_status(_session(args))
    fields = {
        "center_code": status.center_code,
        "last_exported_seq": status.last_exported_seq,
        "last_acknowledged_seq": status.last_acknowledged_seq,
        "pending_changes": status.pending_changes,
        "last_ack_at": status.last_ack_at.isoformat() if status.last_ack_at else None,
    }
    if args.json:
        print(json.dumps(fields, ensure_ascii=False))
    else:
        for name, value in fields.items():
            print(f"{name}: {'' if value is None else value}")
        if status.hq_lacks is not None:
            first, last = status.hq_lacks
            print(f"HQ lacks changes {first}-{last}: run `sync export --since {first - 1}`")
    return EXIT_OK


def _cmd_ack_import(args: argparse.Namespace) -> int:
    from desktop.services.center_sync import import_ack

    read = import_ack(_session(args), args.file)
    print(
        f"acknowledgement read: HQ holds changes up to {read.last_sequence}; "
        f"{read.centers} centers' keys, {read.revoked} revoked certificates, "
        f"{read.notices} new notices"
    )
    if read.resumed is not None:
        first, last = read.resumed.given_up
        print(
            f"restored behind HQ, now resolved: {read.resumed.taken_back} rows taken back "
            f"from HQ; numbers {first}-{last} are HQ's; {read.resumed.renumbered} changes "
            f"made since the restore renumbered; the next change is {read.resumed.next_seq}"
        )
    return EXIT_OK
