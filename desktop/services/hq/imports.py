"""Import centers' sync files at HQ: verify, decrypt, check the range, apply, record.

For each file, in this order, the first check that fails refuses it (recorded in the
inbox of refused files, with the reason; nothing else changes):

1. it reads as a sync file of changes (`not_a_sync_file`, `truncated`, …);
2. the same bytes were imported before → `already imported` (not a refusal);
3. its center was provisioned here (`unknown_center`), it is not a training database
   (`training`), its schema is not newer than HQ's (`newer_schema`);
4. its signing key is the center's: the first file registers it, accepted at once when
   its enrolment proof holds (the provisioning secret), else held until an hq_admin
   approves it (`awaiting_approval`); a file signed with another key is `bad_signature`;
5. the signature holds and it decrypts with HQ's reading key;
6. its range joins what HQ holds: a range HQ already holds → `already imported`; a
   range that starts past HQ's next number → `gap`, naming the missing numbers.

Then the whole file is applied in one transaction with its ledger row and the center's
new last number (desktop/sync/apply.py: set-based upserts), and the national codes it
brought that another center also holds become duplicate cases.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from peewee import IntegrityError, SqliteDatabase

from desktop.errors import UserError
from desktop.models import (
    ApplicantIndex,
    HqCenter,
    HqDuplicate,
    HqImport,
    HqRefusal,
    db,
    utcnow,
)
from desktop.models.backend import is_sqlite
from desktop.models.db import execute_many, larger_cache
from desktop.models.deferred_indexes import drop_indexes, restore_indexes
from desktop.models.migrations import current_version
from desktop.services import applicants
from desktop.services.center_sync import CHANGES, enrolment_proof
from desktop.services.hq.setup import require_hq
from desktop.services.session import Session
from desktop.services.sync_keys import reading_key
from desktop.strings.sync import HqMessages
from desktop.sync import changes as change_lines
from desktop.sync import envelope
from desktop.sync.apply import EntityReport, apply_changes
from desktop.sync.envelope import SyncFileError

IMPORTED, ALREADY, REFUSED = "imported", "already imported", "refused"

# HQ makes an applicant's search keys (local-only: they never travel) from the names.
_LOCAL_VALUES = {"applicant": applicants.SEARCH_KEYS}


@dataclass(frozen=True)
class ImportOutcome:
    file: str
    status: str  # IMPORTED, ALREADY or REFUSED
    center_code: str = ""
    changes: int = 0
    seq_from: int = 0
    seq_to: int = 0
    reason: str = ""  # a refusal's code
    detail: str = ""  # and what it means, in English
    report: dict[str, EntityReport] = field(default_factory=dict)

    @property
    def line(self) -> str:
        """The one line `hq import` prints for the file."""
        if self.status == IMPORTED:
            return f"imported: {self.file}: {self.changes} changes"
        if self.status == ALREADY:
            return f"already imported: {self.file}"
        detail = f" ({self.detail})" if self.detail else ""
        return f"refused: {self.file}: {self.reason}{detail}"


class _Refused(Exception):
    def __init__(self, reason: str, detail: str = "", center: str = ""):
        super().__init__(reason)
        self.reason, self.detail, self.center = reason, detail, center


def import_files(
    session: Session,
    paths: Sequence[str | Path],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[ImportOutcome]:
    """Import files one after another, each center's in sequence order whatever the
    order given (`_in_sequence`: a folder's listing is in no useful order).

    A batch that brings at least as many applicants as HQ holds, and `LARGE_BATCH` or
    more (the first merge of a city, a restored HQ), is written with the applicant
    indexes that are only ways in left out, and those built once at the end
    (`_deferred_indexes`). (Reading and decrypting the next file on a second thread
    while this one was written saved nothing measurable on 2 cores: 22 files of 50,000
    changes took 54.1–57.1 s so and 53.9–57.6 s one after another, bench/sync.py.)"""
    require_hq(session)
    headers = {Path(path): _peek(Path(path)) for path in paths}
    ordered = _in_sequence(headers)
    reader = _reader()
    outcomes = []
    with larger_cache(), _deferred_indexes(_applicants_in(headers.values())):
        for number, path in enumerate(ordered, start=1):
            outcomes.append(_import_read(session, _Read.of(path, reader)))
            if progress is not None:
                progress(number, len(ordered))
    return outcomes


def _peek(path: Path) -> dict[str, Any] | None:
    """A file's header, or None when it has none to read (the import says why)."""
    try:
        with open(path, "rb") as stream:
            return envelope.peek_header(stream.read(envelope.MAX_HEADER))
    except (OSError, SyncFileError):
        return None


def _in_sequence(headers: dict[Path, dict[str, Any] | None]) -> list[Path]:
    """Files sorted by center and first number where their headers say so (a folder's
    listing is in no useful order); unreadable ones keep their place at the end."""

    def key(path: Path) -> tuple[int, str, int, str]:
        header = headers[path]
        if header is None:
            return (1, "", 0, path.name)
        return (0, str(header.get("center_code", "")), int(header.get("seq_from", 0)), path.name)

    return sorted(headers, key=key)


def _applicants_in(headers: Iterable[dict[str, Any] | None]) -> int:
    """The applicant changes a batch's headers announce (a hint: the payload rules)."""
    total = 0
    for header in headers:
        counts = (header or {}).get("counts")
        if isinstance(counts, dict) and isinstance(counts.get("applicant"), int):
            total += max(0, counts["applicant"])
    return total


# From this many applicant changes in one batch on, as many as HQ holds or more, the
# merge leaves the scattered applicant indexes out while it writes. Measured with
# bench/sync.py (22 files into an empty HQ, 550,000 applicants, 2 cores, idle):
# 68.7–72.1 s with them kept, 53.8–57.6 s without them — of which about 5.4 s builds
# the six at the end. A smaller batch into a larger HQ keeps them: rebuilding an index
# of the rows HQ holds would cost more than the batch's writes save.
LARGE_BATCH = 100_000
# The applicant columns whose indexes take rows in random order (names, mobiles,
# registration days); the unique ones stay (a clash refuses the file) and so does the
# national-code one, which each file's search for duplicates reads.
_SCATTERED = frozenset({"sort_name", "name_keys", "mobile", "registered_on"})


@contextlib.contextmanager
def _deferred_indexes(incoming: int) -> Iterator[None]:
    if incoming < LARGE_BATCH or not is_sqlite(db.obj):  # PostgreSQL keeps its indexes
        yield
        return
    held = int(db.execute_sql("SELECT count(*) FROM applicant").fetchone()[0])
    deferred = incoming >= held and drop_indexes(db.obj, "applicant", _SCATTERED, unique=False)
    try:
        yield
    finally:
        if deferred:
            restore_indexes(db.obj, owned=True)


def import_file(session: Session, path: str | Path) -> ImportOutcome:
    require_hq(session)
    return _import_read(session, _Read.of(Path(path), _reader()))


def _reader() -> X25519PrivateKey:
    with db.atomic():
        return reading_key()


@dataclass
class _Read:
    """A file as read from disk, and — when asked — its signature checked under the key
    its header names and its payload decrypted and split into lines. Whether
    that key is the center's is the import's check (`_import_read`), against HQ's
    records."""

    name: str
    reader: X25519PrivateKey
    data: bytes = b""
    digest: str = ""
    unreadable: _Refused | None = None

    @classmethod
    def of(cls, path: Path, reader: X25519PrivateKey) -> _Read:
        try:
            data = path.read_bytes()
        except OSError as error:
            return cls(path.name, reader, unreadable=_Refused("unreadable", error.strerror or ""))
        return cls(path.name, reader, data, hashlib.sha256(data).hexdigest())

    def lines(self, header: dict[str, Any]) -> list[change_lines.Line]:
        try:
            signer = envelope.ed25519_public(str(header.get("signing_key", "")))
            _, payload = envelope.open_sealed(
                self.data, kind=CHANGES, signer=signer, recipient=self.reader
            )
            return change_lines.split(payload)
        except (SyncFileError, ValueError) as error:
            reason = error.reason if isinstance(error, SyncFileError) else "bad_header"
            detail = getattr(error, "detail", str(error))
            raise _Refused(reason, detail, str(header.get("center_code", ""))) from None


def _import_read(session: Session, read: _Read) -> ImportOutcome:
    if read.unreadable is not None:
        return _refuse(read.name, "", read.unreadable)
    if HqImport.get_or_none(HqImport.sha256 == read.digest) is not None:
        return ImportOutcome(read.name, ALREADY)
    try:
        return _import(session, read)
    except _Refused as refused:
        return _refuse(read.name, read.digest, refused)


def _import(session: Session, read: _Read) -> ImportOutcome:
    name, digest = read.name, read.digest
    header = _header(read.data)
    code = str(header.get("center_code", ""))
    center = HqCenter.get_or_none(HqCenter.code == code)
    if center is None:
        raise _Refused("unknown_center", f"no center {code!r} was provisioned here", code)
    if header.get("training"):
        raise _Refused("training", "a training database's file", code)
    if int(header.get("schema_version", 0)) > current_version(db.obj):
        raise _Refused("newer_schema", f"schema {header.get('schema_version')}", code)
    signing = str(header.get("signing_key", ""))
    if center.approved and signing != center.signing_key:
        raise _Refused("bad_signature", "signed with another key than the center's", code)
    # The signature holds under the header's key, which is the center's once approved.
    found = read.lines(header)
    if not center.approved:
        _enrol(center, header)
    seq_from, seq_to = int(header["seq_from"]), int(header["seq_to"])
    seqs = [change.seq for change in found]
    if not seqs or seqs != list(range(seq_from, seq_to + 1)):
        raise _Refused("damaged_payload", "its changes are not the range it names", code)
    last = center.last_sequence
    if seq_to <= last:
        return ImportOutcome(name, ALREADY, code, 0, seq_from, seq_to)
    if seq_from > last + 1:
        detail = f"missing {last + 1}-{seq_from - 1}: import the file(s) with those first"
        raise _Refused("gap", detail, code)
    todo = [change for change in found if change.seq > last]
    try:
        with db.atomic():
            report = apply_changes(todo, code, _LOCAL_VALUES)
            if "applicant" in report:
                ApplicantIndex.reindex(report["applicant"].written)
            HqImport.create(
                center_code=code,
                seq_from=seq_from,
                seq_to=seq_to,
                sha256=digest,
                file_name=_fitted(HqImport.file_name, name),
                imported_by=session.user_id,
                report=json.dumps({k: v.summary() for k, v in report.items()}),
            )
            HqCenter.update(
                last_sequence=seq_to,
                files=HqCenter.files + 1,
                last_import_at=utcnow(),
                reading_key=str(header.get("reading_key") or center.reading_key),
            ).where(HqCenter.code == code).execute()
            if "applicant" in report:
                _note_duplicates(report["applicant"].written)
    except SyncFileError as error:
        raise _Refused(error.reason, error.detail, code) from None
    except IntegrityError as error:
        # A row that clashes with another center's on a key both must keep unique (a
        # certificate's random code, say): nothing of the file is applied; HQ decides.
        raise _Refused("conflict", " ".join(str(error).split())[:300], code) from None
    return ImportOutcome(name, IMPORTED, code, len(todo), seq_from, seq_to, report=report)


def _header(data: bytes) -> dict[str, Any]:
    try:
        header = envelope.read_header(data)
    except SyncFileError as error:
        raise _Refused(error.reason, error.detail) from None
    if header.get("kind") != CHANGES:
        raise _Refused("wrong_kind", f"a {header.get('kind')} file, not a changes file")
    for name in ("seq_from", "seq_to", "schema_version"):
        if not isinstance(header.get(name), int):
            raise _Refused("bad_header", f"no {name}")
    if header.get("reading_key"):  # kept for the acknowledgements HQ seals to it
        try:
            envelope.x25519_public(str(header["reading_key"]))
        except ValueError:
            raise _Refused("bad_header", "its reading_key is not a key") from None
    return header


def _enrol(center: HqCenter, header: dict[str, Any]) -> None:
    """A first file (its signature holds under the key it carries): the key is accepted
    when the enrolment proof holds, else kept for an hq_admin to approve (a later
    unapproved key replaces it; the approval names the fingerprint it approves)."""
    signing, reading = str(header["signing_key"]), str(header.get("reading_key", ""))
    proof = str(header.get("enrolment_proof", ""))
    secret = center.enrolment_secret
    proven = bool(secret) and hmac.compare_digest(proof, enrolment_proof(secret, signing, reading))
    with db.atomic():
        HqCenter.update(
            signing_key=signing,
            reading_key=reading,
            approved=proven,
            approved_at=utcnow() if proven else None,
        ).where(HqCenter.code == center.code).execute()
    if not proven:
        detail = f"key {envelope.fingerprint(signing)} awaits an hq_admin's approval"
        raise _Refused("awaiting_approval", detail, center.code)


def _refuse(name: str, digest: str, refused: _Refused) -> ImportOutcome:
    with db.atomic():
        HqRefusal.create(
            file_name=_fitted(HqRefusal.file_name, name),
            sha256=digest,
            center_code=_fitted(HqRefusal.center_code, refused.center),
            reason=refused.reason,
            detail=refused.detail,
        )
    return ImportOutcome(
        name, REFUSED, refused.center, reason=refused.reason, detail=refused.detail
    )


def _fitted(column: Any, text: str) -> str:
    """`text` cut to what `column` holds: a file renamed at length, or a header whose
    center code is no code, is still recorded (PostgreSQL refuses a longer value)."""
    return text[: column.max_length]


def _note_duplicates(written: list[Any]) -> None:
    """Open a case for each national code among the applicants a file wrote that
    another center holds too (not deleted at both), unless HQ has one: one statement
    over the index on national codes, the written ids in a temporary table."""
    if not written:
        return
    p = db.obj.param
    on_sqlite = isinstance(db.obj, SqliteDatabase)
    temp = "temp." if on_sqlite else ""
    kind = "TEXT" if on_sqlite else "uuid"
    db.execute_sql(f"CREATE TEMP TABLE IF NOT EXISTS sync_written (id {kind} PRIMARY KEY)")
    db.execute_sql(f"DELETE FROM {temp}sync_written")
    execute_many(f"INSERT INTO {temp}sync_written (id) VALUES ({p})", [(key,) for key in written])
    rows = db.execute_sql(
        "SELECT a.national_code FROM applicant a WHERE a.deleted = "
        f"{p} AND a.national_code IN (SELECT w.national_code FROM applicant w "
        f"JOIN {temp}sync_written s ON s.id = w.id WHERE w.deleted = {p}) "
        "AND a.national_code NOT IN (SELECT national_code FROM hq_duplicate) "
        "GROUP BY a.national_code HAVING COUNT(DISTINCT a.center_code) > 1",
        (False, False),
    ).fetchall()
    db.execute_sql(f"DELETE FROM {temp}sync_written")
    if rows:
        HqDuplicate.insert_many([{"national_code": code} for (code,) in rows]).execute()


def approve(session: Session, code: str, fingerprint: str) -> HqCenter:
    """An hq_admin approves the signing key a center's first file brought, named by its
    fingerprint (compared with the center's, by phone); its files are imported from
    then on."""
    require_hq(session)
    with db.atomic():
        center = HqCenter.get_or_none(HqCenter.code == code.strip().upper())
        if (
            center is None
            or not center.signing_key
            or envelope.fingerprint(center.signing_key) != fingerprint.strip().upper()
        ):
            raise UserError(HqMessages.UNKNOWN_CENTER.format(code=code), code="not_found")
        HqCenter.update(approved=True, approved_at=utcnow()).where(
            HqCenter.code == center.code
        ).execute()
    return HqCenter.get(HqCenter.code == center.code)


def refusals(session: Session) -> list[HqRefusal]:
    require_hq(session)
    return list(
        HqRefusal.select().where(~HqRefusal.dismissed).order_by(HqRefusal.refused_at.desc())
    )


def imported_since(day: dt.date) -> int:
    return int(HqImport.select().where(HqImport.imported_at >= day).count())
