"""A partner body's results sheet: who took its course and how each did, brought into
the course at a center — and the course settled by it.

A partner body (the Technical and Vocational Training Organization, University Jihad,
…) runs a course for the center's people and sends back one sheet: national code,
result (passed or failed), and perhaps a score and an attendance percent. Importing
it works like the applicant import (desktop/services/applicant_io.py), whose reading,
report and limits it reuses: every row is checked and explained, `dry_run` writes
nothing, and the accepted rows are written together or not at all. Decisions:

- Columns (header names in any order, English keys or Persian headers, see
  desktop/strings/partner_results.py): national_code and result are required; score
  and attendance_percent are optional. Digits may be Persian or ASCII; a result is
  passed/failed or its Persian word (قبول/مردود…); a percent may carry `%` or `٪` and
  is rounded down, as the course page shows percentages.
- The course must be one a partner body runs (its form names the body), have
  started, and not be cancelled. Who may import: whoever may run the course (an
  admin, or its trainer), as for editing it.
- Each national code must be an applicant of this center whose file is not deleted;
  any other row is rejected with the reason. A code twice in the sheet: the later
  row is rejected, naming the earlier.
- People not in the course are enrolled; someone waiting or withdrawn is seated. The
  sheet says who took the course, so nobody goes on a waiting list: the course's
  capacity grows to fit them (up to the form's largest capacity; rows past it are
  rejected).
- Results are judged by the course's usual rules (course_results.evaluate), with the
  sheet's attendance percent in place of the center's marks: a row that says passed
  while its percent is below the course's minimum, or its score is missing or below
  the passing score of an assessed course, is rejected naming why; failed is
  recorded as failed. A sheet without a score column leaves stored scores as they are.
- A person holding a valid certificate of the course keeps their result: a row that
  would change it is rejected (revoke the certificate first); the same result again
  is accepted and changes nothing. So a sheet imported twice changes nothing the
  second time.
- Importing finishes the course (through «running» if it was only planned or open)
  and settles everyone in it under the usual rules, so certificates can be issued at
  once; seated people the sheet does not name are settled by the center's own marks.
  A sheet none of whose rows is accepted (another course's, a damaged file) changes
  nothing: finishing on it would settle everyone by the center's marks alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import IntegrityError

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    Course,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    db,
    writes,
)
from desktop.services import course_changes
from desktop.services.applicant_columns import (
    MissingColumns,
    ProgressCallback,
    fold_name,
    map_headers,
)
from desktop.services.applicant_files import Table, is_empty
from desktop.services.applicant_import import OK, REJECTED, ImportSummary, RowResult
from desktop.services.course_access import SEATED, fk, load_course, refuse_closed, runnable_course
from desktop.services.course_form import CAPACITY_RANGE
from desktop.services.course_results import (
    NO_RESULTS,
    REPORTED_FAILED,
    REPORTED_PASSED,
    evaluate,
    parse_score,
    settle,
)
from desktop.services.enrollment import fill_seats
from desktop.services.enrollment_rows import certified, seated_query
from desktop.services.identity import clean_national_code
from desktop.services.session import Session
from desktop.services.spreadsheet import unquoted
from desktop.strings.applicant_io import ApplicantIo
from desktop.strings.courses import Enrollments as EnrollmentMessages
from desktop.strings.partner_results import (
    RESULT_HEADER_ALIASES,
    RESULT_HEADERS,
    RESULT_WORDS,
)
from desktop.strings.partner_results import PartnerResults as Messages
from desktop.text.digits import format_number
from desktop.text.normalize import normalize_digits, normalize_text

REQUIRED_RESULT_FIELDS = ("national_code", "result")
OPTIONAL_RESULT_FIELDS = ("score", "attendance_percent")
RESULT_FIELDS = REQUIRED_RESULT_FIELDS + OPTIONAL_RESULT_FIELDS
RESULTS = (REPORTED_PASSED, REPORTED_FAILED)

_PROGRESS_EVERY = 200
_LOOKUP_CHUNK = 500  # national codes per query (SQLite's variable limit)
_PERCENT = re.compile(r"^[0-9]{1,3}(\.[0-9]+)?$")
_WORDS = {fold_name(word): key for key, words in RESULT_WORDS.items() for word in words}
_WORDS.update({fold_name(key): key for key in RESULTS})


@dataclass(frozen=True)
class ResultsSummary(ImportSummary):
    """An import of a results sheet: `created` counts the people whose result was
    written (new or changed), `enrolled` those of them seated by it, `finished`
    whether it finished the course."""

    enrolled: int = 0
    finished: bool = False
    course_code: str = ""


def guess_columns(headers: Sequence[str]) -> dict[str, int]:
    """Field → column index, from English keys or Persian headers."""
    return map_headers(headers, RESULT_FIELDS, RESULT_HEADERS, RESULT_HEADER_ALIASES)


def missing_columns(mapping: dict[str, int]) -> list[str]:
    return [name for name in REQUIRED_RESULT_FIELDS if name not in mapping]


def import_results(
    session: Session,
    course_id: str,
    table: Table,
    mapping: dict[str, int],
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> ResultsSummary:
    """Check every row of the sheet, then write the accepted ones and settle the
    course, in one transaction (see the module docstring).

    Raises MissingColumns when national_code or result is not mapped, and UserError
    when the course refuses a sheet (no partner body, not started, cancelled, not
    this person's to run). Cancellation (a progress callback raising Cancelled) is
    honoured until the write starts.
    """
    course = runnable_course(session, course_id)
    _refuse_course(course)
    missing = missing_columns(mapping)
    if missing:
        raise MissingColumns(missing, RESULT_HEADERS)
    if dry_run:
        results, _, _ = _check(session, course, table, mapping, progress)
        return _summary(course, results, [], finished=False)
    try:
        with db.atomic():
            course = load_course(course_id)
            _refuse_course(course)
            results, accepted, seats = _check(session, course, table, mapping, progress)
            if not accepted:  # a sheet none of whose rows holds says nothing of the course
                return _summary(course, results, [], finished=False)
            written = _write(session, course, accepted, seats)
            finished = _finish(session, course)
    except IntegrityError as error:
        # Someone enrolled one of these people between the check and the write.
        raise UserError(Messages.WRITE_CONFLICT, code="conflict") from error
    return _summary(course, results, written, finished=finished)


def _refuse_course(course: Course) -> None:
    if fk(course, "partner") is None:
        raise UserError(Messages.NO_PARTNER, code="no_partner")
    refuse_closed(course, NO_RESULTS)
    if course.starts_on > dt.date.today():
        raise UserError(Messages.NOT_STARTED, code="not_started")


def _summary(
    course: Course, results: list[RowResult], written: list[_Accepted], *, finished: bool
) -> ResultsSummary:
    return ResultsSummary(
        created=len(written),
        rejected=len({result.row for result in results if result.status == REJECTED}),
        results=results,
        enrolled=sum(1 for item in written if item.seat),
        finished=finished,
        course_code=course.code,
    )


# -- checking --------------------------------------------------------------------------


@dataclass
class _Row:
    """One data row read: its cells as values, and its problems as (field, message)."""

    code: str | None = None
    typed_code: str = ""
    result: str | None = None
    score: float | None = None
    percent: int | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Accepted:
    """What an accepted row writes: the person, their row in the course (None: to
    enroll), the values, and whether it takes a seat or changes anything."""

    applicant: Applicant
    enrollment: Enrollment | None
    values: dict[str, Any]
    seat: bool
    changed: bool


def _check(
    session: Session,
    course: Course,
    table: Table,
    mapping: dict[str, int],
    progress: ProgressCallback | None,
) -> tuple[list[RowResult], list[_Accepted], int]:
    """(a result per accepted row and per problem of a rejected one, in sheet order;
    the accepted rows; the seats the course needs after them)."""
    total = len(table.rows)
    rows: list[_Row] = []
    for index, cells in enumerate(table.rows):
        if progress is not None and index % _PROGRESS_EVERY == 0:
            progress(index, total)
        rows.append(_read_row(cells, mapping))
    people = _applicants(session.center_code, [row.code for row in rows if row.code])
    held = _enrollments(course, [person.id for person in people.values()])
    locked = certified(row.id for row in held.values())
    seats = int(seated_query(course).count())
    results: list[RowResult] = []
    accepted: list[_Accepted] = []
    first_line_of: dict[str, int] = {}
    for index, row in enumerate(rows):
        line = table.first_line + index
        person = people.get(row.code or "")
        item = None
        if not row.problems:
            item = _judge(course, row, person, held, locked, "score" in mapping, first_line_of)
        if item is not None and item.seat and seats >= CAPACITY_RANGE[1]:
            limit = format_number(CAPACITY_RANGE[1])
            row.problems.append(("", Messages.COURSE_FULL.format(limit=limit)))
        who = (person.full_name if person else "", row.code or row.typed_code)
        if row.problems or item is None:
            results += [RowResult(line, REJECTED, f, m, *who) for f, m in row.problems]
            continue
        assert person is not None and row.code is not None
        first_line_of[row.code] = line
        seats += item.seat
        accepted.append(item)
        results.append(RowResult(line, OK, "", _note(item), *who, person.file_number))
    if progress is not None:
        progress(total, total)
    return results, accepted, seats


def _read_row(cells: Sequence[str], mapping: dict[str, int]) -> _Row:
    """The row's cells as values, each field's problem noted (duplicates aside)."""
    if is_empty(cells):
        return _Row(problems=[("", ApplicantIo.EMPTY_ROW)])

    def cell(name: str) -> str:
        index = mapping.get(name)
        return unquoted(cells[index]) if index is not None and index < len(cells) else ""

    row = _Row(typed_code=normalize_digits(normalize_text(cell("national_code"))))
    try:
        row.code = clean_national_code(cell("national_code"))
    except ValidationError as error:
        row.problems += error.errors.items()
    row.result = _result(cell("result"), row.problems)
    try:
        row.score = parse_score(cell("score"))
    except ValidationError as error:
        row.problems += error.errors.items()
    row.percent = _percent(cell("attendance_percent"), row.problems)
    return row


def _result(text: str, problems: list[tuple[str, str]]) -> str | None:
    value = normalize_text(text)
    if not value:
        problems.append(("result", Messages.RESULT_REQUIRED))
        return None
    result = _WORDS.get(fold_name(value))
    if result is None:
        problems.append(("result", Messages.RESULT_UNKNOWN.format(text=value)))
    return result


def _percent(text: str, problems: list[tuple[str, str]]) -> int | None:
    """«۸۵», «85%», «۸۷٫۵٪» → 85, 85, 87; empty → None (not given)."""
    value = normalize_digits(normalize_text(text)).replace(" ", "").rstrip("%٪")
    if not value:
        return None
    value = re.sub("[٫/,،]", ".", value)
    if not _PERCENT.match(value) or float(value) > 100:
        problems.append(("attendance_percent", Messages.ATTENDANCE_FORMAT))
        return None
    return int(float(value))


def _judge(
    course: Course,
    row: _Row,
    person: Applicant | None,
    held: dict[str, Enrollment],
    locked: set[str],
    has_scores: bool,
    first_line_of: dict[str, int],
) -> _Accepted | None:
    """What the row would write, or None with its problem added: a person of this
    center, once in the sheet, whose result the course's rules allow and who holds
    no certificate it would change."""
    assert row.code is not None and row.result is not None
    if person is None:
        row.problems.append(("national_code", Messages.NOT_AN_APPLICANT.format(code=row.code)))
        return None
    if person.deleted:
        message = Messages.DELETED_APPLICANT.format(file_number=person.file_number)
        row.problems.append(("national_code", message))
        return None
    if row.code in first_line_of:
        earlier = format_number(first_line_of[row.code])
        row.problems.append(("national_code", ApplicantIo.DUPLICATE_IN_FILE.format(line=earlier)))
        return None
    current = held.get(str(person.id))
    score = row.score if has_scores else (current.score if current else None)
    completion = evaluate(
        present=0,
        excused=0,
        counted=0,
        min_percent=course.min_attendance_percent,
        passing_score=course.passing_score,
        score=score,
        reported_result=row.result,
        reported_attendance=row.percent,
    )
    if row.result == REPORTED_PASSED and not completion.completed:
        reasons = " ".join(completion.reasons)
        row.problems.append(("result", Messages.PASSED_AGAINST_RULES.format(reasons=reasons)))
        return None
    values = {"score": score, "reported_result": row.result, "reported_attendance": row.percent}
    seat = current is None or current.status not in SEATED
    changed = seat or any(getattr(current, name) != value for name, value in values.items())
    if changed and current is not None and str(current.id) in locked:
        message = EnrollmentMessages.CERTIFIED.format(name=person.full_name)
        row.problems.append(("national_code", message))
        return None
    return _Accepted(person, current, values, seat, changed)


def _note(item: _Accepted) -> str:
    """What an accepted row does, in a few words."""
    result = (
        Messages.WILL_PASS
        if item.values["reported_result"] == REPORTED_PASSED
        else Messages.WILL_FAIL
    )
    if item.seat:
        return Messages.NEWLY_ENROLLED.format(result=result)
    return result if item.changed else Messages.UNCHANGED.format(result=result)


def _applicants(center_code: str, codes: Sequence[str]) -> dict[str, Applicant]:
    """National code → the center's applicant of that code (deleted files too: the
    code is unique per center); a query per chunk of codes."""
    unique = sorted(set(codes))
    found: dict[str, Applicant] = {}
    for start in range(0, len(unique), _LOOKUP_CHUNK):
        query = Applicant.select().where(
            (Applicant.center_code == center_code)
            & Applicant.national_code.in_(unique[start : start + _LOOKUP_CHUNK])
        )
        found.update({person.national_code: person for person in query})
    return found


def _enrollments(course: Course, applicant_ids: Sequence[Any]) -> dict[str, Enrollment]:
    """Applicant id → their row in the course."""
    found: dict[str, Enrollment] = {}
    for start in range(0, len(applicant_ids), _LOOKUP_CHUNK):
        chunk = list(applicant_ids[start : start + _LOOKUP_CHUNK])
        for row in Enrollment.select().where(
            (Enrollment.course == course.id) & Enrollment.applicant.in_(chunk)
        ):
            found[str(fk(row, "applicant"))] = row
    return found


# -- writing ---------------------------------------------------------------------------


def _write(
    session: Session, course: Course, accepted: list[_Accepted], seats: int
) -> list[_Accepted]:
    """Seat and record the accepted rows that change anything, and grow the capacity
    to the seats taken; the rows written. Inside the caller's transaction."""
    written = [item for item in accepted if item.changed]
    on = min(course.starts_on, dt.date.today())
    for item in written:
        row = item.enrollment
        if row is None:
            row = Enrollment(
                course=course.id,
                applicant=item.applicant.id,
                status=EnrollmentStatus.ENROLLED.value,
                enrolled_on=on,
                **item.values,
            )
            writes.insert(row, session)
            continue
        if item.seat:
            row.status = EnrollmentStatus.ENROLLED.value
            row.waitlist_position = None
            row.withdrawn_on = None
            row.withdrawn_reason = ""
        for name, value in item.values.items():
            setattr(row, name, value)
        writes.update(row, session)
    if seats > course.capacity:
        course.capacity = seats
        writes.update(course, session)
    return written


def _finish(session: Session, course: Course) -> bool:
    """Finish the course, or settle it again if it had finished; whether this
    finished it. Inside the caller's transaction."""
    if course.status == CourseStatus.FINISHED.value:
        settle(session, course)
        fill_seats(session, course)
        return False
    if course.status != CourseStatus.RUNNING.value:
        course_changes.set_course_status(session, str(course.id), CourseStatus.RUNNING.value)
    course_changes.set_course_status(session, str(course.id), CourseStatus.FINISHED.value)
    fill_seats(session, load_course(str(course.id)))  # the waiting list, numbered again
    return True


__all__ = [
    "OPTIONAL_RESULT_FIELDS",
    "REQUIRED_RESULT_FIELDS",
    "RESULTS",
    "RESULT_FIELDS",
    "MissingColumns",
    "ResultsSummary",
    "guess_columns",
    "import_results",
    "missing_columns",
]
