"""Persian strings of the certificates page: verification, the issued list, reprint, revoke."""

from __future__ import annotations


class Verify:
    TITLE = "استعلام گواهینامه"
    PROMPT = "شماره، کد استعلام یا متن QR گواهینامه را بنویسید یا با دستگاه بخوانید:"
    BUTTON = "استعلام"
    EMPTY_INPUT = "نخست شماره، کد یا متن QR گواهینامه را وارد کنید."
    VALID = "این گواهینامه معتبر است."
    REVOKED = "این گواهینامه باطل شده است."
    REVOKED_DETAIL = "تاریخ ابطال: {date} — دلیل: {reason}"
    UNKNOWN_TITLE = "گواهینامه پیدا نشد."
    BAD_SIGNATURE_TITLE = "امضای گواهینامه درست نیست."
    UNKNOWN = (
        "گواهینامه‌ای با این شماره یا کد در این مرکز پیدا نشد. "
        "شماره را دوباره با دقت وارد کنید؛ اگر باز پیدا نشد، گواهینامه از این مرکز نیست."
    )
    BAD_SIGNATURE = (
        "متن QR یا اطلاعات این گواهینامه تغییر کرده است. "
        "به این گواهینامه اعتماد نکنید؛ اطلاعات درست در زیر آمده است."
    )
    COMPARE = "اطلاعات زیر را با متن چاپی گواهینامه مقایسه کنید."
    # The printed fields, as labels.
    FULL_NAME = "نام و نام خانوادگی"
    FATHER_NAME = "نام پدر"
    NATIONAL_CODE = "کد ملی"
    COURSE_TITLE = "عنوان دوره"
    HOURS = "مدت دوره"
    HOURS_VALUE = "{hours} ساعت"
    DATES = "تاریخ برگزاری"
    DATES_VALUE = "از {start} تا {end}"
    PARTNER = "نهاد همکار"
    CENTER = "مرکز"
    TRAINER = "مربی"
    MANAGER = "مدیر مرکز"
    SERIAL = "شمارهٔ گواهینامه"
    CODE = "کد استعلام"
    ISSUED_ON = "تاریخ صدور"


CENTER_AND_CITY = "{center}، {city}"  # the center as a certificate names it


class Issued:
    TITLE = "گواهینامه‌های صادرشده"
    COURSE = "دوره:"
    NO_COURSES = "هنوز دوره‌ای نیست."
    EMPTY = "برای این دوره هنوز گواهینامه‌ای صادر نشده است."
    SERIAL = "شمارهٔ گواهینامه"
    NAME = "نام"
    COURSE_COLUMN = "دوره"
    ISSUED_ON = "تاریخ صدور"
    STATUS = "وضعیت"
    STATUS_VALID = "معتبر"
    STATUS_REVOKED = "باطل‌شده"
    PRINTS = "دفعات چاپ"
    SELECT_FIRST = "نخست یک گواهینامه را در فهرست انتخاب کنید."
    COUNT = "{count} گواهینامه"
    # Reprint.
    REPRINT = "چاپ دوباره"
    REPRINTING = "در حال ساختن فایل گواهینامه…"
    SAVE_TITLE = "ذخیرهٔ فایل گواهینامه"
    FILETYPE_PDF = "فایل PDF"
    FILE_NAME = "گواهینامه-{serial}.pdf"
    REPRINTED = "گواهینامهٔ {serial} در فایل {name} ذخیره شد."
    SAVE_FAILED = "فایل ذخیره نشد؛ پوشهٔ دیگری را انتخاب کنید یا ببینید فایل باز نباشد."
    OPEN_FAILED = "فایل ذخیره شد ولی باز نشد؛ آن را از پوشه‌اش باز کنید."
    # Revoke.
    REVOKE = "ابطال"
    REVOKE_TITLE = "ابطال گواهینامهٔ {serial} ({name})"
    REVOKE_REASON = "دلیل ابطال:"
    REVOKE_CONFIRM = "باطل شود"
    REVOKE_CANCEL = "انصراف"
    REVOKED = "گواهینامهٔ {serial} باطل شد."
    ALREADY_REVOKED = "این گواهینامه پیش‌تر باطل شده است."
