"""Who is acting: passed to every service call that needs a user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.errors import PermissionDenied
from desktop.models import Role

__all__ = ["Role", "Session"]


@dataclass(frozen=True)
class Session:
    user_id: str
    username: str
    display_name: str
    role: Role
    center_code: str
    center_name: str
    previous_login_at: dt.datetime | None = None  # shown on the home page
    shop_id: str = ""  # a shop user's shop (services/shops/access.py)
    supervisor: bool = False  # may void sales and override stock (admins may anyway)

    def require(self, *roles: Role) -> None:
        """Raise PermissionDenied unless this session's role is one of `roles`."""
        if self.role not in roles:
            raise PermissionDenied()

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
