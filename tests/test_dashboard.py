"""The home page's figures (services/dashboard.py) that no page test pins down."""

from __future__ import annotations

from desktop.models import Role
from desktop.services.dashboard import summary


def test_a_center_admin_counts_the_center_s_own_roles_only(admin):
    assert set(summary(admin).users_by_role) == {Role.ADMIN, Role.CLERK, Role.TRAINER, Role.SHOP}
    assert summary(admin).users_by_role[Role.ADMIN] == 1


def test_backups_are_an_sqlite_file_s_and_an_admin_s(admin):
    figures = summary(admin)  # the tests' database is in memory: nothing to back up
    assert figures.backups_apply is False and figures.last_backup_at is None
