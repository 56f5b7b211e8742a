"""Certificates: issue, print and reprint, revoke, and verify.

A certificate is issued to someone who completed a finished course; an enrollment
holds at most one that is not revoked (a partial unique index). Once every certificate
of an enrollment is revoked (a typo in the name, corrected in the applicant's file) a
new one can be issued for it, with a new serial and code; the revoked one keeps
verifying as revoked. Where one certificate must stand for an enrollment (the course
page, printing) it is the current one, or else the latest revoked one.

A certificate keeps a copy of every field printed on it (name, father's name,
national code, course, hours, dates, partner body, center, trainer, manager, issue
date), and the center's Ed25519 signature over them (desktop/services/center_keys.py):
a later correction of the applicant's file does not change a certificate already
handed out, and an edit of the stored copy — or of the QR payload — makes verification fail.

Numbers people read:
- serial `TEH05-1405-000123`: the center's code, the Jalali year of issue and a running
  number per center and year (a unique index; revoked certificates keep theirs, so a
  serial never repeats);
- verification code: 8 characters from an alphabet without 0/O/1/I, printed
  `K7M2-9QXD`, random and unique;
- QR payload `TVN1:<serial>:<code>:<signature>`: the signature is base32 (A–Z, 2–7)
  rather than base64url so that letter case carries nothing — a USB scanner typing
  into a field with CapsLock on, or with the Persian keyboard layout active (each key
  then gives its Persian letter, shifted or not, and Persian digits), is read back
  exactly by `scan_text`. Every character is in the QR alphanumeric set, so the symbol
  is version 6 (41×41 modules) where `|` and base64url would need version 8 (49×49):
  larger modules at the same printed size, easier to scan. Any single character is
  accepted between the parts.

Printing draws what `certificate_data` builds (desktop/printing/certificate.py);
every print counts, and a print after the first is a reprint («المثنی» on paper, an
audit entry "reprint"). A revoked certificate, or one whose stored fields no longer
match its signature (edited after issuing: its QR would fail verification), is never
printed. Revoking is the admin's, with a reason.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import jdatetime
from peewee import fn

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    AuditLog,
    Center,
    Certificate,
    ChangeLog,
    Course,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Partner,
    Role,
    User,
    db,
    utcnow,
)
from desktop.models.base import tuples
from desktop.printing.data import CertificateData
from desktop.services import center_keys, certificate_prints, courses
from desktop.services.courses import fk
from desktop.services.session import Session
from desktop.services.settings import (
    LOGO_PATH,
    MANAGER_NAME,
    read_setting,
    save_settings,
)
from desktop.services.users import person_name
from desktop.strings.courses import Certificates as Messages
from desktop.strings.settings import ManagerName, TrainerName
from desktop.text.collation import primary_key
from desktop.text.keyboard import LATIN_KEYS
from desktop.text.normalize import normalize_digits, normalize_text

# progress(done, total), called as certificates are issued or pages are drawn; raising
# (desktop.services.progress.Cancelled) stops the work between two certificates.
ProgressCallback = Callable[[int, int], None]
SIGNERS = (Role.ADMIN, Role.TRAINER)  # issue and print (a trainer: their courses)
VERIFIERS = (Role.ADMIN, Role.CLERK, Role.TRAINER)
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I
CODE_LENGTH = 8
PAYLOAD_PREFIX = "TVN1"
PAYLOAD_SEPARATOR = ":"
SIGNATURE_LENGTH = 103  # 64 bytes in base32, without padding
SETTING_MANAGER_NAME = MANAGER_NAME  # the center manager's full name
SETTING_LOGO_PATH = LOGO_PATH  # default: no logo


class VerifyStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    UNKNOWN = "unknown"
    BAD_SIGNATURE = "bad_signature"


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


@dataclass(frozen=True)
class CoursePrint:
    issued: int  # certificates issued now, before printing
    printed: int  # pages written
    path: Path


@dataclass(frozen=True)
class CertificateSettings:
    manager_name: str  # as stored ("" means: not set yet; nothing is issued or printed)
    logo_path: str  # "" means: no logo


# -- pure helpers ----------------------------------------------------------------------


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


def _encode_signature(raw: bytes) -> str:
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def _decode_signature(text: str) -> bytes | None:
    """The signature's bytes, or None. Only the one canonical spelling is accepted: 512
    bits in 103 base32 letters leave filler bits in the last letter that decoding would
    ignore, and a payload with any letter changed must fail."""
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None
    return raw if _encode_signature(raw) == text else None


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


# -- issuing -----------------------------------------------------------------------------


def issue_certificate(
    session: Session, enrollment_id: str, *, on: dt.date | None = None
) -> CertificateRecord:
    """Issue the certificate of one person who completed a finished course.

    Refused (code "already_issued") while the enrollment holds a certificate that is
    not revoked: print that one again instead. Once all its certificates are revoked,
    this issues a replacement: a new serial and code, and the printed fields as the
    applicant's file and the course read now.
    """
    session.require(*SIGNERS)
    manager_name()  # no certificate is signed without the manager's name
    row = _enrollment(enrollment_id)
    course = courses.runnable_course(session, str(fk(row, "course")))
    trainer_name(course)  # nor without the trainer's
    with db.atomic():
        certificate = _issue(session, course, Enrollment.get_by_id(row.id), on)
    return _record(certificate)


def issue_course_certificates(
    session: Session,
    course_id: str,
    *,
    on: dt.date | None = None,
    progress: ProgressCallback | None = None,
) -> list[CertificateRecord]:
    """Issue the missing certificates of everyone who completed the course; the new
    ones, in Persian order of names.

    Missing means never issued: a person whose certificate was revoked gets a
    replacement only through `issue_certificate`, one person at a time, so that a
    revocation is never undone by pressing "issue all".

    Each certificate is issued in its own transaction. `progress(done, total)` is
    called before the first and after each one; if it raises (Cancelled), the work
    stops there and the certificates issued until then stay issued.
    """
    session.require(*SIGNERS)
    course = courses.runnable_course(session, course_id)
    _refuse_unfinished(course)
    manager_name()  # no certificate is signed without the manager's name
    trainer_name(course)  # nor without the trainer's
    waiting = _waiting(course)
    step = None if progress is None else (lambda done: progress(done, len(waiting)))
    return [_record(row) for row in _issue_each(session, course, waiting, on, step)]


def _waiting(course: Course) -> list[Enrollment]:
    """Who completed the course and never had a certificate of it, by name."""
    return list(
        Enrollment.select()
        .join(Applicant, on=(Enrollment.applicant == Applicant.id))
        .where(
            (Enrollment.course == course.id)
            & (Enrollment.status == EnrollmentStatus.COMPLETED.value)
            & Enrollment.id.not_in(Certificate.select(Certificate.enrollment))
        )
        .order_by(Applicant.sort_name, Enrollment.id)
    )


def _issue_each(
    session: Session,
    course: Course,
    rows: Sequence[Enrollment],
    on: dt.date | None,
    step: Callable[[int], None] | None,
) -> list[Certificate]:
    """Issue for `rows`, one transaction each; `step(done)` before and after each."""
    issued: list[Certificate] = []
    if step is not None:
        step(0)
    for row in rows:
        with db.atomic():
            issued.append(_issue(session, course, Enrollment.get_by_id(row.id), on))
        if step is not None:
            step(len(issued))
    return issued


def _issue(
    session: Session, course: Course, enrollment: Enrollment, on: dt.date | None
) -> Certificate:
    """Inside the caller's transaction."""
    issued_on = on or dt.date.today()
    if issued_on > dt.date.today():
        raise UserError(Messages.ISSUED_IN_FUTURE, code="invalid", field="issued_on")
    _refuse_unfinished(course)
    applicant = Applicant.get_by_id(fk(enrollment, "applicant"))
    existing = _current(enrollment.id)
    if existing is not None:
        raise UserError(
            Messages.ALREADY_ISSUED.format(serial=existing.serial), code="already_issued"
        )
    if enrollment.status != EnrollmentStatus.COMPLETED.value:
        raise UserError(
            Messages.NOT_COMPLETED.format(name=applicant.full_name), code="not_completed"
        )
    center = Center.local()
    if center is None:
        raise UserError(Messages.NO_CENTER, code="not_initialised")
    year = jdatetime.date.fromgregorian(date=issued_on).year
    number = _next_number(session.center_code, year)
    partner = Partner.get_or_none(Partner.id == fk(course, "partner"))
    certificate = Certificate(
        center_code=session.center_code,
        enrollment=enrollment.id,
        course=course.id,
        year=year,
        number=number,
        serial=make_serial(session.center_code, year, number),
        code=_new_code(),
        issued_on=issued_on,
        issued_by=session.user_id,
        full_name=applicant.full_name,
        father_name=applicant.father_name,
        national_code=applicant.national_code,
        course_title=course.title,
        hours=course.hours,
        starts_on=course.starts_on,
        ends_on=course.ends_on,
        partner_name=partner.name if partner else "",
        center_name=center.name,
        city=center.city,
        trainer_name=trainer_name(course),
        manager_name=manager_name(),
    )
    raw = center_keys.sign(
        session.center_code, canonical_message(signed_fields(certificate)), session.user_id
    )
    certificate.signature = _encode_signature(raw)
    certificate.save(force_insert=True)
    ChangeLog.record(certificate, "create", session.user_id)
    return certificate


