"""A key file protected by a passphrase (models/protected_keys.py, private_keys.py,
services/key_protection.py, `keys` commands): protected, locked in a new process,
unlocked once, refused on a wrong passphrase or a damaged file with the reason; while
locked, signing, exporting and importing stop before writing anything.

"A new process" is `forget_unlocked()`: what unlocking derived lives in the process's
memory only. The key derivation runs at a test's cost (a few KiB) except where the
default cost itself is checked.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.errors import PermissionDenied, UserError
from desktop.models import (
    AuditLog,
    CenterKey,
    Certificate,
    ChangeLog,
    HqCenter,
    SyncExport,
    db,
    protected_keys,
)
from desktop.models import private_keys as private_keys_module
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.models.private_keys import (
    PASSPHRASE_FILE_VARIABLE,
    KeyFile,
    forget_unlocked,
    store_for,
)
from desktop.models.protected_keys import KdfCost, PassphraseWrong, ProtectedFileError
from desktop.services import center_keys, center_sync, certificates
from desktop.services.certificates import VerifyStatus
from desktop.services.hq import imports
from desktop.services.key_protection import (
    IN_FILE,
    IN_KEYRING,
    IN_MEMORY,
    IN_PROTECTED_FILE,
    NOWHERE,
    keys_status,
    needs_unlock,
    protect_keys,
    unlock_keys,
    unprotect_keys,
)
from desktop.strings.keys import KeyMessages
from tests.factories import set_up_center
from tests.helpers.cli import run
from tests.helpers.courses import finished_course
from tests.helpers.people import login_as
from tests.helpers.sync import headquarters

PASSPHRASE = "a long passphrase, said once"
OTHER = "another long passphrase"
ALL = "PPPPPPPPPP"
TEST_COST = KdfCost(memory_kib=64, iterations=1, lanes=1)


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(protected_keys, "KDF_COST", TEST_COST)
    monkeypatch.delenv(PASSPHRASE_FILE_VARIABLE, raising=False)
    forget_unlocked()
    yield
    forget_unlocked()


@pytest.fixture
def center_file(tmp_path):
    path = tmp_path / "center.sqlite3"
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def signing_center(center_file):
    """A center on a file whose signing key exists (one certificate issued), and one
    enrollment left to certify."""
    admin = set_up_center()
    _, ids = finished_course(admin, admin.user_id, [ALL, ALL])
    issued = certificates.issue_certificate(admin, ids[0])
    return admin, ids[1], issued


def key_file_of(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".keys")


def private_texts(path: Path) -> list[str]:
    return list(json.loads(path.read_text(encoding="utf-8")).values())


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def a_new_process() -> None:
    forget_unlocked()


# -- protecting, locking, unlocking ------------------------------------------------------


def test_protecting_seals_the_keys_in_a_0600_file_and_leaves_no_plain_key(
    signing_center, center_file
):
    admin, _, _ = signing_center
    key_file = key_file_of(center_file)
    plain = json.loads(key_file.read_text(encoding="utf-8"))
    assert keys_status().where == IN_FILE and keys_status().protectable

    status = protect_keys(admin, PASSPHRASE)

    assert (status.where, status.locked, status.keys_in_file) == (IN_PROTECTED_FILE, False, 1)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    document = json.loads(key_file.read_text(encoding="utf-8"))
    assert document["format"] == "tavana-protected-keys" and document["version"] == 1
    assert document["public_keys"] == sorted(plain)  # public: the database has them too
    assert document["kdf"]["name"] == "argon2id" and document["cipher"]["name"] == "AES-256-GCM"
    everything = all_bytes(center_file.parent)
    for private in plain.values():
        assert private.encode() not in everything
    assert not [p for p in center_file.parent.iterdir() if p.name.endswith(".part")]
    assert AuditLog.select().where(AuditLog.action == "keys.protected").count() == 1


def test_locked_keys_refuse_to_sign_and_nothing_is_written(signing_center, center_file):
    admin, enrollment, issued = signing_center
    protect_keys(admin, PASSPHRASE)
    key_file = key_file_of(center_file)
    sealed = key_file.read_bytes()
    a_new_process()
    assert keys_status().locked and needs_unlock(admin)
    certificates_before, changes_before = Certificate.select().count(), ChangeLog.select().count()

    with pytest.raises(UserError) as refused:
        certificates.issue_certificate(admin, enrollment)

    assert refused.value.code == "keys_locked"
    assert refused.value.message == KeyMessages.LOCKED.format(where=key_file)
    assert Certificate.select().count() == certificates_before
    assert ChangeLog.select().count() == changes_before
    assert key_file.read_bytes() == sealed
    # Verifying needs only the public key: it still works.
    assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.VALID

    with pytest.raises(UserError) as wrong:
        unlock_keys(admin, OTHER)
    assert (wrong.value.code, wrong.value.field) == ("wrong_passphrase", "passphrase")
    assert keys_status().locked
    assert AuditLog.select().where(AuditLog.action == "keys.unlock_failed").count() == 1

    unlock_keys(admin, PASSPHRASE)
    assert not keys_status().locked and not needs_unlock(admin)
    again = certificates.issue_certificate(admin, enrollment)
    assert certificates.verify(admin, again.qr_payload).status is VerifyStatus.VALID
    assert key_file.read_bytes() == sealed  # signing read the key, wrote nothing


def test_a_key_made_while_unlocked_is_sealed_and_one_made_while_locked_is_refused(center_file):
    admin = set_up_center()
    assert keys_status().where == NOWHERE  # no key made yet: nothing on disk
    protect_keys(admin, PASSPHRASE)  # an empty sealed file: every key made later is sealed
    assert keys_status().keys_in_file == 0
    a_new_process()

    with pytest.raises(UserError) as refused:
        center_keys.signing_key("TEH05", admin.user_id)
    assert refused.value.code == "keys_locked"
    assert CenterKey.select().count() == 0  # the public half is not kept without its private

    unlock_keys(admin, PASSPHRASE)
    key = center_keys.signing_key("TEH05", admin.user_id)
    status = keys_status()
    assert (status.where, status.keys_in_file) == (IN_PROTECTED_FILE, 1)
    private = key.private_bytes_raw()
    assert private not in all_bytes(center_file.parent)
    a_new_process()
    unlock_keys(admin, PASSPHRASE)
    assert center_keys.signing_key("TEH05").private_bytes_raw() == private


def test_unprotecting_writes_the_same_keys_back_plain(signing_center, center_file):
    admin, _, _ = signing_center
    key_file = key_file_of(center_file)
    plain = json.loads(key_file.read_text(encoding="utf-8"))
    protect_keys(admin, PASSPHRASE)
    a_new_process()
    sealed = key_file.read_bytes()
    with pytest.raises(UserError) as wrong:
        unprotect_keys(admin, OTHER)
    assert wrong.value.code == "wrong_passphrase" and key_file.read_bytes() == sealed

    status = unprotect_keys(admin, PASSPHRASE)

    assert (status.where, status.locked) == (IN_FILE, False)
    assert json.loads(key_file.read_text(encoding="utf-8")) == plain
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with pytest.raises(UserError) as again:
        unprotect_keys(admin, PASSPHRASE)
    assert again.value.code == "keys_not_protected"


def test_a_file_protected_again_under_another_passphrase_is_locked_again(
    signing_center, center_file
):
    admin, enrollment, _ = signing_center
    protect_keys(admin, PASSPHRASE)
    with pytest.raises(UserError) as twice:
        protect_keys(admin, OTHER)
    assert twice.value.code == "keys_already_protected"
    ours = dict(private_keys_module._unlocked)  # what this process unlocked
    # Another program takes the passphrase off and puts another on …
    other_program = KeyFile(key_file_of(center_file))
    other_program.unprotect(PASSPHRASE)
    other_program.protect(OTHER)
    private_keys_module._unlocked.clear()
    private_keys_module._unlocked.update(ours)
    # … and what this process derived before opens the file no longer.
    assert keys_status().locked
    with pytest.raises(UserError) as refused:
        certificates.issue_certificate(admin, enrollment)
    assert refused.value.code == "keys_locked"


def test_a_new_passphrase_is_long_enough_and_repeated(signing_center):
    admin, _, _ = signing_center
    with pytest.raises(UserError) as short:
        protect_keys(admin, "short one")
    assert (short.value.code, short.value.field) == ("passphrase_short", "passphrase")
    with pytest.raises(UserError) as mismatch:
        protect_keys(admin, PASSPHRASE, PASSPHRASE + "!")
    assert (mismatch.value.code, mismatch.value.field) == (
        "passphrase_mismatch",
        "passphrase_confirm",
    )
    assert keys_status().where == IN_FILE  # nothing was sealed


def test_only_administrators_protect_or_unlock(signing_center):
    admin, _, _ = signing_center
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        protect_keys(clerk, PASSPHRASE)
    protect_keys(admin, PASSPHRASE)
    a_new_process()
    assert not needs_unlock(clerk)  # a clerk is never asked: signing tells them whom to ask
    with pytest.raises(PermissionDenied):
        unlock_keys(clerk, PASSPHRASE)


def test_the_passphrase_is_read_as_typed_on_any_persian_keyboard(signing_center):
    admin, _, _ = signing_center
    protect_keys(admin, "کلید آبی یکم ۱۲۳۴ برای مرکز")
    a_new_process()
    # Arabic yeh and kaf, ASCII digits, alef and madda apart: what another layout types.
    unlock_keys(admin, "كليد \u0627\u0653بی يكم 1234 برای مركز")
    assert not keys_status().locked


# -- a damaged file ----------------------------------------------------------------------


def _flip_ciphertext(document: dict) -> None:
    text = document["ciphertext"]
    document["ciphertext"] = ("A" if text[0] != "A" else "B") + text[1:]


def _another_public_key(document: dict) -> None:
    document["public_keys"] = ["x" * 43]


def _newer_version(document: dict) -> None:
    document["version"] = 2


def _costly(document: dict) -> None:
    document["kdf"]["memory_kib"] = 64 * 1024 * 1024  # 64 GiB: a hostile file


def _no_ciphertext(document: dict) -> None:
    del document["ciphertext"]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_flip_ciphertext, "altered"),
        (_another_public_key, "altered"),
        (_newer_version, "newer"),
        (_costly, "unreadable"),
        (_no_ciphertext, "unreadable"),
    ],
)
def test_a_damaged_protected_file_is_refused_with_its_reason(
    signing_center, center_file, damage, reason
):
    admin, enrollment, _ = signing_center
    protect_keys(admin, PASSPHRASE)
    a_new_process()
    key_file = key_file_of(center_file)
    document = json.loads(key_file.read_text(encoding="utf-8"))
    damage(document)
    key_file.write_text(json.dumps(document), encoding="utf-8")
    damaged = key_file.read_bytes()

    with pytest.raises(UserError) as refused:
        unlock_keys(admin, PASSPHRASE)

    assert refused.value.code == f"keys_file_{reason}"
    assert refused.value.message == KeyMessages.DAMAGED[reason].format(where=key_file)
    # Without the passphrase the header is all that can be checked.
    assert keys_status().problem == ("" if reason == "altered" else reason)
    with pytest.raises(UserError) as signing:
        certificates.issue_certificate(admin, enrollment)
    # Locked, or (the list of public keys changed) no such key here: never signed.
    assert signing.value.code in ("keys_locked", "signing_key_missing")
    assert key_file.read_bytes() == damaged  # refused, never rewritten


def test_a_key_file_that_is_not_json_is_refused_by_every_action(signing_center, center_file):
    admin, _, _ = signing_center
    key_file_of(center_file).write_text("{not json", encoding="utf-8")
    status = keys_status()
    assert (status.problem, status.keys_in_file, status.protectable) == ("json", None, False)
    for action in (protect_keys, unlock_keys, unprotect_keys):
        with pytest.raises(UserError) as refused:
            action(admin, PASSPHRASE)
        assert refused.value.code == "keys_file_json"


# -- where there is no file to protect ---------------------------------------------------


class KeyringBackend:
    """An OS keyring as the `keyring` package presents one (two methods are used)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, name: str) -> str | None:
        return self.entries.get((service, name))

    def set_password(self, service: str, name: str, value: str) -> None:
        self.entries[(service, name)] = value


