"""What protecting the private keys with a passphrase says to people (models, services).

`{where}` is the key file's path; `{minimum}` a number of characters (Persian digits).
"""

from __future__ import annotations

from typing import ClassVar


class KeyMessages:
    LOCKED = (
        "کلیدهای خصوصی این پایگاه داده با گذرواژه محافظت شده‌اند و در این اجرای برنامه هنوز "
        "باز نشده‌اند ({where}). امضا و خواندن پرونده‌های همگام‌سازی تا آن زمان ممکن نیست؛ "
        "یک مدیر باید وارد شود و گذرواژهٔ کلیدها را بدهد."
    )
    WRONG_PASSPHRASE = "گذرواژهٔ کلیدها درست نیست."
    PASSPHRASE_SHORT = "گذرواژهٔ کلیدها باید دست‌کم {minimum} نویسه باشد."
    PASSPHRASE_MISMATCH = "تکرار گذرواژه با خود آن یکی نیست."
    PASSPHRASE_FILE_UNREADABLE = "پروندهٔ گذرواژهٔ کلیدها ({path}) خوانده نشد: {error}"
    ALREADY_PROTECTED = "پروندهٔ کلیدها ({where}) از پیش با گذرواژه محافظت شده است."
    NOT_PROTECTED = "پروندهٔ کلیدها ({where}) با گذرواژه محافظت نشده است."
    IN_KEYRING = (
        "کلیدهای این پایگاه داده در انبار کلید سیستم‌عامل نگه داشته می‌شوند و پرونده‌ای برای "
        "محافظت با گذرواژه ندارند."
    )
    IN_MEMORY = "پایگاه دادهٔ درون حافظه کلیدهایش را فقط در حافظه نگه می‌دارد."
    # A protected key file that cannot be opened, by reason (models/protected_keys.py).
    DAMAGED: ClassVar[dict[str, str]] = {
        "json": "پروندهٔ کلیدها ({where}) خراب است؛ آن را از نسخهٔ پشتیبان بازگردانید.",
        "unreadable": (
            "پروندهٔ کلیدها ({where}) به شکلی نیست که این برنامه بشناسد؛ "
            "آن را از نسخهٔ پشتیبان بازگردانید."
        ),
        "newer": (
            "پروندهٔ کلیدها ({where}) را نسخهٔ تازه‌تری از برنامه نوشته است؛ برنامه را به‌روز کنید."
        ),
        "altered": (
            "گذرواژه درست است اما پروندهٔ کلیدها ({where}) پس از نوشته شدن تغییر کرده یا "
            "آسیب دیده است؛ آن را از نسخهٔ پشتیبان بازگردانید."
        ),
    }
