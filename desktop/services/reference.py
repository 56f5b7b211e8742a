"""Reference data: the city's districts and the partner bodies.

HQ owns reference data; a center starts with the set in `models/reference_data.py`,
seeded at set-up (and by migration 0003 for centers set up before it), with the ids
every center and HQ give the same rows (UUIDv5 of a stable code) and HQ's center code.

Seeded rows are written without change-log entries (`writes.unlogged`): every center
and HQ already hold them, with the same identities, so logging them would only send HQ
its own rows back from every center. What HQ changes later it sends itself.
"""

from __future__ import annotations

from desktop.models import District, Partner, db, writes
from desktop.models.base import tuples
from desktop.models.reference_data import (
    DISTRICT_COUNT,
    HQ_CENTER_CODE,
    PARTNER_BODIES,
    REFERENCE_SINCE,
    district_id,
    district_name,
    partner_id,
)
from desktop.services.records import as_uuid
from desktop.services.session import Role, Session
from desktop.services.validation import Collector
from desktop.text.normalize import search_key

_HQ = writes.author(HQ_CENTER_CODE)


def seed_reference_data(city: str) -> None:
    """The districts of `city` and the partner bodies that are not here yet."""
    count = DISTRICT_COUNT.get(city, DISTRICT_COUNT[""])
    districts = [
        {"id": district_id(city, n), "city": city, "number": n, "name": district_name(n)}
        for n in range(1, count + 1)
    ]
    partners = [
        {"id": partner_id(code), "name": name, "short_name": short}
        for code, name, short in PARTNER_BODIES
    ]
    since = {"created_at": REFERENCE_SINCE, "updated_at": REFERENCE_SINCE}
    with db.atomic(), writes.unlogged("reference data every center holds"):
        for model, rows in ((District, districts), (Partner, partners)):
            have = {key for (key,) in tuples(model.select(model.id))}
            missing = [{**row, **since} for row in rows if row["id"] not in have]
            writes.insert_many(model, missing, _HQ, log=False)


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


def find_partner(session: Session, text: str) -> tuple[str, str] | None:
    """(id, name) of the partner body `text` names — its name or short name in any
    spelling (Arabic yeh and kaf, spaces, ZWNJ), or its stable Latin code (`tvto`, `acecr`…) —
    or None when none does (the command line's way to name one)."""
    session.require(Role.ADMIN, Role.CLERK, Role.TRAINER)
    wanted = search_key(text).replace(" ", "")
    if not wanted:
        return None
    codes = {code: str(partner_id(code)) for code, _, _ in PARTNER_BODIES}
    rows = Partner.select(Partner.id, Partner.name, Partner.short_name).where(
        Partner.deleted == False  # noqa: E712
    )
    for pid, name, short in tuples(rows):
        names = {search_key(name).replace(" ", ""), search_key(short).replace(" ", "")}
        if wanted in names or codes.get(text.strip().lower()) == str(pid):
            return str(pid), str(name)
    return None


def chosen_partner(value: str | None, errors: Collector, unknown: str) -> Partner | None:
    """The partner body a form chose: None when left empty; an unknown or deleted one
    is `unknown` on the form's "partner_id" field (courses and outcomes alike)."""
    if value is None or not str(value).strip():
        return None
    key = as_uuid(value)
    partner = Partner.get_or_none(Partner.id == key) if key else None
    if partner is None or partner.deleted:
        errors.add("partner_id", unknown)
        return None
    return partner
