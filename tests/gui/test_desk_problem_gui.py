"""The start-up problem window, driven with real widgets: a damaged database offers its
automatic backups, the newest chosen; a wrong password is said by the field and the
file is left as it was; the backup's administrator puts it back, and the app opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import auth, backups
from desktop.strings.desk import DeskMessages
from desktop.strings.desk_views import DeskPage
from desktop.views.background import SyncRunner
from desktop.views.desk_problem import CLOSED, RESTORED, DeskProblem
from tests.gui.conftest import pump
from tests.helpers.cli import init_database
from tests.helpers.gui import show
from tests.helpers.people import person

pytestmark = pytest.mark.gui


@pytest.fixture
def damaged(tmp_path, close_database_after):  # type: ignore[no-untyped-def]
    path = Path(init_database(tmp_path))
    open_database(str(path))
    admin = auth.login("admin", "s3cret-pass")
    person(admin, "مریم")
    backups.write_backup(path, backups.automatic_folder(path), "daily")
    close_database()
    path.write_bytes(path.read_bytes()[:4096] + b"\xa5" * 4096 * 3)  # garbage after page 1
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def test_a_damaged_database_is_put_back_by_its_admin(window, damaged):  # type: ignore[no-untyped-def]
    done: list[str] = []
    before = damaged.read_bytes()
    view = show(
        window,
        DeskProblem(window, str(damaged), "…", done.append, damaged=True, runner=SyncRunner()),
    )
    assert len(view.listed) == 1 and view.table.selected_id == next(iter(view.listed))
    assert window.focus_lastfor() is view.username  # where typing goes
    view.username.insert(0, "admin")
    view.password.insert(0, "not-the-password")
    view.restore_button.invoke()
    pump(window)
    assert view.message.logical_text == DeskMessages.NOT_AN_ADMIN
    assert view.password.get() == "" and damaged.read_bytes() == before
    view.password.insert(0, "s3cret-pass")
    view.password.event_generate("<Return>")
    pump(window)
    assert view.message.logical_text.startswith(DeskMessages.RESTORED.split("«")[0])
    assert damaged.read_bytes() != before
    assert list(damaged.parent.glob(f"{damaged.name}.damaged-*"))
    assert view.open_button.winfo_ismapped() and not view.restore_button.winfo_ismapped()
    view.open_button.invoke()
    assert done == [RESTORED]


def test_a_refusal_has_only_its_reason_and_a_close_button(window, tmp_path):  # type: ignore[no-untyped-def]
    done: list[str] = []
    view = show(window, DeskProblem(window, str(tmp_path / "t.sqlite3"), "…", done.append))
    assert not hasattr(view, "restore_button")
    view.close_button.invoke()
    assert done == [CLOSED]


def test_with_no_backups_the_window_says_so_and_asks_for_a_file(window, damaged, tmp_path):  # type: ignore[no-untyped-def]
    for backup in backups.automatic_folder(damaged).iterdir():
        backup.rename(tmp_path / backup.name)
    chosen = next(tmp_path.glob("tavana-*.sqlite3"))
    view = show(
        window,
        DeskProblem(
            window, str(damaged), "…", [].append, damaged=True,
            ask_open=lambda **_: str(chosen),
        ),
    )  # fmt: skip
    assert view.listed == {}
    view.restore_button.invoke()
    assert view.message.logical_text == DeskPage.CHOOSE_FIRST
    descendants_text = [b.logical_text for b in view.winfo_children() if hasattr(b, "logical_text")]
    assert DeskPage.OTHER_FILE in descendants_text
    view.choose_file()
    pump(window)
    assert list(view.listed) == [str(chosen)] and view.table.selected_id == str(chosen)
