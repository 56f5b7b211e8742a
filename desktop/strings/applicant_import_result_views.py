"""The import wizard's last page: what the import did, kept until the clerk leaves it."""

from __future__ import annotations


class ImportResult:
    SUMMARY = "{rows} سطر: {created} متقاضی ثبت شد، {rejected} سطر رد شد."
    REJECTED_TITLE = "سطرهای ردشده و دلیل‌های هر کدام:"
    NOTHING_REJECTED = "هیچ سطری رد نشد."
    ANOTHER_FILE = "ورود پروندهٔ دیگر"
