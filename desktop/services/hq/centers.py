"""HQ's centers: what HQ holds from each (last number, files, lag), and their keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from desktop.models import Applicant, HqCenter, Role, utcnow
from desktop.models.base import tuples
from desktop.services.hq.setup import require_hq
from desktop.services.session import Session
from desktop.sync import envelope


@dataclass(frozen=True)
class CenterRow:
    code: str
    name: str
    city: str
    last_sequence: int
    files: int
    last_import_at: dt.datetime | None
    applicants: int
    approved: bool
    fingerprint: str  # of its signing key ("" before its first file)

    def lag_days(self, now: dt.datetime | None = None) -> int | None:
        """Days since HQ last applied a file of this center (None: never)."""
        if self.last_import_at is None:
            return None
        return ((now or utcnow()) - self.last_import_at).days


def list_centers(session: Session) -> list[CenterRow]:
    require_hq(session, Role.HQ_ADMIN, Role.HQ_ANALYST)
    counts = dict(
        tuples(
            Applicant.select(Applicant.center_code, fn.COUNT(Applicant.id))
            .where(Applicant.deleted == False)  # noqa: E712
            .group_by(Applicant.center_code)
        )
    )
    return [
        CenterRow(
            code=center.code,
            name=center.name,
            city=center.city,
            last_sequence=center.last_sequence,
            files=center.files,
            last_import_at=center.last_import_at,
            applicants=int(counts.get(center.code, 0)),
            approved=bool(center.approved),
            fingerprint=envelope.fingerprint(center.signing_key) if center.signing_key else "",
        )
        for center in HqCenter.select().order_by(HqCenter.code)
    ]
