"""Persian input normalisation: what is stored, searched, exported and compared.

Text is kept in logical order and in one spelling: Persian ی and ک (never Arabic ي ى ك),
ۀ written as ه + hamza above, no tatweel, no bidi control characters, ZWNJ (نیم‌فاصله)
and ZWJ kept as the legitimate invisible characters. No other control or format
character is kept (NUL, escape, backspace, soft hyphen, the Arabic number signs…):
they carry nothing a person typed, and they travel into exports, files and other
programs. Line breaks are kept where text has lines (notes, addresses: `normalize_text`)
and become spaces where it has one (names, titles: `normalize_line`); a tab is a space.
Identifiers and numbers additionally have their Persian or Arabic-Indic digits turned
into ASCII.
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
# Control (Cc), format (Cf) and surrogate (Cs) characters are dropped, except white
# space (tab, line breaks: folded to a space or a "\n" below) and ZWNJ and ZWJ, which
# shape Persian words.
_DROPPED_CATEGORIES = frozenset(("Cc", "Cf", "Cs"))

# Digits people type: Persian (U+06F0…) and Arabic-Indic (U+0660…) map to ASCII.
_DIGITS_TO_ASCII = {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")} | {
    ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")
}

# Invisible characters that carry nothing: removed before canonical composition, so
# that the letters on either side compose exactly as they would have without them.
_INVISIBLES = str.maketrans(
    {
        "\u0640": None,  # TATWEEL
        "\ufeff": None,  # BOM / zero-width no-break space
        "\u200b": None,  # zero-width space
    }
)
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC LETTER YEH → FARSI YEH
        "\u0649": "\u06cc",  # ARABIC LETTER ALEF MAKSURA → FARSI YEH
        "\u0643": "\u06a9",  # ARABIC LETTER KAF → KEHEH
        "\u06c0": "\u0647\u0654",  # HEH WITH YEH ABOVE (ۀ) → HEH + HAMZA ABOVE
    }
)

# Directional formatting characters: marks, embeddings, overrides and isolates.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# Within one line (line breaks are split off first) every kind of white space is a space.
_SPACES = re.compile(r"\s+")
_REPEATED_ZWNJ = re.compile(f"{ZWNJ}{{2,}}")
# A ZWNJ next to white space or at either end of a line joins nothing.
_STRAY_ZWNJ = re.compile(rf"{ZWNJ}(?=\s)|(?<=\s){ZWNJ}|^{ZWNJ}|{ZWNJ}$")
# Spellings that people type interchangeably: folded for search only, never stored.
# Hamza carriers lose their hamza like every other letter does (ي + ٔ composes to ئ,
# ی + ٔ does not: both must find «ی»).
_SEARCH_FOLDS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ → ا
        "\u0624": "\u0648",  # ؤ → و
        "\u0626": "\u06cc",  # ئ → ی
        "\u0629": "\u0647",  # ة → ه
    }
)
# Arabic harakat (short vowels, shadda, sukun, tanwin), superscript alef, hamza below
# and Quranic marks: ignored by search. (Hamza above is removed separately; madda is
# not a mark here, NFC has already made آ of it.)
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u0652\u0655-\u065f\u0670\u06d6-\u06ed]")
# Arabic presentation forms (what shaped text, PDFs and old keyboards leave behind).
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def normalize_text(value: str | None) -> str:
    """Normalise free text (names, addresses, notes) for storage.

    Idempotent: normalize_text(normalize_text(s)) == normalize_text(s).
    Line breaks (any of str.splitlines's) become "\n" and are kept (notes have
    paragraphs); within a line any run of white space folds to one space.
    """
    if not value:
        return ""
    # Strip what is invisible first: a bidi mark or tatweel between ە and ٔ must not
    # keep them from composing now and then compose on the next pass (idempotence).
    text = _drop_controls(_BIDI_CONTROLS.sub("", value).translate(_INVISIBLES))
    # NFKC would also fold presentation forms, but it rewrites too much (ligatures,
    # compatibility digits); fold only the Arabic presentation-form blocks.
    text = _fold_presentation_forms(text)
    text = unicodedata.normalize("NFC", text).translate(_LETTERS)
    # Recompose once more: ۀ → ه + ٔ must be put back in canonical order with any
    # harakat after it. NFC never recreates a character _LETTERS maps away.
    text = unicodedata.normalize("NFC", text)
    lines = [_normalize_line(line) for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


def normalize_line(value: str | None) -> str:
    """Normalise one-line text (names, titles, places) for storage: normalize_text,
    with line breaks as spaces."""
    return _SPACES.sub(" ", normalize_text(value).replace("\n", " "))


def _drop_controls(text: str) -> str:
    """Text without control, format or surrogate characters but white space, ZWNJ, ZWJ."""
    if text.isprintable():  # the usual case, at C speed: nothing to drop
        return text
    return "".join(
        char
        for char in text
        if char.isspace()
        or char in (ZWNJ, ZWJ)
        or unicodedata.category(char) not in _DROPPED_CATEGORIES
    )


def _normalize_line(line: str) -> str:
    line = _STRAY_ZWNJ.sub("", _REPEATED_ZWNJ.sub(ZWNJ, line))
    # Removing a ZWNJ can bring two spaces together or expose one at an end, and no
    # ZWNJ is left next to white space, so stripping cannot expose one either.
    return _SPACES.sub(" ", line).strip()


def normalize_digits(value: str | None) -> str:
    """Persian and Arabic-Indic digits → ASCII; nothing else changes."""
    return (value or "").translate(_DIGITS_TO_ASCII)


# A count, an hour, a score as typed: ASCII digits once normalised (never "²" or "①",
# digits to str.isdigit() that int() refuses), and few enough for any column.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def whole_number(value: str | None) -> int | None:
    """Text typed as a whole number ("۱۲", " 12 ", "١٢") → 12; anything else — empty,
    signed, a fraction, another script's digits, thousands of digits → None. What a
    field's "whole number" message answers, where `text.isdigit()` then `int(text)`
    crashed on "²"."""
    text = normalize_digits(value).strip()
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def normalize_identifier(value: str | None) -> str:
    """Normalise an identifier or number field (national code, mobile, amount).

    Digits become ASCII, bidi controls and all white space and common separators
    (space, -, ., ٬ ،) inside are removed, letters are normalised like text.
    """
    text = normalize_text(normalize_digits(value))
    return re.sub(r"[\s\-_.\u066c\u060c,/]", "", text).replace(ZWNJ, "")


def search_key(value: str | None) -> str:
    """The form in which names are indexed and queries compared.

    On top of normalize_text: harakat and hamza-above removed, ZWNJ and spaces treated
    alike (a single space), lower-cased Latin, ASCII digits. So «محمدرضا»,
    «محمد‌رضا» and «محمد رضا» share a prefix, and «عليرضا» finds «علیرضا».
    """
    text = normalize_digits(normalize_text(value))
    text = _HARAKAT.sub("", text).replace("\u0654", "").translate(_SEARCH_FOLDS)
    text = text.replace(ZWNJ, " ")
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip().casefold()


def _fold_presentation_forms(text: str) -> str:
    """Fold presentation forms to plain letters; drop those that fold to nothing.

    Forms with a compatibility decomposition (every letter form and ligature) become
    their letters. What is left in these blocks are noncharacters and unassigned code
    points (dropped) and a few symbols with no plain spelling (ornate parentheses,
    honorific ligatures such as ﷽ and ﷺ's newer siblings), which are kept.
    """
    if not _PRESENTATION_FORMS.search(text):
        return text
    return _PRESENTATION_FORMS.sub(_fold_one_form, text)


def _fold_one_form(match: re.Match[str]) -> str:
    char = match.group()
    folded = unicodedata.normalize("NFKC", char)
    if folded != char:
        return folded
    return char if unicodedata.category(char) not in ("Cn", "Co", "Cs") else ""


def kept_presentation_forms() -> frozenset[str]:
    """The characters of the presentation-form blocks that normalize_text keeps."""
    blocks = [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]
    return frozenset(
        chr(code)
        for code in blocks
        if unicodedata.normalize("NFKC", chr(code)) == chr(code)
        and unicodedata.category(chr(code)) not in ("Cn", "Co", "Cs")
        and chr(code) != "\ufeff"
    )
