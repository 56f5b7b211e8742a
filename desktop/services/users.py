"""The center manager's user administration, and whose name is a person's name.

A user's full name greets them, heads the window and is printed on the certificates
of the courses they train. It is a person's name, never a user name (issue 8, item 7);
`person_name` is the one test of that for every place that shows or prints one, since
a database from before the rule holds user names («admin») or nothing there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.errors import UserError
from desktop.models import Role, User, db, writes
from desktop.services.passwords import hash_password
from desktop.services.records import audit, live
from desktop.services.session import Session
from desktop.services.settings import usernames
from desktop.services.validation import (
    Collector,
    check_new_password,
    clean_person_name,
    clean_role,
    clean_username,
    normalize_username,
    person_name_error,
)
from desktop.strings import Auth


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    display_name: str
    role: Role
    active: bool
    last_login_at: dt.datetime | None
    created_at: dt.datetime
    name_missing: bool = False  # display_name is empty or not a person's name


def _row(user: User, known_usernames: Iterable[str] | None = None) -> UserRow:
    return UserRow(
        id=str(user.id),
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        active=user.active,
        last_login_at=user.last_login_at,
        created_at=user.created_at,
        name_missing=not person_name(user.display_name, known_usernames),
    )


# Who manages users, and the roles each may give: a center's admin its center's roles,
# HQ's admin HQ's (HQ's database holds every center's users too: each admin sees and
# changes only the users of their own installation).
USER_ADMINS = (Role.ADMIN, Role.HQ_ADMIN)
GRANTABLE = {
    Role.ADMIN: (Role.ADMIN, Role.CLERK, Role.TRAINER, Role.SHOP),
    Role.HQ_ADMIN: (Role.HQ_ADMIN, Role.HQ_ANALYST),
}


def grantable_roles(session: Session) -> tuple[Role, ...]:
    """The roles `session` may give (none unless it manages users)."""
    return GRANTABLE.get(session.role, ())


def _own_user(session: Session, user_id: str) -> User:
    """A live user of this installation's center (another center's, at HQ: not found)."""
    user = live(User, user_id, Auth.USER_NOT_FOUND)
    if user.center_code != session.center_code:
        raise UserError(Auth.USER_NOT_FOUND, code="not_found")
    return user


def list_users(session: Session, *, include_inactive: bool = True) -> list[UserRow]:
    session.require(*USER_ADMINS)
    query = User.select().where(
        (User.deleted == False) & (User.center_code == session.center_code)  # noqa: E712
    )
    if not include_inactive:
        query = query.where(User.active == True)  # noqa: E712
    known = usernames()
    return [_row(u, known) for u in query.order_by(User.role, User.username)]


def add_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: str,
    password: str,
    password_confirm: str | None = None,
    name_required: bool = True,
) -> UserRow:
    """Raises ValidationError per field (username, display_name, role, password).

    A script may leave the full name out (`name_required=False`, `users add` without
    `--name`): it is then missing, never the user name, until someone fills it in.
    """
    session.require(*USER_ADMINS)
    found = Collector()
    name = clean_username(username, found)
    shown_name = clean_person_name(
        display_name,
        found,
        "display_name",
        usernames=[name, *usernames()],
        required=Auth.DISPLAY_NAME_REQUIRED if name_required else "",
    )
    clean = clean_role(role, found)
    if clean is not None and clean not in grantable_roles(session):
        found.add("role", Auth.ROLE_UNKNOWN)
    check_new_password(password, password_confirm, found)
    if not found.errors.get("username") and User.by_username(name, session.center_code) is not None:
        found.add("username", Auth.USERNAME_TAKEN)
    found.raise_if_any()
    assert clean is not None
    with db.atomic():
        user = writes.insert(
            User(
                username=name,
                display_name=shown_name,
                role=clean.value,
                password_hash=hash_password(password),
            ),
            session,
        )
        audit(session, "user_added", f"{name} ({clean.value})")
    return _row(user)


def person_name(display_name: str, known_usernames: Iterable[str] | None = None) -> str:
    """`display_name` if it is a person's name, else "" (missing): what to greet, head
    the window with or print — never a user name or a value that is not a name.
    `known_usernames` spares reading them again when many names are checked."""
    names = usernames() if known_usernames is None else known_usernames
    return "" if person_name_error(display_name, names) else display_name


def name_or_username(display_name: str, username: str, known_usernames: Iterable[str]) -> str:
    """How to name a user in a list to choose from: their name, or while it is missing
    their user name marked so («trainer1» (بی نام)) — a blank choice cannot be chosen."""
    return person_name(display_name, known_usernames) or Auth.UNNAMED_USER.format(username=username)


def set_display_name(session: Session, user_id: str, name: str) -> UserRow:
    """Set a user's full name: an administrator's for anyone's, anyone's for their own
    (desktop.services.auth.change_display_name). ValidationError {"display_name": …}."""
    if user_id != session.user_id:
        session.require(*USER_ADMINS)
    found = Collector()
    clean = clean_person_name(name, found, "display_name", usernames=usernames())
    found.raise_if_any()
    with db.atomic():
        user = _own_user(session, user_id)
        if user.display_name != clean:
            user.display_name = clean
            writes.update(user, session)
            audit(session, "display_name_changed", user.username)
    return _row(user)


def find_user(session: Session, username: str) -> UserRow:
    """A user by user name (as typed: case and digits folded), for scripts."""
    session.require(*USER_ADMINS)
    user = User.by_username(normalize_username(username), session.center_code)
    if user is None or user.deleted:
        raise UserError(Auth.USER_NOT_FOUND, code="not_found")
    return _row(user)


def set_active(session: Session, user_id: str, active: bool) -> UserRow:
    session.require(*USER_ADMINS)
    with db.atomic():
        user = _own_user(session, user_id)
        # The acting admin cannot switch themselves off, so one active admin always remains.
        if not active and str(user.id) == session.user_id:
            raise UserError(Auth.SELF_DEACTIVATE, code="self_deactivate")
        if user.active != active:
            user.active = active
            writes.update(user, session)
            audit(session, "user_activated" if active else "user_deactivated", user.username)
    return _row(user)


def reset_password(session: Session, user_id: str, password: str, confirm: str) -> None:
    """Set a user's password and unlock the account (admin). Only local-only columns
    change (the hash and the login counters never leave this machine): no change-log
    entry, and the row's `updated_at` stays."""
    session.require(*USER_ADMINS)
    found = Collector()
    check_new_password(password, confirm, found)
    found.raise_if_any()
    with db.atomic():
        user = _own_user(session, user_id)
        writes.update_local(
            user, password_hash=hash_password(password), failed_logins=0, locked_until=None
        )
        audit(session, "password_reset", user.username)
