"""Issuing and revoking certificates.

A certificate is issued to someone who completed a finished course, signed with the
center's key over a copy of every printed field (certificates.py says why); an
enrollment holds at most one that is not revoked. Revoking is the admin's, with a
reason; a revoked certificate keeps verifying as revoked, and its serial is never
given to another.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence

import jdatetime
from peewee import fn

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    Center,
    Certificate,
    Course,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Partner,
    Role,
    db,
    utcnow,
    writes,
)
from desktop.services import center_keys
from desktop.services.certificate_records import (
    CODE_ALPHABET,
    CODE_LENGTH,
    SIGNERS,
    CertificateRecord,
    ProgressCallback,
    canonical_message,
    certificate_record,
    current_row,
    encode_signature,
    live_certificate,
    make_serial,
    signed_fields,
)
from desktop.services.certificate_search import scan_text
from desktop.services.certificate_setup import manager_name, trainer_name
from desktop.services.course_access import fk, runnable_course
from desktop.services.enrollment_rows import live_enrollment
from desktop.services.records import audit
from desktop.services.session import Session
from desktop.strings.courses import Certificates as Messages
from desktop.text.normalize import normalize_text


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
    row = live_enrollment(enrollment_id)
    course = runnable_course(session, str(fk(row, "course")))
    trainer_name(course)  # nor without the trainer's
    with db.atomic():
        certificate = _issue(session, course, Enrollment.get_by_id(row.id), on)
    return certificate_record(certificate)


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
    course = runnable_course(session, course_id)
    refuse_unfinished(course)
    manager_name()  # no certificate is signed without the manager's name
    trainer_name(course)  # nor without the trainer's
    waiting = waiting_enrollments(course)
    step = None if progress is None else (lambda done: progress(done, len(waiting)))
    return [certificate_record(row) for row in issue_each(session, course, waiting, on, step)]


def waiting_enrollments(course: Course) -> list[Enrollment]:
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


def issue_each(
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
    """Sign and insert the certificate of `enrollment`. Inside the caller's transaction."""
    issued_on = on or dt.date.today()
    if issued_on > dt.date.today():
        raise UserError(Messages.ISSUED_IN_FUTURE, code="invalid", field="issued_on")
    refuse_unfinished(course)
    applicant = Applicant.get_by_id(fk(enrollment, "applicant"))
    _refuse_issued_or_not_completed(enrollment, applicant)
    certificate = _unsigned(session, course, enrollment, applicant, issued_on)
    raw = center_keys.sign(
        session.center_code, canonical_message(signed_fields(certificate)), session.user_id
    )
    certificate.signature = encode_signature(raw)
    return writes.insert(certificate, session)


def _refuse_issued_or_not_completed(enrollment: Enrollment, applicant: Applicant) -> None:
    existing = current_row(enrollment.id)
    if existing is not None:
        raise UserError(
            Messages.ALREADY_ISSUED.format(serial=existing.serial), code="already_issued"
        )
    if enrollment.status != EnrollmentStatus.COMPLETED.value:
        raise UserError(
            Messages.NOT_COMPLETED.format(name=applicant.full_name), code="not_completed"
        )


def _unsigned(
    session: Session,
    course: Course,
    enrollment: Enrollment,
    applicant: Applicant,
    issued_on: dt.date,
) -> Certificate:
    """The certificate with its numbers and a copy of every printed field, not yet
    signed: the person, the course, the center and who signs it, as they read now."""
    center = Center.local()
    if center is None:
        raise UserError(Messages.NO_CENTER, code="not_initialised")
    year = jdatetime.date.fromgregorian(date=issued_on).year
    number = _next_number(session.center_code, year)
    partner = Partner.get_or_none(Partner.id == fk(course, "partner"))
    return Certificate(
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


def refuse_unfinished(course: Course) -> None:
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
        row = live_certificate(certificate_id)
        if row.revoked:
            raise UserError(Messages.ALREADY_REVOKED, code="already_revoked")
        row.revoked = True
        row.revoked_reason = reason
        row.revoked_at = utcnow()
        row.revoked_by = session.user_id
        writes.update(row, session)
        audit(session, "certificate_revoked", f"{row.serial}: {reason}")
    return certificate_record(row)


def revoke_serial(session: Session, serial: str, reason: str) -> CertificateRecord:
    """Revoke the certificate of `serial`, whole, as typed or scanned (Persian digits,
    the Persian keyboard layout, lower case: `scan_text`) — the command line's way in."""
    session.require(Role.ADMIN)
    row = Certificate.get_or_none(
        (Certificate.serial == scan_text(serial)) & (Certificate.deleted == False)  # noqa: E712
    )
    if row is None:
        raise UserError(Messages.NOT_FOUND, code="not_found")
    return revoke_certificate(session, str(row.id), reason)
