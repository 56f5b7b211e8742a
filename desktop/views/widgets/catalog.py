"""Persian for ttkbootstrap's own dialogs (its Messagebox, Querybox, DatePicker…).

ttkbootstrap looks its button captions up in a message catalogue. We register Persian
translations, converted for this process's Tk (on X11 they are reshaped and reordered
like every other string), and select the 'fa' locale.
"""

from __future__ import annotations

from ttkbootstrap.localization.msgcat import MessageCatalog

from desktop.views.widgets.rtl import t

PERSIAN = {
    "OK": "تأیید",
    "Ok": "تأیید",
    "Cancel": "انصراف",
    "Yes": "بله",
    "No": "خیر",
    "Retry": "تلاش دوباره",
    "Delete": "حذف",
    "Next": "بعدی",
    "Prev": "قبلی",
    "Previous": "قبلی",
    "Open": "باز کردن",
    "Close": "بستن",
    "Add": "افزودن",
    "Remove": "برداشتن",
    "Submit": "ثبت",
    "Search": "جستجو",
    "Page": "صفحه",
    "of": "از",
    "Today": "امروز",
    "Out of range": "خارج از محدوده",
    "Invalid data type": "نوع داده نادرست",
    "Should be of data type": "باید از این نوع باشد",
    "Columns": "ستون‌ها",
    "Show All": "نمایش همه",
    "Reset table": "بازنشانی جدول",
    "Hide column": "پنهان کردن ستون",
}


def install_persian_catalog() -> None:
    for source, translated in PERSIAN.items():
        MessageCatalog.set("fa", source, t(translated))
    MessageCatalog.locale("fa")
