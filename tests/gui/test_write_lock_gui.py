"""A clerk saves while another program is writing: the app waits a bounded time, then
says so in Persian on the form and keeps what was typed; a save after it goes through."""

from __future__ import annotations

import pytest

from desktop.models import Applicant
from desktop.models.db import SQLITE_PRAGMAS, close_database
from desktop.models.opening import open_database
from desktop.services import auth, users
from desktop.strings.database import DatabaseMessages
from desktop.views.applicant_file import ApplicantFile
from tests.factories import applicant_input, set_up_center
from tests.gui.test_applicants_gui import CONTROL, big_window, fill, key, open_view  # noqa: F401
from tests.test_write_lock import WriteLockHolder


@pytest.fixture
def clerk_on_a_file(tmp_path, monkeypatch):
    monkeypatch.setitem(SQLITE_PRAGMAS, "busy_timeout", 100)  # one attempt: 0.1 s
    path = tmp_path / "center.sqlite3"
    database = open_database(path)
    database.write_lock_wait = 0.5
    admin = set_up_center()
    users.add_user(admin, username="clerk1", display_name="زهرا", role="clerk", password="12345678")
    yield path, auth.login("clerk1", "12345678")
    close_database()


def test_a_save_while_another_program_writes_says_so_and_keeps_the_form(
    big_window,  # noqa: F811 (the fixture)
    clerk_on_a_file,
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
        assert view.page is form  # still the form, with what was typed
        shown = form.summary.logical_text
        assert shown.startswith(DatabaseMessages.BUSY.split("{seconds}")[0])
        assert shown.endswith(DatabaseMessages.BUSY.split("{seconds}")[1])
        assert form.fields["national_code"].get() == person.national_code
        assert Applicant.select().count() == 0
    finally:
        holder.release()
    key(form.fields["address"], "s", CONTROL)
    assert isinstance(view.page, ApplicantFile)
    assert Applicant.select().count() == 1
