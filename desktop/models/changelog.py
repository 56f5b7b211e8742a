"""The change log: what a sync file carries to headquarters.

Every write of a synced row appends one entry in the same transaction as the write
itself (desktop/models/writes.py, the only writer of this table):
entity, record id, operation, the full row after the change, and a sequence number
that counts up per center without gaps. An export packs the entries after the last
exported sequence; HQ applies them in order and refuses gaps.

One gap is made on purpose: a center restored from a backup older than what it had
sent HQ gives up the numbers HQ already holds (services/center_sync.py `resume`), and
its next change takes the number after them. The `setting` row SEQUENCE_FLOOR names
the last number given up; the numbers a center has used are the log's and that one.
"""

from __future__ import annotations

import json
from typing import Any

from peewee import CharField, DateTimeField, IntegerField, TextField

from desktop.models.base import LocalModel, utcnow
from desktop.models.chain import GENESIS

SEQUENCE_FLOOR = "sequence_floor:{}"  # setting key, of a center code
# Setting: JSON {"restored": N, "held": M} — this database was put back behind what HQ
# holds (services/backups.py, center_sync.py `take_back`); no change is logged meanwhile.
REWOUND = "sync_rewound"


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
        indexes = (
            (("center_code", "seq"), True),
            # The audit trail's listing (migration 0020): newest first, the whole log
            # or one user's, one table's, one record's entries.
            (("changed_at", "id"), False),
            (("changed_by", "changed_at", "id"), False),
            (("entity", "changed_at", "id"), False),
            (("entity_id", "id"), False),
        )

    @classmethod
    def last_seq(cls, center_code: str) -> int:
        """The center's last sequence number (0 before its first change)."""
        return cls.last_entry(center_code)[0]

    @classmethod
    def last_entry(cls, center_code: str) -> tuple[int, str]:
        """The center's last sequence number (its log's, or the last it gave up after a
        restore) and the hash its chain goes on from."""
        seq, chained, _ = cls.write_state(center_code)
        return seq, chained

    @classmethod
    def write_state(cls, center_code: str) -> tuple[int, str, bool]:
        """`last_entry`, and whether this database is held back (REWOUND: restored
        behind what HQ holds, no change until HQ's rows are back). Read before every
        logged write: one statement, written out, not built by peewee each time."""
        param = cls._meta.database.obj.param
        # (A database before migration 0018 has no chain: today's code on it in tests.)
        chain = '"entry_hash"' if "entry_hash" in cls._meta.fields else "NULL"
        row = cls._meta.database.execute_sql(
            f"SELECT c.seq, c.chain, s.value, r.key FROM (SELECT 1 AS one) o "
            f'LEFT JOIN (SELECT "seq" AS seq, {chain} AS chain FROM "{cls._meta.table_name}" '
            f'WHERE "center_code" = {param} ORDER BY "seq" DESC LIMIT 1) c ON 1 = 1 '
            f"LEFT JOIN setting s ON s.key = {param} LEFT JOIN setting r ON r.key = {param}",
            (center_code, SEQUENCE_FLOOR.format(center_code), REWOUND),
        ).fetchone()
        seq, chained, floor, rewound = row
        return max(int(seq or 0), int(floor or 0)), str(chained or GENESIS), rewound is not None

    @property
    def row(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.data)
        return loaded
