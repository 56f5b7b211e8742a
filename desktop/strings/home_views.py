"""Labels of the home page (views/home_view.py): who is greeted, the registry's and the
center's figures, and what goes to headquarters."""


class Home:
    LAST_BACKUP = "آخرین پشتیبان"
    BACKUP_CAPTION = "صفحهٔ «پشتیبان‌گیری»"
    BACKUP_NEVER = "هرگز"
    BACKUP_NEVER_CAPTION = "از صفحهٔ «پشتیبان‌گیری» پشتیبان بگیرید"
    GREETING = "{name}، خوش آمدید"
    GREETING_NO_NAME = "خوش آمدید"
    NAME_MISSING = "نام و نام خانوادگی شما در برنامه ثبت نشده است؛ آن را در «حساب من» بنویسید."
    TRAINING_DATABASE = "این پایگاه دادهٔ آموزشی است: پرونده‌های نمونه هرگز به ستاد فرستاده نمی‌شوند."
    # the registry's cards: a title over the figure, a caption under it
    REGISTRY_SECTION = "پرونده‌های متقاضیان"
    APPLICANTS = "متقاضیان"
    APPLICANTS_CAPTION = "پروندهٔ فعال"
    REGISTERED_THIS_MONTH = "ثبت‌نام این ماه"
    IN_TRAINING = "در حال آموزش"
    EMPOWERED = "شاغل و توانمندشده"
    PEOPLE_CAPTION = "نفر"
    DUE_FOLLOW_UPS = "پیگیری‌های سررسیده"
    DUE_CAPTION = "تا امروز"
    # the center's cards
    CENTER_SECTION = "مرکز"
    ACTIVE_USERS_CAPTION = "کاربر فعال"
    CHANGES = "تغییرهای ثبت‌شده"
    CHANGES_TO_SEND = "برای ارسال به ستاد"
    CHANGES_TRAINING = "پایگاه آموزشی: به ستاد فرستاده نمی‌شود"
    PREVIOUS_LOGIN = "ورود پیشین شما: {when}"
