"""Apply change-log entries to a database: the row each entry carries replaces the row
with its id (or creates it), in sequence order.

This is the contract the sync file relies on (tests/test_replay.py holds every service
to it): a center's change log alone, replayed into a database that holds only what
every center holds (the reference data HQ owns), gives the same synced tables, row by
row and field by field. HQ's import (a later issue) applies whole files set-based;
this is the plain, row-at-a-time statement of the same rule.

Local-only columns never travel: a replayed row gets their defaults (an empty
password hash: a user replayed at HQ cannot log in there).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peewee import Field, IntegerField

from desktop.models import SYNCED_MODELS, ChangeLog, SyncedModel, writes
from desktop.models.base import from_sync_row


def synced_models() -> dict[str, type[SyncedModel]]:
    """Every synced model by its table name (the change log's `entity`)."""
    return {model._meta.table_name: model for model in SYNCED_MODELS}


def replay(entries: Iterable[ChangeLog]) -> int:
    """Apply `entries` (in the order given: sequence order) inside the caller's
    transaction; how many were applied."""
    models = synced_models()
    count = 0
    with writes.unlogged("rows that come from a change log"):
        for entry in entries:
            model = models[entry.entity]
            values = {**_local_defaults(model), **from_sync_row(model, entry.row)}
            update = {name: value for name, value in values.items() if name != "id"}
            model.insert(**values).on_conflict(conflict_target=[model.id], update=update).execute()
            count += 1
    return count


def _local_defaults(model: type[SyncedModel]) -> dict[str, Any]:
    """Values for the local-only columns a replayed row lacks (they never travel)."""
    return {name: _empty(model._meta.fields[name]) for name in model.local_only_fields}


def _empty(field: Field) -> Any:
    if field.default is not None:
        return field.default() if callable(field.default) else field.default
    if field.null:
        return None
    return 0 if isinstance(field, IntegerField) else ""
