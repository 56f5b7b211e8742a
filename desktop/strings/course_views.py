"""Persian strings of the courses screens: the list, the course form and the course page."""

from __future__ import annotations

TITLE = "دوره‌ها"
ALL = "همه"
DONE_MARK = "✓"


class Columns:
    CODE = "کد"
    TITLE = "عنوان"
    TRAINER = "مربی"
    STATUS = "وضعیت"
    STARTS_ON = "شروع"
    ENDS_ON = "پایان"
    SEATS = "ثبت‌نام / ظرفیت"
    COMPLETED = "گذرانده"
    NAME = "نام"
    NATIONAL_CODE = "کد ملی"
    FILE_NUMBER = "شمارهٔ پرونده"
    ATTENDANCE = "حضور"
    SCORE = "نمره"
    RESULT = "نتیجه"
    MARK = "حضور در این جلسه"
    CERTIFICATE = "گواهینامه"


class List:
    NEW = "دورهٔ تازه"
    OPEN = "باز کردن"
    STATUS = "وضعیت:"
    SEARCH = "جستجو:"
    COUNT = "{count} دوره"
    EMPTY = "دوره‌ای با این شرایط نیست."
    SELECT_FIRST = "نخست دوره‌ای را در فهرست انتخاب کنید."
    KEYS = "Enter: باز کردن دوره"


class Form:
    NEW_TITLE = "دورهٔ تازه"
    EDIT_TITLE = "ویرایش دورهٔ {code}"
    TITLE = "عنوان دوره"
    FIELD = "رشته"
    PARTNER = "نهاد همکار"
    NO_PARTNER = "بدون نهاد همکار"
    TRAINER = "مربی"
    HOURS = "ساعت"
    CAPACITY = "ظرفیت"
    STARTS_ON = "تاریخ شروع"
    ENDS_ON = "تاریخ پایان"
    WEEKDAYS = "روزهای هفته"
    WEEKDAYS_HINT = "مثل: شنبه، دوشنبه"
    TIME = "ساعت برگزاری"
    LOCATION = "محل برگزاری"
    MIN_ATTENDANCE = "حداقل حضور (درصد)"
    PASSING_SCORE = "نمرهٔ قبولی"
    PASSING_HINT = "خالی: دوره آزمون ندارد"
    STATUS = "وضعیت"
    SAVE = "ذخیره"
    CANCEL = "بازگشت"
    CHECK_FIELDS = "خطاهای کنار فیلدها را برطرف کنید."
    CREATED = "دورهٔ {code} ساخته شد."
    UPDATED = "دورهٔ {code} ذخیره شد."


class Page:
    BACK = "→ فهرست دوره‌ها"
    EDIT = "ویرایش"
    CODE = "کد: {code}"
    DATES = "از {start} تا {end}"
    HOURS = "{hours} ساعت"
    TRAINER = "مربی: {name}"
    PARTNER = "نهاد همکار: {name}"
    SEATS = "ثبت‌نام: {enrolled} از {capacity} — در انتظار: {waiting}"
    STATUS = "وضعیت:"
    CHANGE_STATUS = "تغییر وضعیت"
    STATUS_CHANGED = "وضعیت دوره «{status}» شد."
    TAB_ENROLLEES = "شرکت‌کنندگان"
    TAB_ATTENDANCE = "حضور و غیاب"
    TAB_SCORES = "نمره‌ها"
    TAB_CERTIFICATES = "گواهینامه‌ها"
    SELECT_FIRST = "نخست یک ردیف را انتخاب کنید."


class Enroll:
    FIND = "ثبت‌نام متقاضی (نام یا کد ملی):"
    SEARCH = "جستجو"
    ENROLL = "ثبت‌نام"
    NO_MATCH = "متقاضی‌ای با این نام یا کد ملی پیدا نشد."
    ENROLLED = "{name} در دوره ثبت‌نام شد."
    WAITLISTED = "ظرفیت دوره پر است؛ {name} در فهرست انتظار (نفر {position}) قرار گرفت."
    WITHDRAW = "انصراف"
    REASON = "دلیل انصراف:"
    WITHDRAWN = "انصراف {name} ثبت شد."
    WAITING = "در انتظار ({position})"


class Attendance:
    SESSION = "جلسه:"
    NO_SESSIONS = "این دوره جلسه‌ای ندارد."
    KEYS = "کلیدها: ۱ یا P حاضر، ۲ یا A غایب، ۳ یا E موجه، ۰ پاک کردن"
    CLEAR = "پاک کردن"
    SAVE = "ذخیرهٔ حضور و غیاب"
    SAVED = "حضور و غیاب جلسهٔ {day} ذخیره شد ({count} تغییر)."
    NOT_EDITABLE = "این جلسه را نمی‌توانید علامت بزنید (هنوز برگزار نشده یا دسترسی ندارید)."
    SESSION_LABEL = "{day} — {marked} علامت"


class Scores:
    NOT_ASSESSED = "این دوره آزمون ندارد؛ نمره لازم نیست."
    PASSING = "نمرهٔ قبولی: {score}"
    SAVE = "ذخیرهٔ نمره‌ها"
    SAVED = "نمره‌ها ذخیره شد ({count} تغییر)."
    NOBODY = "هنوز کسی در دوره ثبت‌نام نشده است."


class Certs:
    ISSUE_ALL = "صدور گواهینامهٔ همهٔ قبول‌شدگان"
    PRINT_ALL = "چاپ همهٔ گواهینامه‌ها"
    ISSUED = "{count} گواهینامه صادر شد."
    NONE_TO_ISSUE = "گواهینامهٔ تازه‌ای برای صدور نبود."
    PRINTING = "چاپ گواهینامه‌ها"
    PRINTED = "{count} گواهینامه در {path} نوشته شد."
    CANCELLED = "چاپ لغو شد."
    SAVE_TITLE = "ذخیرهٔ گواهینامه‌ها"
    REVOKED = "باطل‌شده"