def _current(enrollment_id: Any) -> Certificate | None:
    """The enrollment's certificate that is not revoked (at most one: the index)."""
    row: Certificate | None = Certificate.get_or_none(
        (Certificate.enrollment == enrollment_id)
        & (Certificate.revoked == False)  # noqa: E712
        & (Certificate.deleted == False)  # noqa: E712
    )
    return row


def _refuse_unfinished(course: Course) -> None:
    if course.status != CourseStatus.FINISHED.value:
        raise UserError(Messages.COURSE_NOT_FINISHED, code="not_finished")


def _next_number(center_code: str, year: int) -> int:
    value = (
        Certificate.select(fn.MAX(Certificate.number))
        .where((Certificate.center_code == center_code) & (Certificate.year == year))
        .scalar()
    )
    return int(value or 0) + 1


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Certificate.select().where(Certificate.code == code).exists():
            return code


def revoke_certificate(session: Session, certificate_id: str, reason: str) -> CertificateRecord:
    """Revoke with a reason (admin only); it then verifies as revoked, never again as
    valid, and its serial is never given to another certificate."""
    session.require(Role.ADMIN)
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": Messages.REVOKE_REASON_REQUIRED})
    with db.atomic():
        row = _certificate(certificate_id)
        if row.revoked:
            raise UserError(Messages.ALREADY_REVOKED, code="already_revoked")
        row.revoked = True
        row.revoked_reason = reason
        row.revoked_at = utcnow()
        row.revoked_by = session.user_id
        row.save()
        ChangeLog.record(row, "update", session.user_id)
        _audit(session, "certificate_revoked", f"{row.serial}: {reason}")
    return _record(row)


