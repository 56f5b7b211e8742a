"""Reference data: the city's districts and the partner bodies.

HQ owns reference data; a center starts with the set in `models/reference_data.py`,
seeded at set-up (and by migration 0003 for centers set up before it). Seeded rows are
not change-log entries: every center has the same list, and HQ sends its own.
"""

from __future__ import annotations

from desktop.models import District, Partner, db
from desktop.models.base import tuples
from desktop.models.reference_data import DISTRICT_COUNT, PARTNERS, district_name
from desktop.services.session import Role, Session


def seed_reference_data(center_code: str, city: str) -> None:
    count = DISTRICT_COUNT.get(city, DISTRICT_COUNT[""])
    with db.atomic():
        District.insert_many(
            [
                {"center_code": center_code, "city": city, "number": n, "name": district_name(n)}
                for n in range(1, count + 1)
            ]
        ).on_conflict_ignore().execute()
        Partner.insert_many(
            [
                {"center_code": center_code, "name": name, "short_name": short}
                for name, short in PARTNERS
            ]
        ).on_conflict_ignore().execute()


def partners(session: Session) -> list[tuple[str, str]]:
    """(id, name) of the partner bodies, for choices."""
    session.require(Role.ADMIN, Role.CLERK, Role.TRAINER)
    return [
        (str(pid), name)
        for pid, name in tuples(
            Partner.select(Partner.id, Partner.name)
            .where(Partner.deleted == False)  # noqa: E712
            .order_by(Partner.name)
        )
    ]
