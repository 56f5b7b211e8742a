"""Protecting the private keys with a passphrase, where they live in a key file.

Where a real OS keyring exists the keys are there, behind the user's login (the keyring
is the protection). Without one they live in `<database>.keys` (models/private_keys.py),
which anyone holding a copy of the data folder can read; an administrator can protect
that file with a passphrase. The keys are then sealed in it, and each run of the app
asks an administrator for the passphrase once (after logging in); until then signing a
certificate, writing a sync file or reading HQ's answer is refused with a `UserError`
(code `keys_locked`) before anything is written — the rest of the app works as before.
Scripts give the passphrase through a file named by TAVANA_KEY_PASSPHRASE_FILE.

docs/secrets-at-rest.md says what this protects against, and what it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.errors import UserError
from desktop.models import Role, db
from desktop.models.private_keys import (
    KeyFile,
    KeyFileDamaged,
    KeyringKeys,
    MemoryKeys,
    WrongPassphrase,
    key_file_of,
    store_for,
)
from desktop.services.records import audit
from desktop.services.session import Session
from desktop.strings.keys import KeyMessages
from desktop.text.digits import format_number

MIN_PASSPHRASE_LENGTH = 12
KEY_ADMINS = (Role.ADMIN, Role.HQ_ADMIN)

# Where the keys are (KeysStatus.where).
IN_MEMORY = "memory"  # an in-memory database (tests, a throw-away session)
IN_KEYRING = "keyring"  # the OS keyring, and no key file beside the database
IN_FILE = "file"  # a key file in plain JSON (0600)
IN_PROTECTED_FILE = "protected_file"  # a key file sealed under a passphrase
NOWHERE = "none"  # no keyring, and no key file yet: no key was made


@dataclass(frozen=True)
class KeysStatus:
    where: str  # one of the five above
    key_file: str  # its path ("" in memory)
    keyring: bool  # an OS keyring is in use (the file is then its fallback)
    locked: bool  # protected, and not unlocked in this process
    keys_in_file: int | None  # None: the file is damaged
    problem: str  # why the file cannot be read ("" when it can): KeyFileDamaged.reason

    @property
    def protectable(self) -> bool:
        """Whether an administrator may protect the keys now (a plain file, or no
        file yet where no keyring is used)."""
        return not self.problem and self.where in (IN_FILE, NOWHERE)


def keys_status() -> KeysStatus:
    """Where the private keys of the open database are, and whether they are locked."""
    store = store_for(db.obj)
    key_file = key_file_of(store)
    if key_file is None:
        return KeysStatus(IN_MEMORY, "", False, False, None, "")
    keyring = isinstance(store, KeyringKeys)
    state = key_file.state()
    if state.protected:
        where = IN_PROTECTED_FILE
    elif state.exists:
        where = IN_FILE
    else:
        where = IN_KEYRING if keyring else NOWHERE
    locked = state.protected and not state.unlocked
    return KeysStatus(where, key_file.where, keyring, locked, state.keys, state.problem)


def needs_unlock(session: Session) -> bool:
    """Whether to ask `session` for the passphrase now: an administrator, keys locked."""
    return session.role in KEY_ADMINS and keys_status().locked


def protect_keys(session: Session, passphrase: str, confirm: str | None = None) -> KeysStatus:
    """Seal the key file under `passphrase` (`confirm`, when asked for, must repeat it).
    This process stays unlocked."""
    session.require(*KEY_ADMINS)
    check_new_passphrase(passphrase, confirm)
    key_file = _key_file()
    if keys_status().where == IN_KEYRING:
        raise UserError(KeyMessages.IN_KEYRING, code="keys_in_keyring")
    _refusing_damage(lambda: key_file.protect(passphrase))
    audit(session, "keys.protected", key_file.where)
    return keys_status()


def check_new_passphrase(passphrase: str, confirm: str | None = None) -> None:
    """A new passphrase is long enough (and repeated right, when `confirm` is given)."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        minimum = format_number(MIN_PASSPHRASE_LENGTH)
        message = KeyMessages.PASSPHRASE_SHORT.format(minimum=minimum)
        raise UserError(message, code="passphrase_short", field="passphrase")
    if confirm is not None and confirm != passphrase:
        raise UserError(
            KeyMessages.PASSPHRASE_MISMATCH, code="passphrase_mismatch", field="passphrase_confirm"
        )


def unprotect_keys(session: Session, passphrase: str) -> KeysStatus:
    """Write the keys back unsealed (0600), once `passphrase` opened them."""
    session.require(*KEY_ADMINS)
    key_file = _key_file()
    _checked(session, lambda: key_file.unprotect(passphrase))
    audit(session, "keys.unprotected", key_file.where)
    return keys_status()


def unlock_keys(session: Session, passphrase: str) -> None:
    """Open the protected key file for this process; WrongPassphrase (field
    `passphrase`) when it does not open it."""
    session.require(*KEY_ADMINS)
    key_file = _key_file()
    _checked(session, lambda: key_file.unlock(passphrase))
    audit(session, "keys.unlocked")


def _key_file() -> KeyFile:
    store = store_for(db.obj)
    if isinstance(store, MemoryKeys):
        raise UserError(KeyMessages.IN_MEMORY, code="keys_in_memory")
    key_file = key_file_of(store)
    assert key_file is not None
    return key_file


def _checked(session: Session, action: Callable[[], None]) -> None:
    """Run a passphrase check; a wrong passphrase goes to the audit trail."""
    try:
        _refusing_damage(action)
    except WrongPassphrase:
        audit(session, "keys.unlock_failed")
        raise


def _refusing_damage(action: Callable[[], None]) -> None:
    """Run `action`; a key file it cannot read is refused with the reason."""
    try:
        action()
    except KeyFileDamaged as damaged:
        message = KeyMessages.DAMAGED[damaged.reason].format(where=damaged.path)
        raise UserError(message, code=f"keys_file_{damaged.reason}") from damaged
