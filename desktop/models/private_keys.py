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

A key file may be protected by an administrator's passphrase (protected_keys.py has the
format): it then holds the private keys encrypted, and this process reads or adds one
only once the file was unlocked — by the passphrase given to `KeyFile.unlock` (the GUI
asks an administrator after logging in), or, for scripts, by the file that the
environment variable TAVANA_KEY_PASSPHRASE_FILE names. What unlocking derived stays in
this process's memory only, until it ends. Until then anything that needs a key stops
with `KeysLocked`, before it writes anything. A key the file does not hold (its header
lists the public keys) is simply not there, locked or not.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from peewee import Database, SqliteDatabase

from desktop.config import create_private_dir, data_dir, make_private
from desktop.errors import UserError
from desktop.models import protected_keys
from desktop.models.protected_keys import PassphraseWrong, ProtectedFileError, Unlocked
from desktop.partial_files import sync_folder
from desktop.strings.keys import KeyMessages

log = logging.getLogger(__name__)

KEYRING_SERVICE = "tavana"
KEY_FILE_SUFFIX = ".keys"
SERVER_KEY_FILE = "server.keys"
PASSPHRASE_FILE_VARIABLE = "TAVANA_KEY_PASSPHRASE_FILE"


class KeyStore(Protocol):
    where: str  # for messages: where a missing key was looked for

    def load(self, public_key: str) -> str | None: ...

    def save(self, public_key: str, private_key: str) -> None: ...


class KeyFileDamaged(ValueError):
    """The key file exists but is not the JSON object this module writes. `reason`:
    `json` (a plain key file that is not JSON {public: private}), or why a protected
    file cannot be opened (ProtectedFileError: unreadable, newer, altered)."""

    def __init__(self, path: str, reason: str = "json"):
        super().__init__(path)
        self.path = path
        self.reason = reason


class KeysLocked(UserError):
    """The key file is protected and this process has not unlocked it."""

    def __init__(self, where: str):
        super().__init__(KeyMessages.LOCKED.format(where=where), code="keys_locked")
        self.where = where


class WrongPassphrase(UserError):
    def __init__(self) -> None:
        super().__init__(KeyMessages.WRONG_PASSPHRASE, code="wrong_passphrase", field="passphrase")


class MemoryKeys:
    where = "memory"

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}

    def load(self, public_key: str) -> str | None:
        return self._keys.get(public_key)

    def save(self, public_key: str, private_key: str) -> None:
        self._keys[public_key] = private_key


@dataclass(frozen=True)
class KeyFileState:
    """A key file as `keys status` tells it: whether it is there and protected, whether
    this process unlocked it, how many keys it holds (None: unknown, it is damaged),
    and what is wrong with it (a KeyFileDamaged reason, or "")."""

    exists: bool
    protected: bool
    unlocked: bool
    keys: int | None
    problem: str = ""


