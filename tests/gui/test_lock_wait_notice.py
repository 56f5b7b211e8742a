"""While a save waits for another program's write lock, the window says so (item 18:
"waits with progress"), without running the event loop inside the save; the notice goes
once the save is over, whether it went through or gave up."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.models import Applicant
from desktop.strings.database import DatabaseMessages
from desktop.views.applicant_file import ApplicantFile
from desktop.views.lock_wait import LockWaitNotice
from tests.factories import applicant_input
from tests.gui.conftest import pump
from tests.gui.test_applicants_gui import CONTROL, big_window, fill, key, open_view  # noqa: F401
from tests.gui.test_write_lock_gui import clerk_on_a_file  # noqa: F401
from tests.test_write_lock import WriteLockHolder


@pytest.fixture
def notice(big_window, clerk_on_a_file):  # noqa: F811 (fixtures)
    from desktop.models.db import db

    notice = LockWaitNotice(big_window)
    db.obj.on_lock_wait = notice
    return notice


def test_a_waiting_save_shows_the_notice_then_goes_through(
    big_window,  # noqa: F811
    clerk_on_a_file,  # noqa: F811
    notice,
):
    path, clerk = clerk_on_a_file
    view = open_view(big_window, clerk)
    form = view.open_new()
    person = applicant_input()
    fill(form, **{k: v for k, v in person.__dict__.items() if k != "categories"})
    form.categories.set(["job_seeker"])
    holder = WriteLockHolder(path)
    seen: dict[str, object] = {}

    def while_waiting() -> None:
        notice()
        # What a person sees at this moment: the band drawn over the window, a busy
        # cursor. Then the other program finishes, and the save may go on.
        seen["mapped"] = notice.band.winfo_ismapped()
        seen["text"] = notice.band.logical_text
        seen["cursor"] = str(big_window.cget("cursor"))
        holder.release()

    from desktop.models.db import db

    db.obj.on_lock_wait = while_waiting  # the notice, and a look at the window mid-wait
    try:
        key(form.fields["address"], "s", CONTROL)
    finally:
        holder.release()
    assert seen == {"mapped": True, "text": DatabaseMessages.WAITING, "cursor": "watch"}
    assert isinstance(view.page, ApplicantFile)  # saved once the lock came free
    assert Applicant.select().count() == 1
    settle(big_window, lambda: not notice.shown)
    assert not notice.band.winfo_ismapped() and str(big_window.cget("cursor")) == ""


def test_the_notice_goes_when_the_save_gives_up(
    big_window,  # noqa: F811
    clerk_on_a_file,  # noqa: F811
    notice,
):
    path, clerk = clerk_on_a_file
    view = open_view(big_window, clerk)
    form = view.open_new()
    person = applicant_input()
    fill(form, **{k: v for k, v in person.__dict__.items() if k != "categories"})
    form.categories.set(["job_seeker"])
    holder = WriteLockHolder(path)
    try:
        key(form.fields["address"], "s", CONTROL)
        assert notice.waits == 1  # it waited, and said so
        settle(big_window, lambda: not notice.shown)
        assert not notice.band.winfo_ismapped()
        assert form.summary.logical_text.startswith(DatabaseMessages.BUSY.split("{")[0])
    finally:
        holder.release()


def test_keys_pressed_during_the_wait_do_not_wipe_the_outcome(
    big_window,  # noqa: F811
    clerk_on_a_file,  # noqa: F811
    notice,
):
    """A person who presses Escape (leave the form: "discard what was typed?") while the
    window seems stuck must still find the form, with what was typed and the "not
    saved" message, and no question they did not mean to ask."""
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed")
    path, clerk = clerk_on_a_file
    view = open_view(big_window, clerk)
    form = view.open_new()
    person = applicant_input()
    fill(form, **{k: v for k, v in person.__dict__.items() if k != "categories"})
    form.categories.set(["job_seeker"])
    holder = WriteLockHolder(path)

    def while_waiting() -> None:
        notice()
        # A real key press: X queues it, Tk reads it only once the save is over (a
        # generated event would skip the grab, as no real one can).
        subprocess.run(["xdotool", "key", "Escape"], check=True, timeout=30)

    from desktop.models.db import db

    db.obj.on_lock_wait = while_waiting
    form.fields["address"].focus_force()
    pump(big_window)
    try:
        key(form.fields["address"], "s", CONTROL)
        settle(big_window, lambda: not notice.shown)
        assert view.page is form and form.question is None  # no "discard?" asked either
        assert form.summary.logical_text.startswith(DatabaseMessages.BUSY.split("{")[0])
        assert form.fields["national_code"].get() == person.national_code
    finally:
        holder.release()


def settle(window, done) -> None:  # type: ignore[no-untyped-def]
    """Let Tk run its timers until `done()` (bounded: the notice goes after DRAIN_MS)."""
    import time

    for _ in range(300):
        window.update()
        if done():
            return
        time.sleep(0.01)
    raise AssertionError("the notice did not go")


def test_a_wait_on_a_worker_thread_leaves_tk_alone(big_window, clerk_on_a_file):  # noqa: F811
    import threading

    notice = LockWaitNotice(big_window)
    worker = threading.Thread(target=notice)
    worker.start()
    worker.join()
    assert not notice.shown


def test_the_app_wires_the_notice_to_its_database(tmp_path):
    """The real start-up path (build_app), in its own process: it makes its own root."""
    import os
    import subprocess
    import sys
    from pathlib import Path

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
