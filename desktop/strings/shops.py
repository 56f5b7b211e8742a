"""What the shop services say to people (Persian, complete sentences)."""

from __future__ import annotations


class Shops:
    NOT_FOUND = "این فروشگاه پیدا نشد."
    NOT_YOURS = "این فروشگاه از آنِ شما نیست؛ فقط فروشگاه خودتان را می‌بینید."
    NO_SHOP = (
        "هنوز فروشگاهی برای شما تعیین نشده است؛ از مدیر مرکز بخواهید شما را به فروشگاهی بسپارد."
    )
    NONE_YET = "هنوز فروشگاهی ثبت نشده است؛ مدیر مرکز باید نخست فروشگاهی بسازد."
    CODE_FORMAT = "کد فروشگاه ۱ تا ۶ حرف لاتین بزرگ یا رقم است (مثل S1)."
    CODE_TAKEN = "فروشگاهی با این کد در این مرکز هست."
    NAME_REQUIRED = "نام فروشگاه را بنویسید."
    SUPERVISOR_ONLY = "این کار با سرپرست فروشگاه یا مدیر مرکز است."
    STAFF_NOT_SHOP_USER = "فقط کاربرِ فروشگاه را می‌شود به فروشگاهی سپرد."


class Producers:
    NOT_FOUND = "این تولیدکننده پیدا نشد."
    APPLICANT_NOT_FOUND = "متقاضی‌ای با این کد ملی در این مرکز ثبت نشده است؛ نخست او را ثبت کنید."
    ALREADY = "این متقاضی در این فروشگاه تولیدکنندهٔ ثبت‌شده است ({code})."
    BUSINESS_NAME_REQUIRED = "نام کسب‌وکار را بنویسید."
    IBAN_FORMAT = "شماره شبا با IR و ۲۴ رقم نوشته می‌شود (مثل IR820540102680020817909002)."
    IBAN_CHECK = (
        "شماره شبا درست نیست (رقم‌های کنترلی آن نمی‌خواند)؛ آن را دوباره از کارت یا دفترچه بخوانید."
    )
    COMMISSION_FORMAT = "درصد کمیسیون عددی از ۰ تا ۱۰۰ است، با حداکثر دو رقم اعشار (مثل ۱۲٫۵)."
    INACTIVE = "این تولیدکننده غیرفعال است."


class Products:
    NOT_FOUND = "این کالا پیدا نشد."
    BARCODE_NOT_FOUND = "کالایی با بارکد «{barcode}» در این فروشگاه نیست."
    NAME_REQUIRED = "نام کالا را بنویسید."
    UNIT_REQUIRED = "واحد کالا را بنویسید (مثل عدد، بسته، کیلوگرم)."
    PRICE_FORMAT = "قیمت را به ریال و فقط با رقم بنویسید (بیش از صفر)."
    BARCODE_FORMAT = "بارکد فقط رقم و حرف لاتین است (تا ۳۲ نویسه)."
    BARCODE_CHECK = "رقم کنترل این بارکد EAN-13 نمی‌خواند؛ آن را دوباره بخوانید."
    BARCODE_TAKEN = "کالای دیگری در این فروشگاه همین بارکد را دارد."
    PRODUCER_REQUIRED = "تولیدکنندهٔ کالا را برگزینید."
    PRODUCER_OTHER_SHOP = "این تولیدکننده در فروشگاه دیگری کار می‌کند."
    INACTIVE = "کالای «{name}» غیرفعال است و فروخته نمی‌شود."
    STOCK_FORMAT = "موجودی را با عدد صحیح نامنفی بنویسید."
    STOCK_TOO_MANY = "موجودی یک ردیف بیش از {limit} نمی‌شود."
    IMPORT_MISSING_COLUMNS = "ستون‌های لازم در پرونده نیست: {columns}."
    IMPORT_PRODUCER_UNKNOWN = "تولیدکننده‌ای با کد «{code}» نیست."
    IMPORT_EMPTY = "پرونده هیچ ردیفی ندارد."
    IMPORT_UNSUPPORTED = "فقط پرونده‌های CSV یا XLSX خوانده می‌شوند."
    IMPORT_BARCODE_TWICE = "این بارکد در پرونده دو بار آمده است."


class Stock:
    QUANTITY_FORMAT = "تعداد را با عدد صحیحی از ۱ تا ۱۰۰٬۰۰۰ بنویسید."  # MAX_QUANTITY
    ADJUST_FORMAT = (
        "تعداد اصلاح را با عدد صحیح غیرصفر تا ۱۰۰٬۰۰۰ بنویسید (منفی برای کم‌کردن)."  # MAX_QUANTITY
    )
    REASON_REQUIRED = "دلیل را بنویسید."
    NO_LINES = "دست‌کم یک کالا با تعداد بنویسید."
    NOT_ENOUGH = "موجودی «{name}» {stock} است و {wanted} خواسته شد."
    OTHER_PRODUCER = "کالای «{name}» از تولیدکنندهٔ دیگری است."
    NOT_A_RECEIPT_NOTE = "رسید دریافت کالایی با این شماره پیدا نشد."


