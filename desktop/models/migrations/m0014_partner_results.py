"""A partner body's results sheet: what it said of each person is kept on the enrollment.

`reported_result` ("passed" or "failed") and `reported_attendance` (the percent the
sheet gave, or none) stand in for the center's own attendance marks when completion
is judged (desktop/services/course_results.py). Both are empty on every existing row:
those courses keep being judged by their marks, as before. A column already there is
left as it is, so the step can be walked again.
"""

from __future__ import annotations

from peewee import CharField, Database, IntegerField
from playhouse.migrate import SchemaMigrator, migrate

TABLE = "enrollment"
COLUMNS = {
    "reported_result": CharField(max_length=8, null=True),
    "reported_attendance": IntegerField(null=True),
}


def apply(database: Database, migrator: SchemaMigrator) -> None:
    present = {column.name for column in database.get_columns(TABLE)}
    migrate(
        *(
            migrator.add_column(TABLE, name, field)
            for name, field in COLUMNS.items()
            if name not in present
        )
    )
