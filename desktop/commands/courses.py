"""`python -m desktop courses list` and `certificates print|verify`.

The commands act as the center's administrator and call the same services as the GUI
(desktop/services/courses.py, certificates.py). Messages are English, one line.

- courses list: one line per course (--json: one object per line).
- certificates print: issues the missing certificates of those who completed the
  course, then writes all of its certificates that are not revoked into one PDF.
- certificates verify: exit 0 for a valid certificate, 3 for a revoked one, 4 for an
  unknown one or a payload whose signature fails; one line says which (--json: one
  object). Dates in the JSON are Jalali, `YYYY/MM/DD` in ASCII digits.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.models.course import CourseStatus

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REVOKED = 3
EXIT_INVALID = 4  # unknown, or a signature that fails

ENGLISH = {
    "not_found": "no course with that id or code",
    "forbidden": "permission denied",
    "not_finished": "the course has not finished yet",
    "nothing_to_print": "nobody in the course has a certificate or completed it",
    "renderer_missing": "the certificate renderer is not installed",
    "not_initialised": "the database is not set up yet (run `init` first)",
    "manager_name_missing": "the center manager's name is not set; set it with "
    '`settings set certificate_manager_name "FULL NAME"`',
    "manager_name_is_username": "the center manager's name is a user name, not a person's "
    'name; set it with `settings set certificate_manager_name "FULL NAME"`',
    "manager_name_not_printed": "a certificate was issued with a user name as the center "
    "manager's; revoke it and issue it again in the app",
    "trainer_name_missing": "the course's trainer has no full name (or a user name in its "
    'place); set it with `users set-name --username USER --name "FULL NAME"`',
    "trainer_missing": "the course's trainer is not a user of this center; choose its "
    "trainer in the app (Courses, Edit)",
    "trainer_name_not_printed": "a certificate was issued without its trainer's full name; "
    "set the name (`users set-name`), then revoke and issue it again in the app",
}


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("courses", help="list courses").add_subparsers(
        dest="courses_command", metavar="ACTION", required=True
    )
    listing = group.add_parser("list", help="list the center's courses")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument("--status", choices=[s.value for s in CourseStatus], default=None)
    listing.set_defaults(handler=_cmd_list)

    certificates = commands.add_parser(
        "certificates", help="print and verify course certificates"
    ).add_subparsers(dest="certificates_command", metavar="ACTION", required=True)
    printing = certificates.add_parser(
        "print",
        help="issue missing certificates of a course and write all of them to one PDF",
    )
    add_db(printing)
    printing.add_argument("--course", required=True, metavar="COURSE_ID_OR_CODE")
    printing.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    printing.set_defaults(handler=_cmd_print)

    verify = certificates.add_parser(
        "verify",
        help="check a serial, a verification code or a scanned QR payload",
        description="Exit 0: valid; 3: revoked; 4: unknown, or the signature fails.",
    )
    add_db(verify)
    verify.add_argument("text", metavar="TEXT", help="serial, code or the whole QR payload")
    verify.add_argument("--json", action="store_true", help="one JSON object")
    verify.set_defaults(handler=_cmd_verify)


def _fail(error: UserError) -> int:
    """One line: this feature's own wording, else the CLI's (database, keys, fields)."""
    from desktop.cli import _english

    known = error.code in ENGLISH
    print(
        f"error: {f'{ENGLISH[error.code]} ({error.message})' if known else _english(error)}",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _cmd_list(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services import courses
    from desktop.services.setup import admin_session

    open_db(args)
    for course in courses.list_courses(admin_session(), status=args.status):
        if args.json:
            print(
                json.dumps(
                    {
                        "id": course.id,
                        "code": course.code,
                        "title": course.title,
                        "status": course.status,
                        "enrolled": course.enrolled,
                        "completed": course.completed,
                        "failed": course.failed,
                        "waitlisted": course.waitlisted,
                        "capacity": course.capacity,
                        "trainer": course.trainer_name,
                        "starts_on": course.starts_on.isoformat(),
                        "ends_on": course.ends_on.isoformat(),
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(
                "\t".join(
                    (
                        course.code,
                        course.status,
                        f"{course.enrolled}/{course.capacity}",
                        str(course.completed),
                        course.title,
                    )
                )
            )
    return EXIT_OK


def _cmd_print(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services import certificates
    from desktop.services.setup import admin_session

    open_db(args)
    try:
        made = certificates.print_course(admin_session(), args.course, args.out)
    except UserError as error:
        return _fail(error)
    print(f"issued {made.issued} new; wrote {made.printed} certificates to {made.path}")
    return EXIT_OK


def _jalali(value: Any) -> str | None:
    """A date, or a UTC timestamp on its local day, as Jalali with ASCII digits."""
    import datetime as dt

    from desktop.text.jalali import format_jalali
    from desktop.text.normalize import normalize_digits

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.replace(tzinfo=dt.UTC).astimezone().date()
    return normalize_digits(format_jalali(value))


def _cmd_verify(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services import certificates
    from desktop.services.certificates import VerifyStatus
    from desktop.services.setup import admin_session

    open_db(args)
    result = certificates.verify(admin_session(), args.text)
    if args.json:
        print(json.dumps(_verification_json(result), ensure_ascii=False))
    else:
        print(_describe(result))
    if result.status is VerifyStatus.VALID:
        return EXIT_OK
    if result.status is VerifyStatus.REVOKED:
        return EXIT_REVOKED
    return EXIT_INVALID


def _verification_json(result: Any) -> dict[str, Any]:
    found = result.certificate
    keys = [
        "serial",
        "code",
        "full_name",
        "father_name",
        "national_code",
        "course_title",
        "hours",
        "partner_name",
        "center_code",
        "center_name",
        "city",
        "trainer_name",
        "manager_name",
        "revoked_reason",
        "print_count",
    ]
    data: dict[str, Any] = {"status": result.status.value, "text": result.text}
    data.update({key: getattr(found, key) if found else None for key in keys})
    for key in ("issued_on", "starts_on", "ends_on"):
        data[key] = _jalali(getattr(found, key)) if found else None
    data["revoked_on"] = _jalali(found.revoked_at) if found and found.revoked_at else None
    return data


def _describe(result: Any) -> str:
    found = result.certificate
    if found is None:
        return f"unknown: no certificate here matches {result.text!r}"
    about = (
        f"certificate {found.serial} (code {found.code}) of {found.full_name}, "
        f"national code {found.national_code}, course «{found.course_title}», "
        f"{found.hours} hours, issued {_jalali(found.issued_on)}"
    )
    status = result.status.value
    if status == "bad_signature":
        return (
            f"bad signature: {found.serial} does not match its signature; the QR payload or "
            "the stored record was changed"
        )
    if status == "revoked":
        return f"revoked: {about}; revoked on {_jalali(found.revoked_at)}: {found.revoked_reason}"
    return f"valid: {about}"
