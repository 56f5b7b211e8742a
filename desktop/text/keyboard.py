"""Which Latin key typed a character on the standard Persian keyboard (ISIRI 9147).

A person who types a user name or a center code with the Persian layout still active,
or a USB scanner "typing" a certificate's QR payload while it is, produces Persian
letters that stand for the Latin keys pressed: «شیئهد» is "admin" typed on the wrong
layout. `latin_keys` reads such text back as the keys that typed it; what is already
ASCII is left alone.

The table follows ISIRI 9147 as X11 (`xkb/symbols/ir`) and Windows lay it out: each
key's unshifted character stands for its lower-case letter, the shifted ones (and the
AltGr variants of ی and ا) for the capital. Persian digits are not here: they are the
same digits, folded by `normalize_digits`.
"""

from __future__ import annotations

from desktop.text.normalize import ZWNJ

# Each letter key: what it gives unshifted, then shifted.
LETTER_KEYS = {
    "A": "شؤ", "B": "ذ" + ZWNJ, "C": "زژ", "D": "یيى", "E": "ث\u064d", "F": "بإ",
    "G": "لأ", "H": "اآٱ", "I": "ه\u0651", "J": "تة", "K": "ن»", "L": "م«",
    "M": "پء", "N": "د\u0654", "O": "خ]", "P": "ح[", "Q": "ض\u0652", "R": "ق\u064b",
    "S": "سئ", "T": "ف\u064f", "U": "ع\u064e", "V": "ر\u0670", "W": "ص\u064c",
    "X": "ط\u0653", "Y": "غ\u0650", "Z": "ظك",
}  # fmt: skip
# Punctuation keys that give a Persian letter (or the tatweel, on Shift+minus).
_SYMBOL_KEYS = {"ج": "[", "چ": "]", "ک": ";", "گ": "'", "و": ",", "ـ": "_"}

LATIN_KEYS: dict[int, str] = {
    **{ord(chars[0]): key.lower() for key, chars in LETTER_KEYS.items()},
    **{ord(char): key for key, chars in LETTER_KEYS.items() for char in chars[1:]},
    **{ord(char): key for char, key in _SYMBOL_KEYS.items()},
}


def latin_key(char: str) -> str | None:
    """The Latin key (with its case) that gives `char` on the Persian layout, if any."""
    return LATIN_KEYS.get(ord(char)) if len(char) == 1 else None


def latin_keys(text: str) -> str:
    """`text` as the Latin keys that typed it on the Persian layout ("شیئهد" → "admin")."""
    return text.translate(LATIN_KEYS)