class Sales:
    NOT_FOUND = "فروشی با این شماره پیدا نشد."
    EMPTY_CART = "سبد خالی است؛ دست‌کم یک کالا بیفزایید."
    QUANTITY_FORMAT = "تعداد را با عدد صحیحی از ۱ تا ۱۰۰٬۰۰۰ بنویسید."  # MAX_QUANTITY
    DISCOUNT_FORMAT = "تخفیف را به ریال و با عدد صحیح نامنفی بنویسید."
    DISCOUNT_TOO_BIG = "تخفیف «{name}» از جمع همان ردیف بیشتر است."
    PAYMENT_FORMAT = "مبلغ پرداخت را به ریال و با عدد صحیح بیش از صفر بنویسید."
    CARD_REFERENCE_REQUIRED = "شمارهٔ پیگیری کارت‌خوان را بنویسید."
    CARD_OVER_TOTAL = "پرداخت کارتی از مبلغ فروش بیشتر است؛ مازاد را نمی‌شود پس داد."
    SHORT = "پرداخت {paid} است و مبلغ فروش {total}؛ {missing} کم است."
    NO_PAYMENT = "پرداخت را بنویسید (نقد، کارت یا هر دو)."
    OVERRIDE_REASON_REQUIRED = "برای فروش بیش از موجودی، دلیل را بنویسید."
    ALREADY_VOIDED = "این فروش پیش‌تر باطل شده است."
    VOID_REASON_REQUIRED = "دلیل ابطال را بنویسید."
    VOID_AFTER_CLOSE = "این فروش در بستن صندوق حساب شده است؛ به جای ابطال، کالا را مرجوع کنید."
    VOID_WITH_RETURNS = "از این فروش کالایی مرجوع شده است؛ ابطال ممکن نیست، باقی را مرجوع کنید."
    RETURN_OF_VOIDED = "این فروش باطل شده است؛ مرجوعی ندارد."
    RETURN_NOT_IN_SALE = "کالای «{barcode}» در این فروش نیست."
    RETURN_TOO_MANY = (
        "از «{name}» {sold} فروخته شده و {returned} پیش‌تر مرجوع شده است؛ {wanted} بیش از باقی است."
    )
    RETURN_NO_LINES = "کالا و تعداد مرجوعی را بنویسید."
    DATE_FORMAT = "تاریخ را به شکل ۱۴۰۵/۰۱/۲۰ بنویسید."
    PAPER = "کاغذ رسید ۸۰ میلی‌متری یا A5 است."


class Closing:
    COUNTED_FORMAT = "پول شمرده‌شده را به ریال و با عدد صحیح نامنفی بنویسید."
    NOTHING = "از آخرین بستن صندوق، فروش یا مرجوعی‌ای نبوده است."
    DIFFERENCE_NOTE_REQUIRED = "پول شمرده‌شده با پول مورد انتظار نمی‌خواند؛ توضیحی بنویسید."


class Settlements:
    PERIOD_ORDER = "تاریخ پایان دوره پیش از آغاز آن است."
    ALREADY_PAID = (
        "تسویهٔ «{producer}» برای بخشی از این دوره پیش‌تر پرداخت شده است ({paid_from} تا {paid_to})."
    )
    REFERENCE_REQUIRED = "شمارهٔ پیگیری بانکی را بنویسید."
    PERIOD_NOT_OVER = (
        "دوره هنوز تمام نشده است؛ تسویه برای دوره‌ای ثبت می‌شود که روز پایانش گذشته باشد."
    )
    NOTHING_DUE = "برای «{producer}» در این دوره مبلغی برای پرداخت نیست."
    UNSUPPORTED = "صورت‌حساب به PDF یا XLSX نوشته می‌شود."
    SHEET_TITLE = "تسویهٔ تولیدکنندگان"


# The settlement workbook's header row (settlement sheets are for people).
SETTLEMENT_HEADERS = {
    "producer_code": "کد تولیدکننده",
    "business_name": "نام کسب‌وکار",
    "owner_name": "نام صاحب کسب‌وکار",
    "iban": "شماره شبا",
    "commission_percent": "درصد کمیسیون",
    "gross": "فروش ناخالص (ریال)",
    "returns": "مرجوعی (ریال)",
    "commission": "کمیسیون (ریال)",
    "due": "قابل پرداخت (ریال)",
    "paid_on": "تاریخ پرداخت",
    "bank_reference": "شمارهٔ پیگیری",
}
