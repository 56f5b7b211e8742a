"""Persian strings of the app's own open and save dialog (used on X11 where no
desktop chooser is installed), and of the file dialogs the screens open."""

from __future__ import annotations


class FileDialogText:
    OPEN_TITLE = "باز کردن پرونده"
    SAVE_TITLE = "ذخیره در پرونده"
    OPEN = "باز کردن"
    SAVE = "ذخیره"
    CANCEL = "انصراف"
    UP = "▲ پوشهٔ بالاتر"
    NEW_FOLDER = "+ پوشهٔ تازه"
    NEW_FOLDER_NAME = "نام پوشهٔ تازه:"
    CREATE = "ساختن"
    FILE_NAME = "نام پرونده:"
    FILE_TYPE = "نوع:"
    PLACES = "جاها"
    HOME = "خانه"
    DESKTOP = "میزکار"
    DOCUMENTS = "اسناد"
    DATA = "پوشهٔ توانا"
    ROOT = "کل دیسک"

    NAME = "نام"
    KIND = "نوع"
    SIZE = "اندازه"
    MODIFIED = "تاریخ تغییر"
    FOLDER = "پوشه"
    FILE = "پرونده"
    BYTES = "{size} بایت"
    KILOBYTES = "{size} کیلوبایت"
    MEGABYTES = "{size} مگابایت"
    GIGABYTES = "{size} گیگابایت"
    EMPTY_FOLDER = "در این پوشه پرونده‌ای از این نوع نیست."

    NAME_REQUIRED = "نام پرونده را بنویسید یا پرونده‌ای را از فهرست برگزینید."
    NAME_INVALID = "این نام برای پرونده پذیرفته نیست."
    NOT_FOUND = "پرونده‌ای به نام «{name}» در این پوشه نیست."
    FOLDER_MISSING = "پوشهٔ «{name}» نیست."
    CANNOT_READ = "پوشهٔ «{name}» خوانده نشد (اجازهٔ دسترسی نیست)."
    CANNOT_WRITE = "در پوشهٔ «{name}» نمی‌توان نوشت؛ پوشهٔ دیگری برگزینید."
    FOLDER_EXISTS = "پوشه یا پرونده‌ای به نام «{name}» هست."
    FOLDER_NOT_MADE = "پوشهٔ «{name}» ساخته نشد."
    OVERWRITE_TITLE = "جایگزینی پرونده"
    OVERWRITE_ASK = "پرونده‌ای به نام «{name}» در این پوشه هست. جایگزین شود؟"
    OVERWRITE = "جایگزین شود"
    KEEP = "نه، نام دیگری"

    # What the screens ask for (the certificates' logo in Settings).
    LOGO_TITLE = "انتخاب نشان مرکز"
    FILETYPE_IMAGES = "تصویر PNG یا JPG"
    FILETYPE_ALL = "همهٔ پرونده‌ها"
