"""Persian wording printed on certificates (logical text; printing converts it for drawing).

The body is one sentence broken over several lines, each a template filled by
`desktop.printing.certificate`. Gender is not recorded on the certificate, so the wording
names the person without «خانم/آقای».

No comma right after a number: pdftotext (and so copy and paste from the PDF) would put
it on the number's wrong side. The no-break space (\u00a0) keeps «۱۲۰ ساعت» on one line.
"""

from __future__ import annotations


class CertificateText:
    HEADLINE = "بسمه تعالی"
    TITLE = "گواهینامهٔ پایان دوره"
    # Top-left block, in the manner of an official letter's شماره/تاریخ.
    SERIAL = "شمارهٔ گواهی: {serial}"
    ISSUED_ON = "تاریخ صدور: {date}"
    REPRINT = "المثنی"
    # The body, line by line: opening, the name, who they are, the course, the rest.
    OPENING = "بدین‌وسیله گواهی می‌شود"
    PARENT_AND_CODE = "فرزند {father} به کد ملی {national_code}"
    CODE_ONLY = "به کد ملی {national_code}"
    COURSE_INTRO = "دورهٔ آموزشی"
    COURSE_TITLE = "«{title}»"
    COMPLETION = (
        "را به مدت {hours}\u00a0ساعت از تاریخ {starts} تا {ends} با موفقیت به پایان رسانده است."
    )
    COMPLETION_WITH_PARTNER = (
        "را به مدت {hours}\u00a0ساعت از تاریخ {starts} تا {ends} با همکاری {partner}"
        " با موفقیت به پایان رسانده است."
    )
    WISH = "موفقیت روزافزون ایشان را آرزومندیم."
    # Signatures: the role above the line, the person's name under it.
    TRAINER = "مدرس دوره"
    MANAGER = "مدیر مرکز"
    # Under the QR code.
    VERIFY_CODE = "کد استعلام: {code}"
    VERIFY_HINT = "برای استعلام، کد یا رمزینه را در سامانهٔ توانا وارد کنید."
    # PDF metadata.
    DOCUMENT_TITLE = "گواهینامه‌های پایان دوره"


