"""Employment commitments: how many jobs a partner body promised for a Jalali year.

Two sources, one rule:
- at a center, its administrator enters what each body promised *this center* for a
  year (`Commitment`, a synced row of the center's own: it reaches HQ in the center's
  sync files);
- at HQ, its administrator sets each body's city-wide yearly figure on the body itself
  (`Partner.employment_commitment`, reference data: every acknowledgement sends it
  down, and a center without its own figure for the year reports against it).

`commitment_for` says which figure a report counts against (the center's own for the
year when there is one, else HQ's; at HQ over every center, HQ's, or the sum of the
centers' when HQ has set none).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.errors import UserError
from desktop.models import Commitment, Partner, db, writes
from desktop.models.base import tuples
from desktop.services.hq.setup import HQ_ROLES
from desktop.services.records import as_uuid
from desktop.services.session import Role, Session
from desktop.services.validation import Collector
from desktop.strings.reports import Commitments as Text
from desktop.text.collation import primary_key
from desktop.text.normalize import normalize_digits, normalize_text

MAX_JOBS = 1_000_000
YEARS = range(1380, 1500)  # Jalali
WRITERS = (Role.ADMIN, Role.HQ_ADMIN)
READERS = (Role.ADMIN, Role.CLERK, *HQ_ROLES)


@dataclass(frozen=True)
class CommitmentRow:
    partner_id: str
    partner: str
    hq_jobs: int  # HQ's city-wide figure (0: none set)
    center_jobs: int | None  # this center's own for the year (None: none entered)

    @property
    def jobs(self) -> int:
        """The figure this center's report counts against."""
        return self.center_jobs if self.center_jobs is not None else self.hq_jobs


def commitments(session: Session, year: int) -> list[CommitmentRow]:
    """Every partner body with HQ's figure and this center's own for `year` (at HQ:
    HQ's figure only), in the partner bodies' Persian order."""
    session.require(*READERS)
    own: dict[str, int] = {}
    if session.role not in HQ_ROLES:
        own = {
            str(pid): int(jobs)
            for pid, jobs in tuples(
                Commitment.select(Commitment.partner, Commitment.jobs).where(
                    (Commitment.center_code == session.center_code)
                    & (Commitment.year == year)
                    & (Commitment.deleted == False)  # noqa: E712
                )
            )
        }
    rows = [
        CommitmentRow(str(pid), str(name), int(jobs or 0), own.get(str(pid)))
        for pid, name, jobs in tuples(
            Partner.select(Partner.id, Partner.name, Partner.employment_commitment).where(
                Partner.deleted == False  # noqa: E712
            )
        )
    ]
    rows.sort(key=lambda row: primary_key(row.partner))
    return rows


def set_commitment(
    session: Session, partner_id: str, year: int | str, jobs: int | str
) -> CommitmentRow:
    """Set a body's yearly commitment: this center's own for `year` at a center, HQ's
    city-wide figure at HQ (whose figure has no year: it is the current one)."""
    session.require(*WRITERS)
    errors = Collector()
    partner = _partner(partner_id, errors)
    clean_year = _number(year, "year", Text.YEAR_INVALID, errors)
    if clean_year is not None and clean_year not in YEARS:
        errors.add("year", Text.YEAR_INVALID)
    clean_jobs = _number(jobs, "jobs", Text.JOBS_INVALID, errors)
    if clean_jobs is not None and not 0 <= clean_jobs <= MAX_JOBS:
        errors.add("jobs", Text.JOBS_INVALID)
    errors.raise_if_any()
    assert partner is not None and clean_year is not None and clean_jobs is not None
    with db.atomic():
        if session.role in HQ_ROLES:
            partner.employment_commitment = clean_jobs
            writes.update(partner, session)
        else:
            _set_own(session, partner, clean_year, clean_jobs)
    (row,) = [r for r in commitments(session, clean_year) if r.partner_id == str(partner.id)]
    return row


def _set_own(session: Session, partner: Partner, year: int, jobs: int) -> None:
    found = Commitment.get_or_none(
        (Commitment.center_code == session.center_code)
        & (Commitment.partner == partner.id)
        & (Commitment.year == year)
    )
    if found is None:
        writes.insert(Commitment(partner=partner.id, year=year, jobs=jobs), session)
        return
    found.jobs, found.deleted = jobs, False
    writes.update(found, session)


def _partner(partner_id: str, errors: Collector) -> Partner | None:
    key = as_uuid(partner_id)
    found = (
        Partner.get_or_none((Partner.id == key) & (Partner.deleted == False))  # noqa: E712
        if key is not None
        else None
    )
    if found is None:
        errors.add("partner", Text.PARTNER_UNKNOWN)
    return found


def _number(value: int | str, field: str, message: str, errors: Collector) -> int | None:
    text = normalize_digits(str(value)).strip()
    if not text.isdigit() or not text.isascii():
        errors.add(field, message)
        return None
    return int(text)


def partner_by_name(name_or_id: str) -> str:
    """A partner body's id from its id, its name or its short name (the command line
    takes either)."""
    key = as_uuid(name_or_id)
    if key is not None and Partner.get_or_none(Partner.id == key) is not None:
        return str(key)
    wanted = normalize_text(name_or_id).strip()
    found = (
        Partner.select(Partner.id)
        .where(
            ((Partner.name == wanted) | (Partner.short_name == wanted)) & (Partner.deleted == False)  # noqa: E712
        )
        .scalar()
    )
    if found is None:
        raise UserError(Text.PARTNER_UNKNOWN, code="not_found", field="partner")
    return str(found)
