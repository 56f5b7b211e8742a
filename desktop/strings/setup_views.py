"""Labels of the first-run set-up dialog (views/setup_view.py) added for issue 8."""


class SetupText:
    ADMIN_NAME = "نام و نام خانوادگی مدیر مرکز"
    ADMIN_NAME_HINT = "زیر خط امضای مدیر روی گواهینامه‌ها چاپ می‌شود؛ نه نام کاربری."
    DEMO_USERS = "کاربران نمونه ساخته شدند؛ گذرواژهٔ همهٔ آن‌ها همان گذرواژهٔ مدیر است:"
    DEMO_USER_LINE = "• {role}: {username}"
