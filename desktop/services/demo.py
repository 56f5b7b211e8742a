"""Demo data for a first look at the app (offered by the set-up dialog and the CLI).

Goes through the same services as real input, so it is normalised and change-logged
like anything a clerk types. Later features add their own demo records here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models import Role
from desktop.services import users
from desktop.services.session import Session

DEMO_USERS = (
    ("clerk", "زهرا احمدی", Role.CLERK),
    ("trainer", "علی رضایی", Role.TRAINER),
    ("shop", "مریم کریمی", Role.SHOP),
)


@dataclass(frozen=True)
class DemoSummary:
    usernames: list[str]


def create_demo_data(session: Session, password: str) -> DemoSummary:
    """Add one user per role (sharing `password`) unless that user name exists."""
    existing = {u.username for u in users.list_users(session)}
    created = []
    for username, name, role in DEMO_USERS:
        if username in existing:
            continue
        users.add_user(
            session, username=username, display_name=name, role=role.value, password=password
        )
        created.append(username)
    return DemoSummary(usernames=created)
