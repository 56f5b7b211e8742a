"""The payload of a center's sync file: its change-log entries as JSON Lines.

One line per entry, in sequence order:

    {"seq":12,"entity":"applicant","id":"…","op":"update","at":"2026-12-03T08:30:00",
     "by":"…","row":{…the row after the change…}}

The row is the change log's own `data` text, put into the line as it is stored (it is
JSON already), so writing 100,000 entries is string joining, not 100,000 re-encodings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.sync.envelope import SyncFileError


@dataclass(frozen=True, slots=True)
class Line:
    """One entry of a payload: what HQ's import needs of it before the database reads
    its row (desktop/sync/apply.py stages the row's JSON text as it is)."""

    seq: int
    entity: str
    id: str
    row: str  # the row's JSON object, as text


# One change-log row as its line of the payload, built by the database itself (the same
# SQL on SQLite and PostgreSQL): 100,000 lines in Python's f-strings took 0.5 s, half an
# export. The names, ids and times it puts in quotes are the app's own (letters, digits,
# dashes, colons, dots: nothing JSON escapes); the row is the JSON the log stores.
LINE_SQL = (
    """'{"seq":' || seq || ',"entity":"' || entity || '","id":"' || entity_id """
    """|| '","op":"' || operation || '","at":"' || replace(CAST(changed_at AS TEXT), ' ', 'T') """
    """|| '","by":' || COALESCE('"' || changed_by || '"', 'null') || ',"row":' || data || '}'"""
)


# A line exactly as LINE_SQL writes it; the row is the rest, up to the closing brace.
_LINE = re.compile(
    r'^\{"seq":(\d{1,18}),"entity":"([a-z_]{1,64})",'
    r'"id":"([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})",'
    r'"op":"[a-z]{1,16}","at":"[0-9T:.+ -]{1,40}","by":(?:null|"[^"\\]{0,64}"),'
    r'"row":(\{.*\})\}$',
    re.MULTILINE,
)


def split(payload: bytes) -> list[Line]:
    """The entries of a payload, checked for shape (a signed file from a center whose
    software wrote something else is refused, not half-read): every line matches the
    shape LINE_SQL writes. One pass of the pattern over the whole text (50,000 lines
    in 0.15 s; a match per line took twice that); the rows' JSON is read by the
    database as it writes them (desktop/sync/apply.py), not parsed into Python objects
    first, which took as long as writing them."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SyncFileError("damaged_payload", str(error)) from None
    text = text.removesuffix("\n")
    if not text:
        return []
    found = _LINE.findall(text)
    # `.` stops at a line's end and the pattern spans a whole line: as many matches as
    # lines means every line matched.
    if len(found) != text.count("\n") + 1:
        raise SyncFileError("damaged_payload", "a line that is not a change")
    return [Line(int(seq), entity, key, row) for seq, entity, key, row in found]
