"""A center's side of sync: set up from HQ's provisioning file, write a sync file of the
changes since the last one, read HQ's acknowledgement.

A sync file carries every change-log entry after the last one exported (or after the
number given, to send again what HQ says it lacks), sealed to HQ's reading key and
signed with this center's signing key (desktop/sync/envelope.py). Its header names the
center, the range, the counts per entity and the hash of the center's previous file,
and carries the center's public keys: HQ learns them from the first file, and the
*enrolment proof* (an HMAC of those keys under the secret of the provisioning file)
shows they came from whoever holds that file, so HQ accepts them without a phone call.

The files written are remembered (`SyncExport`); HQ's acknowledgement says how far HQ
holds this center's changes, brings HQ's reference data, the public keys and
certificate revocations of every center, and notices for the clerks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import IntegrityError

import desktop
from desktop import partial_files
from desktop.errors import UserError
from desktop.models import (
    ApplicantIndex,
    Center,
    ChangeLog,
    District,
    Partner,
    Role,
    Setting,
    SyncExport,
    SyncNotice,
    db,
    utcnow,
    writes,
)
from desktop.models.changelog import SEQUENCE_FLOOR
from desktop.models.migrations import current_version
from desktop.services import applicants, backups, center_keys, foreign_certificates
from desktop.services.demo_center import has_demo_data
from desktop.services.records import audit
from desktop.services.session import Session
from desktop.services.setup import CenterInfo, initialise_center
from desktop.services.sync_keys import (
    headquarters,
    keep_headquarters,
    reading_key,
)
from desktop.strings.sync import SyncMessages
from desktop.sync import changes, envelope
from desktop.sync.apply import upsert_rows
from desktop.sync.envelope import SyncFileError
from desktop.sync.replay import synced_models

PROVISION, CHANGES, ACK = "provision", "changes", "ack"
log = logging.getLogger(__name__)
SUFFIX = ".tavana-sync"
ENROLMENT_SECRET = "sync.enrolment_secret"  # from the provisioning file
LAST_ACK_SEQUENCE = "sync.last_ack_sequence"
LAST_ACK_AT = "sync.last_ack_at"
PENDING_EXPORT = "sync.pending_export"  # JSON: the sync file being written (settle_export)
GIVEN_UP = "sync.given_up:{}"  # JSON [[first, last], …]: numbers a center gave up (resume)
GIVEN_UP_FILE = "(held by HQ: given up after a restore)"  # the export ledger's row for them
READ_BATCH = 5_000  # change-log rows read at a time

Progress = Callable[[int, int], None]


def enrolment_proof(secret: str, signing: str, reading: str) -> str:
    """HMAC-SHA256 of a center's two public keys under its provisioning secret."""
    message = f"{signing}\n{reading}".encode("ascii")
    return hmac.new(bytes.fromhex(secret), message, hashlib.sha256).hexdigest()


def new_enrolment_secret() -> str:
    return secrets.token_hex(32)


# -- provisioning ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Provisioning:
    """What HQ's provisioning file says about this center and HQ."""

    center_code: str
    center_name: str
    city: str
    hq_name: str
    hq_signing_key: str
    hq_reading_key: str
    enrolment_secret: str
    reference: dict[str, list[dict[str, Any]]]

    @property
    def fingerprint(self) -> str:
        """HQ's signing key as a person compares it with HQ by phone."""
        return envelope.fingerprint(self.hq_signing_key)


def read_provisioning(path: str | Path) -> Provisioning:
    """The provisioning file at `path`, its signature checked against the HQ key it
    carries (a damaged file is refused; whether it is HQ's is what the fingerprint is
    for). Raises UserError."""
    data = _read(path)
    try:
        header = envelope.read_header(data)
        signing = str(header.get("hq_signing_key", ""))
        _, payload = envelope.open_sealed(
            data, kind=PROVISION, signer=envelope.ed25519_public(signing), recipient=None
        )
        body = json.loads(payload)
        # Signed by the key it carries: the contents are checked as a stranger's.
        envelope.x25519_public(str(body["hq"]["reading_key"]))
        bytes.fromhex(str(body["enrolment_secret"]))
        for name in ("district", "partner"):
            for row in body["reference"][name]:
                if not isinstance(row, dict) or not row.get("id") or not row.get("updated_at"):
                    raise ValueError(f"a {name} row without its id or time")
        return Provisioning(
            center_code=str(body["center"]["code"]),
            center_name=str(body["center"]["name"]),
            city=str(body["center"]["city"]),
            hq_name=str(body["hq"]["name"]),
            hq_signing_key=signing,
            hq_reading_key=str(body["hq"]["reading_key"]),
            enrolment_secret=str(body["enrolment_secret"]),
            reference={name: list(body["reference"][name]) for name in ("district", "partner")},
        )
    except SyncFileError as error:
        reason = SyncMessages.REFUSED.get(error.reason, error.reason)
        raise UserError(SyncMessages.NOT_A_PROVISIONING_FILE.format(reason=reason)) from error
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        reason = SyncMessages.REFUSED["bad_header"]
        raise UserError(SyncMessages.NOT_A_PROVISIONING_FILE.format(reason=reason)) from error


