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
