"""The merge's laws, for histories cut into random files: a file imported twice is
imported once; one center's files then another's equal the other way round; a history
cut into files anywhere, imported in order, equals one file of all of it; and a file
with any byte changed is refused with nothing changed.

Each example works on copies of databases built once per module (HQ set up; two
centers with registrations, edits, status steps, a deletion and a certificate): SQLite
files, copied in milliseconds. The merge on PostgreSQL is tests/test_sync.py's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import ChangeLog, HqImport, HqRefusal
from desktop.services import applicants, center_sync, certificates
from desktop.services.hq import imports
from tests.helpers.courses import finished_course
from tests.helpers.people import person
from tests.helpers.sync import Sites, headquarters, opened, rows_of

pytestmark = pytest.mark.sqlite_only("copies of SQLite files per example")
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    """HQ and two centers with histories; how many changes each center's log holds."""
    folder = tmp_path_factory.mktemp("sites")
    sites = headquarters(folder)
    sites.add_center("TEH05", "مرکز منطقهٔ ۵")
    sites.add_center("TEH07", "مرکز منطقهٔ ۷")
    lengths = {}
    for code in ("TEH05", "TEH07"):
        with sites.at(code) as admin:
            ids = [person(admin, name) for name in ("زهرا", "مریم", "علی", "رضا")]
            applicants.change_status(admin, ids[0], "counselling")
            applicants.delete(admin, ids[3], "تکراری")
            _, enrolled = finished_course(admin, admin.user_id, ["P" * 10])
            certificates.issue_certificate(admin, enrolled[0])
            lengths[code] = ChangeLog.last_seq(code)
    return sites, lengths


def copy_of(built, folder: Path) -> Sites:  # type: ignore[no-untyped-def]
    """The built sites, copied into `folder` (a fresh one per example)."""
    sites, _ = built
    folder.mkdir(parents=True)
    copied = Sites(folder, str(folder / "hq.sqlite3"))
    for source, target in [(sites.hq, copied.hq)] + [
        (path, str(folder / Path(path).name)) for path in sites.centers.values()
    ]:
        for suffix in ("", ".keys"):
            if Path(source + suffix).exists():
                shutil.copy(source + suffix, target + suffix)
    copied.centers = {code: str(folder / Path(p).name) for code, p in sites.centers.items()}
    return copied


def files_for(sites: Sites, code: str, cuts: list[int], out: Path) -> list[Path]:
    """The center's whole history as files ending at each cut (and at its end)."""
    files = []
    with sites.at(code) as admin:
        for upto in [*cuts, None]:
            exported = center_sync.export_changes(admin, out, upto=upto)
            if exported is not None:
                files.append(exported.path)
    return files


def hq_state(sites: Sites) -> tuple[dict, list]:
    with sites.at_hq():
        ledger = sorted((r.center_code, r.seq_from, r.seq_to) for r in HqImport.select())
        return rows_of({"TEH05", "TEH07"}), ledger


def cuts_in(length: int):  # type: ignore[no-untyped-def]
    return st.lists(st.integers(1, length - 1), max_size=4, unique=True).map(sorted)


_counter = iter(range(1_000_000))


def fresh(built, tmp_path: Path) -> tuple[Sites, Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path / f"example-{next(_counter)}"
    sites = copy_of(built, folder)
    out = folder / "usb"
    out.mkdir()
    return sites, out


@EXAMPLES
@given(data=st.data())
def test_a_history_cut_anywhere_equals_one_file_and_twice_equals_once(built, tmp_path, data):
    _, lengths = built
    cuts = data.draw(cuts_in(lengths["TEH05"]))
    split, out = fresh(built, tmp_path)
    pieces = files_for(split, "TEH05", cuts, out)
    whole, whole_out = fresh(built, tmp_path)
    one = files_for(whole, "TEH05", [], whole_out)
    assert len(pieces) == len(cuts) + 1 and len(one) == 1
    with split.at_hq() as hq:
        assert {o.status for o in imports.import_files(hq, pieces)} == {"imported"}
        again = imports.import_files(hq, pieces)
        assert {o.status for o in again} == {"already imported"}
    with whole.at_hq() as hq:
        assert {o.status for o in imports.import_files(hq, one)} == {"imported"}
    assert hq_state(split)[0] == hq_state(whole)[0]


@EXAMPLES
@given(data=st.data())
def test_one_center_then_the_other_equals_the_other_way_round(built, tmp_path, data):
    _, lengths = built
    cuts_a = data.draw(cuts_in(lengths["TEH05"]))
    cuts_b = data.draw(cuts_in(lengths["TEH07"]))
    first, out = fresh(built, tmp_path)
    a = files_for(first, "TEH05", cuts_a, out)
    b = files_for(first, "TEH07", cuts_b, out)
    second, _ = fresh(built, tmp_path)
    with first.at_hq() as hq:
        for path in [*a, *b]:
            assert imports.import_file(hq, path).status == "imported"
    with second.at_hq() as hq:
        for path in [*b, *a]:
            assert imports.import_file(hq, path).status == "imported"
    assert hq_state(first) == hq_state(second)


@EXAMPLES
@given(data=st.data())
def test_any_byte_changed_is_refused_and_changes_nothing(built, tmp_path, data):
    sites, out = fresh(built, tmp_path)
    (path,) = files_for(sites, "TEH05", [], out)
    raw = bytearray(path.read_bytes())
    position = data.draw(st.integers(0, len(raw) - 1))
    raw[position] ^= 1 << data.draw(st.integers(0, 7))
    path.write_bytes(bytes(raw))
    before = hq_state(sites)
    with sites.at_hq() as hq:
        outcome = imports.import_file(hq, path)
        assert outcome.status == "refused", (position, outcome)
        assert HqRefusal.select().count() == 1
    assert hq_state(sites) == before


def test_the_history_is_long_enough_to_cut(built):
    with opened(built[0].centers["TEH05"]):
        assert ChangeLog.last_seq("TEH05") == built[1]["TEH05"] > 10
