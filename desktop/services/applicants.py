"""The applicant registry: register, validate, find, edit, change status, soft-delete.

Input comes as an `ApplicantInput` of what was typed (strings, as a form or a CSV row
gives them); `validate` returns the clean values or every field error at once, and
nothing is written until all pass. Every write is one transaction with its change-log
entries. Reading needs the clerk, trainer or admin role; writing the clerk or admin
role; deleting the admin role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from uuid6 import uuid7

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    ApplicantIndex,
    Category,
    ChangeLog,
    District,
    Gender,
    Role,
    Status,
    StatusChange,
    db,
    writes,
)
from desktop.models.applicant import category_flags
from desktop.models.base import tuples
from desktop.models.db import execute_many
from desktop.services.identity import clean_mobile, clean_national_code, clean_phone
from desktop.services.records import audit_read, live, user_names
from desktop.services.session import Session
from desktop.services.validation import Collector, check_length, person_name_problem
from desktop.strings import (
    CATEGORY_NAMES,
    EDUCATION_NAMES,
    GENDER_NAMES,
    MARITAL_NAMES,
)
from desktop.strings import (
    Applicants as Messages,
)
from desktop.sync.apply import LocalColumns
from desktop.sync.envelope import SyncFileError
from desktop.text.collation import primary_key
from desktop.text.digits import persian_digits
from desktop.text.jalali import JalaliDateError, format_jalali, parse_jalali
from desktop.text.normalize import normalize_digits, normalize_line, normalize_text, search_key

READERS = (Role.ADMIN, Role.CLERK, Role.TRAINER, Role.HQ_ADMIN, Role.HQ_ANALYST)
WRITERS = (Role.ADMIN, Role.CLERK)
OLDEST_AGE, YOUNGEST_AGE = 100, 15

# A gender as typed: its key or its Persian name.
_GENDER_WORDS = {word: key for key, name in GENDER_NAMES.items() for word in (key, name)}


class DuplicateApplicant(UserError):
    """The national code is already registered here; `existing_id` opens that file."""

    def __init__(self, message: str, existing_id: str):
        super().__init__(message, code="duplicate", field="national_code")
        self.existing_id = existing_id


class NearDuplicate(UserError):
    """Same name, father's name and birth date as existing files: confirm to save."""

    def __init__(self, message: str, matches: list[ApplicantSummary]):
        super().__init__(message, code="near_duplicate")
        self.matches = matches


@dataclass
class ApplicantInput:
    """What a form or an import row gives: text as typed; lists for multi-choices."""

    first_name: str = ""
    last_name: str = ""
    father_name: str = ""
    national_code: str = ""
    gender: str = ""
    birth_date: str | dt.date | None = ""
    mobile: str = ""
    phone: str = ""
    address: str = ""
    district: str | int | None = ""
    education_level: str = ""
    education_field: str = ""
    marital_status: str = ""
    categories: list[str] = field(default_factory=list)
    skills: list[str] | str = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class ApplicantSummary:
    id: str
    file_number: str
    national_code: str
    first_name: str
    last_name: str
    father_name: str
    mobile: str
    district: int | None
    status: str
    birth_date: dt.date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class ApplicantRecord(ApplicantSummary):
    gender: str = ""
    phone: str = ""
    address: str = ""
    education_level: str = ""
    education_field: str = ""
    marital_status: str = ""
    categories: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    notes: str = ""
    registered_on: dt.date | None = None
    status_changed_on: dt.date | None = None
    deleted: bool = False
    deleted_reason: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class StatusEntry:
    status: str
    changed_on: dt.date
    changed_by: str
    note: str


@dataclass(frozen=True)
class ChangeEntry:
    """One line of an applicant's history: who changed the file, when."""

    at: dt.datetime
    by: str
    operation: str
    fields: tuple[str, ...]


# -- validation (pure, apart from the district list) ----------------------------------


