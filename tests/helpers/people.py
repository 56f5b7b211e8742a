"""Users logged in by role and applicants registered as the registry form would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from desktop.models import Applicant, StatusChange, writes
from desktop.services import applicants, auth, users
from desktop.services.applicants import ApplicantInput
from desktop.services.session import Session
from tests.factories import national_code

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
USER_PASSWORD = "12345678"


def login_as(admin: Session, username: str, role: str, name: str | None = None) -> Session:
    """Add a user (named «نام <username>» unless `name` is given) and log in as them."""
    users.add_user(
        admin,
        username=username,
        display_name=name or "نام " + username,
        role=role,
        password=USER_PASSWORD,
        password_confirm=USER_PASSWORD,
    )
    return auth.login(username, USER_PASSWORD)


def person(
    session: Session,
    first_name: str = "مریم",
    *,
    categories: Sequence[str] = ("job_seeker",),
    skills: Sequence[str] = (),
    field: str = "",
    district: int = 5,
    opened_days_ago: int = 0,
    national: str | None = None,
) -> str:
    """Register an applicant through the registry service; returns its id. With
    `opened_days_ago` the file (and its first status) is dated that many days back, so
    back-dated casework can come after it (a status step is never dated before the last).
    `national`: the person's national code (registered at another center too, say)."""
    record = applicants.register(
        session,
        ApplicantInput(
            first_name=first_name,
            last_name="احمدی",
            father_name="علی",
            national_code=national or national_code(),
            gender="female",
            birth_date="1370/01/01",
            mobile="09121234567",
            district=str(district),
            education_field=field,
            categories=list(categories),
            skills=list(skills),
        ),
        confirm_near_duplicate=True,
    )
    if opened_days_ago:
        opened = TODAY - opened_days_ago * DAY
        with writes.unlogged("test set-up: a file opened earlier"):
            Applicant.update(registered_on=opened, status_changed_on=opened).where(
                Applicant.id == record.id
            ).execute()
            StatusChange.update(changed_on=opened).where(
                StatusChange.applicant == record.id
            ).execute()
    return record.id
