"""Pure validation: values in, the clean value out, and what is wrong with them added to
a `Collector` under the field's name (raised at once as one `ValidationError`). No
database. (`*_problem`/`*_error` functions answer "what is wrong, or None" for callers
that only ask.)

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
from typing import Any

from desktop.errors import ValidationError
from desktop.models import Role
from desktop.services.spreadsheet import starts_like_formula
from desktop.strings import Auth, Errors, Setup
from desktop.strings.settings import PersonName
from desktop.strings.spreadsheet import NAME_STARTS_LIKE_FORMULA
from desktop.text.digits import format_number
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


def clean_center_code(value: str, errors: Collector, field: str = "center_code") -> str:
    code = normalize_identifier(value).upper()
    if not _CENTER_CODE.match(code):
        errors.add(field, Setup.CENTER_CODE_FORMAT)
    return code


def name_problem(name: str) -> str | None:
    """What is wrong with a name (normalised, not empty) of anyone or anything: the
    message, or None. An optional name field checks it when something was typed."""
    return NAME_STARTS_LIKE_FORMULA if starts_like_formula(name) else None


def check_length(value: str, errors: Collector, field: str, column: Any) -> None:
    """Text longer than the model's `column` holds is the field's error: PostgreSQL
    refuses it (the write failed with a database error), SQLite would keep it whole."""
    if len(value) > column.max_length:
        errors.add(field, Errors.TOO_LONG.format(limit=format_number(column.max_length)))


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


def clean_center_name(value: str, errors: Collector, field: str = "center_name") -> str:
    """A center's name: required, at least three letters, a name (set-up and rename)."""
    name = normalize_line(value)
    if not name:
        errors.add(field, Errors.REQUIRED)
    elif problem := name_problem(name):
        errors.add(field, problem)
    elif len(name) < 3:
        errors.add(field, Setup.CENTER_NAME_LENGTH)
    return name


def person_name_error(value: str, usernames: Iterable[str] = ()) -> str | None:
    """What keeps `value` from being a person's full name, as greeted and printed, or
    None: it is required, a person's name (`person_name_problem`), and never a user
    name — neither one of `usernames` nor a single Latin word shaped like one
    ("admin", "Clerk2"), which is what a name defaulted to a user name looks like."""
    name = normalize_line(value)
    if not name:
        return PersonName.REQUIRED
    if problem := person_name_problem(name):
        return problem
    folded = name.casefold()
    if _USERNAME.match(folded) or folded in {username.casefold() for username in usernames}:
        return PersonName.IS_USERNAME
    return None


def clean_person_name(
    value: str,
    errors: Collector,
    field: str,
    *,
    usernames: Iterable[str] = (),
    required: str = PersonName.REQUIRED,
) -> str:
    """A person's full name typed into `field`, normalised; what is wrong with it
    (`person_name_error`) goes to `errors` — `required` (the message, "" when it may be
    left out) when it is empty."""
    name = normalize_line(value)
    if not name:
        if required:
            errors.add(field, required)
    elif problem := person_name_error(name, usernames):
        errors.add(field, problem)
    return name


def normalize_username(value: str) -> str:
    """A user name as stored: what was typed, case and digits folded."""
    return normalize_identifier(value).lower()


def clean_username(value: str, errors: Collector, field: str = "username") -> str:
    name = normalize_username(value)
    if not _USERNAME.match(name):
        errors.add(field, Auth.USERNAME_FORMAT)
    return name


def check_new_password(
    password: str, confirm: str | None, errors: Collector, *, field: str = "password"
) -> None:
    """What is wrong with a new password goes to `errors`: under `field` for the
    password, `field`_confirm for the repeat (None: no repeat was asked for)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        errors.add(field, Auth.PASSWORD_SHORT)
    elif confirm is not None and confirm != password:
        errors.add(f"{field}_confirm", Auth.PASSWORD_MISMATCH)


def clean_role(value: str, errors: Collector, field: str = "role") -> Role | None:
    try:
        return Role(value)
    except ValueError:
        errors.add(field, Auth.ROLE_UNKNOWN)
        return None
