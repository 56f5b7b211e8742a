"""Left-to-right fields for identifiers and numbers: national code, mobile, amounts.

People type ASCII, Persian or Arabic-Indic digits, whichever their keyboard gives; the
field shows Persian digits and `get()` hands back the normalised ASCII value that is
stored. Digits need no bidi conversion (a run of digits is drawn left to right on
every platform), so unlike Persian text these fields hold exactly what they show.

The conversion happens after Tk's own class binding has applied a keystroke or a
paste: a bind tag placed *after* the class tag runs a fix-up that rewrites the text
(same length, so the caret does not move). Validation (`validate="key"`) only
rejects edits; Tk forbids editing the entry from inside a validation command.
"""

from __future__ import annotations

import tkinter as tk
from typing import Any, Literal

import ttkbootstrap as ttk

from desktop.text.digits import group_thousands, persian_digits
from desktop.text.money import MoneyUnit, parse_money
from desktop.text.normalize import normalize_digits, normalize_identifier

Allowed = Literal["any", "digits", "code", "phone", "signed", "date"]
# Separators people type or paste inside numbers ("۰۰۸۴-۵۷۵۹۴۸", "+98 912 123 4567");
# they are shown as typed and dropped by `get()` (normalize_identifier).
_SEPARATORS = " -.\u066c\u060c"
_EXTRA_CHARS: dict[str, str] = {
    "digits": "",
    "code": _SEPARATORS,
    "phone": _SEPARATORS + "+()",
    "signed": "+-",
    "date": "/-.\u060d",
}
_AFTER_EDIT_TAG = "TavanaAfterEdit"
_THOUSANDS = "\u066c"  # ٬


def _after_edit(event: tk.Event) -> None:
    widget = event.widget
    if isinstance(widget, IdentifierEntry):
        widget._after_edit()


class IdentifierEntry(ttk.Entry):
    """An LTR entry that shows Persian digits and returns normalised ASCII.

    `allowed`: "any" (no restriction), "digits" (0-9 in any script), "code" (digits
    with the separators people paste: space - . ٬ ،), "phone" (those and + ( ), so
    "+98 912 …" can be typed), "signed" (digits plus + and -) or "date" (digits and
    / - .). `max_length` counts what the person typed less the separators of "code"
    and "phone" (None: no limit): a national code is ten digits however it is written.
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
        self.configure(validate="key", validatecommand=(self.register(self._accepts), "%P"))
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
        """The text as the person sees it (Persian digits)."""
        return super().get()

    def set(self, value: object) -> None:
        """Replace the content (None → empty); shown with Persian digits."""
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
        return self._chars_allowed(normalize_digits(proposed))

    def _length(self, text: str) -> int:
        if self.allowed in ("code", "phone"):
            return sum(ch not in _EXTRA_CHARS[self.allowed] for ch in text)
        return len(text)

    def _chars_allowed(self, ascii_text: str) -> bool:
        if self.allowed == "any":
            return True
        extra = _EXTRA_CHARS[self.allowed]
        return all(ch.isascii() and (ch.isdigit() or ch in extra) for ch in ascii_text)

    def _shown(self, text: str) -> str:
        """The text as it should look: Persian digits, same length as `text`."""
        return persian_digits(normalize_digits(text))

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


class MoneyEntry(IdentifierEntry):
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
        return self._chars_allowed(digits)

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
