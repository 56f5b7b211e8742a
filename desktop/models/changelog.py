"""The change log: what a sync file carries to headquarters.

Every write of a synced row appends one entry in the same transaction as the write
itself (desktop/models/writes.py, the only writer of this table):
entity, record id, operation, the full row after the change, and a sequence number
that counts up per center without gaps. An export packs the entries after the last
exported sequence; HQ applies them in order and refuses gaps.
"""

from __future__ import annotations

import json
from typing import Any

from peewee import CharField, DateTimeField, IntegerField, TextField

from desktop.models.base import LocalModel, utcnow
from desktop.models.chain import GENESIS


class ChangeLog(LocalModel):
    center_code = CharField(max_length=16)
    seq = IntegerField()
    entity = CharField(max_length=64)
    entity_id = CharField(max_length=36)
    operation = CharField(max_length=16)  # create, update, delete
    data = TextField()  # JSON of SyncedModel.sync_row()
    changed_at = DateTimeField(default=utcnow)
    changed_by = CharField(max_length=36, null=True)  # user id
    # The audit trail's chain (models/chain.py): this entry's hash after the one before.
    entry_hash = CharField(max_length=64, null=True)

    class Meta:
        indexes = ((("center_code", "seq"), True),)

    @classmethod
    def last_seq(cls, center_code: str) -> int:
        """The center's last sequence number (0 before its first change). Read before
        every logged write: the statement is written out, not built by peewee each time."""
        param = cls._meta.database.obj.param
        row = cls._meta.database.execute_sql(
            f'SELECT MAX("seq") FROM "{cls._meta.table_name}" WHERE "center_code" = {param}',
            (center_code,),
        ).fetchone()
        return int(row[0] or 0) if row else 0

    @classmethod
    def last_entry(cls, center_code: str) -> tuple[int, str]:
        """The center's last sequence number and the hash its chain goes on from."""
        param = cls._meta.database.obj.param
        # (A database before migration 0018 has no chain: today's code on it in tests.)
        chain = '"entry_hash"' if "entry_hash" in cls._meta.fields else "NULL"
        row = cls._meta.database.execute_sql(
            f'SELECT "seq", {chain} FROM "{cls._meta.table_name}" WHERE '
            f'"center_code" = {param} ORDER BY "seq" DESC LIMIT 1',
            (center_code,),
        ).fetchone()
        return (int(row[0]), str(row[1] or GENESIS)) if row else (0, GENESIS)

    @property
    def row(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.data)
        return loaded
