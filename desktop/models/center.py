"""The center this installation belongs to, and its local settings."""

from __future__ import annotations

from typing import ClassVar

from peewee import BooleanField, CharField, TextField

from desktop.models.base import LocalModel, SyncedModel


class Center(SyncedModel):
    """A social service center. At a center there is one local row (is_local);
    at HQ there is one row per center whose files were merged."""

    code = CharField(max_length=16, unique=True)
    name = CharField(max_length=200)
    city = CharField(max_length=100, default="")
    is_local = BooleanField(default=False)
    # Which row is this installation's own is a fact of the installation: HQ merges
    # every center's row and must keep only its own as local.
    local_only_fields: ClassVar[tuple[str, ...]] = ("is_local",)

    @classmethod
    def local(cls) -> Center | None:
        return cls.get_or_none(cls.is_local == True)  # noqa: E712 (peewee expression)


class Setting(LocalModel):
    """Key/value settings of this installation (not synced)."""

    key = CharField(max_length=100, primary_key=True)
    value = TextField()

    @classmethod
    def read(cls, key: str, default: str | None = None) -> str | None:
        row = cls.get_or_none(cls.key == key)
        return row.value if row else default

    @classmethod
    def write(cls, key: str, value: str) -> None:
        # An upsert both engines speak (SQLite's INSERT OR REPLACE is its own).
        cls.insert(key=key, value=value).on_conflict(
            conflict_target=[cls.key], update={cls.value: value}
        ).execute()
