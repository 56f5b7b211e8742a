"""Base models.

Every record that travels to headquarters is a `SyncedModel`: a time-ordered UUID (v7)
made on the machine that created it (index locality, no collisions between centers),
the creating center's code, UTC created/updated timestamps, and a soft-delete flag —
nothing synced is ever physically removed.

A synced model refuses every write that does not come through the one write path,
`desktop.models.writes` (which logs it): `save()`, `create()`, and the bulk
`insert*`/`replace*`/`update()`/`delete()` queries raise `UnloggedWrite` unless that
module permits them. Reads are untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from peewee import BooleanField, CharField, DateTimeField, Model, UUIDField
from uuid6 import uuid7

from desktop.models.db import db


def utcnow() -> dt.datetime:
    """Naive UTC: what every timestamp column stores (shown in Jalali, local time)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class UnloggedWrite(RuntimeError):
    """A synced row written around `desktop.models.writes`: a bug, never a person's."""


_permitted: ContextVar[bool] = ContextVar("write_permitted", default=False)


@contextmanager
def write_permit() -> Iterator[None]:
    """Let synced models write inside the block (for `desktop.models.writes` alone)."""
    token = _permitted.set(True)
    try:
        yield
    finally:
        _permitted.reset(token)


def _require_permit(model: type[BaseModel], what: str) -> None:
    if not _permitted.get():
        raise UnloggedWrite(
            f"{model.__name__}.{what} outside desktop.models.writes: the change log would miss it"
        )


class SyncedModel(BaseModel):
    id = UUIDField(primary_key=True, default=uuid7)
    center_code = CharField(max_length=16, index=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    deleted = BooleanField(default=False, index=True)

    # Columns that never leave this machine (e.g. password hashes).
    local_only_fields: ClassVar[tuple[str, ...]] = ()

    def save(self, *args: Any, **kwargs: Any) -> int:
        self.updated_at = utcnow()
        return super().save(*args, **kwargs)

    def sync_row(self) -> dict[str, Any]:
        """The row as the change log carries it: plain JSON-able values, local fields out."""
        return sync_row_of(type(self), self.__data__)


def sync_row_of(model: type[SyncedModel], data: dict[str, Any]) -> dict[str, Any]:
    """`sync_row` of a row given as field values (bulk paths build no instances)."""
    row: dict[str, Any] = {}
    for name in model._meta.sorted_field_names:
        if name in model.local_only_fields:
            continue
        value = data.get(name)  # raw values: a foreign key is its id
        if value is None:
            field = model._meta.fields[name]
            value = None if callable(field.default) else field.default
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        elif value is not None and not isinstance(value, bool | int | float | str):
            value = str(value)
        row[name] = value
    return row


def tuples(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a select as tuples (peewee's stubs type `.tuples()` as models)."""
    return list(query.tuples())
