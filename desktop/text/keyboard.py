"""Which Latin key typed a character on a Persian keyboard layout.

A person who types a user name or a center code with the Persian layout still active,
or a USB scanner "typing" a certificate's QR payload while it is, produces Persian
letters that stand for the Latin keys pressed. `latin_keys` reads such text back as
the keys that typed it; what is already ASCII is left alone. Two layouts are in use:

- the standard one, ISIRI 9147, as X11 (`xkb/symbols/ir`) and Windows' "Persian
  (Standard)" lay it out: "admin" typed on it is «شیپهد». `LATIN_KEYS` holds all of
  it: each key's unshifted character stands for its lower-case letter, the shifted
  ones (and the AltGr variants of ی and ا) for the capital;
- the legacy Windows "Persian" layout (KBDFA), still Windows' default for Persian:
  its unshifted letters are the standard's but for two keys — M gives ئ (the
  standard's Shift+S) and backslash gives پ (the standard's M) — so "admin" is
  «شیئهد». Its shifted level differs on a dozen keys (« and » swapped, ؤ إ أ ة ي
  elsewhere, the vowel marks all moved) and collides with the standard's.

So the two are read in two ways. A field whose case the field decides (a user name
is lower case, a center code upper case) is typed unshifted: `TYPED_KEYS` (and
`latin_keys`) read both layouts' unshifted letters, ئ as m. A scanner types a QR
payload's capitals with Shift: the scan reads the standard layout's every level
(`LATIN_KEYS`, ئ as S); under the legacy layout a scan is read wrongly, and fails
verification — switch the layout to "Persian (Standard)" or English for scanning.

Persian digits are not here: they are the same digits, folded by `normalize_digits`.
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

# The legacy Windows layout's unshifted letters where they differ from the standard's.
LEGACY_UNSHIFTED = {"ئ": "m", "پ": "\\"}

LATIN_KEYS: dict[int, str] = {
    **{ord(chars[0]): key.lower() for key, chars in LETTER_KEYS.items()},
    **{ord(char): key for key, chars in LETTER_KEYS.items() for char in chars[1:]},
    **{ord(char): key for char, key in _SYMBOL_KEYS.items()},
}
# Unshifted typing on either layout: the legacy M's ئ is m; its backslash's پ stays the
# standard's m (no identifier holds a backslash).
TYPED_KEYS: dict[int, str] = {**LATIN_KEYS, ord("ئ"): LEGACY_UNSHIFTED["ئ"]}


def latin_key(char: str) -> str | None:
    """The Latin key that gives `char` typed unshifted on either Persian layout, if any."""
    return TYPED_KEYS.get(ord(char)) if len(char) == 1 else None


def latin_keys(text: str) -> str:
    """`text` as the Latin keys that typed it, unshifted, on either Persian layout:
    «شیپهد» (standard) and «شیئهد» (legacy Windows) are both "admin"."""
    return text.translate(TYPED_KEYS)
