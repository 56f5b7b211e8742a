"""Labels of the first-run set-up dialog (views/setup_view.py)."""


class SetupText:
    TITLE = "راه‌اندازی {app}"
    INTRO = (
        "به توانا خوش آمدید. این نخستین اجرای برنامه روی این رایانه است. "
        "کد و نام مرکز و حساب مدیر مرکز را وارد کنید."
    )
    CENTER_CODE = "کد مرکز"
    CENTER_CODE_HINT = "مثل TEH05؛ در شمارهٔ پرونده‌ها و گواهینامه‌ها می‌آید."
    CENTER_NAME = "نام مرکز"
    CITY = "شهر"
    ADMIN_NAME = "نام و نام خانوادگی مدیر مرکز"
    ADMIN_NAME_HINT = "زیر خط امضای مدیر روی گواهینامه‌ها چاپ می‌شود؛ نه نام کاربری."
    ADMIN_USERNAME = "نام کاربری مدیر"
    ADMIN_USERNAME_HINT = "حروف لاتین کوچک و رقم، مثل admin"
    PASSWORD = "گذرواژه"
    PASSWORD_HINT = "دست‌کم ۸ نویسه"
    PASSWORD_CONFIRM = "تکرار گذرواژه"
    WITH_DEMO = "دادهٔ نمونه هم ساخته شود (یک کاربر برای هر نقش، با همین گذرواژه)"
    SUBMIT = "راه‌اندازی"
    DEMO_USERS = "کاربران نمونه ساخته شدند؛ گذرواژهٔ همهٔ آن‌ها همان گذرواژهٔ مدیر است:"
    DEMO_USER_LINE = "• {role}: {username}"
    FROM_FILE = "راه‌اندازی با پروندهٔ راه‌اندازی ستاد…"
    FROM_FILE_TITLE = "پروندهٔ راه‌اندازی ستاد را برگزینید"
    FILETYPE = "پروندهٔ همگام‌سازی توانا"
    TYPED = "راه‌اندازی بدون پرونده"
    INTRO_FROM_FILE = (
        "مرکز همان است که پروندهٔ ستاد می‌گوید. اثر انگشت کلید ستاد را تلفنی با ستاد "
        "مقایسه کنید، سپس حساب مدیر مرکز را بسازید."
    )
    FILE_CENTER = "مرکز: {name} (کد {code})"
    FILE_CITY = "شهر: {city}"
    FILE_HQ = "ستاد: {name}"
    FINGERPRINT = "اثر انگشت کلید ستاد: {fingerprint}"
    FINGERPRINT_HINT = "اگر با آنچه ستاد می‌گوید یکی نیست، این پرونده را به کار نبرید."
