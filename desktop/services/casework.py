"""Casework on an applicant's file: follow-ups, ideas, outcomes, and linking people.

The programme follows a person from registration until they are empowered: the center
counsels them (follow-ups with a next appointment, listed when due), records their
business ideas, records the job or business they started (an outcome credited to a
partner body's employment commitment), and links idea holders with the capital holders
and skilled people who could make the idea work.

Input comes as typed (strings, Jalali dates, amounts with Persian digits); each write
validates every field first (ValidationError with a Persian message per field) and then
runs in one transaction with its change-log entries. Reading needs the admin, clerk or
trainer role; writing the admin or clerk role; verifying an outcome the admin role.
Status moves that casework implies (first counselling, an outcome) go through
`applicants.change_status`, so they are logged like any other status change.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache, reduce
from operator import or_
from typing import Any, TypeVar

from peewee import Case, Expression, fn

from desktop.errors import UserError
from desktop.models import (
    Applicant,
    Category,
    ChangeLog,
    FollowUp,
    FollowUpKind,
    Idea,
    IdeaStatus,
    Outcome,
    OutcomeKind,
    Partner,
    Role,
    Status,
    User,
    db,
)
from desktop.models.base import tuples
from desktop.models.reference_data import district_name
from desktop.services import applicants
from desktop.services.applicants import READERS, WRITERS, ApplicantSummary
from desktop.services.session import Session
from desktop.services.validation import Collector, clean_name
from desktop.strings import (
    FOLLOW_UP_KIND_NAMES,
    IDEA_STATUS_NAMES,
    OUTCOME_KIND_NAMES,
)
from desktop.strings.casework import STOP_WORDS, Casework, LinkReasons
from desktop.text.collation import primary_key
from desktop.text.jalali import JalaliDateError, parse_jalali
from desktop.text.money import parse_money
from desktop.text.normalize import normalize_digits, normalize_line, normalize_text, search_key

# Larger than any capital a center records (10^15 Rials), far below SQLite's int64.
MAX_CAPITAL_RIALS = 10**15

# An outcome moves the programme status to the one it means.
OUTCOME_STATUS = {
    OutcomeKind.WAGE_JOB: Status.EMPLOYED,
    OutcomeKind.SELF_EMPLOYMENT: Status.SELF_EMPLOYED,
    OutcomeKind.HOME_BUSINESS: Status.HOME_BUSINESS,
    OutcomeKind.COOPERATIVE: Status.SELF_EMPLOYED,
}


# -- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpRecord:
    id: str
    applicant_id: str
    file_number: str
    applicant_name: str
    mobile: str
    kind: str
    held_on: dt.date
    notes: str
    next_appointment: dt.date | None
    done: bool
    created_by_name: str


@dataclass(frozen=True)
class IdeaRecord:
    id: str
    applicant_id: str
    title: str
    field: str
    description: str
    capital_rials: int
    status: str


@dataclass(frozen=True)
class OutcomeRecord:
    id: str
    applicant_id: str
    kind: str
    started_on: dt.date
    employer: str
    partner_id: str | None
    partner_name: str
    verified: bool
    notes: str


@dataclass(frozen=True)
class LinkSuggestion:
    applicant: ApplicantSummary
    kind: str  # "investor" | "skilled" | "idea_holder"
    reasons: tuple[str, ...]
    score: int


# -- validation helpers (pure) ---------------------------------------------------------

_E = TypeVar("_E", bound=StrEnum)


def _clean_choice(
    value: str,
    choices: type[_E],
    names: dict[str, str],
    errors: Collector,
    field: str,
    message: str,
) -> _E | None:
    """A choice by its key or by its Persian name (as a CSV row may give it)."""
    text = normalize_text(str(value or ""))
    by_name = {normalize_text(name): key for key, name in names.items()}
    key = by_name.get(text, text.lower())
    try:
        return choices(key)
    except ValueError:
        errors.add(field, message)
        return None


def _clean_date(
    value: str | dt.date | None,
    errors: Collector,
    field: str,
    *,
    required: bool = True,
    not_future: bool = True,
) -> dt.date | None:
    if isinstance(value, dt.datetime):
        day: dt.date = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif not value or not normalize_text(value):
        if required:
            errors.add(field, Casework.REQUIRED)
        return None
    else:
        try:
            day = parse_jalali(value)
        except JalaliDateError as error:
            errors.add(field, str(error))
            return None
    if not_future and day > dt.date.today():
        errors.add(field, Casework.DATE_IN_FUTURE)
    return day


def _clean_capital(value: str | int | None, errors: Collector) -> int:
    """Rials from what was typed ('۱۲٬۵۰۰٬۰۰۰', '50 تومان') or an int; never negative."""
    if isinstance(value, bool):
        raise TypeError("capital is text as typed or an int number of Rials")
    if isinstance(value, int):
        amount = value
    else:
        text = normalize_digits(normalize_text(value or "")).strip()
        if not text:
            return 0
        if text.startswith(("-", "\u2212")) or text.endswith(("-", "\u2212")):
            errors.add("capital", Casework.CAPITAL_NEGATIVE)
            return 0
        try:
            amount = parse_money(text)
        except ValueError as error:
            errors.add("capital", str(error))
            return 0
    if amount < 0:
        errors.add("capital", Casework.CAPITAL_NEGATIVE)
    elif amount > MAX_CAPITAL_RIALS:
        errors.add("capital", Casework.CAPITAL_TOO_LARGE)
    return amount


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


def _fk(instance: Any, name: str) -> Any:
    """The raw value of a foreign key (peewee's `<name>_id` is invisible to mypy)."""
    return instance.__data__.get(name)


def _applicant(applicant_id: str) -> Applicant:
    key = _uuid(applicant_id)
    applicant = Applicant.get_or_none(Applicant.id == key) if key else None
    if applicant is None or applicant.deleted:
        raise UserError(Casework.APPLICANT_NOT_FOUND, code="not_found")
    return applicant


def _user_names() -> dict[str, str]:
    return {str(uid): str(name) for uid, name in tuples(User.select(User.id, User.display_name))}


# -- follow-ups --------------------------------------------------------------------------


def add_follow_up(
    session: Session,
    applicant_id: str,
    *,
    kind: str,
    held_on: str | dt.date,
    notes: str = "",
    next_appointment: str | dt.date | None = None,
) -> FollowUpRecord:
    """Record a counselling note; it answers (closes) the appointments it kept.

    Earlier open follow-ups of the person whose next appointment fell on or before this
    one's date are closed. A first counselling moves a `registered` person to
    `counselling`, in the same transaction.
    """
    session.require(*WRITERS)
    errors = Collector()
    clean_kind = _clean_choice(
        kind, FollowUpKind, FOLLOW_UP_KIND_NAMES, errors, "kind", Casework.FOLLOW_UP_KIND_UNKNOWN
    )
    held = _clean_date(held_on, errors, "held_on")
    following = _clean_date(
        next_appointment, errors, "next_appointment", required=False, not_future=False
    )
    if held is not None and following is not None and following <= held:
        errors.add("next_appointment", Casework.NEXT_BEFORE_HELD)
    errors.raise_if_any()
    assert clean_kind is not None and held is not None
    with db.atomic():
        applicant = _applicant(applicant_id)
        answered = FollowUp.select().where(
            (FollowUp.applicant == applicant.id)
            & (FollowUp.done == False)  # noqa: E712
            & (FollowUp.deleted != True)  # noqa: E712
            & (FollowUp.next_appointment <= held)
        )
        for earlier in answered:
            earlier.done = True
            earlier.save()
            ChangeLog.record(earlier, "update", session.user_id)
        follow_up = FollowUp.create(
            center_code=session.center_code,
            applicant=applicant.id,
            kind=clean_kind.value,
            held_on=held,
            notes=normalize_text(notes),
            next_appointment=following,
            created_by=session.user_id,
        )
        ChangeLog.record(follow_up, "create", session.user_id)
        if clean_kind is FollowUpKind.COUNSELLING and applicant.status == Status.REGISTERED:
            applicants.move_status(
                session,
                str(applicant.id),
                Status.COUNSELLING.value,
                on=held,
                note=Casework.COUNSELLING_STARTED,
            )
    return _follow_up_record(follow_up, applicant, session.display_name)


def close_follow_up(session: Session, follow_up_id: str) -> None:
    """Close a follow-up's next appointment without a new note (cancelled, moved away).

    Closing one that is already closed changes nothing and logs nothing.
    """
    session.require(*WRITERS)
    with db.atomic():
        key = _uuid(follow_up_id)
        follow_up = FollowUp.get_or_none(FollowUp.id == key) if key else None
        if follow_up is None or follow_up.deleted:
            raise UserError(Casework.FOLLOW_UP_NOT_FOUND, code="not_found")
        if follow_up.done:
            return
        follow_up.done = True
        follow_up.save()
        ChangeLog.record(follow_up, "update", session.user_id)


def follow_ups(session: Session, applicant_id: str) -> list[FollowUpRecord]:
    """The person's follow-ups, newest first."""
    session.require(*READERS)
    applicant = _applicant(applicant_id)
    query = (
        _follow_up_query()
        .where((FollowUp.applicant == applicant.id) & (FollowUp.deleted != True))  # noqa: E712
        .order_by(FollowUp.held_on.desc(), FollowUp.id.desc())
    )
    return _follow_up_rows(query)


def due_follow_ups(
    session: Session, *, on_or_before: dt.date | None = None, mine_only: bool = False
) -> list[FollowUpRecord]:
    """Open follow-ups whose next appointment is due by the date (default today),
    oldest appointment first. (The due page pages through `DueFollowUps` instead.)"""
    return DueFollowUps(session, on_or_before=on_or_before, mine_only=mine_only).records()


class DueFollowUps:
    """The due list, counted and fetched a page at a time: a center with years of
    appointments has tens of thousands due, and the page shows thirty.

    Counting reads only the `(next_appointment, done, deleted, created_by)` index, less
    the few follow-ups of deleted files; a page walks the same index in order and joins
    the applicant of each row it shows.
    """

    def __init__(
        self, session: Session, *, on_or_before: dt.date | None = None, mine_only: bool = False
    ):
        session.require(*READERS)
        self.day = on_or_before or dt.date.today()
        # `!=` on the deleted flags: equalities would steer SQLite to the `deleted` index.
        self.condition = (
            (FollowUp.next_appointment <= self.day)
            & (FollowUp.done == False)  # noqa: E712
            & (FollowUp.deleted != True)  # noqa: E712
        )
        if mine_only:
            self.condition &= FollowUp.created_by == session.user_id
        self._count: int | None = None

    def count(self, before: dt.date | None = None) -> int:
        """How many are due (with `before`: due before that day, i.e. overdue)."""
        if before is None and self._count is not None:
            return self._count
        condition = self.condition
        if before is not None:
            condition &= FollowUp.next_appointment < before
        due = FollowUp.select().where(condition).count()
        of_deleted = (
            FollowUp.select()
            .join(Applicant, on=(FollowUp.applicant == Applicant.id))
            .where(condition & (Applicant.deleted == True))  # noqa: E712
            .count()
        )
        if before is None:
            self._count = due - of_deleted
            return self._count
        return due - of_deleted

    def records(
        self, offset: int = 0, limit: int | None = None, *, descending: bool = False
    ) -> list[FollowUpRecord]:
        order = (
            (FollowUp.next_appointment.desc(), FollowUp.id.desc())
            if descending
            else (FollowUp.next_appointment, FollowUp.id)
        )
        query = (
            _follow_up_query()
            .where(self.condition & (Applicant.deleted != True))  # noqa: E712
            .order_by(*order)
        )
        if limit is not None:
            query = query.limit(limit).offset(offset)
        return _follow_up_rows(query)


def _follow_up_query() -> Any:
    return FollowUp.select(
        FollowUp.id,
        FollowUp.applicant,
        Applicant.file_number,
        Applicant.first_name,
        Applicant.last_name,
        Applicant.mobile,
        FollowUp.kind,
        FollowUp.held_on,
        FollowUp.notes,
        FollowUp.next_appointment,
        FollowUp.done,
        FollowUp.created_by,
    ).join(Applicant, on=(FollowUp.applicant == Applicant.id))


def _follow_up_rows(query: Any) -> list[FollowUpRecord]:
    names = _user_names()
    records = []
    for row in tuples(query):
        fid, aid, file_number, first, last, mobile, kind, held_on, notes, following = row[:10]
        done, created_by = row[10:]
        records.append(
            FollowUpRecord(
                id=str(fid),
                applicant_id=str(aid),
                file_number=file_number,
                applicant_name=f"{first} {last}",
                mobile=mobile,
                kind=kind,
                held_on=held_on,
                notes=notes,
                next_appointment=following,
                done=bool(done),
                created_by_name=names.get(str(created_by), ""),
            )
        )
    return records


def _follow_up_record(follow_up: FollowUp, applicant: Applicant, by_name: str) -> FollowUpRecord:
    return FollowUpRecord(
        id=str(follow_up.id),
        applicant_id=str(applicant.id),
        file_number=applicant.file_number,
        applicant_name=applicant.full_name,
        mobile=applicant.mobile,
        kind=follow_up.kind,
        held_on=follow_up.held_on,
        notes=follow_up.notes,
        next_appointment=follow_up.next_appointment,
        done=follow_up.done,
        created_by_name=by_name,
    )


# -- ideas -------------------------------------------------------------------------------


def add_idea(
    session: Session,
    applicant_id: str,
    *,
    title: str,
    field: str = "",
    description: str = "",
    capital: str | int = 0,
) -> IdeaRecord:
    """Record a business idea. Any applicant may have one; categories are not changed."""
    session.require(*WRITERS)
    errors = Collector()
    clean = _clean_idea(title, field, description, capital, errors)
    errors.raise_if_any()
    with db.atomic():
        applicant = _applicant(applicant_id)
        idea = Idea.create(center_code=session.center_code, applicant=applicant.id, **clean)
        ChangeLog.record(idea, "create", session.user_id)
    return _idea_record(idea)


def update_idea(
    session: Session,
    idea_id: str,
    *,
    title: str,
    field: str,
    description: str,
    capital: str | int,
    status: str,
) -> IdeaRecord:
    """Save an edited idea; nothing is logged when nothing changed."""
    session.require(*WRITERS)
    errors = Collector()
    clean: dict[str, Any] = _clean_idea(title, field, description, capital, errors)
    clean_status = _clean_choice(
        status, IdeaStatus, IDEA_STATUS_NAMES, errors, "status", Casework.IDEA_STATUS_UNKNOWN
    )
    errors.raise_if_any()
    assert clean_status is not None
    clean["status"] = clean_status.value
    with db.atomic():
        idea = _idea(idea_id)
        return _save_idea(session, idea, clean)


def set_idea_status(session: Session, idea_id: str, status: str) -> IdeaRecord:
    """Move an idea along (shortlisted, selected, funded, launched)."""
    session.require(*WRITERS)
    errors = Collector()
    clean_status = _clean_choice(
        status, IdeaStatus, IDEA_STATUS_NAMES, errors, "status", Casework.IDEA_STATUS_UNKNOWN
    )
    errors.raise_if_any()
    assert clean_status is not None
    with db.atomic():
        idea = _idea(idea_id)
        return _save_idea(session, idea, {"status": clean_status.value})


def ideas(session: Session, applicant_id: str) -> list[IdeaRecord]:
    """The person's ideas, newest first."""
    session.require(*READERS)
    applicant = _applicant(applicant_id)
    query = (
        Idea.select()
        .where((Idea.applicant == applicant.id) & (Idea.deleted != True))  # noqa: E712
        .order_by(Idea.id.desc())
    )
    return [_idea_record(idea) for idea in query]


def _clean_idea(
    title: str, field: str, description: str, capital: str | int, errors: Collector
) -> dict[str, Any]:
    return {
        "title": clean_name(title, errors, "title", required=Casework.IDEA_TITLE_REQUIRED),
        "field": normalize_line(field),
        "description": normalize_text(description),
        "capital_rials": _clean_capital(capital, errors),
    }


def _idea(idea_id: str) -> Idea:
    key = _uuid(idea_id)
    idea = Idea.get_or_none(Idea.id == key) if key else None
    if idea is None or idea.deleted:
        raise UserError(Casework.IDEA_NOT_FOUND, code="not_found")
    _applicant(str(_fk(idea, "applicant")))
    return idea


def _save_idea(session: Session, idea: Idea, clean: dict[str, Any]) -> IdeaRecord:
    changed = {name for name, value in clean.items() if getattr(idea, name) != value}
    if changed:
        for name in changed:
            setattr(idea, name, clean[name])
        idea.save()
        ChangeLog.record(idea, "update", session.user_id)
    return _idea_record(idea)


def _idea_record(idea: Idea) -> IdeaRecord:
    return IdeaRecord(
        id=str(idea.id),
        applicant_id=str(_fk(idea, "applicant")),
        title=idea.title,
        field=idea.field,
        description=idea.description,
        capital_rials=int(idea.capital_rials),
        status=idea.status,
    )


# -- outcomes ----------------------------------------------------------------------------


def add_outcome(
    session: Session,
    applicant_id: str,
    *,
    kind: str,
    started_on: str | dt.date,
    employer: str = "",
    partner_id: str | None = None,
    notes: str = "",
) -> OutcomeRecord:
    """Record a job or business started, credited to a partner body if one helped.

    The person's programme status moves to what the outcome means (OUTCOME_STATUS),
    unless it already is that or the person is already `empowered`.
    """
    session.require(*WRITERS)
    errors = Collector()
    clean_kind = _clean_choice(
        kind, OutcomeKind, OUTCOME_KIND_NAMES, errors, "kind", Casework.OUTCOME_KIND_UNKNOWN
    )
    started = _clean_date(started_on, errors, "started_on")
    partner = _clean_partner(partner_id, errors)
    clean_employer = clean_name(employer, errors, "employer")
    errors.raise_if_any()
    assert clean_kind is not None and started is not None
    with db.atomic():
        applicant = _applicant(applicant_id)
        outcome = Outcome.create(
            center_code=session.center_code,
            applicant=applicant.id,
            kind=clean_kind.value,
            started_on=started,
            employer=clean_employer,
            partner=partner.id if partner else None,
            notes=normalize_text(notes),
        )
        ChangeLog.record(outcome, "create", session.user_id)
        target = OUTCOME_STATUS[clean_kind]
        if applicant.status not in (target.value, Status.EMPOWERED.value):
            applicants.move_status(
                session,
                str(applicant.id),
                target.value,
                on=started,
                note=Casework.OUTCOME_RECORDED.format(kind=OUTCOME_KIND_NAMES[clean_kind.value]),
            )
    return _outcome_record(outcome, partner.name if partner else "")


def verify_outcome(session: Session, outcome_id: str, verified: bool = True) -> OutcomeRecord:
    """The center manager confirms (or withdraws confirmation of) an outcome."""
    session.require(Role.ADMIN)
    with db.atomic():
        key = _uuid(outcome_id)
        outcome = Outcome.get_or_none(Outcome.id == key) if key else None
        if outcome is None or outcome.deleted:
            raise UserError(Casework.OUTCOME_NOT_FOUND, code="not_found")
        if outcome.verified != verified:
            outcome.verified = verified
            outcome.save()
            ChangeLog.record(outcome, "update", session.user_id)
    partner = Partner.get_or_none(Partner.id == _fk(outcome, "partner"))
    return _outcome_record(outcome, partner.name if partner else "")


def outcomes(session: Session, applicant_id: str) -> list[OutcomeRecord]:
    """The person's outcomes, the most recently started first."""
    session.require(*READERS)
    applicant = _applicant(applicant_id)
    partners = {
        str(pid): str(name) for pid, name in tuples(Partner.select(Partner.id, Partner.name))
    }
    query = (
        Outcome.select()
        .where((Outcome.applicant == applicant.id) & (Outcome.deleted != True))  # noqa: E712
        .order_by(Outcome.started_on.desc(), Outcome.id.desc())
    )
    return [
        _outcome_record(outcome, partners.get(str(_fk(outcome, "partner")), ""))
        for outcome in query
    ]


def employment_by_partner(session: Session) -> list[tuple[str, int, int, int]]:
    """(partner name, outcomes, verified outcomes, employment commitment) per partner body.

    Every partner body is listed (a commitment with no outcome yet is news too), in
    Persian alphabetical order; outcomes credited to none come last as one row.
    Outcomes of deleted applicants are not counted.
    """
    session.require(*READERS)
    counts = {
        (str(pid) if pid is not None else None): (int(total), int(verified or 0))
        for pid, total, verified in tuples(
            Outcome.select(
                Outcome.partner,
                fn.COUNT(Outcome.id),
                fn.SUM(Case(None, [(Outcome.verified == True, 1)], 0)),  # noqa: E712
            )
            .join(Applicant, on=(Outcome.applicant == Applicant.id))
            .where((Outcome.deleted != True) & (Applicant.deleted != True))  # noqa: E712
            .group_by(Outcome.partner)
        )
    }
    rows = [
        (str(name), *counts.get(str(pid), (0, 0)), int(commitment))
        for pid, name, commitment in tuples(
            Partner.select(Partner.id, Partner.name, Partner.employment_commitment).where(
                Partner.deleted != True  # noqa: E712
            )
        )
    ]
    rows.sort(key=lambda row: primary_key(row[0]))
    if None in counts:
        rows.append((Casework.NO_PARTNER, *counts[None], 0))
    return rows


def _clean_partner(partner_id: str | None, errors: Collector) -> Partner | None:
    if partner_id is None or not str(partner_id).strip():
        return None
    key = _uuid(str(partner_id).strip())
    partner = Partner.get_or_none(Partner.id == key) if key else None
    if partner is None or partner.deleted:
        errors.add("partner_id", Casework.PARTNER_UNKNOWN)
        return None
    return partner


def _outcome_record(outcome: Outcome, partner_name: str) -> OutcomeRecord:
    return OutcomeRecord(
        id=str(outcome.id),
        applicant_id=str(_fk(outcome, "applicant")),
        kind=outcome.kind,
        started_on=outcome.started_on,
        employer=outcome.employer,
        partner_id=str(_fk(outcome, "partner")) if _fk(outcome, "partner") else None,
        partner_name=partner_name,
        verified=bool(outcome.verified),
        notes=outcome.notes,
    )


# -- linking -----------------------------------------------------------------------------
#
# Words are compared in search form (`search_key`), without stop words and words of
# fewer than MIN_WORD letters, and with the plural «ها/های» and the adjectival «ی»
# taken off, so that «خیاط» meets «خیاطی» and «آشپز» meets «آشپزی». SQL narrows the
# candidates (category flag, substring LIKE on the stems, LIMIT); Python scores them.
# No index serves a substring LIKE: the scan stops at CANDIDATE_LIMIT matches, which
# common words reach at once (about 20 ms at 1M applicants), while words that match
# nobody walk the whole table (0.4 s at 1M for two stems, 1.4 s for eight; 0.04–0.13 s
# at 100k). An FTS5 trigram table over skills, fields and idea titles would index it.

MIN_WORD = 3
CANDIDATE_LIMIT = 500  # candidates read; all are scored, the best returned
MAX_QUERY_WORDS = 8  # stems sent to SQL, longest first: each one costs a LIKE per row
_TOKEN = re.compile(r"[^\W_]+")
_SUFFIXES = ("های", "ها", "ی")
_STOP = frozenset(search_key(word) for word in STOP_WORDS.split())
_PARTNER_SIDE = (Category.INVESTOR, Category.SKILLED_NO_CAPITAL, Category.JOB_SEEKER)
_PROFILE_COLUMNS = (
    Applicant.id,
    Applicant.category_flags,
    Applicant.district,
    Applicant.sort_name,
    Applicant.skills,
    Applicant.education_field,
)
_SUMMARY_COLUMNS = (
    Applicant.id,
    Applicant.file_number,
    Applicant.national_code,
    Applicant.first_name,
    Applicant.last_name,
    Applicant.father_name,
    Applicant.mobile,
    Applicant.district,
    Applicant.status,
    Applicant.birth_date,
)
_REASONS = {  # source kind → (its words also in the subject's same kind, otherwise)
    "skill": (LinkReasons.SKILL_SHARED, LinkReasons.SKILL_RELATED),
    "field": (LinkReasons.FIELD_SHARED, LinkReasons.FIELD_RELATED),
    "idea": (LinkReasons.IDEA_RELATED, LinkReasons.IDEA_RELATED),
}


def link_words(text: str) -> frozenset[str]:
    """The words of `text` that can link two people, in compared (stemmed) form."""
    return _link_words(text)


@lru_cache(maxsize=8192)
def _link_words(text: str) -> frozenset[str]:
    # Cached: skill tags, fields and idea titles repeat across thousands of files.
    words: set[str] = set()
    for token in _TOKEN.findall(search_key(text)):
        if token in _STOP or token.isdigit():
            continue
        for suffix in _SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= MIN_WORD:
                token = token.removesuffix(suffix)
                break
        if len(token) >= MIN_WORD:
            words.add(token)
    return frozenset(words)


@dataclass(frozen=True)
class _Source:
    """One thing a person has that may match: a skill, their field, or an idea."""

    kind: str  # "skill" | "field" | "idea"
    text: str
    words: frozenset[str]


@dataclass(frozen=True)
class _Profile:
    id: str
    flags: int
    district: int | None
    sort_name: str
    sources: tuple[_Source, ...]

    @property
    def words(self) -> frozenset[str]:
        return frozenset().union(*(source.words for source in self.sources))

    def words_of(self, kind: str) -> frozenset[str]:
        return frozenset().union(*(s.words for s in self.sources if s.kind == kind))

    def has(self, *categories: Category) -> bool:
        return any(self.flags & category.bit for category in categories)


@dataclass(frozen=True)
class _Scored:
    profile: _Profile
    kind: str
    reasons: tuple[str, ...]
    score: int


def suggest_links(session: Session, applicant_id: str, limit: int = 20) -> list[LinkSuggestion]:
    """People to introduce this person to, best first.

    An idea holder is offered investors and skilled people (skilled without capital,
    job seekers) whose skills or field of study share words with the idea holder's
    ideas, skills and field; an investor or a skilled person is offered idea holders
    whose ideas, skills or field share words with theirs. Score: shared words, plus one
    for the same district. Never the person themselves, never a deleted file.
    """
    session.require(*READERS)
    applicant = _applicant(applicant_id)
    (subject,) = _profiles(Applicant.id == applicant.id)
    stems = sorted(subject.words, key=lambda word: (-len(word), word))[:MAX_QUERY_WORDS]
    if not stems:
        return []
    # One scan of the registry for both directions (a person may be on both sides).
    mask = 0
    if subject.has(Category.IDEA_HOLDER):
        mask |= sum(category.bit for category in _PARTNER_SIDE)
    if subject.has(*_PARTNER_SIDE):
        mask |= Category.IDEA_HOLDER.bit
    if not mask:
        return []
    wanted = _in_categories(mask) & _mention(stems)
    if subject.has(*_PARTNER_SIDE):
        by_idea = Applicant.id.in_(_idea_mentions(stems))
        wanted |= _in_categories(Category.IDEA_HOLDER.bit) & by_idea
    live = (Applicant.deleted != True) & (Applicant.id != applicant.id)  # noqa: E712
    candidates = _profiles(live & wanted)
    scored = [
        match
        for profile in candidates
        if (match := _score(subject, profile, _kind(subject, profile))) is not None
    ]
    scored.sort(key=lambda match: (-match.score, match.profile.sort_name, match.profile.id))
    best = scored[:limit]
    summaries = _summaries([match.profile.id for match in best])
    return [
        LinkSuggestion(summaries[match.profile.id], match.kind, match.reasons, match.score)
        for match in best
    ]


def _score(subject: _Profile, other: _Profile, kind: str) -> _Scored | None:
    shared = subject.words & other.words
    if not shared:
        return None
    reasons: list[str] = []
    for source in other.sources:
        matched = source.words & shared
        if not matched:
            continue
        same_kind, related = _REASONS[source.kind]
        template = same_kind if matched & subject.words_of(source.kind) else related
        reason = template.format(text=source.text)
        if reason not in reasons:
            reasons.append(reason)
    score = len(shared)
    if subject.district is not None and subject.district == other.district:
        score += 1
        reasons.append(LinkReasons.SAME_DISTRICT.format(district=district_name(subject.district)))
    return _Scored(other, kind, tuple(reasons), score)


def _kind(subject: _Profile, other: _Profile) -> str:
    """What the other person is to the subject: "investor", "skilled" or "idea_holder"."""
    if subject.has(Category.IDEA_HOLDER):
        if other.has(Category.INVESTOR):
            return "investor"
        if other.has(Category.SKILLED_NO_CAPITAL, Category.JOB_SEEKER):
            return "skilled"
    return "idea_holder"


def _in_categories(mask: int) -> Expression:
    """Files in any category of `mask` (no index: a scan, cut short by the LIMIT)."""
    return Applicant.category_flags.bin_and(mask) != 0


def _mention(stems: Iterable[str]) -> Expression:
    """Skills or field of study contain one of the stems (substring LIKE)."""
    return reduce(
        or_,
        [Applicant.skills.contains(s) | Applicant.education_field.contains(s) for s in stems],
    )


def _idea_mentions(stems: Iterable[str]) -> Any:
    """A subquery: owners of live ideas whose title or field contains one of the stems."""
    matches = reduce(or_, [Idea.title.contains(s) | Idea.field.contains(s) for s in stems])
    return (
        Idea.select(Idea.applicant)
        .where((Idea.deleted != True) & matches)  # noqa: E712
        .limit(CANDIDATE_LIMIT)
    )


def _profiles(condition: Expression) -> list[_Profile]:
    """The linking profile (skills, field, ideas) of up to CANDIDATE_LIMIT files."""
    rows = tuples(Applicant.select(*_PROFILE_COLUMNS).where(condition).limit(CANDIDATE_LIMIT))
    if not rows:
        return []
    ideas_of: dict[str, list[_Source]] = {}
    for owner, title, field in tuples(
        Idea.select(Idea.applicant, Idea.title, Idea.field).where(
            Idea.applicant.in_([row[0] for row in rows]) & (Idea.deleted != True)  # noqa: E712
        )
    ):
        ideas_of.setdefault(str(owner), []).append(
            _Source("idea", title, _link_words(f"{title} {field}"))
        )
    profiles = []
    for key, flags, district, sort_name, skills, education_field in rows:
        sources = [_Source("skill", skill, _link_words(skill)) for skill in skills.split(";")]
        sources.append(_Source("field", education_field, _link_words(education_field)))
        sources.extend(ideas_of.get(str(key), []))
        profiles.append(_Profile(str(key), int(flags), district, sort_name, tuple(sources)))
    return profiles


def _summaries(ids: list[str]) -> dict[str, ApplicantSummary]:
    if not ids:
        return {}
    query = Applicant.select(*_SUMMARY_COLUMNS).where(Applicant.id.in_(ids))
    return {str(row[0]): ApplicantSummary(str(row[0]), *row[1:]) for row in tuples(query)}
