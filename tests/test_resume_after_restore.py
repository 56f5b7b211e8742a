"""A center put back behind what HQ holds: its exports are refused until it reads an
acknowledgement HQ wrote with the center's rows. Then the work HQ holds comes back
(with the file numbers it gave out, so none is given twice), the changes made since
the restore are numbered after HQ's, the numbers given up are a gap the audit trail
accepts, and HQ receives one unbroken history — on SQLite and on PostgreSQL at HQ."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import UserError
from desktop.models import SYNCED_MODELS, Applicant, ChangeLog, SyncExport, db
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import applicants, audit_trail, backups, center_sync, reference
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.hq import acks, imports
from desktop.sync.replay import replay
from tests.helpers.people import person
from tests.helpers.sync import Sites, headquarters


@pytest.fixture
def sites(tmp_path, postgres_databases):  # type: ignore[no-untyped-def]
    target = postgres_databases.url if postgres_databases else None
    built = headquarters(tmp_path, target)
    built.add_center("TEH05", "مرکز منطقهٔ ۵")
    yield built
    if postgres_databases:
        postgres_databases.empty()


def export(sites: Sites, out: Path) -> Path:
    with sites.at("TEH05") as admin:
        exported = center_sync.export_changes(admin, out)
    assert exported is not None
    return exported.path


def hq_imports(sites: Sites, *files: Path) -> list[str]:
    with sites.at_hq() as hq:
        outcomes = imports.import_files(hq, list(files))
        return [o.status if o.status != "refused" else f"refused: {o.detail}" for o in outcomes]


def ack(sites: Sites, out: Path, *, with_rows: bool) -> Path:
    with sites.at_hq() as hq:
        return acks.write_ack(hq, "TEH05", out, with_rows=with_rows)


def at_hq(sites: Sites) -> dict[str, str]:
    """TEH05's applicants at HQ: file number → first name."""
    with sites.at_hq():
        rows = Applicant.select().where(Applicant.center_code == "TEH05")
        return {applicants.file_number("TEH05", a.number): a.first_name for a in rows}


def center_rows() -> dict[str, list[dict]]:
    return {
        model._meta.table_name: [
            row.sync_row()
            for row in model.select().where(model.center_code == "TEH05").order_by(model.id)
        ]
        for model in SYNCED_MODELS
    }


def replays_to_the_same_rows() -> bool:
    """The open center's log, replayed alone into an empty database, makes its rows."""
    original = center_rows()
    entries = list(ChangeLog.select().order_by(ChangeLog.seq))
    target = str(db.obj.database)
    close_database()
    open_database(":memory:")
    reference.seed_reference_data("تهران")
    with db.atomic():
        replay(entries)
    made = center_rows()
    close_database()
    open_database(target)
    return made == original