# -- reading ---------------------------------------------------------------------------


def get_certificate(session: Session, certificate_id: str) -> CertificateRecord:
    row = _certificate(certificate_id)
    courses.readable_course(session, str(fk(row, "course")))
    return _record(row)


def current_certificate(session: Session, enrollment_id: str) -> CertificateRecord | None:
    """The certificate that stands for an enrollment: the one not revoked, or else the
    latest revoked one; None if none was ever issued."""
    row = _enrollment(enrollment_id)
    courses.readable_course(session, str(fk(row, "course")))
    shown = Certificate.shown_by_enrollment([row.id]).get(str(row.id))
    return _record(shown) if shown is not None else None


def enrollment_certificates(session: Session, enrollment_id: str) -> list[CertificateRecord]:
    """Every certificate issued for an enrollment (revoked ones too), oldest first."""
    row = _enrollment(enrollment_id)
    courses.readable_course(session, str(fk(row, "course")))
    rows = list(
        Certificate.select()
        .where((Certificate.enrollment == row.id) & (Certificate.deleted == False))  # noqa: E712
        .order_by(Certificate.created_at, Certificate.id)
    )
    names = _user_names(user for cert in rows for user in (cert.issued_by, cert.revoked_by))
    return [_record(cert, names) for cert in rows]


