"""Persian strings of the reports page."""

from __future__ import annotations


class ReportsPage:
    NAV_TITLE = "گزارش‌ها"
    TITLE = "گزارش‌ها"
    INTRO = (
        "گزارش را انتخاب کنید و دوره را به تاریخ شمسی بدهید؛ نمودار کنار جدول می‌آید و "
        "تفکیک‌ها در زبانه‌های بعدی. هر گزارش با همهٔ جدول‌هایش به Excel و PDF ذخیره می‌شود."
    )
    KIND = "گزارش"
    FROM = "از"
    TO = "تا"
    DISTRICT = "منطقه"
    CENTER = "مرکز"
    ALL_CENTERS = "همهٔ مراکز"
    SHOW = "نمایش گزارش"
    EXCEL = "ذخیره در Excel"
    PDF = "ذخیره در PDF"
    WORKING = "در حال تهیهٔ گزارش"
    SAVING = "در حال ذخیرهٔ گزارش"
    DATES_REQUIRED = "تاریخ شروع و پایان دوره را درست بنویسید."
    SHOWN = "{title} آماده است."
    EMPTY = "در این دوره چیزی برای این جدول نیست."
    SAVE_TITLE = "ذخیرهٔ گزارش"
    SAVED = "گزارش در {name} ذخیره شد."
    EXCEL_FILES = "کارپوشهٔ Excel"
    PDF_FILES = "پروندهٔ PDF"


class CommitmentsPage:
    NAV_TITLE = "تعهدات اشتغال"
    TITLE = "تعهدات اشتغال نهادهای همکار"
    INTRO = (
        "تعهد هر نهاد همکار به این مرکز را برای هر سال بنویسید. جایی که مرکز رقمی ننوشته "
        "باشد، گزارش با رقم ستاد سنجیده می‌شود."
    )
    INTRO_HQ = "رقم تعهد سالانهٔ هر نهاد همکار در کل شهر؛ با رسید بعدی ستاد به همهٔ مراکز می‌رسد."
    YEAR = "سال"
    PARTNER = "نهاد همکار"
    JOBS = "تعداد شغل"
    SAVE = "ثبت تعهد"
    CENTER_JOBS = "تعهد به این مرکز"
    HQ_JOBS = "رقم ستاد"
    COUNTED = "مبنای گزارش"
    EMPTY = "نهاد همکاری ثبت نشده است."
    SAVED = "تعهد {partner}: {jobs} شغل ثبت شد."
