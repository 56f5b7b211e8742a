"""A certificate PDF and the count of its prints appear together, even if killed.

Every print counts: a certificate printed before is a reprint («المثنی» on paper, an
audit entry "reprint"). So a finished PDF must never exist without its prints counted
(its next copy would not be marked), nor a print be counted for a PDF never finished.
A file system rename and a database commit cannot be one atomic step; this makes them
look like one:

1. the PDF is written under a temporary name beside the target (desktop/partial_files.py);
2. the print is recorded as pending — the certificates, the temporary and the target
   paths, the process — and committed;
3. in one transaction: the prints are counted, the pending record removed, the file
   renamed to the target; then the commit. If the commit fails, the renamed file is
   removed again.

A process killed anywhere leaves either nothing, a stale temporary file (removed by
the next writer into that folder), or a pending record, which the next print settles
once the process is gone (`settle_interrupted`): the temporary file still there means
it was never renamed — removed, nothing counted; gone means it was renamed — counted.
A record whose process is on another machine is left for that machine.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop import partial_files
from desktop.models import Center, Certificate, Setting, db, writes
from desktop.models.base import tuples
from desktop.processes import ProcessMark, is_running, this_process
from desktop.services.records import audit
from desktop.services.session import Session

PENDING_PREFIX = "certificate_print_pending:"
log = logging.getLogger(__name__)


def write_counted(
    session: Session,
    certificate_ids: Sequence[str],
    target: Path,
    render: Callable[[Path], object],
) -> None:
    """`render(path)` writes the whole PDF at a temporary path; then it becomes `target`
    and each certificate's print is counted, as one step (see the module docstring).
    Nothing is counted and no file appears if rendering fails or is cancelled."""
    partial_files.remove_stale(target.parent)
    partial = partial_files.reserve(target)
    try:
        render(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _publish(session, certificate_ids, partial, target)


def settle_interrupted() -> int:
    """Finish the prints of processes killed between steps 2 and 3; how many."""
    settled = 0
    here = this_process().host
    for key, value in tuples(
        Setting.select(Setting.key, Setting.value).where(Setting.key.startswith(PENDING_PREFIX))
    ):
        pending = json.loads(value)
        owner = ProcessMark.from_dict(pending.get("owner"))
        if owner is not None and (owner.host != here or is_running(owner)):
            continue
        partial = Path(pending["partial"])
        with db.atomic():
            if Setting.get_or_none(Setting.key == key) is None:
                continue  # settled meanwhile by another process
            renamed = not partial.exists()
            if renamed:
                log.warning("counting a print whose process ended before it was counted")
                _count(pending["certificates"], _printer(pending))
            Setting.delete().where(Setting.key == key).execute()
        if not renamed:
            partial.unlink(missing_ok=True)
        settled += 1
    return settled


def _publish(session: Session, certificate_ids: Sequence[str], partial: Path, target: Path) -> None:
    key = f"{PENDING_PREFIX}{uuid.uuid4().hex}"
    ids = [str(cid) for cid in certificate_ids]
    record = {
        "owner": this_process().as_dict(),
        "partial": str(partial),
        "target": str(target),
        "certificates": ids,
        "user_id": session.user_id,
        "username": session.username,
        "center_code": session.center_code,
    }
    try:
        with db.atomic():
            Setting.write(key, json.dumps(record))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    renamed = False
    try:
        with db.atomic():
            _count(ids, session)
            Setting.delete().where(Setting.key == key).execute()
            os.replace(partial, target)
            renamed = True
    except BaseException:
        if renamed:  # the commit failed: the file must not stand without its count
            _take_back(target, partial)
        _forget(key, partial)
        raise


def _take_back(target: Path, partial: Path) -> None:
    try:
        os.replace(target, partial)
    except OSError:
        target.unlink(missing_ok=True)


def _forget(key: str, partial: Path) -> None:
    """Drop a print that did not happen: its pending record, then its file. Should the
    record stay (the database failing), so does the file under its temporary name, and
    settling it later finds it never renamed: nothing is counted."""
    with db.atomic():
        Setting.delete().where(Setting.key == key).execute()
    partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Printer:
    """Who printed, for a print settled after their process ended: the change log's
    author and the audit trail's actor, as their session was."""

    center_code: str
    user_id: str | None
    username: str


def _printer(pending: dict[str, str]) -> _Printer:
    """The printer of a pending record (one written before records named the center:
    this installation's center)."""
    center = pending.get("center_code")
    if not center:
        local = Center.local()
        center = local.code if local is not None else ""
    return _Printer(center, pending.get("user_id"), pending.get("username", ""))


def _count(certificate_ids: Sequence[str], by: Session | _Printer) -> None:
    """Raise each certificate's print count (inside the caller's transaction); a print
    after the first is audited as a reprint."""
    for certificate_id in certificate_ids:
        row = Certificate.get_by_id(certificate_id)
        if row.print_count > 0:
            audit(by, "reprint", row.serial)
        row.print_count += 1
        writes.update(row, by)
