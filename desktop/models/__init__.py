"""peewee models, one module per aggregate, bound to the one `db` proxy in db.py.

Nothing here imports tkinter. Services own transactions; models own query helpers.
"""

from desktop.models.audit import AuditLog
from desktop.models.base import BaseModel, SyncedModel, utcnow
from desktop.models.center import Center, Setting
from desktop.models.changelog import ChangeLog
from desktop.models.db import db
from desktop.models.user import Role, User

ALL_MODELS: list[type[BaseModel]] = [Center, Setting, User, ChangeLog, AuditLog]

__all__ = [
    "ALL_MODELS",
    "AuditLog",
    "BaseModel",
    "Center",
    "ChangeLog",
    "Role",
    "Setting",
    "SyncedModel",
    "User",
    "db",
    "utcnow",
]
