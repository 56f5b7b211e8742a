"""Small helpers every service needs the same way: the live row of an id (or the
person's "not found"), an id as typed turned into a UUID, the names of users, and an
audit entry. One copy each, so "not found" means the same everywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from peewee import PostgresqlDatabase

from desktop.errors import UserError
from desktop.models import AuditLog, SyncedModel, User, db
from desktop.models.base import tuples, utcnow
from desktop.models.chain import AUDIT_FIELDS, GENESIS, chained

Row = TypeVar("Row", bound=SyncedModel)


def as_uuid(value: object) -> uuid.UUID | None:
    """`value` as a UUID, or None when it is not one (an id from a form or the CLI)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value).strip())
    except ValueError:
        return None


def live(model: type[Row], row_id: object, not_found: str, *, include_deleted: bool = False) -> Row:
    """The row of `model` with id `row_id` that is not deleted (or, with
    `include_deleted`, deleted or not); else UserError(`not_found`, code="not_found").
    A malformed id is not found, never a crash."""
    key = as_uuid(row_id)
    row = model.get_or_none(model.id == key) if key else None
    if row is None or (row.deleted and not include_deleted):
        raise UserError(not_found, code="not_found")
    return row


def fk(instance: Any, name: str) -> Any:
    """The raw value of a foreign key (peewee's `<name>_id` is invisible to mypy)."""
    return instance.__data__.get(name)


def user_names(ids: Iterable[object] | None = None) -> dict[str, str]:
    """{user id: full name}: of the given ids, or of every user."""
    query = User.select(User.id, User.display_name)
    if ids is not None:
        keys = list({key for key in map(as_uuid, ids) if key})
        if not keys:
            return {}
        query = query.where(User.id.in_(keys))
    return {str(uid): str(name) for uid, name in tuples(query)}


class Actor(Protocol):
    """Who did it, as the audit trail names them (a `Session` is one)."""

    @property
    def user_id(self) -> str | None: ...

    @property
    def username(self) -> str: ...


def audit(actor: Actor | None, action: str, detail: str = "", *, username: str = "") -> None:
    """One entry in the audit trail (local to this installation: events, not data).
    `username` names someone when there is no actor yet (a login)."""
    entry = {
        "at": utcnow(),
        "user_id": actor.user_id if actor else None,
        "username": actor.username if actor else username,
        "action": action,
        "detail": detail,
    }
    with db.atomic():  # IMMEDIATE on SQLite: the last hash read and the entry written as one
        if isinstance(db.obj, PostgresqlDatabase):  # several desks: one entry at a time
            db.execute_sql("SELECT pg_advisory_xact_lock(hashtext('audit_log'))")
        if "entry_hash" in AuditLog._meta.fields:  # (before migration 0018: no chain)
            newest = AuditLog.select(AuditLog.entry_hash).order_by(AuditLog.id.desc()).limit(1)
            chained(newest.scalar() or GENESIS, [entry], AUDIT_FIELDS)
        AuditLog.create(**entry)


def audit_read(actor: Actor, action: str, detail: str) -> None:
    """A sensitive read in the audit trail (a file opened, a national code searched, an
    export, a print): who and when. The same read again straight after — a search
    paged, a file refreshed — is one entry, not one per repaint."""
    newest = (
        AuditLog.select(AuditLog.user_id, AuditLog.action, AuditLog.detail)
        .order_by(AuditLog.id.desc())
        .limit(1)
        .tuples()
        .first()
    )
    if newest != (actor.user_id, action, detail):
        audit(actor, action, detail)
