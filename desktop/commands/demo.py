"""`python -m desktop demo`: fill a database with demo applicants, for training and benchmarks.

On a database not set up yet it first sets up a demo center (DEMO01, «مرکز خدمات
اجتماعی نمونه», Tehran) with an administrator `admin` and one demo user per role, all
with the password from --password-file or the default printed in the output; then it
adds N applicants with their history (desktop/services/demo.py). The same seed on the
same database gives the same people. Figures are printed one per line, in English.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0
DEMO_CENTER_CODE = "DEMO01"
DEMO_CENTER_NAME = "مرکز خدمات اجتماعی نمونه"
DEMO_CITY = "تهران"
DEMO_ADMIN = "admin"
DEMO_ADMIN_NAME = "مدیر مرکز نمونه"
DEFAULT_PASSWORD = "tavana-demo"


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    demo = commands.add_parser(
        "demo",
        help="add demo applicants (sets up a demo center first if needed)",
        description="Add N realistic demo applicants with their history. Demo data is "
        "never written to the change log, so it never reaches headquarters; the database "
        "is flagged as holding demo data.",
    )
    add_db(demo)
    demo.add_argument("--applicants", required=True, type=_count, metavar="N")
    demo.add_argument("--seed", type=int, default=0, help="same seed, same people (default 0)")
    demo.add_argument(
        "--password-file",
        type=Path,
        default=None,
        help="password of a new demo center's users, first line ('-' for stdin; "
        f"default {DEFAULT_PASSWORD!r})",
    )
    demo.set_defaults(handler=_cmd_demo)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _cmd_demo(args: argparse.Namespace) -> int:
    from desktop.cli import open_db, read_password
    from desktop.services import demo
    from desktop.services.setup import admin_session, initialise_center, is_initialised

    target = open_db(args, may_create=True)
    password: str | None = None  # the new demo users' password, when set up here
    if not is_initialised():
        password = read_password(args.password_file) if args.password_file else DEFAULT_PASSWORD
        info = initialise_center(
            center_code=DEMO_CENTER_CODE,
            center_name=DEMO_CENTER_NAME,
            city=DEMO_CITY,
            admin_username=DEMO_ADMIN,
            admin_display_name=DEMO_ADMIN_NAME,
            password=password,
        )
        print(f"set up demo center {info.code} ({info.name}) in {target}")
        users = demo.create_demo_data(admin_session(), password, applicant_count=0)
        print(f"users: {', '.join([DEMO_ADMIN, *users.usernames])}")
        if args.password_file is None:
            print(f"password of every user: {DEFAULT_PASSWORD}")
    made = demo.create_demo_applicants(admin_session(), args.applicants, seed=args.seed)
    print(f"applicants: {made.applicants} rows ({made.first_file_number} to "
          f"{made.last_file_number})" if made.applicants else "applicants: 0 rows")  # fmt: skip
    print(f"status changes: {made.status_changes} rows")
    print(f"follow-ups: {made.follow_ups} rows")
    print(f"ideas: {made.ideas} rows")
    print(f"outcomes: {made.outcomes} rows")
    print(f"seconds: {made.seconds:.1f}")
    from desktop.models import Course
    from desktop.services.demo_courses import create_demo_courses

    if made.applicants and not Course.select().exists():  # once: a second run adds none
        courses = create_demo_courses(admin_session(), seed=args.seed, password=password)
        print(
            f"courses: {courses.courses} ({courses.completed} completed, "
            f"{courses.failed} failed, {courses.certificates} certificates)"
        )
    return EXIT_OK