def test_keys_in_the_os_keyring_have_no_file_to_protect(center_file, monkeypatch):
    monkeypatch.setattr(private_keys_module, "os_keyring", KeyringBackend)
    admin = set_up_center()
    center_keys.signing_key("TEH05")
    status = keys_status()
    assert (status.where, status.keyring, status.protectable) == (IN_KEYRING, True, False)
    with pytest.raises(UserError) as refused:
        protect_keys(admin, PASSPHRASE)
    assert refused.value.code == "keys_in_keyring"
    assert not key_file_of(center_file).exists()


@pytest.mark.sqlite_only("an in-memory SQLite database")
def test_an_in_memory_database_keeps_its_keys_in_memory(admin):
    assert keys_status().where == IN_MEMORY
    with pytest.raises(UserError) as refused:
        protect_keys(admin, PASSPHRASE)
    assert refused.value.code == "keys_in_memory"


@pytest.mark.postgres_only
def test_a_server_database_protects_its_server_key_file(admin):
    store = store_for(db.obj)
    assert isinstance(store, KeyFile) and store.path.name == "server.keys"
    center_keys.signing_key("TEH05")
    before = store.path.read_bytes()
    try:
        protect_keys(admin, PASSPHRASE)
        a_new_process()
        with pytest.raises(UserError) as refused:
            center_keys.signing_key("TEH05")
        assert refused.value.code == "keys_locked"
        unlock_keys(admin, PASSPHRASE)
        center_keys.signing_key("TEH05")
    finally:  # the session's other tests share the file
        forget_unlocked()
        store.path.write_bytes(before)


