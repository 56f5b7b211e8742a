"""Command line for admins, IT staff and HQ: `python -m desktop …` (or `tavana …`).

With no arguments it opens the desktop app. Every subcommand calls the same services
as the GUI. Messages are English (for scripts and logs); exit 0 on success, non-zero
with a one-line reason on stderr otherwise — whatever went wrong, even a bug (whose
traceback goes to the log file instead). Output read by a program that stops reading
(`… | head`) ends the command quietly with 141, as SIGPIPE ends a Unix tool (argparse's
own --help and --version ignore a closed pipe and end with 0).

Start-up makes what the process writes private (umask 077: files 0600, folders 0700)
and tightens the app's own folders (desktop/config.py). Only `init`, `demo` and the app
(its first-run set-up) create a database; every other command on a path with no
database says so (`open_db`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop import __version__
from desktop.config import default_database, private_umask, tighten_app_dirs
from desktop.errors import UserError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
# 128 + SIGPIPE: what the shell reports for `cat`, `seq` or `yes` when the reader of
# their output goes (`… | head`). Not 0: the command stopped before its end (a demo
# may have written only some of its applicants); not 1: nothing failed that needs a line.
EXIT_OUTPUT_CLOSED = 141
CLI_WRITE_LOCK_WAIT = 60.0  # s: a script may wait longer than a person at the window

log = logging.getLogger(__name__)

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
    init.add_argument("--center-code", help="e.g. TEH05 (2-10 A-Z/0-9); not with --provision")
    init.add_argument("--center-name", help="required unless --provision gives it")
    init.add_argument("--city", default="")
    init.add_argument(
        "--provision",
        type=Path,
        metavar="FILE",
        help="HQ's provisioning file: the center's code, name and city, HQ's keys and "
        "reference data come from it",
    )
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
    add.add_argument(
        "--name",
        default=None,
        help="the user's full name (never a user name; without it: missing until the user "
        "or an administrator fills it in)",
    )
    add.add_argument(
        "--role",
        required=True,
        choices=["admin", "clerk", "trainer", "shop", "hq_admin", "hq_analyst"],
        help="a center's roles at a center, HQ's (hq_admin, hq_analyst) at headquarters",
    )
    add.add_argument("--password-file", required=True, type=Path)
    add.set_defaults(handler=_cmd_users_add)
    naming = users.add_parser(
        "set-name", help="set a user's full name (printed on their courses' certificates)"
    )
    add_db(naming)
    naming.add_argument("--username", required=True)
    naming.add_argument("--name", required=True, help="the user's full name (a person's name)")
    naming.set_defaults(handler=_cmd_users_set_name)
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
    with private_umask():
        try:
            tighten_app_dirs()
            code = handler(args)
            sys.stdout.flush()  # here, not at exit, where a closed pipe could not be caught
            return code
        except BrokenPipeError:
            return _output_closed()
        except UserError as error:
            print(f"error: {_english(error)}", file=sys.stderr)
        except (OSError, CommandFailed) as error:
            print(f"error: {error}", file=sys.stderr)
        except KeyboardInterrupt:
            print("error: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        except Exception as error:  # a bug: one line here, the traceback in the log
            print(f"error: {_unexpected(error)}", file=sys.stderr)
        return EXIT_FAILED


def _unexpected(error: Exception) -> str:
    """The line for an error no command expected: the database's own words if it is an
    SQLite error the translation knows (read-only, disk full… that escaped it: logged
    as the bug it is), else the error's name and text."""
    from desktop.models.db import problem_of

    problem = problem_of(error)
    if problem is not None:
        return _logged(_english(problem), error)
    return _logged(f"unexpected {type(error).__name__}: {' '.join(str(error).split())}", error)


