"""Shared fixtures. Service tests run on an in-memory database (no Tk anywhere here).

The same service tests run on PostgreSQL with `--backend=postgres` (or with
`TAVANA_TEST_POSTGRES` set and no `--backend`): `TAVANA_TEST_POSTGRES` is the URL of a
server database the tests may create databases from (default
postgresql://postgres@127.0.0.1:5432/postgres). The `database` fixture then gives each
test an empty, migrated PostgreSQL database: one is migrated per session and emptied
after every test (see `_PostgresDatabases`). Tests that are SQLite by nature carry
`@pytest.mark.sqlite_only` and are skipped there, as are the `gui` tests.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator

import pytest

from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services.session import Session
from tests.factories import set_up_center

ADMIN_PASSWORD = "admin-pass-1"
CLI_PASSWORD = "s3cret-pass"  # what `password_file` holds, for the CLI's --password-file
POSTGRES_URL_VARIABLE = "TAVANA_TEST_POSTGRES"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

# Center keys of test databases go to key files next to them, never into the keyring of
# the developer's desktop session (tests/test_center_keys.py tests the keyring path).
os.environ.setdefault("TAVANA_KEYRING", "off")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgres"),
        default=None,
        help="the database the service tests run on (default sqlite; postgres when "
        f"{POSTGRES_URL_VARIABLE} is set): PostgreSQL at ${POSTGRES_URL_VARIABLE}",
    )


def backend_of(config: pytest.Config) -> str:
    chosen = config.getoption("--backend")
    if chosen is None:
        return "postgres" if os.environ.get(POSTGRES_URL_VARIABLE) else "sqlite"
    return str(chosen)


def pytest_configure(config: pytest.Config) -> None:
    if backend_of(config) == "postgres":
        # A server database keeps its centers' private keys in the data folder
        # (desktop/models/private_keys.py): a private one for the run, never the user's.
        os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="tavana-test-data-")


def pytest_report_header(config: pytest.Config) -> str:
    if backend_of(config) == "postgres":
        return f"backend: postgres ({_server_url()})"
    return "backend: sqlite"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if backend_of(config) != "postgres":
        for item in items:
            if item.get_closest_marker("postgres_only"):
                item.add_marker(pytest.mark.skip(reason="PostgreSQL only (--backend=postgres)"))
        return
    for item in items:
        if item.get_closest_marker("gui"):
            item.add_marker(pytest.mark.skip(reason="GUI tests run on SQLite only"))
        marker = item.get_closest_marker("sqlite_only")
        if marker:
            reason = marker.args[0] if marker.args else "SQLite by nature"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


def _server_url() -> str:
    return os.environ.get(POSTGRES_URL_VARIABLE) or DEFAULT_POSTGRES_URL


class _PostgresDatabases:
    """One PostgreSQL database for the session, migrated once and emptied after each
    test: every table but the schema version, in one round trip, with foreign-key
    checks off for it (`session_replication_role`, which needs a superuser, as the
    cluster scripts/test.sh starts has), and the sequences restarted.

    Measured per test (README, "PostgreSQL"): emptying by DELETE ~40 ms, TRUNCATE
    ~450 ms (new files for every table), a `CREATE DATABASE … TEMPLATE` ~1.3 s.
    """

    def __init__(self, server_url: str):
        from urllib.parse import urlparse

        self.server_url = server_url
        self.name = f"tavana_test_{os.getpid()}"
        self.url = urlparse(server_url)._replace(path=f"/{self.name}").geturl()
        self._emptying = ""

    def _server(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(self.server_url, autocommit=True)

    def create(self) -> None:
        with self._server() as connection:
            # FORCE: the connection `empty` closed a moment ago may still be ending on the
            # server ("being accessed by other users", seen on a loaded machine).
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.name}"')
        open_database(self.url)
        close_database()

    def empty(self) -> None:
        import psycopg

        with psycopg.connect(self.url) as connection:
            keyed = connection.execute(
                "SELECT count(*) FROM pg_index WHERE indrelid = 'applicant'::regclass "
                "AND indisprimary AND indnatts > 1"
            ).fetchone()[0]
        if keyed:  # an HQ set up here keyed the schema by center: the next test gets
            self.create()  # the schema a center has
            return
        with psycopg.connect(self.url) as connection:
            if not self._emptying:
                self._emptying = self._emptying_sql(connection)
            connection.execute(self._emptying.encode())  # one round trip, no parameters

    @staticmethod
    def _emptying_sql(connection) -> str:  # type: ignore[no-untyped-def]
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename <> 'schema_version'"
        ).fetchall()
        sequences = connection.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
        ).fetchall()
        statements = ["SET LOCAL session_replication_role = replica"]
        statements += [f'DELETE FROM "{name}"' for (name,) in tables]
        statements += [f'ALTER SEQUENCE "{name}" RESTART' for (name,) in sequences]
        return "; ".join(statements)

    def drop(self) -> None:
        with self._server() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_databases(request: pytest.FixtureRequest) -> Iterator[_PostgresDatabases | None]:
    """The session's PostgreSQL database on `--backend=postgres`, else None."""
    if backend_of(request.config) != "postgres":
        yield None
        return
    databases = _PostgresDatabases(_server_url())
    databases.create()
    yield databases
    close_database()
    databases.drop()


@pytest.fixture
def database(postgres_databases: _PostgresDatabases | None) -> Iterator[None]:
    """A fresh, migrated database bound to the `db` proxy: in memory (SQLite), or the
    session's PostgreSQL database, emptied after the test."""
    if postgres_databases is None:
        open_database(":memory:")
        yield
        close_database()
        return
    open_database(postgres_databases.url)
    try:
        yield
    finally:
        close_database()
        postgres_databases.empty()


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
