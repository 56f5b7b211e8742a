"""`python -m desktop settings list|set`: the installation's settings, for IT staff.

`list` prints every setting with its value — the default where none is stored — as
`KEY<TAB>VALUE` lines, or with --json one object per line (`key, value, set, choices`;
`set` is false where the default applies). `set KEY VALUE` saves one setting through
the same service as the GUI's Settings page (desktop/services/settings.py), which
refuses unknown keys and bad values: one English line, exit 1, nothing written.
The keys are documented in desktop/services/settings.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from desktop.errors import UserError, ValidationError

EXIT_OK = 0
EXIT_FAILED = 1

# What each setting takes, for the one line that refuses a bad value (choices are
# listed from the service).
EXPECTED = {
    "certificate_manager_name": "the center manager's full name (a person's name, not a user name)",
    "certificate_logo_path": "the path of an existing image file, or '' for no logo",
}


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser(
        "settings", help="list or change the installation's settings"
    ).add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    listing = group.add_parser("list", help="every setting with its value")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_list)
    change = group.add_parser(
        "set",
        help="change one setting",
        description="Keys: display_mode, money_unit, theme, certificate_manager_name, "
        "certificate_logo_path (see `settings list`).",
    )
    add_db(change)
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")
    change.set_defaults(handler=_cmd_set)


def _cmd_list(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services.settings import list_settings
    from desktop.services.setup import admin_session

    open_db(args)
    admin_session()  # a database that is not set up says so
    for setting in list_settings():
        if args.json:
            print(
                json.dumps(
                    {
                        "key": setting.key,
                        "value": setting.value,
                        "set": setting.is_set,
                        "choices": list(setting.choices) or None,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(f"{setting.key}\t{setting.value}")
    return EXIT_OK


def _cmd_set(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services.settings import (
        SETTING_KEYS,
        list_settings,
        read_setting,
        save_settings,
    )
    from desktop.services.setup import admin_session

    open_db(args)
    try:
        save_settings(admin_session(), {args.key: args.value})
    except ValidationError as error:
        choices = {s.key: s.choices for s in list_settings()}.get(args.key, ())
        expected = ("one of: " + ", ".join(choices)) if choices else EXPECTED.get(args.key, "")
        print(
            f"error: bad value for {args.key}: {args.value!r}; expected {expected} "
            f"({error.errors[args.key]})",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except UserError as error:
        if error.code != "unknown_setting":
            raise
        print(
            f"error: unknown setting {args.key!r}; known: {', '.join(SETTING_KEYS)}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"{args.key} set to {read_setting(args.key)!r}")
    return EXIT_OK
