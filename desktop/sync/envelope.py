"""The sealed file every sync exchange travels in: a readable header, a compressed
payload encrypted to its reader, and the writer's signature over both.

    line 1   b"TAVANA-SYNC 1\\n"                 magic and format version
    line 2   the header: one line of JSON (UTF-8, keys sorted) and b"\\n"
    32 bytes the writer's one-time X25519 public key (zeros: not encrypted)
    12 bytes the AES-GCM nonce
    N bytes  AES-256-GCM of zstd(payload), the first two lines as associated data
             (or zstd(payload) itself when the file is not encrypted)
    64 bytes Ed25519 signature over everything before it

The header says what a file is without any key — a clerk can see which center and
which changes a file on a USB stick holds, and HQ can tell a replayed file from a
missing one before it decrypts anything. The AES key is HKDF-SHA256 of the X25519
secret between the one-time key and the reader's key (salt: both public keys; info:
the format and the file's kind), so only the reader can open it and nobody can swap
a payload from another kind of file in. The signature covers the header too: a
changed byte anywhere is refused before anything is decrypted. A provisioning file
(HQ's public keys and the reference data: nothing secret) is signed, not encrypted.

Reading is bounded: the header's `payload_bytes` must match the file, and the payload
is decompressed in a stream that stops at `MAX_PAYLOAD` (a small file cannot unpack
into gigabytes).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable
from typing import Any

import zstandard
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

FORMAT = 1
MAGIC = b"TAVANA-SYNC "
KEY_BYTES = 32
NONCE_BYTES = 12
SIGNATURE_BYTES = 64
TAG_BYTES = 16  # AES-GCM's tag, after the ciphertext
MAX_HEADER = 1 << 20  # bytes: a header is a few hundred
MAX_PAYLOAD = 4 << 30  # bytes a payload may unpack to (a center's years of changes fit)
ZSTD_LEVEL = 1  # 100,000 changes: 0.08 s to a tenth of their size (level 3: 0.16 s)
_CLEAR = bytes(KEY_BYTES)  # the one-time key field of a file that is not encrypted


class SyncFileError(Exception):
    """A file that cannot be read as the sync file asked for. `reason` is one of
    not_a_sync_file, truncated, newer_format, bad_header, bad_signature,
    cannot_decrypt, damaged_payload, wrong_kind; `detail` says more, in English."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# -- keys as text ----------------------------------------------------------------------------


