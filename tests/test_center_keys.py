"""The center's private signing key lives outside the database: a 0600 key file next to
it, the OS keyring where there is a real one, memory for an in-memory database; and a
database made by an older version gives its key up to the key file (migration 0007)."""

from __future__ import annotations

import base64
import os
import shutil
import stat

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.compat import properties

from desktop.errors import UserError
from desktop.models import CenterKey, db
from desktop.models.db import close_database
from desktop.models.migrations import latest_version, migrate_to_latest
from desktop.models.opening import open_database
from desktop.models.private_keys import KeyFile, MemoryKeys, os_keyring, store_for
from desktop.services import center_keys, certificates
from desktop.services.certificates import VerifyStatus
from tests.factories import set_up_center
from tests.helpers.courses import finished_course
from tests.helpers.schema import models_as_of

ALL = "PPPPPPPPPP"


def _center_with_a_certificate():
    admin = set_up_center()
    _, ids = finished_course(admin, admin.user_id, [ALL, ALL])
    return admin, ids, certificates.issue_certificate(admin, ids[0])


def _private_text(public_key: str) -> str:
    private = store_for(db.obj).load(public_key)
    assert private, "the private key is in the store"
    return private


def _raw(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _files_of(path):
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )


@pytest.fixture
def center_file(tmp_path):
    path = tmp_path / "center.sqlite3"
    open_database(path)
    yield path
    close_database()


def test_the_private_key_is_in_a_0600_key_file_and_not_in_the_database(center_file):
    admin, _, issued = _center_with_a_certificate()
    public = CenterKey.get().public_key
    private = _private_text(public)
    assert "private_key" not in {c.name for c in db.obj.get_columns("center_key")}
    key_file = center_file.with_name("center.sqlite3.keys")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert KeyFile(key_file).load(public) == private
    close_database()
    stored = _files_of(center_file)
    assert private.encode() not in stored and _raw(private) not in stored
    assert public.encode() in stored  # the public half is what the database keeps

    open_database(center_file)  # the same key, found again, signs the next certificate
    assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.VALID
    assert _private_text(CenterKey.get().public_key) == private


def test_a_copy_without_its_key_file_verifies_but_does_not_sign(center_file, tmp_path):
    admin, ids, issued = _center_with_a_certificate()
    close_database()
    copy = tmp_path / "copy" / "center.sqlite3"
    copy.parent.mkdir()
    shutil.copy(center_file, copy)
    open_database(copy)
    assert certificates.verify(admin, issued.serial).status is VerifyStatus.VALID
    with pytest.raises(UserError) as refused:
        certificates.issue_certificate(admin, ids[1])
    assert refused.value.code == "signing_key_missing"
    assert str(copy) + ".keys" in refused.value.message
    close_database()

    shutil.copy(center_file.with_name("center.sqlite3.keys"), copy.parent)  # put it back
    open_database(copy)
    again = certificates.issue_certificate(admin, ids[1])
    assert certificates.verify(admin, again.qr_payload).status is VerifyStatus.VALID


