"""What sync and headquarters say to people (services)."""

from __future__ import annotations

from typing import ClassVar


class SyncMessages:
    NOT_PROVISIONED = (
        "این مرکز هنوز با پروندهٔ راه‌اندازی ستاد راه‌اندازی نشده است؛ پروندهٔ همگام‌سازی "
        "را فقط مرکزی می‌تواند بنویسد که کلیدهای ستاد را دارد."
    )
    READING_KEY_MISSING = (
        "کلید خواندن پرونده‌های ستاد در این رایانه پیدا نشد (جای آن: {where})؛ "
        "پشتیبان کلیدها را برگردانید یا با ستاد تماس بگیرید."
    )
    NOT_REWOUND = "این پایگاه داده از آنچه ستاد دارد عقب نیست؛ داده‌ای برای بازگرداندن نیست."
    TRAINING = "پایگاه دادهٔ آموزشی پروندهٔ همگام‌سازی نمی‌نویسد: داده‌های نمونه به ستاد نمی‌روند."
    NOTHING_TO_EXPORT = "تغییری برای فرستادن نیست."
    FOLDER_MISSING = "پوشهٔ «{folder}» پیدا نشد."
    CANNOT_WRITE = "پرونده در «{folder}» نوشته نشد: {error}"
    FILE_UNREADABLE = "پرونده خوانده نشد: {error}"
    NOT_A_PROVISIONING_FILE = "این پرونده، پروندهٔ راه‌اندازی ستاد نیست ({reason})."
    NOT_AN_ACK = "این پرونده، پاسخ ستاد برای این مرکز نیست ({reason})."
    ACK_FOR_ANOTHER_CENTER = "این پاسخ ستاد برای مرکز {center} است، نه این مرکز."
    ACK_OLDER = "پاسخی تازه‌تر از ستاد پیش از این خوانده شده است."
    REFUSED: ClassVar[dict[str, str]] = {
        "not_a_sync_file": "پروندهٔ همگام‌سازی نیست",
        "truncated": "ناقص است",
        "newer_format": "با نسخهٔ تازه‌تری از برنامه نوشته شده است",
        "bad_header": "سرآغاز آن خراب است",
        "bad_signature": "امضای آن درست نیست",
        "cannot_decrypt": "برای این رایانه رمز نشده است",
        "damaged_payload": "محتوای آن خراب است",
        "wrong_kind": "از نوع دیگری است",
    }


class HqMessages:
    ALREADY_SET_UP = "این پایگاه داده پیش از این راه‌اندازی شده است."
    NOT_HQ = "این پایگاه داده، پایگاه دادهٔ ستاد نیست."
    CENTER_EXISTS = "مرکزی با کد {code} پیش از این تعریف شده است."
    UNKNOWN_CENTER = "مرکزی با کد {code} در ستاد تعریف نشده است."
    NAME_REQUIRED = "نام مرکز را بنویسید."
    NAME_THE_CENTER = "برای خطای داده، مرکزی را که باید پرونده را درست کند برگزینید."
    DATA_ERROR_NOTICE = (
        "ستاد: کد ملی {national_code} در این مرکز و مرکز دیگری ثبت شده و در این مرکز "
        "نادرست است؛ پرونده را بررسی و درست کنید. {note}"
    )
    NO_FILE_YET = "از مرکز {code} هنوز پرونده‌ای نرسیده است: کلید خواندن آن را ستاد ندارد."
