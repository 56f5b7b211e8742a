"""The start-up problem window (views/desk_problem.py)."""

from __future__ import annotations

from typing import ClassVar

from desktop.strings.backup_views import BackupsPage


class DeskPage:
    TITLE = "پایگاه داده باز نشد"
    TITLE_DAMAGED = "پایگاه داده آسیب دیده است"
    BACKUPS = "پشتیبان‌های خودکار این پایگاه داده (تازه‌ترین بالا):"
    NO_BACKUPS = "پشتیبان خودکاری کنار این پایگاه داده نیست؛ پروندهٔ پشتیبان را انتخاب کنید."
    OTHER_FILE = "پروندهٔ پشتیبان دیگری…"
    OPEN_TITLE = "پروندهٔ پشتیبان"
    WHO = "یکی از مدیران این پشتیبان نام کاربری و گذرواژهٔ خود را (همان که در پشتیبان است) وارد کند:"
    USERNAME = "نام کاربری"
    PASSWORD = "گذرواژه"
    RESTORE = "بازگرداندن پشتیبان"
    RESTORING = "بازگرداندن پشتیبان و بازبینی آن…"
    CHOOSE_FIRST = "نخست پشتیبانی را از فهرست انتخاب کنید."
    CLOSE = "بستن"
    OPEN_APP = "باز کردن برنامه"
    KINDS: ClassVar[dict[str, str]] = BackupsPage.KINDS
    COLUMN_TAKEN = BackupsPage.COLUMN_TAKEN
    COLUMN_KIND = BackupsPage.COLUMN_KIND
    COLUMN_SIZE = BackupsPage.COLUMN_SIZE
    COLUMN_NAME = BackupsPage.COLUMN_NAME