def test_a_key_file_holding_another_key_or_garbage_is_refused(center_file):
    admin, ids, _ = _center_with_a_certificate()
    public = CenterKey.get().public_key
    key_file = center_file.with_name("center.sqlite3.keys")
    other = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    key_file.write_text(f'{{"{public}": "{other}"}}', encoding="utf-8")
    with pytest.raises(UserError) as refused:
        certificates.issue_certificate(admin, ids[1])
    assert refused.value.code == "signing_key_mismatch"
    key_file.write_text("not json", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        certificates.issue_certificate(admin, ids[1])
    assert refused.value.code == "signing_key_damaged"


@pytest.mark.sqlite_only("an in-memory SQLite database")
def test_an_in_memory_database_keeps_its_key_in_memory(admin, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written here, or anywhere
    key = center_keys.signing_key("TEH05")
    store = store_for(db.obj)
    assert isinstance(store, MemoryKeys)
    public = CenterKey.get().public_key
    assert _raw(store.load(public)) == key.private_bytes_raw()
    assert center_keys.signing_key("TEH05").private_bytes_raw() == key.private_bytes_raw()
    assert list(tmp_path.iterdir()) == []
    other = open_database(":memory:")  # another in-memory database: its own store
    assert store_for(other).load(public) is None


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict, as an OS keyring would."""

    @properties.classproperty
    def priority(cls):
        raise RuntimeError("not viable: keyring never picks it, a test sets it")

    def __init__(self, broken: bool = False):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.broken = broken

    def get_password(self, service, username):
        if self.broken:
            raise keyring.errors.KeyringLocked("locked")
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        if self.broken:
            raise keyring.errors.PasswordSetError("locked")
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


@pytest.fixture
def os_keyring_is(monkeypatch):
    """Make `backend` the OS keyring for the test; put everything back after."""
    previous = keyring.get_keyring()
    monkeypatch.delenv("TAVANA_KEYRING", raising=False)

    def use(backend):
        keyring.set_keyring(backend)
        os_keyring.cache_clear()
        return backend

    yield use
    keyring.set_keyring(previous)
    os_keyring.cache_clear()


def test_a_real_os_keyring_holds_the_key_instead_of_the_file(center_file, os_keyring_is):
    backend = os_keyring_is(MemoryKeyring())
    _center_with_a_certificate()
    public = CenterKey.get().public_key
    assert list(backend.entries) == [("tavana", f"center-key:{public}")]
    assert not center_file.with_name("center.sqlite3.keys").exists()
    assert _private_text(public) == backend.entries[("tavana", f"center-key:{public}")]


def test_a_failing_keyring_falls_back_to_the_file_silently(center_file, os_keyring_is):
    os_keyring_is(MemoryKeyring(broken=True))
    admin, ids, _ = _center_with_a_certificate()
    public = CenterKey.get().public_key
    assert KeyFile(center_file.with_name("center.sqlite3.keys")).load(public)
    again = certificates.issue_certificate(admin, ids[1])
    assert certificates.verify(admin, again.qr_payload).status is VerifyStatus.VALID


def test_no_keyring_when_there_is_only_the_fail_backend_or_it_is_turned_off(
    os_keyring_is, monkeypatch
):
    os_keyring_is(fail.Keyring())
    assert os_keyring() is None
    os_keyring_is(MemoryKeyring())
    assert os_keyring() is not None
    monkeypatch.setenv("TAVANA_KEYRING", "off")
    os_keyring.cache_clear()
    assert os_keyring() is None


def test_version_6_database_gives_its_private_key_up_to_the_key_file(tmp_path):
    """A database whose center key was made before 0007 held the private key in a column:
    the migration writes it to the key file (0600), drops the column, and overwrites the
    freed bytes; certificates signed before verify, and new ones are signed by it."""
    path = tmp_path / "v6.sqlite3"
    key_file = tmp_path / "v6.sqlite3.keys"
    open_database(path, migrate=False)
    try:
        migrate_to_latest(db.obj, target=6)
        with models_as_of(6):
            admin, ids, issued = _center_with_a_certificate()
        public = CenterKey.get().public_key
        private = _private_text(public)
        # As version 6 kept it: in the column, and nowhere else.
        db.obj.execute_sql("UPDATE center_key SET private_key = ?", (private,))
        key_file.unlink()
    finally:
        close_database()
    assert private.encode() in _files_of(path)

    open_database(path)
    try:
        assert latest_version() >= 7
        assert "private_key" not in {c.name for c in db.obj.get_columns("center_key")}
        assert KeyFile(key_file).load(public) == private
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.VALID
        again = certificates.issue_certificate(admin, ids[1])
        assert certificates.verify(admin, again.qr_payload).status is VerifyStatus.VALID
        assert CenterKey.select().count() == 1  # the same key signed it
    finally:
        close_database()
    stored = _files_of(path)
    assert private.encode() not in stored and _raw(private) not in stored
