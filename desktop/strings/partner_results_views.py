"""Persian strings of the course page's «کارنامه» tab: a partner body's results sheet,
checked row by row, then imported (desktop/views/course/results_sheet.py). The
service's messages and the column names are in desktop/strings/partner_results.py."""

from __future__ import annotations


class ResultsSheet:
    TAB = "کارنامه"
    INTRO = (
        "کارنامهٔ نهاد همکار (اکسل یا CSV با کد ملی، نتیجه و اگر دارد نمره و درصد حضور): "
        "هر سطر با قاعده‌های دوره بررسی می‌شود؛ با ورود، دوره پایان می‌یابد."
    )
    CHOOSE = "انتخاب پرونده…"
    CHOOSE_TITLE = "انتخاب کارنامهٔ نهاد همکار"
    CHECKING = "بررسی کارنامه"
    CHECK_CANCELLED = "بررسی کارنامه لغو شد."
    SUMMARY = "{rows} سطر از «{name}»: {accepted} پذیرفته، {rejected} رد"
    DONE_SUMMARY = (
        "{rows} سطر از «{name}»: {recorded} نتیجه ثبت شد، {enrolled} نفر تازه ثبت‌نام شدند، "
        "{rejected} سطر رد شد"
    )
    IMPORT = "ثبت {count} نتیجه"
    NOTHING_TO_IMPORT = (
        "هیچ سطری پذیرفته نشد؛ کارنامه را بر پایهٔ دلیل‌ها درست کنید و دوباره انتخاب کنید."
    )
    CONFIRM_TITLE = "ورود کارنامه"
    CONFIRM = "نتیجهٔ {count} نفر از «{name}» ثبت شود و دوره پایان یابد؟"
    CONFIRM_REJECTED = "{rejected} سطر ردشده وارد نمی‌شود."
    IMPORTING = "ورود کارنامه"
    IMPORT_CANCELLED = "ورود کارنامه لغو شد و چیزی ثبت نشد."
    IMPORTED = "نتیجهٔ {count} نفر از کارنامه ثبت شد."
    COLUMN_FILE_NUMBER = "شماره پرونده"
    COLUMN_MESSAGE = "نتیجه یا دلیل رد"