def validate(data: ApplicantInput, *, districts: Iterable[int] | None = None) -> dict[str, Any]:
    """Clean values for an Applicant row, or ValidationError with every field's message."""
    errors = Collector()
    clean: dict[str, Any] = {}
    for name in ("first_name", "last_name"):
        clean[name] = _clean_name(getattr(data, name), errors, name, required=True)
    clean["father_name"] = _clean_name(data.father_name, errors, "father_name", required=True)
    clean["national_code"] = _cleaned(clean_national_code, data.national_code, errors)
    gender = _GENDER_WORDS.get(normalize_text(data.gender).lower())
    if gender is None:
        errors.add("gender", Messages.GENDER_REQUIRED)
    clean["gender"] = gender
    clean["birth_date"] = _clean_birth_date(data.birth_date, errors)
    clean["mobile"] = _cleaned(clean_mobile, data.mobile, errors)
    clean["phone"] = _cleaned(clean_phone, data.phone, errors)
    clean["address"] = normalize_text(data.address)
    clean["district"] = _clean_district(data.district, errors, districts)
    for name, choices in (("education_level", EDUCATION_NAMES), ("marital_status", MARITAL_NAMES)):
        value = normalize_text(getattr(data, name))
        if value and value not in choices:
            errors.add(name, Messages.CHOICE_UNKNOWN)
        clean[name] = value
    clean["education_field"] = normalize_line(data.education_field)
    categories = _clean_categories(data.categories, errors)
    clean["categories"] = ";".join(category.value for category in categories)
    clean["category_flags"] = category_flags(categories)
    skills = data.skills.split(";") if isinstance(data.skills, str) else data.skills
    unique_skills = dict.fromkeys(s for s in (normalize_line(x) for x in skills) if s)
    clean["skills"] = ";".join(unique_skills)
    clean["notes"] = normalize_text(data.notes)
    for name in ("first_name", "last_name", "father_name", "education_field"):
        check_length(clean[name], errors, name, getattr(Applicant, name))
    errors.raise_if_any()
    return clean


def _cleaned(clean: Callable[[str], str], text: str, errors: Collector) -> str | None:
    """`clean(text)`, or None with its field's message in `errors`."""
    try:
        return clean(text)
    except ValidationError as error:
        errors.update(error.errors)
        return None


def _clean_name(value: str, errors: Collector, name: str, *, required: bool) -> str:
    text = normalize_line(value)
    if not text:
        if required:
            errors.add(name, Messages.REQUIRED)
        return text
    if any(char.isdigit() for char in normalize_digits(text)):
        errors.add(name, Messages.NAME_LETTERS)
    if problem := person_name_problem(text):  # «=HYPERLINK(…)», «-», «a»
        errors.add(name, problem)
    return text


def _clean_birth_date(value: str | dt.date | None, errors: Collector) -> dt.date | None:
    if isinstance(value, dt.date):
        born = value
    elif not value or not normalize_text(value):
        errors.add("birth_date", Messages.REQUIRED)
        return None
    else:
        try:
            born = parse_jalali(value)
        except JalaliDateError as error:
            errors.add("birth_date", str(error))
            return None
    today = dt.date.today()
    earliest = _years_before(today, OLDEST_AGE)
    latest = _years_before(today, YOUNGEST_AGE)
    if not earliest <= born <= latest:
        errors.add(
            "birth_date",
            Messages.BIRTH_DATE_RANGE.format(
                earliest=format_jalali(earliest), latest=format_jalali(latest)
            ),
        )
    return born


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _clean_district(
    value: str | int | None, errors: Collector, districts: Iterable[int] | None
) -> int | None:
    text = normalize_digits(normalize_text(str(value) if value is not None else ""))
    if not text:
        errors.add("district", Messages.REQUIRED)
        return None
    known = sorted(districts) if districts is not None else _district_numbers()
    # ASCII digits only: "²" is a digit to isdigit() but not to int() (a file's cell).
    if not (text.isascii() and text.isdigit()) or int(text) not in known:
        first, last = (known[0], known[-1]) if known else (1, 1)
        errors.add(
            "district",
            Messages.DISTRICT_UNKNOWN.format(
                first=persian_digits(first), last=persian_digits(last)
            ),
        )
        return None
    return int(text)


def _clean_categories(values: Iterable[str], errors: Collector) -> list[Category]:
    found: list[Category] = []
    for raw in values:
        key = normalize_text(raw).lower()
        if not key:
            continue
        try:
            category = Category(key)
        except ValueError:
            errors.add("categories", Messages.CATEGORY_UNKNOWN.format(key=raw))
            continue
        if category not in found:
            found.append(category)
    if not found:
        errors.add("categories", Messages.CATEGORY_REQUIRED)
    return found


# The queries every registration runs, written out: peewee building them took a third
# of a registration's time at 1M applicants (the write path's inserts are written out
# once per model for the same reason). Plain SQL, the same on both backends.


