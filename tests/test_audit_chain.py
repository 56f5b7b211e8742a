"""The audit trail's hash chains (models/chain.py, services/audit_trail.py, `audit
verify`): whole after ordinary work; any entry edited or deleted — in the change log or
the audit log, first, middle or last-but-one — is found, and named."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import AuditLog, ChangeLog, db
from desktop.models.chain import GENESIS, entry_hash
from desktop.services import auth
from desktop.services.audit_trail import verify
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.cli import init_database, run
from tests.helpers.people import person


@pytest.fixture
def worked(admin):  # type: ignore[no-untyped-def]
    """Five people registered and a few logins: two chains of several entries."""
    for name in ("مریم", "زهرا", "نرگس", "سارا", "لیلا"):
        person(admin, name)
    for _ in range(3):
        auth.login(admin.username, ADMIN_PASSWORD)
    return admin


def test_ordinary_work_leaves_both_chains_whole(worked):
    verdict = verify(worked)
    assert verdict.broken is None
    assert verdict.changes == ChangeLog.select().count() >= 10
    assert verdict.events == AuditLog.select().count() >= 3


def test_the_chain_is_the_hash_of_the_entry_before_and_the_entry(worked):
    first, second = ChangeLog.select().order_by(ChangeLog.seq).limit(2)
    fields = ("center_code", "seq", "entity", "entity_id", "operation", "data",
              "changed_at", "changed_by")  # fmt: skip
    assert first.entry_hash == entry_hash(GENESIS, [getattr(first, f) for f in fields])
    assert second.entry_hash == entry_hash(first.entry_hash, [getattr(second, f) for f in fields])


def _edit(table: str, key: str, number: int, column: str, value: object) -> None:
    with db.atomic():
        db.execute_sql(
            f"UPDATE {table} SET {column} = {db.obj.param} WHERE {key} = {db.obj.param}",
            (value, number),
        )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_change_entry_edited_or_deleted_is_found(worked, data):
    seqs = [c.seq for c in ChangeLog.select(ChangeLog.seq).order_by(ChangeLog.seq)]
    seq = data.draw(st.sampled_from(seqs[:-1]), label="seq")  # the very last: see chain.py
    how = data.draw(st.sampled_from(["data", "changed_by", "operation", "delete"]), label="how")
    with db.atomic() as transaction:
        if how == "delete":
            db.execute_sql(f"DELETE FROM change_log WHERE seq = {db.obj.param}", (seq,))
        else:
            _edit("change_log", "seq", seq, how, '{"x": 1}' if how == "data" else "someone")
        broken = verify(worked).broken
        transaction.rollback()
    assert broken is not None and broken.table == "change_log"
    assert broken.entry == seq and broken.reason == ("missing" if how == "delete" else "edited")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_audit_entry_edited_or_deleted_is_found(worked, data):
    ids = [a.id for a in AuditLog.select(AuditLog.id).order_by(AuditLog.id)]
    number = data.draw(st.sampled_from(ids[:-1]), label="id")
    how = data.draw(st.sampled_from(["detail", "username", "at", "delete"]), label="how")
    with db.atomic() as transaction:
        if how == "delete":
            db.execute_sql(f"DELETE FROM audit_log WHERE id = {db.obj.param}", (number,))
        else:
            _edit("audit_log", "id", number, how, "2020-01-01 00:00:00" if how == "at" else "x")
        broken = verify(worked).broken
        transaction.rollback()
    assert broken is not None and broken.table == "audit_log"
    # A deleted entry shows at the one after it (whose hash was made over it).
    after = ids[ids.index(number) + 1] if how == "delete" else number
    assert broken.entry == after and broken.reason == "edited"
    assert verify(worked).broken is None  # rolled back: whole again


def test_audit_verify_on_the_command_line(tmp_path, capsys, close_database_after):
    path = init_database(tmp_path)
    code, out, err = run(capsys, "audit", "verify", "--db", path)
    assert code == 0 and out.startswith("whole: "), err
    import sqlite3

    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE change_log SET changed_by = 'x' WHERE seq = 1")
    code, out, _ = run(capsys, "audit", "verify", "--db", path)
    assert code == 1 and out.strip() == "broken: change_log TEH05 entry 1: edited"


def _reads() -> list[tuple[str, str]]:
    return [
        (a.action, a.detail)
        for a in AuditLog.select().order_by(AuditLog.id)
        if not a.action.startswith("login")
    ]


def test_sensitive_reads_are_in_the_trail_once_each(admin, tmp_path):
    from desktop.services import applicant_export, applicants
    from desktop.services.applicant_search import ApplicantSearch

    record = applicants.get(admin, person(admin, "مریم"))
    assert _reads() == []  # a service reading for itself is not a person's read
    applicants.open_file(admin, record.id)
    applicants.open_file(admin, record.id)  # refreshed: the same read
    ApplicantSearch(admin, record.national_code[:6])  # being typed: not yet a lookup
    for _ in range(3):  # typed whole, then paged
        ApplicantSearch(admin, record.national_code).count()
    applicant_export.export(admin, ApplicantSearch(admin, "مریم"), tmp_path / "out.csv")
    assert _reads() == [
        ("applicant.opened", record.file_number),
        ("applicant.search_national_code", record.national_code),
        ("applicant.export", "1 rows, csv: مریم"),
    ]
    assert verify(admin).broken is None
