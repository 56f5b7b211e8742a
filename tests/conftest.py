"""Shared fixtures. Service tests run on an in-memory database (no Tk anywhere here)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest

from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services.session import Session
from tests.factories import set_up_center

ADMIN_PASSWORD = "admin-pass-1"
CLI_PASSWORD = "s3cret-pass"  # what `password_file` holds, for the CLI's --password-file

# Center keys of test databases go to key files next to them, never into the keyring of
# the developer's desktop session (tests/test_center_keys.py tests the keyring path).
os.environ.setdefault("TAVANA_KEYRING", "off")


@pytest.fixture
def database() -> Iterator[None]:
    """A fresh, migrated in-memory database bound to the `db` proxy."""
    open_database(":memory:")
    yield
    close_database()


@pytest.fixture
def admin(database: None) -> Session:
    """An initialised center TEH05 and its logged-in administrator."""
    return set_up_center(ADMIN_PASSWORD)


@pytest.fixture
def password_file(tmp_path) -> str:  # type: ignore[no-untyped-def]
    """A password file as IT staff give it to `init` or `users add`."""
    path = tmp_path / "password.txt"
    path.write_text(CLI_PASSWORD + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def close_database_after() -> Iterator[None]:
    """Whatever a command left open is closed after the test."""
    yield
    close_database()


@pytest.fixture
def own_log(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The log file of this test (a command that fails unexpectedly writes one): the
    log handlers set up before are put aside meanwhile (`setup_logging` adds its file
    only where there is none), and the one the test adds is taken away after."""
    log_file = tmp_path / "log" / "tavana.log"
    monkeypatch.setenv("TAVANA_LOG", str(log_file))
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        root.removeHandler(handler)
    yield log_file
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in before:
        root.addHandler(handler)


@pytest.fixture
def renderer(monkeypatch):  # type: ignore[no-untyped-def]
    """Certificates are not drawn: the list of what each print would have drawn."""
    from desktop.services import certificate_printing

    calls = []
    monkeypatch.setattr(
        certificate_printing,
        "_renderer",
        lambda: lambda datas, path, progress=None: calls.append(datas),
    )
    return calls
