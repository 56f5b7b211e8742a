"""People who log in: admin (center manager), clerk, trainer, shop staff."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from peewee import BooleanField, CharField, DateTimeField, IntegerField

from desktop.models.base import SyncedModel


class Role(StrEnum):
    ADMIN = "admin"
    CLERK = "clerk"
    TRAINER = "trainer"
    SHOP = "shop"
    HQ_ADMIN = "hq_admin"  # headquarters: imports files, provisions centers, decides cases
    HQ_ANALYST = "hq_analyst"  # headquarters: reads the merged data and its reports


class User(SyncedModel):
    username = CharField(max_length=64)  # unique per center (HQ holds every center's)
    display_name = CharField(max_length=200)
    role = CharField(max_length=16, choices=[(r.value, r.value) for r in Role])
    password_hash = CharField(max_length=255)
    active = BooleanField(default=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    shop = CharField(max_length=36, default="")  # a shop user's shop (id), chosen by an admin
    supervisor = BooleanField(default=False)  # may void sales and override stock

    local_only_fields: ClassVar[tuple[str, ...]] = (
        "password_hash",
        "failed_logins",
        "locked_until",
        "last_login_at",
    )

    class Meta:
        indexes = ((("center_code", "username"), True),)

    @classmethod
    def by_username(cls, username: str, center_code: str) -> User | None:
        """The user of that name at that center (its live row or its deleted one)."""
        return cls.get_or_none((cls.username == username) & (cls.center_code == center_code))
