"""User administration: roles enforced in the service, change log in the same transaction."""

from __future__ import annotations

import pytest

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditLog, ChangeLog, Role, User, writes
from desktop.services import auth, users
from desktop.strings import Auth


def _add(admin, username, role="clerk"):
    return users.add_user(
        admin,
        username=username,
        display_name="نام " + username,
        role=role,
        password="12345678",
        password_confirm="12345678",
    )


def test_add_and_list(admin):
    row = _add(admin, "trainer1", "trainer")
    assert row.role is Role.TRAINER and row.active
    assert [u.username for u in users.list_users(admin)] == ["admin", "trainer1"]
    entry = ChangeLog.select().order_by(ChangeLog.seq.desc()).get()
    assert (entry.entity, entry.entity_id, entry.operation) == ("user", row.id, "create")
    assert entry.changed_by == admin.user_id
    assert AuditLog.select().where(AuditLog.action == "user_added").count() == 1


def test_duplicate_and_invalid_fields(admin):
    _add(admin, "clerk1")
    with pytest.raises(ValidationError) as raised:
        users.add_user(admin, username="CLERK1", display_name=" ", role="boss", password="1234")
    assert raised.value.errors == {
        "username": Auth.USERNAME_TAKEN,
        "display_name": Auth.DISPLAY_NAME_REQUIRED,
        "role": Auth.ROLE_UNKNOWN,
        "password": Auth.PASSWORD_SHORT,
    }
    assert User.select().count() == 2


@pytest.mark.parametrize("role", ["clerk", "trainer", "shop"])
def test_only_admins_manage_users(admin, role):
    _add(admin, "someone", role)
    session = auth.login("someone", "12345678")
    with pytest.raises(PermissionDenied):
        users.list_users(session)
    with pytest.raises(PermissionDenied):
        _add(session, "another")
    with pytest.raises(PermissionDenied):
        users.set_active(session, admin.user_id, False)


def test_deactivate_and_reactivate_with_change_log(admin):
    clerk = _add(admin, "clerk1")
    before = ChangeLog.last_seq("TEH05")
    assert not users.set_active(admin, clerk.id, False).active
    assert users.set_active(admin, clerk.id, True).active
    assert ChangeLog.last_seq("TEH05") == before + 2


def test_cannot_deactivate_self(admin):
    with pytest.raises(UserError) as raised:
        users.set_active(admin, admin.user_id, False)
    assert raised.value.code == "self_deactivate"
    second = _add(admin, "admin2", "admin")
    other = auth.login("admin2", "12345678")
    assert not users.set_active(other, admin.user_id, False).active
    with pytest.raises(UserError):
        users.set_active(other, second.id, False)


def test_reset_password_unlocks(admin):
    clerk = _add(admin, "clerk1")
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(UserError):
            auth.login("clerk1", "wrong-pass")
    users.reset_password(admin, clerk.id, "another-pass", "another-pass")
    assert auth.login("clerk1", "another-pass").username == "clerk1"


def test_failed_write_leaves_no_change_log(admin, monkeypatch):
    before = (User.select().count(), ChangeLog.select().count())

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writes, "_append", boom)
    with pytest.raises(RuntimeError):
        _add(admin, "clerk1")
    assert (User.select().count(), ChangeLog.select().count()) == before


def test_password_changes_touch_only_local_columns_so_nothing_is_logged(admin):
    """A reset (and the unlock with it) and one's own change set only local-only
    columns: no change-log entry, `updated_at` as it was, the new password works."""
    clerk = _add(admin, "clerk1")
    with pytest.raises(UserError):
        auth.login("clerk1", "wrong-password")
    before = ChangeLog.select().count()
    updated = User.get_by_id(clerk.id).updated_at
    users.reset_password(admin, clerk.id, "new-pass-123", "new-pass-123")
    stored = User.get_by_id(clerk.id)
    assert (stored.failed_logins, stored.locked_until) == (0, None)
    session = auth.login("clerk1", "new-pass-123")
    auth.change_password(session, "new-pass-123", "other-pass-456", "other-pass-456")
    assert auth.login("clerk1", "other-pass-456").user_id == clerk.id
    assert ChangeLog.select().count() == before
    assert User.get_by_id(clerk.id).updated_at == updated
