"""Outcomes: the job or business a person started, credited to the partner body that
helped (its employment commitment is counted in `report.employment_by_partner`), and
confirmed by the center manager. An outcome moves the person's programme status to
what it means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.models import Applicant, Outcome, OutcomeKind, Partner, Role, Status, db, writes
from desktop.models.base import tuples
from desktop.services import applicants, reference
from desktop.services.applicants import READERS, WRITERS
from desktop.services.casework.inputs import (
    clean_choice,
    clean_date,
    foreign_key,
    live_applicant,
)
from desktop.services.records import live
from desktop.services.session import Session
from desktop.services.validation import Collector, clean_name
from desktop.strings import OUTCOME_KIND_NAMES
from desktop.strings.casework import Casework
from desktop.text.normalize import normalize_text

# An outcome moves the programme status to the one it means.
OUTCOME_STATUS = {
    OutcomeKind.WAGE_JOB: Status.EMPLOYED,
    OutcomeKind.SELF_EMPLOYMENT: Status.SELF_EMPLOYED,
    OutcomeKind.HOME_BUSINESS: Status.HOME_BUSINESS,
    OutcomeKind.COOPERATIVE: Status.SELF_EMPLOYED,
}


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
    clean_kind, started, clean_employer, partner = _clean_outcome(
        kind, started_on, employer, partner_id
    )
    with db.atomic():
        applicant = live_applicant(applicant_id)
        outcome = writes.insert(
            Outcome(
                applicant=applicant.id,
                kind=clean_kind.value,
                started_on=started,
                employer=clean_employer,
                partner=partner.id if partner else None,
                notes=normalize_text(notes),
            ),
            session,
        )
        _move_status(session, applicant, clean_kind, started)
    return _outcome_record(outcome, partner.name if partner else "")


def verify_outcome(session: Session, outcome_id: str, verified: bool = True) -> OutcomeRecord:
    """The center manager confirms (or withdraws confirmation of) an outcome."""
    session.require(Role.ADMIN)
    with db.atomic():
        outcome = live(Outcome, outcome_id, Casework.OUTCOME_NOT_FOUND)
        if outcome.verified != verified:
            outcome.verified = verified
            writes.update(outcome, session)
    partner = Partner.get_or_none(Partner.id == foreign_key(outcome, "partner"))
    return _outcome_record(outcome, partner.name if partner else "")


def outcomes(session: Session, applicant_id: str) -> list[OutcomeRecord]:
    """The person's outcomes, the most recently started first."""
    session.require(*READERS)
    applicant = live_applicant(applicant_id)
    partners = {
        str(pid): str(name) for pid, name in tuples(Partner.select(Partner.id, Partner.name))
    }
    query = (
        Outcome.select()
        .where((Outcome.applicant == applicant.id) & (Outcome.deleted != True))  # noqa: E712
        .order_by(Outcome.started_on.desc(), Outcome.id.desc())
    )
    return [
        _outcome_record(outcome, partners.get(str(foreign_key(outcome, "partner")), ""))
        for outcome in query
    ]


def _clean_outcome(
    kind: str, started_on: str | dt.date, employer: str, partner_id: str | None
) -> tuple[OutcomeKind, dt.date, str, Partner | None]:
    """The kind, the start date, the employer and the partner body, or ValidationError."""
    errors = Collector()
    clean_kind = clean_choice(
        kind, OutcomeKind, OUTCOME_KIND_NAMES, errors, "kind", Casework.OUTCOME_KIND_UNKNOWN
    )
    started = clean_date(started_on, errors, "started_on")
    partner = reference.chosen_partner(partner_id, errors, Casework.PARTNER_UNKNOWN)
    clean_employer = clean_name(employer, errors, "employer")
    errors.raise_if_any()
    assert clean_kind is not None and started is not None
    return clean_kind, started, clean_employer, partner


def _move_status(
    session: Session, applicant: Applicant, kind: OutcomeKind, started: dt.date
) -> None:
    """Move the person to the status the outcome means, unless they are there already
    or beyond it (`empowered`); the step is dated on the day the work started."""
    target = OUTCOME_STATUS[kind]
    if applicant.status in (target.value, Status.EMPOWERED.value):
        return
    note = Casework.OUTCOME_RECORDED.format(kind=OUTCOME_KIND_NAMES[kind.value])
    applicants.move_status(session, str(applicant.id), target.value, on=started, note=note)


def _outcome_record(outcome: Outcome, partner_name: str) -> OutcomeRecord:
    partner_id = foreign_key(outcome, "partner")
    return OutcomeRecord(
        id=str(outcome.id),
        applicant_id=str(foreign_key(outcome, "applicant")),
        kind=outcome.kind,
        started_on=outcome.started_on,
        employer=outcome.employer,
        partner_id=str(partner_id) if partner_id else None,
        partner_name=partner_name,
        verified=bool(outcome.verified),
        notes=outcome.notes,
    )
