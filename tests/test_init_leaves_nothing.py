"""`init` and `demo` on a new path that fail leave nothing behind (issue 8, item 23 as the
reviewer found it): what can be checked (the password file, every field) is checked
before the database is made, all fields reported at once; a set-up that still fails
removes exactly what the run made — the file, its -wal/-shm, its key file, the folders
made for it — and never a file or folder that was there before."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.models.db import close_database
from desktop.services import center_keys, demo_center, setup

# Whatever a command left open is closed after each test.
pytestmark = pytest.mark.usefixtures("close_database_after")


@pytest.fixture
def bad_password_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"\xff\xfepass\x00word\n")
    return str(path)


def init(path, password_file, **changes):
    options = {
        "--center-code": "TEH05",
        "--center-name": "مرکز پنج",
        "--admin": "admin",
        "--password-file": password_file,
    } | changes
    argv = ["init", "--db", str(path)]
    for option, value in options.items():
        argv += [option, value]
    return argv


def failure(capsys, argv):
    capsys.readouterr()
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and err.count("\n") == 1, err
    return err


def everything_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_a_password_file_that_is_not_utf8_makes_no_database(tmp_path, bad_password_file, capsys):
    path = tmp_path / "new" / "place" / "center.sqlite3"
    err = failure(capsys, init(path, bad_password_file))
    assert "is not UTF-8 text" in err
    assert not (tmp_path / "new").exists()


def test_every_invalid_field_is_reported_at_once_and_no_database_is_made(
    tmp_path, password_file, capsys
):
    path = tmp_path / "new" / "center.sqlite3"
    err = failure(
        capsys,
        init(
            path,
            password_file,
            **{"--center-code": "X", "--center-name": "=x", "--admin-name": "-"},
        ),
    )
    assert err.startswith("error: invalid center_code (")
    for field in ("center_code", "center_name", "admin_display_name"):
        assert f"{field} (" in err
    assert not (tmp_path / "new").exists()


def _set_up_then_fail(monkeypatch):
    """Set-up that makes the database, the center and its key file, then fails: what a
    crash in a later step (or a full disk at COMMIT) would leave."""
    real = setup.initialise_center

    def failing(**values):
        info = real(**values)
        center_keys.signing_key(info.code)  # writes the .keys file
        raise RuntimeError("set-up failed after the database was made")

    monkeypatch.setattr(setup, "initialise_center", failing)


@pytest.mark.usefixtures("own_log")
def test_a_set_up_that_fails_late_removes_what_it_made(
    tmp_path, password_file, capsys, monkeypatch
):
    _set_up_then_fail(monkeypatch)
    path = tmp_path / "new" / "deeper" / "center.sqlite3"
    err = failure(capsys, init(path, password_file))
    assert "set-up failed after the database was made" in err
    assert not (tmp_path / "new").exists()


@pytest.mark.usefixtures("own_log")
def test_what_was_there_before_stays(tmp_path, password_file, capsys, monkeypatch):
    _set_up_then_fail(monkeypatch)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    path = folder / "center.sqlite3"
    path.touch()  # an empty file made ready for the database: a database not made yet
    failure(capsys, init(path, password_file))
    assert everything_under(folder) == ["center.sqlite3", "notes.txt"]
    assert path.stat().st_size == 0


def test_init_on_a_database_already_set_up_removes_nothing(tmp_path, password_file, capsys):
    path = tmp_path / "center.sqlite3"
    assert main(init(path, password_file)) == 0
    close_database()
    before = everything_under(tmp_path)
    err = failure(capsys, init(path, password_file, **{"--center-code": "TEH06"}))
    assert err.startswith("error: the database is already set up")
    close_database()  # the process would end here: its -wal and -shm go with it
    assert everything_under(tmp_path) == before


# -- demo ----------------------------------------------------------------------------------


def test_demo_on_a_new_path_that_fails_before_set_up_leaves_nothing(
    tmp_path, bad_password_file, capsys
):
    path = tmp_path / "training" / "demo.sqlite3"
    demo = ["demo", "--db", str(path), "--applicants", "0"]
    failure(capsys, [*demo, "--password-file", bad_password_file])
    assert not (tmp_path / "training").exists()
    short = tmp_path / "short.txt"
    short.write_text("abc\n", encoding="utf-8")
    err = failure(capsys, [*demo, "--password-file", str(short)])
    assert err.startswith("error: invalid password (")
    assert not (tmp_path / "training").exists()


@pytest.mark.usefixtures("own_log")
def test_demo_whose_set_up_fails_removes_what_it_made(tmp_path, capsys, monkeypatch):
    def failing(password):
        setup.initialise_center(
            center_code="DEMO01",
            center_name="مرکز نمونه",
            admin_username="admin",
            admin_display_name="مدیر نمونه",
            password=password,
        )
        raise RuntimeError("the demo center could not be marked")

    monkeypatch.setattr(demo_center, "setup_demo_center", failing)
    path = tmp_path / "training" / "demo.sqlite3"
    failure(capsys, ["demo", "--db", str(path), "--applicants", "0"])
    assert not (tmp_path / "training").exists()
