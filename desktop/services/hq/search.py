"""The registry's search over every center's applicants at HQ: the same Persian-tolerant
search as a center's (services/applicant_search.py, on PostgreSQL its pg_trgm index),
each row with the center that registered the person."""

from __future__ import annotations

from typing import Any

from desktop.models import Applicant, Role
from desktop.models.base import tuples
from desktop.services.applicant_search import ApplicantSearch, Filters
from desktop.services.hq.setup import require_hq
from desktop.services.session import Session


def search_all(session: Session, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The fields of `applicants search --json`, and `center_code`."""
    require_hq(session, Role.HQ_ADMIN, Role.HQ_ANALYST)
    rows = ApplicantSearch(session, query, Filters()).rows(max(1, limit))
    ids = [row.id for row in rows]
    centers = (
        dict(
            tuples(
                Applicant.select(Applicant.id, Applicant.center_code).where(Applicant.id.in_(ids))
            )
        )
        if ids
        else {}
    )
    by_text = {str(key): code for key, code in centers.items()}
    return [{**row.fields(), "center_code": by_text.get(str(row.id), "")} for row in rows]
