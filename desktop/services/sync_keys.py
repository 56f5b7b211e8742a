"""The keys sync files are sealed with, besides the signing key (center_keys.py).

Every installation — a center or HQ — has a *reading key* (X25519): files meant for it
are encrypted to its public half (a center's changes to HQ's; HQ's acknowledgement to
the center's). The public half is a setting; the private half is kept like the signing
key, out of the database (models/private_keys.py: the OS keyring or a 0600 key file).

A center also keeps HQ's two public keys from its provisioning file: HQ's signing key
(acknowledgements must carry HQ's signature) and HQ's reading key.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop.errors import UserError
from desktop.models import Setting, db
from desktop.models.private_keys import KeyFileDamaged, store_for
from desktop.strings.sync import SyncMessages
from desktop.sync.envelope import ed25519_public, key_bytes, key_text, public_text, x25519_public

READING_KEY = "sync.reading_key"  # this installation's X25519 public key
HQ_NAME = "hq.name"
HQ_SIGNING_KEY = "hq.signing_key"
HQ_READING_KEY = "hq.reading_key"


def reading_key() -> X25519PrivateKey:
    """This installation's reading key, made on first use (call inside the caller's
    transaction: the setting is written with its other writes, or not at all; the
    private half is saved first, so a rollback leaves an unused key, never a lost one)."""
    store = store_for(db.obj)
    public = Setting.read(READING_KEY)
    try:
        if public:
            private = store.load(public)
            if not private:
                raise UserError(
                    SyncMessages.READING_KEY_MISSING.format(where=store.where),
                    code="reading_key_missing",
                )
            key = X25519PrivateKey.from_private_bytes(key_bytes(private))
            if public_text(key) != public:
                raise UserError(
                    SyncMessages.READING_KEY_MISSING.format(where=store.where),
                    code="reading_key_missing",
                )
            return key
        key = X25519PrivateKey.generate()
        store.save(public_text(key), key_text(key.private_bytes_raw()))
    except KeyFileDamaged:
        raise UserError(
            SyncMessages.READING_KEY_MISSING.format(where=store.where), code="reading_key_missing"
        ) from None
    Setting.write(READING_KEY, public_text(key))
    return key


def reading_public() -> str:
    """The text of this installation's reading key's public half (made if need be)."""
    with db.atomic():
        return public_text(reading_key())


@dataclass(frozen=True)
class Headquarters:
    name: str
    signing_key: Ed25519PublicKey
    reading_key: X25519PublicKey
    signing_text: str


def headquarters() -> Headquarters:
    """HQ as this center's provisioning file named it; refused before provisioning."""
    name, signing, reading = (Setting.read(k) for k in (HQ_NAME, HQ_SIGNING_KEY, HQ_READING_KEY))
    if not signing or not reading:
        raise UserError(SyncMessages.NOT_PROVISIONED, code="not_provisioned")
    return Headquarters(name or "", ed25519_public(signing), x25519_public(reading), signing)


def keep_headquarters(name: str, signing: str, reading: str) -> None:
    """Remember HQ's public keys (checked as keys first); inside the caller's transaction."""
    ed25519_public(signing)
    x25519_public(reading)
    Setting.write(HQ_NAME, name)
    Setting.write(HQ_SIGNING_KEY, signing)
    Setting.write(HQ_READING_KEY, reading)
