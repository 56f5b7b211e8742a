"""Finding and checking certificates: by serial (whole or being typed), by
verification code, by a scanned QR payload, and those of a course or an enrollment.

What was typed or scanned is read as a USB scanner types it (`scan_text`: Persian
digits, the Persian keyboard layout, CapsLock), and a certificate verifies only when
its signature holds over the stored printed fields (and the payload's own signature,
for a payload).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.models import Certificate, Course, Role
from desktop.services import foreign_certificates
from desktop.services.certificate_records import (
    CODE_LENGTH,
    PAYLOAD_PREFIX,
    SIGNATURE_LENGTH,
    SIGNERS,
    VERIFIERS,
    CertificateRecord,
    certificate_record,
    current_row,
    decode_signature,
    live_certificate,
    make_serial,
    signature_holds,
    stored_signature_holds,
)
from desktop.services.course_access import fk, readable_course
from desktop.services.enrollment_rows import live_enrollment
from desktop.services.records import user_names
from desktop.services.session import Session
from desktop.text.collation import primary_key
from desktop.text.keyboard import LATIN_KEYS
from desktop.text.normalize import normalize_digits


class VerifyStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    UNKNOWN = "unknown"
    BAD_SIGNATURE = "bad_signature"


@dataclass(frozen=True)
class Verification:
    """What a serial, a code or a scanned QR payload says; `certificate` holds every
    printed field whenever a certificate was found (also when its signature fails,
    so the person checking sees what the genuine record says)."""

    status: VerifyStatus
    text: str  # the input as understood (digits and keyboard layout folded)
    certificate: CertificateRecord | None = None
    # For a revoked certificate that was replaced: the serial of the current one.
    replaced_by: str = ""


# Persian-layout keys read back as the Latin keys that typed them (desktop/text/keyboard).
# A field that normalises its input turns the shifted Z's Arabic kaf into ک: read that
# as Z too (the ; key that gives ک never occurs in a payload).
_KEYBOARD = {**LATIN_KEYS, ord("ک"): "Z"}
_INVISIBLE = re.compile("[\\s\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
_PAYLOAD = re.compile(
    rf"^{PAYLOAD_PREFIX}.(?P<serial>[A-Z0-9]{{2,16}}-[0-9]{{4}}-[0-9]{{6}})."
    rf"(?P<code>[A-Z0-9]{{{CODE_LENGTH}}}).(?P<signature>[A-Z2-7]{{{SIGNATURE_LENGTH}}})$"
)
_SERIAL = re.compile(r"^([A-Z0-9]{2,16})-([0-9]{4})-([0-9]{1,6})$")
_SERIAL_INSIDE = re.compile(r"[A-Z0-9]{2,16}-[0-9]{4}-[0-9]{6}")
_CODE = re.compile(rf"^[A-Z0-9]{{{CODE_LENGTH}}}$")


def scan_text(text: str) -> str:
    """What was typed or scanned, as the verifier reads it: white space and bidi marks
    out, Persian and Arabic-Indic digits ASCII, Persian-layout letters back to the
    Latin keys that typed them, upper case.

    Pass the text exactly as typed, not through `normalize_text`: shifted keys give
    combining marks, and Unicode normalisation reorders adjacent marks (which would
    swap letters of the signature).
    """
    return _INVISIBLE.sub("", normalize_digits(text)).translate(_KEYBOARD).upper()


def get_certificate(session: Session, certificate_id: str) -> CertificateRecord:
    row = live_certificate(certificate_id)
    readable_course(session, str(fk(row, "course")))
    return certificate_record(row)


def current_certificate(session: Session, enrollment_id: str) -> CertificateRecord | None:
    """The certificate that stands for an enrollment: the one not revoked, or else the
    latest revoked one; None if none was ever issued."""
    row = live_enrollment(enrollment_id)
    readable_course(session, str(fk(row, "course")))
    shown = Certificate.shown_by_enrollment([row.id]).get(str(row.id))
    return certificate_record(shown) if shown is not None else None


def enrollment_certificates(session: Session, enrollment_id: str) -> list[CertificateRecord]:
    """Every certificate issued for an enrollment (revoked ones too), oldest first."""
    row = live_enrollment(enrollment_id)
    readable_course(session, str(fk(row, "course")))
    rows = list(
        Certificate.select()
        .where((Certificate.enrollment == row.id) & (Certificate.deleted == False))  # noqa: E712
        .order_by(Certificate.created_at, Certificate.id)
    )
    names = user_names(user for cert in rows for user in (cert.issued_by, cert.revoked_by))
    return [certificate_record(cert, names) for cert in rows]


def course_certificates(session: Session, course_id: str) -> list[CertificateRecord]:
    """The course's certificates (revoked ones too), in Persian order of names."""
    course = readable_course(session, course_id)
    rows = list(Certificate.select().where(Certificate.course == course.id))
    rows.sort(key=lambda row: (primary_key(row.full_name), row.serial))
    names = user_names(user for row in rows for user in (row.issued_by, row.revoked_by))
    return [certificate_record(row, names) for row in rows]


