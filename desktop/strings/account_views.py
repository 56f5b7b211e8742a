"""Labels of one's own account page (views/account_view.py): name and password."""


class Account:
    NAV_TITLE = "حساب من"
    NAME_SECTION = "نام شما"
    NAME = "نام و نام خانوادگی"
    NAME_HINT = "همان‌گونه که همکاران باید بخوانند؛ نه نام کاربری."
    SAVE_NAME = "ذخیرهٔ نام"
    NAME_SAVED = "نام شما ذخیره شد."
    PASSWORD_SECTION = "تغییر گذرواژه"
    OLD_PASSWORD = "گذرواژهٔ کنونی"
    NEW_PASSWORD = "گذرواژهٔ تازه"
    NEW_PASSWORD_CONFIRM = "تکرار گذرواژهٔ تازه"
    SAVE_PASSWORD = "ذخیره"
    PASSWORD_CHANGED = "گذرواژه تغییر کرد."
