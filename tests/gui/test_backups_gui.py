"""The backups page and the home page's backup card, driven with real widgets on a
center's SQLite file: back up to a chosen folder, see the automatic backups, restore
one (asked first, then back to the login); the save dialog and the question are
replaced by what a person would have chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models import Applicant
from desktop.models.opening import open_database
from desktop.services import auth, backups
from desktop.strings.backup_views import BackupsPage
from desktop.strings.home_views import Home
from desktop.views import backups_view
from desktop.views.backups_view import BackupsView
from desktop.views.home_view import HomeView
from desktop.views.widgets.rtl import RLabel
from tests.gui.conftest import pump
from tests.helpers.cli import init_database
from tests.helpers.gui import descendants, make_context, rows, show
from tests.helpers.people import person


@pytest.fixture
def center(tmp_path, close_database_after):  # type: ignore[no-untyped-def]
    path = Path(init_database(tmp_path))
    open_database(str(path))
    admin = auth.login("admin", "s3cret-pass")
    person(admin, "مریم")
    return path, admin


def texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.logical_text for w in descendants(widget) if isinstance(w, RLabel)]


def test_back_up_now_into_a_chosen_folder(window, center, tmp_path):  # type: ignore[no-untyped-def]
    _, admin = center
    usb = tmp_path / "usb"
    usb.mkdir()
    offered: list[str] = []

    def ask(**options):  # type: ignore[no-untyped-def]
        offered.append(options["initialfile"])
        return str(usb / options["initialfile"])

    view = show(window, BackupsView(window, make_context(admin), ask_save=ask))
    assert view.last_line.logical_text == BackupsPage.LAST_NONE
    view.backup_button.invoke()
    pump(window)
    written = list(usb.glob("tavana-TEH05-*-manual.sqlite3"))
    assert len(written) == 1 and offered[0].startswith("tavana-TEH05-")
    assert view.message.logical_text.startswith(BackupsPage.WRITTEN.split(":")[0])
    assert view.path_label.logical_text == str(written[0])
    assert BackupsPage.TODAY in view.last_line.logical_text


def test_an_automatic_backup_is_listed_and_restored_after_asking(window, center, monkeypatch):  # type: ignore[no-untyped-def]
    path, admin = center
    taken = backups.automatic_backup(path, "daily")
    person(admin, "زهرا")  # after the backup
    asked: list[str] = []
    monkeypatch.setattr(backups_view, "confirm_restore", lambda _p, q: asked.append(q) or True)
    context = make_context(admin)
    logged_out: list[bool] = []
    context.on_logout = lambda: logged_out.append(True)
    view = show(window, BackupsView(window, context))
    assert len(rows(view.table)) == 1
    [(key, listed)] = view.table_source.rows  # logical, as the table was given them
    assert key == str(taken.path) and listed[1] == BackupsPage.KINDS["daily"]
    assert listed[3] == taken.path.name
    view.restore_chosen_button.invoke()  # nothing chosen: said so
    assert view.message.logical_text == BackupsPage.SELECT and not asked
    view.table.selected_id = str(taken.path)
    view.restore_chosen_button.invoke()
    pump(window)
    assert len(asked) == 1 and "TEH05" in asked[0]
    assert logged_out == [True]
    assert sorted(a.first_name for a in Applicant.select()) == ["مریم"]
    safety = list((path.parent / "backups").glob("*-before-restore.sqlite3"))
    assert len(safety) == 1 and backups.inspect(safety[0]).applicants == 2


def test_the_admin_home_page_warns_when_nothing_is_backed_up(window, center):  # type: ignore[no-untyped-def]
    path, admin = center
    home = show(window, HomeView(window, make_context(admin)))
    shown = texts(home)
    assert Home.LAST_BACKUP in shown and Home.BACKUP_NEVER in shown
    home.destroy()
    backups.automatic_backup(path, "daily")
    home = show(window, HomeView(window, make_context(admin)))
    assert BackupsPage.TODAY in texts(home)
