"""Persian user-facing strings, kept together (views and services both use them).

Code is English; what a person reads is here. Messages are whole sentences. This
module holds the shared and foundation strings; each feature keeps its own in a
sibling module (`desktop/strings/<feature>.py`), so the whole catalogue is one folder.
"""

from __future__ import annotations

APP_NAME = "توانا"
APP_SUBTITLE = "سامانهٔ مراکز خدمات اجتماعی"

ROLE_NAMES = {
    "admin": "مدیر مرکز",
    "clerk": "کارشناس پذیرش",
    "trainer": "مربی",
    "shop": "کارکن فروشگاه",
    "hq_admin": "مدیر ستاد",
    "hq_analyst": "کارشناس ستاد",
}


class Errors:
    REQUIRED = "این خانه را پر کنید."
    TOO_LONG = "این خانه بیش از {limit} نویسه نمی‌گیرد."
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
    UNNAMED_USER = "«{username}» (نام وارد نشده)"  # in a list to choose a user from
    USERNAME_TAKEN = "این نام کاربری پیش‌تر ثبت شده است."
    ROLE_UNKNOWN = "نقش کاربر را انتخاب کنید."
    SELF_DEACTIVATE = "نمی‌توانید حساب خودتان را غیرفعال کنید."
    USER_NOT_FOUND = "این کاربر پیدا نشد."


class Settings:
    UNKNOWN_KEY = "این تنظیم شناخته نیست."
    BAD_VALUE = "مقدار این تنظیم درست نیست."


class Applicants:
    REQUIRED = Errors.REQUIRED
    NATIONAL_CODE_FORMAT = "کد ملی باید ۱۰ رقم باشد."
    NATIONAL_CODE_INVALID = "این کد ملی معتبر نیست؛ رقم‌ها را دوباره بررسی کنید."
    MOBILE_FORMAT = "شمارهٔ همراه را به شکل 09123456789 بنویسید."
    PHONE_FORMAT = "شمارهٔ تلفن باید ۵ تا ۱۵ رقم باشد."
    NAME_LETTERS = "نام را با حروف فارسی بنویسید."
    GENDER_REQUIRED = "جنسیت را انتخاب کنید."
    BIRTH_DATE_RANGE = "تاریخ تولد باید میان {earliest} و {latest} باشد."
    DISTRICT_UNKNOWN = "منطقه باید یکی از منطقه‌های شهر ({first} تا {last}) باشد."
    CATEGORY_REQUIRED = "دست‌کم یک گروه را انتخاب کنید."
    CATEGORY_UNKNOWN = "گروه «{key}» شناخته نیست."
    CHOICE_UNKNOWN = "این گزینه شناخته نیست."
    DUPLICATE = "متقاضی‌ای با این کد ملی پیش‌تر ثبت شده است: پروندهٔ {file_number} ({name})."
    DUPLICATE_DELETED = "متقاضی‌ای با این کد ملی پیش‌تر ثبت و سپس حذف شده است: پروندهٔ {file_number}."
    NEAR_DUPLICATE = (
        "متقاضی‌ای با همین نام، نام پدر و تاریخ تولد پیش‌تر ثبت شده است: {files}. "
        "اگر شخص دیگری است، دوباره ذخیره کنید."
    )
    NOT_FOUND = "این متقاضی پیدا نشد."
    LIST_SEPARATOR = "، "  # between file numbers or column names in one message
    DELETE_REASON_REQUIRED = "دلیل حذف را بنویسید."
    STATUS_SAME = "وضعیت متقاضی همین است."
    DATE_IN_FUTURE = "این تاریخ نمی‌تواند در آینده باشد."
    STATUS_BEFORE_LAST = "تاریخ این تغییر نمی‌تواند پیش از آخرین تغییر وضعیت ({date}) باشد."
    NEXT_BEFORE_HELD = "نوبت بعدی باید پس از تاریخ پیگیری باشد."
    CAPITAL_NEGATIVE = "سرمایه نمی‌تواند منفی باشد."
    PARTNER_UNKNOWN = "این نهاد همکار شناخته نیست."


CATEGORY_NAMES = {
    "job_seeker": "کارجو",
    "idea_holder": "صاحب ایده",
    "entrepreneur": "کارآفرین",
    "skilled_no_capital": "مهارت‌دار بدون سرمایه",
    "investor": "سرمایه‌گذار",
    "seasonal_worker": "کارگر فصلی و ساختمانی",
}

GENDER_NAMES = {"male": "مرد", "female": "زن"}

STATUS_NAMES = {
    "registered": "ثبت‌شده",
    "counselling": "در حال مشاوره",
    "in_training": "در حال آموزش",
    "trained": "آموزش‌دیده",
    "employed": "شاغل",
    "self_employed": "خوداشتغال",
    "home_business": "کسب‌وکار خانگی",
    "empowered": "توانمندشده",
}

EDUCATION_NAMES = {
    "none": "بی‌سواد",
    "primary": "ابتدایی",
    "middle": "سیکل",
    "diploma": "دیپلم",
    "associate": "کاردانی",
    "bachelor": "کارشناسی",
    "master": "کارشناسی ارشد",
    "doctorate": "دکتری",
}

MARITAL_NAMES = {
    "single": "مجرد",
    "married": "متأهل",
    "widowed": "همسر فوت‌شده",
    "divorced": "مطلقه",
}

FOLLOW_UP_KIND_NAMES = {
    "counselling": "مشاوره",
    "phone_call": "تماس تلفنی",
    "visit": "بازدید",
    "referral": "ارجاع",
}

IDEA_STATUS_NAMES = {
    "submitted": "ثبت‌شده",
    "shortlisted": "در فهرست کوتاه",
    "selected": "برگزیده",
    "funded": "تأمین مالی‌شده",
    "launched": "راه‌اندازی‌شده",
}

OUTCOME_KIND_NAMES = {
    "wage_job": "اشتغال مزدبگیری",
    "self_employment": "خوداشتغالی",
    "home_business": "کسب‌وکار خانگی",
    "cooperative": "تعاونی",
}
