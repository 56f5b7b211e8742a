"""The figures on the home page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from peewee import fn

from desktop.models import ChangeLog, Role, User
from desktop.services.session import Session


@dataclass(frozen=True)
class Summary:
    users_by_role: dict[Role, int]
    changes_recorded: int
    last_change_at: dt.datetime | None
    previous_login_at: dt.datetime | None


def summary(session: Session) -> Summary:
    rows = (
        User.select(User.role, fn.COUNT(User.id))
        .where(User.active & (User.deleted == False))  # noqa: E712
        .group_by(User.role)
        .tuples()
    )
    counts: dict[str, int] = dict(cast("Iterable[tuple[str, int]]", rows))
    last = ChangeLog.select(fn.MAX(ChangeLog.changed_at)).scalar()
    return Summary(
        users_by_role={role: int(counts.get(role.value, 0)) for role in Role},
        changes_recorded=ChangeLog.select()
        .where(ChangeLog.center_code == session.center_code)
        .count(),
        last_change_at=last if isinstance(last, dt.datetime) or last is None else None,
        previous_login_at=session.previous_login_at,
    )
