"""The figures on the home page: what needs doing today, and how the center is doing.

Each figure is one indexed count, so the page opens as fast on a million applicants as
on a hundred (bench/startup.py measures it). What a person sees depends on the role:
clerks and admins see the registry, admins also the users and the changes waiting to
go to headquarters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from desktop.models import Applicant, ChangeLog, FollowUp, Role, Status, User
from desktop.models.base import tuples
from desktop.services.session import Session
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


def summary(session: Session, today: dt.date | None = None) -> Summary:
    today = today or dt.date.today()
    registry = _registry(today) if session.role in (Role.ADMIN, Role.CLERK, Role.TRAINER) else None
    users: dict[Role, int] = {}
    if session.role is Role.ADMIN:
        counts = dict(
            tuples(
                User.select(User.role, fn.COUNT(User.id))
                .where(User.active & (User.deleted == False))  # noqa: E712
                .group_by(User.role)
            )
        )
        users = {role: int(counts.get(role.value, 0)) for role in Role}
    last = ChangeLog.select(fn.MAX(ChangeLog.changed_at)).scalar()
    return Summary(
        registry=registry,
        users_by_role=users,
        changes_recorded=ChangeLog.last_seq(session.center_code),
        last_change_at=last if isinstance(last, dt.datetime) or last is None else None,
        previous_login_at=session.previous_login_at,
    )


def _registry(today: dt.date) -> Registry:
    year, month, _ = jalali_parts(today)
    month_start = from_jalali(year, month, 1)
    live = Applicant.deleted != True  # noqa: E712
    outcomes = [
        Status.EMPLOYED.value,
        Status.SELF_EMPLOYED.value,
        Status.HOME_BUSINESS.value,
        Status.EMPOWERED.value,
    ]
    total = Applicant.select().count() - Applicant.select().where(Applicant.deleted).count()
    return Registry(
        applicants=total,
        registered_this_month=Applicant.select()
        .where(live & (Applicant.registered_on >= month_start))
        .count(),
        in_training=Applicant.select()
        .where(live & (Applicant.status == Status.IN_TRAINING.value))
        .count(),
        empowered=Applicant.select().where(live & Applicant.status.in_(outcomes)).count(),
        due_follow_ups=FollowUp.select()
        .join(Applicant)
        .where(
            (FollowUp.next_appointment <= today)
            & (FollowUp.done == False)  # noqa: E712
            & (FollowUp.deleted == False)  # noqa: E712
            & live
        )
        .count(),
    )
