"""The reports the programme is judged by, on a center's data or HQ's merged data:

- funnel: registered → counselled → trained → certified → employed → empowered;
- commitments: partner bodies' employment commitments against outcomes credited;
- ideas: received, screened, selected, funded, launched;
- courses: run, capacity used, completion and failure, certificates;
- sales: per shop, producer, category and month; top products; earnings; returns.

`build_report(session, kind, start, end, district=, center=)` gives a `Report`: its
tables (the first is the report's own; the others break it down, `--by` names them)
and a chart. The same call serves the report page, the spreadsheet and PDF exports
and `python -m desktop report`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.errors import UserError
from desktop.models import Role, db
from desktop.services.hq.setup import HQ_ROLES
from desktop.services.reports.commitments import commitments
from desktop.services.reports.core import (
    Chart,
    Column,
    Report,
    Scope,
    Table,
    on_sqlite,
    scope_for,
)
from desktop.services.reports.courses import courses
from desktop.services.reports.funnel import STAGES, funnel
from desktop.services.reports.ideas import ideas
from desktop.services.reports.sales import sales
from desktop.services.session import Session
from desktop.strings.reports import Reports

WORK_MEM = "128MB"  # PostgreSQL's memory for a report's sorts and hashes, each
KINDS = ("funnel", "commitments", "ideas", "courses", "sales")
TITLES = {
    "funnel": Reports.FUNNEL,
    "commitments": Reports.COMMITMENTS,
    "ideas": Reports.IDEAS,
    "courses": Reports.COURSES,
    "sales": Reports.SALES,
}

_CASEWORK = (Role.ADMIN, Role.CLERK, *HQ_ROLES)
READERS: dict[str, tuple[Role, ...]] = {
    "funnel": _CASEWORK,
    "commitments": _CASEWORK,
    "ideas": _CASEWORK,
    "courses": (Role.ADMIN, Role.CLERK, Role.TRAINER, *HQ_ROLES),
    "sales": (Role.ADMIN, Role.SHOP, *HQ_ROLES),
}

_BUILDERS: dict[str, Callable[..., Report]] = {
    "funnel": funnel,
    "commitments": commitments,
    "ideas": ideas,
    "courses": courses,
    "sales": sales,
}


def kinds_for(session: Session) -> list[str]:
    """The reports `session`'s role may open, in the order of KINDS."""
    return [kind for kind in KINDS if session.role in READERS[kind]]


def build_report(
    session: Session,
    kind: str,
    start: dt.date,
    end: dt.date,
    *,
    district: int | None = None,
    center: str | None = None,
    today: dt.date | None = None,
) -> Report:
    """The report `kind` over local days `start` … `end`."""
    if kind not in _BUILDERS:
        raise UserError(Reports.UNKNOWN_KIND)
    session.require(*READERS[kind])
    scope = scope_for(session, start, end, district, center)
    hq = session.role in HQ_ROLES
    today = today or dt.date.today()
    with _reading():
        if kind == "sales" and session.role is Role.SHOP:
            return sales(scope, hq=hq, today=today, shop=session.shop_id)
        return _BUILDERS[kind](scope, hq=hq, today=today)


@contextmanager
def _reading() -> Iterator[None]:
    """On PostgreSQL a report is one transaction (every table from one snapshot) with
    room to group in memory: PostgreSQL's default 4 MB of work_mem sent the funnel's
    grouping of 640,000 people to disk (a sort merged in 12 MB files, 1.3 s). SQLite
    needs neither: its reads see one snapshot per statement and sort in its cache."""
    if on_sqlite():
        yield
        return
    with db.atomic():
        db.execute_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
        yield


__all__ = [
    "KINDS",
    "READERS",
    "STAGES",
    "TITLES",
    "Chart",
    "Column",
    "Report",
    "Scope",
    "Table",
    "build_report",
    "kinds_for",
]