def course_certificates(session: Session, course_id: str) -> list[CertificateRecord]:
    """The course's certificates (revoked ones too), in Persian order of names."""
    course = courses.readable_course(session, course_id)
    rows = list(Certificate.select().where(Certificate.course == course.id))
    rows.sort(key=lambda row: (primary_key(row.full_name), row.serial))
    names = _user_names(user for row in rows for user in (row.issued_by, row.revoked_by))
    return [_record(row, names) for row in rows]


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
    names = _user_names(user for row in rows for user in (row.issued_by, row.revoked_by))
    found = [_record(row, names) for row in rows[:FOUND_LIMIT]]
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
            return Verification(VerifyStatus.UNKNOWN, scanned)
        signature = _decode_signature(payload["signature"])
        genuine = (
            payload["code"] == row.code
            and signature is not None
            and _signature_holds(row, signature)
        )
        return _verdict(row, scanned, genuine)
    if scanned.startswith(PAYLOAD_PREFIX):
        # A payload cut short or altered out of shape: if it names a certificate, that
        # certificate is what the altered paper claims to be.
        inside = _SERIAL_INSIDE.search(scanned, len(PAYLOAD_PREFIX) + 1)
        row = Certificate.get_or_none(Certificate.serial == inside[0]) if inside else None
        if row is None:
            return Verification(VerifyStatus.UNKNOWN, scanned)
        return _verdict(row, scanned, genuine=False)
    row = _by_serial(scanned) or _by_code(scanned)
    if row is None:
        return Verification(VerifyStatus.UNKNOWN, scanned)
    return _verdict(row, scanned, _stored_signature_holds(row))


def _verdict(row: Certificate, scanned: str, genuine: bool) -> Verification:
    replaced_by = ""
    if not genuine:
        status = VerifyStatus.BAD_SIGNATURE
    elif row.revoked:
        status = VerifyStatus.REVOKED
        current = _current(fk(row, "enrollment"))
        replaced_by = current.serial if current is not None else ""
    else:
        status = VerifyStatus.VALID
    return Verification(status, scanned, _record(row), replaced_by)


def _signature_holds(row: Certificate, signature: bytes) -> bool:
    message = canonical_message(signed_fields(row))
    return center_keys.verify(row.center_code, message, signature)


def _stored_signature_holds(row: Certificate) -> bool:
    """Whether the stored printed fields still match the signature made at issue: an
    edit of the record after issuing (or a swapped center key) makes this False."""
    stored = _decode_signature(row.signature)
    return stored is not None and _signature_holds(row, stored)


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


# -- printing ----------------------------------------------------------------------------


def certificate_settings() -> CertificateSettings:
    return CertificateSettings(
        manager_name=read_setting(SETTING_MANAGER_NAME),
        logo_path=read_setting(SETTING_LOGO_PATH),
    )


_SETTING_FIELDS = {SETTING_MANAGER_NAME: "manager_name", SETTING_LOGO_PATH: "logo_path"}


def save_certificate_settings(
    session: Session, *, manager_name: str, logo_path: str
) -> CertificateSettings:
    """The manager's full name printed under their signature line and the logo image
    ("" for none), checked as `services.settings.save_settings` checks them (errors keyed by
    this function's argument names). Admin only; certificates already issued keep the
    name they were signed with."""
    try:
        save_settings(session, {SETTING_MANAGER_NAME: manager_name, SETTING_LOGO_PATH: logo_path})
    except ValidationError as error:
        raise ValidationError(
            {_SETTING_FIELDS.get(key, key): message for key, message in error.errors.items()}
        ) from None
    return certificate_settings()


def manager_name() -> str:
    """The center manager's name to sign into a certificate, or UserError (field
    "manager_name", code "manager_name_missing" or "manager_name_is_username") saying
    which setting to fill in: a certificate never carries a user name or no name."""
    name = certificate_settings().manager_name
    if not name:
        raise UserError(ManagerName.MISSING, code="manager_name_missing", field="manager_name")
    if not person_name(name):
        raise UserError(
            ManagerName.IS_USERNAME.format(name=name),
            code="manager_name_is_username",
            field="manager_name",
        )
    return name


def trainer_name(course: Course) -> str:
    """The name of the course's trainer to sign into its certificates, or UserError
    saying what to fill in — as for the manager, a certificate never carries a user
    name or no name: code "trainer_name_missing" (field "trainer_name") while the
    trainer's full name is missing or is a user name, "trainer_missing" (field
    "trainer_id") if the course's trainer is no user here (every course is created
    with one, so only a damaged or foreign record; an empty «مدرس دوره» line would
    look forged, and a signed certificate cannot be corrected later)."""
    trainer = User.get_or_none(User.id == courses.as_uuid(course.trainer))
    if trainer is None:
        raise UserError(TrainerName.NO_TRAINER, code="trainer_missing", field="trainer_id")
    name = person_name(trainer.display_name)
    if not name:
        raise UserError(
            TrainerName.MISSING.format(username=trainer.username),
            code="trainer_name_missing",
            field="trainer_name",
        )
    return name