def _district_numbers() -> list[int]:
    p = db.obj.param
    sql = f'SELECT "number" FROM "district" WHERE "deleted" = {p} ORDER BY "number"'
    return [int(number) for (number,) in db.execute_sql(sql, (False,)).fetchall()]


def districts(session: Session) -> list[tuple[int, str]]:
    """(number, name) of the city's districts, for choices."""
    session.require(*READERS, Role.SHOP)
    return [
        (int(number), str(name))
        for number, name in tuples(
            District.select(District.number, District.name)
            .where(District.deleted == False)  # noqa: E712
            .order_by(District.number)
        )
    ]


# -- derived search columns ----------------------------------------------------------


def name_keys(first_name: str, last_name: str, father_name: str) -> str:
    """Each name in search form without spaces or ZWNJ; names joined by one space."""
    return " ".join((_name_key(first_name), _name_key(last_name), _name_key(father_name)))


def sort_name(first_name: str, last_name: str) -> str:
    """Persian primary weights of 'last first': a binary index sorts alphabetically.
    (Weights are per character, so the parts are weighed separately and cached.)"""
    return _weights(last_name) + _SPACE_WEIGHT + _weights(first_name)


# Names repeat — a city has a few thousand distinct first and last names — so the bulk
# paths weigh each distinct name once.
@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    return search_key(name).replace(" ", "")


_weights = lru_cache(maxsize=1 << 16)(primary_key)
_SPACE_WEIGHT = primary_key(" ")


# -- writes --------------------------------------------------------------------------


def register(
    session: Session, data: ApplicantInput, *, confirm_near_duplicate: bool = False
) -> ApplicantRecord:
    """Validate and create one applicant with a new file number, in one transaction.

    Raises ValidationError (field messages), DuplicateApplicant (same national code
    here) or NearDuplicate (same name, father's name and birth date; call again with
    confirm_near_duplicate=True once the clerk has seen the matches).
    """
    session.require(*WRITERS)
    clean = validate(data)
    with db.atomic():
        _refuse_duplicate(session, clean["national_code"])
        if not confirm_near_duplicate:
            matches = near_duplicates(
                session, clean["first_name"], clean["last_name"], clean["father_name"],
                clean["birth_date"],
            )  # fmt: skip
            if matches:
                files = Messages.LIST_SEPARATOR.join(match.file_number for match in matches)
                raise NearDuplicate(Messages.NEAR_DUPLICATE.format(files=files), matches)
        applicant = _create(session, clean)
    return _record(applicant)


def _create(session: Session, clean: dict[str, Any], on: dt.date | None = None) -> Applicant:
    """Insert (inside the caller's transaction) with its status entry and change log."""
    today = on or dt.date.today()
    number = next_number(session.center_code)
    applicant = Applicant(
        center_code=session.center_code,
        number=number,
        file_number=file_number(session.center_code, number),
        registered_on=today,
        registered_by=session.user_id,
        status=Status.REGISTERED.value,
        status_changed_on=today,
        sort_name=sort_name(clean["first_name"], clean["last_name"]),
        name_keys=name_keys(clean["first_name"], clean["last_name"], clean["father_name"]),
        **clean,
    )
    ApplicantIndex.place(applicant)
    writes.insert(applicant, session)
    ApplicantIndex.add(applicant)
    writes.insert(
        StatusChange(
            applicant=applicant.id,
            status=Status.REGISTERED.value,
            changed_on=today,
            changed_by=session.user_id,
        ),
        session,
    )
    return applicant


