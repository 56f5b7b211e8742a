"""`python -m desktop keys status|protect|unprotect|check`: the private keys at rest.

- status: where the keys are (`where`: keyring, file, protected_file, none, memory),
  the key file, whether an OS keyring is used, whether the file is locked in this
  process (a command unlocks it only when it needs a key), how many keys the file
  holds, and what is wrong with it (`problem`, "" when nothing); --json: one object.
  Exit 0 whenever it could tell.
- protect --passphrase-file FILE: seal the key file under the passphrase (the first line
  of FILE, '-' for standard input; 12 characters at least).
- unprotect --passphrase-file FILE: write the keys back unsealed (0600).
- check --passphrase-file FILE: whether the passphrase opens the key file (every key
  decrypted); changes nothing.

Commands that need a private key (sync export, sync ack-import, courses print, hq import,
hq ack…) unlock a protected key file with the passphrase in the file named by the
environment variable TAVANA_KEY_PASSPHRASE_FILE; without it they stop with
`keys_locked` before writing anything. Exit 0 on success, 1 when refused (one line on
stderr), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser(
        "keys", help="the private keys: where they are, a passphrase on the key file"
    ).add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    status = group.add_parser("status", help="where the keys are, and whether they are locked")
    add_db(status)
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=_cmd_status)
    for name, handler, help_text in (
        ("protect", _cmd_protect, "seal the key file under a passphrase"),
        ("unprotect", _cmd_unprotect, "take the passphrase off the key file"),
        ("check", _cmd_check, "whether a passphrase opens the key file"),
    ):
        action = group.add_parser(name, help=help_text)
        add_db(action)
        action.add_argument(
            "--passphrase-file",
            required=True,
            type=Path,
            metavar="FILE",
            help="file whose first line is the passphrase ('-' for stdin)",
        )
        action.set_defaults(handler=handler)


def _session(args: argparse.Namespace) -> Any:
    from desktop.cli import open_db
    from desktop.services.setup import admin_session

    open_db(args)
    return admin_session()


def _passphrase(args: argparse.Namespace) -> str:
    from desktop.cli import read_password

    return read_password(args.passphrase_file)


def _cmd_status(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services.key_protection import keys_status

    open_db(args)
    status = keys_status()
    fields = {
        "where": status.where,
        "key_file": status.key_file,
        "keyring": status.keyring,
        "locked": status.locked,
        "keys_in_file": status.keys_in_file,
        "problem": status.problem,
    }
    if args.json:
        print(json.dumps(fields, ensure_ascii=False))
        return EXIT_OK
    for name, value in fields.items():
        print(f"{name}: {_shown(value)}")
    return EXIT_OK


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _cmd_protect(args: argparse.Namespace) -> int:
    from desktop.services.key_protection import protect_keys

    session = _session(args)
    status = protect_keys(session, _passphrase(args))
    print(
        f"protected: {status.key_file} ({status.keys_in_file} keys sealed); the app asks an "
        "administrator for the passphrase once per run, commands read it from the file "
        "named by TAVANA_KEY_PASSPHRASE_FILE"
    )
    return EXIT_OK


def _cmd_unprotect(args: argparse.Namespace) -> int:
    from desktop.services.key_protection import unprotect_keys

    session = _session(args)
    status = unprotect_keys(session, _passphrase(args))
    print(f"unprotected: {status.key_file} ({status.keys_in_file} keys, 0600, no passphrase)")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from desktop.services.key_protection import keys_status, unlock_keys

    session = _session(args)
    unlock_keys(session, _passphrase(args))
    status = keys_status()
    print(f"the passphrase opens {status.key_file} ({status.keys_in_file} keys)")
    return EXIT_OK
