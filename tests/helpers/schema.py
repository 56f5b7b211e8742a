"""Today's services on a database an older migration left: the columns added since are
taken off the models for the while, so the rows they write are the rows of that day."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from desktop.models import AuditLog, ChangeLog, Enrollment, User

# migration number → the model columns it added (to hide from a database before it)
ADDED_COLUMNS = {
    10: [(User, ("shop", "supervisor"))],
    14: [(Enrollment, ("reported_result", "reported_attendance"))],
    18: [(ChangeLog, ("entry_hash",)), (AuditLog, ("entry_hash",))],
}


@contextmanager
def models_as_of(version: int) -> Iterator[None]:
    """Inside: the models without the columns migrations after `version` added."""
    hidden = [
        (model, model._meta.fields[name])
        for number, changes in ADDED_COLUMNS.items()
        if number > version
        for model, names in changes
        for name in names
    ]
    for model, field in hidden:
        model._meta.remove_field(field.name)
    try:
        yield
    finally:
        for model, field in reversed(hidden):
            model._meta.add_field(field.name, field)
