"""A clerk saves while another program is writing (item 18): the window says it waits,
without running the event loop inside the save; after a bounded wait the form says in
Persian that nothing was saved and keeps what was typed, and a later save goes through.
The notice goes once the save is over, and keys pressed meanwhile do nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.models import Applicant
from desktop.models.db import SQLITE_PRAGMAS, close_database, db
from desktop.models.opening import open_database
from desktop.services import auth, users
from desktop.strings.database import DatabaseMessages
from desktop.views.applicant_file import ApplicantFile
from desktop.views.lock_wait import LockWaitNotice
from tests.factories import applicant_input, set_up_center
from tests.gui.conftest import pump
from tests.helpers.cli import WriteLockHolder
from tests.helpers.gui import CONTROL, fill_applicant, key, open_view

BUSY_START = DatabaseMessages.BUSY.split("{")[0]


@dataclass
class LockedSave:
    """A clerk's filled-in registration form, another program holding the write lock,
    and the app's notice on the window."""

    window: Any
    view: Any
    form: Any
    national_code: str
    holder: WriteLockHolder
    notice: LockWaitNotice

    def save(self) -> None:
        key(self.form.fields["address"], "s", CONTROL)

    def on_wait(self, also: Any) -> None:
        """At the start of the wait: the notice, then `also()` (a look, a key press)."""

        def waiting() -> None:
            self.notice()
            also()

        db.obj.on_lock_wait = waiting

    def settle(self) -> None:
        """Let Tk run its timers until the notice is gone (it goes after DRAIN_MS)."""
        for _ in range(300):
            self.window.update()
            if not self.notice.shown:
                return
            time.sleep(0.01)
        raise AssertionError("the notice did not go")


@pytest.fixture
def clerk_on_a_file(tmp_path, monkeypatch):
    monkeypatch.setitem(SQLITE_PRAGMAS, "busy_timeout", 100)  # one attempt: 0.1 s
    path = tmp_path / "center.sqlite3"
    database = open_database(path)
    database.write_lock_wait = 0.5
    admin = set_up_center()
    users.add_user(admin, username="clerk1", display_name="زهرا احمدی", role="clerk",
                   password="12345678")  # fmt: skip
    yield path, auth.login("clerk1", "12345678")
    close_database()


@pytest.fixture
def locked(big_window, clerk_on_a_file):
    path, clerk = clerk_on_a_file
    view = open_view(big_window, clerk)
    form = view.open_new()
    person = applicant_input()
    fill_applicant(form, **{k: v for k, v in person.__dict__.items() if k != "categories"})
    form.categories.set(["job_seeker"])
    notice = LockWaitNotice(big_window)
    db.obj.on_lock_wait = notice
    holder = WriteLockHolder(path)
    yield LockedSave(big_window, view, form, person.national_code, holder, notice)
    holder.release()


def test_a_waiting_save_shows_the_notice_then_goes_through(locked):
    seen: dict[str, object] = {}

    def look_then_release() -> None:
        # What a person sees at this moment: the band drawn over the window, a busy
        # cursor. Then the other program finishes, and the save may go on.
        seen["mapped"] = locked.notice.band.winfo_ismapped()
        seen["text"] = locked.notice.band.logical_text
        seen["cursor"] = str(locked.window.cget("cursor"))
        locked.holder.release()

    locked.on_wait(look_then_release)
    locked.save()
    assert seen == {"mapped": True, "text": DatabaseMessages.WAITING, "cursor": "watch"}
    assert isinstance(locked.view.page, ApplicantFile)  # saved once the lock came free
    assert Applicant.select().count() == 1
    locked.settle()
    assert not locked.notice.band.winfo_ismapped()
    assert str(locked.window.cget("cursor")) == ""


def test_the_notice_goes_when_the_save_gives_up(locked):
    locked.save()
    assert locked.notice.waits == 1  # it waited, and said so
    locked.settle()
    assert not locked.notice.band.winfo_ismapped()


def test_a_save_that_gives_up_keeps_the_form_and_a_later_save_goes_through(locked):
    locked.save()
    locked.settle()
    form = locked.form
    assert locked.view.page is form  # still the form, with what was typed
    assert form.summary.logical_text.startswith(BUSY_START)
    assert form.summary.logical_text.endswith(DatabaseMessages.BUSY.split("}")[-1])
    assert form.fields["national_code"].get() == locked.national_code
    assert Applicant.select().count() == 0
    locked.holder.release()
    locked.save()
    assert isinstance(locked.view.page, ApplicantFile)
    assert Applicant.select().count() == 1


def test_keys_pressed_during_the_wait_do_not_wipe_the_outcome(locked):
    """A person who presses Escape (leave the form: "discard what was typed?") while the
    window seems stuck must still find the form, with what was typed and the "not
    saved" message, and no question they did not mean to ask."""
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed")
    # A real key press: X queues it, Tk reads it only once the save is over (a
    # generated event would skip the grab, as no real one can).
    locked.on_wait(lambda: subprocess.run(["xdotool", "key", "Escape"], check=True, timeout=30))
    locked.form.fields["address"].focus_force()
    pump(locked.window)
    locked.save()
    locked.settle()
    form = locked.form
    assert locked.view.page is form and form.question is None  # no "discard?" asked
    assert form.summary.logical_text.startswith(BUSY_START)
    assert form.fields["national_code"].get() == locked.national_code


def test_a_wait_on_a_worker_thread_leaves_tk_alone(big_window):
    import threading

    notice = LockWaitNotice(big_window)
    worker = threading.Thread(target=notice)
    worker.start()
    worker.join()
    assert not notice.shown


def test_the_app_wires_the_notice_to_its_database(tmp_path):
    """The real start-up path (build_app), in its own process: it makes its own root."""
    script = (
        "from desktop.app import build_app\n"
        "from desktop.models.db import db\n"
        f"root, context = build_app({str(tmp_path / 'tavana.sqlite3')!r})\n"
        "print(type(db.obj.on_lock_wait).__name__)\n"
        "context.checkpointer and context.checkpointer.stop(db)\n"
        "root.destroy()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "TAVANA_LOG": str(tmp_path / "tavana.log")},
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "LockWaitNotice"
