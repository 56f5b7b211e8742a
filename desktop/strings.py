"""Persian user-facing strings, kept together (views and services both use them).

Code is English; what a person reads is here. Messages are whole sentences.
"""

from __future__ import annotations

APP_NAME = "توانا"
APP_SUBTITLE = "سامانهٔ مراکز خدمات اجتماعی"

ROLE_NAMES = {
    "admin": "مدیر مرکز",
    "clerk": "کارشناس پذیرش",
    "trainer": "مربی",
    "shop": "کارکن فروشگاه",
}


class Errors:
    REQUIRED = "این خانه را پر کنید."
    UNEXPECTED_TITLE = "خطای پیش‌بینی‌نشده"
    UNEXPECTED = "کار انجام نشد و چیزی ذخیره نشد. جزئیات در پروندهٔ گزارش ثبت شد:\n{log_path}"
    FORBIDDEN = "شما اجازهٔ این کار را ندارید."
    FONT_MISSING = (
        "قلم وزیرمتن بارگذاری نشد و متن با قلم جایگزین نمایش داده می‌شود. "
        "جزئیات در پروندهٔ گزارش ثبت شد."
    )


class Setup:
    CENTER_CODE_FORMAT = "کد مرکز باید ۲ تا ۱۰ حرف لاتین بزرگ یا رقم باشد، مثل TEH05."
    CENTER_NAME_LENGTH = "نام مرکز باید دست‌کم ۳ حرف باشد."
    ALREADY_DONE = "این پایگاه داده پیش‌تر راه‌اندازی شده است."
    NOT_DONE = "پایگاه داده هنوز راه‌اندازی نشده است."


class Auth:
    USERNAME_FORMAT = "نام کاربری باید ۳ تا ۳۲ نویسهٔ لاتین کوچک، رقم، نقطه، خط تیره یا زیرخط باشد."
    PASSWORD_SHORT = "گذرواژه باید دست‌کم ۸ نویسه باشد."
    PASSWORD_MISMATCH = "تکرار گذرواژه با خود آن یکی نیست."
    PASSWORD_SAME = "گذرواژهٔ تازه باید با گذرواژهٔ کنونی فرق داشته باشد."
    BAD_CREDENTIALS = "نام کاربری یا گذرواژه نادرست است."
    OLD_PASSWORD_WRONG = "گذرواژهٔ کنونی نادرست است."
    INACTIVE = "این حساب غیرفعال شده است. با مدیر مرکز تماس بگیرید."
    LOCKED = "به‌خاطر چند تلاش نادرست، ورود تا {seconds} ثانیهٔ دیگر ممکن نیست."
    DISPLAY_NAME_REQUIRED = "نام و نام خانوادگی کاربر را بنویسید."
    USERNAME_TAKEN = "این نام کاربری پیش‌تر ثبت شده است."
    ROLE_UNKNOWN = "نقش کاربر را انتخاب کنید."
    SELF_DEACTIVATE = "نمی‌توانید حساب خودتان را غیرفعال کنید."
    USER_NOT_FOUND = "این کاربر پیدا نشد."


class Settings:
    UNKNOWN_KEY = "این تنظیم شناخته نیست."
    BAD_VALUE = "مقدار این تنظیم درست نیست."