def _refuse_unnamed(rows: Iterable[Certificate]) -> None:
    """Printing stops before anything is drawn at a certificate that was signed with a
    user name (or no name) as its manager or its trainer: reprinting it would put that
    on paper."""
    for row in rows:
        if not person_name(row.manager_name):
            raise UserError(
                ManagerName.ISSUED_WITH_USERNAME.format(serial=row.serial, name=row.manager_name),
                code="manager_name_not_printed",
                field="manager_name",
            )
        if not person_name(row.trainer_name):
            template = (
                TrainerName.ISSUED_WITH_USERNAME if row.trainer_name else TrainerName.ISSUED_WITHOUT
            )
            raise UserError(
                template.format(serial=row.serial, name=row.trainer_name),
                code="trainer_name_not_printed",
                field="trainer_name",
            )


def _logo_path() -> Path | None:
    text = certificate_settings().logo_path
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_file() else None


def certificate_data(session: Session, certificate_id: str) -> CertificateData:
    """What the renderer draws for one certificate (its stored, signed fields)."""
    row = _certificate(certificate_id)
    courses.readable_course(session, str(fk(row, "course")))
    return _data(row, _logo_path())


def _data(row: Certificate, logo: Path | None) -> CertificateData:
    return CertificateData(
        serial=row.serial,
        code=format_code(row.code),
        full_name=row.full_name,
        father_name=row.father_name,
        national_code=row.national_code,
        course_title=row.course_title,
        hours=int(row.hours),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        partner_name=row.partner_name,
        center_name=row.center_name,
        city=row.city,
        trainer_name=row.trainer_name,
        manager_name=row.manager_name,
        issued_on=row.issued_on,
        qr_payload=qr_payload(row.serial, row.code, row.signature),
        logo_path=logo,
        reprint=row.print_count > 0,
    )


def print_certificates(
    session: Session,
    certificate_ids: Sequence[str],
    path: str | Path,
    progress: ProgressCallback | None = None,
) -> int:
    """Write the certificates into one PDF (a page each) and count the prints, as one
    step (desktop/services/certificate_prints.py): a certificate printed before is a
    reprint (marked on paper, audited "reprint"). Nothing is counted and no file
    appears if rendering fails or is cancelled. Refused, before anything is drawn, if
    any of them is revoked (code "revoked") or was edited after issuing so that its
    signature no longer holds (code "bad_signature"; its QR would fail)."""
    session.require(*SIGNERS)
    certificate_prints.settle_interrupted()  # a killed print is counted before this one
    rows = [_certificate(certificate_id) for certificate_id in certificate_ids]
    for course_id in {str(fk(row, "course")) for row in rows}:
        courses.runnable_course(session, course_id)
    _refuse_unprintable(rows)
    _refuse_unnamed(rows)
    logo = _logo_path()
    datas = [_data(row, logo) for row in rows]
    render = _renderer()
    certificate_prints.write_counted(
        session,
        [str(row.id) for row in rows],
        Path(path),
        lambda partial: render(datas, partial, progress=progress),
    )
    return len(rows)


def _refuse_unprintable(rows: Iterable[Certificate]) -> None:
    for row in rows:
        if row.revoked:
            current = _current(fk(row, "enrollment"))
            if current is not None:
                message = Messages.REVOKED_REPLACED_NOT_PRINTED.format(
                    serial=row.serial, current=current.serial
                )
            else:
                message = Messages.REVOKED_NOT_PRINTED.format(serial=row.serial)
            raise UserError(message, code="revoked")
        if not _stored_signature_holds(row):
            raise UserError(
                Messages.TAMPERED_NOT_PRINTED.format(serial=row.serial), code="bad_signature"
            )


def reprint_certificate(
    session: Session, certificate_id: str, path: str | Path
) -> CertificateRecord:
    """Print one certificate again: same serial and code, marked as a reprint. A
    revoked one is refused (the message names its replacement, if there is one)."""
    print_certificates(session, [certificate_id], path)
    return _record(_certificate(certificate_id))


