"""The center's Ed25519 signing key: made on first use, its public half kept for checks.

Certificates are signed with it now; sync files will be too. The private key is a
local-only column of `CenterKey`, so the change log (and HQ) receives only the public
key — which is what lets another center or HQ verify this center's certificates once
the keys travel with the sync files. The private key is stored unencrypted in the
database file: whoever can read that file can read every record anyway.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.models import CenterKey, ChangeLog, db


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signing_key(center_code: str, changed_by: str | None = None) -> Ed25519PrivateKey:
    """This center's private key, made (and its public half logged) on first use.

    Call inside the caller's transaction: the new row and its change-log entry are
    written with the caller's other writes, or not at all.
    """
    with db.atomic():
        row = CenterKey.get_or_none(CenterKey.center_code == center_code)
        if row is not None:
            if not row.private_key:
                raise RuntimeError(f"the key of center {center_code} has no private half here")
            return Ed25519PrivateKey.from_private_bytes(_decode(row.private_key))
        key = Ed25519PrivateKey.generate()
        public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        private = key.private_bytes_raw()
        row = CenterKey.create(
            center_code=center_code, public_key=_encode(public), private_key=_encode(private)
        )
        ChangeLog.record(row, "create", changed_by)
        return key


def public_key(center_code: str) -> Ed25519PublicKey | None:
    """The public key of a center (this one, or one whose key came with a sync file)."""
    row = CenterKey.get_or_none(CenterKey.center_code == center_code)
    if row is None:
        return None
    return Ed25519PublicKey.from_public_bytes(_decode(row.public_key))


def sign(center_code: str, message: bytes, changed_by: str | None = None) -> bytes:
    return signing_key(center_code, changed_by).sign(message)


def verify(center_code: str, message: bytes, signature: bytes) -> bool:
    """True when `signature` is the center's signature of `message`; False when it is
    not, or the center's public key is not known here."""
    key = public_key(center_code)
    if key is None:
        return False
    try:
        key.verify(signature, message)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True
