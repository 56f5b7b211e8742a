"""PostgreSQL as the database of several desks: its driver is an optional extra, and
what only a server with concurrent writers can show (with `--backend=postgres`,
tests/conftest.py; skipped on SQLite, whose writers the write lock serialises:
tests/test_write_lock.py)."""

from __future__ import annotations

import importlib
import threading

import pytest

from desktop.cli import main
from desktop.models import db, writes
from desktop.models.applicant import Partner
from desktop.models.backend import is_postgres
from desktop.models.changelog import ChangeLog
from desktop.models.db import DatabaseProblem, connect_database

# The module, not the proxy `desktop.models.db` that the package exports under its name.
database_module = importlib.import_module("desktop.models.db")

DESKS = 4
WRITES_PER_DESK = 25


def _desk(number: int, start: threading.Barrier, errors: list[BaseException]) -> None:
    """One desk: its own connection (peewee's are per thread), writing partner rows
    one transaction each, all desks at once."""
    by = writes.author("TEH05")
    try:
        start.wait()
        for index in range(WRITES_PER_DESK):
            with db.atomic():
                writes.insert(Partner(name=f"desk {number} partner {index}"), by)
    except BaseException as error:  # reported by the test, not lost in the thread
        errors.append(error)
    finally:
        db.close()


@pytest.mark.postgres_only
def test_desks_writing_at_once_get_one_gapless_change_log_sequence(database: None) -> None:
    assert is_postgres()
    start = threading.Barrier(DESKS)
    errors: list[BaseException] = []
    desks = [threading.Thread(target=_desk, args=(n, start, errors)) for n in range(DESKS)]
    for desk in desks:
        desk.start()
    for desk in desks:
        desk.join()
    assert errors == []
    seqs = [row.seq for row in ChangeLog.select().order_by(ChangeLog.seq)]
    total = DESKS * WRITES_PER_DESK
    assert seqs == list(range(1, total + 1))  # no duplicate, no gap
    # Each entry is the row it logs, in the order the rows were committed.
    logged = [row.entity_id for row in ChangeLog.select().order_by(ChangeLog.seq)]
    assert sorted(logged) == sorted(str(p.id) for p in Partner.select())


URL = "postgresql://tavana:secret@db.center.lan:5432/center"


def test_without_the_driver_the_command_line_names_the_extra(monkeypatch, capsys):
    monkeypatch.setattr(database_module, "postgres_driver_installed", lambda: False)
    assert main(["users", "list", "--db", URL]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "secret" not in err
    assert err.startswith(
        "error: cannot open postgresql://tavana:***@db.center.lan:5432/center: "
        "the PostgreSQL driver is not installed; install the extra `postgres`"
    )
    assert "pip install -e '.[postgres]'" in err


def test_without_the_driver_the_app_says_so_in_persian(monkeypatch):
    monkeypatch.setattr(database_module, "postgres_driver_installed", lambda: False)
    with pytest.raises(DatabaseProblem) as raised:
        connect_database(URL)
    assert raised.value.reason == "driver_missing"
    assert "PostgreSQL" in raised.value.message and "[postgres]" in raised.value.message
    assert "secret" not in raised.value.message


@pytest.mark.postgres_only
def test_text_compares_byte_by_byte_as_on_sqlite(database: None) -> None:
    """Every text column is COLLATE "C" whatever the server's locale: ORDER BY, ranges
    and unique keys mean what they mean on SQLite, and Persian order comes from the
    stored sort keys (desktop/models/backend.py)."""
    others = db.execute_sql(
        "SELECT table_name, column_name, collation_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text') "
        "AND table_name <> 'schema_version' AND COALESCE(collation_name, '') <> 'C'"
    ).fetchall()
    assert others == []
    names = ["یاس", "آرمان", "b", "B", "ک", "ب"]
    with db.atomic():
        for name in names:
            writes.insert(Partner(name=name), writes.author("TEH05"))
    query = Partner.select(Partner.name).order_by(Partner.name)
    assert [partner.name for partner in query] == sorted(names)  # as SQLite's BINARY
