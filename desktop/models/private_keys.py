"""Private keys of this machine, kept out of the database.

The center's Ed25519 private key signs its certificates (and, later, its sync files).
It used to be a column of the database, so anyone who could read the database file —
a backup, a copy sent to IT — could forge certificates. The database now keeps only
the public half (`CenterKey`); the private half lives in one of these stores:

- the OS keyring (Windows Credential Manager, the macOS Keychain, the Secret Service of
  a Linux desktop) when a real one is available: then only the logged-in user's session
  can read it. `TAVANA_KEYRING=off` never uses it (a server, a shared login, scripts run
  over ssh, where a desktop keyring is locked or absent). A keyring that fails falls back
  to the file without a word: the key must be somewhere.
- a key file next to the database, `<database file>.keys` (so `tavana.sqlite3.keys` in
  the data directory): JSON, mode 0600, in a folder the app creates 0700. Copying
  `tavana.sqlite3*` to back the database up copies the key with it; a database copied
  alone can still verify certificates but not sign new ones until its key is put back.
- for a server database named by a URL (PostgreSQL at HQ), `server.keys` in the user's
  data directory;
- for an in-memory database (tests, a throw-away session), memory, for as long as that
  database object lives: the key dies with the data it signed.

Keys are found by their public half (base64url), so one store holds any number of them,
and a key file put back in the wrong place is never mistaken for another center's.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import tempfile
import weakref
from pathlib import Path
from typing import Any, Protocol

from peewee import Database, SqliteDatabase

from desktop.config import create_private_dir, data_dir, make_private
from desktop.partial_files import sync_folder

log = logging.getLogger(__name__)

KEYRING_SERVICE = "tavana"
KEY_FILE_SUFFIX = ".keys"
SERVER_KEY_FILE = "server.keys"


class KeyStore(Protocol):
    where: str  # for messages: where a missing key was looked for

    def load(self, public_key: str) -> str | None: ...

    def save(self, public_key: str, private_key: str) -> None: ...


class KeyFileDamaged(ValueError):
    """The key file exists but is not the JSON object this module writes."""


class MemoryKeys:
    where = "memory"

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}

    def load(self, public_key: str) -> str | None:
        return self._keys.get(public_key)

    def save(self, public_key: str, private_key: str) -> None:
        self._keys[public_key] = private_key


class KeyFile:
    """A JSON object {public key: private key}, 0600, replaced whole on every save."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)

    def load(self, public_key: str) -> str | None:
        return self._read().get(public_key)

    def save(self, public_key: str, private_key: str) -> None:
        keys = self._read()
        if keys.get(public_key) == private_key:
            return
        keys[public_key] = private_key
        create_private_dir(self.path.parent)
        # A whole new file, renamed over the old one: a crash leaves one or the other.
        handle, temp_name = tempfile.mkstemp(  # mkstemp makes it 0600 whatever the umask
            prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(keys, out, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise
        sync_folder(self.path.parent)

    def _read(self) -> dict[str, str]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        make_private(self.path)  # a file restored from a backup with loose bits
        try:
            keys = json.loads(text)
        except ValueError as error:
            raise KeyFileDamaged(str(self.path)) from error
        if not isinstance(keys, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
        ):
            raise KeyFileDamaged(str(self.path))
        return keys


class KeyringKeys:
    """The OS keyring first; the key file when the keyring has no such key or fails."""

    def __init__(self, backend: Any, fallback: KeyFile) -> None:
        self.backend = backend
        self.fallback = fallback
        self.where = f"the OS keyring, or {fallback.where}"

    def load(self, public_key: str) -> str | None:
        try:
            found: str | None = self.backend.get_password(KEYRING_SERVICE, _entry(public_key))
        except Exception:  # a locked or broken keyring: the file may still have it
            log.info("the OS keyring could not be read; trying the key file", exc_info=True)
            found = None
        return found or self.fallback.load(public_key)

    def save(self, public_key: str, private_key: str) -> None:
        try:
            self.backend.set_password(KEYRING_SERVICE, _entry(public_key), private_key)
        except Exception:
            log.info("the OS keyring refused the key; writing the key file", exc_info=True)
            self.fallback.save(public_key, private_key)


def _entry(public_key: str) -> str:
    return f"center-key:{public_key}"


_in_memory: weakref.WeakKeyDictionary[Database, MemoryKeys] = weakref.WeakKeyDictionary()


def store_for(database: Database) -> KeyStore:
    """Where the private keys of `database`'s centers live (see the module's docstring)."""
    if isinstance(database, SqliteDatabase):
        name = str(database.database)
        if name in ("", ":memory:") or name.startswith("file::memory:"):
            return _in_memory.setdefault(database, MemoryKeys())
        path = Path(name)
        key_file = KeyFile(path.with_name(path.name + KEY_FILE_SUFFIX))
    else:
        key_file = KeyFile(data_dir() / SERVER_KEY_FILE)
    backend = os_keyring()
    return key_file if backend is None else KeyringKeys(backend, key_file)


@functools.cache
def os_keyring() -> Any | None:
    """The OS keyring backend, or None when there is no real one (or it is turned off).

    Asked once per process (keyring looks its backends up, ~0.1 s). keyring picks the
    best backend that works here (or the one its configuration names); its "fail" or
    "null" backend means none, and keyrings.alt's files (plain text, or a password we
    would have to keep somewhere) are no better than our own 0600 file.
    """
    if os.environ.get("TAVANA_KEYRING", "").lower() in ("off", "0", "no", "false"):
        return None
    try:
        import keyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        log.info("no OS keyring", exc_info=True)
        return None
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or module in (
        "keyring.backends.fail",
        "keyring.backends.null",
    ):
        return None
    return backend
