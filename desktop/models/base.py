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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Model,
    UUIDField,
)
from uuid6 import uuid7

from desktop.models.db import db


def utcnow() -> dt.datetime:
    """Naive UTC: what every timestamp column stores (shown in Jalali, local time)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class LocalModel(BaseModel):
    """State of this installation that never travels and needs no change log: settings,
    the audit trail, the change log itself. Every model is a `SyncedModel` or a
    `LocalModel` (tests/test_write_path.py checks), so the write-path rule knows what
    not to log; columns of a synced row that stay local are its `local_only_fields`."""


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
        _require_permit(type(self), "save")
        return super().save(*args, **kwargs)

    @classmethod
    def insert(cls, *args: Any, **kwargs: Any) -> Any:
        _require_permit(cls, "insert")
        return super().insert(*args, **kwargs)

    @classmethod
    def insert_many(cls, *args: Any, **kwargs: Any) -> Any:
        _require_permit(cls, "insert_many")
        return super().insert_many(*args, **kwargs)

    @classmethod
    def insert_from(cls, *args: Any, **kwargs: Any) -> Any:
        _require_permit(cls, "insert_from")
        return super().insert_from(*args, **kwargs)

    @classmethod
    def replace(cls, *args: Any, **kwargs: Any) -> Any:
        _require_permit(cls, "replace")
        return super().replace(*args, **kwargs)

    @classmethod
    def replace_many(cls, *args: Any, **kwargs: Any) -> Any:
        _require_permit(cls, "replace_many")
        return super().replace_many(*args, **kwargs)

    @classmethod
    def update(cls, *args: Any, **kwargs: Any) -> Any:
        _require_permit(cls, "update")
        return super().update(*args, **kwargs)

    @classmethod
    def delete(cls) -> Any:
        _require_permit(cls, "delete")
        return super().delete()

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


def from_sync_row(model: type[SyncedModel], row: dict[str, Any]) -> dict[str, Any]:
    """The inverse of `sync_row_of`: field values from a change-log row (ISO dates and
    times back to dates and times, ids back to UUIDs). Names the model does not have
    are refused: a row from a newer schema is not guessed at."""
    values: dict[str, Any] = {}
    for name, value in row.items():
        field = model._meta.fields[name]  # KeyError: a column this schema lacks
        if value is not None:
            if isinstance(field, ForeignKeyField):
                field = field.rel_field
            if isinstance(field, DateTimeField):
                value = dt.datetime.fromisoformat(value)
            elif isinstance(field, DateField):
                value = dt.date.fromisoformat(value)
            elif isinstance(field, UUIDField):
                value = uuid.UUID(value)
        values[name] = value
    return values


def tuples(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a select as tuples (peewee's stubs type `.tuples()` as models)."""
    return list(query.tuples())
