"""Labels of the settings page (views/settings_view.py)."""


class SettingsView:
    TITLE = "تنظیمات"
    DISPLAY_MODE = "نمایش متن فارسی"
    MONEY_UNIT = "واحد پول در نمایش"
    THEME = "پوسته"
    AFTER_RESTART = "پس از اجرای دوبارهٔ برنامه اعمال می‌شود."
    SAVE = "ذخیره"
    SAVED = "تنظیمات ذخیره شد."
    # the center's name
    CENTER_SECTION = "مرکز"
    CENTER_NAME = "نام مرکز"
    CENTER_NAME_HINT = "در سربرگ برنامه و روی گواهینامه‌هایی که از این پس صادر شوند."
    SAVE_CENTER = "ذخیرهٔ نام مرکز"
    CENTER_SAVED = "نام مرکز ذخیره شد."
    # what certificates print
    CERTIFICATE_SECTION = "گواهینامه‌ها"
    MANAGER_NAME = "نام مدیر مرکز"
    MANAGER_NAME_HINT = "نام و نام خانوادگی مدیر؛ زیر خط امضای او چاپ می‌شود."
    LOGO = "نشان مرکز"
    NO_LOGO = "بی‌نشان"
    LOGO_HINT = "پروندهٔ تصویر PNG یا JPG."
    SAVE_CERTIFICATES = "ذخیرهٔ تنظیمات گواهینامه"
    CERTIFICATES_SAVED = "تنظیمات گواهینامه ذخیره شد."


DISPLAY_MODE_NAMES = {
    "auto": "خودکار (بر پایهٔ سیستم‌عامل)",
    "convert": "چسباندن و راست‌به‌چپ کردن در برنامه (لینوکس)",
    "native": "واگذاری به سیستم‌عامل (ویندوز و مک)",
}
MONEY_UNIT_NAMES = {"rial": "ریال", "toman": "تومان"}
THEME_NAMES = {
    "bootstrap-light": "روشن",
    "sandstone-light": "شنی",
    "minty-light": "نعنایی",
    "pulse-light": "بنفش",
    "bootstrap-dark": "تیره",
}