def set_up_from_provisioning(
    provisioning: Provisioning,
    *,
    admin_username: str,
    admin_display_name: str,
    password: str,
    admin_name_required: bool = True,
    password_confirm: str | None = None,
) -> CenterInfo:
    """Set up this center as HQ provisioned it, in one transaction: the center and its
    first administrator, HQ's keys, HQ's reference data, and this center's own keys."""
    try:
        return _set_up(provisioning, admin_username, admin_display_name, password,
                       admin_name_required, password_confirm)  # fmt: skip
    except (KeyError, TypeError, ValueError, IntegrityError, SyncFileError) as error:
        reason = SyncMessages.REFUSED["damaged_payload"]  # HQ's reference rows
        raise UserError(SyncMessages.NOT_A_PROVISIONING_FILE.format(reason=reason)) from error


def _set_up(
    provisioning: Provisioning,
    admin_username: str,
    admin_display_name: str,
    password: str,
    admin_name_required: bool,
    password_confirm: str | None,
) -> CenterInfo:
    with db.atomic():
        info = initialise_center(
            center_code=provisioning.center_code,
            center_name=provisioning.center_name,
            city=provisioning.city,
            admin_username=admin_username,
            admin_display_name=admin_display_name,
            password=password,
            admin_name_required=admin_name_required,
            password_confirm=password_confirm,  # the set-up dialog's repeat
        )
        keep_references(provisioning.reference)
        keep_headquarters(
            provisioning.hq_name, provisioning.hq_signing_key, provisioning.hq_reading_key
        )
        Setting.write(ENROLMENT_SECRET, provisioning.enrolment_secret)
        center_keys.signing_key(info.code)
        reading_key()
    return info


def keep_references(reference: dict[str, list[dict[str, Any]]]) -> None:
    """HQ's districts and partner bodies, as HQ sent them (HQ's rows: never logged here)."""
    for model, name in ((District, "district"), (Partner, "partner")):
        rows = reference.get(name, [])
        if rows:
            with writes.unlogged("HQ's reference data"):
                upsert_rows(model, rows)


# -- export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exported:
    path: Path
    seq_from: int
    seq_to: int
    changes: int
    counts: dict[str, int] = field(default_factory=dict)


def last_exported() -> int:
    value = SyncExport.select(SyncExport.seq_to).order_by(SyncExport.seq_to.desc()).scalar()
    return int(value or 0)


