"""The passphrase-protected key file: its format, sealing and opening it.

Where a machine has no OS keyring, the private keys live in `<database>.keys` beside the
database (private_keys.py). An administrator may protect that file with a passphrase:
it then holds the keys encrypted, so a copy of the data folder — a stolen desk PC, a
laptop left in a taxi, an IT person's backup of the whole disk — cannot sign
certificates or read HQ's acknowledgements without the passphrase too.

The file stays JSON a person can read: what it is, which public keys it holds (they
are public: the database has them too), how the key was derived and the cipher; only
the private keys are encrypted.

    {"format": "tavana-protected-keys", "version": 1, "about": "…",
     "public_keys": [...], "kdf": {"name": "argon2id", …, "salt": …},
     "check": …, "cipher": {"name": "AES-256-GCM", "nonce": …}, "ciphertext": …}

argon2id (RFC 9106's second recommended setting: 64 MiB, 3 passes, 4 lanes; 0.12 s on a
2-core machine, 0.5 s while it is busy; once per process) derives 64 bytes: the first
32 are the AES-256-GCM key, the rest make `check`, which tells a wrong passphrase from a
file altered after it was written (it helps no guesser: each guess still pays for the
derivation). Everything in the file but the cipher's fields and `check` is the AEAD's
associated data, so the list of public keys or the derivation's settings cannot be
changed unnoticed.

A passphrase is compared as typed, except what a keyboard changes without the person
seeing it: Unicode's composed form (NFC), the Arabic yeh and kaf that some Persian
layouts type for ی and ک, and Persian or Arabic digits for 0-9.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "tavana-protected-keys"
VERSION = 1
ABOUT = (
    "Tavana's private keys, encrypted with a passphrase an administrator chose. "
    "`python -m desktop keys status --db DATABASE` tells where the keys are and whether "
    "they are unlocked; docs/secrets-at-rest.md says why."
)
KDF_NAME = "argon2id"
CIPHER_NAME = "AES-256-GCM"


@dataclass(frozen=True)
class KdfCost:
    memory_kib: int
    iterations: int
    lanes: int


# RFC 9106 §4, the second recommended option (for memory-constrained machines). Tests
# lower it (a monkeypatched module attribute); the file records what it was made with.
KDF_COST = KdfCost(memory_kib=64 * 1024, iterations=3, lanes=4)
# What a file may ask for: more than this is a damaged or hostile file, not a slower
# machine's choice (a 1 GiB derivation would stall the app at every unlock).
MAX_COST = KdfCost(memory_kib=1024 * 1024, iterations=20, lanes=16)
SALT_BYTES = 16
NONCE_BYTES = 12
CHECK_BYTES = 16
_CHECK_LABEL = b"tavana protected keys: passphrase check"

_YEH_KAF_DIGITS = str.maketrans(
    {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
    | {chr(0x0660 + d): str(d) for d in range(10)}
)


class ProtectedFileError(ValueError):
    """The file is not one this version can open; `reason` says why:
    `unreadable` (not this format, a field missing or malformed, settings out of
    bounds), `newer` (a later version of the format), `altered` (the passphrase is
    right but the encrypted keys or the header were changed after sealing)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class PassphraseWrong(ValueError):
    """The passphrase does not open this file."""


@dataclass(frozen=True)
class Unlocked:
    """What opening a file leaves in memory to read and re-seal it without the
    passphrase: the derivation's settings and salt (to know the file is still the one
    it opened) and the derived keys. Never written anywhere."""

    kdf: tuple[tuple[str, Any], ...]
    cipher_key: bytes
    check: bytes

    def matches(self, header: dict[str, Any]) -> bool:
        return tuple(sorted(header.get("kdf", {}).items())) == self.kdf


def passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).translate(_YEH_KAF_DIGITS).encode("utf-8")


def is_protected(document: object) -> bool:
    """Whether a key file's parsed JSON is a protected file (of any version)."""
    return isinstance(document, dict) and "format" in document


def public_keys_of(document: dict[str, Any]) -> list[str]:
    keys = document.get("public_keys")
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ProtectedFileError("unreadable", "public_keys")
    return keys


def seal_new(keys: dict[str, str], passphrase: str) -> tuple[bytes, Unlocked]:
    """A protected file of `keys` under a new salt; and what unlocks it again."""
    cost = KDF_COST
    kdf = {
        "name": KDF_NAME,
        "version": 19,  # argon2 1.3
        "memory_kib": cost.memory_kib,
        "iterations": cost.iterations,
        "lanes": cost.lanes,
        "salt": _text(os.urandom(SALT_BYTES)),
    }
    unlocked = _derive(kdf, passphrase)
    return seal(keys, unlocked), unlocked