def bulk_create(
    session: Session,
    cleans: Sequence[dict[str, Any]],
    *,
    registered_on: Sequence[dt.date] | None = None,
    statuses: Sequence[tuple[str, dt.date]] | None = None,
    log_changes: bool = True,
) -> list[str]:
    """Create many validated applicants (dicts from `validate`) inside the caller's
    transaction, at executemany speed: the import and demo paths.

    The rows are exactly what `register` would write — file numbers, status entries,
    the search index — without per-row queries, through the one write path
    (`writes.insert_many`: the applicants logged in order, then their status entries;
    with `log_changes` False nothing is logged — demo data for training, which never
    travels to HQ). `statuses` gives each person's current status and its date (demo
    people with a history) instead of «registered» on the registration date.
    Duplicates must have been refused by the caller (the unique index refuses any that
    slip through).
    """
    session.require(*WRITERS)
    if not cleans:
        return []
    number = next_number(session.center_code)
    indexed = ApplicantIndex.available()
    fts_rowid = ApplicantIndex.next_rowid() - 1 if indexed else 0
    today = dt.date.today()  # the local date, as register() writes
    applicants: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for index, clean in enumerate(cleans):
        on = registered_on[index] if registered_on is not None else today
        status, changed_on = statuses[index] if statuses else (Status.REGISTERED.value, on)
        fts_rowid += 1
        applicant = {
            **clean,
            "id": uuid7(),
            "number": number + index,
            "file_number": file_number(session.center_code, number + index),
            "registered_on": on,
            "registered_by": session.user_id,
            "status": status,
            "status_changed_on": changed_on,
            "sort_name": sort_name(clean["first_name"], clean["last_name"]),
            "name_keys": name_keys(clean["first_name"], clean["last_name"], clean["father_name"]),
            "search_rowid": fts_rowid if indexed else None,
        }
        applicants.append(applicant)
        entries.append(
            {
                "id": uuid7(),
                "applicant": applicant["id"],
                "status": Status.REGISTERED.value,
                "changed_on": on,
                "changed_by": session.user_id,
            }
        )
    writes.insert_many(Applicant, applicants, session, log=log_changes)
    writes.insert_many(StatusChange, entries, session, log=log_changes)
    if indexed:
        execute_many(
            ApplicantIndex.insert_sql(),
            [(a["search_rowid"], *ApplicantIndex.values(a)) for a in applicants],
        )
    return [str(applicant["id"]) for applicant in applicants]


def search_keys_of(row: dict[str, Any]) -> dict[str, str]:
    """The search keys (local-only: they never travel) of an applicant row that came
    from elsewhere (HQ's import of a sync file), made from its names. Names that are
    not text (a signed file from software that wrote something else) refuse the file
    as a damaged payload, before the database is asked to store them."""
    first, last, father = row["first_name"], row["last_name"], row["father_name"]
    if not all(isinstance(name, str) for name in (first, last, father)):
        raise SyncFileError("damaged_payload", "an applicant's names are not text")
    return {"sort_name": sort_name(first, last), "name_keys": name_keys(first, last, father)}


# How the rows of another database (HQ's import of a sync file; a center taking its own
# rows back from HQ) get an applicant's local-only search keys.
SEARCH_KEYS = LocalColumns(("first_name", "last_name", "father_name"), search_keys_of)


def next_number(center_code: str) -> int:
    sql = f'SELECT MAX("number") FROM "applicant" WHERE "center_code" = {db.obj.param}'
    value = db.execute_sql(sql, (center_code,)).fetchone()[0]
    return int(value or 0) + 1


def file_number(center_code: str, number: int) -> str:
    """'TEH05-000123': the center's code and its own running number."""
    return f"{center_code}-{number:06d}"


def _refuse_duplicate(session: Session, national_code: str, exclude_id: str | None = None) -> None:
    p = db.obj.param
    sql = (
        'SELECT "id", "deleted", "file_number", "first_name", "last_name" FROM "applicant" '
        f'WHERE "center_code" = {p} AND "national_code" = {p}'
    )
    params: list[Any] = [session.center_code, national_code]
    if exclude_id is not None:
        sql += f' AND "id" <> {p}'
        params.append(Applicant.id.db_value(exclude_id))
    existing = next(iter(Applicant.raw(sql + " LIMIT 1", *params)), None)
    if existing is None:
        return
    template = Messages.DUPLICATE_DELETED if existing.deleted else Messages.DUPLICATE
    message = template.format(file_number=existing.file_number, name=existing.full_name)
    raise DuplicateApplicant(message, str(existing.id))


def near_duplicates(
    session: Session,
    first_name: str,
    last_name: str,
    father_name: str,
    birth_date: dt.date | None,
    exclude_id: str | None = None,
) -> list[ApplicantSummary]:
    """Files with the same names (as search compares them) and birth date."""
    session.require(*READERS)
    keys = name_keys(first_name, last_name, father_name)
    p = db.obj.param
    columns = ", ".join(f'"{field.column_name}"' for field in SUMMARY_FIELDS)
    # `<>`: an equality on the all-but-constant flag makes SQLite walk its index.
    sql = (
        f'SELECT {columns} FROM "applicant" WHERE "name_keys" = {p} '
        f'AND "birth_date" {"IS NULL" if birth_date is None else "= " + p} AND "deleted" <> {p}'
    )
    params: list[Any] = [keys, *([] if birth_date is None else [birth_date]), True]
    if exclude_id is not None:
        sql += f' AND "id" <> {p}'
        params.append(Applicant.id.db_value(exclude_id))
    return [_summary(applicant) for applicant in Applicant.raw(sql + " LIMIT 10", *params)]


