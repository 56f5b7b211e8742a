"""Persian strings of the casework screens: the file page's casework tabs and the due list."""

from __future__ import annotations

# What a linked person is to the one whose file is open (LinkSuggestion.kind).
LINK_KIND_NAMES = {
    "investor": "سرمایه‌گذار",
    "skilled": "مهارت‌دار",
    "idea_holder": "صاحب ایده",
}

DONE_MARK = "✓"
REASON_SEPARATOR = "، "


class Common:
    READ_ONLY = "فقط مشاهده: ثبت و ویرایش با کارشناس پذیرش یا مدیر مرکز است."
    SELECT_FIRST = "نخست یک ردیف را در جدول انتخاب کنید."
    CANCEL = "انصراف"


class FollowUps:
    DATE = "تاریخ"
    KIND = "نوع"
    NOTES = "یادداشت"
    NEXT = "نوبت بعدی"
    DONE = "انجام‌شده"
    ADD_TITLE = "ثبت پیگیری"
    HELD_ON = "تاریخ پیگیری"
    NEXT_HINT = "اختیاری؛ در فهرست پیگیری‌های روز می‌آید."
    SAVE = "ثبت پیگیری"
    SAVED = "پیگیری {date} ثبت شد."
    CLOSE = "بستن نوبت"
    CLOSED = "نوبت {date} بسته شد."
    NO_APPOINTMENT = "این پیگیری نوبت بازی ندارد."
    EMPTY = "هنوز پیگیری‌ای ثبت نشده است."


class Ideas:
    TITLE = "عنوان ایده"
    FIELD = "زمینه"
    DESCRIPTION = "شرح"
    CAPITAL = "سرمایهٔ لازم"
    CAPITAL_IN = "سرمایهٔ لازم ({unit})"
    STATUS = "وضعیت"
    ADD_TITLE = "ثبت ایدهٔ تازه"
    EDIT_TITLE = "ویرایش ایده"
    ADD = "ثبت ایده"
    SAVE = "ذخیرهٔ تغییرات"
    ADDED = "ایدهٔ «{title}» ثبت شد."
    UPDATED = "تغییرات ایدهٔ «{title}» ذخیره شد."
    EDIT = "ویرایش"
    SET_STATUS = "تغییر وضعیت"
    STATUS_SET = "وضعیت ایدهٔ «{title}» «{status}» شد."
    EMPTY = "هنوز ایده‌ای ثبت نشده است."


class Outcomes:
    KIND = "نوع اشتغال"
    STARTED_ON = "تاریخ شروع"
    EMPLOYER = "کارفرما یا کسب‌وکار"
    PARTNER = "نهاد همکار"
    VERIFIED = "تأییدشده"
    ADD_TITLE = "ثبت نتیجهٔ اشتغال"
    ADD = "ثبت نتیجه"
    ADDED = "نتیجهٔ «{kind}» ثبت شد."
    ADDED_STATUS = "نتیجهٔ «{kind}» ثبت شد و وضعیت متقاضی «{status}» شد."
    VERIFY = "تأیید"
    UNVERIFY = "لغو تأیید"
    VERIFIED_DONE = "نتیجهٔ «{kind}» تأیید شد."
    UNVERIFIED_DONE = "تأیید نتیجهٔ «{kind}» برداشته شد."
    EMPTY = "هنوز نتیجهٔ اشتغالی ثبت نشده است."


class Links:
    FIND = "یافتن پیوندها"
    FINDING = "در جستجوی پیوندها…"
    INTRO = (
        "صاحبان ایده با سرمایه‌گذاران و مهارت‌داران هم‌زمینه، "
        "و سرمایه‌گذاران و مهارت‌داران با صاحبان ایدهٔ هم‌زمینه پیوند داده می‌شوند."
    )
    KIND = "نقش"
    NAME = "نام و نام خانوادگی"
    FILE_NUMBER = "شمارهٔ پرونده"
    MOBILE = "همراه"
    REASONS = "دلیل پیوند"
    SCORE = "امتیاز"
    FOUND = "{count} نفر پیدا شد."
    NONE_FOUND = "کسی با زمینهٔ مشترک پیدا نشد."
    NOT_YET = "برای دیدن پیشنهادها «یافتن پیوندها» را بزنید."
    OPEN_HINT = "Enter یا دوبار کلیک: باز کردن پرونده"
    CANCELLED = "جستجو لغو شد."


class Due:
    TITLE = "پیگیری‌های امروز"
    MINE_ONLY = "فقط پیگیری‌های من"
    UNTIL = "تا تاریخ"
    SHOW = "نمایش"
    APPOINTMENT = "نوبت"
    WHEN = "سررسید"
    NAME = "متقاضی"
    FILE_NUMBER = "شمارهٔ پرونده"
    MOBILE = "همراه"
    KIND = "نوع"
    NOTES = "یادداشت"
    BY = "ثبت‌کننده"
    OPEN = "باز کردن پرونده"
    DONE = "انجام شد"
    CLOSED = "پیگیری {name} انجام‌شده ثبت شد."
    TODAY = "امروز"
    OVERDUE = "{days} روز گذشته"
    AHEAD = "{days} روز دیگر"
    COUNT = "{count} پیگیری سررسیده"
    COUNT_OVERDUE = "{count} پیگیری سررسیده، {overdue} مورد از روزهای گذشته"
    EMPTY_TODAY = "امروز پیگیری سررسیده‌ای نیست."
    EMPTY_UNTIL = "تا {date} پیگیری سررسیده‌ای نیست."
    KEYS = "Enter: باز کردن پرونده"


class ApplicantCourses:
    """The «دوره‌ها» tab of an applicant's file."""

    CODE = "کد دوره"
    TITLE = "عنوان دوره"
    STATUS = "وضعیت"
    ENROLLED_ON = "تاریخ ثبت‌نام"
    ATTENDANCE = "حضور (٪)"
    SCORE = "نمره"
    CERTIFICATE = "شمارهٔ گواهینامه"
    WAITING = "در انتظار (نفر {position})"
    REVOKED = "{serial} (باطل‌شده)"
    EMPTY = "این متقاضی هنوز در دوره‌ای ثبت‌نام نشده است."
    ADD_TITLE = "ثبت‌نام در دوره"
    COURSE = "دوره"
    COURSE_HINT = "دوره‌های برنامه‌ریزی‌شده، در حال ثبت‌نام و در حال برگزاری."
    CHOICE = "{code} — {title} ({seats})"
    FREE_SEATS = "{count} جای خالی"
    FULL = "پر؛ فهرست انتظار"
    ENROLL = "ثبت‌نام در دوره"
    NO_OPEN_COURSES = "اکنون دوره‌ای برای ثبت‌نام باز نیست."
    SELECT_COURSE = "نخست دوره را از فهرست انتخاب کنید."
    ENROLLED = "در دورهٔ «{title}» ثبت‌نام شد."
    WAITLISTED = "ظرفیت دورهٔ «{title}» پر است؛ در فهرست انتظار (نفر {position}) قرار گرفت."
