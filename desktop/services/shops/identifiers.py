"""IBANs (شبا) and EAN-13 barcodes: checked as typed, generated where a product has none.

An Iranian IBAN is `IR` and 24 digits whose ISO 7064 mod-97-10 check holds; people
type it with Persian digits, spaces and dashes, and that is all accepted and stored as
`IR` + 24 ASCII digits. The check is python-stdnum's ISO 7064 mod 97-10 (a well-kept
library made for this); its `iban` module itself refuses Iran, which SWIFT's IBAN
registry (the module's data) does not list, so the country and length are ours.

A product without a barcode gets an EAN-13 in GS1's in-store range (first digit 2, for
codes a shop assigns itself), center-coded: `2` + five digits of the center's tag + a
six-digit running number + the check digit. The tag is a hash of the center code, so
two centers' internal codes are unlikely to meet (1 in 100,000 per pair) — and barcodes
need only be unique within a shop, which the running number and a unique index ensure.
"""

from __future__ import annotations

import re
import zlib

from stdnum import ean
from stdnum.iso7064 import mod_97_10

from desktop.text.keyboard import latin_keys
from desktop.text.normalize import normalize_digits, normalize_text

_IBAN_IR = re.compile(r"IR\d{24}")
_BARCODE = re.compile(r"[0-9A-Za-z\-.]{1,32}")


def clean_iban(text: str) -> tuple[str, str | None]:
    """(the IBAN as stored, None) or (what was typed, "format" | "check")."""
    compact = re.sub(r"[\s\-\u200c]", "", normalize_digits(text or "")).upper()
    if not _IBAN_IR.fullmatch(compact):
        return compact, "format"
    letters = "".join(str(ord(letter) - ord("A") + 10) for letter in compact[:2])
    if not mod_97_10.is_valid(compact[4:] + letters + compact[2:4]):
        return compact, "check"
    return compact, None


def clean_barcode(text: str) -> tuple[str, str | None]:
    """(the barcode as scanned or typed, read back as the keys meant, None) or (it,
    "format" | "check"). A scanner on a Persian keyboard layout types Persian digits
    (folded) and Persian letters for Latin ones (read back by the key that typed them)."""
    code = latin_keys(normalize_digits(text or "").strip())
    if not _BARCODE.fullmatch(code):
        return code, "format"
    if len(code) == 13 and code.isdigit() and not ean.is_valid(code):
        return code, "check"
    return code, None


def center_tag(center_code: str) -> str:
    return f"{zlib.crc32(center_code.encode('ascii')) % 100_000:05d}"


def internal_barcode(center_code: str, number: int) -> str:
    """The EAN-13 of a center's `number`th internal code (1 … 999,999)."""
    body = f"2{center_tag(center_code)}{number:06d}"
    return body + ean.calc_check_digit(body)


def internal_range(center_code: str) -> tuple[str, str]:
    """The lowest and highest 12-digit bodies of this center's internal codes."""
    tag = center_tag(center_code)
    return f"2{tag}000000", f"2{tag}999999"


def clean_reference(text: str) -> str:
    """A number a person copies from paper or a terminal (a card payment's reference, a
    bank transfer's, a permit): digits folded to ASCII, spaces trimmed, the rest kept."""
    return re.sub(r"\s+", " ", normalize_text(normalize_digits(text or ""))).strip()


def clean_document_number(text: str) -> str:
    """A sale's (or return's, close's) number as typed or scanned: `TEH05-S1-000123`,
    read back as the keys meant on a Persian layout, in capitals."""
    return latin_keys(normalize_digits(text or "").strip()).upper()
