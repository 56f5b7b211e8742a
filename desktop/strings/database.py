"""Persian messages about the database file itself and the center's signing key.

`{target}` is the database's path (or its URL without the password); `{seconds}` how
long a writer waited for another program to finish writing.
"""

from __future__ import annotations


class DatabaseMessages:
    MISSING = "پایگاه داده‌ای در «{target}» نیست. نشانی را بررسی کنید."
    DIRECTORY = "«{target}» یک پوشه است، نه پروندهٔ پایگاه داده."
    NOT_SQLITE = "«{target}» پروندهٔ پایگاه دادهٔ توانا نیست."
    DAMAGED = "پروندهٔ پایگاه داده «{target}» آسیب دیده است. نسخهٔ پشتیبان را بازگردانید."
    CANNOT_OPEN = "پایگاه داده «{target}» باز نشد؛ دسترسی به پوشهٔ آن را بررسی کنید."
    READ_ONLY = "پایگاه داده «{target}» فقط‌خواندنی است و چیزی در آن ذخیره نمی‌شود."
    FULL = "دیسک پر است و چیزی در پایگاه داده «{target}» ذخیره نشد."
    BUSY = (
        "برنامهٔ دیگری {seconds} ثانیه در پایگاه داده می‌نوشت و کار شما ذخیره نشد. "
        "چند لحظهٔ دیگر دوباره امتحان کنید."
    )
    # Not a failure: shown while a save waits for another program to finish writing.
    WAITING = "برنامهٔ دیگری در حال نوشتن در پایگاه داده است؛ کار شما منتظر نوبت است…"
    UNKNOWN_SCHEME = "نشانی پایگاه داده «{target}» شناخته نیست."
    UNSUPPORTED = "توانا فقط با SQLite و PostgreSQL کار می‌کند، نه «{target}»."
    DRIVER_MISSING = (
        "راه‌انداز PostgreSQL برای «{target}» نصب نشده است. "
        "بستهٔ اضافی postgres را نصب کنید: pip install -e '.[postgres]'"
    )
    CANNOT_CONNECT = "به پایگاه داده «{target}» وصل نشد."
    BAD_URL = "نشانی پایگاه داده «{target}» نام پایگاه داده را ندارد."


class SigningKeyMessages:
    MISSING = (
        "کلید امضای مرکز {center} در این رایانه نیست (جای آن: {where}). "
        "پروندهٔ کلید را از نسخهٔ پشتیبان کنار پایگاه داده بازگردانید."
    )
    MISMATCH = "کلید امضای مرکز {center} در {where} با کلید ثبت‌شده در پایگاه داده جور نیست."
    DAMAGED = "پروندهٔ کلیدهای مرکز {center} ({where}) خراب است؛ آن را از نسخهٔ پشتیبان بازگردانید."
