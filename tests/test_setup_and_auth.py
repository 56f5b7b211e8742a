"""First-run set-up, login, lock-out and password changes (services, no Tk)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.errors import UserError, ValidationError
from desktop.models import AuditLog, Center, ChangeLog, Role, User
from desktop.services import auth, users
from desktop.services.setup import initialise_center, is_initialised, local_center
from desktop.strings import Auth, Setup
from tests.conftest import ADMIN_PASSWORD


def test_fresh_database_is_not_initialised(database):
    assert not is_initialised()
    with pytest.raises(UserError) as raised:
        local_center()
    assert raised.value.code == "not_initialised"


def test_setup_normalises_and_records_changes(database):
    info = initialise_center(
        center_code=" teh-05 ",
        center_name="مركز  منطقهٔ ۵ ",
        admin_username="Admin",
        admin_display_name="مديـر",
        password="12345678",
        password_confirm="12345678",
    )
    assert info.code == "TEH05"
    assert info.name == "مرکز منطقهٔ ۵"  # Arabic kaf folded, spaces collapsed
    admin = User.get()
    assert (admin.username, admin.display_name, admin.role) == ("admin", "مدیر", "admin")
    log = list(ChangeLog.select().order_by(ChangeLog.seq))
    assert [(c.seq, c.entity, c.operation) for c in log] == [
        (1, "center", "create"),
        (2, "user", "create"),
    ]
    row = json.loads(log[1].data)
    assert "password_hash" not in row and row["username"] == "admin"


def test_setup_reports_every_bad_field_and_writes_nothing(database):
    with pytest.raises(ValidationError) as raised:
        initialise_center(
            center_code="x",
            center_name="ab",
            admin_username="a b",
            admin_display_name="",
            password="short",
        )
    assert set(raised.value.errors) == {
        "center_code",
        "center_name",
        "admin_username",
        "admin_display_name",
        "password",
    }
    assert raised.value.errors["center_code"] == Setup.CENTER_CODE_FORMAT
    assert Center.select().count() == 0 and User.select().count() == 0


def test_password_confirmation_error_belongs_to_the_confirm_field(database):
    with pytest.raises(ValidationError) as raised:
        initialise_center(
            center_code="TEH05",
            center_name="مرکز پنج",
            admin_username="admin",
            admin_display_name="مدیر",
            password="12345678",
            password_confirm="12345679",
        )
    assert raised.value.errors == {"password_confirm": Auth.PASSWORD_MISMATCH}


def test_setup_twice_is_refused(admin):
    with pytest.raises(UserError) as raised:
        initialise_center(
            center_code="TEH06",
            center_name="مرکز شش",
            admin_username="other",
            admin_display_name="دیگری",
            password="12345678",
        )
    assert raised.value.code == "already_initialised"
    assert Center.select().count() == 1


def test_login_returns_a_session_with_the_center(admin):
    assert admin.role is Role.ADMIN
    assert admin.center_code == "TEH05"
    assert User.get().last_login_at is not None


def test_login_accepts_persian_digits_and_case_in_user_name(admin):
    users.add_user(
        admin, username="clerk7", display_name="کارشناس", role="clerk", password="12345678"
    )
    assert auth.login("CLERK۷", "12345678").username == "clerk7"


@pytest.mark.parametrize("username,password", [("admin", "wrong-pass"), ("nobody", ADMIN_PASSWORD)])
def test_bad_credentials_give_one_message(admin, username, password):
    with pytest.raises(UserError) as raised:
        auth.login(username, password)
    assert raised.value.message == Auth.BAD_CREDENTIALS
    assert AuditLog.select().where(AuditLog.action == "login_failed").count() == 1


def test_repeated_failures_lock_the_account_for_a_growing_delay(admin):
    now = dt.datetime(2026, 1, 1, 12, 0, 0)
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(UserError):
            auth.login("admin", "wrong-pass", now=now)
    with pytest.raises(UserError) as raised:  # even the right password is refused now
        auth.login("admin", ADMIN_PASSWORD, now=now + dt.timedelta(seconds=10))
    assert raised.value.code == "locked"
    assert "۲۱" in raised.value.message  # seconds left, in Persian digits
    later = now + auth.BASE_LOCK + dt.timedelta(seconds=1)
    with pytest.raises(UserError):  # sixth failure doubles the delay
        auth.login("admin", "wrong-pass", now=later)
    assert User.get().locked_until == later + 2 * auth.BASE_LOCK
    session = auth.login("admin", ADMIN_PASSWORD, now=later + 3 * auth.BASE_LOCK)
    assert session.username == "admin"
    assert User.get().failed_logins == 0


def test_lock_delay_is_capped():
    assert auth.lock_delay(auth.FREE_ATTEMPTS - 1) == dt.timedelta(0)
    assert auth.lock_delay(100) == auth.MAX_LOCK


def test_inactive_user_cannot_log_in(admin):
    clerk = users.add_user(
        admin, username="clerk", display_name="کیان کریمی", role="clerk", password="12345678"
    )
    users.set_active(admin, clerk.id, False)
    with pytest.raises(UserError) as raised:
        auth.login("clerk", "12345678")
    assert raised.value.message == Auth.INACTIVE


def test_change_password(admin):
    with pytest.raises(ValidationError) as raised:
        auth.change_password(admin, "wrong", "new-password", "new-password")
    assert raised.value.errors == {"old_password": Auth.OLD_PASSWORD_WRONG}
    with pytest.raises(ValidationError) as raised:
        auth.change_password(admin, ADMIN_PASSWORD, "new-password", "other-password")
    assert raised.value.errors == {"new_password_confirm": Auth.PASSWORD_MISMATCH}
    auth.change_password(admin, ADMIN_PASSWORD, "new-password", "new-password")
    assert auth.login("admin", "new-password").username == "admin"
    with pytest.raises(UserError):
        auth.login("admin", ADMIN_PASSWORD)


def test_password_hash_is_argon2id_at_owasp_minimum(admin):
    stored = User.get().password_hash
    assert stored.startswith("$argon2id$")
    assert "m=19456,t=2,p=1" in stored


def test_an_admin_renames_the_center_with_a_change_log_entry(admin):
    from desktop.errors import PermissionDenied
    from desktop.services.setup import rename_center

    before = ChangeLog.last_seq(admin.center_code)
    with pytest.raises(ValidationError) as short:
        rename_center(admin, " م ")
    assert short.value.errors == {"center_name": Setup.CENTER_NAME_LENGTH}
    renamed = rename_center(admin, "مرکز  خدمات اجتماعي نارمک")
    assert renamed.center_name == "مرکز خدمات اجتماعی نارمک"  # normalised, ی not ي
    assert local_center().name == "مرکز خدمات اجتماعی نارمک"
    entry = ChangeLog.select().where(ChangeLog.seq > before).get()
    assert (entry.entity, entry.operation) == ("center", "update")
    rename_center(admin, "مرکز خدمات اجتماعی نارمک")  # unchanged: nothing logged
    assert ChangeLog.last_seq(admin.center_code) == before + 1
    clerk = users.add_user(
        admin, username="clerk2", display_name="کارمند", role="clerk", password="12345678"
    )
    with pytest.raises(PermissionDenied):
        rename_center(auth.login(clerk.username, "12345678"), "مرکز دیگر")


# -- login does not tell which user names exist (issue 8, item 26) --------------------


@pytest.fixture
def argon2_calls(monkeypatch):
    """Counts the real argon2 work done (verifications and hashes), not wall-clock time."""
    from argon2 import PasswordHasher

    calls = {"verify": 0, "hash": 0}

    def counting(kind, method):
        def wrapper(self, *args, **kwargs):
            calls[kind] += 1
            return method(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(PasswordHasher, "verify", counting("verify", PasswordHasher.verify))
    monkeypatch.setattr(PasswordHasher, "hash", counting("hash", PasswordHasher.hash))
    return calls


@pytest.mark.parametrize(
    "case, username, password, code",
    [
        ("unknown", "nobody", "12345678", "bad_credentials"),
        ("unknown, a deleted-looking name", "clerk-old", "x", "bad_credentials"),
        ("wrong password", "clerk1", "wrong-pass", "bad_credentials"),
        ("locked, wrong password", "locked1", "wrong-pass", "locked"),
        ("locked, right password", "locked1", "12345678", "locked"),
        ("inactive, right password", "inactive1", "12345678", "inactive"),
        ("inactive, wrong password", "inactive1", "wrong-pass", "bad_credentials"),
    ],
)
def test_every_refusal_costs_exactly_one_argon2_check(
    admin, argon2_calls, case, username, password, code
):
    now = dt.datetime(2026, 1, 1, 12, 0, 0)
    for name in ("clerk1", "locked1", "inactive1"):
        users.add_user(
            admin, username=name, display_name="زهرا احمدی", role="clerk", password="12345678"
        )
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(UserError):
            auth.login("locked1", "wrong-pass", now=now)
    users.set_active(admin, User.get(User.username == "inactive1").id, False)
    from desktop.services import passwords

    if hasattr(passwords.dummy_hash, "cache_clear"):
        passwords.dummy_hash.cache_clear()  # the first unknown name of a process
    argon2_calls.update(verify=0, hash=0)
    with pytest.raises(UserError) as refused:
        auth.login(username, password, now=now + dt.timedelta(seconds=1))
    assert refused.value.code == code, case
    assert argon2_calls == {"verify": 1, "hash": 0}, case


def test_a_right_password_costs_one_check_too(admin, argon2_calls):
    argon2_calls.update(verify=0, hash=0)
    auth.login("admin", ADMIN_PASSWORD)
    assert argon2_calls == {"verify": 1, "hash": 0}


def test_the_dummy_hash_has_the_current_parameters():
    from desktop.services.passwords import DUMMY_HASH, needs_rehash, verify_password

    assert not needs_rehash(DUMMY_HASH)  # so it costs what a real check costs
    assert not verify_password(DUMMY_HASH, "not-a-real-password")


def test_typed_names_that_match_no_account_are_not_stored(admin):
    typed = ["nobody", "MyS3cretPassw0rd", "مریم"]  # a password typed in the wrong field
    for name in typed:
        with pytest.raises(UserError):
            auth.login(name, "whatever")
    rows = list(AuditLog.select().where(AuditLog.action == "login_failed"))
    assert len(rows) == len(typed)  # each attempt is still counted …
    stored = " ".join(f"{row.username} {row.detail} {row.user_id}" for row in rows)
    for name in typed:  # … without what was typed
        assert name.lower() not in stored.lower()


def test_a_locked_account_is_audited_by_its_own_name(admin):
    now = dt.datetime(2026, 1, 1, 12, 0, 0)
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(UserError):
            auth.login("admin", "wrong-pass", now=now)
    with pytest.raises(UserError):
        auth.login("admin", ADMIN_PASSWORD, now=now + dt.timedelta(seconds=1))
    (row,) = AuditLog.select().where(AuditLog.action == "login_locked")
    assert row.username == "admin"
