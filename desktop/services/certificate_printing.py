"""Printing certificates: one PDF of many, each print counted with the file
(certificate_prints.py), a print after the first marked as a reprint.

A revoked certificate, one whose stored fields no longer match its signature (its QR
would fail verification), or one signed with a user name in place of the manager's
or the trainer's name, is never printed: refused before anything is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.models import Certificate, Course, Enrollment
from desktop.printing.data import CertificateData
from desktop.services import certificate_prints
from desktop.services.certificate_issue import issue_each, refuse_unfinished, waiting_enrollments
from desktop.services.certificate_records import (
    SIGNERS,
    CertificateRecord,
    ProgressCallback,
    certificate_record,
    current_row,
    live_certificate,
    printed_fields,
    stored_signature_holds,
)
from desktop.services.certificate_search import course_certificates
from desktop.services.certificate_setup import logo_path, manager_name, trainer_name
from desktop.services.course_access import fk, readable_course, runnable_course
from desktop.services.course_catalogue import find_course
from desktop.services.records import audit_read
from desktop.services.session import Session
from desktop.services.users import person_name
from desktop.strings.courses import Certificates as Messages
from desktop.strings.settings import ManagerName, TrainerName


@dataclass(frozen=True)
class CoursePrint:
    issued: int  # certificates issued now, before printing
    printed: int  # pages written
    path: Path


def certificate_data(session: Session, certificate_id: str) -> CertificateData:
    """What the renderer draws for one certificate (its stored, signed fields)."""
    row = live_certificate(certificate_id)
    readable_course(session, str(fk(row, "course")))
    return _data(row, logo_path())


def _data(row: Certificate, logo: Path | None) -> CertificateData:
    return CertificateData(**printed_fields(row), logo_path=logo, reprint=row.print_count > 0)


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
    rows = [live_certificate(certificate_id) for certificate_id in certificate_ids]
    for course_id in {str(fk(row, "course")) for row in rows}:
        runnable_course(session, course_id)
    _refuse_unprintable(rows)
    _refuse_unnamed(rows)
    logo = logo_path()
    datas = [_data(row, logo) for row in rows]
    render = _renderer()
    certificate_prints.write_counted(
        session,
        [str(row.id) for row in rows],
        Path(path),
        lambda partial: render(datas, partial, progress=progress),
    )
    serials = ", ".join(row.serial for row in rows)
    audit_read(session, "certificate.print", f"{len(rows)}: {serials}"[:500])
    return len(rows)


def _refuse_unprintable(rows: Iterable[Certificate]) -> None:
    for row in rows:
        if row.revoked:
            current = current_row(fk(row, "enrollment"))
            if current is not None:
                message = Messages.REVOKED_REPLACED_NOT_PRINTED.format(
                    serial=row.serial, current=current.serial
                )
            else:
                message = Messages.REVOKED_NOT_PRINTED.format(serial=row.serial)
            raise UserError(message, code="revoked")
        if not stored_signature_holds(row):
            raise UserError(
                Messages.TAMPERED_NOT_PRINTED.format(serial=row.serial), code="bad_signature"
            )


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


def reprint_certificate(
    session: Session, certificate_id: str, path: str | Path
) -> CertificateRecord:
    """Print one certificate again: same serial and code, marked as a reprint. A
    revoked one is refused (the message names its replacement, if there is one)."""
    print_certificates(session, [certificate_id], path)
    return certificate_record(live_certificate(certificate_id))


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
    record = find_course(session, course)
    found = runnable_course(session, record.id)
    current, waiting = _ready_to_print(found)
    issuing = len(waiting)
    total = issuing + len(current) + issuing  # issue steps, then pages
    issue_step = None if progress is None else (lambda done: progress(done, total))
    issued = issue_each(session, found, waiting, None, issue_step if issuing else None)
    ids = [cert.id for cert in course_certificates(session, record.id) if not cert.revoked]
    if not ids:
        raise UserError(Messages.NOTHING_TO_PRINT, code="nothing_to_print")
    page_step: ProgressCallback | None = None
    if progress is not None:

        def page_step(done: int, pages: int) -> None:
            progress(issuing + done, issuing + pages)

    printed = print_certificates(session, ids, path, page_step)
    return CoursePrint(issued=len(issued), printed=printed, path=Path(path))


def _ready_to_print(course: Course) -> tuple[list[Certificate], list[Enrollment]]:
    """The course's current certificates and who waits for one, once every check that
    can stop the work has passed — before anything is issued or drawn."""
    refuse_unfinished(course)
    manager_name()  # stops here, naming the setting to fill in
    current = list(
        Certificate.select().where(
            (Certificate.course == course.id)
            & (Certificate.revoked == False)  # noqa: E712
            & (Certificate.deleted == False)  # noqa: E712
        )
    )
    _refuse_unprintable(current)
    _refuse_unnamed(current)
    waiting = waiting_enrollments(course)
    if waiting:
        trainer_name(course)  # stops before the first is issued, naming whose name is missing
    if not current and not waiting:
        raise UserError(Messages.NOTHING_TO_PRINT, code="nothing_to_print")
    return current, waiting


def _renderer() -> Any:
    """The renderer, imported when first needed (reportlab is slow to import)."""
    try:
        from desktop.printing.certificate import render_certificates
    except ModuleNotFoundError as error:
        if error.name not in ("desktop.printing.certificate", "reportlab", "segno"):
            raise
        raise UserError(Messages.RENDERER_MISSING, code="renderer_missing") from error
    return render_certificates
