"""Persian strings of courses, enrollment, attendance, results and certificates."""

from __future__ import annotations

from desktop.strings import Errors

COURSE_STATUS_NAMES = {
    "planned": "برنامه‌ریزی‌شده",
    "open": "در حال ثبت‌نام",
    "running": "در حال برگزاری",
    "finished": "پایان‌یافته",
    "cancelled": "لغوشده",
}

ENROLLMENT_STATUS_NAMES = {
    "enrolled": "ثبت‌نام‌شده",
    "waitlisted": "در فهرست انتظار",
    "withdrawn": "انصراف‌داده",
    "completed": "دوره را گذرانده",
    "failed": "دوره را نگذرانده",
}

ATTENDANCE_MARK_NAMES = {
    "present": "حاضر",
    "absent": "غایب",
    "excused": "غیبت موجه",
}

CERTIFICATE_STATUS_NAMES = {
    "valid": "معتبر",
    "revoked": "باطل‌شده",
    "unknown": "ناشناخته",
    "bad_signature": "امضای نامعتبر",
}


WEEKDAY_SEPARATOR = "، "  # between the names of days: «شنبه، دوشنبه»


class Courses:
    REQUIRED = Errors.REQUIRED
    TITLE_REQUIRED = "عنوان دوره را بنویسید."
    TRAINER_REQUIRED = "مربی دوره را انتخاب کنید."
    TRAINER_UNKNOWN = "مربی انتخاب‌شده در فهرست کاربران فعال با نقش مربی نیست."
    TRAINER_ONLY_SELF = "مربی فقط می‌تواند دوره‌ای بسازد که خودش مربی آن است."
    PARTNER_UNKNOWN = "این نهاد همکار شناخته نیست."
    WHOLE_NUMBER = "یک عدد صحیح بنویسید."
    HOURS_RANGE = "ساعت دوره باید از {low} تا {high} باشد."
    CAPACITY_RANGE = "ظرفیت دوره باید از {low} تا {high} نفر باشد."
    CAPACITY_BELOW_ENROLLED = (
        "ظرفیت نمی‌تواند کمتر از {count} نفری باشد که هم‌اکنون در دوره ثبت‌نام شده‌اند."
    )
    MIN_ATTENDANCE_RANGE = "حداقل حضور باید از ۱ تا ۱۰۰ درصد باشد."
    PASSING_SCORE_RANGE = "نمرهٔ قبولی باید از ۰ تا ۱۰۰ باشد، یا خالی برای دوره‌ای که آزمون ندارد."
    END_BEFORE_START = "تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد."
    WEEKDAYS_REQUIRED = "دست‌کم یک روز هفته را برای جلسه‌ها انتخاب کنید."
    WEEKDAY_UNKNOWN = "روز هفتهٔ «{text}» شناخته نیست؛ روزها را از شنبه تا جمعه انتخاب کنید."
    NO_SESSION_DAYS = "در فاصلهٔ تاریخ شروع تا پایان هیچ یک از روزهای انتخاب‌شده نیست."
    TOO_MANY_SESSIONS = "این دوره بیش از {limit} جلسه می‌شود؛ تاریخ‌ها را بررسی کنید."
    STATUS_UNKNOWN = "وضعیت دوره را از فهرست انتخاب کنید."
    STATUS_NOT_AT_START = (
        "دورهٔ تازه فقط می‌تواند برنامه‌ریزی‌شده، در حال ثبت‌نام یا در حال برگزاری باشد."
    )
    STATUS_MOVE = "دوره را نمی‌توان از وضعیت «{current}» به «{target}» برد."
    STATUS_SAME = "وضعیت دوره همین است."
    FINISH_BEFORE_START = "دوره‌ای که هنوز شروع نشده است را نمی‌توان پایان‌یافته اعلام کرد."
    REOPEN_CERTIFIED = (
        "برای این دوره گواهینامه صادر شده است؛ پیش از بازگشایی، گواهینامه‌ها را باطل کنید."
    )
    RULES_CERTIFIED = (
        "برای این دوره گواهینامه صادر شده است؛ حداقل حضور و نمرهٔ قبولی دیگر تغییر نمی‌کند."
    )
    MARKED_OUTSIDE = (
        "جلسهٔ {day} حضور و غیاب دارد و بیرون از تاریخ‌های تازه می‌ماند؛ "
        "تاریخ‌ها را طوری بگذارید که آن را در بر بگیرد."
    )
    NOT_FOUND = "این دوره پیدا نشد."
    NOT_YOURS = "این دوره را مربی دیگری برگزار می‌کند."
    # Sessions.
    SESSION_NOT_FOUND = "این جلسه پیدا نشد."
    SESSION_OUTSIDE = "تاریخ جلسه باید میان تاریخ شروع ({start}) و پایان ({end}) دوره باشد."
    SESSION_DUPLICATE = "در این تاریخ جلسهٔ دیگری برای این دوره هست."
    SESSION_IN_FUTURE = "حضور و غیاب جلسه‌ای را که هنوز برگزار نشده است نمی‌توان ثبت کرد."
    MARKED_SESSION_TO_FUTURE = (
        "حضور و غیاب این جلسه ثبت شده است؛ آن را به روزی پس از امروز نمی‌توان برد."
    )
    SESSION_HAS_MARKS = "برای این جلسه حضور و غیاب ثبت شده است؛ نخست علامت‌های آن را پاک کنید."
    # The course's state forbids the change.
    COURSE_CLOSED = "این دوره {status} است و این کار در آن ممکن نیست."


