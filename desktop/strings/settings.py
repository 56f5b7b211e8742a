"""Messages of the installation settings (services/settings.py) and of people's names.

A person's name (the center manager and the trainer printed on certificates, a user's
full name) is never a user name, nor missing where it is printed.
"""


class PersonName:
    REQUIRED = "نام و نام خانوادگی را بنویسید."
    TOO_FEW_LETTERS = "نام یک شخص دست‌کم دو حرف دارد؛ آن را کامل بنویسید."
    IS_USERNAME = (
        "این یک نام کاربری است، نه نام یک شخص؛ نام و نام خانوادگی را همان‌گونه بنویسید "
        "که باید خوانده یا چاپ شود."
    )


class ManagerName:
    """The center manager's name, printed under the manager's signature line."""

    MISSING = (
        "نام مدیر مرکز برای چاپ روی گواهینامه‌ها وارد نشده است. آن را در "
        "«تنظیمات ← گواهینامه‌ها ← نام مدیر مرکز» بنویسید؛ تا آن زمان گواهینامه‌ای "
        "صادر یا چاپ نمی‌شود."
    )
    IS_USERNAME = (
        "نام مدیر مرکز در تنظیمات «{name}» است که نام کاربری است، نه نام یک شخص. نام و "
        "نام خانوادگی مدیر را در «تنظیمات ← گواهینامه‌ها ← نام مدیر مرکز» بنویسید."
    )
    ISSUED_WITH_USERNAME = (
        "گواهینامهٔ {serial} با نام مدیر «{name}» صادر شده است که نام یک شخص نیست و "
        "چاپ نمی‌شود؛ آن را باطل و دوباره صادر کنید تا نام درست مدیر روی آن بیاید."
    )


class TrainerName:
    """The course's trainer, printed under the trainer's signature line («مدرس دوره»)."""

    MISSING = (
        "نام و نام خانوادگی مربی این دوره (کاربر «{username}») وارد نشده است و گواهینامه "
        "بی نام مربی صادر یا چاپ نمی‌شود. مدیر آن را در «کاربران ← نام کاربر» بنویسد، یا "
        "خود مربی در «حساب من»."
    )
    NO_TRAINER = (
        "مربی این دوره کاربری از این مرکز نیست و گواهینامه بی نام مربی صادر یا چاپ "
        "نمی‌شود. مربی دوره را در «دوره‌ها ← ویرایش» انتخاب کنید."
    )
    ISSUED_WITHOUT = (
        "گواهینامهٔ {serial} بی نام مربی صادر شده است و چاپ نمی‌شود؛ نام مربی را بنویسید، "
        "سپس گواهینامه را باطل و دوباره صادر کنید."
    )
    ISSUED_WITH_USERNAME = (
        "گواهینامهٔ {serial} با نام مربی «{name}» صادر شده است که نام یک شخص نیست و چاپ "
        "نمی‌شود؛ نام مربی را بنویسید، سپس گواهینامه را باطل و دوباره صادر کنید."
    )