def export_changes(
    session: Session,
    folder: str | Path,
    *,
    since: int | None = None,
    upto: int | None = None,
    progress: Progress | None = None,
) -> Exported | None:
    """Write a sync file of the changes after `since` (default: after the last file
    written) and up to `upto` (default: all) into `folder`; None when there is nothing
    to send."""
    session.require(Role.ADMIN, Role.CLERK)
    if has_demo_data():
        raise UserError(SyncMessages.TRAINING, code="training")
    if (behind := backups.rewound()) is not None:
        raise UserError(backups.rewound_message(behind), code="rewound")
    hq = headquarters()
    settle_export()  # a file the last export wrote and could not count
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(SyncMessages.FOLDER_MISSING.format(folder=folder), code="folder_missing")
    code = session.center_code
    after = last_exported() if since is None else max(0, since)
    last = ChangeLog.last_seq(code) if upto is None else min(upto, ChangeLog.last_seq(code))
    # A center's log is numbered 1, 2, 3 … without a gap: the range says how many.
    counted: Counter[str] = Counter()
    batches = list(_batches(code, after, last, counted, progress)) if last > after else []
    if not batches:
        return None
    seq_from, seq_to = batches[0][0], batches[-1][1]
    total, counts = sum(counted.values()), dict(counted)
    with db.atomic():
        signer = center_keys.signing_key(code, session.user_id)
        reader = reading_key()
    signing, reading = envelope.public_text(signer), envelope.public_text(reader)
    secret = Setting.read(ENROLMENT_SECRET) or ""
    header = {
        "schema_version": current_version(db.obj),
        "app_version": desktop.__version__,
        "center_code": code,
        "center_name": _center_name(),
        "seq_from": seq_from,
        "seq_to": seq_to,
        "changes": total,
        "counts": dict(sorted(counts.items())),
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
        "previous_sha256": _previous_hash(seq_from),
        "signing_key": signing,
        "reading_key": reading,
        "enrolment_proof": enrolment_proof(secret, signing, reading) if secret else "",
        "training": False,
    }
    pieces = (text.encode("utf-8") for _, _, text in batches)
    data = envelope.seal(CHANGES, header, pieces, signer=signer, recipient=hq.reading_key)
    path = folder / f"{code}-{seq_from:09d}-{seq_to:09d}{SUFFIX}"
    mark = {
        "path": str(path.absolute()), "seq_from": seq_from, "seq_to": seq_to,
        "sha256": hashlib.sha256(data).hexdigest(), "changes": total,
        "created_by": session.user_id,
    }  # fmt: skip
    # The file and its row in the export ledger cannot be written as one: the row is
    # promised first, so a process killed between the file's rename and the ledger's
    # commit leaves the promise, and whoever looks next finds the file and counts it.
    with db.atomic():
        Setting.write(PENDING_EXPORT, json.dumps(mark))
    try:
        partial_files.write_whole(path, data)
    except OSError as error:
        with db.atomic():
            Setting.delete().where(Setting.key == PENDING_EXPORT).execute()
        message = SyncMessages.CANNOT_WRITE.format(folder=folder, error=error.strerror or error)
        raise UserError(message, code="cannot_write") from error
    settle_export()
    return Exported(path, seq_from, seq_to, total, counts)


def settle_export() -> None:
    """Count the sync file an export promised (PENDING_EXPORT) if it is there, whole, or
    drop the promise if it is not (the export failed or was killed before the rename)."""
    with db.atomic():
        value = Setting.read(PENDING_EXPORT)
        if value is None:
            return
        mark = json.loads(value)
        path = Path(mark["path"])
        try:
            there = hashlib.sha256(path.read_bytes()).hexdigest() == mark["sha256"]
        except OSError:
            there = False
        if there and SyncExport.get_or_none(SyncExport.seq_to == mark["seq_to"]) is None:
            SyncExport.create(
                seq_from=mark["seq_from"],
                seq_to=mark["seq_to"],
                file_name=path.name,
                sha256=mark["sha256"],
                changes=mark["changes"],
                created_by=mark["created_by"],
            )
        Setting.delete().where(Setting.key == PENDING_EXPORT).execute()


@dataclass(frozen=True)
class Resumed:
    """How a center put back behind HQ went on (`take_back`)."""

    taken_back: int  # rows HQ held newer than here (or that were missing), written here
    given_up: tuple[int, int]  # the change numbers HQ holds that this log does not
    renumbered: int  # this log's changes after the restore, now numbered after HQ's
    next_seq: int  # the number of this center's next change


def take_back(session: Session, rows: dict[str, list[dict[str, Any]]]) -> Resumed:
    """Go on after this database was put back behind what HQ holds (`backups.rewound`),
    from HQ's copy of this center's rows (an acknowledgement written `with_rows`).

    1. Every row HQ holds newer than here, or that is missing here, is written here
       through the write path, logged with HQ's values and times: the work lost with
       the newer history comes back, and with it the file numbers and serials it gave
       out, so none is given out twice. A row changed here since is newer: it stays.
    2. The history both share ends at the restored number; HQ holds numbers after it
       that this log does not. They are given up: this log's changes after the
       restore (step 1's and any made since) are numbered again after HQ's, so HQ
       receives one unbroken history and never a second change under a number it
       holds. Sent back, step 1's rows change nothing at HQ (the same times).
    3. The numbers given up count as sent (a row of the export ledger: the next file
       starts after them) and are a gap the audit trail's check accepts
       (`given_up_ranges`).

    Inside the caller's transaction (the acknowledgement's)."""
    behind = backups.rewound()
    if behind is None:
        raise UserError(SyncMessages.NOT_REWOUND, code="not_rewound")
    code = session.center_code
    by = writes.author(code, session.user_id)
    Setting.delete().where(Setting.key == backups.REWOUND).execute()  # writes may log again
    taken = 0
    for entity, model in synced_models().items():  # parents before children
        mine = [row for row in rows.get(entity, []) if row.get("center_code") == code]
        report = upsert_rows(model, mine, applicants.SEARCH_KEYS if entity == "applicant" else None)
        written = {str(key).replace("-", "") for key in report.written}
        back = [row for row in mine if str(row["id"]).replace("-", "") in written]
        writes.log_rows(model, back, by)
        if entity == "applicant":
            ApplicantIndex.reindex(report.written)
        taken += len(back)
    restored = behind[0]
    acknowledged = int(Setting.read(LAST_ACK_SEQUENCE) or 0)
    held = max(behind[1], acknowledged, restored)
    shift = held - restored
    moved = writes.renumber_after(code, restored, shift)
    # Files written since the restore carried numbers HQ holds as others: their changes
    # go again, under the new numbers.
    SyncExport.delete().where(SyncExport.seq_to > restored).execute()
    if shift:
        SyncExport.create(
            seq_from=last_exported() + 1,
            seq_to=held,
            file_name=GIVEN_UP_FILE,
            sha256="",
            changes=0,
            created_by=session.user_id,
        )
        Setting.write(SEQUENCE_FLOOR.format(code), str(held))
        ranges = [*given_up_ranges(code), (restored + 1, held)]
        Setting.write(GIVEN_UP.format(code), json.dumps(ranges))
    return Resumed(taken, (restored + 1, held), moved, ChangeLog.last_seq(code) + 1)


