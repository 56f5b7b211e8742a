"""Labels of headquarters' pages (views/hq/)."""

from typing import ClassVar

from desktop.strings.sync import SyncMessages

HQ_NAV_TITLES = {
    "hq_centers": "مراکز",
    "hq_import": "ورود پرونده‌های مراکز",
    "hq_refusals": "پرونده‌های نپذیرفته",
    "hq_duplicates": "کد ملی در دو مرکز",
    "hq_search": "جست‌وجو در همهٔ مراکز",
    "hq_provision": "تعریف مرکز تازه",
}

# Why HQ refused a file (services/hq/imports.py), for people.
REFUSAL_REASONS = {
    **SyncMessages.REFUSED,  # what is wrong with the file itself, as a center is told
    "unreadable": "پرونده خوانده نشد",
    "unknown_center": "این مرکز در ستاد تعریف نشده است",
    "training": "پروندهٔ یک پایگاه دادهٔ آموزشی است",
    "newer_schema": "با نسخهٔ تازه‌تری از برنامه نوشته شده است؛ برنامهٔ ستاد را به‌روز کنید",
    "awaiting_approval": "کلید این مرکز هنوز تأیید نشده است (صفحهٔ مراکز)",
    "gap": "پرونده‌های پیش از آن هنوز نرسیده‌اند",
    "bad_signature": "امضای آن درست نیست (شاید دستکاری شده باشد)",
    "cannot_decrypt": "برای این ستاد رمز نشده است",
    "wrong_kind": "پروندهٔ تغییرهای یک مرکز نیست",
}

# The synced tables, as the import report names them.
ENTITY_NAMES = {
    "applicant": "متقاضیان",
    "status_change": "تغییر وضعیت‌ها",
    "follow_up": "پیگیری‌ها",
    "idea": "ایده‌ها",
    "outcome": "نتیجه‌ها",
    "course": "دوره‌ها",
    "course_session": "جلسه‌های دوره",
    "enrollment": "ثبت‌نام‌ها",
    "attendance": "حضور و غیاب",
    "certificate": "گواهینامه‌ها",
    "center": "مراکز",
    "user": "کاربران",
    "district": "منطقه‌ها",
    "partner": "دستگاه‌های همکار",
    "center_key": "کلیدهای مرکز",
    "shop": "فروشگاه‌ها",
    "producer": "تولیدکنندگان",
    "product": "کالاها",
    "price_change": "تغییر قیمت‌ها",
    "stock_note": "برگه‌های انبار",
    "sale": "فروش‌ها",
    "sale_line": "ردیف‌های فروش",
    "sale_payment": "پرداخت‌ها",
    "sale_return": "برگشتی‌ها",
    "return_line": "ردیف‌های برگشتی",
    "stock_move": "جابه‌جایی انبار",
    "daily_close": "بستن روزانه",
    "settlement": "تسویه‌ها",
}


class Centers:
    TITLE = "مراکز"
    CODE = "کد"
    NAME = "نام مرکز"
    CITY = "شهر"
    LAST_FILE = "آخرین پرونده"
    LAST_SEQUENCE = "آخرین شماره"
    FILES = "پرونده‌ها"
    LAG = "روز از آخرین"
    APPLICANTS = "متقاضیان"
    KEY = "اثر انگشت کلید"
    STATE = "کلید"
    APPROVED = "تأییدشده"
    PENDING = "در انتظار تأیید"
    NO_KEY = "هنوز پرونده‌ای نرسیده"
    NEVER = "—"
    REFRESH = "تازه‌سازی"
    APPROVE = "تأیید کلید…"
    APPROVE_TITLE = "تأیید کلید مرکز {code}"
    APPROVE_HINT = (
        "اثر انگشت کلید را تلفنی از مدیر مرکز بپرسید و اینجا بنویسید؛ فقط اگر با آنچه "
        "پروندهٔ مرکز آورده یکی باشد، تأیید می‌شود."
    )
    FINGERPRINT = "اثر انگشت"
    CONFIRM = "تأیید"
    CANCEL = "انصراف"
    APPROVED_DONE = "کلید مرکز {code} تأیید شد؛ پرونده‌هایش را دوباره وارد کنید."
    NOT_PENDING = "کلید این مرکز در انتظار تأیید نیست."
    SELECT_FIRST = "نخست مرکزی را برگزینید."
    ACK = "نوشتن پاسخ برای مرکز…"
    # For a center put back from a backup behind what it sent: its own rows go with it.
    ACK_WITH_ROWS = "پاسخ با داده‌های مرکز…"
    ACK_TITLE = "پاسخ ستاد برای مرکز {code} کجا نوشته شود؟"
    ACK_WRITTEN = "پاسخ مرکز {code} نوشته شد: {name}"
    FILETYPE = "پروندهٔ همگام‌سازی توانا"
    EMPTY = "هنوز مرکزی تعریف نشده است."


