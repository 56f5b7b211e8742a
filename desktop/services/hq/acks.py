"""The acknowledgement HQ writes for a center: signed by HQ, encrypted to the center's
reading key (it names people: other centers' certificate holders).

It says how far HQ holds the center's changes (`last_sequence`: the center sends again
what lies beyond, if a file was lost), and brings HQ's reference data, the public
signing keys of every approved center and every other center's certificates with their
revocations, so that a certificate printed anywhere verifies at this center offline —
and the notices for the center's clerks (national codes HQ found to be data errors).

`with_rows` adds every row of the center that HQ holds: for a center put back from a
backup behind what it had sent (services/center_sync.py `take_back`), which gets back
the work HQ holds and it lost, and with it the file numbers and serials it gave out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop import partial_files
from desktop.errors import UserError
from desktop.models import Center, CenterKey, Certificate, HqCenter, HqDuplicate, db, utcnow
from desktop.models.reference_data import HQ_CENTER_CODE
from desktop.models.sync import DuplicateStatus
from desktop.services import center_keys
from desktop.services.center_sync import ACK, SUFFIX
from desktop.services.certificate_records import signed_fields
from desktop.services.hq.setup import reference_rows, require_hq
from desktop.services.session import Session
from desktop.strings.sync import HqMessages, SyncMessages
from desktop.sync import envelope
from desktop.sync.replay import synced_models


def write_ack(session: Session, code: str, folder: str | Path, *, with_rows: bool = False) -> Path:
    """The acknowledgement for center `code`, written into `folder` (with the center's
    own rows as HQ holds them when `with_rows`)."""
    require_hq(session)
    center = HqCenter.get_or_none(HqCenter.code == code.strip().upper())
    if center is None:
        raise UserError(HqMessages.UNKNOWN_CENTER.format(code=code), code="not_found")
    if not center.reading_key or not center.approved:
        raise UserError(HqMessages.NO_FILE_YET.format(code=center.code), code="no_file_yet")
    with db.atomic():
        signer = center_keys.signing_key(HQ_CENTER_CODE, session.user_id)
    hq = Center.local()
    created = utcnow().isoformat(timespec="seconds")
    # Each center's key as its own files brought it (the same row, id and all).
    keys = {row.center_code: row.sync_row() for row in CenterKey.select()}
    body = {
        "center_code": center.code,
        "last_sequence": center.last_sequence,
        "reference": reference_rows(),
        "centers": [
            {"code": other.code, "name": other.name, "key_row": keys.get(other.code)}
            for other in HqCenter.select().where(HqCenter.approved).order_by(HqCenter.code)
        ],
        "certificates": _certificates(center.code),
        "notices": _notices(center.code),
    }
    if with_rows:
        body["rows"] = _rows(center.code)
    header = {
        "center_code": center.code,
        "hq_name": hq.name if hq else "",
        "last_sequence": center.last_sequence,
        "created_at": created,
    }
    data = envelope.seal(
        ACK,
        header,
        json.dumps(body, ensure_ascii=False, default=str).encode(),
        signer=signer,
        recipient=envelope.x25519_public(center.reading_key),
    )
    kind = "ack-rows" if with_rows else "ack"
    target = Path(folder) / f"{center.code}-{kind}-{center.last_sequence:09d}{SUFFIX}"
    try:
        return partial_files.write_whole(target, data)
    except OSError as error:
        message = SyncMessages.CANNOT_WRITE.format(folder=target.parent, error=error.strerror)
        raise UserError(message, code="cannot_write") from error


def _rows(code: str) -> dict[str, list[dict[str, Any]]]:
    """Every synced row of center `code` as HQ holds it, by table, parents first."""
    found: dict[str, list[dict[str, Any]]] = {}
    for entity, model in synced_models().items():
        rows = [row.sync_row() for row in model.select().where(model.center_code == code)]
        if rows:
            found[entity] = rows
    return found


def _certificates(excluded: str) -> list[dict[str, Any]]:
    """Every other center's certificates: signed fields, signature, revocation."""
    query = Certificate.select().where(
        (Certificate.center_code != excluded) & (Certificate.deleted == False)  # noqa: E712
    )
    return [
        {
            "fields": signed_fields(row),
            "signature": row.signature,
            "revoked": bool(row.revoked),
            "revoked_reason": row.revoked_reason,
            "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
        }
        for row in query.iterator()
    ]


def _notices(code: str) -> list[dict[str, str]]:
    cases = HqDuplicate.select().where(
        (HqDuplicate.status == DuplicateStatus.DATA_ERROR.value) & (HqDuplicate.correct_at == code)
    )
    return [
        {
            "key": f"duplicate-{case.national_code}-{case.decided_at}",
            "national_code": case.national_code,
            "message": HqMessages.DATA_ERROR_NOTICE.format(
                national_code=case.national_code, note=case.note
            ),
        }
        for case in cases
    ]
