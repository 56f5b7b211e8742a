"""Pure validation: values in, a clean value or a Persian message out. No database.

Names have one rule each, applied wherever such a name is typed, so that a new name
field gets it by calling the same function:

- any name — of a person, the center, an employer, a course (`name_problem`): it never
  starts like a spreadsheet formula (`= + - @`): it would run in Excel from an export,
  and no real name starts so (issue 8, item 19);
- a person's name (`person_name_problem`, `clean_person_name`) besides holds at least
  two letters («-», «a» or «.» name nobody), and a full name is never a user name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.errors import ValidationError
from desktop.models import Role
from desktop.services.spreadsheet import starts_like_formula
from desktop.strings import Auth, Errors, Setup
from desktop.strings.settings import PersonName
from desktop.strings.spreadsheet import NAME_STARTS_LIKE_FORMULA
from desktop.text.normalize import normalize_identifier, normalize_line

_CENTER_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_USERNAME = re.compile(r"^[a-z0-9._-]{3,32}$")
MIN_PASSWORD_LENGTH = 8
MIN_PERSON_NAME_LETTERS = 2


class Collector:
    """Collects field errors so a form shows all of them at once, then raises."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def update(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def clean_center_code(value: str) -> tuple[str, str | None]:
    code = normalize_identifier(value).upper()
    return code, None if _CENTER_CODE.match(code) else Setup.CENTER_CODE_FORMAT


def clean_required_text(value: str, min_length: int = 1) -> tuple[str, str | None]:
    text = normalize_line(value)
    if not text:
        return text, Errors.REQUIRED
    return text, None if len(text) >= min_length else Errors.REQUIRED


def name_problem(name: str) -> str | None:
    """What is wrong with a name (normalised, not empty) of anyone or anything: the
    message, or None. An optional name field checks it when something was typed."""
    return NAME_STARTS_LIKE_FORMULA if starts_like_formula(name) else None


def clean_name(value: str, errors: Collector, field: str, *, required: str = "") -> str:
    """A name typed into `field` (a course's or an idea's title, an employer…),
    normalised; what is wrong with it goes to `errors` — `required` (the message) when
    it is left empty and must not be."""
    name = normalize_line(value)
    if not name:
        if required:
            errors.add(field, required)
    elif problem := name_problem(name):
        errors.add(field, problem)
    return name


def person_name_problem(name: str) -> str | None:
    """`name_problem`, and a person's name (or a part of it) has two letters at least."""
    if problem := name_problem(name):
        return problem
    if sum(char.isalpha() for char in name) < MIN_PERSON_NAME_LETTERS:
        return PersonName.TOO_FEW_LETTERS
    return None


def clean_center_name(value: str) -> tuple[str, str | None]:
    """A center's name: required, at least three letters, a name (set-up and rename)."""
    name, error = clean_required_text(value)
    if error is None:
        error = name_problem(name)
    if error is None and len(name) < 3:
        error = Setup.CENTER_NAME_LENGTH
    return name, error


def clean_person_name(value: str, usernames: Iterable[str] = ()) -> tuple[str, str | None]:
    """A person's full name, as greeted and printed: required, a person's name
    (`person_name_problem`), and never a user name — neither one of `usernames` nor a
    single Latin word shaped like one ("admin", "Clerk2"), which is what a name
    defaulted to a user name looks like."""
    name, error = clean_required_text(value)
    if error:
        return name, PersonName.REQUIRED
    if problem := person_name_problem(name):
        return name, problem
    folded = name.casefold()
    if _USERNAME.match(folded) or folded in {username.casefold() for username in usernames}:
        return name, PersonName.IS_USERNAME
    return name, None


def clean_username(value: str) -> tuple[str, str | None]:
    name = normalize_identifier(value).lower()
    return name, None if _USERNAME.match(name) else Auth.USERNAME_FORMAT


def check_new_password(
    password: str, confirm: str | None = None, *, field: str = "password"
) -> dict[str, str]:
    """Errors keyed by field: `field` for the password, `field`_confirm for the repeat."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return {field: Auth.PASSWORD_SHORT}
    if confirm is not None and confirm != password:
        return {f"{field}_confirm": Auth.PASSWORD_MISMATCH}
    return {}


def clean_role(value: str) -> tuple[Role | None, str | None]:
    try:
        return Role(value), None
    except ValueError:
        return None, Auth.ROLE_UNKNOWN
