"""An import killed at 50 moments spread over its run leaves HQ holding none or all of
the file, and a database whose integrity check passes (SQLite: one transaction per
file, its journal replayed on the next open)."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from desktop.models import HqImport, db
from desktop.services import applicants, center_sync
from desktop.services.demo_people import PeopleGenerator
from tests.helpers.sync import PASSWORD, headquarters, opened, rows_of

pytestmark = [pytest.mark.sqlite_only("kills a process writing an SQLite file"), pytest.mark.slow]
KILLS = 50
PEOPLE = 1_500  # 3,000 changes: an import long enough to be cut in its middle


def worker(hq: str, path: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.helpers.import_worker", hq, path, PASSWORD]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def test_an_import_killed_anywhere_holds_none_or_all_of_the_file(tmp_path):
    sites = headquarters(tmp_path)
    sites.add_center("TEH05", "مرکز منطقهٔ ۵")
    with sites.at("TEH05") as admin:
        people = PeopleGenerator(
            random.Random("crash"), count=PEOPLE, districts=list(range(1, 23)), taken_codes=set()
        ).batch(0, PEOPLE)
        with db.atomic():
            applicants.bulk_create(admin, people.cleans)
        exported = center_sync.export_changes(admin, tmp_path)
        assert exported is not None
        expected = rows_of({"TEH05"})
    template = tmp_path / "hq-template.sqlite3"
    shutil.copy(sites.hq, template)
    shutil.copy(sites.hq + ".keys", str(template) + ".keys")

    # One run to the end: how long an import takes here (to spread the kills over it).
    process = worker(sites.hq, str(exported.path))
    started = time.perf_counter()
    assert process.communicate("go\n", timeout=120)[0].strip() == "done"
    duration = time.perf_counter() - started

    rng = random.Random("kills")
    outcomes = {"none": 0, "all": 0}
    for kill in range(KILLS):
        target = tmp_path / f"hq-{kill}.sqlite3"
        shutil.copy(template, target)
        shutil.copy(str(template) + ".keys", str(target) + ".keys")
        process = worker(str(target), str(exported.path))
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
        time.sleep(rng.uniform(0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        with opened(str(target)):
            assert db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
            held = rows_of({"TEH05"})
            if HqImport.select().count():
                assert held == expected
                outcomes["all"] += 1
            else:
                assert all(not rows for rows in held.values())
                outcomes["none"] += 1
        target.unlink()
    assert sum(outcomes.values()) == KILLS
    print(f"kills: {outcomes}")
