"""Iranian identifiers: national code (کد ملی) and mobile numbers. Pure functions.

Each `clean_*` takes what a person typed (Persian, Arabic-Indic or ASCII digits, with
spaces, dashes or dots) and returns the canonical ASCII form, or raises
`ValidationError({field: Persian message})` — the field named as a form names it
(`field=` when another form names it otherwise); a form that collects its errors adds
`error.errors` to its collector.
"""

from __future__ import annotations

import re
from typing import NoReturn

from desktop.errors import ValidationError
from desktop.strings import Applicants as Messages
from desktop.text.normalize import normalize_identifier

_DIGITS = re.compile(r"^\d+$")


def national_code_check_digit(first_nine: str) -> int:
    """The civil registry's check digit for the first nine digits."""
    total = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
    remainder = total % 11
    return remainder if remainder < 2 else 11 - remainder


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def clean_national_code(text: str, *, field: str = "national_code") -> str:
    """'۰۰۸۴-۵۷۵۹۴۸' → '0084575948'. Eight and nine digits are left-padded with zeros,
    as the civil registry does; ten equal digits are refused though their check digit
    agrees."""
    code = normalize_identifier(text)
    if not code:
        _refuse(field, Messages.REQUIRED)
    if not _DIGITS.fullmatch(code) or not 8 <= len(code) <= 10 or not code.isascii():
        _refuse(field, Messages.NATIONAL_CODE_FORMAT)
    code = code.zfill(10)
    if len(set(code)) == 1:
        _refuse(field, Messages.NATIONAL_CODE_INVALID)
    if national_code_check_digit(code[:9]) != int(code[9]):
        _refuse(field, Messages.NATIONAL_CODE_INVALID)
    return code


def clean_mobile(text: str, *, field: str = "mobile") -> str:
    """'+98 912 345 6789', '989123456789', '۰۹۱۲۳۴۵۶۷۸۹' → '09123456789'."""
    number = normalize_identifier(text).replace("(", "").replace(")", "")
    if number.startswith("+"):
        number = number[1:]
    if number.startswith("0098"):
        number = number[4:]
    elif number.startswith("98") and len(number) == 12:
        number = number[2:]
    if len(number) == 10 and number.startswith("9"):
        number = "0" + number
    if not (number.isascii() and _DIGITS.fullmatch(number) and len(number) == 11):
        _refuse(field, Messages.MOBILE_FORMAT)
    if not number.startswith("09"):
        _refuse(field, Messages.MOBILE_FORMAT)
    return number


def clean_phone(text: str, *, field: str = "phone") -> str:
    """A landline or any other number: digits only, 5 to 15 of them (empty allowed)."""
    number = normalize_identifier(text).replace("(", "").replace(")", "").lstrip("+")
    if not number:
        return ""
    if not (number.isascii() and _DIGITS.fullmatch(number) and 5 <= len(number) <= 15):
        _refuse(field, Messages.PHONE_FORMAT)
    return number
