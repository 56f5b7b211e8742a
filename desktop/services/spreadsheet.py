"""Text bound for a spreadsheet never runs as a formula (CSV injection, OWASP).

Excel and LibreOffice evaluate a CSV cell that starts with `=`, `+`, `-` or `@` (and a
tab or carriage return before one) as a formula: `=HYPERLINK(…)` leaks data,
`-2+3+cmd|…` runs a program. Every text cell of every file the app writes for a
spreadsheet (the applicant export, the import report) goes through `safe_cell`, which
puts an apostrophe in front of such a cell — OWASP's rule, shown as text by both
programs. Numbers are not text and stay numbers; identifiers are stored as digits
(a mobile's `+98` is normalised away), so only free text is ever quoted.

`unquoted` undoes it for a file read back in (the import), so an export re-imports
as it was; names that start like a formula are refused outright, in every name field
(`desktop.services.validation.name_problem`).
"""

from __future__ import annotations

from collections.abc import Sequence

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_TRIGGER_SET = frozenset(FORMULA_TRIGGERS)  # first characters, for a test per cell


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def safe_cell(value: object) -> object:
    """`value` as a spreadsheet may hold it: text that would run is quoted."""
    if value.__class__ is str and value[:1] in _TRIGGER_SET:
        return QUOTE + value
    return value


def safe_row(values: Sequence[object]) -> list[object]:
    """`safe_cell` of each value: one pass for a whole row, as exports write millions
    of cells (a call per cell was a sixth of a CSV export's time)."""
    return [
        QUOTE + value if value.__class__ is str and value[:1] in _TRIGGER_SET else value
        for value in values
    ]


def unquoted(text: str) -> str:
    """A cell read back: the quote `safe_cell` added is taken off again."""
    if text.startswith(QUOTE) and starts_like_formula(text[1:]):
        return text[1:]
    return text