# -- scripts: the passphrase from a file the environment names ---------------------------


def test_a_passphrase_file_named_in_the_environment_unlocks_for_scripts(
    signing_center, tmp_path, monkeypatch
):
    admin, enrollment, _ = signing_center
    protect_keys(admin, PASSPHRASE)
    a_new_process()
    named = tmp_path / "passphrase.txt"
    monkeypatch.setenv(PASSPHRASE_FILE_VARIABLE, str(named))
    with pytest.raises(UserError) as missing:
        certificates.issue_certificate(admin, enrollment)
    assert missing.value.code == "passphrase_file_unreadable"
    named.write_text(OTHER + "\n", encoding="utf-8")
    with pytest.raises(UserError) as wrong:
        certificates.issue_certificate(admin, enrollment)
    assert wrong.value.code == "wrong_passphrase"
    named.write_text(PASSPHRASE + "\n", encoding="utf-8")
    issued = certificates.issue_certificate(admin, enrollment)
    assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.VALID


# -- sync files: export at a center, import at HQ ----------------------------------------


def test_a_locked_center_writes_no_sync_file_and_a_locked_hq_imports_none(tmp_path):
    sites = headquarters(tmp_path)
    sites.add_center("TEH05", "مرکز منطقهٔ ۵")
    usb = tmp_path / "usb"
    usb.mkdir()
    with sites.at("TEH05") as admin:
        protect_keys(admin, PASSPHRASE)
        a_new_process()
        with pytest.raises(UserError) as refused:
            center_sync.export_changes(admin, usb)
        assert refused.value.code == "keys_locked"
        assert list(usb.iterdir()) == [] and SyncExport.select().count() == 0
        unlock_keys(admin, PASSPHRASE)
        exported = center_sync.export_changes(admin, usb)
        assert exported is not None
    a_new_process()
    with sites.at_hq() as hq:
        protect_keys(hq, PASSPHRASE)
        a_new_process()
        with pytest.raises(UserError) as refused:
            imports.import_file(hq, exported.path)
        assert refused.value.code == "keys_locked"
        assert HqCenter.get(HqCenter.code == "TEH05").files == 0
        unlock_keys(hq, PASSPHRASE)
        assert imports.import_file(hq, exported.path).status == "imported"


