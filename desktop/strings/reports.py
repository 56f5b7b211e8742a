"""Persian strings of the reports: titles, stages, column headers and errors."""

from __future__ import annotations


class Reports:
    PERIOD_REVERSED = "تاریخ پایان پیش از تاریخ شروع است."
    DISTRICT_INVALID = "شمارهٔ منطقه باید عددی از ۱ تا ۹۹ باشد."
    OTHER_CENTER = "گزارش هر مرکز فقط دادهٔ همان مرکز را دارد."
    NO_SUCH_TABLE = "این گزارش جدولی به نام «{key}» ندارد."
    UNKNOWN_KIND = "این نوع گزارش وجود ندارد."
    FILE_KIND = "گزارش را در پرونده‌ای با پسوند xlsx یا pdf ذخیره کنید."
    FOLDER_MISSING = "این پوشه وجود ندارد."
    ABOUT_SHEET = "گزارش"
    REPORT = "گزارش"
    PERIOD = "دوره"
    PERIOD_TEXT = "از {start} تا {end}"
    MADE_AT = "تهیه‌شده در"
    PAGE = "صفحهٔ {page} از {pages}"
    DATE_INVALID = "تاریخ «{text}» درست نیست؛ مانند ۱۴۰۵/۰۱/۰۱ بنویسید."
    NO_DISTRICT = "این گزارش به تفکیک منطقه نیست؛ منطقه را خالی بگذارید."

    FUNNEL = "مسیر توانمندسازی"
    COMMITMENTS = "تعهدات اشتغال نهادهای همکار"
    IDEAS = "ایده‌ها"
    COURSES = "دوره‌های آموزشی"
    SALES = "فروش فروشگاه‌ها"

    UNKNOWN = "نامشخص"
    NO_PARTNER = "بدون نهاد همکار"

    # Table titles.
    STAGES_TABLE = "مراحل"
    BY_DISTRICT = "به تفکیک منطقه"
    BY_CENTER = "به تفکیک مرکز"
    BY_CATEGORY = "به تفکیک گروه"
    BY_GENDER = "به تفکیک جنسیت"
    BY_AGE = "به تفکیک سن"
    BY_EDUCATION = "به تفکیک تحصیلات"
    BY_OUTCOME = "نوع اشتغال"
    FIGURES = "شاخص‌ها"
    BY_PARTNER = "به تفکیک نهاد همکار"
    BY_MONTH = "به تفکیک ماه"
    BY_FIELD = "به تفکیک رشته"
    BY_TRAINER = "به تفکیک مربی"
    BY_SHOP = "به تفکیک فروشگاه"
    BY_PRODUCER = "به تفکیک تولیدکننده"
    BY_PRODUCT_CATEGORY = "به تفکیک دستهٔ کالا"
    TOP_PRODUCTS = "پرفروش‌ترین کالاها"

    # Column headers.
    STAGE = "مرحله"
    COUNT = "تعداد"
    PERCENT_OF_PREVIOUS = "نسبت به مرحلهٔ قبل (٪)"
    PERCENT_OF_FIRST = "نسبت به ثبت‌نام (٪)"
    PERCENT_OF_RECEIVED = "نسبت به دریافت‌شده (٪)"
    MEDIAN_DAYS = "میانهٔ روز از مرحلهٔ قبل"
    DISTRICT = "منطقه"
    CENTER = "مرکز"
    CATEGORY = "گروه"
    GENDER = "جنسیت"
    AGE = "سن"
    EDUCATION = "تحصیلات"
    OUTCOME_KIND = "نوع"
    FIGURE = "شاخص"
    VALUE = "مقدار"
    OVERDUE_FOLLOW_UPS = "پیگیری‌های عقب‌افتاده"
    PARTNER = "نهاد همکار"
    COMMITMENT = "تعهد سالانه"
    ACHIEVED = "محقق‌شده"
    PERCENT = "درصد تحقق"
    EXPECTED = "انتظار تا پایان دوره"
    BEHIND = "عقب از برنامه"
    MONTH = "ماه"
    FIELD = "رشته"
    TRAINER = "مربی"
    COURSES_RUN = "دوره"
    CANCELLED = "لغوشده"
    CAPACITY = "ظرفیت"
    ENROLLED = "ثبت‌نام‌شده"
    CAPACITY_USED = "پرشدن ظرفیت (٪)"
    COMPLETED = "قبول"
    FAILED = "مردود"
    WITHDRAWN = "انصراف"
    COMPLETION_RATE = "نرخ قبولی (٪)"
    FAILURE_RATE = "نرخ مردودی (٪)"
    CERTIFICATES = "گواهینامهٔ صادرشده"
    REVOKED = "ابطال‌شده"
    SHOP = "فروشگاه"
    SALES_COUNT = "فروش"
    LINES = "ردیف فروش"
    AMOUNT = "مبلغ (ریال)"
    RETURNS = "مرجوعی (ریال)"
    RETURNS_RATE = "نرخ مرجوعی (٪)"
    NET = "خالص (ریال)"
    PRODUCER = "تولیدکننده"
    QUANTITY = "تعداد"
    COMMISSION = "کارمزد (ریال)"
    EARNINGS = "سهم تولیدکننده (ریال)"
    PAID = "پرداخت‌شده (ریال)"
    PRODUCT_CATEGORY = "دسته"
    BARCODE = "بارکد"
    PRODUCT = "کالا"
    YES = "بله"
    NO = "خیر"


class Commitments:
    TITLE = "تعهد اشتغال سالانه"
    PARTNER_UNKNOWN = "این نهاد همکار شناخته نیست."
    YEAR_INVALID = "سال را به شمسی بنویسید، مانند ۱۴۰۵."
    JOBS_INVALID = "تعداد شغل را با رقم بنویسید (از صفر تا یک میلیون)."


STAGE_NAMES = {  # the funnel's stages, in order
    "registered": "ثبت‌نام",
    "counselled": "مشاوره",
    "trained": "آموزش",
    "certified": "گواهینامه",
    "employed": "اشتغال",
    "empowered": "توانمند",
}
OUTCOME_KIND_NAMES = {
    "wage_job": "اشتغال مزدبگیری",
    "self_employment": "خوداشتغالی",
    "home_business": "کسب‌وکار خانگی",
    "cooperative": "تعاونی",
}
IDEA_STAGE_NAMES = {
    "received": "دریافت‌شده",
    "screened": "بررسی‌شده",
    "selected": "برگزیده",
    "funded": "تأمین مالی‌شده",
    "launched": "راه‌اندازی‌شده",
}
