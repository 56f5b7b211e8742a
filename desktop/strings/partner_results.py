"""Persian strings of a partner body's results sheet: messages, column headers and
the names a sheet gives results (desktop/services/partner_results.py)."""

from __future__ import annotations

from desktop.strings.applicant_io import HEADER_ALIASES as APPLICANT_ALIASES


class PartnerResults:
    NO_PARTNER = (
        "این دوره نهاد همکار ندارد؛ کارنامهٔ نهاد همکار فقط برای دوره‌ای وارد می‌شود که "
        "نهاد همکار آن را برگزار کرده است. نهاد همکار را در فرم دوره انتخاب کنید."
    )
    NOT_STARTED = "این دوره هنوز شروع نشده است؛ کارنامهٔ آن پس از شروع دوره وارد می‌شود."
    NOT_AN_APPLICANT = (
        "کد ملی {code} در پرونده‌های این مرکز نیست؛ نخست این نفر را ثبت کنید، "
        "سپس کارنامه را دوباره وارد کنید."
    )
    DELETED_APPLICANT = "پروندهٔ {file_number} با این کد ملی حذف شده است."
    RESULT_REQUIRED = "نتیجه را بنویسید: قبول یا مردود."
    RESULT_UNKNOWN = "نتیجهٔ «{text}» شناخته نیست؛ قبول یا مردود بنویسید."
    ATTENDANCE_FORMAT = "درصد حضور باید عددی از ۰ تا ۱۰۰ باشد، مثل ۸۵."
    PASSED_AGAINST_RULES = (
        "در کارنامه قبول آمده است، اما با قاعده‌های این دوره گذرانده نمی‌شود: {reasons}"
    )
    COURSE_FULL = (
        "دوره بیش از {limit} نفر نمی‌پذیرد؛ این سطر و سطرهای پس از آن را در دورهٔ دیگری وارد کنید."
    )
    # What an accepted row will do (the preview's and the report's message).
    WILL_PASS = "قبول"
    WILL_FAIL = "مردود"
    NEWLY_ENROLLED = "{result}؛ در دوره ثبت‌نام می‌شود"
    UNCHANGED = "{result}؛ همین نتیجه پیش‌تر ثبت شده است"
    WRITE_CONFLICT = (
        "هم‌زمان با ورود کارنامه، کسی همین افراد را در دوره ثبت‌نام کرد؛ هیچ سطری ذخیره نشد. "
        "ورود را دوباره انجام دهید."
    )


# The header each column of the sheet is known by (import also takes the English key).
RESULT_HEADERS = {
    "national_code": "کد ملی",
    "result": "نتیجه",
    "score": "نمره",
    "attendance_percent": "درصد حضور",
}

# Other headers partner bodies give the same columns.
RESULT_HEADER_ALIASES = {
    "national_code": APPLICANT_ALIASES["national_code"],
    "result": ("نتیجهٔ دوره", "نتیجه نهایی", "وضعیت قبولی", "قبولی", "وضعیت"),
    "score": ("نمرهٔ نهایی", "نمره نهایی", "نمره کل", "امتیاز"),
    "attendance_percent": ("حضور", "درصد حضور (٪)", "حضور (درصد)", "میزان حضور", "درصد"),
}

# The words a sheet may use for each result (compared without spaces or harakat).
RESULT_WORDS = {
    "passed": ("قبول", "قبولی", "موفق", "پذیرفته", "گذرانده", "pass"),
    "failed": ("مردود", "مردودی", "رد", "ناموفق", "نگذرانده", "fail"),
}
