"""What the shared widgets say by themselves (desktop/views/widgets): message dialogs,
the Jalali date field, and ttkbootstrap's own dialogs. The paged table's are in
table_views.py."""

LIST_SEPARATOR = "، "  # between the items of a list in running text


class DialogText:
    OK = "تأیید"
    YES = "بله"
    NO = "خیر"
    ERROR_TITLE = "خطا"
    INFO_TITLE = "پیام"
    QUESTION_TITLE = "پرسش"


class DateText:
    TODAY = "امروز"
    PICKER_TITLE = "انتخاب تاریخ"
    BEFORE_MIN = "تاریخ نباید پیش از {date} باشد."
    AFTER_MAX = "تاریخ نباید پس از {date} باشد."


# ttkbootstrap's message catalogue (its Messagebox, Querybox, DatePicker…), in Persian.
TTK_CATALOG = {
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