def test_restore_behind_hq_then_take_back_and_go_on(sites, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    with sites.at("TEH05") as admin:
        person(admin, "زهرا")
        taken = backups.back_up_now(admin, tmp_path)
    first = export(sites, usb)
    with sites.at("TEH05") as admin:
        person(admin, "مریم")  # after the backup, sent to HQ, then lost with the desk
    second = export(sites, usb)
    assert hq_imports(sites, first, second) == ["imported", "imported"]
    with sites.at("TEH05") as admin:
        held = ChangeLog.last_seq("TEH05")
        assert backups.restore(admin, taken.path).rewound == (taken.last_seq, held)
    plain_ack, rows_ack = ack(sites, usb, with_rows=False), ack(sites, usb, with_rows=True)
    with sites.at("TEH05") as admin:
        before = ChangeLog.select().count()
        with pytest.raises(UserError) as held_back:  # no file number given out twice
            person(admin, "نرگس")
        assert held_back.value.code == "rewound" and ChangeLog.select().count() == before
        with pytest.raises(UserError) as refused:
            center_sync.export_changes(admin, usb)
        assert refused.value.code == "rewound"
        # An acknowledgement without the rows leaves it as it is.
        plain = center_sync.import_ack(admin, plain_ack)
        assert plain.resumed is None and backups.rewound() is not None
        read = center_sync.import_ack(admin, rows_ack)
        resumed = read.resumed
        assert resumed is not None and backups.rewound() is None
        assert resumed.given_up == (taken.last_seq + 1, held)
        assert resumed.taken_back >= 1  # مریم, at least
        assert resumed.renumbered == resumed.taken_back  # the rows back, logged after HQ's
        assert ChangeLog.last_seq("TEH05") == held + resumed.renumbered
        assert resumed.next_seq == held + resumed.renumbered + 1
        # مریم is back with her file number; the next person gets a new one.
        person(admin, "نرگس")
        numbers = [a.number for a in Applicant.select()]
        assert len(numbers) == len(set(numbers)) == 3
        here = {applicants.file_number("TEH05", a.number): a.first_name for a in Applicant.select()}
        assert sorted(here.values()) == sorted(["زهرا", "مریم", "نرگس"])
        assert ApplicantSearch(admin, "مریم").count() == 1  # found: its search keys made
        verdict = audit_trail.verify(admin)
        assert verdict.broken is None, verdict
        assert replays_to_the_same_rows()  # the log alone still makes these tables
        status = center_sync.sync_status(admin)
        assert status.last_exported_seq == held
        assert status.pending_changes == ChangeLog.last_seq("TEH05") - held
    third = export(sites, usb)
    assert third.name.startswith(f"TEH05-{held + 1:09d}-")
    assert hq_imports(sites, third) == ["imported"]
    assert at_hq(sites) == here


def test_a_copy_put_back_by_hand_is_found_and_resolved_by_the_acknowledgement(sites, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    path = Path(sites.centers["TEH05"])
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, copy)
    with sites.at("TEH05") as admin:
        person(admin, "زهرا")
    assert hq_imports(sites, export(sites, usb)) == ["imported"]
    with_rows = ack(sites, usb, with_rows=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(copy, path)  # someone put an older copy back by hand
    with sites.at("TEH05") as admin:
        behind = ChangeLog.last_seq("TEH05")
        read = center_sync.import_ack(admin, with_rows)
        assert read.resumed is not None and read.resumed.renumbered == read.resumed.taken_back
        assert read.resumed.given_up == (behind + 1, read.last_sequence)
        assert [a.first_name for a in Applicant.select()] == ["زهرا"]
        assert SyncExport.select().count() == 1  # the ledger's row for HQ's numbers
        person(admin, "نرگس")
    assert hq_imports(sites, export(sites, usb)) == ["imported"]
    assert sorted(at_hq(sites).values()) == sorted(["زهرا", "نرگس"])


def test_on_the_command_line(sites, tmp_path, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    db = sites.centers["TEH05"]
    with sites.at("TEH05") as admin:
        taken = backups.back_up_now(admin, tmp_path)
        person(admin, "زهرا")
    assert hq_imports(sites, export(sites, usb)) == ["imported"]
    with sites.at("TEH05") as admin:
        backups.restore(admin, taken.path)
    capsys.readouterr()
    assert main(["sync", "export", "--db", db, "--out", str(usb)]) == 1
    assert capsys.readouterr().err.startswith("error: restored from a backup behind")
    assert main(["hq", "ack", "--db", sites.hq, "--center", "TEH05", "--out", str(usb),
                 "--with-rows"]) == 0  # fmt: skip
    written = Path(capsys.readouterr().out.strip())
    assert written.name.startswith("TEH05-ack-rows-")
    assert main(["sync", "ack-import", "--db", db, str(written)]) == 0
    out = capsys.readouterr().out
    assert "restored behind HQ, now resolved: " in out and "rows taken back" in out
    assert main(["sync", "export", "--db", db, "--out", str(usb)]) == 0
    assert main(["audit", "verify", "--db", db]) == 0