def key_text(raw: bytes) -> str:
    """A key as it is written down: URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def key_bytes(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"not a key: {text[:16]!r}") from error


AnyKey = Ed25519PrivateKey | X25519PrivateKey | Ed25519PublicKey | X25519PublicKey


def public_text(key: AnyKey) -> str:
    """The text of a key's public half."""
    if isinstance(key, Ed25519PrivateKey | X25519PrivateKey):
        key = key.public_key()
    return key_text(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def ed25519_public(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(key_bytes(text))


def x25519_public(text: str) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(key_bytes(text))


def fingerprint(public: str) -> str:
    """A short, readable digest of a public key, for a person to compare by phone."""
    digest = hashlib.sha256(key_bytes(public)).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


# -- writing ---------------------------------------------------------------------------------


def _aes_key(shared: bytes, ephemeral: bytes, reader: bytes, kind: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + reader,
        info=b"tavana-sync %d %s" % (FORMAT, kind.encode("ascii")),
    ).derive(shared)


def header_bytes(header: dict[str, Any]) -> bytes:
    text = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return MAGIC + str(FORMAT).encode("ascii") + b"\n" + text.encode("utf-8") + b"\n"


def seal(
    kind: str,
    header: dict[str, Any],
    payload: bytes | Iterable[bytes],
    *,
    signer: Ed25519PrivateKey,
    recipient: X25519PublicKey | None,
) -> bytes:
    """The file: `header` (plus its kind and the payload's length) readable, `payload`
    compressed and encrypted to `recipient` (in clear when None), all signed. The
    payload may come in pieces (an export's batches of lines): each is compressed as it
    comes, and the whole is never joined."""
    compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
    if isinstance(payload, bytes):
        body = compressor.compress(payload)
    else:
        stream = compressor.compressobj()
        body = b"".join([*(stream.compress(piece) for piece in payload), stream.flush()])
    if recipient is None:
        ephemeral, nonce = _CLEAR, bytes(NONCE_BYTES)
    else:
        one_time = X25519PrivateKey.generate()
        ephemeral = one_time.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        nonce = os.urandom(NONCE_BYTES)
    head = header_bytes(
        {**header, "kind": kind, "payload_bytes": len(body) + (16 if recipient else 0)}
    )
    if recipient is not None:
        reader = recipient.public_bytes(Encoding.Raw, PublicFormat.Raw)
        key = _aes_key(one_time.exchange(recipient), ephemeral, reader, kind)
        body = AESGCM(key).encrypt(nonce, body, head)
    signed = head + ephemeral + nonce + body
    return signed + signer.sign(signed)


# -- reading ---------------------------------------------------------------------------------


def _split_head(data: bytes) -> tuple[dict[str, Any], int]:
    """The header and where the binary part starts."""
    if not data.startswith(MAGIC):
        if MAGIC.startswith(data[: len(MAGIC)]) and len(data) < len(MAGIC):
            raise SyncFileError("truncated", "the file ends inside its first line")
        raise SyncFileError("not_a_sync_file", "the file does not start as a sync file")
    first_end = data.find(b"\n", 0, len(MAGIC) + 8)
    if first_end < 0:
        raise SyncFileError("truncated" if len(data) < len(MAGIC) + 8 else "not_a_sync_file")
    version = data[len(MAGIC) : first_end]
    if not version.isdigit():
        raise SyncFileError("not_a_sync_file", "no format version")
    if int(version) > FORMAT:
        raise SyncFileError("newer_format", f"format {int(version)}; this app reads {FORMAT}")
    if int(version) != FORMAT:
        raise SyncFileError("not_a_sync_file", f"format {int(version)}")
    second_end = data.find(b"\n", first_end + 1, first_end + 1 + MAX_HEADER)
    if second_end < 0:
        raise SyncFileError("truncated" if len(data) < MAX_HEADER else "bad_header")
    try:
        header = json.loads(data[first_end + 1 : second_end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SyncFileError("bad_header", str(error)) from None
    if not isinstance(header, dict) or not isinstance(header.get("kind"), str):
        raise SyncFileError("bad_header", "the header is not an object with a kind")
    size = header.get("payload_bytes")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise SyncFileError("bad_header", "payload_bytes is not a size")
    return header, second_end + 1


def read_header(data: bytes) -> dict[str, Any]:
    """What a file says it is, with no key (nothing is verified yet)."""
    return _parse(data)[0]


def peek_header(start: bytes) -> dict[str, Any]:
    """The header from a file's first bytes (up to MAX_HEADER of them), its length not
    checked: to order or size up files before reading them whole (HQ's import)."""
    return _split_head(start)[0]


def _parse(data: bytes) -> tuple[dict[str, Any], int, int]:
    """The header, where the binary part starts and where the file should end."""
    header, start = _split_head(data)
    expected = start + KEY_BYTES + NONCE_BYTES + header["payload_bytes"] + SIGNATURE_BYTES
    if len(data) < expected:
        raise SyncFileError("truncated", f"{len(data)} of {expected} bytes")
    return header, start, expected


def open_sealed(
    data: bytes,
    *,
    kind: str,
    signer: Ed25519PublicKey,
    recipient: X25519PrivateKey | None,
    max_payload: int = MAX_PAYLOAD,
) -> tuple[dict[str, Any], bytes]:
    """The header and payload of a file of `kind` signed by `signer` (and encrypted to
    `recipient`, if given). Raises SyncFileError, the first check that fails named."""
    header, start, expected = _parse(data)
    if len(data) > expected:
        raise SyncFileError("bad_header", f"{len(data) - expected} bytes after the signature")
    signed, signature = data[: expected - SIGNATURE_BYTES], data[expected - SIGNATURE_BYTES :]
    try:
        signer.verify(signature, signed)
    except InvalidSignature:
        raise SyncFileError("bad_signature", "not signed by the expected key") from None
    if header["kind"] != kind:
        raise SyncFileError("wrong_kind", f"a {header['kind']} file, not a {kind} file")
    ephemeral = data[start : start + KEY_BYTES]
    nonce = data[start + KEY_BYTES : start + KEY_BYTES + NONCE_BYTES]
    body = data[start + KEY_BYTES + NONCE_BYTES : expected - SIGNATURE_BYTES]
    if (ephemeral == _CLEAR) != (recipient is None):
        raise SyncFileError("cannot_decrypt", "encrypted where clear was expected, or back")
    if recipient is not None:
        reader = recipient.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        try:
            shared = recipient.exchange(X25519PublicKey.from_public_bytes(ephemeral))
            key = _aes_key(shared, ephemeral, reader, kind)
            body = AESGCM(key).decrypt(nonce, body, data[:start])
        except (InvalidTag, ValueError):
            raise SyncFileError("cannot_decrypt", "not encrypted to this key") from None
    return header, _decompress(body, max_payload)


def _decompress(body: bytes, limit: int) -> bytes:
    """zstd-decompressed `body`, refused once it passes `limit` bytes."""
    reader = zstandard.ZstdDecompressor().stream_reader(body)
    parts: list[bytes] = []
    size = 0
    try:
        while chunk := reader.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise SyncFileError("damaged_payload", f"unpacks past {limit:,} bytes")
            parts.append(chunk)
    except zstandard.ZstdError as error:
        raise SyncFileError("damaged_payload", str(error)) from None
    return b"".join(parts)
