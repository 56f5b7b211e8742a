"""Labels of the app's frame (views/login_view.py, main_window.py, registry.py,
coming_soon.py, background.py): the login, the header and status bar, the navigation,
pages not built yet, and the progress window of long work."""


class Login:
    USERNAME = "نام کاربری"
    PASSWORD = "گذرواژه"
    SUBMIT = "ورود"


class MainWindowText:
    LOG_OUT = "خروج"
    TODAY = "امروز {date}"
    CENTER_CODE = "کد مرکز: {code}"


# The navigation's entries, by view key (views/registry.py).
NAV_TITLES = {
    "home": "پیشخوان",
    "applicants": "متقاضیان",
    "followups": "پیگیری‌های امروز",
    "applicant_import": "ورود فهرست متقاضیان",
    "courses": "دوره‌های آموزشی",
    "certificates": "گواهینامه‌ها",
    "sync": "ارسال به ستاد",
    "users": "کاربران",
    "settings": "تنظیمات",
}

# What a page that is not built yet will do, by view key.
PLANNED_DESCRIPTIONS: dict[str, str] = {}


class ComingSoon:
    NOT_YET = "این بخش در نسخه‌های بعدی برنامه آماده می‌شود."


class ProgressText:
    CANCEL = "انصراف"
    CANCELLING = "در حال لغو…"
    FRACTION = "{done} از {total}"