def given_up_ranges(code: str) -> list[tuple[int, int]]:
    """The ranges of change numbers this center gave up after restores (`take_back`)."""
    value = Setting.read(GIVEN_UP.format(code))
    return [(int(a), int(b)) for a, b in json.loads(value)] if value else []


def _batches(
    code: str, after: int, last: int, counted: Counter[str], progress: Progress | None
) -> Iterator[tuple[int, int, str]]:
    """The change-log entries after `after` up to `last` as payload text, a batch at a
    time by key: (first seq, last seq, its lines; every batch after the first starts
    with the newline that ends the batch before). `counted` is told each entity read."""
    param = db.obj.param
    total, done = last - after, 0
    while True:
        rows = db.execute_sql(
            f"SELECT seq, entity, {changes.LINE_SQL} FROM change_log "
            f"WHERE center_code = {param} AND seq > {param} AND seq <= {param} "
            f"ORDER BY seq LIMIT {READ_BATCH}",
            (code, after, last),
        ).fetchall()
        if not rows:
            return
        counted.update(entity for _, entity, _ in rows)
        text = "\n".join(line for _, _, line in rows)
        yield rows[0][0], rows[-1][0], text if done == 0 else "\n" + text
        done += len(rows)
        after = rows[-1][0]
        if progress is not None:
            progress(done, total)


def _center_name() -> str:
    local = Center.local()
    return local.name if local else ""


def _previous_hash(seq_from: int) -> str:
    """The hash of the file before this one (the last written below `seq_from`)."""
    previous = (
        SyncExport.select(SyncExport.sha256)
        .where(SyncExport.seq_to < seq_from)
        .order_by(SyncExport.seq_to.desc())
        .scalar()
    )
    return str(previous or "")


# -- status ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    center_code: str
    last_exported_seq: int
    last_acknowledged_seq: int
    pending_changes: int
    last_ack_at: dt.datetime | None
    last_seq: int  # the change log's last number

    @property
    def hq_lacks(self) -> tuple[int, int] | None:
        """The range written to files that HQ says it does not hold (send it again)."""
        if self.last_ack_at is not None and self.last_acknowledged_seq < self.last_exported_seq:
            return self.last_acknowledged_seq + 1, self.last_exported_seq
        return None


def sync_status(session: Session) -> SyncStatus:
    code = session.center_code
    settle_export()
    exported = last_exported()
    last_seq = ChangeLog.last_seq(code)
    acknowledged = int(Setting.read(LAST_ACK_SEQUENCE) or 0)
    at = Setting.read(LAST_ACK_AT)
    return SyncStatus(
        center_code=code,
        last_exported_seq=exported,
        last_acknowledged_seq=acknowledged,
        pending_changes=max(0, last_seq - exported),
        last_ack_at=dt.datetime.fromisoformat(at) if at else None,
        last_seq=last_seq,
    )


# -- acknowledgements ------------------------------------------------------------------------


@dataclass(frozen=True)
class AckRead:
    last_sequence: int
    created_at: dt.datetime
    centers: int
    revoked: int
    notices: int
    resumed: Resumed | None = None  # a center behind HQ that took its rows back


