"""Left-to-right fields for identifiers and numbers: codes, user names, amounts, dates.

Two kinds, after the rule in desktop/text/digits.py:
- `IdentifierEntry` (national code, mobile, user name, center code) shows what will be
  stored, Latin digits: a code someone copies into another system looks the same
  everywhere. Persian or Arabic-Indic digits typed become ASCII as they are typed. A
  Latin-only field (`allowed="latin"` or `"alnum"`) reads Persian letters as the
  Latin keys that typed them (desktop/text/keyboard.py): someone who forgot to switch
  the layout gets the name they meant, not unjoined Persian letters drawn backwards.
- `NumberEntry` and `MoneyEntry` (quantities, scores, dates, amounts) show Persian
  digits from the first keystroke, with Persian separators (٬ in amounts, ٫ before
  decimals), whatever the keyboard gives: the number looks while it is typed as it will
  everywhere afterwards, so nothing jumps when the field is left. `get()` hands back
  ASCII.

Digits need no bidi conversion (a run of digits is drawn left to right on every
platform), so unlike Persian text these fields hold exactly what they show.

The conversion happens after Tk's own class binding has applied a keystroke or a
paste: a bind tag placed *after* the class tag runs a fix-up that rewrites the text
(same length, so the caret does not move). Validation (`validate="key"`) only
rejects edits; Tk forbids editing the entry from inside a validation command. When a
field changes or refuses what was typed it says why: it sets `notice` and emits
`<<FieldNotice>>`, which a Form shows under the field.
"""

from __future__ import annotations

import tkinter as tk
from typing import Any, Literal

import ttkbootstrap as ttk

from desktop.strings.field_views import FieldNotice
from desktop.text.digits import PERSIAN_DECIMAL_SEPARATOR, group_thousands, persian_digits
from desktop.text.keyboard import LATIN_KEYS, TYPED_KEYS
from desktop.text.money import MoneyUnit, parse_money
from desktop.text.normalize import normalize_digits, normalize_identifier

Allowed = Literal[
    "any", "digits", "code", "phone", "latin", "alnum", "scan", "signed", "date", "decimal"
]
Case = Literal["lower", "upper"] | None
NOTICE = "<<FieldNotice>>"
# Separators people type or paste inside numbers ("۰۰۸۴-۵۷۵۹۴۸", "+98 912 …");
# they are shown as typed and dropped by `get()` (normalize_identifier).
_SEPARATORS = " -.\u066c\u060c"
# The decimal marks people type in a score: '.', Persian ٫, and the '/' and '،' many
# write by hand; all are shown as ٫.
_DECIMAL_MARKS = ".\u066b/,\u060c"
_EXTRA_CHARS: dict[str, str] = {
    "digits": "",
    "code": _SEPARATORS,
    "phone": _SEPARATORS + "+()",
    "latin": "._-",
    "alnum": "",
    "signed": "+-",
    "date": "/-.\u060d",
    "decimal": _DECIMAL_MARKS,
}
_LETTERS = frozenset(("latin", "alnum"))
# Fields whose text is Latin keys: Persian-layout characters are read as those keys.
_LATIN_KEYED = _LETTERS | {"scan"}
_AFTER_EDIT_TAG = "TavanaAfterEdit"
_THOUSANDS = "\u066c"  # ٬
_TO_DECIMAL_MARK = str.maketrans(dict.fromkeys(_DECIMAL_MARKS, PERSIAN_DECIMAL_SEPARATOR))
_TO_POINT = str.maketrans(dict.fromkeys(_DECIMAL_MARKS, "."))
# Only what no Latin layout gives is read as a Persian-layout key: a '[' typed on an
# English keyboard stays a '[' (and is refused), a «ش» becomes the 'a' on its key.
# Typed unshifted on either Persian layout, the standard or Windows' legacy one.
_PERSIAN_LAYOUT_KEYS = {code: key for code, key in TYPED_KEYS.items() if code > 0x7F}


def _after_edit(event: tk.Event) -> None:
    widget = event.widget
    if isinstance(widget, LtrEntry):
        widget._after_edit()