# -- the file format ---------------------------------------------------------------------


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    keys=st.dictionaries(
        st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=50),
        st.text(min_size=1, max_size=100),
        max_size=5,
    ),
    passphrase=st.text(min_size=1, max_size=40),
    other=st.text(min_size=1, max_size=40),
)
def test_any_keys_under_any_passphrase_open_again_and_only_with_it(keys, passphrase, other):
    # (the autouse fixture's cheap cost holds: it patched the module for this test)
    data, _ = protected_keys.seal_new(keys, passphrase)
    document = json.loads(data)
    assert protected_keys.open_keys(document, protected_keys.unlock(document, passphrase)) == keys
    if protected_keys.passphrase_bytes(other) != protected_keys.passphrase_bytes(passphrase):
        with pytest.raises(PassphraseWrong):
            protected_keys.unlock(document, other)


# Integers either small or past every bound: a derivation asked for by a changed file
# then costs at most 100 KiB (tests never pay for a large one).
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 100)
    | st.integers(2**21, 2**62)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
FIELDS = ["format", "version", "about", "public_keys", "kdf", "check", "cipher", "ciphertext"]
KDF_FIELDS = ["name", "version", "memory_kib", "iterations", "lanes", "salt"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(FIELDS + [f"kdf.{name}" for name in KDF_FIELDS]),
    value=JSON,
    flip=st.tuples(st.integers(0, 10_000), st.integers(1, 255)),
)
def test_a_file_changed_anywhere_is_refused_never_misread(field, value, flip):
    data, _ = protected_keys.seal_new({"public": "private key"}, PASSPHRASE)
    document = json.loads(data)
    if field.startswith("kdf."):
        document["kdf"][field.removeprefix("kdf.")] = value
    else:
        document[field] = value
    raw = protected_keys._decoded(json.loads(data)["ciphertext"], "ciphertext")
    position, mask = flip[0] % len(raw), flip[1]
    flipped = bytes(b ^ mask if i == position else b for i, b in enumerate(raw))
    for changed in (document, json.loads(data) | {"ciphertext": protected_keys._text(flipped)}):
        try:
            opened = protected_keys.open_keys(changed, protected_keys.unlock(changed, PASSPHRASE))
        except (ProtectedFileError, PassphraseWrong):
            continue
        assert opened == {"public": "private key"}  # only a change that changed nothing
        assert changed == json.loads(data)


