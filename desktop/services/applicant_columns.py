"""The applicant file's columns: the contract IT staff script against, which header
names a column, and a row's cells as the registration form's input.

Part of the import and export (desktop/services/applicant_io.py names the parts). The
contract (`HEADERS`/`HEADER_ALIASES` in desktop/strings/applicant_io.py add Persian
headers):

    national_code, first_name, last_name, father_name, gender, birth_date, mobile,
    district, categories       (required, any order; other columns are ignored)
    phone, address, education_level, education_field, marital_status, skills, notes
                               (optional)

`gender` is male/female or مرد/زن; `birth_date` Jalali YYYY/MM/DD (Persian or ASCII
digits); `district` a number; `categories` and `skills` are `;`-separated (the Persian
`؛` too); categories, education and marital status are keys (job_seeker…) or their
Persian names, so what an XLSX export writes for people reads back in. A cell the
export quoted with an apostrophe (text a spreadsheet would run as a formula) reads
back without it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from desktop.errors import UserError
from desktop.services.applicants import ApplicantInput
from desktop.services.spreadsheet import unquoted
from desktop.strings import CATEGORY_NAMES, EDUCATION_NAMES, MARITAL_NAMES
from desktop.strings import Applicants as ApplicantMessages
from desktop.strings.applicant_io import HEADER_ALIASES, HEADERS
from desktop.strings.applicant_io import ApplicantIo as Messages
from desktop.text.normalize import search_key

REQUIRED_FIELDS = (
    "national_code",
    "first_name",
    "last_name",
    "father_name",
    "gender",
    "birth_date",
    "mobile",
    "district",
    "categories",
)
OPTIONAL_FIELDS = (
    "phone",
    "address",
    "education_level",
    "education_field",
    "marital_status",
    "skills",
    "notes",
)
IMPORT_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
# What an export writes: the import contract plus two columns import ignores.
EXPORT_FIELDS = ("file_number", *IMPORT_FIELDS, "status")
LIST_SEPARATORS = (";", "؛")

ProgressCallback = Callable[[int, int | None], object]
"""progress(done, total): `Progress.step` fits, and raises Cancelled to stop the work."""


class MissingColumns(UserError):
    """Required columns that no header maps to: no row could be imported. `headers`
    names the columns in Persian (another sheet's contract passes its own)."""

    def __init__(self, columns: list[str], headers: Mapping[str, str] = HEADERS):
        names = ApplicantMessages.LIST_SEPARATOR.join(
            f"{headers[name]} ({name})" for name in columns
        )
        super().__init__(Messages.MISSING_COLUMNS.format(columns=names), code="missing_columns")
        self.columns = columns


def fold_name(text: str) -> str:
    """Header and choice names compared without case, harakat, spaces or ZWNJ."""
    return search_key(text).replace(" ", "")


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Field → column index, from English keys or common Persian headers; the first
    column wins when two carry the same name."""
    return map_headers(headers, IMPORT_FIELDS, HEADERS, HEADER_ALIASES)


def map_headers(
    headers: Sequence[str],
    fields: Sequence[str],
    names: Mapping[str, str],
    aliases: Mapping[str, Sequence[str]],
) -> dict[str, int]:
    """Field → column index for any sheet's contract: a header names a field when it
    is the field's key, its Persian name or one of its aliases (compared without case,
    harakat, spaces or ZWNJ); the first column wins when two carry the same name."""
    lookup: dict[str, str] = {}
    for name in fields:
        for header in (name, names[name], *aliases.get(name, ())):
            lookup.setdefault(fold_name(header), name)
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        found = lookup.get(fold_name(header))
        if found is not None and found not in mapping:
            mapping[found] = index
    return mapping


def missing_columns(mapping: dict[str, int]) -> list[str]:
    """Required fields that the mapping leaves out, in contract order."""
    return [name for name in REQUIRED_FIELDS if name not in mapping]


def _choices(names: dict[str, str]) -> dict[str, str]:
    """Folded key or Persian name → key."""
    lookup = {fold_name(key): key for key in names}
    lookup.update({fold_name(name): key for key, name in names.items()})
    return lookup


_CATEGORY_KEYS = _choices(CATEGORY_NAMES)
_EDUCATION_KEYS = _choices(EDUCATION_NAMES)
_MARITAL_KEYS = _choices(MARITAL_NAMES)


def _choice(value: str, lookup: dict[str, str]) -> str:
    """A known key for a key or Persian name; anything else as it was (validation says
    it is unknown)."""
    if value in lookup:  # the key itself, as CSV files and exports carry it
        return lookup[value]
    return lookup.get(fold_name(value), value) if value.strip() else ""


def _split_list(value: str) -> list[str]:
    for separator in LIST_SEPARATORS[1:]:
        value = value.replace(separator, LIST_SEPARATORS[0])
    return [part for part in value.split(LIST_SEPARATORS[0]) if part.strip()]


def row_input(cells: Sequence[str], mapping: dict[str, int]) -> ApplicantInput:
    """A data row as the registration form's input, choices named by their keys."""

    def cell(name: str) -> str:
        index = mapping.get(name)
        # A cell our export quoted («'@SUM…») reads back as it was.
        return unquoted(cells[index]) if index is not None and index < len(cells) else ""

    return ApplicantInput(
        first_name=cell("first_name"),
        last_name=cell("last_name"),
        father_name=cell("father_name"),
        national_code=cell("national_code"),
        gender=cell("gender"),
        birth_date=cell("birth_date"),
        mobile=cell("mobile"),
        phone=cell("phone"),
        address=cell("address"),
        district=cell("district"),
        education_level=_choice(cell("education_level"), _EDUCATION_KEYS),
        education_field=cell("education_field"),
        marital_status=_choice(cell("marital_status"), _MARITAL_KEYS),
        categories=[_choice(part, _CATEGORY_KEYS) for part in _split_list(cell("categories"))],
        skills=_split_list(cell("skills")),
        notes=cell("notes"),
    )
