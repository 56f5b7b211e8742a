"""Follow-ups: counselling notes with a next appointment, and the list of those due.

A note answers (closes) the earlier appointments it kept; a first counselling moves a
newly registered person on to `counselling`. The due list is paged: a center with years
of appointments has tens of thousands due, and the page shows thirty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop.models import Applicant, FollowUp, FollowUpKind, Status, db, writes
from desktop.models.base import tuples
from desktop.services import applicants
from desktop.services.applicants import READERS, WRITERS
from desktop.services.casework.inputs import clean_choice, clean_date, live_applicant
from desktop.services.records import live, user_names
from desktop.services.session import Session
from desktop.services.validation import Collector
from desktop.strings import FOLLOW_UP_KIND_NAMES
from desktop.strings.casework import Casework
from desktop.text.normalize import normalize_text


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
    clean_kind, held, following = _clean_follow_up(kind, held_on, next_appointment)
    with db.atomic():
        applicant = live_applicant(applicant_id)
        _close_answered(session, applicant, held)
        follow_up = writes.insert(
            FollowUp(
                applicant=applicant.id,
                kind=clean_kind.value,
                held_on=held,
                notes=normalize_text(notes),
                next_appointment=following,
                created_by=session.user_id,
            ),
            session,
        )
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
        follow_up = live(FollowUp, follow_up_id, Casework.FOLLOW_UP_NOT_FOUND)
        if follow_up.done:
            return
        follow_up.done = True
        writes.update(follow_up, session)


def follow_ups(session: Session, applicant_id: str) -> list[FollowUpRecord]:
    """The person's follow-ups, newest first."""
    session.require(*READERS)
    applicant = live_applicant(applicant_id)
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
    """The due list, counted and fetched a page at a time.

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
        if before is not None:
            return self._count_where(self.condition & (FollowUp.next_appointment < before))
        if self._count is None:
            self._count = self._count_where(self.condition)
        return self._count

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

    @staticmethod
    def _count_where(condition: Any) -> int:
        due = FollowUp.select().where(condition).count()
        of_deleted_files = (
            FollowUp.select()
            .join(Applicant, on=(FollowUp.applicant == Applicant.id))
            .where(condition & (Applicant.deleted == True))  # noqa: E712
            .count()
        )
        return int(due - of_deleted_files)


def _clean_follow_up(
    kind: str, held_on: str | dt.date, next_appointment: str | dt.date | None
) -> tuple[FollowUpKind, dt.date, dt.date | None]:
    """The kind, the day held and the next appointment, or ValidationError."""
    errors = Collector()
    clean_kind = clean_choice(
        kind, FollowUpKind, FOLLOW_UP_KIND_NAMES, errors, "kind", Casework.FOLLOW_UP_KIND_UNKNOWN
    )
    held = clean_date(held_on, errors, "held_on")
    following = clean_date(
        next_appointment, errors, "next_appointment", required=False, not_future=False
    )
    if held is not None and following is not None and following <= held:
        errors.add("next_appointment", Casework.NEXT_BEFORE_HELD)
    errors.raise_if_any()
    assert clean_kind is not None and held is not None
    return clean_kind, held, following


def _close_answered(session: Session, applicant: Applicant, held: dt.date) -> None:
    """Close the person's open follow-ups whose next appointment this one kept."""
    answered = FollowUp.select().where(
        (FollowUp.applicant == applicant.id)
        & (FollowUp.done == False)  # noqa: E712
        & (FollowUp.deleted != True)  # noqa: E712
        & (FollowUp.next_appointment <= held)
    )
    for earlier in answered:
        earlier.done = True
        writes.update(earlier, session)


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
    rows = tuples(query)
    names = user_names(row[11] for row in rows if row[11])
    records = []
    for row in rows:
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