class LtrEntry(ttk.Entry):
    """What identifier and number fields share: characters allowed by kind, a length
    limit, and a fix-up after each edit that rewrites the text as it should be shown.

    `allowed`: "any" (no restriction), "digits" (0-9 in any script), "code" (digits
    with the separators people paste: space - . ٬ ،), "phone" (those and + ( ), so
    "+98 912 …" can be typed), "latin" (Latin letters, digits and . _ -), "alnum"
    (Latin letters and digits), "scan" (anything a keyboard or a USB scanner types,
    Persian-layout keys read back as Latin ones), "signed" (digits plus + and -),
    "date" (digits and / - .) or "decimal" (digits and one decimal mark). `max_length`
    counts what the person typed less the separators of "code" and "phone" (None: no
    limit): a national code is ten digits however it is written.
    """

    def __init__(
        self,
        master: tk.Misc | None = None,
        *,
        allowed: Allowed = "any",
        max_length: int | None = None,
        **kwargs: Any,
    ):
        kwargs.setdefault("justify", "left")
        super().__init__(master, **kwargs)
        self.allowed: Allowed = allowed
        self.max_length = max_length
        self.notice = ""
        # Through cnf: ttkbootstrap's stub types validatecommand as a callable, but Tk takes
        # the registered command with the "%P" it substitutes (the proposed text).
        self.configure(
            cnf={"validate": "key", "validatecommand": (self.register(self._accepts), "%P")}
        )
        if not self.bind_class(_AFTER_EDIT_TAG):
            for sequence in ("<KeyPress>", "<<Paste>>", "<<Cut>>", "<<Clear>>"):
                self.bind_class(_AFTER_EDIT_TAG, sequence, _after_edit)
        tags = list(self.bindtags())
        tags.insert(tags.index(self.winfo_class()) + 1, _AFTER_EDIT_TAG)
        self.bindtags(tuple(tags))

    # -- the model ---------------------------------------------------------------------

    def get(self) -> str:
        """The value to store: ASCII digits, no separators or bidi marks."""
        return normalize_identifier(super().get())

    def displayed(self) -> str:
        """The text as the person sees it."""
        return super().get()

    def set(self, value: object) -> None:
        """Replace the content (None → empty), shown as this field shows it."""
        self._replace("" if value is None else self._shown(str(value)), cursor=None)

    def insert(self, index: Any, string: str) -> None:
        super().insert(index, string)
        self._after_edit()

    def delete(self, first: Any, last: Any = None) -> None:
        super().delete(first, last)
        self._after_edit()

    # -- editing -----------------------------------------------------------------------

    def _accepts(self, proposed: str) -> bool:
        if self.max_length is not None and self._length(proposed) > self.max_length:
            return False
        if self._chars_allowed(self._typed(proposed)):
            return True
        self._say(FieldNotice.ONLY[self.allowed])
        return False

    def _typed(self, text: str) -> str:
        """What was typed, read as ASCII: the characters `allowed` is about."""
        return normalize_digits(text)

    def _length(self, text: str) -> int:
        if self.allowed in ("code", "phone"):
            return sum(ch not in _EXTRA_CHARS[self.allowed] for ch in text)
        return len(text)

    def _chars_allowed(self, ascii_text: str) -> bool:
        if self.allowed in ("any", "scan"):
            return True
        extra = _EXTRA_CHARS[self.allowed]
        letters = self.allowed in _LETTERS
        return all(
            ch.isascii() and (ch.isdigit() or (letters and ch.isalpha()) or ch in extra)
            for ch in ascii_text
        )

    def _shown(self, text: str) -> str:
        """The text as it should look, the same length as `text`."""
        return text

    def _after_edit(self) -> None:
        text = super().get()
        shown = self._shown(text)
        if shown != text:
            self._replace(shown, cursor=self.index("insert"))

    def _replace(self, text: str, cursor: int | None) -> None:
        # Validation is off while we rewrite: the new text may be what a paste made
        # longer than max_length (Tk already refused those) or a programmatic set().
        self.configure(validate="none")
        try:
            super().delete(0, "end")
            super().insert(0, text)
        finally:
            self.configure(validate="key")
        self.icursor("end" if cursor is None else cursor)

    def _say(self, notice: str) -> None:
        self.notice = notice
        self.event_generate(NOTICE)


