"""Labels of the users page (views/users_view.py)."""


class UsersPage:
    TITLE = "کاربران مرکز"
    # the table's columns
    COLUMN_NAME = "نام"
    COLUMN_USERNAME = "نام کاربری"
    COLUMN_ROLE = "نقش"
    COLUMN_STATE = "وضعیت"
    COLUMN_LAST_LOGIN = "آخرین ورود"
    ACTIVE = "فعال"
    INACTIVE = "غیرفعال"
    # the form that adds a user, and the panels under the table
    ADD_SECTION = "افزودن کاربر"
    FULL_NAME = "نام و نام خانوادگی"
    USERNAME = "نام کاربری"
    ROLE = "نقش"
    PASSWORD = "گذرواژه"
    PASSWORD_CONFIRM = "تکرار گذرواژه"
    ADD = "افزودن"
    SAVE = "ذخیره"
    TOGGLE_ACTIVE = "فعال / غیرفعال کردن"
    RESET_PASSWORD = "گذرواژهٔ تازه برای کاربر"
    RESET_TITLE = "گذرواژهٔ تازه برای «{name}»"
    RENAME = "نام کاربر"
    RENAME_TITLE = "نام و نام خانوادگی کاربر «{username}»"
    # what the page says
    ADDED = "کاربر «{name}» با نقش {role} افزوده شد."
    SELECT_FIRST = "نخست یک کاربر را در جدول انتخاب کنید."
    NOW_ACTIVE = "حساب «{name}» فعال شد."
    NOW_INACTIVE = "حساب «{name}» غیرفعال شد."
    PASSWORD_RESET = "گذرواژهٔ تازه ذخیره شد و قفل حساب (اگر بود) باز شد."
    RENAMED = "نام کاربر «{name}» ذخیره شد."
    NO_NAME = "(نام وارد نشده)"  # in the table, for a user whose full name is missing