class Imports:
    TITLE = "ورود پرونده‌های مراکز"
    INTRO = (
        "پرونده‌های همگام‌سازی را که از مراکز رسیده برگزینید؛ پرونده‌های هر مرکز به "
        "ترتیب شماره وارد می‌شوند و هر پرونده یا همه‌اش وارد می‌شود یا هیچ."
    )
    ADD_FILE = "افزودن پرونده…"
    ADD_FOLDER = "افزودن همهٔ پرونده‌های یک پوشه…"
    CLEAR = "خالی کردن فهرست"
    IMPORT = "ورود پرونده‌ها"
    OPEN_TITLE = "پروندهٔ همگام‌سازی مرکز را برگزینید"
    FOLDER_TITLE = "یکی از پرونده‌های پوشه را برگزینید (همهٔ پرونده‌های آن افزوده می‌شوند)"
    FILETYPE = "پروندهٔ همگام‌سازی توانا"
    CHOSEN = "پرونده‌های برگزیده: {count}"
    FILE = "پرونده"
    FOLDER = "پوشه"
    NONE_CHOSEN = "نخست پرونده‌ای برگزینید."
    IMPORTING = "ورود پرونده‌های مراکز"
    CANCELLED = (
        "ورود نیمه‌کاره ماند. پرونده‌هایی که وارد شدند می‌مانند؛ با «ورود پرونده‌ها» بقیه "
        "وارد می‌شوند و آن‌ها «پیش‌تر وارد شده» گفته می‌شوند."
    )
    SUMMARY = "{imported} پرونده وارد شد، {already} پیش‌تر وارد شده بود، {refused} پذیرفته نشد."
    LINE_IMPORTED = "وارد شد: {file} — مرکز {center}، {changes} تغییر (شمارهٔ {first} تا {last})"
    LINE_ALREADY = "پیش‌تر وارد شده بود: {file}"
    LINE_REFUSED = "پذیرفته نشد: {file} — {reason}"
    GAP_DETAIL = "{reason}: تغییرهای {first} تا {last} را نخست وارد کنید"
    KEY_DETAIL = "{reason}؛ اثر انگشت کلید: {fingerprint}"
    REPORT = "گزارش ورود"
    ENTITY = "جدول"
    CREATED = "تازه"
    UPDATED = "به‌روز شده"
    SKIPPED = "کنار گذاشته"
    WHY = "چرا"
    SKIPPED_OLDER = "ستاد نسخهٔ تازه‌تری دارد"


class Refusals:
    TITLE = "پرونده‌های نپذیرفته"
    INTRO = "پرونده‌هایی که ستاد نپذیرفت، با دلیل؛ هیچ‌یک چیزی را تغییر نداده است."
    FILE = "پرونده"
    CENTER = "مرکز"
    REASON = "دلیل"
    AT = "زمان"
    EMPTY = "پروندهٔ نپذیرفته‌ای نیست."
    REFRESH = "تازه‌سازی"


class Duplicates:
    TITLE = "کد ملی در دو مرکز"
    INTRO = (
        "کسانی که با یک کد ملی در بیش از یک مرکز ثبت شده‌اند. اگر یک نفرند که به دو "
        "مرکز رفته، «یک نفر» بزنید؛ اگر یکی اشتباه است، مرکزی را که باید درستش کند "
        "برگزینید: پیامی با پاسخ بعدی ستاد به آن مرکز می‌رسد."
    )
    NATIONAL_CODE = "کد ملی"
    CENTERS = "مراکز"
    NAMES = "نام‌ها"
    STATUS = "وضعیت"
    NOTE = "یادداشت"
    STATUSES: ClassVar[dict[str, str]] = {
        "open": "بررسی‌نشده",
        "linked": "یک نفر",
        "data_error": "خطای داده در {center}",
    }
    SHOW = "نمایش"
    SHOW_ALL = "همه"
    LINK = "یک نفر است"
    DATA_ERROR = "خطای داده در مرکز:"
    MARK_ERROR = "ثبت خطای داده"
    NOTE_LABEL = "یادداشت"
    SELECT_FIRST = "نخست یک ردیف را برگزینید."
    CHOOSE_CENTER = "مرکزی را که باید پرونده را درست کند برگزینید."
    DECIDED = "تصمیم برای کد ملی {code} ثبت شد."
    EMPTY = "کد ملی تکراری میان مراکز پیدا نشد."


class Search:
    TITLE = "جست‌وجو در همهٔ مراکز"
    QUERY = "نام، کد ملی، شمارهٔ پرونده یا تلفن"
    SEARCH = "جست‌وجو"
    CENTER = "مرکز"
    FILE_NUMBER = "شمارهٔ پرونده"
    NATIONAL_CODE = "کد ملی"
    NAME = "نام"
    FATHER = "نام پدر"
    MOBILE = "تلفن همراه"
    FOUND = "{count} نفر پیدا شد (حداکثر {limit})."
    EMPTY = "کسی پیدا نشد."


class Provision:
    TITLE = "تعریف مرکز تازه"
    INTRO = (
        "کد، نام و شهر مرکز را بنویسید؛ پروندهٔ راه‌اندازی آن نوشته می‌شود تا مرکز با آن "
        "راه‌اندازی شود. اثر انگشت کلید ستاد را تلفنی به مدیر مرکز بگویید."
    )
    CODE = "کد مرکز"
    CODE_HINT = "مثل TEH05؛ در شمارهٔ پرونده‌ها و گواهینامه‌های مرکز می‌آید."
    NAME = "نام مرکز"
    CITY = "شهر"
    WRITE = "نوشتن پروندهٔ راه‌اندازی…"
    SAVE_TITLE = "پروندهٔ راه‌اندازی مرکز کجا نوشته شود؟"
    FILETYPE = "پروندهٔ همگام‌سازی توانا"
    WRITTEN = "پروندهٔ راه‌اندازی مرکز {code} نوشته شد: {name}"
    FINGERPRINT = "اثر انگشت کلید ستاد: {fingerprint}"