def test_the_default_cost_is_rfc_9106_s_and_the_file_records_it(monkeypatch, tmp_path):
    monkeypatch.undo()  # the real cost: one derivation, 64 MiB, ~0.15 s
    data, unlocked = protected_keys.seal_new({"public": "private"}, PASSPHRASE)
    kdf = json.loads(data)["kdf"]
    assert (kdf["memory_kib"], kdf["iterations"], kdf["lanes"]) == (65536, 3, 4)
    assert protected_keys.open_keys(json.loads(data), unlocked) == {"public": "private"}


def test_an_unknown_format_is_not_guessed_at():
    with pytest.raises(ProtectedFileError) as refused:
        protected_keys.unlock({"format": "something-else"}, PASSPHRASE)
    assert refused.value.reason == "unreadable"


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def hq_file(tmp_path, capsys, close_database_after):
    (tmp_path / "password.txt").write_text("s3cret-pass\n", encoding="utf-8")
    (tmp_path / "passphrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    (tmp_path / "wrong.txt").write_text(OTHER + "\n", encoding="utf-8")
    path = str(tmp_path / "hq.sqlite3")
    code, _, err = run(
        capsys, "hq", "init", "--db", path, "--name", "ستاد شهر", "--admin", "hqadmin",
        "--password-file", str(tmp_path / "password.txt"),
    )  # fmt: skip
    assert code == 0, err
    return path


def cli(capsys, *argv):
    """A command as a new process runs it: nothing unlocked before."""
    a_new_process()
    return run(capsys, *argv)


def test_keys_commands_protect_check_unprotect(hq_file, tmp_path, capsys):
    passphrase, wrong = str(tmp_path / "passphrase.txt"), str(tmp_path / "wrong.txt")
    code, out, _ = cli(capsys, "keys", "status", "--db", hq_file)
    assert code == 0 and "where: file\n" in out and "locked: no\n" in out
    assert "keys_in_file: 2\n" in out  # HQ's signing key and reading key

    protect = ["keys", "protect", "--db", hq_file, "--passphrase-file", passphrase]
    code, out, err = cli(capsys, *protect)
    assert code == 0, err
    assert out.startswith(f"protected: {hq_file}.keys (2 keys sealed)")
    code, out, _ = cli(capsys, "keys", "status", "--db", hq_file, "--json")
    assert json.loads(out) == {
        "where": "protected_file",
        "key_file": f"{hq_file}.keys",
        "keyring": False,
        "locked": True,
        "keys_in_file": 2,
        "problem": "",
    }
    code, _, err = cli(capsys, "keys", "check", "--db", hq_file, "--passphrase-file", wrong)
    assert code == 1 and err.startswith("error: wrong passphrase for the key file (")
    code, out, _ = cli(capsys, "keys", "check", "--db", hq_file, "--passphrase-file", passphrase)
    assert code == 0 and out == f"the passphrase opens {hq_file}.keys (2 keys)\n"
    code, _, err = cli(capsys, *protect)
    assert code == 1 and err.startswith("error: the key file is protected already")

    code, out, _ = cli(
        capsys, "keys", "unprotect", "--db", hq_file, "--passphrase-file", passphrase
    )
    assert code == 0 and out.startswith(f"unprotected: {hq_file}.keys (2 keys")
    assert cli(capsys, "keys", "status", "--db", hq_file)[1].startswith("where: file\n")
    short = tmp_path / "short.txt"
    short.write_text("too short\n", encoding="utf-8")
    code, _, err = cli(capsys, "keys", "protect", "--db", hq_file, "--passphrase-file", str(short))
    assert code == 1 and err.startswith("error: the passphrase is too short")


def test_a_signing_command_while_locked_is_refused_and_writes_nothing(
    hq_file, tmp_path, capsys, monkeypatch
):
    passphrase = str(tmp_path / "passphrase.txt")
    assert cli(capsys, "keys", "protect", "--db", hq_file, "--passphrase-file", passphrase)[0] == 0
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    provision = ["hq", "provision", "--db", hq_file, "--center-code", "TEH05"]
    provision += ["--center-name", "مرکز پنج", "--out", str(out_folder)]

    code, out, err = cli(capsys, *provision)

    assert code == 1 and out == ""
    assert err.startswith("error: the private keys are protected by a passphrase and locked")
    assert list(out_folder.iterdir()) == []
    code, out, _ = cli(capsys, "hq", "centers", "--db", hq_file, "--json")
    assert "TEH05" not in out  # the center's row went with the refusal

    monkeypatch.setenv(PASSPHRASE_FILE_VARIABLE, str(tmp_path / "wrong.txt"))
    code, _, err = cli(capsys, *provision)
    assert code == 1 and err.startswith("error: wrong passphrase")
    assert list(out_folder.iterdir()) == []

    monkeypatch.setenv(PASSPHRASE_FILE_VARIABLE, passphrase)
    code, out, err = cli(capsys, *provision)
    assert code == 0, err
    assert [p.name for p in out_folder.iterdir()] == [Path(out.strip()).name]


def test_the_passphrase_options_are_required(hq_file, capsys):
    with pytest.raises(SystemExit) as usage:
        run(capsys, "keys", "protect", "--db", hq_file)
    assert usage.value.code == 2


def test_the_key_file_stays_0600_under_a_loose_umask(signing_center, center_file):
    admin, _, _ = signing_center
    before = os.umask(0o022)
    try:
        protect_keys(admin, PASSPHRASE)
        unprotect_keys(admin, PASSPHRASE)
    finally:
        os.umask(before)
    assert stat.S_IMODE(key_file_of(center_file).stat().st_mode) == 0o600