class IdentifierEntry(LtrEntry):
    """An identifier, shown exactly as it will be stored: Latin digits.

    Latin-only kinds ("latin", "alnum", "scan") take Persian-layout letters as the
    Latin keys that typed them and say so; `case` ("lower" for user names, "upper" for codes)
    shows the letters as they will be stored.
    """

    def __init__(
        self,
        master: tk.Misc | None = None,
        *,
        allowed: Allowed = "any",
        case: Case = None,
        **kwargs: Any,
    ):
        self.case = case
        super().__init__(master, allowed=allowed, **kwargs)

    def get(self) -> str:
        if self.allowed in _LATIN_KEYED:  # '.', '_' and '-' belong to a user name
            return super().displayed().strip()
        return super().get()

    def _typed(self, text: str) -> str:
        text = normalize_digits(text)
        if self.allowed == "scan":  # a payload holds no brackets: ] and [ are Shift+O, P
            return text.translate(LATIN_KEYS)
        return text.translate(_PERSIAN_LAYOUT_KEYS) if self.allowed in _LETTERS else text

    def _shown(self, text: str) -> str:
        shown = self._typed(text)
        if self.case == "lower":
            shown = shown.lower()
        elif self.case == "upper":
            shown = shown.upper()
        return shown if len(shown) == len(text) else normalize_digits(text)

    def _after_edit(self) -> None:
        # Anything not ASCII in a Latin-only field (a Persian letter or digit) came from
        # the Persian layout: keep saying so while it is on.
        switched = self.allowed in _LETTERS and not super().displayed().isascii()
        super()._after_edit()
        if switched:
            self._say(FieldNotice.LAYOUT_SWITCHED)


class NumberEntry(LtrEntry):
    """A quantity or a date, shown with Persian digits as it is typed.

    `allowed`: "digits", "signed", "date" or "decimal" (a score: '59.5', '۵۹/۵' and
    '59,5' all show as ۵۹٫۵). `get()` is ASCII: '59.5' for a decimal, the digits alone
    otherwise.
    """

    def __init__(
        self,
        master: tk.Misc | None = None,
        *,
        allowed: Allowed = "digits",
        **kwargs: Any,
    ):
        super().__init__(master, allowed=allowed, **kwargs)

    def get(self) -> str:
        if self.allowed == "decimal":
            return self._typed(super().displayed()).strip()
        return super().get()

    def _typed(self, text: str) -> str:
        text = normalize_digits(text)
        return text.translate(_TO_POINT) if self.allowed == "decimal" else text

    def _chars_allowed(self, ascii_text: str) -> bool:
        if self.allowed == "decimal" and ascii_text.count(".") > 1:
            return False
        return super()._chars_allowed(ascii_text)

    def _shown(self, text: str) -> str:
        shown = persian_digits(normalize_digits(text))
        return shown.translate(_TO_DECIMAL_MARK) if self.allowed == "decimal" else shown


class MoneyEntry(NumberEntry):
    """An amount field: digits grouped with ٬ as they are typed.

    `unit` says what a typed number means (Rials or Tomans); `get_rials()` always
    answers in Rials. `max_length` counts digits, not separators.
    """

    def __init__(
        self,
        master: tk.Misc | None = None,
        *,
        unit: MoneyUnit = MoneyUnit.RIAL,
        max_length: int | None = 15,
        **kwargs: Any,
    ):
        self.unit = unit
        self._max_digits = max_length
        super().__init__(master, allowed="digits", max_length=None, **kwargs)

    def get_rials(self) -> int | None:
        """The amount in Rials; None when empty. ValueError (Persian message) if bad."""
        text = self.displayed().strip()
        if not text:
            return None
        return parse_money(text, self.unit)

    def set_rials(self, rials: int | None) -> None:
        if rials is None:
            self.set("")
        elif self.unit is MoneyUnit.TOMAN:
            self.set(str(rials // 10) if rials % 10 == 0 else str(rials))
        else:
            self.set(str(rials))

    def _accepts(self, proposed: str) -> bool:
        digits = normalize_digits(proposed.replace(_THOUSANDS, "").replace(",", ""))
        if self._max_digits is not None and len(digits) > self._max_digits:
            return False
        if self._chars_allowed(digits):
            return True
        self._say(FieldNotice.ONLY[self.allowed])
        return False

    def _shown(self, text: str) -> str:
        digits = normalize_identifier(text)
        if digits.isascii() and digits.isdigit():
            return group_thousands(int(digits))  # also drops leading zeros
        return persian_digits(digits)

    def _after_edit(self) -> None:
        # Grouping changes the length, so the caret is kept by the number of digits
        # before it rather than by index.
        text = self.displayed()
        shown = self._shown(text)
        if shown == text:
            return
        digits_before = sum(ch.isdigit() for ch in text[: self.index("insert")])
        self._replace(shown, cursor=_index_after_digits(shown, digits_before))


def _index_after_digits(text: str, count: int) -> int:
    """The index just after the `count`-th digit of `text` (0 when count is 0)."""
    if count <= 0:
        return 0
    seen = 0
    for index, ch in enumerate(text):
        seen += ch.isdigit()
        if seen == count:
            return index + 1
    return len(text)
