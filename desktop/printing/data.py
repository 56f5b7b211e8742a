"""What a printed certificate shows: the contract between services and printing.

Every field is logical, normalised text or a date; the printing code converts for
drawing. `qr_payload` is built and verified by the certificates service
(`desktop/services/certificates.py`); printing draws it as a QR code, nothing more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CertificateData:
    serial: str  # e.g. "TEH05-1405-000123": center code, Jalali year, running number
    code: str  # short verification code, e.g. "K7M2-9QXD"
    full_name: str
    father_name: str
    national_code: str  # 10 ASCII digits
    course_title: str
    hours: int
    starts_on: dt.date
    ends_on: dt.date
    partner_name: str  # the body that co-ran the course ("" if none)
    center_name: str
    city: str
    trainer_name: str
    manager_name: str
    issued_on: dt.date
    qr_payload: str
    logo_path: Path | None = None
    reprint: bool = False
