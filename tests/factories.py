"""Test data shared by the service and GUI tests: valid national codes and applicants.

One counter for the whole test run, so no two tests (or files) ever make the same code.
"""

from __future__ import annotations

import itertools
from typing import Any

from desktop.services import applicants, auth
from desktop.services.applicants import ApplicantInput
from desktop.services.identity import national_code_check_digit
from desktop.services.session import Session
from desktop.services.setup import initialise_center

_serial = itertools.count(100_000_001)


def national_code() -> str:
    """A fresh valid national code (never ten equal digits)."""
    first_nine = f"{next(_serial):09d}"
    return first_nine + str(national_code_check_digit(first_nine))


def applicant_input(**changes: Any) -> ApplicantInput:
    """A valid form, as typed, with `changes` applied."""
    values: dict[str, Any] = {
        "first_name": "زهرا",
        "last_name": "احمدی",
        "father_name": "علی",
        "national_code": national_code(),
        "gender": "female",
        "birth_date": "1370/05/12",
        "mobile": "09121234567",
        "district": "5",
        "categories": ["job_seeker"],
    }
    values.update(changes)
    return ApplicantInput(**values)


def register(session: Session, **changes: Any) -> str:
    """Register a valid applicant (near-duplicates confirmed); returns its id."""
    record = applicants.register(session, applicant_input(**changes), confirm_near_duplicate=True)
    return record.id


def set_up_center(password: str = "admin-pass-1") -> Session:
    """Center TEH05 in the open database, and its administrator logged in."""
    initialise_center(
        center_code="TEH05",
        center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
        admin_username="admin",
        admin_display_name="مدیر مرکز",
        password=password,
    )
    return auth.login("admin", password)
