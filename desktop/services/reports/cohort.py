"""The funnel's people by the column: `report_person` kept again as blocks of arrays
(models/reports.py `ReportCohortBlock`), read into numpy for a report.

Why: the funnel reads every person registered in a period — 642,814 in the bench's
year, 1.1 million in its whole history — and works out for each one the furthest stage
reached by the period's *end* and the age band on that day. No summary made ahead holds
that for every end a user may type, so each report reads the people themselves. Row by
row in SQL that took 3.6 s (the year) and 6.5 s (the whole) on SQLite, 1.5 and 2.0 s on
PostgreSQL (bench/reports.py, 2026-12-04), most of it the database evaluating the same
few comparisons a million times and grouping the results; as columns of 32-bit numbers
numpy does it in milliseconds, and the blobs of a whole history are 70 MB read in one
pass.

A block holds up to BLOCK people of consecutive registration days (a day is never
split), every figure a column: days as proleptic ordinals (`date.toordinal`), NEVER for
a stage not reached or a birth day not known, the district -1 when not known; the
center, gender and education level as codes into the block's own vocabulary. The
blocks are made in the same transaction as `report_person` (derived.py), from it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop.models import ReportCohortBlock
from desktop.models.reports import OUTCOME_KINDS
from desktop.services.reports.core import Scope, run

DAYS = ("registered", "d1", "d2", "d3", "d4", "d5", *OUTCOME_KINDS, "birth")
CODED = ("center", "gender", "education")  # text, as codes into the vocabulary
FIELDS = (*DAYS, "district", "flags", *CODED)
NEVER = int(np.iinfo(np.int32).max)  # a day that is never on or before a period's end
BLOCK = 65_536  # people a block holds at most (a day with more is a block of its own)
_DTYPE = np.dtype("<i4")

# report_person's columns in FIELDS' order (the coded ones as their text).
_SOURCES = (
    "registered_on",
    "d1",
    "d2",
    "d3",
    "d4",
    "d5",
    *(f"{kind}_on" for kind in OUTCOME_KINDS),
    "birth_date",
    "district",
    "category_flags",
    "center_code",
    "gender",
    "education_level",
)


def rebuild() -> None:
    """Make the blocks again from `report_person` (in the caller's transaction): a
    block's days found from the people per registration day, then read a block at a
    time (never the whole table in memory at once)."""
    run("DELETE FROM report_cohort_block")
    days = _Days()
    for first, last in _block_days():
        rows = run(
            f"SELECT {', '.join(_SOURCES)} FROM report_person "
            "WHERE registered_on >= ? AND registered_on <= ?",
            [first, last],
        )
        ReportCohortBlock.insert(_block(rows, days)).execute()


def made() -> bool:
    """Whether the blocks hold `report_person`'s people (none when it has none): false
    for a database whose people were made before the blocks were (a copy taken back
    to an older version and forward again)."""
    has_people = bool(run("SELECT 1 FROM report_person LIMIT 1"))
    return ReportCohortBlock.select().exists() or not has_people


def _block_days() -> list[tuple[dt.date, dt.date]]:
    """Consecutive ranges of registration days of about BLOCK people each."""
    days = run("SELECT registered_on, COUNT(*) FROM report_person GROUP BY registered_on")
    ranges: list[list[dt.date]] = []
    held = 0
    for day, count in sorted((_date(day), int(count)) for day, count in days):
        if ranges and held + count <= BLOCK:
            ranges[-1][1] = day
            held += count
        else:
            ranges.append([day, day])
            held = count
    return [(first, last) for first, last in ranges]


def _block(rows: list[tuple[Any, ...]], days: _Days) -> dict[str, object]:
    figures = list(zip(*rows, strict=True))
    numbers = [days.column(values) for values in figures[: len(DAYS)]]
    numbers.append(np.array([-1 if v is None else v for v in figures[len(DAYS)]]))
    numbers.append(np.array(figures[len(DAYS) + 1]))
    vocabulary, coded = {}, []
    for name, values in zip(CODED, figures[len(DAYS) + 2 :], strict=True):
        index = _Codes()
        coded.append(np.array([index[value] for value in values], dtype=np.int64))
        vocabulary[name] = [str(value) for value in index]
    data = np.vstack([numbers, *coded]).astype(_DTYPE)  # a row per field: its column
    registered = data[0]
    return {
        "first_day": int(registered.min()),
        "last_day": int(registered.max()),
        "people": len(rows),
        "vocabulary": json.dumps(vocabulary, ensure_ascii=False),
        "data": data.tobytes(),
    }


class _Codes(dict[Any, int]):
    """Each word's code, in order of first sight."""

    def __missing__(self, word: Any) -> int:
        self[word] = len(self)
        return self[word]


class _Days(dict[Any, int]):
    """Dates (ISO text on SQLite, dates on PostgreSQL; None) as ordinals, NEVER for
    None, each distinct one worked out once: a million people have a few thousand
    distinct days (numpy's parsing of every value, or SQLite's julianday() of each,
    took two to three times as long)."""

    def __missing__(self, value: Any) -> int:
        self[value] = NEVER if value is None else _date(value).toordinal()
        return self[value]

    def column(self, values: tuple[Any, ...]) -> np.ndarray:
        return np.array([self[value] for value in values], dtype=np.int64)


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass
class Cohort:
    """The people registered in a scope's period (and its district and center): a
    numpy array per field of FIELDS, the coded ones as indexes into `vocabulary`."""

    columns: dict[str, np.ndarray]
    vocabulary: dict[str, list[str]]

    def __len__(self) -> int:
        return len(self.columns["registered"])


def cohort(scope: Scope) -> Cohort:
    """The scope's people, from the blocks whose days meet its period."""
    start, end = scope.start.toordinal(), scope.end.toordinal()
    query = (
        ReportCohortBlock.select(ReportCohortBlock.vocabulary, ReportCohortBlock.data)
        .where(ReportCohortBlock.last_day >= start, ReportCohortBlock.first_day <= end)
        .order_by(ReportCohortBlock.first_day)
    )
    blocks: list[tuple[dict[str, list[str]], bytes]] = [
        (json.loads(block.vocabulary), bytes(block.data)) for block in query
    ]
    vocabulary = {name: sorted({w for words, _ in blocks for w in words[name]}) for name in CODED}
    parts = []
    for words, blob in blocks:
        part = np.frombuffer(blob, dtype=_DTYPE).reshape(len(FIELDS), -1).copy()
        for name in CODED:  # the block's codes as the merged vocabulary's
            index = [vocabulary[name].index(word) for word in words[name]]
            row = FIELDS.index(name)
            part[row] = np.array(index, dtype=_DTYPE)[part[row]]
        parts.append(part)
    data = np.hstack(parts) if parts else np.empty((len(FIELDS), 0), dtype=_DTYPE)
    registered = data[0]
    keep = (registered >= start) & (registered <= end)
    if scope.district is not None:
        keep &= data[FIELDS.index("district")] == scope.district
    if scope.center is not None:
        centers = vocabulary["center"]
        code = centers.index(scope.center) if scope.center in centers else -1
        keep &= data[FIELDS.index("center")] == code
    chosen = data[:, keep]
    return Cohort({name: chosen[k] for k, name in enumerate(FIELDS)}, vocabulary)