class Enrollments:
    ALREADY_ENROLLED = "این متقاضی پیش‌تر در این دوره ثبت‌نام شده است ({status})."
    APPLICANT_NOT_FOUND = "این متقاضی پیدا نشد."
    NOT_FOUND = "این ثبت‌نام پیدا نشد."
    REASON_REQUIRED = "دلیل انصراف را بنویسید."
    CANNOT_WITHDRAW = "کسی را که دوره را به پایان رسانده است نمی‌توان منصرف کرد."
    ALREADY_WITHDRAWN = "این نفر پیش‌تر انصراف داده است."
    NOT_ACTIVE = "این نفر در فهرست شرکت‌کنندگان دوره نیست."
    MARK_UNKNOWN = "علامت حضور باید حاضر، غایب یا غیبت موجه باشد."
    SCORE_FORMAT = "نمره را به شکل عدد بنویسید، مثل ۸۷ یا ۸۷٫۵."
    SCORE_RANGE = "نمره باید از ۰ تا ۱۰۰ باشد."
    CERTIFIED = (
        "برای {name} گواهینامه صادر شده است؛ حضور و نمرهٔ او دیگر تغییر نمی‌کند "
        "مگر گواهینامه باطل شود."
    )
    # Status notes kept with the applicant's programme history.
    ENROLLED_NOTE = "ثبت‌نام در دورهٔ {code} ({title})"
    COMPLETED_NOTE = "گذراندن دورهٔ {code} ({title})"
    WITHDRAWN_NOTE = "انصراف از دورهٔ {code} ({title})"
    FAILED_NOTE = "نگذراندن دورهٔ {code} ({title})"


class Completion:
    """Why someone did not (yet) complete a course."""

    NO_SESSIONS = "هنوز جلسه‌ای از دوره برگزار نشده است."
    ALL_EXCUSED = "همهٔ غیبت‌ها موجه بوده و جلسه‌ای برای سنجش حضور نمانده است."
    ATTENDANCE_LOW = "حضور {percent}٪ است و کمتر از حداقل {minimum}٪ است."
    SCORE_MISSING = "نمره‌ای ثبت نشده است."
    SCORE_LOW = "نمرهٔ {score} کمتر از نمرهٔ قبولی {passing} است."
    REPORTED_FAILED = "نهاد همکار در کارنامهٔ دوره او را مردود اعلام کرده است."


class Certificates:
    LOGO_MISSING = "پروندهٔ نشان پیدا نشد؛ نشانی یک پروندهٔ تصویر (PNG یا JPG) را بدهید."
    NOT_COMPLETED = (
        "{name} این دوره را نگذرانده است؛ گواهینامه فقط برای کسی است که دوره را گذرانده."
    )
    COURSE_NOT_FINISHED = "دوره هنوز پایان نیافته است؛ گواهینامه پس از پایان دوره صادر می‌شود."
    ALREADY_ISSUED = (
        "برای این نفر پیش‌تر گواهینامهٔ {serial} صادر شده است؛ برای نسخهٔ تازه، آن را دوباره چاپ کنید."
    )
    NOT_FOUND = "این گواهینامه پیدا نشد."
    ISSUED_IN_FUTURE = "تاریخ صدور نمی‌تواند در آینده باشد."
    REVOKE_REASON_REQUIRED = "دلیل ابطال گواهینامه را بنویسید."
    ALREADY_REVOKED = "این گواهینامه پیش‌تر باطل شده است."
    REVOKED_NOT_PRINTED = "گواهینامهٔ باطل‌شدهٔ {serial} چاپ نمی‌شود."
    REVOKED_REPLACED_NOT_PRINTED = (
        "گواهینامهٔ باطل‌شدهٔ {serial} چاپ نمی‌شود؛ گواهینامهٔ جایگزین این نفر {current} است."
    )
    TAMPERED_NOT_PRINTED = (
        "اطلاعات گواهینامهٔ {serial} پس از صدور تغییر کرده و با امضای آن نمی‌خواند؛"
        " چاپ نمی‌شود. آن را استعلام کنید و در صورت نیاز باطل و دوباره صادر کنید."
    )
    NOTHING_TO_PRINT = "در این دوره کسی نیست که گواهینامه داشته باشد یا دوره را گذرانده باشد."
    RENDERER_MISSING = "بخش چاپ گواهینامه در این نسخه نصب نیست."
    NO_CENTER = "مرکز هنوز راه‌اندازی نشده است."
    MANAGER_TITLE = "مدیر مرکز"