def import_ack(session: Session, path: str | Path) -> AckRead:
    """Read HQ's acknowledgement for this center: signed by HQ, encrypted to this
    center's reading key. Raises UserError; nothing changes then."""
    session.require(Role.ADMIN, Role.CLERK)
    hq = headquarters()
    data = _read(path)
    try:
        with db.atomic():
            reader = reading_key()
        header, payload = envelope.open_sealed(
            data, kind=ACK, signer=hq.signing_key, recipient=reader
        )
        body = json.loads(payload)
    except SyncFileError as error:
        reason = SyncMessages.REFUSED.get(error.reason, error.reason)
        raise UserError(SyncMessages.NOT_AN_ACK.format(reason=reason), code=error.reason) from error
    except ValueError as error:
        reason = SyncMessages.REFUSED["damaged_payload"]
        raise UserError(SyncMessages.NOT_AN_ACK.format(reason=reason), code="damaged") from error
    if header.get("center_code") != session.center_code:
        message = SyncMessages.ACK_FOR_ANOTHER_CENTER.format(center=header.get("center_code"))
        raise UserError(message, code="another_center")
    # Signed by HQ, and still read as a stranger's: a body of another shape (a newer or
    # broken HQ) is refused as damaged, its transaction undone, never half-read.
    try:
        return _apply_ack(session, header, body)
    except (AttributeError, KeyError, TypeError, ValueError, IntegrityError) as error:
        log.warning("an acknowledgement of another shape: %r", error)
        reason = SyncMessages.REFUSED["damaged_payload"]
        raise UserError(SyncMessages.NOT_AN_ACK.format(reason=reason), code="damaged") from error
    except SyncFileError as error:
        reason = SyncMessages.REFUSED.get(error.reason, error.reason)
        raise UserError(SyncMessages.NOT_AN_ACK.format(reason=reason), code=error.reason) from error


def _apply_ack(session: Session, header: dict[str, Any], body: dict[str, Any]) -> AckRead:
    if not isinstance(body, dict):
        raise TypeError("the body is not an object")
    created = dt.datetime.fromisoformat(str(header["created_at"]).removesuffix("Z"))
    before = Setting.read(LAST_ACK_AT)
    if before and dt.datetime.fromisoformat(before) > created:
        raise UserError(SyncMessages.ACK_OLDER, code="older")
    with db.atomic():
        keep_references(body.get("reference", {}))
        foreign = foreign_certificates.keep(session.center_code, body)
        notices = 0
        for notice in body.get("notices", []):
            if SyncNotice.get_or_none(SyncNotice.key == notice["key"]) is None:
                SyncNotice.create(
                    key=notice["key"],
                    national_code=notice.get("national_code", ""),
                    message=notice["message"],
                )
                notices += 1
        held = int(body["last_sequence"])
        Setting.write(LAST_ACK_SEQUENCE, str(held))
        Setting.write(LAST_ACK_AT, created.isoformat())
        # HQ holds numbers this database never had: it was put back from a copy (by a
        # restore, or a file copied by hand) behind what it sent. Its next changes
        # would reuse them; exports wait for `resume`.
        recorded = ChangeLog.last_seq(session.center_code)
        if held > recorded and backups.rewound() is None:
            backups.mark_rewound(recorded, held)
        # Behind HQ, and HQ sent this center's rows: take them back and go on.
        resumed = None
        if backups.rewound() is not None and isinstance(body.get("rows"), dict):
            resumed = take_back(session, body["rows"])
    if resumed is not None:
        first, last = resumed.given_up
        audit(
            session, "sync_resumed",
            f"{resumed.taken_back} rows taken back from HQ; numbers {first}-{last} given up; "
            f"{resumed.renumbered} changes renumbered; next {resumed.next_seq}",
        )  # fmt: skip
    return AckRead(
        int(body["last_sequence"]), created, foreign.centers, foreign.revoked, notices, resumed
    )


def _read(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        message = SyncMessages.FILE_UNREADABLE.format(error=error.strerror or error)
        raise UserError(message, code="unreadable") from error


# -- notices for the clerks ------------------------------------------------------------------


def notices(session: Session) -> list[SyncNotice]:
    """HQ's notices this center's clerks have not yet marked done, oldest first."""
    session.require(Role.ADMIN, Role.CLERK)
    return list(
        SyncNotice.select()
        .where(SyncNotice.done == False)  # noqa: E712
        .order_by(SyncNotice.received_at, SyncNotice.key)
    )


def mark_notice_done(session: Session, key: str) -> None:
    """A clerk has dealt with the notice `key` (it leaves the list; HQ never sends it
    again)."""
    session.require(Role.ADMIN, Role.CLERK)
    with db.atomic():
        SyncNotice.update(done=True).where(SyncNotice.key == key).execute()
