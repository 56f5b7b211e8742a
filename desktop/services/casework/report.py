"""The employment report: outcomes per partner body beside the jobs it promised.

Partner bodies are few (reference data), so they are put in Persian order here in
Python, by the same collation key the rest of the app sorts by, on any database.
"""

from __future__ import annotations

from peewee import Case, fn

from desktop.models import Applicant, Outcome, Partner
from desktop.models.base import tuples
from desktop.services.applicants import READERS
from desktop.services.session import Session
from desktop.strings.casework import Casework
from desktop.text.collation import primary_key


def employment_by_partner(session: Session) -> list[tuple[str, int, int, int]]:
    """(partner name, outcomes, verified outcomes, employment commitment) per partner body.

    Every partner body is listed (a commitment with no outcome yet is news too), in
    Persian alphabetical order; outcomes credited to none come last as one row.
    Outcomes of deleted applicants are not counted.
    """
    session.require(*READERS)
    counts = _outcome_counts()
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


def _outcome_counts() -> dict[str | None, tuple[int, int]]:
    """{partner id, or None for no partner: (outcomes, verified outcomes)}, counting
    live outcomes of live files."""
    verified = fn.SUM(Case(None, [(Outcome.verified == True, 1)], 0))  # noqa: E712
    query = (
        Outcome.select(Outcome.partner, fn.COUNT(Outcome.id), verified)
        .join(Applicant, on=(Outcome.applicant == Applicant.id))
        .where((Outcome.deleted != True) & (Applicant.deleted != True))  # noqa: E712
        .group_by(Outcome.partner)
    )
    return {
        (str(pid) if pid is not None else None): (int(total), int(confirmed or 0))
        for pid, total, confirmed in tuples(query)
    }
