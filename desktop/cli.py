"""Command line for admins, IT staff and HQ: `python -m desktop …` (or `tavana …`).

With no arguments it opens the desktop app. Every subcommand calls the same services
as the GUI. Messages are English (for scripts and logs); exit 0 on success, non-zero
with a one-line reason on stderr otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop import __version__
from desktop.config import default_database
from desktop.errors import UserError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FAILED = 1

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desktop",
        description="Tavana: desktop system for municipal social service centers. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"tavana {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    app = commands.add_parser("app", help="open the desktop app (the default)")
    add_db(app)
    app.set_defaults(handler=_cmd_app)

    init = commands.add_parser("init", help="set up a new center database non-interactively")
    add_db(init)
    init.add_argument("--center-code", required=True, help="e.g. TEH05 (2-10 A-Z/0-9)")
    init.add_argument("--center-name", required=True)
    init.add_argument("--city", default="")
    init.add_argument("--admin", required=True, help="user name of the first administrator")
    init.add_argument(
        "--admin-name",
        default=None,
        help="the administrator's full name, also printed as the center manager's on "
        "certificates (without it: missing until `settings set` fills it)",
    )
    init.add_argument(
        "--password-file",
        required=True,
        type=Path,
        help="file whose first line is the password ('-' for stdin)",
    )
    init.set_defaults(handler=_cmd_init)

    users = commands.add_parser("users", help="manage users").add_subparsers(
        dest="users_command", metavar="ACTION", required=True
    )
    add = users.add_parser("add", help="add a user")
    add_db(add)
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="the user's full name (not a user name)")
    add.add_argument("--role", required=True, choices=["admin", "clerk", "trainer", "shop"])
    add.add_argument("--password-file", required=True, type=Path)
    add.set_defaults(handler=_cmd_users_add)
    listing = users.add_parser("list", help="list users")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_users_list)

    import importlib

    from desktop.commands import FEATURE_MODULES

    for module_name in FEATURE_MODULES:
        importlib.import_module(module_name).register(commands, add_db)
    return parser


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=None, help="SQLite file or database URL (default: the user data directory)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help", "--version")):
        words.insert(0, "app")  # `python -m desktop [--db PATH]` opens the app
    args = build_parser().parse_args(words)
    handler: Handler = getattr(args, "handler", _cmd_app)
    try:
        return handler(args)
    except UserError as error:
        print(f"error: {_english(error)}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED


ENGLISH = {
    "not_initialised": "the database is not set up yet (run `init` first)",
    "already_initialised": "the database is already set up",
    "forbidden": "permission denied",
    "not_found": "not found",
}


def _english(error: UserError) -> str:
    """One line for scripts: English first, the Persian message a person would see after."""
    fields = getattr(error, "errors", None)
    if fields:
        return "invalid " + "; ".join(f"{name} ({message})" for name, message in fields.items())
    return f"{ENGLISH.get(error.code, error.code)} ({error.message})"


def open_db(args: argparse.Namespace) -> str:
    from desktop.models.db import open_database

    target = args.db or default_database()
    open_database(target)
    return target


def read_password(path: Path) -> str:
    text = sys.stdin.readline() if str(path) == "-" else path.read_text(encoding="utf-8")
    return text.splitlines()[0] if text.strip() else ""


def _cmd_app(args: argparse.Namespace) -> int:
    from desktop.app import run_app

    return run_app(getattr(args, "db", None))


def _cmd_init(args: argparse.Namespace) -> int:
    from desktop.services.setup import initialise_center

    target = open_db(args)
    info = initialise_center(
        center_code=args.center_code,
        center_name=args.center_name,
        city=args.city,
        admin_username=args.admin,
        admin_display_name=args.admin_name or "",  # a user name is never a person's name
        password=read_password(args.password_file),
        admin_name_required=False,
    )
    print(f"initialised center {info.code} ({info.name}) in {target}")
    if not args.admin_name:
        print(
            "note: no --admin-name: certificates are not issued until "
            f"`settings set --db {target} certificate_manager_name NAME` gives the manager's name"
        )
    return EXIT_OK


def _cmd_users_add(args: argparse.Namespace) -> int:
    from desktop.services.setup import admin_session
    from desktop.services.users import add_user

    open_db(args)
    user = add_user(
        admin_session(),
        username=args.username,
        display_name=args.name,
        role=args.role,
        password=read_password(args.password_file),
    )
    print(f"added user {user.username} ({user.role.value})")
    return EXIT_OK


def _cmd_users_list(args: argparse.Namespace) -> int:
    from desktop.services.setup import admin_session
    from desktop.services.users import list_users

    open_db(args)
    for user in list_users(admin_session()):
        if args.json:
            print(
                json.dumps(
                    {
                        "id": user.id,
                        "username": user.username,
                        "display_name": user.display_name,
                        "role": user.role.value,
                        "active": user.active,
                        "last_login_at": user.last_login_at.isoformat()
                        if user.last_login_at
                        else None,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            state = "active" if user.active else "inactive"
            print(f"{user.username}\t{user.role.value}\t{state}\t{user.display_name}")
    return EXIT_OK
