"""The audit trail's hash chains: every change-log entry (a center's, in sequence order)
and every audit-log entry (in order of writing) carries `entry_hash`, the SHA-256 of the
hash of the entry before it and its own content. An entry edited, or deleted anywhere
but at the very end, breaks the chain from there; `verify` finds the first break.

What a chain cannot show by itself is the last entries cut off together (the new end
is a whole chain): the end's hash travels in every sync file's header (the count and
the last number HQ confirms are the anchor kept elsewhere), and backups keep earlier
ends.

The content hashed is each entry's stored fields joined by the unit separator (U+001F,
which no field holds), times as ISO text to the microsecond — the same bytes on SQLite
and PostgreSQL, whatever each returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64  # the "hash before" the first entry
_SEPARATOR = "\x1f"

CHANGE_FIELDS = (
    "center_code", "seq", "entity", "entity_id", "operation", "data", "changed_at",
    "changed_by",
)  # fmt: skip
AUDIT_FIELDS = ("at", "user_id", "username", "action", "detail")


def entry_hash(previous: str, values: Iterable[Any]) -> str:
    """The hash of an entry whose field values are `values`, after `previous`."""
    text = _SEPARATOR.join([previous, *(_text(value) for value in values)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in " T":
        try:  # a time as SQLite returns it through a raw cursor
            return (
                dt.datetime.fromisoformat(value).replace(tzinfo=None).isoformat(" ", "microseconds")
            )
        except ValueError:
            return value
    return str(value)


def chained(previous: str, rows: Iterable[dict[str, Any]], fields: tuple[str, ...]) -> str:
    """Give each of `rows` (dicts, in order) its `entry_hash` after `previous`; the last
    hash."""
    for row in rows:
        previous = row["entry_hash"] = entry_hash(previous, (row[f] for f in fields))
    return previous


@dataclass(frozen=True)
class Break:
    """Where a chain first breaks: the table, the entry (its seq or id) and why."""

    table: str
    entry: int
    reason: str  # "edited" (its hash does not hold) or "missing" (a number skipped)
    center_code: str = ""

    def line(self) -> str:
        where = f"{self.table} {self.center_code + ' ' if self.center_code else ''}"
        return f"{where}entry {self.entry}: {self.reason}"


def first_break(
    table: str,
    rows: Iterator[tuple[Any, ...]],
    fields: tuple[str, ...],
    *,
    numbered: bool,
    center_code: str = "",
    given_up: Iterable[tuple[int, int]] = (),
) -> Break | None:
    """Walk `rows` — (key, stored hash, *fields) in chain order — and return the first
    entry whose hash does not hold (or, when `numbered`, whose number skips one other
    than the ranges (first, last) of `given_up`: numbers a center gave up after a
    restore, services/center_sync.py `resume`)."""
    previous, expected = GENESIS, 1 if numbered else None
    skips = {first: last + 1 for first, last in given_up}
    for key, stored, *values in rows:
        while expected in skips:
            expected = skips[expected]
        if numbered and expected is not None and key != expected:
            return Break(table, expected, "missing", center_code)
        previous = entry_hash(previous, values)
        if stored != previous:
            return Break(table, int(key), "edited", center_code)
        expected = key + 1
    return None
