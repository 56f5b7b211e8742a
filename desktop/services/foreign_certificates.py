"""Other centers' certificates, so that one printed anywhere verifies (or shows revoked)
here, offline.

A certificate's signature covers its printed fields, which only the issuing center
holds; HQ's acknowledgement brings, for every other center, its public signing key and
its certificates (the signed fields, the signature, whether revoked). They are kept
apart from this center's own (`ForeignCertificate`; the keys as `CenterKey` rows of
their centers, never logged here), and `certificate_search.verify` looks here when a
serial or code is not this center's.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from desktop.models import CenterKey, ForeignCertificate, writes
from desktop.services import center_keys
from desktop.services.certificate_records import (
    CertificateRecord,
    canonical_message,
    decode_signature,
    format_code,
    qr_payload,
)
from desktop.sync.apply import upsert_rows
from desktop.sync.envelope import ed25519_public


@dataclass(frozen=True)
class Kept:
    centers: int
    certificates: int
    revoked: int


def keep(own_center: str, body: dict[str, Any]) -> Kept:
    """Keep the centers' keys and certificates an acknowledgement carries (not this
    center's own); inside the caller's transaction."""
    keys = [
        center["key_row"]
        for center in body.get("centers", [])
        if center["code"] != own_center and center.get("key_row")
    ]
    for row in keys:
        ed25519_public(str(row["public_key"]))  # a key, or refused
    with writes.unlogged("other centers' public keys, from HQ"):
        upsert_rows(CenterKey, keys)
    centers = len(keys)
    rows = [
        {
            "serial": str(item["fields"]["serial"]),
            "code": str(item["fields"]["code"]),
            "center_code": str(item["fields"]["center_code"]),
            "fields": json.dumps(item["fields"], ensure_ascii=False, sort_keys=True),
            "signature": str(item["signature"]),
            "revoked": bool(item.get("revoked")),
            "revoked_reason": str(item.get("revoked_reason") or ""),
            "revoked_at": _time(item.get("revoked_at")),
        }
        for item in body.get("certificates", [])
        if item["fields"]["center_code"] != own_center
    ]
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        ForeignCertificate.insert_many(chunk).on_conflict(
            conflict_target=[ForeignCertificate.serial],
            preserve=[
                ForeignCertificate.fields,
                ForeignCertificate.signature,
                ForeignCertificate.revoked,
                ForeignCertificate.revoked_reason,
                ForeignCertificate.revoked_at,
            ],
        ).execute()
    revoked = sum(1 for row in rows if row["revoked"])
    return Kept(centers, len(rows), revoked)


def _time(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def find(serial: str = "", code: str = "") -> ForeignCertificate | None:
    if serial:
        return ForeignCertificate.get_or_none(ForeignCertificate.serial == serial)
    return ForeignCertificate.get_or_none(ForeignCertificate.code == code) if code else None


def signature_holds(row: ForeignCertificate, signature: bytes | None = None) -> bool:
    """Whether the issuing center's key signed the kept fields (with `signature`, a
    QR payload's own, or the one kept)."""
    raw = signature if signature is not None else decode_signature(row.signature)
    if raw is None:
        return False
    message = canonical_message(json.loads(row.fields))
    return center_keys.verify(row.center_code, message, raw)


def record(row: ForeignCertificate) -> CertificateRecord:
    """The kept certificate as verification shows one (no ids: it is not this center's)."""
    fields = json.loads(row.fields)
    return CertificateRecord(
        id="",
        enrollment_id="",
        course_id="",
        serial=row.serial,
        code=format_code(row.code),
        full_name=fields["full_name"],
        father_name=fields["father_name"],
        national_code=fields["national_code"],
        course_title=fields["course_title"],
        hours=int(fields["hours"]),
        starts_on=dt.date.fromisoformat(fields["starts_on"]),
        ends_on=dt.date.fromisoformat(fields["ends_on"]),
        partner_name=fields["partner_name"],
        center_code=row.center_code,
        center_name=fields["center_name"],
        city=fields["city"],
        trainer_name=fields["trainer_name"],
        manager_name=fields["manager_name"],
        issued_on=dt.date.fromisoformat(fields["issued_on"]),
        issued_by_name="",
        revoked=bool(row.revoked),
        revoked_reason=row.revoked_reason,
        revoked_at=row.revoked_at,
        revoked_by_name="",
        print_count=0,
        qr_payload=qr_payload(row.serial, row.code, row.signature),
    )


def known_count() -> int:
    return int(ForeignCertificate.select().count())
