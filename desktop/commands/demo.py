"""`python -m desktop demo`: fill a database with demo applicants, for training and benchmarks.

On a database not set up yet it first sets up a demo center (DEMO01, «مرکز خدمات
اجتماعی نمونه», Tehran) with an administrator `admin`. On a database set up by `init`
(still without any work in it) it keeps the center and its administrator. Either way
the documented demo users (clerk, trainer, trainer2, shop) are made where missing, all
with the password from --password-file or the default `tavana-demo`, and the output
says which users exist with which password. Then it adds N applicants with their
history (desktop/services/demo.py), and, the first time, the demo courses and the demo
shops (desktop/services/demo_shop.py: `shop` works in S1 and sells at once). A
database holding real work is refused before anything is written. The same seed on
the same database gives the same people.
Figures are printed one per line, in English.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.errors import UserError

EXIT_OK = 0
EXIT_FAILED = 1

ENGLISH = {
    "real_work": "the database holds real work and is not a training database; demo data "
    "goes only into a new database, one just set up with `init`, or a training database",
}


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    demo = commands.add_parser(
        "demo",
        help="add demo applicants (sets up a demo center first if needed)",
        description="Add N realistic demo applicants with their history, and the demo "
        "users. Demo data is never written to the change log, so it never reaches "
        "headquarters; the database is flagged as a training one before any demo row is "
        "written. A database holding real work is refused.",
    )
    add_db(demo)
    demo.add_argument("--applicants", required=True, type=_count, metavar="N")
    demo.add_argument("--seed", type=int, default=0, help="same seed, same people (default 0)")
    demo.add_argument(
        "--password-file",
        type=Path,
        default=None,
        help="password of the demo users made now, first line ('-' for stdin; "
        "default: the documented demo password, printed in the output)",
    )
    demo.set_defaults(handler=_cmd_demo)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _cmd_demo(args: argparse.Namespace) -> int:
    from desktop.cli import open_db, read_password
    from desktop.config import default_database
    from desktop.models.opening import removed_if_unfinished
    from desktop.services import demo, demo_center
    from desktop.services.setup import admin_session, is_initialised

    given = args.password_file is not None
    password = read_password(args.password_file) if given else demo_center.DEMO_PASSWORD
    demo_center.check_password(password)  # before a database is made for it
    try:
        # A database this run creates is removed again if its set-up fails.
        with removed_if_unfinished(args.db or default_database()):
            target = open_db(args, may_create=True)
            set_up_now = not is_initialised()
            if set_up_now:
                info = demo_center.setup_demo_center(password)
                print(f"set up demo center {info.code} ({info.name}) in {target}")
        # Refuses a database holding real work, before anything is written.
        users = demo_center.prepare_demo(admin_session(), password)
    except UserError as error:
        if error.code not in ENGLISH:
            raise
        print(f"error: {ENGLISH[error.code]} ({error.message})", file=sys.stderr)
        return EXIT_FAILED
    _print_users(users, "from --password-file" if given else password, admin_made=set_up_now)
    made = demo.create_demo_applicants(
        admin_session(), args.applicants, seed=args.seed, progress=_report_progress
    )
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
    from desktop.models import Shop
    from desktop.services.demo_shop import create_demo_shops

    if made.applicants and not Shop.select().exists():  # once, as the courses
        _print_shops(create_demo_shops(admin_session(), seed=args.seed, password=password))
    return EXIT_OK


def _print_shops(made: Any) -> None:
    from desktop.services.applicant_files import jalali_ascii

    paid = (
        f"{made.settlements} producers paid for {jalali_ascii(made.paid_from)} to "
        f"{jalali_ascii(made.paid_to)}"
        if made.settlements
        else "no settlement paid"
    )
    print(
        f"shops: {', '.join(made.shops)} ({made.producers} producers, {made.products} "
        f"products, {made.stock_notes} stock notes)"
    )
    print(
        f"shop sales: {made.sales} ({made.voided} voided, {made.returns} returns, "
        f"{made.closes} daily closes, {paid})"
    )
    if made.seller:
        print(f"shop user: {made.seller} (works in {made.shops[0]}, supervisor; sells at once)")


def _report_progress(done: int, total: int) -> None:
    """A line on stderr after each batch (one transaction) written."""
    print(f"written {done} of {total} applicants", file=sys.stderr, flush=True)


def _print_users(users: Any, password: str, *, admin_made: bool) -> None:
    """Which users there are, with which password: the demo users made now (and the
    administrator of a demo center set up now) have `password`; the others keep theirs."""
    from desktop.services.setup import admin_session
    from desktop.services.users import list_users

    demo_names = {user.username for user in users}
    others = [row.username for row in list_users(admin_session()) if row.username not in demo_names]
    made = (others if admin_made else []) + [user.username for user in users if user.created]
    kept = ([] if admin_made else others) + [user.username for user in users if not user.created]
    if made:
        print(f"users with password {password}: {', '.join(made)}")
    if kept:
        print(f"users keeping their own password: {', '.join(kept)}")
