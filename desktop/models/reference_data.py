"""Reference data a new center starts with (HQ owns it and may send updates later).

District counts: Tehran's municipality has 22 districts, Mashhad's 13; for another city
a center starts with 10 numbered districts. Partner bodies are the ones the programme
names: they co-run courses and are credited with employment outcomes.

Identities. A district or a partner body is the same row at every center and at HQ, so
an outcome or a course that names a partner means the same body wherever its sync file
is read. Its id is a UUIDv5 of one fixed namespace and a stable code — a district's
city and number, a partner body's short Latin code (`PARTNER_BODIES`) — never a
random UUID made at set-up. The id is the identity: the code is not stored (HQ's
updates name a row by its id; the code only makes the id). HQ owns these rows: their
`center_code` is `HQ_CENTER_CODE` at every center, and their timestamps are
`REFERENCE_SINCE` — the rows are equal everywhere, field for field. Neither the
namespace nor a code ever changes (migration 0009 moved older databases to these).
"""

from __future__ import annotations

import datetime as dt
import uuid

from desktop.text.digits import persian_digits

# Fixed for ever: every center and HQ derive the same ids from it.
REFERENCE_NAMESPACE = uuid.UUID("3b6f0c5e-8d2a-4f71-9c4e-2a7d1e5b9f03")
HQ_CENTER_CODE = "HQ"  # the owner of reference rows, at every center
REFERENCE_SINCE = dt.datetime(2025, 1, 1)  # created_at and updated_at of the seeded rows

DISTRICT_COUNT: dict[str, int] = {"تهران": 22, "مشهد": 13, "": 10}

# (stable code, name, short name) of each partner body; a code is never reused.
PARTNER_BODIES: list[tuple[str, str, str]] = [
    ("tvto", "سازمان آموزش فنی و حرفه‌ای کشور", "فنی و حرفه‌ای"),
    ("acecr", "جهاد دانشگاهی", "جهاد دانشگاهی"),
    ("barakat", "بنیاد برکت", "برکت"),
    ("alavi", "بنیاد علوی", "علوی"),
    ("university", "دانشگاه", "دانشگاه"),
    ("municipality", "شهرداری", "شهرداری"),
    ("imam-khomeini-relief", "کمیتهٔ امداد امام خمینی", "کمیتهٔ امداد"),
    ("welfare", "سازمان بهزیستی", "بهزیستی"),
]
# (name, short name): what migration 0003 seeded, before partner bodies had codes.
PARTNERS: list[tuple[str, str]] = [(name, short) for _, name, short in PARTNER_BODIES]


def district_name(number: int) -> str:
    return f"منطقهٔ {persian_digits(number)}"


def district_id(city: str, number: int) -> uuid.UUID:
    """The id of district `number` of `city` ("" for a city with numbered districts)."""
    return uuid.uuid5(REFERENCE_NAMESPACE, f"district:{city}:{number}")


def partner_id(code: str) -> uuid.UUID:
    """The id of the partner body with the stable `code`."""
    return uuid.uuid5(REFERENCE_NAMESPACE, f"partner:{code}")
