"""Persian strings of the applicant import wizard and the export action.

The service's own messages (why a file cannot be read, why a row is refused) and the
column names live in desktop/strings/applicant_io.py; these are what the screens add
around them.
"""

from __future__ import annotations


class ImportText:
    TITLE = "ورود متقاضیان از پرونده"
    STEPS = ("انتخاب پرونده", "تطبیق ستون‌ها", "بررسی و ورود")
    STEP = "{number}. {name}"

    # (a) choosing a file
    INTRO = (
        "فهرست متقاضیان را از پروندهٔ اکسل (xlsx) یا CSV وارد کنید. پیش از ثبت، "
        "همهٔ سطرها مانند فرم ثبت‌نام بررسی می‌شوند و دلیل رد هر سطر را می‌بینید؛ "
        "تا دکمهٔ ورود را نزنید چیزی ذخیره نمی‌شود."
    )
    REQUIRED_HINT = "ستون‌های لازم: {names}."
    CHOOSE = "انتخاب پرونده…"
    CHOOSE_TITLE = "انتخاب پروندهٔ متقاضیان"
    FILETYPE_TABLES = "اکسل یا CSV"
    FILETYPE_XLSX = "اکسل"
    FILETYPE_CSV = "CSV"
    FILETYPE_ALL = "همهٔ پرونده‌ها"
    PATH = "پرونده:"
    READING = "خواندن پرونده"
    READ_CANCELLED = "خواندن پرونده لغو شد."

    # (b) mapping columns
    FILE_LINE = "{rows} سطر از پروندهٔ «{name}»"
    MAPPING_HINT = (
        "برای هر خانه ستونی از پرونده را انتخاب کنید که آن را دارد. "
        "ستون‌هایی که نامشان شناخته شد از پیش انتخاب شده‌اند."
    )
    REQUIRED_GROUP = "ستون‌های لازم"
    OPTIONAL_GROUP = "ستون‌های اختیاری"
    REQUIRED_MARK = "{label} *"
    NOT_IMPORTED = "—"
    UNNAMED_COLUMN = "ستون {number} (بی‌نام)"
    REPEATED_COLUMN = "{header} (ستون {number})"
    SAMPLE = "نمونه: {value}"
    MISSING = "این ستون‌های لازم هنوز انتخاب نشده‌اند: {names}."
    REUSED = "ستون «{header}» برای چند خانه انتخاب شده است: {names}."
    BACK = "بازگشت"
    CHECK = "بررسی سطرها"
    CHECKING = "بررسی سطرهای پرونده"
    CHECK_CANCELLED = "بررسی لغو شد."

    # (c) results and (d) import
    SUMMARY = "{rows} سطر: {accepted} پذیرفته، {rejected} رد"
    ONLY_REJECTED = "فقط سطرهای ردشده"
    COLUMN_ROW = "سطر"
    COLUMN_STATUS = "وضعیت"
    COLUMN_NAME = "نام"
    COLUMN_NATIONAL_CODE = "کد ملی"
    COLUMN_FILE_NUMBER = "پروندهٔ تازه"
    COLUMN_FIELD = "خانه"
    COLUMN_MESSAGE = "دلیل"
    NOTHING_REJECTED = "هیچ سطری رد نشد."
    SAVE_REPORT = "ذخیرهٔ گزارش"
    REPORT_TITLE = "ذخیرهٔ گزارش بررسی"
    REPORT_NAME = "گزارش-{stem}.csv"
    REPORT_FILETYPE = "CSV"
    REPORT_SAVED = "گزارش در «{name}» ذخیره شد."
    IMPORT = "ورود {count} متقاضی"
    NOTHING_TO_IMPORT = (
        "هیچ سطری پذیرفته نشد. پرونده را بر پایهٔ دلیل‌های بالا درست کنید و دوباره وارد کنید."
    )
    CONFIRM_TITLE = "ورود متقاضیان"
    CONFIRM = "{count} متقاضی از پروندهٔ «{name}» ثبت شوند؟"
    CONFIRM_REJECTED = "{rejected} سطر ردشده وارد نمی‌شود."
    IMPORTING = "ورود متقاضیان"
    IMPORT_CANCELLED = "ورود لغو شد و هیچ متقاضی‌ای ثبت نشد."
    IMPORTED_TITLE = "ورود انجام شد"
    IMPORTED = "{count} متقاضی از پروندهٔ «{name}» ثبت شد."


STATUS_LABELS = {"ok": "پذیرفته", "rejected": "رد"}


class ExportText:
    FILE_NAME = "متقاضیان-{date}.xlsx"
    DIALOG_TITLE = "ذخیرهٔ فهرست متقاضیان"
    FILETYPE_XLSX = "اکسل"
    FILETYPE_CSV = "CSV (برای برنامه‌های دیگر)"
    EXPORTING = "ذخیرهٔ فهرست متقاضیان"
    WRITTEN = "{count} پرونده نوشته شد"
    DONE_TITLE = "فهرست ذخیره شد"
    SAVED = "{count} پرونده در «{name}» ذخیره شد."


# Both screens write files a person chose; the operating system may refuse.
SAVE_FAILED = (
    "پرونده در این مسیر ذخیره نشد؛ شاید پوشه فقط‌خواندنی است یا پرونده در برنامهٔ دیگری "
    "باز است. مسیر دیگری را انتخاب کنید."
)
