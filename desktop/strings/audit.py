"""What the audit trail's listing says to people (services/audit_trail.py): its kinds,
the tables and events it names, the summary of a change, the export's headers and its
refusals. The page's own labels are in audit_views.py."""

from __future__ import annotations

from desktop.strings.applicant_io import HEADERS as APPLICANT_HEADERS


class AuditMessages:
    RANGE_REVERSED = "تاریخ «تا» پیش از تاریخ «از» است."
    UNKNOWN_KIND = "نوع «{kind}» شناخته نیست؛ یکی از: {kinds}."
    UNKNOWN_ENTITY = "موضوع «{entity}» شناخته نیست."
    BAD_CURSOR = "جای ادامهٔ فهرست درست نیست؛ فهرست را از نو بگیرید."
    BAD_LIMIT = "شمار ردیف‌ها باید از ۱ تا {most} باشد."
    FILE_KIND = "خروجی فقط با پسوند xlsx یا csv نوشته می‌شود."
    FOLDER_MISSING = "پوشهٔ «{folder}» پیدا نشد."
    SHEET_TITLE = "رویدادنگار"
    # The summary of a change: the fields changed, each from its old value to its new.
    CHANGED = "{field} از «{old}» به «{new}»"
    MORE_FIELDS = "و {count} مورد دیگر"
    NOTHING_CHANGED = "بی‌تغییر در داده‌ها"
    NO_PREVIOUS = "نسخهٔ پیش از این ویرایش در تاریخچه نیست"
    YES, NO, EMPTY = "بله", "خیر", "خالی"


# The four kinds of entry an administrator filters by.
KIND_NAMES = {
    "change": "تغییر",
    "read": "خواندن",
    "login": "ورود",
    "admin": "مدیریت",
}

OPERATION_NAMES = {"create": "ایجاد", "update": "ویرایش", "delete": "حذف"}

# A synced table, as one of its rows is named.
ENTITY_NAMES = {
    "applicant": "متقاضی",
    "status_change": "تغییر وضعیت",
    "follow_up": "پیگیری",
    "idea": "ایده",
    "outcome": "نتیجه",
    "commitment": "تعهد اشتغال",
    "course": "دوره",
    "course_session": "جلسهٔ دوره",
    "enrollment": "ثبت‌نام دوره",
    "attendance": "حضور و غیاب",
    "certificate": "گواهینامه",
    "center": "مرکز",
    "user": "کاربر",
    "district": "منطقه",
    "partner": "دستگاه همکار",
    "center_key": "کلید مرکز",
    "shop": "فروشگاه",
    "producer": "تولیدکننده",
    "product": "کالا",
    "price_change": "تغییر قیمت",
    "stock_note": "برگهٔ انبار",
    "sale": "فروش",
    "sale_line": "ردیف فروش",
    "sale_payment": "پرداخت",
    "sale_return": "برگشتی",
    "return_line": "ردیف برگشتی",
    "stock_move": "جابه‌جایی انبار",
    "daily_close": "بستن روزانه",
    "settlement": "تسویه",
}

# The audit log's events (services/records.py `audit`, `audit_read`).
ACTION_NAMES = {
    "login": "ورود",
    "login_failed": "ورود ناموفق",
    "login_locked": "قفل پس از ورودهای ناموفق",
    "password_changed": "تغییر گذرواژه",
    "applicant.opened": "باز کردن پرونده",
    "applicant.search_national_code": "جست‌وجوی کد ملی",
    "applicant.export": "خروجی متقاضیان",
    "certificate.print": "چاپ گواهینامه",
    "audit.export": "خروجی رویدادنگار",
    "audit.search": "جست‌وجو در رویدادنگار",
    "user_added": "افزودن کاربر",
    "display_name_changed": "تغییر نام کاربر",
    "user_activated": "فعال کردن کاربر",
    "user_deactivated": "غیرفعال کردن کاربر",
    "password_reset": "بازنشانی گذرواژه",
    "certificate_revoked": "ابطال گواهینامه",
    "reprint": "چاپ دوبارهٔ گواهینامه",
    "producer.add": "افزودن تولیدکننده",
    "product.add": "افزودن کالا",
    "sale.receipt": "رسید فروش",
    "sale.void": "ابطال فروش",
    "sale.return": "برگشت فروش",
    "shop.add": "افزودن فروشگاه",
    "shop.staff": "کارکنان فروشگاه",
    "shop.close": "بستن روزانهٔ صندوق",
    "settlement.paid": "پرداخت تسویه",
    "stock.received": "دریافت کالا",
    "stock.returned": "بازگرداندن کالا به تولیدکننده",
    "stock.adjusted": "اصلاح موجودی",
    "sync_resumed": "ادامهٔ همگام‌سازی پس از شماره‌های ستاد",
    "keys.protected": "گذاشتن گذرواژه روی کلیدها",
    "keys.unprotected": "برداشتن گذرواژه از کلیدها",
    "keys.unlocked": "باز کردن کلیدها",
    "keys.unlock_failed": "گذرواژهٔ نادرست کلیدها",
}

# A row's columns as a change's summary names them (others by their stored name).
FIELD_NAMES = {
    **APPLICANT_HEADERS,
    "deleted": "حذف‌شده",
    "deleted_reason": "دلیل حذف",
    "name": "نام",
    "title": "عنوان",
    "code": "کد",
    "serial": "شماره سریال",
    "username": "نام کاربری",
    "display_name": "نام کامل",
    "role": "نقش",
    "active": "فعال",
    "note": "یادداشت",
    "city": "شهر",
    "revoked": "باطل‌شده",
    "revoked_reason": "دلیل ابطال",
    "result": "نتیجه",
    "score": "نمره",
    "starts_on": "آغاز",
    "ends_on": "پایان",
    "price": "قیمت",
    "quantity": "تعداد",
    "barcode": "بارکد",
    "number": "شماره",
    "kind": "نوع",
    "amount": "مبلغ",
    "method": "روش پرداخت",
    "unit_price": "قیمت واحد",
    "reason": "دلیل",
    "changed_on": "تاریخ",
}

# The export's columns: the XLSX's Persian headers (the CSV's are the keys).
EXPORT_HEADERS = {
    "at": "زمان",
    "user": "کاربر",
    "kind": "نوع",
    "entity": "موضوع",
    "row_id": "شناسهٔ ردیف",
    "action": "کار",
    "summary": "شرح",
    "center": "مرکز",
    "number": "شماره",
}