def print_course(
    session: Session, course: str, path: str | Path, progress: ProgressCallback | None = None
) -> CoursePrint:
    """Issue the missing certificates of everyone who completed the course (its id or
    code; see `issue_course_certificates`), then write all its current certificates
    (not revoked) into one PDF, in Persian order of names.

    `progress(done, total)` counts both phases in one total — one step per certificate
    issued, then one per page drawn — and may raise (Cancelled) between any two
    certificates. A certificate already issued when the work is cancelled (or fails
    later) stays issued: each is issued in its own transaction. A cancelled or failed
    render writes no file and counts no print.

    A certificate edited after issuing (its signature no longer holds) is refused
    before anything is issued or drawn, naming its serial.
    """
    session.require(*SIGNERS)
    record = courses.find_course(session, course)
    found = courses.runnable_course(session, record.id)
    _refuse_unfinished(found)
    manager_name()  # stops here, naming the setting to fill in
    current = list(
        Certificate.select().where(
            (Certificate.course == found.id)
            & (Certificate.revoked == False)  # noqa: E712
            & (Certificate.deleted == False)  # noqa: E712
        )
    )
    _refuse_unprintable(current)
    _refuse_unnamed(current)
    waiting = _waiting(found)
    if waiting:
        trainer_name(found)  # stops before the first is issued, naming whose name is missing
    if not current and not waiting:
        raise UserError(Messages.NOTHING_TO_PRINT, code="nothing_to_print")
    issuing = len(waiting)
    total = issuing + len(current) + issuing  # issue steps, then pages
    issue_step = None if progress is None else (lambda done: progress(done, total))
    issued = _issue_each(session, found, waiting, None, issue_step if issuing else None)
    ids = [cert.id for cert in course_certificates(session, record.id) if not cert.revoked]
    if not ids:
        raise UserError(Messages.NOTHING_TO_PRINT, code="nothing_to_print")
    page_step: ProgressCallback | None = None
    if progress is not None:

        def page_step(done: int, pages: int) -> None:
            progress(issuing + done, issuing + pages)

    printed = print_certificates(session, ids, path, page_step)
    return CoursePrint(issued=len(issued), printed=printed, path=Path(path))


def _renderer() -> Any:
    """The renderer, imported when first needed (reportlab is slow to import)."""
    try:
        from desktop.printing.certificate import render_certificates
    except ModuleNotFoundError as error:
        if error.name not in ("desktop.printing.certificate", "reportlab", "segno"):
            raise
        raise UserError(Messages.RENDERER_MISSING, code="renderer_missing") from error
    return render_certificates


# -- helpers -----------------------------------------------------------------------------


def _certificate(certificate_id: str) -> Certificate:
    key = courses.as_uuid(certificate_id)
    row = Certificate.get_or_none(Certificate.id == key) if key else None
    if row is None or row.deleted:
        raise UserError(Messages.NOT_FOUND, code="not_found")
    return row


def _enrollment(enrollment_id: str) -> Enrollment:
    key = courses.as_uuid(enrollment_id)
    row = Enrollment.get_or_none(Enrollment.id == key) if key else None
    if row is None or row.deleted:
        from desktop.strings.courses import Enrollments

        raise UserError(Enrollments.NOT_FOUND, code="not_found")
    return row


def _audit(session: Session, action: str, detail: str) -> None:
    AuditLog.create(
        user_id=session.user_id, username=session.username, action=action, detail=detail
    )


def _user_names(ids: Iterable[str | None]) -> dict[str, str]:
    keys = list({key for key in (courses.as_uuid(i) for i in ids if i) if key})
    if not keys:
        return {}
    return {
        str(uid): str(name)
        for uid, name in tuples(User.select(User.id, User.display_name).where(User.id.in_(keys)))
    }


def _record(row: Certificate, names: dict[str, str] | None = None) -> CertificateRecord:
    if names is None:
        names = _user_names([row.issued_by, row.revoked_by])
    return CertificateRecord(
        id=str(row.id),
        enrollment_id=str(fk(row, "enrollment")),
        course_id=str(fk(row, "course")),
        serial=row.serial,
        code=format_code(row.code),
        full_name=row.full_name,
        father_name=row.father_name,
        national_code=row.national_code,
        course_title=row.course_title,
        hours=int(row.hours),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        partner_name=row.partner_name,
        center_code=row.center_code,
        center_name=row.center_name,
        city=row.city,
        trainer_name=row.trainer_name,
        manager_name=row.manager_name,
        issued_on=row.issued_on,
        issued_by_name=names.get(str(courses.as_uuid(row.issued_by or "")), ""),
        revoked=bool(row.revoked),
        revoked_reason=row.revoked_reason,
        revoked_at=row.revoked_at,
        revoked_by_name=names.get(str(courses.as_uuid(row.revoked_by or "")), ""),
        print_count=int(row.print_count),
        qr_payload=qr_payload(row.serial, row.code, row.signature),
    )
