"""`python -m desktop audit verify`: whether the audit trail's hash chains are whole.

Prints `whole: N changes, M audit entries` and exits 0; or `broken: TABLE [CENTER]
entry K: edited|missing` — the first entry whose hash does not hold, or the first
number missing from a center's change log — and exits 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_BROKEN = 0, 1


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    verify = group.add_parser("verify", help="check the audit trail's hash chains")
    add_db(verify)
    verify.set_defaults(handler=_cmd_verify)


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
