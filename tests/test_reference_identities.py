"""Districts and partner bodies have the same identities at every center and at HQ
(UUIDv5 of a stable code, HQ's center code), and migration 0009 moves an older
database's random ids to them with every row and change-log entry that points at them."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from peewee import Database, SqliteDatabase

from desktop.models import ChangeLog, District, Partner
from desktop.models.db import close_database
from desktop.models.migrations import migrate_to_latest
from desktop.models.opening import open_database
from desktop.models.reference_data import (
    DISTRICT_COUNT,
    HQ_CENTER_CODE,
    PARTNER_BODIES,
    REFERENCE_NAMESPACE,
    REFERENCE_SINCE,
    district_id,
    partner_id,
)
from desktop.services import auth, reference
from desktop.services.setup import initialise_center

NOW = dt.datetime(2025, 3, 1, 8, 30)


def _reference_rows() -> list[dict[str, Any]]:
    """Every district and partner row, field for field as a sync file carries it."""
    return [
        row.sync_row() for model in (District, Partner) for row in model.select().order_by(model.id)
    ]


def test_two_fresh_set_ups_seed_the_same_identities():
    seen = []
    for code in ("TEH05", "TEH09"):
        open_database(":memory:")
        try:
            initialise_center(center_code=code, center_name="مرکز خدمات اجتماعی",
                              city="تهران", admin_username="admin",
                              admin_display_name="مدیر مرکز", password="admin-pass-1")  # fmt: skip
            admin = auth.login("admin", "admin-pass-1")
            assert (
                ChangeLog.select().where(ChangeLog.entity.in_(["district", "partner"])).count() == 0
            )
            assert reference.partners(admin)
            seen.append(_reference_rows())
        finally:
            close_database()
    assert seen[0] == seen[1]  # field for field, timestamps included
    rows = {row["id"]: row for row in seen[0]}
    assert {row["center_code"] for row in rows.values()} == {HQ_CENTER_CODE}
    assert {row["created_at"] for row in rows.values()} == {REFERENCE_SINCE.isoformat()}
    assert rows[str(district_id("تهران", 5))]["number"] == 5
    assert (
        len([row for row in rows.values() if row.get("city") == "تهران"]) == DISTRICT_COUNT["تهران"]
    )
    for code, name, _ in PARTNER_BODIES:
        assert rows[str(partner_id(code))]["name"] == name


def test_the_identities_are_pinned():
    """The namespace and the codes never change: every center must derive the same ids."""
    assert uuid.UUID("3b6f0c5e-8d2a-4f71-9c4e-2a7d1e5b9f03") == REFERENCE_NAMESPACE
    assert district_id("تهران", 1) == uuid.uuid5(REFERENCE_NAMESPACE, "district:تهران:1")
    assert [code for code, _, _ in PARTNER_BODIES] == [
        "tvto",
        "acecr",
        "barakat",
        "alavi",
        "university",
        "municipality",
        "imam-khomeini-relief",
        "welfare",
    ]
    assert partner_id("tvto") == uuid.uuid5(REFERENCE_NAMESPACE, "partner:tvto")


# -- migration 0009 ----------------------------------------------------------------------


def _insert(database: Database, table: str, **values: Any) -> None:
    """A row of `table` as the schema of the day has it: `values`, and something of the
    column's type in every other required column."""
    filler = {"INTEGER": 0, "DATE": "2025-01-01", "DATETIME": NOW}
    row = dict(values)
    for column in database.get_columns(table):
        automatic = column.primary_key and column.data_type == "INTEGER"
        if column.name not in row and not column.null and not automatic:
            row[column.name] = filler.get(column.data_type, "x")
    marks = ", ".join("?" for _ in row)
    database.execute_sql(
        f'INSERT INTO "{table}" ({", ".join(row)}) VALUES ({marks})', tuple(row.values())
    )


def _log(database: Database, seq: int, entity: str, row: dict[str, Any]) -> None:
    _insert(
        database,
        "change_log",
        center_code="TEH05",
        seq=seq,
        entity=entity,
        entity_id=row["id"],
        operation="create",
        data=json.dumps(row, ensure_ascii=False, sort_keys=True),
        changed_at=NOW,
    )


def test_version_7_database_moves_to_the_stable_ids_with_every_pointer(tmp_path):
    path = tmp_path / "v7.sqlite3"
    database = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    migrate_to_latest(database, target=2)
    _insert(database, "center", id="01c0", center_code="TEH05", code="TEH05",
            name="مرکز منطقهٔ ۵", city="تهران", is_local=1)  # fmt: skip
    migrate_to_latest(database, target=7)  # 0003 seeds districts and partners, random ids
    old = dict(database.execute_sql("SELECT name, id FROM partner").fetchall())
    old_districts = database.execute_sql("SELECT id FROM district").fetchall()
    assert len(old) == len(PARTNER_BODIES) and len(old_districts) == 22
    barakat, welfare = uuid.UUID(old["بنیاد برکت"]), uuid.UUID(old["سازمان بهزیستی"])
    applicant = uuid.uuid4()
    _insert(database, "applicant", id=applicant.hex, center_code="TEH05", file_number="T-1",
            national_code="0084575948")  # fmt: skip
    outcomes = {uuid.uuid4(): barakat, uuid.uuid4(): None}
    for outcome, partner in outcomes.items():
        _insert(database, "outcome", id=outcome.hex, center_code="TEH05",
                applicant_id=applicant.hex, partner_id=partner and partner.hex)  # fmt: skip
    course = uuid.uuid4()
    _insert(database, "course", id=course.hex, center_code="TEH05", code="C-1",
            partner_id=welfare.hex)  # fmt: skip
    # The log holds the rows as written: foreign keys as dashed UUIDs.
    _log(database, 1, "outcome", {"id": str(next(iter(outcomes))), "partner": str(barakat),
                                  "employer": "کارگاه"})  # fmt: skip
    _log(database, 2, "course", {"id": str(course), "partner": str(welfare), "title": "خیاطی"})
    _log(database, 3, "applicant", {"id": str(applicant), "notes": str(barakat)})
    database.close()

    open_database(path)  # migrates to the latest version, as the app does
    try:
        assert {p.id: p.name for p in Partner.select()} == {
            partner_id(code): name for code, name, _ in PARTNER_BODIES
        }
        assert {p.center_code for p in Partner.select()} == {HQ_CENTER_CODE}
        assert {(d.created_at, d.center_code) for d in District.select()} == {
            (REFERENCE_SINCE, HQ_CENTER_CODE)
        }
        assert {d.id for d in District.select()} == {district_id("تهران", n) for n in range(1, 23)}
        raw = District._meta.database.execute_sql
        assert raw("PRAGMA foreign_key_check").fetchall() == []
        pointed = dict(raw("SELECT id, partner_id FROM outcome").fetchall())
        assert pointed == {
            outcomes_id.hex: partner_id("barakat").hex if partner else None
            for outcomes_id, partner in outcomes.items()
        }
        assert raw("SELECT partner_id FROM course").fetchone() == (partner_id("welfare").hex,)
        # The log replays to the same pointers; other entities are left as they were.
        logged = {entry.entity: entry.row for entry in ChangeLog.select()}
        assert logged["outcome"]["partner"] == str(partner_id("barakat"))
        assert logged["outcome"]["employer"] == "کارگاه"
        assert logged["course"]["partner"] == str(partner_id("welfare"))
        assert logged["applicant"]["notes"] == str(barakat)
    finally:
        close_database()
