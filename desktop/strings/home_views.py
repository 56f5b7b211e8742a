"""Labels of the home page (views/home_view.py) that concern who is greeted and what
goes to headquarters."""


class Home:
    GREETING = "{name}، خوش آمدید"
    GREETING_NO_NAME = "خوش آمدید"
    NAME_MISSING = "نام و نام خانوادگی شما در برنامه ثبت نشده است؛ آن را در «حساب من» بنویسید."
    CHANGES = "تغییرهای ثبت‌شده"
    CHANGES_TO_SEND = "برای ارسال به ستاد"
    CHANGES_TRAINING = "پایگاه آموزشی: به ستاد فرستاده نمی‌شود"