def _output_closed() -> int:
    """Whoever read our output stopped reading (`… | head`): end quietly, as a Unix tool
    killed by SIGPIPE does, with nothing on stderr. What is still buffered goes to the
    null device, so that Python's own flush at exit does not complain either."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):  # not a file
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


class CommandFailed(Exception):
    """A command cannot go on; its text is the one English line for stderr."""


def _logged(line: str, error: Exception) -> str:
    try:
        from desktop.config import setup_logging

        log_path = setup_logging()
        log.error("command failed: %s", " ".join(sys.argv), exc_info=error)
    except Exception:
        return f"{line} (the log file could not be written)"
    return f"{line} (details in {log_path})"


ENGLISH = {
    "not_initialised": "the database is not set up yet (run `init` first)",
    "already_initialised": "the database is already set up",
    "forbidden": "permission denied",
    "not_found": "not found",
    "signing_key_missing": "this center's signing key is not on this machine",
    "signing_key_mismatch": "this center's signing key does not match its public key",
    "signing_key_damaged": "the key file is damaged",
    "training": "a training (demo) database does not export",
    "not_provisioned": "this center was not set up from HQ's provisioning file",
    "reading_key_missing": "this installation's reading key is not on this machine",
    "folder_missing": "no such folder",
    "cannot_write": "cannot write the file",
    "unreadable": "cannot read the file",
    "another_center": "the acknowledgement is for another center",
    "older": "a newer acknowledgement was read before",
    "not_hq": "this database is not headquarters' (run `hq init`)",
    "duplicate": "already exists",
    "no_file_yet": "no file from this center was imported yet",
    "not_a_sync_file": "not a sync file",
    "truncated": "the file is truncated",
    "newer_format": "the file is of a newer format",
    "bad_header": "the file's header is damaged",
    "bad_signature": "the signature does not hold",
    "cannot_decrypt": "the file is not encrypted to this installation",
    "damaged_payload": "the file's content is damaged",
    "wrong_kind": "the file is of another kind",
    "damaged": "the file's content is damaged",
    "invalid_date": "invalid date (give 1405/01/01 or 2026-03-21)",
    "period_reversed": "the period ends before it starts",
    "district_invalid": "a district is a number from 1 to 99",
    "other_center": "a center's report covers that center only",
    "backup_postgres": "a PostgreSQL database is backed up with pg_dump (see the README)",
    "check_failed": "the backup did not check out and was deleted",
    "not_a_backup": "not a Tavana backup",
    "damaged_backup": "the backup is damaged",
    "backup_newer_schema": "the backup was made by a newer version of the app",
    "backup_other_center": "the backup is of another center",
    "backup_same_file": "the backup is the database itself",
    "rewound": "restored from a backup behind what HQ holds: nothing is saved or exported "
    "until HQ's acknowledgement with this center's rows (`hq ack --with-rows`) is read "
    "with `sync ack-import`",
    "not_rewound": "not restored behind HQ: there is nothing to take back",
    "network_share": "the database is on a network share, where SQLite's locks do not hold; "
    "move it to this machine's disk, or use PostgreSQL for several desks",
    "already_open": "the app already has this database open",
    "not_an_admin": "not an administrator of that backup (user name or password)",
    "restore_unconfirmed": "add --yes to restore without being asked",
    "no_district": "this report is not by district; leave --district out",
    "file_kind": "write the report to a .xlsx or .pdf file",
    "no_such_table": "the report has no such table (see the README for each kind's)",
    # The private keys at rest (desktop/commands/keys.py).
    "keys_locked": "the private keys are protected by a passphrase and locked here: name a "
    "file holding it in TAVANA_KEY_PASSPHRASE_FILE; nothing was written",
    "wrong_passphrase": "wrong passphrase for the key file",
    "passphrase_short": "the passphrase is too short (12 characters at least)",
    "passphrase_mismatch": "the passphrase and its repeat differ",
    "passphrase_file_unreadable": "cannot read the passphrase file (TAVANA_KEY_PASSPHRASE_FILE)",
    "keys_already_protected": "the key file is protected already",
    "keys_not_protected": "the key file is not protected by a passphrase",
    "keys_in_keyring": "the keys are in the OS keyring: there is no key file to protect",
    "keys_in_memory": "an in-memory database keeps its keys in memory",
    "keys_file_json": "the key file is damaged (not a JSON object of keys)",
    "keys_file_unreadable": "the key file is not in a format this version reads",
    "keys_file_newer": "the key file was protected by a newer version of the app",
    "keys_file_altered": "the protected key file was changed or damaged after it was sealed",
}

# The database's own problems (desktop.models.db.DatabaseProblem), by reason.
DATABASE_ENGLISH = {
    "missing": "there is no database at {target} (check --db, or create one with `init`)",
    "directory": "{target} is a folder, not a database file",
    "not_sqlite": "{target} is not a Tavana database (not an SQLite file)",
    "damaged": "the database {target} is damaged ({detail}); restore a backup",
    "cannot_open": "cannot open the database {target} ({detail})",
    "read_only": "the database {target} is read-only ({detail}); nothing was changed",
    "full": "the disk is full; nothing was saved to {target}",
    "busy": "the database {target} is busy: another program kept writing to it for "
    "{seconds} s; nothing was changed, try again",
    "unknown_scheme": "unknown kind of database URL: {target} (give a file path, or "
    "postgresql://user@host/name)",
    "unsupported": "Tavana runs on SQLite files and PostgreSQL, not {target}",
    "driver_missing": "cannot open {target}: the PostgreSQL driver is not installed; "
    "install the extra `postgres` ({detail})",
    "cannot_connect": "cannot connect to {target} ({detail})",
    "bad_url": "{target} names no database ({detail})",
}


def _english(error: UserError) -> str:
    """One line for scripts: English first, the Persian message a person would see after."""
    from desktop.models.db import DatabaseProblem

    if isinstance(error, DatabaseProblem):
        return DATABASE_ENGLISH[error.reason].format(
            target=error.target, detail=" ".join(error.detail.split()), seconds=error.seconds
        )
    fields = getattr(error, "errors", None)
    if fields:
        return "invalid " + "; ".join(f"{name} ({message})" for name, message in fields.items())
    return f"{ENGLISH.get(error.code, error.code)} ({error.message})"


def open_db(args: argparse.Namespace, *, may_create: bool = False) -> str:
    """Open `--db` (or the default database) for a command; returns how to name it.

    Only `init` and `demo` pass `may_create`: any other command on a path where there
    is no database stops with one line, and creates neither the file nor its folders.
    An SQLite file on a network share is refused (services/desk.py).
    A writer that finds the database locked by another program says so on stderr and
    waits up to CLI_WRITE_LOCK_WAIT seconds.
    """
    from desktop.models.db import ImmediateSqliteDatabase, describe_target
    from desktop.models.opening import open_database
    from desktop.services.desk import refuse_network_share

    target = args.db or default_database()
    refuse_network_share(target)  # as the app does: SQLite's locks do not hold there
    database = open_database(target, create=may_create)
    if isinstance(database, ImmediateSqliteDatabase):
        database.write_lock_wait = CLI_WRITE_LOCK_WAIT
        database.on_lock_wait = _say_waiting
    return describe_target(target)


def _say_waiting() -> None:
    print("waiting for the database (another program is writing)…", file=sys.stderr, flush=True)


def read_password(path: Path) -> str:
    try:
        text = sys.stdin.readline() if str(path) == "-" else path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        where = "standard input" if str(path) == "-" else f"the password file {path}"
        raise CommandFailed(f"{where} is not UTF-8 text") from None
    return text.splitlines()[0] if text.strip() else ""


def _cmd_app(args: argparse.Namespace) -> int:
    from desktop.app import run_app

    return run_app(getattr(args, "db", None))


def _cmd_init(args: argparse.Namespace) -> int:
    """Everything that can be checked is checked before the database is made; if set-up
    still fails, what this run made is removed (`removed_if_unfinished`)."""
    from desktop.models.opening import removed_if_unfinished
    from desktop.services.setup import SetupValues, check_center_setup, initialise_center

    if args.provision is not None:
        return _init_provisioned(args)
    if not args.center_code or not args.center_name:
        raise CommandFailed("--center-code and --center-name are required (or --provision FILE)")
    values = SetupValues(
        center_code=args.center_code,
        center_name=args.center_name,
        city=args.city,
        admin_username=args.admin,
        admin_display_name=args.admin_name or "",  # a user name is never a person's name
        password=read_password(args.password_file),
        admin_name_required=False,
    )
    check_center_setup(**values)
    with removed_if_unfinished(args.db or default_database()):
        target = open_db(args, may_create=True)
        info = initialise_center(**values)
    print(f"initialised center {info.code} ({info.name}) in {target}")
    if not args.admin_name:
        print(
            "note: no --admin-name: certificates are not issued until "
            f"`settings set --db {target} certificate_manager_name NAME` gives the manager's name"
        )
    return EXIT_OK


def check_setup_args(
    args: argparse.Namespace, password: str, code: str, name: str, city: str
) -> None:
    """Check a set-up's values (the first administrator's from `--admin`, `--admin-name`)
    before any database is made: ValidationError with a message per field."""
    from desktop.services.setup import SetupValues, check_center_setup

    check_center_setup(
        **SetupValues(
            center_code=code,
            center_name=name,
            city=city,
            admin_username=args.admin,
            admin_display_name=args.admin_name or "",
            password=password,
            admin_name_required=False,
        )
    )


def _init_provisioned(args: argparse.Namespace) -> int:
    from desktop.models.opening import removed_if_unfinished
    from desktop.services.center_sync import read_provisioning, set_up_from_provisioning

    if args.center_code or args.center_name or args.city:
        raise CommandFailed("--provision gives the center's code, name and city: leave them out")
    provisioning = read_provisioning(args.provision)
    password = read_password(args.password_file)
    check_setup_args(
        args, password, provisioning.center_code, provisioning.center_name, provisioning.city
    )
    with removed_if_unfinished(args.db or default_database()):
        target = open_db(args, may_create=True)
        info = set_up_from_provisioning(
            provisioning,
            admin_username=args.admin,
            admin_display_name=args.admin_name or "",
            password=password,
            admin_name_required=False,
        )
    print(f"initialised center {info.code} ({info.name}) in {target} from {args.provision.name}")
    print(f"HQ's key fingerprint: {provisioning.fingerprint} (compare it with HQ's)")
    return EXIT_OK


def _cmd_users_add(args: argparse.Namespace) -> int:
    from desktop.services.setup import admin_session
    from desktop.services.users import add_user

    open_db(args)
    user = add_user(
        admin_session(),
        username=args.username,
        display_name=args.name or "",  # a user name is never a person's name
        role=args.role,
        password=read_password(args.password_file),
        name_required=False,
    )
    print(f"added user {user.username} ({user.role.value})")
    if not args.name:
        print("note: no --name: the user's full name is missing until it is filled in")
    return EXIT_OK


def _cmd_users_set_name(args: argparse.Namespace) -> int:
    from desktop.services.setup import admin_session
    from desktop.services.users import find_user, set_display_name

    open_db(args)
    admin = admin_session()
    user = set_display_name(admin, find_user(admin, args.username).id, args.name)
    print(f"the full name of {user.username} is {user.display_name}")
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
