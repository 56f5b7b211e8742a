"""Who did what, for the center manager: logins, failed logins, user changes, reprints.

Local to the installation (not the sync payload): it records events, not data.
"""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, TextField

from desktop.models.base import LocalModel, utcnow


class AuditLog(LocalModel):
    id = AutoField()
    at = DateTimeField(default=utcnow, index=True)
    user_id = CharField(max_length=36, null=True)
    username = CharField(max_length=64, default="")
    action = CharField(max_length=64)
    detail = TextField(default="")
    # The audit trail's chain (models/chain.py): this entry's hash after the one before.
    entry_hash = CharField(max_length=64, null=True)

    class Meta:
        # The audit trail's listing (migration 0020): one action's or one user's
        # entries, newest first.
        indexes = (
            (("action", "at", "id"), False),
            (("username", "at", "id"), False),
        )
