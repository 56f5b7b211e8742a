"""Sync files from two centers into headquarters, and HQ's acknowledgement back: HQ on
the backend under test (SQLite file or PostgreSQL), the centers on SQLite files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    Center,
    ChangeLog,
    HqRefusal,
    Role,
    User,
    db,
    deferred_indexes,
    utcnow,
    writes,
)
from desktop.models.reference_data import HQ_CENTER_CODE
from desktop.services import applicants, auth, backups, center_sync, certificates, users
from desktop.services.certificate_search import VerifyStatus
from desktop.services.hq import acks, centers, duplicates, imports
from desktop.services.setup import admin_session
from desktop.sync import envelope
from desktop.sync.apply import upsert_rows
from tests.helpers.courses import finished_course
from tests.helpers.people import person
from tests.helpers.sync import Sites, headquarters, rows_of


@pytest.fixture
def sites(tmp_path, postgres_databases):  # type: ignore[no-untyped-def]
    target = postgres_databases.url if postgres_databases else None
    built = headquarters(tmp_path, target)
    built.add_center("TEH05", "مرکز منطقهٔ ۵")
    built.add_center("TEH07", "مرکز منطقهٔ ۷")
    yield built
    if postgres_databases:
        postgres_databases.empty()


def export(sites: Sites, code: str, out: Path) -> Path:
    with sites.at(code) as admin:
        exported = center_sync.export_changes(admin, out)
    assert exported is not None
    return exported.path


def test_two_centers_merge_at_hq_field_by_field(sites, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    with sites.at("TEH05") as admin:
        shared = person(admin, "زهرا")
        _, ids = finished_course(admin, admin.user_id, ["P" * 10])
        certificate = certificates.issue_certificate(admin, ids[0])
        a_rows = rows_of({"TEH05"})
        national = Applicant.get_by_id(shared).national_code
    with sites.at("TEH07") as admin:
        applicants.register(
            admin,
            applicants.ApplicantInput(
                first_name="زهرا", last_name="احمدی", father_name="علی", national_code=national,
                gender="female", birth_date="1370/01/01", mobile="09121234567", district="7",
                categories=["job_seeker"],
            ),
        )  # fmt: skip
        b_rows = rows_of({"TEH07"})
    files = [export(sites, "TEH05", out), export(sites, "TEH07", out)]
    with sites.at_hq() as hq:
        outcomes = imports.import_files(hq, files)
        assert [o.status for o in outcomes] == ["imported", "imported"], outcomes
        merged = rows_of({"TEH05", "TEH07"})
        for table, rows in merged.items():
            expected = {**a_rows.get(table, {}), **b_rows.get(table, {})}
            assert rows == expected, table
        listed = {row.code: row for row in centers.list_centers(hq)}
        assert listed["TEH05"].applicants >= 2 and listed["TEH07"].files == 1
        cases = duplicates.list_duplicates(hq)
        assert [(c.national_code, c.centers, c.status) for c in cases] == [
            (national, ["TEH05", "TEH07"], "open")
        ]
        # The certificate verifies at HQ, which holds TEH05's key from its file.
        assert certificates.verify(hq, certificate.qr_payload).status is VerifyStatus.VALID
        # The same files again: already imported, nothing changes.
        again = imports.import_files(hq, files)
        assert [o.status for o in again] == ["already imported", "already imported"]
        assert rows_of({"TEH05", "TEH07"}) == merged


def _applicant_indexes() -> set[str]:
    return {
        name
        for (name,) in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'applicant'"
        )
    }


@pytest.mark.sqlite_only("SQLite's merge leaves indexes out; PostgreSQL's keeps them")
def test_a_batch_as_large_as_hq_is_merged_with_the_scattered_indexes_built_at_the_end(
    sites, tmp_path, monkeypatch
):
    """The first merge of a city writes without the applicant indexes that are only ways
    in (names, mobiles, days) and builds them once at the end; the unique keys and the
    national-code index stay throughout. A batch smaller than what HQ holds keeps them."""
    monkeypatch.setattr(imports, "LARGE_BATCH", 2)
    out = tmp_path / "usb"
    out.mkdir()
    with sites.at("TEH05") as admin:
        person(admin, "زهرا"), person(admin, "مریم")
    with sites.at("TEH07") as admin:
        person(admin, "سارا")
    first = [export(sites, "TEH05", out), export(sites, "TEH07", out)]
    with sites.at("TEH05") as admin:
        person(admin, "نرگس")
        expected = rows_of({"TEH05"})
    later = export(sites, "TEH05", out)
    with sites.at("TEH07"):
        for table, rows in rows_of({"TEH07"}).items():
            expected.setdefault(table, {}).update(rows)
    with sites.at_hq() as hq:
        assert db.execute_sql("SELECT count(*) FROM applicant").fetchone()[0] == 0
        indexes = _applicant_indexes()
        during: list[set[str]] = []
        outcomes = imports.import_files(
            hq, first, progress=lambda *_: during.append(_applicant_indexes())
        )
        assert [o.status for o in outcomes] == ["imported"] * 2
        left_out = indexes - during[0]
        assert left_out and all(seen == during[0] for seen in during)
        for name in left_out:
            columns = {row[2] for row in db.execute_sql(f'PRAGMA index_info("{name}")')}
            assert columns & imports._SCATTERED and "national_code" not in columns
        assert _applicant_indexes() == indexes
        assert not deferred_indexes.has_pending(db.obj)
        # One applicant more into the three HQ holds: written with every index in place.
        during.clear()
        assert imports.import_files(
            hq, [later], progress=lambda *_: during.append(_applicant_indexes())
        )[0].changes
        assert during == [indexes]
        merged = rows_of({"TEH05", "TEH07"})
        for table, rows in merged.items():
            assert rows == expected.get(table, {}), table
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_hq_stays_the_only_local_center_after_merging_centers(sites, tmp_path):
    """A center's row is local at the center; at HQ only HQ's own is. (HQ once took
    `is_local` from the files: on PostgreSQL the command line then acted as a center's
    administrator and the second `hq import` was refused.)"""
    out = tmp_path / "usb"
    out.mkdir()
    files = [export(sites, code, out) for code in ("TEH05", "TEH07")]
    with sites.at("TEH05"):
        assert Center.local().code == "TEH05"
    with sites.at_hq():
        hq = admin_session()
        assert [o.status for o in imports.import_files(hq, files)] == ["imported"] * 2
        assert [c.code for c in Center.select().where(Center.is_local)] == [HQ_CENTER_CODE]
        assert admin_session().role == Role.HQ_ADMIN.value
        # A file written before `is_local` stayed local still carries it: dropped.
        row = Center.get(Center.code == "TEH05").sync_row()
        row.update(is_local=True, name="مرکز ۵", updated_at=utcnow().isoformat())
        with db.atomic(), writes.unlogged("a row as an older center sends it"):
            report = upsert_rows(Center, [row])
        assert report.updated == 1
        assert Center.get(Center.code == "TEH05").name == "مرکز ۵"
        assert Center.local().code == HQ_CENTER_CODE


def test_nothing_to_export_and_a_training_database(sites, tmp_path):
    with sites.at("TEH05") as admin:
        export_first = center_sync.export_changes(admin, tmp_path)
        assert export_first is not None  # set-up's own rows (the center, its admin, keys)
        assert center_sync.export_changes(admin, tmp_path) is None
        status = center_sync.sync_status(admin)
        assert status.pending_changes == 0 and status.last_exported_seq == export_first.seq_to


def test_a_gap_a_changed_byte_and_an_unknown_center_are_refused(sites, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    first = export(sites, "TEH05", out)
    with sites.at("TEH05") as admin:
        person(admin, "مریم")
    second = export(sites, "TEH05", out)
    damaged = out / "damaged.tavana-sync"
    data = bytearray(first.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    with sites.at_hq() as hq:
        gap = imports.import_file(hq, second)
        assert gap.status == "refused" and gap.reason == "gap"
        assert gap.detail.startswith("missing 1-")
        flipped = imports.import_file(hq, damaged)
        assert flipped.status == "refused" and flipped.reason == "bad_signature"
        assert imports.import_file(hq, first).status == "imported"
        assert imports.import_file(hq, second).status == "imported"
        assert {r.reason for r in HqRefusal.select()} == {"gap", "bad_signature"}


def test_acknowledgement_brings_keys_and_revocations_to_other_centers(sites, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    with sites.at("TEH05") as admin:
        _, ids = finished_course(admin, admin.user_id, ["P" * 10])
        issued = certificates.issue_certificate(admin, ids[0])
    files = [export(sites, "TEH05", out), export(sites, "TEH07", out)]
    with sites.at_hq() as hq:
        assert all(o.status == "imported" for o in imports.import_files(hq, files))
        ack = acks.write_ack(hq, "TEH07", out)
    with sites.at("TEH07") as admin:
        assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.UNKNOWN
        read = center_sync.import_ack(admin, ack)
        assert read.centers >= 1
        assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.VALID
        assert certificates.verify(admin, issued.serial).status is VerifyStatus.VALID
        status = center_sync.sync_status(admin)
        assert status.last_acknowledged_seq == status.last_exported_seq
        assert status.last_ack_at is not None
    with sites.at("TEH05") as admin:
        certificates.revoke_certificate(admin, issued.id, "نام نادرست")
    revoked = export(sites, "TEH05", out)
    with sites.at_hq() as hq:
        assert imports.import_file(hq, revoked).status == "imported"
        ack = acks.write_ack(hq, "TEH07", out)
    with sites.at("TEH07") as admin:
        center_sync.import_ack(admin, ack)
        assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.REVOKED
        # An acknowledgement for another center, or changed, is refused.
        with pytest.raises(UserError):
            center_sync.import_ack(admin, revoked)


def test_the_header_is_readable_without_keys(sites, tmp_path):
    path = export(sites, "TEH05", tmp_path)
    header = envelope.read_header(path.read_bytes())
    assert header["center_code"] == "TEH05" and header["kind"] == "changes"
    assert header["seq_from"] == 1 and header["seq_to"] >= header["seq_from"]
    assert set(header["counts"]) >= {"center", "user"}
    assert header["previous_sha256"] == "" and header["training"] is False
    assert json.loads(json.dumps(header)) == header
    assert HQ_CENTER_CODE not in header["counts"]


def test_a_newer_schema_a_training_file_and_an_unknown_center_are_refused(sites, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    path = export(sites, "TEH05", out)
    with sites.at("TEH05") as admin:
        hq_keys = center_sync.headquarters()
        key = center_sync.center_keys.signing_key(admin.center_code)
    header = envelope.read_header(path.read_bytes())
    for name in ("kind", "payload_bytes"):
        header.pop(name)
    refused = {}
    for reason, changes in {
        "newer_schema": {"schema_version": header["schema_version"] + 1},
        "training": {"training": True},
        "unknown_center": {"center_code": "ZZ9"},
    }.items():
        forged = out / f"{reason}.tavana-sync"
        forged.write_bytes(
            envelope.seal(
                "changes", {**header, **changes}, b"", signer=key, recipient=hq_keys.reading_key
            )
        )
        refused[reason] = forged
    with sites.at_hq() as hq:
        for reason, forged in refused.items():
            outcome = imports.import_file(hq, forged)
            assert (outcome.status, outcome.reason) == ("refused", reason)
        assert imports.import_file(hq, path).status == "imported"


def test_each_administrator_manages_only_their_own_installations_users(sites, tmp_path):
    path = export(sites, "TEH05", tmp_path)
    with sites.at("TEH05") as admin:
        with pytest.raises(ValidationError) as refused:
            users.add_user(
                admin, username="boss", display_name="رئیس ستاد", role="hq_admin",
                password="12345678", password_confirm="12345678",
            )  # fmt: skip
        assert set(refused.value.errors) == {"role"}
    with sites.at_hq() as hq:
        assert imports.import_file(hq, path).status == "imported"  # TEH05's users are here too
        users.add_user(
            hq, username="analyst", display_name="کارشناس ستاد", role="hq_analyst",
            password="12345678", password_confirm="12345678",
        )  # fmt: skip
        with pytest.raises(ValidationError):
            users.add_user(
                hq, username="clerk9", display_name="کارشناس", role="clerk",
                password="12345678", password_confirm="12345678",
            )  # fmt: skip
        assert {row.username for row in users.list_users(hq)} == {"hqadmin", "analyst"}
        theirs = User.get((User.center_code == "TEH05") & (User.username == "admin"))
        with pytest.raises(UserError) as hidden:
            users.set_active(hq, str(theirs.id), False)
        assert hidden.value.code == "not_found"
        assert auth.login("analyst", "12345678").role.value == "hq_analyst"


@pytest.mark.postgres_only
def test_hq_on_postgresql_is_keyed_by_center_for_citus(sites, tmp_path):
    """Every primary and unique key of a center's tables holds center_code, foreign keys
    between them join on it, the reference tables keep theirs; a file still merges, and
    the wider keys refuse what the narrow ones did."""
    from peewee import IntegrityError

    from desktop.models import db
    from desktop.models.distribution import REFERENCE_TABLES, distributed_tables, primary_key

    out = tmp_path / "usb"
    out.mkdir()
    with sites.at("TEH05") as admin:
        person(admin, "زهرا")
        _, ids = finished_course(admin, admin.user_id, ["P" * 10])
        certificates.issue_certificate(admin, ids[0])
    exported = export(sites, "TEH05", out)
    with sites.at_hq() as hq:
        for table in distributed_tables():
            assert primary_key(table) == ["center_code", "id"], table
        for table in REFERENCE_TABLES:
            assert primary_key(table) == ["id"], table
        narrow = db.execute_sql(
            "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class t ON t.oid = x.indrelid WHERE x.indisunique AND t.relname = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = x.indrelid "
            "AND a.attnum = ANY (x.indkey) AND a.attname = 'center_code')",
            (distributed_tables(),),
        ).fetchall()
        assert narrow == []
        joins = dict(
            db.execute_sql(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid = 'status_change'::regclass"
            ).fetchall()
        )
        assert any(
            "(center_code, applicant_id) REFERENCES applicant(center_code, id)" in definition
            for definition in joins.values()
        ), joins
        outcomes = imports.import_files(hq, [exported])
        assert [o.status for o in outcomes] == ["imported"], outcomes
        assert rows_of({"TEH05"})["certificate"]
        serial = db.execute_sql("SELECT serial FROM certificate LIMIT 1").fetchone()[0]
        # A second certificate of the center with the same serial (a new id, code, number).
        with pytest.raises(IntegrityError, match="serial"), db.atomic():
            db.execute_sql(
                "INSERT INTO certificate SELECT (jsonb_populate_record(c, jsonb_build_object("
                "'id', gen_random_uuid(), 'code', 'ZZZZZZZZ', 'number', 999))).* "
                "FROM certificate c "
                "WHERE serial = %s",
                (serial,),
            )


def test_a_copy_put_back_by_hand_behind_hq_cannot_export(sites, tmp_path):
    """HQ's acknowledgement holds numbers the database lacks: someone put an older copy
    back by hand. Its next changes would reuse them: exports are refused."""
    out = tmp_path / "usb"
    out.mkdir()
    path = Path(sites.centers["TEH05"])
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, copy)  # closed: the file is whole without a log
    with sites.at("TEH05") as admin:
        person(admin, "زهرا")
    sent = export(sites, "TEH05", out)
    with sites.at_hq() as hq:
        assert [o.status for o in imports.import_files(hq, [sent])] == ["imported"]
        ack = acks.write_ack(hq, "TEH05", out)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(copy, path)
    with sites.at("TEH05") as admin:
        behind = ChangeLog.last_seq("TEH05")
        read = center_sync.import_ack(admin, ack)
        assert read.last_sequence > behind
        assert backups.rewound() == (behind, read.last_sequence)
        with pytest.raises(UserError) as refused:
            center_sync.export_changes(admin, out)
        assert refused.value.code == "rewound"
