"""Business ideas: recorded on any applicant's file (categories are not changed),
edited in place, and moved along their status (shortlisted, selected, funded,
launched). Capital is typed as a person types money and stored in Rials.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models import Idea, IdeaStatus, db, writes
from desktop.services.applicants import READERS, WRITERS
from desktop.services.casework.inputs import clean_choice, foreign_key, live_applicant
from desktop.services.records import live
from desktop.services.session import Session
from desktop.services.validation import Collector, clean_name
from desktop.strings import IDEA_STATUS_NAMES
from desktop.strings.casework import Casework
from desktop.text.money import parse_money
from desktop.text.normalize import normalize_digits, normalize_line, normalize_text

# Larger than any capital a center records (10^15 Rials), far below a 64-bit integer.
MAX_CAPITAL_RIALS = 10**15
_MINUS_SIGNS = ("-", "\u2212")


@dataclass(frozen=True)
class IdeaRecord:
    id: str
    applicant_id: str
    title: str
    field: str
    description: str
    capital_rials: int
    status: str


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
        applicant = live_applicant(applicant_id)
        idea = writes.insert(Idea(applicant=applicant.id, **clean), session)
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
    clean = _clean_idea(title, field, description, capital, errors)
    clean_status = _clean_status(status, errors)
    errors.raise_if_any()
    clean["status"] = clean_status
    with db.atomic():
        return _save_idea(session, _live_idea(idea_id), clean)


def set_idea_status(session: Session, idea_id: str, status: str) -> IdeaRecord:
    """Move an idea along (shortlisted, selected, funded, launched)."""
    session.require(*WRITERS)
    errors = Collector()
    clean_status = _clean_status(status, errors)
    errors.raise_if_any()
    with db.atomic():
        return _save_idea(session, _live_idea(idea_id), {"status": clean_status})


def ideas(session: Session, applicant_id: str) -> list[IdeaRecord]:
    """The person's ideas, newest first."""
    session.require(*READERS)
    applicant = live_applicant(applicant_id)
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


def _clean_status(status: str, errors: Collector) -> str:
    """The status's key ('' when unknown: `errors` then says so)."""
    clean = clean_choice(
        status, IdeaStatus, IDEA_STATUS_NAMES, errors, "status", Casework.IDEA_STATUS_UNKNOWN
    )
    return clean.value if clean is not None else ""


def _clean_capital(value: str | int | None, errors: Collector) -> int:
    """Rials from what was typed (Persian or Latin digits, separators, a unit word) or
    an int; never negative."""
    if isinstance(value, bool):
        raise TypeError("capital is text as typed or an int number of Rials")
    if isinstance(value, int):
        amount = value
    else:
        text = normalize_digits(normalize_text(value or "")).strip()
        if not text:
            return 0
        if text.startswith(_MINUS_SIGNS) or text.endswith(_MINUS_SIGNS):
            errors.add("capital", Casework.CAPITAL_NEGATIVE)
            return 0
        try:
            amount = parse_money(text)
        except ValueError as error:  # its message is the person's (desktop.text.money)
            errors.add("capital", str(error))
            return 0
    if amount < 0:
        errors.add("capital", Casework.CAPITAL_NEGATIVE)
    elif amount > MAX_CAPITAL_RIALS:
        errors.add("capital", Casework.CAPITAL_TOO_LARGE)
    return amount


def _live_idea(idea_id: str) -> Idea:
    """The idea, not deleted, on a file that is not deleted either."""
    idea = live(Idea, idea_id, Casework.IDEA_NOT_FOUND)
    live_applicant(foreign_key(idea, "applicant"))
    return idea


def _save_idea(session: Session, idea: Idea, clean: dict[str, Any]) -> IdeaRecord:
    """Set what differs and save it through the write path (which writes nothing, and
    logs nothing, when nothing differs)."""
    for name, value in clean.items():
        if getattr(idea, name) != value:
            setattr(idea, name, value)
    writes.update(idea, session)
    return _idea_record(idea)


def _idea_record(idea: Idea) -> IdeaRecord:
    return IdeaRecord(
        id=str(idea.id),
        applicant_id=str(foreign_key(idea, "applicant")),
        title=idea.title,
        field=idea.field,
        description=idea.description,
        capital_rials=int(idea.capital_rials),
        status=idea.status,
    )