FOUND_LIMIT = 200  # certificates listed for one serial search; typing more narrows it
_SERIAL_TYPED = re.compile(r"^[A-Z0-9]{2,16}(-([0-9]{0,4}(-[0-9]{0,6})?)?)?$")
_YEAR_NUMBER = re.compile(r"^[0-9]{4}-[0-9]{0,6}$")
_RUNNING_NUMBER = re.compile(r"^[0-9]{1,6}$")
_NUMBER_WIDTH = 6


@dataclass(frozen=True)
class FoundCertificates:
    records: list[CertificateRecord]
    more: bool  # more than FOUND_LIMIT matched: the first FOUND_LIMIT by serial


def find_certificates(session: Session, text: str) -> FoundCertificates:
    """The certificates a serial, whole or in part, names, in serial order (revoked
    ones too), among those this session may print (a trainer: their courses).

    What was typed is read as a scanner's text is (`scan_text`: Persian digits, the
    Persian keyboard layout, lower case): `TEH05-1405-000123` (or `…-123`) is that
    certificate; `1405-000123` the same at this center; `000123` or `123` the running
    number in any year; a start such as `TEH05-14` or `TEH05-1405-0001` the serials that
    begin so. Each is a search of the serial or (center, year, number) index.
    """
    query = serial_query(session, text)
    if query is None:
        return FoundCertificates([], more=False)
    rows = list(query.limit(FOUND_LIMIT + 1))
    names = user_names(user for row in rows for user in (row.issued_by, row.revoked_by))
    found = [certificate_record(row, names) for row in rows[:FOUND_LIMIT]]
    return FoundCertificates(found, more=len(rows) > FOUND_LIMIT)


def serial_query(session: Session, text: str) -> Any:
    """The select behind `find_certificates`, in serial order (None: not a serial)."""
    session.require(*SIGNERS)
    condition = _serial_condition(scan_text(text), session.center_code)
    if condition is None:
        return None
    query = (
        Certificate.select(Certificate)
        .join(Course, on=Certificate.course == Course.id)
        # `!=`: an equality would tempt SQLite to walk the `deleted` index instead.
        .where(condition & (Certificate.deleted != True) & (Course.deleted != True))  # noqa: E712
        .order_by(Certificate.serial)
    )
    if session.role is Role.TRAINER:
        query = query.where(Course.trainer == session.user_id)
    return query


def _serial_condition(scanned: str, center_code: str) -> Any:
    """The WHERE for a serial as typed (in scan form), or None if it cannot be one."""
    if _RUNNING_NUMBER.match(scanned):
        return (Certificate.center_code == center_code) & (Certificate.number == int(scanned))
    if _YEAR_NUMBER.match(scanned) and not scanned.startswith(f"{center_code}-"):
        scanned = f"{center_code}-{scanned}"  # «1405-000123»: this center's
    if not _SERIAL_TYPED.match(scanned) or scanned.isdigit():
        return None
    whole = _SERIAL.match(scanned)
    if whole is not None:
        center, year, number = whole.groups()
        if not (number.startswith("0") and len(number) < _NUMBER_WIDTH):
            return Certificate.serial == make_serial(center, int(year), int(number))
    # Being typed: the serials that start so (a range of the serial's unique index).
    # TODO(pg): a range up to U+10FFFF orders as meant under SQLite's binary collation;
    # on PostgreSQL the serial needs COLLATE "C" (or a text_pattern_ops index) for it.
    return (Certificate.serial >= scanned) & (Certificate.serial < scanned + "\U0010ffff")