def update(
    session: Session,
    applicant_id: str,
    data: ApplicantInput,
    *,
    confirm_near_duplicate: bool = False,
) -> ApplicantRecord:
    """Save an edited file; the change log records who changed what and when.

    An edit that makes the names and birth date those of another file raises
    NearDuplicate, as registering would (call again with confirm_near_duplicate)."""
    session.require(*WRITERS)
    clean = validate(data)
    with db.atomic():
        applicant = live(Applicant, applicant_id, Messages.NOT_FOUND)
        _refuse_duplicate(session, clean["national_code"], exclude_id=str(applicant.id))
        clean["sort_name"] = sort_name(clean["first_name"], clean["last_name"])
        clean["name_keys"] = name_keys(
            clean["first_name"], clean["last_name"], clean["father_name"]
        )
        changed = {name for name, value in clean.items() if getattr(applicant, name) != value}
        if not changed:
            return _record(applicant)
        if not confirm_near_duplicate and changed & {"name_keys", "birth_date"}:
            matches = near_duplicates(
                session, clean["first_name"], clean["last_name"], clean["father_name"],
                clean["birth_date"], exclude_id=str(applicant.id),
            )  # fmt: skip
            if matches:
                files = Messages.LIST_SEPARATOR.join(match.file_number for match in matches)
                raise NearDuplicate(Messages.NEAR_DUPLICATE.format(files=files), matches)
        for name in changed:
            setattr(applicant, name, clean[name])
        writes.update(applicant, session)
        if changed & _INDEXED_FIELDS:
            ApplicantIndex.replace(applicant)
    return _record(applicant)


_INDEXED_FIELDS = {"name_keys", "sort_name", "district", "category_flags"}


def change_status(
    session: Session, applicant_id: str, status: str, *, on: dt.date | None = None, note: str = ""
) -> ApplicantRecord:
    """Move the applicant along the programme; each change is kept with its date.

    The date is the clerk's choice, so one before the last change is refused: the
    history must read in the order things happened."""
    session.require(*WRITERS)
    return move_status(session, applicant_id, status, on=on, note=note, refuse_earlier=True)


def move_status(
    session: Session,
    applicant_id: str,
    status: str,
    *,
    on: dt.date | None = None,
    note: str = "",
    refuse_earlier: bool = False,
) -> ApplicantRecord:
    """`change_status` without its role check, for services that have checked their own
    (a trainer's course moves its enrollees to "in training" and "trained"; a follow-up
    or an outcome moves its person along).

    Those steps carry the date of what caused them, which may be back-dated (an outcome
    entered weeks later): a date before the last change is moved up to it, so the
    history never reads out of order. With `refuse_earlier` such a date is refused."""
    new = Status(status)
    changed_on = on or dt.date.today()
    if changed_on > dt.date.today():
        raise UserError(Messages.DATE_IN_FUTURE, field="changed_on")
    with db.atomic():
        applicant = live(Applicant, applicant_id, Messages.NOT_FOUND)
        if applicant.status == new.value:
            raise UserError(Messages.STATUS_SAME, code="status_same", field="status")
        last = applicant.status_changed_on
        if last is not None and changed_on < last:
            if refuse_earlier:
                message = Messages.STATUS_BEFORE_LAST.format(date=format_jalali(last))
                raise UserError(message, code="status_before_last", field="changed_on")
            changed_on = last
        applicant.status = new.value
        applicant.status_changed_on = changed_on
        writes.update(applicant, session)
        ApplicantIndex.replace(applicant)
        writes.insert(
            StatusChange(
                applicant=applicant.id,
                status=new.value,
                changed_on=changed_on,
                changed_by=session.user_id,
                note=normalize_text(note),
            ),
            session,
        )
    return _record(applicant)


def delete(session: Session, applicant_id: str, reason: str) -> None:
    """Soft delete with a reason (admin only); the row and its history stay."""
    session.require(Role.ADMIN)
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": Messages.DELETE_REASON_REQUIRED})
    with db.atomic():
        applicant = live(Applicant, applicant_id, Messages.NOT_FOUND)
        applicant.deleted_reason = reason
        writes.delete(applicant, session)
        ApplicantIndex.replace(applicant)


# -- reads ---------------------------------------------------------------------------


