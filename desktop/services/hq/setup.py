"""Set up headquarters once, and provision each center.

HQ's database is an ordinary Tavana database whose own center is `HQ` (the owner of
the reference data every center holds), marked as headquarters, with an hq_admin as
its first user, HQ's signing key (Ed25519, as any center's) and reading key (X25519).

A provisioning file (signed by HQ, not encrypted: it holds nothing secret but the
enrolment secret, which only proves that a center's first file came from whoever was
given this file) tells a new center its code, name and city, HQ's public keys and the
reference data. HQ keeps the center with that secret; the center's first sync file
carries its public keys with an HMAC under the secret, and HQ accepts them then.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop import partial_files
from desktop.errors import UserError
from desktop.models import Center, District, HqCenter, Partner, Role, Setting, db
from desktop.models.distribution import key_by_center
from desktop.models.reference_data import HQ_CENTER_CODE
from desktop.services import center_keys
from desktop.services.center_sync import PROVISION, SUFFIX, new_enrolment_secret
from desktop.services.session import Session
from desktop.services.setup import CenterInfo, initialise_center
from desktop.services.sync_keys import reading_key
from desktop.services.validation import Collector, clean_center_code, clean_name
from desktop.strings.sync import HqMessages, SyncMessages
from desktop.sync import envelope

MODE = "mode"  # the setting that says what this database is
HQ_MODE = "hq"
HQ_ROLES = (Role.HQ_ADMIN, Role.HQ_ANALYST)


def is_hq() -> bool:
    return Setting.read(MODE) == HQ_MODE


def require_hq(session: Session, *roles: Role) -> None:
    """An HQ user on HQ's database (hq_admin only, unless other roles are given)."""
    session.require(*(roles or (Role.HQ_ADMIN,)))
    if not is_hq():
        raise UserError(HqMessages.NOT_HQ, code="not_hq")


def initialise_hq(
    *,
    name: str,
    admin_username: str,
    admin_display_name: str,
    password: str,
    city: str = "",
    admin_name_required: bool = True,
) -> CenterInfo:
    """HQ's database, its first administrator and its keys, in one transaction."""
    with db.atomic():
        info = initialise_center(
            center_code=HQ_CENTER_CODE,
            center_name=name,
            city=city,
            admin_username=admin_username,
            admin_display_name=admin_display_name,
            password=password,
            admin_role=Role.HQ_ADMIN,
            admin_name_required=admin_name_required,
        )
        Setting.write(MODE, HQ_MODE)
        center_keys.signing_key(HQ_CENTER_CODE)
        reading_key()
        key_by_center()  # on PostgreSQL: ready for Citus (docs/hq-scale.md)
    return info


def reference_rows() -> dict[str, list[dict[str, object]]]:
    """HQ's districts and partner bodies as sync rows (what every center holds)."""
    return {
        "district": [row.sync_row() for row in District.select().order_by(District.number)],
        "partner": [row.sync_row() for row in Partner.select().order_by(Partner.name)],
    }


def provision(session: Session, code: str, name: str, city: str, folder: str | Path) -> Path:
    """Record a new center and write its provisioning file into `folder` (or as the
    file named, if `folder` ends in the sync suffix)."""
    require_hq(session)
    errors = Collector()
    code = clean_center_code(code, errors)
    name = clean_name(name, errors, "center_name", required=HqMessages.NAME_REQUIRED)
    errors.raise_if_any()
    if code == HQ_CENTER_CODE:
        raise UserError(HqMessages.CENTER_EXISTS.format(code=code), code="duplicate")
    secret = new_enrolment_secret()
    with db.atomic():
        center = HqCenter.get_or_none(HqCenter.code == code)
        if center is not None and (center.files or center.signing_key):
            raise UserError(HqMessages.CENTER_EXISTS.format(code=code), code="duplicate")
        values = {"name": name, "city": city, "enrolment_secret": secret}
        HqCenter.insert(code=code, **values).on_conflict(
            conflict_target=[HqCenter.code], update=values
        ).execute()
        signer = center_keys.signing_key(HQ_CENTER_CODE, session.user_id)
        reader = reading_key()
    hq = Center.local()
    body = {
        "center": {"code": code, "name": name, "city": city},
        "hq": {"name": hq.name if hq else "", "reading_key": envelope.public_text(reader)},
        "enrolment_secret": secret,
        "reference": reference_rows(),
    }
    header = {
        "center_code": code,
        "center_name": name,
        "hq_name": hq.name if hq else "",
        "hq_signing_key": envelope.public_text(signer),
    }
    data = envelope.seal(
        PROVISION, header, json.dumps(body, ensure_ascii=False).encode(), signer=signer,
        recipient=None,
    )  # fmt: skip
    target = Path(folder)
    if target.suffix != SUFFIX:
        target = target / f"{code}-provision{SUFFIX}"
    try:
        return partial_files.write_whole(target, data)
    except OSError as error:
        message = SyncMessages.CANNOT_WRITE.format(folder=target.parent, error=error.strerror)
        raise UserError(message, code="cannot_write") from error
