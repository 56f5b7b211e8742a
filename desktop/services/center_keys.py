"""The center's Ed25519 signing key: made on first use, its public half kept for checks.

Certificates are signed with it now; sync files will be too. The database holds only
the public key (`CenterKey`, logged to the change log, so HQ and other centers can
verify this center's certificates once keys travel with the sync files). The private
key is kept out of the database, in the OS keyring or a 0600 key file next to it
(desktop/models/private_keys.py): a copy of the database lets nobody forge a
certificate. Without its private key a database still verifies; signing then stops
with a message that says where the key was looked for.
"""

from __future__ import annotations

import binascii
from typing import NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.errors import UserError
from desktop.models import CenterKey, db, writes
from desktop.models.private_keys import KeyFileDamaged, KeyStore, store_for
from desktop.strings.database import SigningKeyMessages
from desktop.sync.envelope import key_bytes, key_text

# Keys as text: URL-safe base64 without padding, as sync files carry them.
_encode, _decode = key_text, key_bytes


def signing_key(center_code: str, changed_by: str | None = None) -> Ed25519PrivateKey:
    """This center's private key, made (and its public half logged) on first use.

    Call inside the caller's transaction: the new row and its change-log entry are
    written with the caller's other writes, or not at all. The private half is saved
    before the row: a rollback leaves an unused key in the store, never a public key
    whose private half was lost.
    """
    store = _store()
    with db.atomic():
        row = CenterKey.get_or_none(CenterKey.center_code == center_code)
        if row is not None:
            return _stored_key(store, center_code, row.public_key)
        key = Ed25519PrivateKey.generate()
        public = _encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
        try:
            store.save(public, _encode(key.private_bytes_raw()))
        except KeyFileDamaged:
            _refuse("DAMAGED", center_code, store)
        writes.insert(
            CenterKey(center_code=center_code, public_key=public),
            writes.author(center_code, changed_by),
        )
        return key


def _store() -> KeyStore:
    return store_for(db.obj)


def _stored_key(store: KeyStore, center_code: str, public: str) -> Ed25519PrivateKey:
    try:
        private = store.load(public)
    except KeyFileDamaged:
        _refuse("DAMAGED", center_code, store)
    if not private:
        _refuse("MISSING", center_code, store)
    try:
        key = Ed25519PrivateKey.from_private_bytes(_decode(private))
    except (ValueError, binascii.Error):
        _refuse("MISMATCH", center_code, store)
    if _encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)) != public:
        _refuse("MISMATCH", center_code, store)
    return key


def _refuse(reason: str, center_code: str, store: KeyStore) -> NoReturn:
    message: str = getattr(SigningKeyMessages, reason)
    raise UserError(
        message.format(center=center_code, where=store.where),
        code=f"signing_key_{reason.lower()}",
    )


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