def verify(session: Session, text: str) -> Verification:
    """Check a serial, a verification code or a whole QR payload (as typed or scanned).

    valid / revoked: found, and its signature holds over the stored printed fields
    (and, for a payload, the payload's own signature too); bad_signature: found, but
    a signature fails — the payload or the stored fields were changed; unknown:
    nothing here matches.
    """
    session.require(*VERIFIERS)
    scanned = scan_text(text)
    payload = _PAYLOAD.match(scanned)
    if payload is not None:
        row = Certificate.get_or_none(Certificate.serial == payload["serial"])
        if row is None:
            return _foreign(scanned, payload["serial"], payload["code"], payload["signature"])
        signature = decode_signature(payload["signature"])
        genuine = (
            payload["code"] == row.code
            and signature is not None
            and signature_holds(row, signature)
        )
        return _verdict(row, scanned, genuine)
    if scanned.startswith(PAYLOAD_PREFIX):
        # A payload cut short or altered out of shape: if it names a certificate, that
        # certificate is what the altered paper claims to be.
        inside = _SERIAL_INSIDE.search(scanned, len(PAYLOAD_PREFIX) + 1)
        row = Certificate.get_or_none(Certificate.serial == inside[0]) if inside else None
        if row is None:
            return _foreign(scanned, inside[0] if inside else "", altered=True)
        return _verdict(row, scanned, genuine=False)
    row = _by_serial(scanned) or _by_code(scanned)
    if row is None:
        return _foreign(scanned, _serial_of(scanned), scanned.replace("-", ""))
    return _verdict(row, scanned, stored_signature_holds(row))


def _foreign(
    scanned: str, serial: str, code: str = "", signature: str | None = None, *, altered=False
) -> Verification:
    """Another center's certificate, as HQ's acknowledgement brought it (or unknown)."""
    row = foreign_certificates.find(serial=serial) or (
        None if signature is not None or altered else foreign_certificates.find(code=code)
    )
    if row is None:
        return Verification(VerifyStatus.UNKNOWN, scanned)
    if altered:
        genuine = False
    elif signature is not None:
        raw = decode_signature(signature)
        genuine = code == row.code and raw is not None
        genuine = genuine and foreign_certificates.signature_holds(row, raw)
    else:
        genuine = foreign_certificates.signature_holds(row)
    if not genuine:
        status = VerifyStatus.BAD_SIGNATURE
    else:
        status = VerifyStatus.REVOKED if row.revoked else VerifyStatus.VALID
    return Verification(status, scanned, foreign_certificates.record(row))


def _serial_of(scanned: str) -> str:
    match = _SERIAL.match(scanned)
    if match is None:
        return ""
    center, year, number = match.groups()
    return make_serial(center, int(year), int(number))


def _verdict(row: Certificate, scanned: str, genuine: bool) -> Verification:
    replaced_by = ""
    if not genuine:
        status = VerifyStatus.BAD_SIGNATURE
    elif row.revoked:
        status = VerifyStatus.REVOKED
        current = current_row(fk(row, "enrollment"))
        replaced_by = current.serial if current is not None else ""
    else:
        status = VerifyStatus.VALID
    return Verification(status, scanned, certificate_record(row), replaced_by)


def _by_serial(scanned: str) -> Certificate | None:
    match = _SERIAL.match(scanned)
    if match is None:
        return None
    center, year, number = match.groups()
    serial = make_serial(center, int(year), int(number))
    row: Certificate | None = Certificate.get_or_none(Certificate.serial == serial)
    return row


def _by_code(scanned: str) -> Certificate | None:
    code = scanned.replace("-", "")
    if not _CODE.match(code):
        return None
    row: Certificate | None = Certificate.get_or_none(Certificate.code == code)
    return row
