"""What the app writes is private to the user running it: folders 0700, files 0600
(umask 077 at start-up), and the folders and files of an older version's loose modes
are tightened when the app opens them. Checked with os.stat after real CLI runs."""

from __future__ import annotations

import logging
import os
import stat

import pytest

from desktop.cli import main
from desktop.config import PRIVATE_UMASK, private_umask, setup_logging
from desktop.models.db import close_database
from desktop.services import certificates, users
from desktop.services.setup import admin_session
from tests.helpers.cli import HEADER, line
from tests.helpers.courses import finished_course

pytestmark = pytest.mark.sqlite_only("modes of SQLite files")

ALL = "PPPPPPPPPP"


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    """The umask most desktops start programs with: files 0644, folders 0755."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)
    close_database()


@pytest.fixture
def home(tmp_path, monkeypatch):
    """The user's data and log folders (platformdirs reads XDG_*) under tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("TAVANA_DB", raising=False)
    monkeypatch.delenv("TAVANA_LOG", raising=False)
    return tmp_path


def _run(*argv):
    assert main(list(argv)) == 0, argv


def test_every_file_a_command_writes_is_0600_in_0700_folders(tmp_path, loose_umask, capsys):
    password = tmp_path / "password.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    folder = tmp_path / "center"
    db = str(folder / "center.sqlite3")
    init = ["init", "--db", db, "--center-code", "TEH05", "--center-name", "مرکز پنج"]
    _run(*init, "--admin", "admin", "--admin-name", "مدیر مرکز", "--password-file", str(password))
    assert os.umask(0o022) == 0o022  # main put the caller's umask back
    people = tmp_path / "people.csv"
    people.write_text("\n".join([HEADER, line(1), line(2)]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _run("applicants", "import", "--db", db, str(people), "--report", str(out / "report.csv"))
    _run("applicants", "export", "--db", db, "--out", str(out / "people.csv"))
    _run("applicants", "export", "--db", db, "--out", str(out / "people.xlsx"))

    admin = admin_session()
    certificates.save_certificate_settings(admin, manager_name="مریم کاظمی", logo_path="")
    trainer = users.add_user(
        admin, username="trainer1", display_name="علی رضایی", role="trainer", password="12345678"
    )
    course, _ = finished_course(admin, trainer.id, [ALL, ALL])
    _run("certificates", "print", "--db", db, "--course", course.code,
         "--out", str(out / "certificates.pdf"))  # fmt: skip
    capsys.readouterr()

    assert mode(folder) == 0o700  # made by init
    written = [
        folder / "center.sqlite3",
        folder / "center.sqlite3-wal",
        folder / "center.sqlite3-shm",
        folder / "center.sqlite3.keys",  # the center's private key
        out / "report.csv",
        out / "people.csv",
        out / "people.xlsx",
        out / "certificates.pdf",
    ]
    assert {path.name: mode(path) for path in written} == {path.name: 0o600 for path in written}


def test_the_app_s_own_folders_and_database_are_tightened(home, loose_umask, capsys):
    password = home / "password.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    _run("init", "--center-code", "TEH05", "--center-name", "مرکز پنج", "--admin", "admin",
         "--password-file", str(password))  # fmt: skip
    close_database()
    data = home / "share" / "tavana"
    database = data / "tavana.sqlite3"
    assert (mode(data), mode(database)) == (0o700, 0o600)
    log_dir = home / "state" / "tavana" / "log"
    log_dir.mkdir(parents=True)
    # As an older version left them:
    for path, loose in ((data, 0o755), (database, 0o644), (log_dir, 0o755)):
        path.chmod(loose)
    _run("users", "list")
    capsys.readouterr()
    assert (mode(data), mode(database), mode(log_dir)) == (0o700, 0o600, 0o700)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to chown")
def test_files_of_another_owner_keep_their_mode(tmp_path, loose_umask, capsys):
    password = tmp_path / "password.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    db = tmp_path / "shared.sqlite3"
    _run("init", "--db", str(db), "--center-code", "TEH05", "--center-name", "مرکز پنج",
         "--admin", "admin", "--password-file", str(password))  # fmt: skip
    close_database()
    db.chmod(0o644)
    os.chown(db, 65534, 65534)  # IT's root shell on a clerk's database: not root's to change
    _run("users", "list", "--db", str(db))
    capsys.readouterr()
    assert mode(db) == 0o644


def test_the_log_file_and_its_folder_are_private(tmp_path, monkeypatch, loose_umask):
    log_file = tmp_path / "logs" / "tavana.log"
    monkeypatch.setenv("TAVANA_LOG", str(log_file))
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        with private_umask():
            assert os.umask(PRIVATE_UMASK) == PRIVATE_UMASK
            setup_logging()
            logging.getLogger("tavana.test").warning("شروع")
        assert (mode(log_file.parent), mode(log_file)) == (0o700, 0o600)
        for handler in root.handlers[len(handlers) :]:
            root.removeHandler(handler)
            handler.close()
        log_file.chmod(0o644)  # a log an older version wrote
        setup_logging()
        assert mode(log_file) == 0o600
    finally:
        for handler in root.handlers[len(handlers) :]:
            root.removeHandler(handler)
            handler.close()
