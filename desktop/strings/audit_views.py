"""The audit trail page's words (views/audit_view.py). The names of kinds, tables and
events, and the summaries of changes, are the service's (strings/audit.py)."""

from __future__ import annotations

from typing import ClassVar


class AuditPage:
    NAV_TITLE = "رویدادنگار"
    TITLE = "رویدادنگار: تغییرها و رویدادها"
    INTRO = (
        "هر تغییر در داده‌ها و هر ورود و خواندن حساس با کاربر و زمانش اینجا می‌ماند، "
        "تازه‌ترین در بالا؛ «جست‌وجو» کد ملی، شمارهٔ پرونده، سریال یا نام کاربری را می‌یابد. "
        "هر ردیف به ردیف پیش از خود زنجیر شده است، پس دست‌کاری یا پاک شدن ردیفی پیدا می‌شود."
    )
    # The chains' state.
    CHAIN_UNCHECKED = "درستی زنجیرهٔ ردیف‌ها هنوز بررسی نشده است."
    CHAIN_WHOLE = "زنجیره درست است: {changes} تغییر و {events} رویداد بررسی شد ({when})."
    CHAIN_BROKEN = (
        "زنجیره شکسته است: در {table}، ردیف {entry} {reason} ({when}). ردیف‌های از آنجا "
        "به بعد را با پشتیبان‌ها و پرونده‌های فرستاده به ستاد مقایسه کنید."
    )
    TABLES: ClassVar[dict[str, str]] = {
        "change_log": "تاریخچهٔ تغییرات",
        "audit_log": "رویدادها",
    }
    CENTER_TABLE = "تاریخچهٔ تغییرات مرکز {center}"
    REASONS: ClassVar[dict[str, str]] = {
        "edited": "دست‌کاری شده است",
        "missing": "نیست (پاک شده است)",
    }
    VERIFY = "بررسی زنجیره"
    VERIFYING = "بررسی زنجیرهٔ رویدادنگار"
    VERIFYING_STEP = "بررسی ردیف‌ها"
    # The filters.
    FROM = "از"
    TO = "تا"
    USER = "کاربر"
    KIND = "نوع"
    ENTITY = "موضوع"
    TEXT = "جست‌وجو"  # a national code, file number, serial, user name or words
    ALL = "همه"
    SHOW = "نمایش"
    CLEAR = "پاک کردن فیلترها"
    # The table.
    COLUMN_AT = "زمان"
    COLUMN_USER = "کاربر"
    COLUMN_KIND = "نوع"
    COLUMN_ENTITY = "موضوع"
    COLUMN_ACTION = "کار"
    COLUMN_SUMMARY = "شرح"
    NO_USER = "—"
    EMPTY = "ردیفی با این فیلترها نیست."
    SHOWN_MORE = "{count} ردیف نمایش داده شده است؛ ردیف‌های قدیمی‌تری هم هست."
    SHOWN_ALL = "همهٔ {count} ردیف نمایش داده شده است."
    MORE = "ردیف‌های بیشتر"
    DETAIL_HINT = "ردیفی را برگزینید تا شرح کامل آن اینجا دیده شود."
    DETAIL = "{at} · {user} · {kind} · {entity} · {action}\n{summary}"
    DETAIL_RECORD = "شناسهٔ ردیف: {record} (مرکز {center}، شمارهٔ {number})"
    # The export.
    EXCEL = "خروجی اکسل…"
    CSV = "خروجی CSV…"
    SAVE_TITLE = "جای خروجی رویدادنگار را برگزینید"
    EXCEL_FILES = "پروندهٔ اکسل"
    CSV_FILES = "پروندهٔ CSV"
    EXPORTING = "خروجی رویدادنگار"
    EXPORT_STEP = "{count} ردیف نوشته شد"
    SAVED = "{count} ردیف در «{name}» نوشته شد."
    CANCELLED = "خروجی لغو شد؛ پرونده‌ای نوشته نشد."
