"""A certificate as stored and signed: its numbers, the fields its signature covers,
the QR payload, and the record handed to views (see certificates.py for the rules).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.models import Certificate, Role
from desktop.services import center_keys
from desktop.services.course_access import fk
from desktop.services.records import as_uuid, live, user_names
from desktop.strings.courses import Certificates as Messages

# progress(done, total), called as certificates are issued or pages are drawn; raising
# (desktop.services.progress.Cancelled) stops the work between two certificates.
ProgressCallback = Callable[[int, int], None]
SIGNERS = (Role.ADMIN, Role.TRAINER)  # issue and print (a trainer: their courses)
VERIFIERS = (Role.ADMIN, Role.CLERK, Role.TRAINER, Role.HQ_ADMIN, Role.HQ_ANALYST)
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I
CODE_LENGTH = 8
PAYLOAD_PREFIX = "TVN1"
PAYLOAD_SEPARATOR = ":"
SIGNATURE_LENGTH = 103  # 64 bytes in base32, without padding


@dataclass(frozen=True)
class CertificateRecord:
    id: str
    enrollment_id: str
    course_id: str
    serial: str
    code: str  # as printed: "K7M2-9QXD"
    full_name: str
    father_name: str
    national_code: str
    course_title: str
    hours: int
    starts_on: dt.date
    ends_on: dt.date
    partner_name: str
    center_code: str
    center_name: str
    city: str
    trainer_name: str
    manager_name: str
    issued_on: dt.date
    issued_by_name: str
    revoked: bool
    revoked_reason: str
    revoked_at: dt.datetime | None
    revoked_by_name: str
    print_count: int
    qr_payload: str


def format_code(code: str) -> str:
    """'K7M29QXD' → 'K7M2-9QXD' (as printed)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def make_serial(center_code: str, year: int, number: int) -> str:
    return f"{center_code}-{year:04d}-{number:06d}"


def signed_fields(row: Certificate) -> dict[str, Any]:
    """The printed fields a signature covers, as plain values."""
    return {
        "serial": row.serial,
        "code": row.code,
        "full_name": row.full_name,
        "father_name": row.father_name,
        "national_code": row.national_code,
        "course_title": row.course_title,
        "hours": int(row.hours),
        "starts_on": row.starts_on.isoformat(),
        "ends_on": row.ends_on.isoformat(),
        "partner_name": row.partner_name,
        "center_code": row.center_code,
        "center_name": row.center_name,
        "city": row.city,
        "trainer_name": row.trainer_name,
        "manager_name": row.manager_name,
        "issued_on": row.issued_on.isoformat(),
    }


def canonical_message(fields: dict[str, Any]) -> bytes:
    """The bytes signed: the format tag and the fields as sorted, compact JSON."""
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{PAYLOAD_PREFIX}\n{text}".encode()


def qr_payload(serial: str, code: str, signature: str) -> str:
    return PAYLOAD_SEPARATOR.join((PAYLOAD_PREFIX, serial, code, signature))


def encode_signature(raw: bytes) -> str:
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def decode_signature(text: str) -> bytes | None:
    """The signature's bytes, or None. Only the one canonical spelling is accepted: 512
    bits in 103 base32 letters leave filler bits in the last letter that decoding would
    ignore, and a payload with any letter changed must fail."""
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None
    return raw if encode_signature(raw) == text else None


def signature_holds(row: Certificate, signature: bytes) -> bool:
    message = canonical_message(signed_fields(row))
    return center_keys.verify(row.center_code, message, signature)


def stored_signature_holds(row: Certificate) -> bool:
    """Whether the stored printed fields still match the signature made at issue: an
    edit of the record after issuing (or a swapped center key) makes this False."""
    stored = decode_signature(row.signature)
    return stored is not None and signature_holds(row, stored)


def live_certificate(certificate_id: object) -> Certificate:
    return live(Certificate, certificate_id, Messages.NOT_FOUND)


def current_row(enrollment_id: Any) -> Certificate | None:
    """The enrollment's certificate that is not revoked (at most one: the index)."""
    row: Certificate | None = Certificate.get_or_none(
        (Certificate.enrollment == enrollment_id)
        & (Certificate.revoked == False)  # noqa: E712
        & (Certificate.deleted == False)  # noqa: E712
    )
    return row


def printed_fields(row: Certificate) -> dict[str, Any]:
    """What is printed on the certificate, as the record and the renderer both name it."""
    return {
        "serial": row.serial,
        "code": format_code(row.code),
        "full_name": row.full_name,
        "father_name": row.father_name,
        "national_code": row.national_code,
        "course_title": row.course_title,
        "hours": int(row.hours),
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "partner_name": row.partner_name,
        "center_name": row.center_name,
        "city": row.city,
        "trainer_name": row.trainer_name,
        "manager_name": row.manager_name,
        "issued_on": row.issued_on,
        "qr_payload": qr_payload(row.serial, row.code, row.signature),
    }


def certificate_record(row: Certificate, names: dict[str, str] | None = None) -> CertificateRecord:
    if names is None:
        names = user_names([row.issued_by, row.revoked_by])
    return CertificateRecord(
        id=str(row.id),
        enrollment_id=str(fk(row, "enrollment")),
        course_id=str(fk(row, "course")),
        center_code=row.center_code,
        issued_by_name=names.get(str(as_uuid(row.issued_by or "")), ""),
        revoked=bool(row.revoked),
        revoked_reason=row.revoked_reason,
        revoked_at=row.revoked_at,
        revoked_by_name=names.get(str(as_uuid(row.revoked_by or "")), ""),
        print_count=int(row.print_count),
        **printed_fields(row),
    )
