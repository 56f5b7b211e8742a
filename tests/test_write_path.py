"""The one write path as a test: no code outside `desktop/models/writes.py` writes a
synced model (or the change log) directly.

Two nets. This file parses the source of services, commands and the CLI and fails on
any direct write call — a class-level write on a synced model or the change log
(`Applicant.update(…)`, `User.create(…)`, `ChangeLog.record(…)`) and any instance
`save()`/`delete_instance()` (a service has no other thing to save, bar the few listed
in ALLOWED_SAVES). And at run time `SyncedModel` itself raises `UnloggedWrite` on any
write that does not come through `desktop.models.writes`, tested at the bottom.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop import models
from desktop.models import Applicant, ChangeLog, SyncedModel, db, writes
from desktop.models.base import UnloggedWrite
from tests.factories import register

ROOT = Path(__file__).resolve().parent.parent / "desktop"
# Views are not here: they cannot import models at all (tests/test_layers.py).
CHECKED = ["services", "commands", "cli.py", "printing", "sync"]

CLASS_WRITES = {
    "create",
    "insert",
    "insert_many",
    "insert_from",
    "replace",
    "replace_many",
    "update",
    "delete",
    "delete_by_id",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "set_by_id",
    "record",
}
INSTANCE_WRITES = {"save", "delete_instance"}
# Receivers of `.save()` that are not models, each with what it is.
ALLOWED_SAVES = {
    "self._book": "an openpyxl workbook written to the export file",
    "store": "the private-key store (a file or the OS keyring)",
    "canvas": "a reportlab canvas",
    "book": "an openpyxl workbook (the settlement sheet)",
}


def synced_names() -> set[str]:
    names = {
        name
        for name, value in vars(models).items()
        if isinstance(value, type) and issubclass(value, SyncedModel) and value is not SyncedModel
    }
    return names | {"ChangeLog"}


def direct_writes(source: str, filename: str = "<source>") -> list[str]:
    """`file:line call` for each direct write in `source`."""
    targets = synced_names()
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        receiver = ast.unparse(node.func.value)
        class_write = method in CLASS_WRITES and receiver in targets
        instance_write = method in INSTANCE_WRITES and receiver not in ALLOWED_SAVES
        if class_write or instance_write:
            found.append(f"{filename}:{node.lineno} {receiver}.{method}(…)")
    return found


def checked_files() -> list[Path]:
    files: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def test_no_code_writes_a_synced_model_around_the_write_path():
    found = []
    for path in checked_files():
        found += direct_writes(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


@pytest.mark.parametrize(
    "line",
    [
        "applicant.save()",
        "row.delete_instance()",
        "Applicant.update(status='x').where(Applicant.id == 1).execute()",
        "User.create(username='a')",
        "Partner.insert_many(rows).execute()",
        "ChangeLog.record(row, 'update')",
        "Course.delete().execute()",
    ],
)
def test_the_check_catches_a_bypassing_write(line):
    assert direct_writes(f"def f():\n    {line}\n") != []


@pytest.mark.parametrize(
    "line",
    ["found.update(errors)", "self._book.save(path)", "Applicant.select()", "Setting.write(k, v)"],
)
def test_the_check_lets_other_calls_be(line):
    assert direct_writes(f"def f():\n    {line}\n") == []


def test_every_model_is_declared_synced_or_local():
    from desktop.models import ALL_MODELS
    from desktop.models.base import LocalModel

    undeclared = [m.__name__ for m in ALL_MODELS if not issubclass(m, SyncedModel | LocalModel)]
    assert undeclared == []


# -- at run time -------------------------------------------------------------------------


@pytest.fixture
def applicant(admin):
    return Applicant.get_by_id(register(admin))


@pytest.mark.parametrize(
    "write",
    [
        lambda row: row.save(),
        lambda row: Applicant.update(notes="x").where(Applicant.id == row.id).execute(),
        lambda row: Applicant.delete().where(Applicant.id == row.id).execute(),
        lambda row: Applicant.insert_many([]).execute(),
        lambda row: row.delete_instance(),
    ],
)
def test_a_synced_model_refuses_a_write_around_the_write_path(applicant, write):
    with db.atomic(), pytest.raises(UnloggedWrite):
        write(applicant)


def test_the_write_path_logs_the_row_after_the_change(admin, applicant):
    before = ChangeLog.last_seq(admin.center_code)
    with db.atomic():
        applicant.notes = "یادداشت"
        writes.update(applicant, admin)
    entry = ChangeLog.get(ChangeLog.seq == before + 1)
    assert (entry.entity, entry.entity_id, entry.operation) == (
        "applicant",
        str(applicant.id),
        "update",
    )
    assert entry.row["notes"] == "یادداشت" and entry.changed_by == admin.user_id
    assert "sort_name" not in entry.row  # local-only columns never travel


def test_an_unchanged_row_or_a_local_only_change_is_not_logged(admin, applicant):
    before = ChangeLog.last_seq(admin.center_code)
    with db.atomic():
        writes.update(applicant, admin)
        applicant.sort_name = applicant.sort_name + "x"
        writes.update(applicant, admin)
    assert ChangeLog.last_seq(admin.center_code) == before


def test_the_write_path_refuses_to_run_outside_a_transaction(admin, applicant):
    applicant.notes = "x"
    with pytest.raises(writes.OutsideTransaction):
        writes.update(applicant, admin)
