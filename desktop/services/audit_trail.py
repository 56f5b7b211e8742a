"""The audit trail: every change (the change log) and every event and sensitive read
(the audit log: logins, opening an applicant's file, a search by national code, an
export, a print), each entry chained to the one before by its hash (models/chain.py).

`verify` walks both chains — each center's change log in sequence order, the audit log
in order of writing — and names the first entry that was edited or is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from desktop.models import Role, db
from desktop.models.chain import AUDIT_FIELDS, CHANGE_FIELDS, Break, first_break
from desktop.services.session import Session


@dataclass(frozen=True)
class Verdict:
    changes: int  # change-log entries walked
    events: int  # audit-log entries walked
    broken: Break | None  # the first break, or None: both chains whole


def verify(session: Session) -> Verdict:
    session.require(Role.ADMIN, Role.HQ_ADMIN)
    param = db.obj.param
    counted = {"changes": 0, "events": 0}

    def rows(sql: str, params: tuple[Any, ...], kind: str) -> Iterator[tuple[Any, ...]]:
        for row in db.execute_sql(sql, params):
            counted[kind] += 1
            yield row

    centers = [c for (c,) in db.execute_sql("SELECT DISTINCT center_code FROM change_log")]
    for center in sorted(centers):
        sql = (
            f"SELECT seq, entry_hash, {', '.join(CHANGE_FIELDS)} FROM change_log "
            f"WHERE center_code = {param} ORDER BY seq"
        )
        found = first_break(
            "change_log", rows(sql, (center,), "changes"), CHANGE_FIELDS,
            numbered=True, center_code=center,
        )  # fmt: skip
        if found is not None:
            return Verdict(counted["changes"], 0, found)
    sql = f"SELECT id, entry_hash, {', '.join(AUDIT_FIELDS)} FROM audit_log ORDER BY id"
    found = first_break("audit_log", rows(sql, (), "events"), AUDIT_FIELDS, numbered=False)
    return Verdict(counted["changes"], counted["events"], found)
