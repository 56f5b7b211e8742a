"""First-run set-up: the center, its first administrator."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NotRequired, TypedDict, Unpack

from desktop.errors import UserError
from desktop.models import Center, Role, Setting, User, db, writes
from desktop.services.passwords import hash_password
from desktop.services.reference import seed_reference_data
from desktop.services.session import Session
from desktop.services.settings import MANAGER_NAME
from desktop.services.validation import (
    Collector,
    check_new_password,
    clean_center_code,
    clean_center_name,
    clean_name,
    clean_person_name,
    clean_username,
)
from desktop.strings import Setup
from desktop.strings.settings import PersonName


@dataclass(frozen=True)
class CenterInfo:
    code: str
    name: str
    city: str


def is_initialised() -> bool:
    return Center.local() is not None


def local_center() -> CenterInfo:
    center = Center.local()
    if center is None:
        raise UserError(Setup.NOT_DONE, code="not_initialised")
    return CenterInfo(code=center.code, name=center.name, city=center.city)


def rename_center(session: Session, name: str) -> Session:
    """Change the center's name (admin): shown in the header, printed on certificates
    issued from now on (those issued keep the name they were signed with). The city
    stays as set up: the districts of the registry are the city's. Returns the session
    with the new name."""
    session.require(Role.ADMIN)
    found = Collector()
    clean = clean_center_name(name, found)
    found.raise_if_any()
    with db.atomic():
        center = Center.local()
        if center is None:
            raise UserError(Setup.NOT_DONE, code="not_initialised")
        if center.name != clean:
            center.name = clean
            writes.update(center, session)
    return replace(session, center_name=clean)


@dataclass(frozen=True)
class CenterSetup:
    """What set-up writes, checked and normalised (`check_center_setup`)."""

    code: str
    name: str
    city: str
    username: str
    display_name: str  # "" when a script left it out


class SetupValues(TypedDict):
    """What set-up is given, as typed (the set-up dialog's fields, `init`'s options)."""

    center_code: str
    center_name: str
    admin_username: str
    admin_display_name: str
    password: str
    password_confirm: NotRequired[str | None]
    city: NotRequired[str]
    admin_name_required: NotRequired[bool]  # False: a script may leave the name out
    admin_role: NotRequired[Role]  # headquarters: hq_admin (default: admin)


def check_center_setup(**values: Unpack[SetupValues]) -> CenterSetup:
    """Check every set-up value without touching a database (the command line does, before
    it creates one): ValidationError with a message per field (center_code, center_name,
    city, admin_username, admin_display_name, password), all at once."""
    found = Collector()
    code = clean_center_code(values["center_code"], found)
    name = clean_center_name(values["center_name"], found)
    username = clean_username(values["admin_username"], found, "admin_username")
    display_name = clean_person_name(
        values["admin_display_name"],
        found,
        "admin_display_name",
        usernames=[username],
        required=PersonName.REQUIRED if values.get("admin_name_required", True) else "",
    )
    city = clean_name(values.get("city", ""), found, "city")
    check_new_password(values["password"], values.get("password_confirm"), found)
    found.raise_if_any()
    return CenterSetup(code, name, city, username, display_name)


def initialise_center(**values: Unpack[SetupValues]) -> CenterInfo:
    """Create the local center and its first admin in one transaction.

    The administrator's full name is a person's name, never their user name: it greets
    them and, as the center manager's name, is printed on certificates (the setting
    `certificate_manager_name` starts as it). A script may leave it out
    (`admin_name_required=False`): the name is then missing, the home page and Settings
    say so, and no certificate is issued until the setting is filled in.

    Raises ValidationError as `check_center_setup` does; nothing is written then.
    """
    clean = check_center_setup(**values)
    code = clean.code
    with db.atomic():
        if is_initialised():
            raise UserError(Setup.ALREADY_DONE, code="already_initialised")
        # No session yet: the center is logged as nobody's, the first administrator
        # as their own creation.
        writes.insert(
            Center(code=code, name=clean.name, city=clean.city, is_local=True),
            writes.author(code),
        )
        admin = User(
            username=clean.username,
            display_name=clean.display_name,
            role=values.get("admin_role", Role.ADMIN).value,
            password_hash=hash_password(values["password"]),
        )
        writes.insert(admin, writes.author(code, str(admin.id)))
        if clean.display_name:
            Setting.write(MANAGER_NAME, clean.display_name)
        seed_reference_data(clean.city)
    return CenterInfo(code=code, name=clean.name, city=clean.city)


def admin_session() -> Session:
    """The session the command line acts with: the first active administrator.

    Whoever can run the CLI on this machine can read the database file anyway; the
    CLI still goes through the services so their validation and change log apply.
    """
    local = Center.local()
    admin = (
        User.select()
        .where(
            User.role.in_([Role.ADMIN.value, Role.HQ_ADMIN.value])
            & (User.center_code == (local.code if local else ""))
            & User.active
            & (User.deleted == False)  # noqa: E712
        )
        .order_by(User.created_at)
        .first()
    )
    if admin is None:
        raise UserError(Setup.NOT_DONE, code="not_initialised")
    from desktop.services.auth import session_for

    return session_for(admin)
