"""Pure validation: values in, a clean value or a Persian message out. No database."""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.errors import ValidationError
from desktop.models import Role
from desktop.strings import Auth, Errors, Setup
from desktop.strings.settings import PersonName
from desktop.text.normalize import normalize_identifier, normalize_line

_CENTER_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_USERNAME = re.compile(r"^[a-z0-9._-]{3,32}$")
MIN_PASSWORD_LENGTH = 8


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


def clean_center_name(value: str) -> tuple[str, str | None]:
    """A center's name: required, and at least three letters (set-up and rename)."""
    name, error = clean_required_text(value)
    if error is None and len(name) < 3:
        error = Setup.CENTER_NAME_LENGTH
    return name, error


def clean_person_name(value: str, usernames: Iterable[str] = ()) -> tuple[str, str | None]:
    """A person's full name, as greeted and printed: required, and never a user name —
    neither one of `usernames` nor a single Latin word shaped like one ("admin",
    "Clerk2"), which is what a name defaulted to a user name looks like."""
    name, error = clean_required_text(value)
    if error:
        return name, PersonName.REQUIRED
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
