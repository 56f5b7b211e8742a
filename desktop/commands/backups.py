"""`python -m desktop backup|restore`: a center's SQLite database backed up and restored.

- backup --out DIR: a checked backup of the database into DIR; prints its path.
- restore FILE [--yes]: prints what the backup holds (center, when, applicants, the
  change log's last number), asks before it goes on unless --yes (without a terminal
  to ask on, --yes is required), backs the database up first (into `backups/` beside
  it) and puts the backup in its place; prints the safety copy's path. A backup behind
  what the database had sent to HQ says so: the center cannot export until resolved.

PostgreSQL databases are backed up with pg_dump (README «Backups»): both commands say so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.errors import UserError

EXIT_OK = 0


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    backup = commands.add_parser("backup", help="write a checked backup of the database")
    add_db(backup)
    backup.add_argument("--out", required=True, type=Path, metavar="DIR")
    backup.set_defaults(handler=_cmd_backup)
    restore = commands.add_parser(
        "restore", help="put a backup in place of the database (backed up first)"
    )
    add_db(restore)
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask before restoring")
    restore.set_defaults(handler=_cmd_restore)


def _session(args: argparse.Namespace) -> Any:
    from desktop.cli import open_db
    from desktop.services.setup import admin_session

    open_db(args)
    return admin_session()


def _cmd_backup(args: argparse.Namespace) -> int:
    from desktop.services import backups

    info = backups.back_up_now(_session(args), args.out)
    print(info.path)
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from desktop.services import backups

    session = _session(args)
    info = backups.inspect(args.file)
    print(
        f"backup of {info.center_code or '(no center)'}, taken {info.taken_at:%Y-%m-%d %H:%M}: "
        f"{info.applicants} applicants, change log up to {info.last_seq}, "
        f"exported up to {info.last_exported}, schema {info.schema_version}"
    )
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("--yes", code="restore_unconfirmed")
        answer = input("replace the database with this backup? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("not restored")
            return EXIT_OK
    restored = backups.restore(session, args.file)
    print(f"restored: {info.path} (the database as it was: {restored.safety.path})")
    if restored.rewound is not None:
        back, held = restored.rewound
        print(
            f"warning: the backup ends at change {back} but {held} were sent to HQ; "
            "nothing can be saved or exported until HQ's acknowledgement with this "
            "center's rows (`hq ack --with-rows`) is read with `sync ack-import`",
            file=sys.stderr,
        )
    return EXIT_OK
