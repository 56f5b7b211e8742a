"""Persian strings of the demo data generator."""

from __future__ import annotations


class Demo:
    NO_DISTRICTS = "برای این مرکز هیچ منطقه‌ای تعریف نشده است؛ داده‌های نمونه ساخته نشد."
    REAL_WORK = (
        "این پایگاه داده آموزشی نیست و کار واقعی در آن ثبت شده است ({applicants} متقاضی، "
        "{courses} دوره، {changes} تغییر ثبت‌شده)؛ داده‌های نمونه فقط به پایگاه دادهٔ تازه "
        "یا آموزشی افزوده می‌شود. هیچ چیزی نوشته نشد."
    )


class DemoCenter:
    """The demo center's made-up names: shown in the header, greeted, printed."""

    NAME = "مرکز خدمات اجتماعی نمونه"
    CITY = "تهران"
    MANAGER = "حمیدرضا صادقی"  # a made-up person, printed under the manager's signature
    CLERK = "زهرا احمدی"
    TRAINER = "علی رضایی"
    TRAINER2 = "سمیه موسوی"
    SHOP = "مریم کریمی"
