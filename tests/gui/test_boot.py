"""The real app, booted as `python run.py` boots it (desktop.app.build_app), on an
empty data folder: set-up → login → every page of each role, logging out in between.

The other GUI tests build a `Shell` or a view by hand on a shared Tk root; this one
runs tests/helpers/boot_app.py in a process of its own, because build_app makes the
process's Tk root itself (theme, fonts, catalogue, error reporter).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.gui import EXPECTED_NAV

ROOT = Path(__file__).resolve().parents[2]


def test_the_real_app_boots_and_every_role_opens_every_page(root, tmp_path):
    # `root`: only for its skip when there is no display; the app makes its own.
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("TAVANA_", "XDG_"))
    }
    env |= {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TAVANA_LOG": str(tmp_path / "log" / "tavana.log"),
        "TAVANA_KEYRING": "off",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.boot_app", "boot-test-password"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert {role: set(keys) for role, keys in outcome["pages"].items()} == {
        role: EXPECTED_NAV[role] for role in ("admin", "clerk", "trainer", "shop")
    }
    # The database was made where the app keeps it, in the (empty) data folder.
    assert list((tmp_path / "data").rglob("*.sqlite3"))
    log = (tmp_path / "log" / "tavana.log").read_text(encoding="utf-8")
    assert "unexpected error" not in log and "uncaught" not in log
