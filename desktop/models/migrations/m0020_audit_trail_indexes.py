"""Indexes for the audit trail's listing (services/audit_trail.py).

The listing shows the change log and the audit log newest first, a page at a time, by
user, by table, by kind or by record; the change log had only its (center_code, seq)
index, so every page sorted the whole log (a million entries: a full scan per page),
and the audit log its time's. Each index here is walked newest first from where the
last page ended and stops at the page's end:
- change_log (changed_at, id): the whole trail, and any period;
- change_log (changed_by, changed_at, id): one user's changes;
- change_log (entity, changed_at, id): one table's;
- change_log (entity_id, id): one record's — a national code or serial searched, and
  the record as its change before left it (what an edit changed). The applicant
  file's history (services/applicants.py `change_history`) reads by it too;
- audit_log (action, at, id): one action's events (a kind or a table is a few);
- audit_log (username, at, id): one user's.
The id in each makes the order whole on PostgreSQL, where entries of one transaction
share their time (on SQLite it is the rowid an index holds anyway).
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator, migrate

INDEXES = (
    ("change_log", ("changed_at", "id")),
    ("change_log", ("changed_by", "changed_at", "id")),
    ("change_log", ("entity", "changed_at", "id")),
    ("change_log", ("entity_id", "id")),
    ("audit_log", ("action", "at", "id")),
    ("audit_log", ("username", "at", "id")),
)


def apply(database: Database, migrator: SchemaMigrator) -> None:
    migrate(*(migrator.add_index(table, columns, False) for table, columns in INDEXES))