class KeyFile:
    """A JSON object {public key: private key}, 0600, replaced whole on every save; or
    the same keys sealed under a passphrase (protected_keys.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)

    def load(self, public_key: str) -> str | None:
        document = self._document()
        if not protected_keys.is_protected(document):
            return self._plain(document).get(public_key)
        if public_key not in self._public_keys(document):
            return None  # not here: no need to unlock to know it
        return self._opened(document, self._unlocked(document)).get(public_key)

    def save(self, public_key: str, private_key: str) -> None:
        document = self._document()
        if not protected_keys.is_protected(document):
            keys = self._plain(document)
            if keys.get(public_key) == private_key:
                return
            self._write(_plain_text({**keys, public_key: private_key}))
            return
        unlocked = self._unlocked(document)
        keys = self._opened(document, unlocked)
        if keys.get(public_key) == private_key:
            return
        keys[public_key] = private_key
        self._write(protected_keys.seal(keys, unlocked))

    # -- the passphrase ----------------------------------------------------------------

    def state(self) -> KeyFileState:
        try:
            document = self._document()
            if not protected_keys.is_protected(document):
                keys = self._plain(document)
                return KeyFileState(self.path.exists(), False, False, len(keys))
            self._header_checked(document)
            count = len(self._public_keys(document))
            unlocked = self._remembered(document) is not None
            return KeyFileState(True, True, unlocked, count)
        except KeyFileDamaged as damaged:
            return KeyFileState(True, self._looks_protected(), False, None, damaged.reason)

    def protect(self, passphrase: str) -> None:
        """Seal the keys under `passphrase` (this process stays unlocked); the plain
        file's bytes are overwritten where the system lets us (`_write`)."""
        document = self._document()
        if protected_keys.is_protected(document):
            raise UserError(
                KeyMessages.ALREADY_PROTECTED.format(where=self.where),
                code="keys_already_protected",
            )
        data, unlocked = protected_keys.seal_new(self._plain(document), passphrase)
        self._write(data, scrub=True)
        _unlocked[self._identity] = unlocked

    def unprotect(self, passphrase: str) -> None:
        """Write the keys back in plain JSON (0600), once `passphrase` opened them."""
        document = self._protected_document()
        keys = self._opened(document, self._unlocked_by(document, passphrase))
        self._write(_plain_text(keys))
        _unlocked.pop(self._identity, None)

    def unlock(self, passphrase: str) -> None:
        """Open the file with `passphrase` (every key decrypted, so a damaged file is
        refused now, not at the first signature) and keep what opened it in memory."""
        document = self._protected_document()
        unlocked = self._unlocked_by(document, passphrase)
        self._opened(document, unlocked)
        _unlocked[self._identity] = unlocked

    def lock(self) -> None:
        _unlocked.pop(self._identity, None)

    # -- reading and writing -----------------------------------------------------------

    @property
    def _identity(self) -> str:
        return os.path.normcase(os.path.abspath(self.path))

    def _document(self) -> Any:
        """The file's JSON, or None when there is no file."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as error:
            raise KeyFileDamaged(self.where) from error
        make_private(self.path)  # a file restored from a backup with loose bits
        try:
            return json.loads(text)
        except ValueError as error:
            raise KeyFileDamaged(self.where) from error

    def _looks_protected(self) -> bool:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            return protected_keys.FORMAT in self.path.read_text(encoding="utf-8")
        return False

    def _plain(self, document: Any) -> dict[str, str]:
        if document is None:
            return {}
        if not isinstance(document, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in document.items()
        ):
            raise KeyFileDamaged(self.where)
        return document

    def _protected_document(self) -> dict[str, Any]:
        document = self._document()
        if not protected_keys.is_protected(document):
            self._plain(document)  # a damaged plain file says so
            raise UserError(
                KeyMessages.NOT_PROTECTED.format(where=self.where), code="keys_not_protected"
            )
        assert isinstance(document, dict)
        return document

    def _public_keys(self, document: dict[str, Any]) -> list[str]:
        try:
            return protected_keys.public_keys_of(document)
        except ProtectedFileError as error:
            raise KeyFileDamaged(self.where, error.reason) from error

    def _header_checked(self, document: dict[str, Any]) -> None:
        try:
            protected_keys.check_header(document)
        except ProtectedFileError as error:
            raise KeyFileDamaged(self.where, error.reason) from error

    def _opened(self, document: dict[str, Any], unlocked: Unlocked) -> dict[str, str]:
        try:
            return protected_keys.open_keys(document, unlocked)
        except ProtectedFileError as error:
            raise KeyFileDamaged(self.where, error.reason) from error

    def _unlocked_by(self, document: dict[str, Any], passphrase: str) -> Unlocked:
        try:
            return protected_keys.unlock(document, passphrase)
        except ProtectedFileError as error:
            raise KeyFileDamaged(self.where, error.reason) from error
        except PassphraseWrong:
            raise WrongPassphrase() from None

    def _remembered(self, document: dict[str, Any]) -> Unlocked | None:
        """What unlocked this file before in this process, if the file is still sealed
        with it (not since protected again under another passphrase)."""
        unlocked = _unlocked.get(self._identity)
        return unlocked if unlocked is not None and unlocked.matches(document) else None

    def _unlocked(self, document: dict[str, Any]) -> Unlocked:
        remembered = self._remembered(document)
        if remembered is not None:
            return remembered
        named = os.environ.get(PASSPHRASE_FILE_VARIABLE, "")
        if not named:
            raise KeysLocked(self.where)
        unlocked = self._unlocked_by(document, read_passphrase_file(Path(named)))
        _unlocked[self._identity] = unlocked
        return unlocked

    def _write(self, data: bytes, *, scrub: bool = False) -> None:
        """A whole new file, renamed over the old one: a crash leaves one or the other.

        With `scrub` (protecting plain keys), the old file's bytes are overwritten with
        zeros once the new file has its name — best effort: an SSD or a copy-on-write
        file system may keep the old blocks anyway (docs/secrets-at-rest.md), and on
        Windows a file open for that cannot be renamed over."""
        create_private_dir(self.path.parent)
        handle, temp_name = tempfile.mkstemp(  # mkstemp makes it 0600 whatever the umask
            prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent
        )
        old = _open_for_scrubbing(self.path) if scrub else None
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            if old is not None:
                os.close(old)
            raise
        sync_folder(self.path.parent)
        if old is not None:
            _scrub(old)


def _plain_text(keys: dict[str, str]) -> bytes:
    return json.dumps(keys, indent=1, sort_keys=True).encode("utf-8")


def _open_for_scrubbing(path: Path) -> int | None:
    if os.name != "posix":
        return None
    try:
        return os.open(path, os.O_RDWR)
    except OSError:
        return None


def _scrub(descriptor: int) -> None:
    """Overwrite an unlinked file's bytes with zeros, flushed, then let it go."""
    try:
        size = os.fstat(descriptor).st_size
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, bytes(size))
        os.fsync(descriptor)
    except OSError:
        log.info("the old key file could not be overwritten", exc_info=True)
    finally:
        os.close(descriptor)


def read_passphrase_file(path: Path) -> str:
    """A passphrase as scripts give it: the first line of a UTF-8 file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        detail = getattr(error, "strerror", None) or type(error).__name__
        raise UserError(
            KeyMessages.PASSPHRASE_FILE_UNREADABLE.format(path=path, error=detail),
            code="passphrase_file_unreadable",
        ) from None
    lines = text.splitlines()
    return lines[0] if lines else ""


# What unlocked each protected key file in this process, by the file's absolute path:
# memory only, for as long as the process lives (or `forget_unlocked`).
_unlocked: dict[str, Unlocked] = {}


def forget_unlocked() -> None:
    """Lock every key file this process unlocked (tests; a process that wants to)."""
    _unlocked.clear()


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


def key_file_of(store: KeyStore) -> KeyFile | None:
    """The key file behind a store (the keyring's fallback too); None for memory."""
    if isinstance(store, KeyFile):
        return store
    if isinstance(store, KeyringKeys):
        return store.fallback
    return None


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
