"""Persian strings of the applicant registry's screens: search, form and file page."""

from __future__ import annotations

TITLE = "متقاضیان"
ALL = "همه"
UNKNOWN = "نامشخص"


class Search:
    HINT = "نام، کد ملی یا شمارهٔ همراه"
    CATEGORY = "گروه"
    DISTRICT = "منطقه"
    STATUS = "وضعیت"
    COURSE = "دوره"
    COURSE_CHOICE = "{code} — {title}"
    NEW = "متقاضی تازه"
    OPEN = "باز کردن پرونده"
    EXPORT = "خروجی اکسل"
    KEYS = "Enter: باز کردن پرونده  ·  ↓: رفتن به فهرست  ·  Esc: پاک کردن  ·  Ctrl+N: متقاضی تازه"
    KEYS_READ_ONLY = "Enter: باز کردن پرونده  ·  ↓: رفتن به فهرست  ·  Esc: پاک کردن"
    COUNT = "{count} متقاضی"
    COUNT_CAPPED = "بیش از {count} متقاضی؛ برای فهرست کوتاه‌تر، بیشتر بنویسید."
    STATUS_CAPPED = "{first} تا {last} از بیش از {count}"
    NOTHING_FOUND = "متقاضی‌ای با این جستجو پیدا نشد."
    EMPTY_REGISTRY = "هنوز متقاضی‌ای ثبت نشده است."
    EMPTY_REGISTRY_WRITER = (
        "هنوز متقاضی‌ای ثبت نشده است. با «متقاضی تازه» (Ctrl+N) نخستین پرونده را بسازید."
    )
    SELECT_FIRST = "نخست یک متقاضی را در فهرست انتخاب کنید."


class Columns:
    FILE_NUMBER = "شمارهٔ پرونده"
    LAST_NAME = "نام خانوادگی"
    FIRST_NAME = "نام"
    FATHER_NAME = "نام پدر"
    NATIONAL_CODE = "کد ملی"
    MOBILE = "همراه"
    DISTRICT = "منطقه"
    STATUS = "وضعیت"
    REGISTERED_ON = "تاریخ ثبت"


# Field labels: the form, the file page and the change history use the same words.
FIELD_LABELS = {
    "first_name": "نام",
    "last_name": "نام خانوادگی",
    "father_name": "نام پدر",
    "national_code": "کد ملی",
    "gender": "جنسیت",
    "birth_date": "تاریخ تولد",
    "mobile": "شمارهٔ همراه",
    "phone": "تلفن دیگر",
    "address": "نشانی",
    "district": "منطقه",
    "education_level": "تحصیلات",
    "education_field": "رشتهٔ تحصیلی",
    "marital_status": "وضعیت تأهل",
    "categories": "گروه‌ها",
    "category_flags": "گروه‌ها",
    "skills": "مهارت‌ها",
    "notes": "یادداشت",
    "status": "وضعیت",
    "status_changed_on": "تاریخ وضعیت",
    "registered_on": "تاریخ ثبت",
    "registered_by": "ثبت‌کننده",
    "file_number": "شمارهٔ پرونده",
    "number": "شمارهٔ پرونده",
    "deleted": "حذف",
    "deleted_reason": "دلیل حذف",
}


