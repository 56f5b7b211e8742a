"""Persian strings of applicant import and export: messages, column headers, aliases.

`HEADERS` is what an XLSX export writes as its header row; `HEADER_ALIASES` adds the
other names people give these columns in their own sheets. Import recognises both (and
the English keys of the column contract), so an export always re-imports.
"""

from __future__ import annotations


class ApplicantIo:
    UNREADABLE_MISSING = "پرونده‌ای با این نام پیدا نشد یا خواندن آن ممکن نیست."
    UNREADABLE_FORMAT = (
        "فقط پرونده‌های CSV و اکسل (xlsx) را می‌توان وارد کرد. "
        "پروندهٔ xls قدیمی را در اکسل با قالب xlsx ذخیره کنید."
    )
    UNREADABLE_ENCODING = (
        "نویسه‌های این پروندهٔ CSV خوانا نیست. "
        "آن را در اکسل با قالب «CSV UTF-8» ذخیره کنید و دوباره وارد کنید."
    )
    UNREADABLE_CORRUPT = "این پرونده خراب است یا قالب آن با پسوندش نمی‌خواند."
    UNREADABLE_EMPTY = "این پرونده خالی است."
    UNREADABLE_NO_HEADER = "سطر اول پرونده باید نام ستون‌ها باشد، اما خالی است."
    # The caps on what a file may hold (applicant_files: MAX_…); each names its limit.
    TOO_BIG = (
        "این پرونده بزرگ‌تر از آن است که بتوان وارد کرد: پروندهٔ CSV تا {csv_limit} مگابایت "
        "و محتوای بازشدهٔ پروندهٔ اکسل تا {xlsx_limit} مگابایت پذیرفته می‌شود. "
        "فهرست را در چند پرونده وارد کنید."
    )
    TOO_MANY_ROWS = (
        "این پرونده بیش از {limit} سطر دارد. هر بار تا {limit} سطر را می‌توان وارد کرد؛ "
        "فهرست را در چند پرونده وارد کنید."
    )
    TOO_MANY_COLUMNS = "این پرونده بیش از {limit} ستون دارد؛ ستون‌های اضافه را پاک کنید."
    CELL_TOO_LONG = (
        "خانه‌ای در سطر {row} بیش از {limit} نویسه دارد؛ هر خانه تا {limit} نویسه پذیرفته می‌شود."
    )
    MISSING_COLUMNS = "این ستون‌ها در پرونده پیدا نشد: {columns}."
    UNSUPPORTED_EXPORT = "پروندهٔ خروجی باید پسوند xlsx یا csv داشته باشد."
    EMPTY_ROW = "این سطر خالی است."
    DUPLICATE_IN_FILE = "این کد ملی پیش‌تر در سطر {line} همین پرونده آمده است."
    WRITE_CONFLICT = (
        "هم‌زمان با ورود، متقاضی دیگری با یکی از همین کدهای ملی ثبت شد؛ "
        "هیچ سطری ذخیره نشد. ورود را دوباره انجام دهید."
    )
    SHEET_TITLE = "متقاضیان"


# The header an XLSX export writes for each column (import accepts it back).
HEADERS = {
    "file_number": "شماره پرونده",
    "national_code": "کد ملی",
    "first_name": "نام",
    "last_name": "نام خانوادگی",
    "father_name": "نام پدر",
    "gender": "جنسیت",
    "birth_date": "تاریخ تولد",
    "mobile": "تلفن همراه",
    "district": "منطقه",
    "categories": "گروه‌ها",
    "phone": "تلفن",
    "address": "نشانی",
    "education_level": "تحصیلات",
    "education_field": "رشتهٔ تحصیلی",
    "marital_status": "وضعیت تأهل",
    "skills": "مهارت‌ها",
    "notes": "یادداشت",
    "status": "وضعیت",
}

# Other headers people use for the same columns in their own sheets.
HEADER_ALIASES = {
    "national_code": ("کدملی", "شماره ملی", "کد ملی متقاضی"),
    "first_name": ("نام کوچک",),
    "last_name": ("فامیلی", "نام فامیل", "نام خانوادگی متقاضی"),
    "gender": ("جنس",),
    "birth_date": ("تاریخ تولد (شمسی)",),
    "mobile": ("موبایل", "همراه", "شماره همراه", "شماره موبایل", "تلفن همراه متقاضی"),
    "district": ("شماره منطقه",),
    "categories": ("گروه", "دسته", "دسته‌ها", "گروه متقاضی"),
    "phone": ("تلفن ثابت", "شماره تلفن"),
    "address": ("آدرس", "نشانی محل سکونت"),
    "education_level": ("مدرک تحصیلی", "مقطع تحصیلی", "میزان تحصیلات"),
    "education_field": ("رشته", "رشته تحصیلی"),
    "marital_status": ("تأهل", "وضعیت تاهل"),
    "skills": ("مهارت",),
    "notes": ("یادداشت‌ها", "توضیحات"),
}