def get(session: Session, applicant_id: str) -> ApplicantRecord:
    session.require(*READERS)
    return _record(live(Applicant, applicant_id, Messages.NOT_FOUND, include_deleted=True))


def open_file(session: Session, applicant_id: str) -> ApplicantRecord:
    """An applicant's file as a person opens it: `get`, and the read in the audit trail."""
    record = get(session, applicant_id)
    audit_read(session, "applicant.opened", record.file_number)
    return record


def find_by_national_code(session: Session, text: str) -> ApplicantRecord | None:
    session.require(*READERS)
    try:
        code = clean_national_code(text)
    except ValidationError:
        return None
    applicant = Applicant.get_or_none(
        (Applicant.center_code == session.center_code) & (Applicant.national_code == code)
    )
    return _record(applicant) if applicant else None


def status_history(session: Session, applicant_id: str) -> list[StatusEntry]:
    session.require(*READERS)
    names = user_names()
    return [
        StatusEntry(
            entry.status, entry.changed_on, names.get(entry.changed_by or "", ""), entry.note
        )
        for entry in StatusChange.select()
        .where(StatusChange.applicant == applicant_id)
        .order_by(StatusChange.changed_on, StatusChange.created_at)
    ]


def change_history(session: Session, applicant_id: str) -> list[ChangeEntry]:
    """Who created and edited the file, when, and which fields changed."""
    session.require(*READERS)
    names = user_names()
    entries: list[ChangeEntry] = []
    previous: dict[str, Any] | None = None
    skip = {"updated_at", "created_at"}
    for log in (
        ChangeLog.select()
        .where((ChangeLog.entity == "applicant") & (ChangeLog.entity_id == str(applicant_id)))
        .order_by(ChangeLog.seq)
    ):
        row = log.row
        fields = (
            tuple(sorted(k for k in row if k not in skip and row.get(k) != previous.get(k)))
            if previous is not None
            else ()
        )
        entries.append(
            ChangeEntry(log.changed_at, names.get(log.changed_by or "", ""), log.operation, fields)
        )
        previous = row
    return entries


NAME_FIELDS = (Applicant.first_name, Applicant.last_name)
SUMMARY_FIELDS = (  # what `_summary` reads
    Applicant.id, Applicant.file_number, Applicant.national_code, *NAME_FIELDS,
    Applicant.father_name, Applicant.mobile, Applicant.district, Applicant.status,
    Applicant.birth_date,
)  # fmt: skip


def _summary(applicant: Applicant) -> ApplicantSummary:
    return ApplicantSummary(
        id=str(applicant.id),
        file_number=applicant.file_number,
        national_code=applicant.national_code,
        first_name=applicant.first_name,
        last_name=applicant.last_name,
        father_name=applicant.father_name,
        mobile=applicant.mobile,
        district=applicant.district,
        status=applicant.status,
        birth_date=applicant.birth_date,
    )


def _record(applicant: Applicant) -> ApplicantRecord:
    summary = _summary(applicant)
    return ApplicantRecord(
        **summary.__dict__,
        gender=applicant.gender,
        phone=applicant.phone,
        address=applicant.address,
        education_level=applicant.education_level,
        education_field=applicant.education_field,
        marital_status=applicant.marital_status,
        categories=tuple(applicant.categories.split(";")) if applicant.categories else (),
        skills=tuple(applicant.skill_list),
        notes=applicant.notes,
        registered_on=applicant.registered_on,
        status_changed_on=applicant.status_changed_on,
        deleted=applicant.deleted,
        deleted_reason=applicant.deleted_reason,
        created_at=applicant.created_at,
        updated_at=applicant.updated_at,
    )


def to_input(record: ApplicantRecord) -> ApplicantInput:
    """An existing file as form input (for editing)."""
    return ApplicantInput(
        first_name=record.first_name,
        last_name=record.last_name,
        father_name=record.father_name,
        national_code=record.national_code,
        gender=record.gender,
        birth_date=record.birth_date,
        mobile=record.mobile,
        phone=record.phone,
        address=record.address,
        district=record.district,
        education_level=record.education_level,
        education_field=record.education_field,
        marital_status=record.marital_status,
        categories=list(record.categories),
        skills=list(record.skills),
        notes=record.notes,
    )


__all__ = [
    "CATEGORY_NAMES",
    "GENDER_NAMES",
    "ApplicantInput",
    "ApplicantRecord",
    "ApplicantSummary",
    "Category",
    "DuplicateApplicant",
    "Gender",
    "NearDuplicate",
    "Status",
]
