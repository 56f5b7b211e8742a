"""Persian strings the input fields say by themselves: a short note under a field when
what was typed was changed or refused as it was typed (desktop/views/widgets/ltr_entry)."""

from __future__ import annotations

from typing import ClassVar


class FieldNotice:
    # Persian letters typed into a Latin-only field are read as the Latin keys.
    LAYOUT_SWITCHED = "صفحه‌کلید فارسی بود؛ حرف لاتینِ همان کلید نوشته شد."
    # What each kind of field takes, said when a character is refused.
    ONLY: ClassVar[dict[str, str]] = {
        "latin": "این فیلد فقط حرف لاتین، رقم و . _ - می‌پذیرد.",
        "alnum": "این فیلد فقط حرف لاتین و رقم می‌پذیرد.",
        "digits": "این فیلد فقط رقم می‌پذیرد.",
        "code": "این فیلد فقط رقم می‌پذیرد.",
        "phone": "این فیلد فقط رقم و + ( ) می‌پذیرد.",
        "signed": "این فیلد فقط رقم و + - می‌پذیرد.",
        "date": "تاریخ را با رقم بنویسید، مثل ۱۴۰۳/۰۱/۲۵.",
        "decimal": "این فیلد فقط رقم و ممیز (٫) می‌پذیرد.",
    }


class PathText:
    # A field holding a chosen file (desktop/views/widgets/path_field.py).
    CHOOSE = "انتخاب…"
    REMOVE = "حذف"
    NONE = "هیچ پرونده‌ای انتخاب نشده است."
