"""The demo center: who its users are, what it shows and prints, and the mark that
makes a database a training one.

Demo users are always the documented ones (`DEMO_USERS`, and `admin` for a demo center
that `demo` sets up), all with the password given — `DEMO_PASSWORD` unless another is
given — in every path: the set-up dialog, `demo` on an empty database, `demo` on one
set up by `init`.

Demo rows never go to the change log (desktop/services/demo.py), so a database holding
them is marked as a training one (`Setting demo_data = 1`): the app says so and an
export can refuse it. The mark is written before the first demo row — with the demo
center itself when `demo` sets one up (`setup_demo_center`), or when a database is
claimed for demo data (`claim_for_demo`) — so a demo killed at any moment never leaves
demo rows in a database that looks real.

Demo data never mixes with real work: a database that is not a training one and holds
any applicant, course or logged change besides its set-up and user accounts is
refused, before anything is written (`real_work`).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.errors import UserError
from desktop.models import Applicant, Center, ChangeLog, Course, Role, Setting, User, db, writes
from desktop.services import certificates, users
from desktop.services.session import Session
from desktop.services.setup import CenterInfo, initialise_center, rename_center
from desktop.services.validation import Collector, check_new_password
from desktop.strings.demo import Demo as Messages
from desktop.strings.demo import DemoCenter as Names
from desktop.text.digits import group_thousands

DEMO_PASSWORD = "tavana-demo"  # every demo user's, unless another one is given
DEMO_CENTER_CODE = "DEMO01"
DEMO_CENTER_NAME = Names.NAME
DEMO_CITY = Names.CITY
DEMO_ADMIN = "admin"
# A made-up person: the demo center's manager, printed under the manager's signature.
DEMO_MANAGER_NAME = Names.MANAGER
# The documented demo users, one per role (two trainers, for the demo courses).
DEMO_USERS = (
    ("clerk", Names.CLERK, Role.CLERK),
    ("trainer", Names.TRAINER, Role.TRAINER),
    ("trainer2", Names.TRAINER2, Role.TRAINER),
    ("shop", Names.SHOP, Role.SHOP),
)
DEMO_FLAG = "demo_data"
# What set-up and the administration of accounts log: not work on people or courses.
_SET_UP_ENTITIES = ("center", "user", "center_key")


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    created: bool  # made now, with the password given; else it was here already


@dataclass(frozen=True)
class RealWork:
    """What makes a database that is not a training one off limits to demo data."""

    applicants: int
    courses: int
    logged_changes: int  # change-log entries other than set-up's and accounts'

    def __bool__(self) -> bool:
        return bool(self.applicants or self.courses or self.logged_changes)


def setup_demo_center(password: str) -> CenterInfo:
    """Set up the demo center (DEMO01, its administrator `admin` with `password`) and
    mark the database as a training one, in one transaction: a demo killed at any
    moment never leaves a center that looks real."""
    with db.atomic():
        info = initialise_center(
            center_code=DEMO_CENTER_CODE,
            center_name=DEMO_CENTER_NAME,
            city=DEMO_CITY,
            admin_username=DEMO_ADMIN,
            admin_display_name=DEMO_MANAGER_NAME,
            password=password,
        )
        _mark_demo_data()
    return info


def check_password(password: str) -> None:
    """The demo users' password, checked as any password is (ValidationError)."""
    found = Collector()
    check_new_password(password, None, found)
    found.raise_if_any()


def prepare_demo(session: Session, password: str) -> tuple[DemoUser, ...]:
    """Claim the database for demo data (`claim_for_demo`), add the demo users that
    are missing (all with `password`, in one transaction) and fill the demo center's
    settings that are empty (`fill_demo_settings`); every documented demo user.
    A bad password or a database holding real work is refused before anything is
    written."""
    session.require(Role.ADMIN)
    check_password(password)
    claim_for_demo()
    existing = {user.username for user in users.list_users(session)}
    result = []
    with db.atomic():
        for username, name, role in DEMO_USERS:
            created = username not in existing
            if created:
                users.add_user(
                    session,
                    username=username,
                    display_name=name,
                    role=role.value,
                    password=password,
                )
            result.append(DemoUser(username, name, role, created))
    fill_demo_settings(session)
    return tuple(result)


def fill_demo_settings(session: Session) -> None:
    """Fill what a demo center shows and prints where it is empty: the manager's name on
    certificates, the administrator's name where it is missing or only repeats the user
    name (a person's name is never a user name), the center's name. Admin only; names
    set before are kept."""
    session.require(Role.ADMIN)
    with db.atomic():
        center = Center.local()
        if center is not None and not center.name.strip():
            rename_center(session, DEMO_CENTER_NAME)
        if not certificates.certificate_settings().manager_name:
            Setting.write(certificates.SETTING_MANAGER_NAME, DEMO_MANAGER_NAME)
        admin = User.get_or_none(User.id == session.user_id)
        if admin is not None and admin.display_name.strip() in ("", admin.username):
            admin.display_name = DEMO_MANAGER_NAME
            writes.update(admin, session)


def _mark_demo_data() -> None:
    """Flag this installation as holding demo data (inside the writing transaction).

    Demo rows bypass the change log, so nothing in them reaches HQ by itself; the flag
    is what lets the app show «training database» and an export refuse to run, since
    later real edits of demo files would otherwise travel without their creation.
    """
    Setting.write(DEMO_FLAG, "1")


def has_demo_data() -> bool:
    return Setting.read(DEMO_FLAG) == "1"


def real_work() -> RealWork:
    """What this database holds that demo data must not mix with, unless it is a
    training database: any applicant or course (demo rows are only ever written to a
    database already marked as training), and any change-log entry besides those of
    set-up and of user accounts — whatever a person did in it."""
    if has_demo_data():
        return RealWork(0, 0, 0)
    return RealWork(
        applicants=Applicant.select().count(),
        courses=Course.select().count(),
        logged_changes=ChangeLog.select().where(ChangeLog.entity.not_in(_SET_UP_ENTITIES)).count(),
    )


def claim_for_demo() -> None:
    """Refuse (code "real_work") a database holding real work, else mark it as a
    training one, in one transaction, before any demo row is written. A center just
    set up (the dialog, or `init`) becomes a training database this way."""
    with db.atomic():
        found = real_work()
        if found:
            raise UserError(
                Messages.REAL_WORK.format(
                    applicants=group_thousands(found.applicants),
                    courses=group_thousands(found.courses),
                    changes=group_thousands(found.logged_changes),
                ),
                code="real_work",
            )
        if not has_demo_data():
            _mark_demo_data()