class Form:
    NEW_TITLE = "ثبت متقاضی تازه"
    EDIT_TITLE = "ویرایش پروندهٔ {file_number}"
    IDENTITY = "هویت"
    CONTACT = "نشانی و تماس"
    EDUCATION = "تحصیل و خانواده"
    CATEGORIES = "گروه‌ها"
    SKILLS = "مهارت‌ها"
    NOTES = "یادداشت"
    SAVE = "ذخیره"
    CANCEL = "انصراف"
    KEYS = "Enter یا Ctrl+S: ذخیره  ·  Esc: انصراف"
    NATIONAL_CODE_HINT = "۱۰ رقم"
    MOBILE_HINT = "مثل 09123456789"
    DATE_HINT = "مثل ۱۳۷۰/۰۶/۳۱"
    DISTRICT_HINT = "شمارهٔ منطقه، {first} تا {last}"
    SKILLS_HINT = "هر مهارت را بنویسید و Enter یا «،» بزنید."
    NOTES_HINT = "Enter: سطر بعد"
    REMOVE_TAG = "برداشتن «{tag}»"
    FIX_ERRORS = "ذخیره نشد: {count} خانه را اصلاح کنید."
    DUPLICATE_TITLE = "کد ملی تکراری"
    DUPLICATE_ASK = "{message}\nپروندهٔ موجود باز شود؟"
    OPEN_EXISTING = "باز کردن پرونده"
    STAY = "ماندن در فرم"
    NEAR_TITLE = "متقاضی مشابه"
    NEAR_ASK = (
        "متقاضی‌ای با همین نام، نام پدر و تاریخ تولد پیش‌تر ثبت شده است:\n"
        "{matches}\n"
        "اگر این شخص دیگری است، پرونده ثبت شود؟"
    )
    NEAR_LINE = "• پروندهٔ {file_number}: {name}، فرزند {father}، متولد {birth}"
    SAVE_ANYWAY = "ثبت شود"
    BACK_TO_FORM = "بازگشت به فرم"
    DISCARD_TITLE = "تغییرهای ذخیره‌نشده"
    DISCARD_ASK = "آنچه در این فرم نوشته‌اید ذخیره نشده است. از فرم بیرون می‌روید؟"
    DISCARD = "بیرون رفتن بی‌ذخیره"
    KEEP_EDITING = "ادامهٔ نوشتن"
    REGISTERED = "پروندهٔ {file_number} برای {name} ساخته شد."
    UPDATED = "تغییرهای پروندهٔ {file_number} ذخیره شد."
    UNCHANGED = "چیزی تغییر نکرده بود."


class File:
    STATUS_SINCE = "{status} (از {date})"
    CHANGED_FIELDS = "{action}: {fields}"
    BACK = "بازگشت به فهرست"
    EDIT = "ویرایش"
    CHANGE_STATUS = "تغییر وضعیت"
    DELETE = "حذف"
    FILE_NUMBER = "پروندهٔ {file_number}"
    REGISTERED_ON = "ثبت‌شده در {date}"
    KEYS = "Esc یا Alt+→: بازگشت به فهرست"
    DELETED = "این پرونده حذف شده است. دلیل: {reason}"
    TAB_DETAILS = "مشخصات"
    TAB_STATUS = "سیر وضعیت"
    TAB_CHANGES = "تاریخچهٔ تغییرات"
    SECTION_IDENTITY = "هویت"
    SECTION_CONTACT = "نشانی و تماس"
    SECTION_PROGRAMME = "برنامه"
    AGE = "{date} ({age} ساله)"
    NONE = "—"
    STATUS_DATE = "تاریخ"
    STATUS_BY = "ثبت‌کننده"
    STATUS_NOTE = "یادداشت"
    CHANGE_AT = "زمان"
    CHANGE_BY = "کاربر"
    CHANGE_WHAT = "چه تغییر کرد"
    NO_FIELDS = "بی‌تغییر در مشخصات"
    NO_CHANGES = "برای این پرونده تغییری ثبت نشده است."
    STATUS_PANEL = "تغییر وضعیت متقاضی"
    NEW_STATUS = "وضعیت تازه"
    NEW_STATUS_REQUIRED = "وضعیت تازه را انتخاب کنید."
    STATUS_ON = "از تاریخ"
    NOTE = "یادداشت"
    SAVE_STATUS = "ثبت وضعیت"
    STATUS_CHANGED = "وضعیت به «{status}» تغییر کرد."
    DELETE_PANEL = "حذف پرونده"
    DELETE_WARNING = "پرونده و سابقه‌اش نگه داشته می‌شود، اما در جستجو دیده نمی‌شود و ویرایش‌شدنی نیست."
    DELETE_REASON = "دلیل حذف"
    CONFIRM_DELETE = "حذف پرونده"
    DELETED_DONE = "پروندهٔ {file_number} ({name}) حذف شد."
    CLOSE_PANEL = "بستن"


OPERATIONS = {"create": "ساخت پرونده", "update": "ویرایش", "delete": "حذف پرونده"}


class Tabs:
    FOLLOW_UPS = "پیگیری‌ها"
    IDEAS = "ایده‌ها"
    OUTCOMES = "نتایج اشتغال"
    LINKS = "پیوندها"
    COURSES = "دوره‌ها"
    COMING = "به‌زودی"
