"""Logging in, locking out after repeated failures, changing one's own password."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from desktop.errors import UserError, ValidationError
from desktop.models import Center, Role, User, db, utcnow, writes
from desktop.services import users
from desktop.services.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from desktop.services.records import audit
from desktop.services.session import Session
from desktop.services.validation import Collector, check_new_password
from desktop.strings import Auth, Setup
from desktop.text.digits import format_number
from desktop.text.normalize import normalize_identifier

# After FREE_ATTEMPTS consecutive failures each further failure locks the account for
# a delay that doubles, from BASE_LOCK up to MAX_LOCK: slows guessing to a crawl while
# a clerk who mistypes a few times is never locked out for long.
FREE_ATTEMPTS = 5
BASE_LOCK = dt.timedelta(seconds=30)
MAX_LOCK = dt.timedelta(minutes=15)


def lock_delay(failures: int) -> dt.timedelta:
    if failures < FREE_ATTEMPTS:
        return dt.timedelta(0)
    doublings = min(failures - FREE_ATTEMPTS, 10)  # 30 s · 2¹⁰ is far past MAX_LOCK
    return min(BASE_LOCK * 2**doublings, MAX_LOCK)


def login(username: str, password: str, *, now: dt.datetime | None = None) -> Session:
    """Check the credentials and return a Session, or raise UserError (Persian)."""
    now = now or utcnow()
    name = normalize_identifier(username).lower()
    # This installation's own users: at HQ the table holds every center's too.
    local = Center.local()
    user = User.get_or_none(
        (User.username == name)
        & (User.center_code == (local.code if local else ""))
        & (User.deleted == False)  # noqa: E712
    )
    # Exactly one argon2 check on every path — unknown name, locked, inactive, wrong or
    # right password — so the time an answer takes does not tell which names exist.
    if user is None:
        verify_password(dummy_hash(), password)
        # What was typed is no one's user name (often a password typed in the wrong
        # field): it is not kept.
        audit(None, "login_failed", "unknown user name")
        raise UserError(Auth.BAD_CREDENTIALS, code="bad_credentials", field="password")
    password_ok = verify_password(user.password_hash, password)
    if user.locked_until and user.locked_until > now:
        seconds = int((user.locked_until - now).total_seconds()) + 1
        audit(_actor(user), "login_locked")
        raise UserError(
            Auth.LOCKED.format(seconds=format_number(seconds)), code="locked", field="password"
        )
    if not password_ok:
        with db.atomic():
            failures = user.failed_logins + 1
            delay = lock_delay(failures)
            writes.update_local(
                user, failed_logins=failures, locked_until=now + delay if delay else None
            )
            audit(_actor(user), "login_failed", f"attempt {failures}")
        raise UserError(Auth.BAD_CREDENTIALS, code="bad_credentials", field="password")
    if not user.active:
        raise UserError(Auth.INACTIVE, code="inactive", field="username")
    previous_login_at = user.last_login_at
    with db.atomic():
        changes: dict[str, Any] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
        if needs_rehash(user.password_hash):
            changes["password_hash"] = hash_password(password)
        writes.update_local(user, **changes)  # login counters: never synced, never logged
        audit(_actor(user), "login")
    return session_for(user, previous_login_at=previous_login_at)


def session_for(user: User, previous_login_at: dt.datetime | None = None) -> Session:
    center = Center.local()
    if center is None:
        raise UserError(Setup.NOT_DONE, code="not_initialised")
    return Session(
        user_id=str(user.id),
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        center_code=center.code,
        center_name=center.name,
        previous_login_at=previous_login_at,
        shop_id=user.shop,
        supervisor=user.supervisor,
    )


def change_password(session: Session, old_password: str, new_password: str, confirm: str) -> None:
    """Change one's own password. Only the hash changes, a local-only column that never
    leaves this machine: no change-log entry, and the row's `updated_at` stays."""
    user = User.get_by_id(session.user_id)
    if not verify_password(user.password_hash, old_password):
        raise ValidationError({"old_password": Auth.OLD_PASSWORD_WRONG})
    found = Collector()
    check_new_password(new_password, confirm, found, field="new_password")
    found.raise_if_any()
    if new_password == old_password:
        raise ValidationError({"new_password": Auth.PASSWORD_SAME})
    with db.atomic():
        writes.update_local(user, password_hash=hash_password(new_password))
        audit(session, "password_changed")


def change_display_name(session: Session, name: str) -> Session:
    """Set one's own full name (a person's name, never a user name): the greeting, the
    header, and what colleagues see in lists. Returns the session with the new name."""
    row = users.set_display_name(session, session.user_id, name)
    return replace(session, display_name=row.display_name)


@dataclass(frozen=True)
class _Actor:
    """A user before they have a session, as the audit trail names them."""

    user_id: str
    username: str


def _actor(user: User) -> _Actor:
    return _Actor(str(user.id), user.username)
