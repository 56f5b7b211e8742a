"""`python -m desktop courses list|add|import-results` and `certificates print|verify|revoke`.

The commands act as the center's administrator and call the same services as the GUI
(desktop/services/courses.py, partner_results.py, certificates.py). Messages are
English, one line.

- courses list: one line per course (--json: one object per line).
- courses add: a course, typically one a partner body runs (--partner: its name, short
  name or code such as tvto); prints its code and id (--json: one object). Dates are
  Jalali (1405/02/01, Persian or ASCII digits) or ISO (2026-04-21).
- courses import-results: a partner body's results sheet (CSV or XLSX); exit codes and
  report as `applicants import` (0 whenever the sheet was read, 1 if it cannot be, or
  the course refuses a sheet); a run that is not --dry-run finishes the course.
- certificates print: issues the missing certificates of those who completed the
  course, then writes all of its certificates that are not revoked into one PDF.
- certificates verify: exit 0 for a valid certificate, 3 for a revoked one, 4 for an
  unknown one or a payload whose signature fails; one line says which (--json: one
  object). Dates in the JSON are Jalali, `YYYY/MM/DD` in ASCII digits.
- certificates revoke: revoke a certificate by its serial, with a reason (exit 1 for
  an unknown serial or one already revoked).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
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
    "no_partner": "the course is not run by a partner body; choose its partner body in "
    "the app (Courses, Edit)",
    "not_started": "the course has not started yet",
    "course_closed": "the course is cancelled",
    "conflict": "people were enrolled in the course meanwhile; nothing imported, run it again",
    "already_revoked": "the certificate is already revoked",
}
DEFAULT_CAPACITY = 30
DEFAULT_WEEKDAYS = "0,1,2,3,4,5"  # Saturday to Thursday
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    from desktop.commands.applicants import add_sheet_arguments

    group = commands.add_parser("courses", help="list courses").add_subparsers(
        dest="courses_command", metavar="ACTION", required=True
    )
    listing = group.add_parser("list", help="list the center's courses")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument("--status", choices=[s.value for s in CourseStatus], default=None)
    listing.set_defaults(handler=_cmd_list)

    adding = group.add_parser(
        "add",
        help="add a course (one a partner body runs: --partner)",
        description="Dates: Jalali YYYY/MM/DD or ISO YYYY-MM-DD. Prints the course's code and id.",
    )
    add_db(adding)
    adding.add_argument("--title", required=True)
    adding.add_argument("--hours", required=True, metavar="N")
    adding.add_argument("--starts-on", required=True, metavar="DATE")
    adding.add_argument("--ends-on", required=True, metavar="DATE")
    adding.add_argument(
        "--partner", default=None, metavar="NAME", help="partner body: name, short name or code"
    )
    adding.add_argument("--json", action="store_true", help="one JSON object")
    adding.add_argument("--field", default="")
    adding.add_argument("--capacity", default=str(DEFAULT_CAPACITY), metavar="N")
    adding.add_argument(
        "--weekdays",
        default=DEFAULT_WEEKDAYS,
        help="days of its sessions, 0 (Saturday) to 6 (default: Saturday to Thursday)",
    )
    adding.add_argument(
        "--trainer", default=None, metavar="USERNAME", help="default: the administrator"
    )
    adding.add_argument("--min-attendance", default="80", metavar="PERCENT")
    adding.add_argument(
        "--passing-score", default="", metavar="SCORE", help="default: not assessed"
    )
    adding.add_argument(
        "--status",
        choices=("planned", "open", "running"),
        default=None,
        help="default: running once it has started, else planned",
    )
    adding.set_defaults(handler=_cmd_add)

    results = group.add_parser(
        "import-results",
        help="import a partner body's results sheet into a course",
        description="Columns (header names, any order): national_code, result "
        "(passed|failed); optional score, attendance_percent. People are enrolled if they "
        "were not; accepted rows are recorded together, or none are, and the course is "
        "finished.",
    )
    add_db(results)
    results.add_argument("--course", required=True, metavar="ID_OR_CODE")
    add_sheet_arguments(results)
    results.set_defaults(handler=_cmd_import_results)

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

    revoke = certificates.add_parser("revoke", help="revoke a certificate, with a reason")
    add_db(revoke)
    revoke.add_argument("serial", metavar="SERIAL", help="e.g. TEH05-1405-000123")
    revoke.add_argument("--reason", required=True, metavar="TEXT")
    revoke.set_defaults(handler=_cmd_revoke)


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


def _day(text: str) -> dt.date | str:
    """A date typed as ISO (2026-04-21) as a date; anything else as typed, for the
    course form to read as Jalali (or to say what is wrong with it)."""
    if _ISO_DATE.match(text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            pass
    return text


def _started(day: dt.date | str) -> bool:
    from desktop.text.jalali import JalaliDateError, parse_jalali

    if isinstance(day, str):
        try:
            day = parse_jalali(day)
        except JalaliDateError:
            return False
    return day <= dt.date.today()


def _cmd_add(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services import courses, reference, users
    from desktop.services.setup import admin_session

    open_db(args)
    admin = admin_session()
    partner_id, partner_name = "", ""
    if args.partner:
        found = reference.find_partner(admin, args.partner)
        if found is None:
            known = ", ".join(name for _, name in reference.partners(admin))
            print(f"error: unknown partner body {args.partner!r} (known: {known})", file=sys.stderr)
            return EXIT_FAILED
        partner_id, partner_name = found
    trainer = users.find_user(admin, args.trainer).id if args.trainer else admin.user_id
    starts_on, ends_on = _day(args.starts_on), _day(args.ends_on)
    status = args.status or ("running" if _started(starts_on) else "planned")
    data = courses.CourseInput(
        title=args.title,
        field=args.field,
        partner_id=partner_id,
        trainer_id=trainer,
        hours=args.hours,
        capacity=args.capacity,
        starts_on=starts_on,
        ends_on=ends_on,
        weekdays=args.weekdays,
        min_attendance_percent=args.min_attendance,
        passing_score=args.passing_score,
        status=status,
    )
    try:
        course = courses.create_course(admin, data)
    except UserError as error:
        return _fail(error)
    if args.json:
        print(
            json.dumps(
                {
                    "id": course.id,
                    "code": course.code,
                    "title": course.title,
                    "partner": partner_name or None,
                    "partner_id": course.partner_id,
                    "status": course.status,
                    "hours": course.hours,
                    "capacity": course.capacity,
                    "trainer": course.trainer_name,
                    "starts_on": course.starts_on.isoformat(),
                    "ends_on": course.ends_on.isoformat(),
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"added course {course.code} ({course.id})")
    return EXIT_OK


def _cmd_import_results(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.commands.applicants import cannot_read, report_rows
    from desktop.services import applicant_import, applicant_io, courses, partner_results
    from desktop.services.setup import admin_session

    open_db(args)
    session = admin_session()
    try:
        course = courses.find_course(session, args.course)
    except UserError as error:
        return _fail(error)
    try:
        table = applicant_io.read_table(args.file)
    except applicant_io.UnreadableFile as error:
        return cannot_read(args.file, error)
    mapping = partner_results.guess_columns(table.headers)
    summary: applicant_import.ImportSummary
    try:
        summary = partner_results.import_results(
            session, course.id, table, mapping, dry_run=args.dry_run
        )
    except applicant_io.MissingColumns as error:
        print(f"{args.file} lacks required columns: {', '.join(error.columns)}", file=sys.stderr)
        summary = applicant_import.rejected_for_missing_columns(table, error)
    except UserError as error:
        return _fail(error)
    counts = report_rows(summary, args.report)
    if args.dry_run:
        print(f"dry run: {counts}")
        return EXIT_OK
    results = summary if isinstance(summary, partner_results.ResultsSummary) else None
    line = (
        f"{counts}; recorded {summary.created}, newly enrolled {results.enrolled if results else 0}"
    )
    if results is not None and results.finished:
        line += f"; course {course.code} finished"
    print(line)
    return EXIT_OK


def _cmd_revoke(args: argparse.Namespace) -> int:
    from desktop.cli import open_db
    from desktop.services import certificates
    from desktop.services.setup import admin_session

    open_db(args)
    try:
        record = certificates.revoke_serial(admin_session(), args.serial, args.reason)
    except UserError as error:
        if error.code == "not_found":
            print(f"error: no certificate with the serial {args.serial!r}", file=sys.stderr)
            return EXIT_FAILED
        return _fail(error)
    print(f"revoked {record.serial}: {record.revoked_reason}")
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
