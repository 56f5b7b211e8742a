"""The figures on the home page: what needs doing today, and how the center is doing.

Each figure is one indexed count, so the page opens as fast on a million applicants as
on a hundred (bench/startup.py measures it). What a person sees depends on the role:
clerks and admins see the registry, admins also the users and the changes waiting to
go to headquarters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from desktop.models import Applicant, ChangeLog, Role, Setting, Status, User
from desktop.models.base import tuples
from desktop.services import backups
from desktop.services.casework import DueFollowUps
from desktop.services.hq.setup import HQ_ROLES
from desktop.services.session import Session
from desktop.services.users import person_name
from desktop.text.jalali import from_jalali, jalali_parts


@dataclass(frozen=True)
class Registry:
    applicants: int
    registered_this_month: int
    in_training: int
    empowered: int  # employed, self-employed, home business or empowered
    due_follow_ups: int


@dataclass(frozen=True)
class Summary:
    registry: Registry | None  # None for roles that do not see applicants
    users_by_role: dict[Role, int]  # admins only; empty otherwise
    changes_recorded: int
    last_change_at: dt.datetime | None
    previous_login_at: dt.datetime | None
    demo_data: bool = False  # a training database: its demo people never go to HQ
    person_name: str = ""  # who to greet: "" when their full name is missing
    # The changes waiting to go to headquarters; None for a training database, whose
    # changes never go.
    changes_to_send: int | None = None
    # Admins of an SQLite file: whether it is backed up (None: never) — the home page
    # warns when the last backup is older than backups.STALE_DAYS.
    backups_apply: bool = False
    last_backup_at: dt.datetime | None = None


def summary(session: Session, today: dt.date | None = None) -> Summary:
    today = today or dt.date.today()
    readers = (Role.ADMIN, Role.CLERK, Role.TRAINER)
    registry = _registry(session, today) if session.role in readers else None
    users: dict[Role, int] = {}
    if session.role is Role.ADMIN:
        counts = dict(
            tuples(
                User.select(User.role, fn.COUNT(User.id))
                .where(User.active & (User.deleted == False))  # noqa: E712
                .group_by(User.role)
            )
        )
        # A center's own roles: HQ's users are HQ's (a center has none).
        users = {role: int(counts.get(role.value, 0)) for role in Role if role not in HQ_ROLES}
    last = ChangeLog.select(fn.MAX(ChangeLog.changed_at)).scalar()
    recorded = ChangeLog.last_seq(session.center_code)
    # The flag demo.py sets (read here without importing the generator).
    demo_data = Setting.read("demo_data") == "1"
    return Summary(
        registry=registry,
        users_by_role=users,
        changes_recorded=recorded,
        last_change_at=last if isinstance(last, dt.datetime) or last is None else None,
        previous_login_at=session.previous_login_at,
        demo_data=demo_data,
        person_name=person_name(session.display_name),
        changes_to_send=None if demo_data else recorded,
        backups_apply=session.role is Role.ADMIN and backups.apply_here(),
        last_backup_at=backups.last_backup_at() if session.role is Role.ADMIN else None,
    )


def _registry(session: Session, today: dt.date) -> Registry:
    year, month, _ = jalali_parts(today)
    month_start = from_jalali(year, month, 1)
    outcomes = [
        Status.EMPLOYED.value,
        Status.SELF_EMPLOYED.value,
        Status.HOME_BUSINESS.value,
        Status.EMPOWERED.value,
    ]
    return Registry(
        applicants=_live(None),
        registered_this_month=_live(Applicant.registered_on >= month_start),
        in_training=_live(Applicant.status == Status.IN_TRAINING.value),
        empowered=_live(Applicant.status.in_(outcomes)),
        due_follow_ups=DueFollowUps(session, on_or_before=today).count(),
    )


def _live(condition: Any) -> int:
    """Files matching `condition` that are not deleted: counted off the condition's own
    index, less the few deleted ones (off theirs) — testing the deleted flag row by row
    would read every matching row."""
    everyone = Applicant.select()
    deleted = Applicant.select().where(Applicant.deleted == True)  # noqa: E712
    if condition is not None:
        everyone = everyone.where(condition)
        deleted = deleted.where(condition)
    return int(everyone.count()) - int(deleted.count())
