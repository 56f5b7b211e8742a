"""`python -m desktop hq …`: headquarters, on its own database (PostgreSQL for a real HQ,
an SQLite file for a trial).

- init: HQ's database, its administrator (hq_admin) and its keys.
- provision: a center's provisioning file (its code, name, city; HQ's keys; reference data).
- import FILE...: centers' sync files; one line per file — `imported: FILE: N changes`,
  `already imported: FILE` or `refused: FILE: reason`; exit 0 when none was refused.
- ack: a center's acknowledgement file, into --out DIR (`--with-rows`: with every row
  HQ holds of the center, for a center restored behind what it sent).
- centers: code, name, last_sequence, files, last_import_at, applicants.
- search: the registry's search over every center (the fields of `applicants search
  --json` and center_code).
- duplicates: national codes registered at more than one center (national_code,
  centers, status).
- approve: accept the signing key a center's first file brought, by its fingerprint.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("hq", help="headquarters: merge every center").add_subparsers(
        dest="hq_command", metavar="ACTION", required=True
    )
    init = group.add_parser("init", help="set up headquarters' database")
    add_db(init)
    init.add_argument("--name", required=True, help="HQ's name, as centers see it")
    init.add_argument("--city", default="")
    init.add_argument("--admin", required=True, help="user name of HQ's first administrator")
    init.add_argument("--admin-name", default=None, help="the administrator's full name")
    init.add_argument("--password-file", required=True, type=Path)
    init.set_defaults(handler=_cmd_init)

    provision = group.add_parser("provision", help="write a new center's provisioning file")
    add_db(provision)
    provision.add_argument("--center-code", required=True)
    provision.add_argument("--center-name", required=True)
    provision.add_argument("--city", default="")
    provision.add_argument("--out", required=True, type=Path, metavar="FILE")
    provision.set_defaults(handler=_cmd_provision)

    imports = group.add_parser("import", help="import centers' sync files")
    add_db(imports)
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imports.add_argument("--json", action="store_true", help="one JSON object per file")
    imports.set_defaults(handler=_cmd_import)

    ack = group.add_parser("ack", help="write a center's acknowledgement file")
    add_db(ack)
    ack.add_argument("--center", required=True, metavar="CODE")
    ack.add_argument("--out", required=True, type=Path, metavar="DIR")
    ack.add_argument(
        "--with-rows", action="store_true",
        help="with every row HQ holds of the center (for a center restored behind HQ)",
    )  # fmt: skip
    ack.set_defaults(handler=_cmd_ack)

    centers = group.add_parser("centers", help="the centers and what HQ holds from each")
    add_db(centers)
    centers.add_argument("--json", action="store_true", help="one JSON object per line")
    centers.set_defaults(handler=_cmd_centers)

    search = group.add_parser("search", help="search every center's applicants")
    add_db(search)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="one JSON object per line")
    search.add_argument("--limit", type=int, default=50)
    search.set_defaults(handler=_cmd_search)

    duplicates = group.add_parser("duplicates", help="national codes at more than one center")
    add_db(duplicates)
    duplicates.add_argument("--json", action="store_true", help="one JSON object per line")
    duplicates.set_defaults(handler=_cmd_duplicates)

    approve = group.add_parser("approve", help="accept a center's signing key")
    add_db(approve)
    approve.add_argument("--center", required=True, metavar="CODE")
    approve.add_argument("--fingerprint", required=True, help="as the center reads it out")
    approve.set_defaults(handler=_cmd_approve)


def _session(args: argparse.Namespace) -> Any:
    from desktop.cli import open_db
    from desktop.services.setup import admin_session

    open_db(args)
    return admin_session()


def _cmd_init(args: argparse.Namespace) -> int:
    from desktop.cli import check_setup_args, default_database, open_db, read_password
    from desktop.models.opening import removed_if_unfinished
    from desktop.models.reference_data import HQ_CENTER_CODE
    from desktop.services.hq.setup import initialise_hq

    password = read_password(args.password_file)
    check_setup_args(args, password, HQ_CENTER_CODE, args.name, args.city)
    with removed_if_unfinished(args.db or default_database()):
        target = open_db(args, may_create=True)
        info = initialise_hq(
            name=args.name,
            city=args.city,
            admin_username=args.admin,
            admin_display_name=args.admin_name or "",
            password=password,
            admin_name_required=False,
        )
    print(f"initialised headquarters ({info.name}) in {target}")
    return EXIT_OK


def _cmd_provision(args: argparse.Namespace) -> int:
    from desktop.services.center_sync import SUFFIX
    from desktop.services.hq.setup import provision

    target = args.out if args.out.suffix == SUFFIX else args.out.with_name(args.out.name + SUFFIX)
    if args.out.is_dir():
        target = args.out
    path = provision(_session(args), args.center_code, args.center_name, args.city, target)
    print(path)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop.services.hq.imports import REFUSED, import_files

    outcomes = import_files(_session(args), args.files)
    for outcome in outcomes:
        if args.json:
            print(
                json.dumps(
                    {
                        "file": outcome.file,
                        "status": outcome.status,
                        "center_code": outcome.center_code,
                        "changes": outcome.changes,
                        "seq_from": outcome.seq_from,
                        "seq_to": outcome.seq_to,
                        "reason": outcome.reason,
                        "detail": outcome.detail,
                        "report": {k: v.summary() for k, v in outcome.report.items()},
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(outcome.line)
    return EXIT_FAILED if any(o.status == REFUSED for o in outcomes) else EXIT_OK


def _cmd_ack(args: argparse.Namespace) -> int:
    from desktop.services.hq.acks import write_ack

    print(write_ack(_session(args), args.center, args.out, with_rows=args.with_rows))
    return EXIT_OK


def _cmd_centers(args: argparse.Namespace) -> int:
    from desktop.services.hq.centers import list_centers

    for row in list_centers(_session(args)):
        fields = {
            "code": row.code,
            "name": row.name,
            "last_sequence": row.last_sequence,
            "files": row.files,
            "last_import_at": row.last_import_at.isoformat() if row.last_import_at else None,
            "applicants": row.applicants,
            "approved": row.approved,
            "fingerprint": row.fingerprint,
        }
        if args.json:
            print(json.dumps(fields, ensure_ascii=False))
        else:
            print("\t".join("" if v is None else str(v) for v in fields.values()))
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from desktop.services.hq.search import search_all

    for row in search_all(_session(args), args.query, limit=args.limit):
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print("\t".join("" if v is None else str(v) for v in row.values()))
    return EXIT_OK


def _cmd_duplicates(args: argparse.Namespace) -> int:
    from desktop.services.hq.duplicates import list_duplicates

    for row in list_duplicates(_session(args)):
        fields = {"national_code": row.national_code, "centers": row.centers, "status": row.status}
        if args.json:
            print(json.dumps({**fields, "names": row.names}, ensure_ascii=False))
        else:
            print(f"{row.national_code}\t{','.join(row.centers)}\t{row.status}")
    return EXIT_OK


def _cmd_approve(args: argparse.Namespace) -> int:
    from desktop.services.hq.imports import approve

    center = approve(_session(args), args.center, args.fingerprint)
    print(f"approved the signing key of {center.code}; import its files again")
    return EXIT_OK
