"""The sealed sync file: readable header, encrypted and signed payload, and every kind
of damage refused before anything is used."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import partial_files
from desktop.sync import envelope
from desktop.sync.envelope import SyncFileError

CENTER = Ed25519PrivateKey.generate()
HQ = X25519PrivateKey.generate()
PAYLOAD = "\n".join(f'{{"seq":{n},"row":{{"name":"زهرا {n}"}}}}' for n in range(200)).encode()
HEADER = {"center_code": "TEH05", "seq_from": 1, "seq_to": 200}


def sealed(payload: bytes = PAYLOAD) -> bytes:
    return envelope.seal("changes", HEADER, payload, signer=CENTER, recipient=HQ.public_key())


def opened(data: bytes, **changes):  # type: ignore[no-untyped-def]
    options = {"kind": "changes", "signer": CENTER.public_key(), "recipient": HQ, **changes}
    return envelope.open_sealed(data, **options)


FILE = sealed()


def test_round_trip_and_a_header_read_without_keys():
    header, payload = opened(FILE)
    assert payload == PAYLOAD
    assert header == {**HEADER, "kind": "changes", "payload_bytes": header["payload_bytes"]}
    assert envelope.read_header(FILE) == header
    assert FILE.startswith(b"TAVANA-SYNC 1\n{")
    assert PAYLOAD[:20] not in FILE and "زهرا".encode() not in FILE  # encrypted
    assert len(FILE) < len(PAYLOAD)  # and compressed


def test_a_header_is_peeked_from_a_files_first_bytes_alone():
    """HQ orders a batch by its headers before reading any file whole: a file of
    megabytes is read for its first MAX_HEADER bytes only (read_header, given those,
    says the file is truncated — it was, until peek_header, for every file past 1 MB)."""
    big = sealed(os.urandom(envelope.MAX_HEADER + 4096))
    start = big[: envelope.MAX_HEADER]
    with pytest.raises(SyncFileError) as cut:
        envelope.read_header(start)
    assert cut.value.reason == "truncated"
    assert envelope.peek_header(start) == envelope.read_header(big)
    assert envelope.peek_header(big)["seq_to"] == 200
    with pytest.raises(SyncFileError) as foreign:
        envelope.peek_header(b"PK\x03\x04 a zip file")
    assert foreign.value.reason == "not_a_sync_file"


def test_signed_in_clear_and_an_empty_payload():
    clear = envelope.seal("provision", {"center_code": "TEH05"}, b"", signer=CENTER, recipient=None)
    header, payload = envelope.open_sealed(
        clear, kind="provision", signer=CENTER.public_key(), recipient=None
    )
    assert payload == b"" and header["center_code"] == "TEH05"
    with pytest.raises(SyncFileError) as asked_for_a_key:
        envelope.open_sealed(clear, kind="provision", signer=CENTER.public_key(), recipient=HQ)
    assert asked_for_a_key.value.reason == "cannot_decrypt"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"signer": Ed25519PrivateKey.generate().public_key()}, "bad_signature"),
        ({"recipient": X25519PrivateKey.generate()}, "cannot_decrypt"),
        ({"recipient": None}, "cannot_decrypt"),
        ({"kind": "ack"}, "wrong_kind"),
    ],
)
def test_the_wrong_key_or_kind_is_refused(changes, reason):
    with pytest.raises(SyncFileError) as refused:
        opened(FILE, **changes)
    assert refused.value.reason == reason


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(position=st.integers(0, len(FILE) - 1), bit=st.integers(0, 7))
def test_any_single_byte_changed_anywhere_is_refused(position, bit):
    damaged = bytearray(FILE)
    damaged[position] ^= 1 << bit
    with pytest.raises(SyncFileError):
        opened(bytes(damaged))


@settings(max_examples=200, deadline=None)
@given(length=st.integers(0, len(FILE) - 1))
def test_a_truncated_file_is_refused(length):
    with pytest.raises(SyncFileError) as refused:
        opened(FILE[:length])
    assert refused.value.reason in ("truncated", "not_a_sync_file", "bad_header")


def test_bytes_after_the_signature_are_refused():
    with pytest.raises(SyncFileError) as refused:
        opened(FILE + b"\x00")
    assert refused.value.reason == "bad_header"


def test_a_newer_format_and_a_foreign_file():
    with pytest.raises(SyncFileError) as newer:
        envelope.read_header(FILE.replace(b"TAVANA-SYNC 1", b"TAVANA-SYNC 2", 1))
    assert newer.value.reason == "newer_format"
    with pytest.raises(SyncFileError) as foreign:
        envelope.read_header(b"%PDF-1.4\n" + os.urandom(100))
    assert foreign.value.reason == "not_a_sync_file"


def test_a_header_claiming_a_huge_payload_is_refused_without_reading_it():
    rest = FILE.split(b"\n", 2)[2]
    header = {**envelope.read_header(FILE), "payload_bytes": 10**13}
    lying = envelope.header_bytes(header) + rest
    with pytest.raises(SyncFileError) as refused:
        opened(lying)
    assert refused.value.reason == "truncated"
    header["payload_bytes"] = -1
    with pytest.raises(SyncFileError) as negative:
        envelope.read_header(envelope.header_bytes(header) + rest)
    assert negative.value.reason == "bad_header"


def test_a_payload_that_unpacks_past_the_limit_is_refused():
    bomb = sealed(b"\x00" * 5_000_000)
    assert len(bomb) < 5_000
    with pytest.raises(SyncFileError) as refused:
        opened(bomb, max_payload=1_000_000)
    assert refused.value.reason == "damaged_payload"
    assert opened(bomb)[1] == b"\x00" * 5_000_000


def test_keys_as_text_and_fingerprints():
    text = envelope.public_text(HQ)
    assert envelope.x25519_public(text).public_bytes_raw() == HQ.public_key().public_bytes_raw()
    assert envelope.public_text(envelope.ed25519_public(envelope.public_text(CENTER))) == (
        envelope.public_text(CENTER)
    )
    assert len(envelope.fingerprint(text)) == 19 and envelope.fingerprint(text).count("-") == 3
    with pytest.raises(ValueError):
        envelope.key_bytes("not base64 ***")


def test_a_file_is_written_whole_and_private_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "TEH05-000001.tavana-sync"
    partial_files.write_whole(target, FILE)
    assert target.read_bytes() == FILE and target.stat().st_mode & 0o777 == 0o600

    def full_disk(*_args):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        partial_files.write_whole(tmp_path / "second.tavana-sync", FILE)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_payload_given_in_pieces_reads_back_whole():
    pieces = [PAYLOAD[i : i + 997] for i in range(0, len(PAYLOAD), 997)]
    data = envelope.seal("changes", HEADER, iter(pieces), signer=CENTER, recipient=HQ.public_key())
    assert opened(data)[1] == PAYLOAD
