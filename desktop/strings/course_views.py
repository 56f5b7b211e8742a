"""Persian strings of the courses screens: the list, the course form and the course page."""

from __future__ import annotations

TITLE = "دوره‌ها"
ALL = "همه"
DONE_MARK = "✓"
PERCENT = "{number}٪"


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
    TRAINER = "مربی:"
    PARTNER = "نهاد همکار:"
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
    TAB_SESSIONS = "جلسه‌ها"
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


class Withdrawn:
    TITLE = "انصراف‌داده‌ها ({count})"
    WITHDRAWN_ON = "تاریخ انصراف"
    REASON = "دلیل"
    # The applicant file's courses tab: the status cell of a withdrawn enrollment.
    STATUS = "انصراف: {reason}"


class FileCourses:
    """The applicant file's courses tab: the line under the table for the selected row."""

    ENROLLED = "دورهٔ «{title}»: ثبت‌نام در {date}"
    WITHDRAWN = "دورهٔ «{title}»: ثبت‌نام در {date}، انصراف در {withdrawn_on} — دلیل: {reason}"


class Attendance:
    SESSION = "جلسه:"
    NO_SESSIONS = "این دوره جلسه‌ای ندارد."
    KEYS = "کلیدها: ۱ یا P حاضر، ۲ یا A غایب، ۳ یا E موجه، ۰ پاک کردن"
    CLEAR = "پاک کردن"
    SAVE = "ذخیرهٔ حضور و غیاب"
    SAVED = "حضور و غیاب جلسهٔ {day} ذخیره شد ({count} تغییر)."
    NOT_EDITABLE = "این جلسه را نمی‌توانید علامت بزنید (هنوز برگزار نشده یا دسترسی ندارید)."
    SESSION_LABEL = "{day} {weekday} — {marked} علامت"
    READ_ONLY = "حضور و غیاب را مربی دوره یا مدیر ثبت می‌کند؛ این برگه فقط برای دیدن است."


class Sessions:
    DATE = "تاریخ"
    WEEKDAY = "روز"
    TIME = "ساعت"
    MARKED = "علامت‌های ثبت‌شده"
    PRESENT = "حاضر"
    NOTE = "یادداشت"
    FIELD_DATE = "تاریخ جلسه:"
    FIELD_NOTE = "یادداشت:"
    ADD = "افزودن جلسه"
    MOVE = "انتقال جلسهٔ انتخاب‌شده به این تاریخ"
    REMOVE = "حذف جلسهٔ انتخاب‌شده"
    DATE_REQUIRED = "تاریخ جلسه را وارد کنید."
    SUMMARY = "{count} جلسه — {held} برگزارشده"
    EMPTY = "این دوره جلسه‌ای ندارد."
    ADDED = "جلسهٔ {day} افزوده شد."
    MOVED = "جلسهٔ {old} به {new} منتقل شد."
    REMOVED = "جلسهٔ {day} حذف شد."
    REMOVE_TITLE = "حذف جلسه"
    REMOVE_ASK = "جلسهٔ {day} ({weekday}) از برنامهٔ دوره حذف شود؟"
    REMOVE_ASK_MARKED = (
        "جلسهٔ {day} ({weekday}) از برنامهٔ دوره حذف شود؟\n"
        "برای این جلسه {marked} علامت حضور و غیاب ثبت شده است."
    )
    REMOVE_YES = "حذف شود"
    REMOVE_NO = "انصراف"
    READ_ONLY = "برنامهٔ جلسه‌ها را مربی دوره یا مدیر تغییر می‌دهد."


class Scores:
    NOT_ASSESSED = "این دوره آزمون ندارد؛ نمره لازم نیست."
    PASSING = "نمرهٔ قبولی: {score}"
    SAVE = "ذخیرهٔ نمره‌ها"
    SAVED = "نمره‌ها ذخیره شد ({count} تغییر)."
    NOBODY = "هنوز کسی در دوره ثبت‌نام نشده است."
    READ_ONLY = "نمره‌ها را مربی دوره یا مدیر ثبت می‌کند."


class Certs:
    ISSUE_ALL = "صدور گواهینامهٔ همهٔ قبول‌شدگان"
    ISSUE_ONE = "صدور گواهینامهٔ این نفر"
    PRINT_ALL = "چاپ همهٔ گواهینامه‌ها"
    REPRINT_ONE = "چاپ دوبارهٔ این گواهینامه"
    STATUS = "وضعیت گواهینامه"
    VALID = "معتبر"
    ISSUED = "{count} گواهینامه صادر شد."
    ISSUED_ONE = "گواهینامهٔ {serial} برای {name} صادر شد."
    NONE_TO_ISSUE = "گواهینامهٔ تازه‌ای برای صدور نبود."
    PRINTING = "چاپ گواهینامه‌ها"
    REPRINTING = "چاپ دوبارهٔ گواهینامه"
    # The path itself is shown under the message, left to right (it would be reordered
    # inside a Persian sentence).
    PRINTED = "{count} گواهینامه در فایل زیر نوشته شد."
    REPRINTED = "گواهینامهٔ {serial} دوباره در فایل زیر نوشته شد."
    # After PRINTED or REPRINTED, when the system has no PDF viewer to open the file.
    OPEN_FAILED = "برنامه‌ای برای باز کردن فایل پیدا نشد؛ آن را از پوشه‌اش باز کنید."
    SAVE_FAILED = "فایل نوشته نشد؛ پوشهٔ دیگری را انتخاب کنید یا ببینید فایل باز نباشد."
    CANCELLED = "چاپ لغو شد."
    SAVE_TITLE = "ذخیرهٔ گواهینامه‌ها"
    REVOKED = "باطل‌شده"
    FILE_NAME = "گواهینامه-{serial}.pdf"
    READ_ONLY = "صدور و چاپ گواهینامه با مربی دوره یا مدیر است."