def seal(keys: dict[str, str], unlocked: Unlocked) -> bytes:
    """`keys` sealed under keys derived before (a key added to an unlocked file)."""
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "about": ABOUT,
        "public_keys": sorted(keys),
        "kdf": dict(unlocked.kdf),
    }
    nonce = os.urandom(NONCE_BYTES)
    plain = json.dumps(keys, sort_keys=True).encode("utf-8")
    sealed = AESGCM(unlocked.cipher_key).encrypt(nonce, plain, _associated(header))
    document = header | {
        "check": _text(unlocked.check),
        "cipher": {"name": CIPHER_NAME, "nonce": _text(nonce)},
        "ciphertext": _text(sealed),
    }
    return (json.dumps(document, indent=1) + "\n").encode("utf-8")


def unlock(document: dict[str, Any], passphrase: str) -> Unlocked:
    """Derive the keys of `document` from `passphrase`; PassphraseWrong if it is not
    the one it was sealed with. Opens nothing yet (`open_keys` does)."""
    check_header(document)
    unlocked = _derive(document["kdf"], passphrase)
    if not hmac.compare_digest(unlocked.check, _bytes(document, "check")):
        raise PassphraseWrong()
    return unlocked


def open_keys(document: dict[str, Any], unlocked: Unlocked) -> dict[str, str]:
    """The keys `document` holds, decrypted with keys derived before."""
    check_header(document)
    nonce, sealed = _sealed_part(document)
    header = {k: v for k, v in document.items() if k not in ("check", "cipher", "ciphertext")}
    try:
        plain = AESGCM(unlocked.cipher_key).decrypt(nonce, sealed, _associated(header))
    except InvalidTag:
        raise ProtectedFileError("altered") from None
    keys = json.loads(plain)  # authenticated: it is what was sealed
    if sorted(keys) != sorted(public_keys_of(document)):
        raise ProtectedFileError("altered", "public_keys")
    return {str(k): str(v) for k, v in keys.items()}


def check_header(document: dict[str, Any]) -> None:
    """ProtectedFileError unless everything but the ciphertext is as this version
    writes it (what can be told without the passphrase)."""
    if document.get("format") != FORMAT:
        raise ProtectedFileError("unreadable", "format")
    version = document.get("version")
    if not isinstance(version, int):
        raise ProtectedFileError("unreadable", "version")
    if version > VERSION:
        raise ProtectedFileError("newer", str(version))
    public_keys_of(document)
    kdf = document.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != KDF_NAME or kdf.get("version") != 19:
        raise ProtectedFileError("unreadable", "kdf")
    for name, low, high in (
        ("memory_kib", 8, MAX_COST.memory_kib),
        ("iterations", 1, MAX_COST.iterations),
        ("lanes", 1, MAX_COST.lanes),
    ):
        value = kdf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ProtectedFileError("unreadable", f"kdf.{name}")
    if kdf["memory_kib"] < 8 * kdf["lanes"]:
        raise ProtectedFileError("unreadable", "kdf.memory_kib")
    if len(_decoded(kdf.get("salt"), "kdf.salt")) < SALT_BYTES:
        raise ProtectedFileError("unreadable", "kdf.salt")
    if len(_bytes(document, "check")) != CHECK_BYTES:
        raise ProtectedFileError("unreadable", "check")
    _sealed_part(document)


def _sealed_part(document: dict[str, Any]) -> tuple[bytes, bytes]:
    """The nonce and the ciphertext, once the header is as this version writes it."""
    if not isinstance(document, dict):
        raise ProtectedFileError("unreadable")
    cipher = document.get("cipher")
    if not isinstance(cipher, dict) or cipher.get("name") != CIPHER_NAME:
        raise ProtectedFileError("unreadable", "cipher")
    nonce = _decoded(cipher.get("nonce"), "cipher.nonce")
    if len(nonce) != NONCE_BYTES:
        raise ProtectedFileError("unreadable", "cipher.nonce")
    return nonce, _bytes(document, "ciphertext")


def _derive(kdf: dict[str, Any], passphrase: str) -> Unlocked:
    from argon2.low_level import Type, hash_secret_raw

    derived = hash_secret_raw(
        passphrase_bytes(passphrase),
        _decoded(kdf["salt"], "kdf.salt"),
        time_cost=kdf["iterations"],
        memory_cost=kdf["memory_kib"],
        parallelism=kdf["lanes"],
        hash_len=64,
        type=Type.ID,
    )
    check = hmac.new(derived[32:], _CHECK_LABEL, hashlib.sha256).digest()[:CHECK_BYTES]
    return Unlocked(tuple(sorted(kdf.items())), derived[:32], check)


def _associated(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _bytes(document: dict[str, Any], name: str) -> bytes:
    return _decoded(document.get(name), name)


def _decoded(value: object, name: str) -> bytes:
    if not isinstance(value, str):
        raise ProtectedFileError("unreadable", name)
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, binascii.Error):
        raise ProtectedFileError("unreadable", name) from None
