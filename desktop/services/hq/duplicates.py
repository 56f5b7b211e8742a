"""Cross-center duplicates: one national code registered at two or more centers.

Found from the merged rows themselves (so a case never depends on when files came),
with HQ's decision beside it: still open, linked (one person who went to two centers:
kept as such, nothing merged), or a data error that one center must correct — that
center's clerks get a notice with its next acknowledgement (services/hq/acks.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from desktop.errors import UserError
from desktop.models import Applicant, DuplicateStatus, HqDuplicate, Role, db, utcnow
from desktop.models.base import tuples
from desktop.services.hq.setup import require_hq
from desktop.services.session import Session
from desktop.strings.sync import HqMessages


@dataclass(frozen=True)
class DuplicateRow:
    national_code: str
    centers: list[str]
    names: list[str]  # as each center registered the person, in the centers' order
    status: str
    correct_at: str
    note: str


def list_duplicates(session: Session, status: str | None = None) -> list[DuplicateRow]:
    require_hq(session, Role.HQ_ADMIN, Role.HQ_ANALYST)
    live = Applicant.deleted == False  # noqa: E712
    shared = (
        Applicant.select(Applicant.national_code)
        .where(live)
        .group_by(Applicant.national_code)
        .having(fn.COUNT(fn.DISTINCT(Applicant.center_code)) > 1)
    )
    rows = tuples(
        Applicant.select(
            Applicant.national_code, Applicant.center_code, Applicant.first_name,
            Applicant.last_name,
        )
        .where(live & Applicant.national_code.in_(shared))
        .order_by(Applicant.national_code, Applicant.center_code)
    )  # fmt: skip
    decided = {case.national_code: case for case in HqDuplicate.select()}
    found: dict[str, DuplicateRow] = {}
    for code, center, first, last in rows:
        case = decided.get(code)
        row = found.setdefault(
            code,
            DuplicateRow(
                national_code=code,
                centers=[],
                names=[],
                status=case.status if case else DuplicateStatus.OPEN.value,
                correct_at=case.correct_at if case else "",
                note=case.note if case else "",
            ),
        )
        row.centers.append(center)
        row.names.append(f"{first} {last}")
    return [row for row in found.values() if status is None or row.status == status]


def decide(
    session: Session, national_code: str, status: str, *, correct_at: str = "", note: str = ""
) -> None:
    """Record HQ's decision on a case (a data error names the center to correct it)."""
    require_hq(session)
    decision = DuplicateStatus(status)
    if decision is DuplicateStatus.DATA_ERROR and not correct_at:
        raise UserError(HqMessages.NAME_THE_CENTER, code="validation")
    with db.atomic():
        error = decision is DuplicateStatus.DATA_ERROR
        values = {
            "status": decision.value,
            "correct_at": correct_at.strip().upper() if error else "",
            "note": note.strip(),
            "decided_by": session.user_id,
            "decided_at": utcnow(),
        }
        HqDuplicate.insert(national_code=national_code, **values).on_conflict(
            conflict_target=[HqDuplicate.national_code], update=values
        ).execute()
