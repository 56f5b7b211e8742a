"""Persian strings of applicant casework: follow-ups, ideas, outcomes and linking."""

from __future__ import annotations

from desktop.strings import Applicants, Errors


class Casework:
    REQUIRED = Errors.REQUIRED
    APPLICANT_NOT_FOUND = Applicants.NOT_FOUND
    DATE_IN_FUTURE = Applicants.DATE_IN_FUTURE
    NEXT_BEFORE_HELD = Applicants.NEXT_BEFORE_HELD
    CAPITAL_NEGATIVE = Applicants.CAPITAL_NEGATIVE
    PARTNER_UNKNOWN = Applicants.PARTNER_UNKNOWN
    CAPITAL_TOO_LARGE = "سرمایه بیش از اندازه بزرگ است؛ مبلغ را به ریال بررسی کنید."
    FOLLOW_UP_KIND_UNKNOWN = "نوع پیگیری را از فهرست انتخاب کنید."
    OUTCOME_KIND_UNKNOWN = "نوع اشتغال را از فهرست انتخاب کنید."
    IDEA_STATUS_UNKNOWN = "وضعیت ایده را از فهرست انتخاب کنید."
    IDEA_TITLE_REQUIRED = "عنوان ایده را بنویسید."
    FOLLOW_UP_NOT_FOUND = "این پیگیری پیدا نشد."
    IDEA_NOT_FOUND = "این ایده پیدا نشد."
    OUTCOME_NOT_FOUND = "این نتیجهٔ اشتغال پیدا نشد."
    # Notes kept with the status changes that casework makes by itself.
    COUNSELLING_STARTED = "با ثبت پیگیری مشاوره"
    OUTCOME_RECORDED = "با ثبت نتیجه: {kind}"
    # employment_by_partner: outcomes credited to no partner body.
    NO_PARTNER = "بدون نهاد همکار"


class LinkReasons:
    """Why a person is suggested: what of theirs matched (the text is theirs)."""

    SKILL_SHARED = "مهارت مشترک: {text}"
    SKILL_RELATED = "مهارت مرتبط: {text}"
    FIELD_SHARED = "رشتهٔ مشترک: {text}"
    FIELD_RELATED = "رشتهٔ مرتبط: {text}"
    IDEA_RELATED = "ایدهٔ مرتبط: {text}"
    SAME_DISTRICT = "هم‌منطقه: {district}"


# Endings taken off a word before two people's words are compared (the plural and the
# adjectival ending), longest first, so that «خیاط» meets «خیاطی» and «آشپز» «آشپزی».
LINK_SUFFIXES = ("های", "ها", "ی")

# Words too common to link two people by, separated by white space (the linking code
# compares them in search form).
STOP_WORDS = """
و در با از به برای تا یا که را این آن هم بر بی نیز اما یک دو سه های ها ای
است هست بود شد شده کن کردن کرد می نمی من ما تو او شما آنها ایشان خود همه
هر چند دیگر روی زیر بین پس پیش بدون داخل جهت مثل مانند نوع انواع سایر غیره
"""