class ShopPaperText:
    """The shop's papers: receipts, return slips, labels, stock notes, the daily close
    and producer statements (desktop/printing/receipt.py, labels.py, shop_papers.py).

    Labels that stand before a value on their own (the value drawn apart, at the other
    edge) carry no colon: the value's column says enough and no colon can land on the
    wrong side of a number. Amounts are written by `format_money` in the center's unit.
    """

    # Receipt and return slip.
    RECEIPT_TITLE = "رسید فروش"
    RETURN_TITLE = "رسید مرجوعی"
    SALE_NUMBER = "شمارهٔ فروش"
    RETURN_NUMBER = "شمارهٔ مرجوعی"
    RETURN_OF = "مرجوعی از فروش"
    DATE_TIME = "تاریخ و ساعت"
    CASHIER = "صندوق‌دار"
    COPY = "رونوشت"
    COPY_NOTE = "رونوشت رسید؛ اصل آن پیش‌تر چاپ شده است."
    VOID = "باطل شد"
    VOID_NOTE = "این فروش باطل شده است."
    COLUMN_NAME = "کالا"
    COLUMN_QUANTITY = "تعداد"
    COLUMN_UNIT_PRICE = "فی"
    COLUMN_LINE_TOTAL = "مبلغ"
    AMOUNTS_IN = "مبالغ به {unit}"
    LINE_DISCOUNT = "تخفیف این ردیف: {amount}"
    SUBTOTAL = "جمع اقلام"
    DISCOUNT_TOTAL = "جمع تخفیف"
    TOTAL = "مبلغ قابل پرداخت"
    REFUND_TOTAL = "مبلغ بازپرداخت"
    PAID_CASH = "نقد"
    PAID_CARD = "کارت"
    PAID_CARD_REFERENCE = "کارت (پیگیری {reference})"
    REFUND_CASH = "بازپرداخت نقدی"
    REFUND_CARD = "بازپرداخت به کارت"
    CHANGE = "باقی‌مانده به مشتری"
    ITEM_COUNT = "{count} قلم"

    # Barcode labels.
    LABELS_TITLE = "برچسب‌های بارکد"

    # Stock notes (goods received on consignment, or given back).
    STOCK_RECEIVED_TITLE = "رسید دریافت کالای امانی"
    STOCK_RETURNED_TITLE = "برگهٔ بازگرداندن کالا به تولیدکننده"
    NOTE_NUMBER = "شمارهٔ برگه"
    DATE = "تاریخ"
    PRODUCER = "تولیدکننده"
    PRODUCER_CODE = "کد تولیدکننده"
    OWNER = "صاحب کسب‌وکار"
    STAFF_NAME = "کارمند فروشگاه"
    COLUMN_ROW = "ردیف"
    COLUMN_BARCODE = "بارکد"
    COLUMN_UNIT = "واحد"
    COLUMN_PRICE = "قیمت فروش"
    COLUMN_VALUE = "ارزش"
    STOCK_TOTALS = "جمع"
    NOTE = "توضیح"
    RECEIVED_STATEMENT = (
        "کالاهای بالا به‌صورت امانی از تولیدکننده تحویل فروشگاه شد"
        " و پس از فروش، بر پایهٔ صورت‌حساب دوره‌ای تسویه می‌شود."
    )
    RETURNED_STATEMENT = "کالاهای بالا از موجودی امانی فروشگاه به تولیدکننده بازگردانده شد."
    SIGN_PRODUCER_GAVE = "تحویل‌دهنده (تولیدکننده)"
    SIGN_PRODUCER_TOOK = "تحویل‌گیرنده (تولیدکننده)"
    SIGN_STAFF_TOOK = "تحویل‌گیرنده (فروشگاه)"
    SIGN_STAFF_GAVE = "تحویل‌دهنده (فروشگاه)"
    SIGNATURE = "نام و امضا"

    # Daily close (Z report).
    CLOSE_TITLE = "گزارش پایان روز (بستن صندوق)"
    CLOSE_NUMBER = "شمارهٔ گزارش"
    STAFF = "کاربر صندوق"
    CLOSED_BY = "بسته‌شده به دست"
    PERIOD_FROM = "از"
    PERIOD_TO = "تا"
    SALES = "فروش ({count} فاکتور)"
    REFUNDS = "مرجوعی ({count} برگه)"
    CARD_TOTAL = "دریافت کارتی"
    EXPECTED_CASH = "نقد مورد انتظار"
    COUNTED_CASH = "نقد شمارش‌شده"
    DIFFERENCE = "اختلاف"
    SURPLUS = "اضافهٔ صندوق"
    SHORTAGE = "کسری صندوق"
    SIGN_STAFF = "کاربر صندوق"
    SIGN_SUPERVISOR = "سرپرست"

    # Producer settlement statement.
    STATEMENT_TITLE = "صورت‌حساب تسویهٔ تولیدکننده"
    STATEMENT_DOCUMENT = "صورت‌حساب‌های تسویهٔ تولیدکنندگان"
    CENTER = "مرکز"
    SHOP = "فروشگاه"
    BUSINESS = "نام کسب‌وکار"
    NATIONAL_CODE = "کد ملی"
    IBAN = "شمارهٔ شبا"
    PERIOD = "دوره"
    PERIOD_RANGE = "از {start} تا {end}"
    PRINTED_ON = "تاریخ چاپ"
    COLUMN_PRODUCT = "کالا"
    COLUMN_SOLD = "تعداد فروش"
    COLUMN_GROSS = "فروش"
    COLUMN_RETURNED = "تعداد مرجوعی"
    COLUMN_RETURNS = "مرجوعی"
    NO_SALES = "در این دوره فروش یا مرجوعی‌ای ثبت نشده است."
    GROSS = "جمع فروش (پس از تخفیف)"
    RETURNS = "جمع مرجوعی"
    NET = "فروش خالص"
    COMMISSION = "کارمزد فروشگاه ({percent}٪)"
    DUE = "مبلغ قابل پرداخت به تولیدکننده"
    DUE_NEGATIVE = "بدهی تولیدکننده (به دورهٔ بعد منتقل می‌شود)"
    CARRY_OVER = "مرجوعی این دوره از فروش آن بیشتر است؛ مبلغ منفی از پرداخت دورهٔ بعد کسر می‌شود."
    PAID = "پرداخت‌شده در {date}"
    PAID_REFERENCE = "پرداخت‌شده در {date} با شمارهٔ پیگیری {reference}"
    NOT_PAID = "هنوز پرداخت نشده است."
    SIGN_PRODUCER = "تولیدکننده"
    SIGN_SHOP = "مدیر فروشگاه"
    PAGE = "صفحهٔ {page} از {pages}"
    CONTINUED = "(ادامه)"
