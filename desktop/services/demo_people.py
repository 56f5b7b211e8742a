"""Who the demo applicants are: word lists, and a seeded generator of people.

The lists are written as whitespace-separated words so that three hundred names stay
readable: in them «+» stands for a ZWNJ (نیم‌فاصله) and «_» for a space, so «علی+رضا»
is «علی‌رضا» and «محمد_رضا» is «محمد رضا» — the three ways people write compound
names, all of which search must treat alike. Every entry is already in the form
`normalize_text` stores (a test checks it). The order of a name list is its
popularity: earlier names are picked more often, so «محمد» and «زهرا» are common and
«اسفندیار» is rare, as in a real registry.

`PeopleGenerator` turns a seeded random stream into people and their programme
history, batch by batch, without touching the database (`services/demo.py` writes
them), so it can run in a worker process while the database is busy.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import jdatetime

from desktop.models.applicant import (
    Category,
    FollowUpKind,
    IdeaStatus,
    OutcomeKind,
    Status,
    category_flags,
)
from desktop.services.identity import national_code_check_digit
from desktop.text.digits import persian_digits
from desktop.text.normalize import ZWNJ


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.replace("+", ZWNJ).replace("_", " ") for word in text.split())


MALE_FIRST_NAMES = _words(
    """
    محمد علی حسین رضا مهدی امیرحسین ابوالفضل محمدرضا علیرضا حسن امیر محمدحسین
    مصطفی مرتضی مجتبی سعید حمید مجید مسعود احمد جواد محسن هادی وحید حامد یوسف
    امیرعلی محمدمهدی محمدامین محمدعلی محمدجواد امیرمحمد امیرعباس امیرمهدی
    علی+رضا محمد+حسین محمد+رضا علی+اکبر علی+اصغر محمد_رضا علی_رضا امیر_حسین
    محمد_علی محمد_مهدی محمد_حسین غلامرضا غلامحسین غلامعلی حسینعلی محمدصادق
    محمدحسن محمدباقر محمدتقی محمدکاظم محمدطاها محمدپارسا علی+محمد مهدی+یار
    روح+الله حبیب+الله نعمت+الله عزت+الله ولی+الله سیف+الله فتح+الله حجت+الله
    ذبیح+الله لطف+الله امان+الله نصرالله عبدالله عبدالرضا عبدالحسین عبدالمجید
    ابوالقاسم ابوالحسن عباس عباسعلی اسماعیل ابراهیم اکبر اصغر جعفر کاظم باقر صادق
    کریم رحیم ناصر منصور بهروز بهزاد فرهاد فرزاد فریدون کامران کیوان کوروش داریوش
    بابک بهمن بیژن پرویز پژمان پیمان سیامک شهرام شاهین شهاب کیانوش میلاد نیما آرش
    آرمان آرین امید ایمان پویا پارسا سینا سجاد سهیل شایان عرفان عماد فرشاد فرامرز
    قاسم کمال کیان مهران مهرداد میثم نادر نوید هومن یاسر یاسین یزدان رامین رسول
    حمیدرضا تقی نقی رحمان سلمان سبحان عطا طاها متین بنیامین ابوذر داوود موسی عیسی
    هاشم هوشنگ منوچهر جمشید شاپور سهراب رستم ایرج تورج کسری بردیا آریا آرتین رادین
    کیارش سامان سروش شهریار فرشید فرید فرزین مازیار مهیار نریمان یونس ادریس صالح
    اسفندیار رضا+قلی حسین+قلی علی+قلی نورالله اسدالله خلیل جلیل جلال کمیل مهرشاد
    امیرسام ماهان رهام آیدین سپهر سیاوش کاوه کامبیز فرهود شهروز بهنام بهرام
    """
)

FEMALE_FIRST_NAMES = _words(
    """
    زهرا فاطمه مریم معصومه سمیه زینب طاهره طیبه اکرم اعظم فاطمه+زهرا زهرا_سادات
    فاطمه+سادات مرضیه منصوره محبوبه مژگان مهدیه ملیحه نرگس نسرین نسیم نازنین لیلا
    الهام الهه سمانه سمیرا سپیده ستاره سارا سحر رقیه سکینه خدیجه کبری صغری عاطفه
    راضیه ریحانه رویا فرشته فرزانه فریبا فرناز فهیمه مهسا مهتاب مهناز مهشید مینا
    ملیکا محدثه هانیه هستی هدیه هما هاله یاسمن یاسمین نیلوفر نگار نگین نیوشا نیکا
    شیرین شیوا شیما شبنم شهلا ژیلا ژاله لادن لاله ناهید منیژه منیره مهری مهین پروین
    پروانه شهین شهناز سوسن سودابه سیمین آزاده آزیتا آناهیتا آرزو آتنا آیدا آیناز آوا
    آیلین افسانه افسر انسیه بهاره بهناز بتول بیتا پریسا پریا پگاه پرستو ترانه تینا
    ثمین جمیله حدیثه حمیده حانیه حکیمه رها روژین زری زیبا ساناز سوگند شقایق شکوفه
    صدیقه صبا صفورا طناز عذرا عفت فرانک فروغ فائزه کوثر کیمیا گلاره گلناز گلنار
    گیتی لعیا لیلی مائده محیا مرجان مونا ندا نجمه نفیسه نوشین نیره هاجر وجیهه ویدا
    یگانه یلدا یسنا ثنا سوگل غزل غزاله فاطیما ماهرخ مهرنوش مهرانگیز شکیبا شادی
    شیدا رعنا روشنک سیما صنم کتایون عطیه ملوک فخری قدسی عصمت توران منور نصرت
    بی+بی ام+البنین ام+کلثوم زهرا+سادات فاطمه_زهرا مریم+سادات نرگس_خاتون گل+بهار
    مهرو مهسان ماهسا هلیا النا آنیتا ترنم باران ریما رومینا سولماز ثریا پوران
    """
)

# Family names: plain, with a suffix (‑ی، ‑پور، ‑زاده، ‑نیا، ‑فر، ‑نژاد…), with a prefix
# (میر، سید، حاج، آقا، شیخ، آل، امیر، پور، خان، شاه) and place names.
LAST_NAMES = _words(
    """
    احمدی محمدی حسینی رضایی کریمی موسوی جعفری حیدری صادقی نوری رحیمی قاسمی عباسی
    علوی کاظمی هاشمی مرادی اکبری شریفی سلیمانی ابراهیمی امیری یوسفی نجفی طاهری ملکی
    نظری فرهادی زارعی بهرامی رستمی خسروی کرمی میرزایی میر+زایی حسین+زاده علی+زاده
    محمد+زاده قلی+زاده تقی+زاده حسن+زاده ولی+زاده رضا+زاده اکبر+زاده حاجی+زاده
    آقا+زاده مهدی+زاده رحیم+زاده کاظم+زاده جعفر+زاده نقی+زاده باقر+زاده ملک+زاده
    قربان+زاده عرب+زاده ترک+زاده بیگ+زاده میر+زاده عبدالله+زاده شاه+حسینی
    میر+حسینی میر+محمدی میر+سلیمانی میرهاشمی میرجعفری امیر+خانی علی+پور حسن+پور
    رحمان+پور قاسم+پور نادر+پور حاجی+پور پور+محمدی پور+حسینی پور+علی پورعباسی
    یزدان+پناه دوست+محمدی خدا+بنده نیک+نام نیک+پور شاه+محمدی خان+محمدی آل+احمد
    آل+یاسین آل+داوود نور+محمدی سید+جوادی سیدی حاج+آقایی حاجی+بابایی میرزا+زاده
    کریم+خانی شیخ+الاسلامی شیخی ملایی آقایی آقاجانی حسین+نیا رضا+نیا علی+نیا
    صادقی+فر کریمی+نژاد احمدی+راد نیکو+منش عدالت+خواه خدا+بخش ایزدی+دوست
    شجاعی+فر محمدی+نیا اکبری+نژاد رضایی+راد حسینی+پور قاسمی+نسب جعفری+نسب
    شیرازی اصفهانی تهرانی کرمانی یزدی تبریزی قزوینی کاشانی رشتی گیلانی مازندرانی
    خراسانی همدانی زنجانی اردبیلی کاشی قمی شوشتری دزفولی بروجردی لاهیجی آملی
    ساروی گرگانی سبزواری نیشابوری مشهدی اهوازی بوشهری سمنانی دامغانی
    کرمانشاهی سنندجی ارومیه+ای خمینی دهقان دهقانی کشاورز کشاورزی باغبان آهنگر
    نجار نجاری زرگر صباغ عطار خیاط خیاطی بنا بنایی آشتیانی فراهانی تفرشی ساوجی
    اسدی اسدی+پور افشار افشاری بختیاری قشقایی زند زندی کیانی کیان+پور صفوی
    قاجار طباطبایی شفیعی شفیعی+کدکنی امینی امین+پور انصاری بهشتی جهانگیری
    جهانی چراغی حبیبی حمیدی حیدری+نیا خلیلی خورشیدی داوودی دلاوری ذوالفقاری
    رحمانی رحمتی رسولی رشیدی رفیعی روحانی زمانی ستاری سعیدی سلامی سلطانی
    سماواتی سهرابی شاکری شاهی شریعتی شکوهی شهابی صالحی صدری صفایی ضیایی طالبی
    عابدی عارفی عزیزی عسگری عطایی علیمی غفاری غلامی فاضلی فتحی فرجی فروتن
    فلاحی قادری قنبری کامرانی کاویانی کمالی گودرزی لطفی مالکی متقی مجیدی
    محمودی مختاری مشایخی مصطفوی معینی مقدم منصوری مهدوی میرزاخانی نادری
    نصیری نوروزی نیکخواه واحدی وحیدی هدایتی یاری یزدانی یعقوبی بیات بابایی
    باقری پاکزاد پارسا پیرزاده توکلی ثابتی جلالی جمشیدی چگینی حقیقی خانی
    درویشی دولتی رجبی رمضانی زینلی سبحانی سرمدی شعبانی شمسی صمدی طاهرخانی
    عباس+پور علیزاده غفوری فاطمی قربانی کاظمی+نیا کوهی گلستانی لشگری مرادی+نژاد
    مظفری منتظری موسوی+نژاد میری نبوی نصرتی نوذری هاشم+زاده همتی یگانه
    ابوالحسنی اخوان اسکندری اسماعیلی افتخاری امیدی اولیایی ایرانی بابازاده
    بهمنی پاکدل پوراحمد تاجیک ترابی تقوی ثمری جوادی حاتمی حسنی خدادادی
    خرمی دانشور ربانی رزاقی رنجبر زاهدی سالاری سپهری سروری شاه+ولی شریفی+نیا
    صادق+پور صبوری طهماسبی ظهیری عرفانی عظیمی علی+محمدی فیروزی قدیری کاشفی
    کشاورز+زاده گلزار مرتضوی مستوفی معتمدی ملک+پور نیک+بخت وکیلی هوشمند
    """
)

SKILLS = _words(
    """
    خیاطی آشپزی قالی+بافی برق+کاری_ساختمان حسابداری شیرینی+پزی نان+پزی گلدوزی
    بافندگی عروسک+بافی قلاب+بافی معرق+کاری منبت+کاری سفال+گری کاشی+کاری
    لوله+کشی_ساختمان جوشکاری نقاشی_ساختمان گچ+کاری بنایی کابینت+سازی نجاری
    تعمیر_موبایل تعمیر_لوازم_خانگی تعمیر_خودرو مکانیک_موتورسیکلت رانندگی
    آرایشگری_زنانه آرایشگری_مردانه ناخن+کاری عکاسی طراحی_گرافیک برنامه+نویسی_وب
    تایپ_و_حروف+چینی کاربری_رایانه حسابداری_با_نرم+افزار بازاریابی_و_فروش
    بازاریابی_اینترنتی تولید_محتوا زبان_انگلیسی ترجمه مراقبت_از_سالمند
    پرستاری_در_منزل کمک+های_اولیه مراقبت_از_کودک ترشی_و_مربا تولید_لبنیات
    پرورش_قارچ پرورش_گل_و_گیاه باغبانی زنبورداری پرورش_مرغ زیورآلات_دست+ساز
    چرم+دوزی کیف+دوزی کفاشی طراحی_لباس الگوسازی رنگرزی چاپ_روی_پارچه
    سوزن+دوزی پته+دوزی ملیله+کاری خاتم+کاری خوشنویسی تذهیب شمع+سازی صابون+سازی
    گل+سازی سبدبافی گلیم+بافی تابلوفرش شیشه+گری تعمیر_رایانه نصب_دوربین_مداربسته
    تأسیسات_ساختمان نصب_کولر_و_پکیج تراشکاری کیترینگ انبارداری منشی+گری
    کاغذدیواری تعمیر_دوچرخه
    """
)

# Skills that lean one way in the registries centers keep (not a rule: only weights).
FEMALE_LEANING_SKILLS = _words(
    """
    خیاطی آشپزی قالی+بافی شیرینی+پزی گلدوزی بافندگی عروسک+بافی قلاب+بافی
    آرایشگری_زنانه ناخن+کاری ترشی_و_مربا تولید_لبنیات زیورآلات_دست+ساز طراحی_لباس
    الگوسازی سوزن+دوزی پته+دوزی مراقبت_از_کودک پرستاری_در_منزل شمع+سازی
    صابون+سازی گل+سازی گلیم+بافی تابلوفرش کیترینگ
    """
)
MALE_LEANING_SKILLS = _words(
    """
    برق+کاری_ساختمان لوله+کشی_ساختمان جوشکاری نقاشی_ساختمان گچ+کاری بنایی
    کابینت+سازی نجاری تعمیر_موبایل تعمیر_لوازم_خانگی تعمیر_خودرو مکانیک_موتورسیکلت
    رانندگی آرایشگری_مردانه تأسیسات_ساختمان نصب_کولر_و_پکیج تراشکاری انبارداری
    نصب_دوربین_مداربسته کاشی+کاری
    """
)

# Fields of study by education level (the keys of strings.EDUCATION_NAMES).
SCHOOL_FIELDS = _words("ریاضی_و_فیزیک علوم_تجربی ادبیات_و_علوم_انسانی کاردانش فنی_و_حرفه+ای")
UNIVERSITY_FIELDS = _words(
    """
    حسابداری مدیریت_بازرگانی مهندسی_کامپیوتر مهندسی_برق مهندسی_عمران مهندسی_مکانیک
    مهندسی_صنایع روان+شناسی علوم_تربیتی مددکاری_اجتماعی حقوق ادبیات_فارسی
    زبان_انگلیسی شیمی زیست+شناسی فیزیک ریاضی اقتصاد جامعه+شناسی پرستاری مامایی
    گرافیک طراحی_دوخت معماری کشاورزی علوم_ورزشی الهیات تاریخ جغرافیا
    مدیریت_دولتی
    """
)

STREETS = _words(
    """
    آزادی انقلاب جمهوری ولیعصر شریعتی مطهری طالقانی بهار نیاوران پیروزی نبرد
    دماوند پاسداران شهید_بهشتی امام_خمینی کارگر کمیل قزوین خاوران افسریه
    هفده+شهریور مجاهدین_اسلام شهید_رجایی فداییان_اسلام سبلان گلبرگ رسالت
    ستارخان زنجان جیحون هاشمی کاشانی آیت+الله_سعیدی شهید_چمران مولوی صاحب+جمع
    نواب شوش ری خیام سی+متری_نیروی_هوایی
    """
)
ALLEY_NAMES = _words(
    """
    لاله نرگس یاس بنفشه اقاقیا سوسن نسترن شقایق گلستان بهار مهر امید سعادت
    شهید_احمدی شهید_رضایی شهید_کریمی شهید_نوری شهید_حسینی شهید_صادقی
    """
)

# (title, field) of ideas idea holders bring.
IDEAS = tuple(
    (title, field)
    for field, titles in (
        (
            "صنایع دستی",
            "تولید_عروسک+های_بافتنی کارگاه_تابلوفرش گلیم+بافی_خانگی تولید_زیورآلات_دست+ساز "
            "کارگاه_معرق_و_منبت تولید_شمع+های_تزئینی کارگاه_سفال_و_سرامیک "
            "فروشگاه_اینترنتی_صنایع_دستی کارگاه_چرم+دوزی تولید_کیف_پارچه+ای",
        ),
        (
            "مواد غذایی",
            "کارگاه_خانگی_ترشی_و_مربا تولید_شیرینی_خانگی کیترینگ_غذای_خانگی "
            "تولید_نان_محلی تولید_لبنیات_محلی بسته+بندی_خشکبار خشک+کردن_میوه_و_سبزی "
            "تولید_ادویهٔ_بسته+بندی+شده تولید_رب_گوجه_خانگی",
        ),
        (
            "پوشاک",
            "تولید_لباس_کودک کارگاه_تولید_مانتو چاپ_روی_پارچه_و_تی+شرت "
            "دوخت_لباس_محلی تولید_لباس_بافتنی تعمیر_و_اصلاح_لباس",
        ),
        (
            "خدمات",
            "مهدکودک_خانگی خدمات_مراقبت_از_سالمند_در_منزل خدمات_نظافت_منزل "
            "تعمیرگاه_سیار_لوازم_خانگی تعمیر_موبایل_و_لوازم_جانبی آموزش_زبان_به_کودکان "
            "آموزشگاه_آنلاین_خیاطی آرایشگاه_خانگی",
        ),
        (
            "کشاورزی",
            "پرورش_قارچ_دکمه+ای پرورش_گل_و_گیاه_آپارتمانی زنبورداری_و_تولید_عسل "
            "پرورش_مرغ_بومی گلخانهٔ_کوچک_سبزی",
        ),
        (
            "فناوری",
            "تولید_محتوای_آموزشی_آشپزی طراحی_سایت_برای_کسب+وکارهای_محلی "
            "خدمات_عکاسی_محصول فروشگاه_اینترنتی_محصولات_خانگی",
        ),
    )
    for title in _words(titles)
)

IDEA_DESCRIPTIONS = _words(
    """
    با_دو_نفر_از_اعضای_خانواده_در_منزل_انجام_می+شود.
    فضای_کار_آماده_است_و_برای_خرید_دستگاه_سرمایه_لازم_دارد.
    نمونهٔ_محصول_ساخته_شده_و_چند_مشتری_ثابت_دارد.
    برای_فروش_در_فروشگاه+های_ویژهٔ_تولیدات_خانگی_مناسب_است.
    نیاز_به_آموزش_تکمیلی_در_بازاریابی_دارد.
    """
)

EMPLOYERS = _words(
    """
    کارگاه_تولیدی_پوشاک_نگین رستوران_سنتی_شهرزاد شرکت_خدماتی_پاکان
    فروشگاه_زنجیره+ای_شهروند کارخانهٔ_بسته+بندی_آرد آموزشگاه_خیاطی_مهر
    شرکت_ساختمانی_آبادگران نانوایی_بربری_امید کارگاه_نجاری_البرز
    شرکت_پخش_مواد_غذایی_سحر مرکز_نیکوکاری_محله کارگاه_قالی+بافی_ثامن
    تعمیرگاه_خودرو_ایران+پارت شرکت_حمل_و_نقل_رهنورد بیمارستان_شهدا
    مهدکودک_گل+های_بهاری
    """
)

FOLLOW_UP_NOTES = _words(
    """
    دربارهٔ_دوره+های_آموزشی_مناسب_گفت+وگو_شد.
    به_مشاورهٔ_شغلی_معرفی_شد.
    مدارک_تحصیلی_را_آورد_و_پرونده_کامل_شد.
    تماس_گرفته_شد؛_پاسخ_نداد.
    تماس_گرفته_شد؛_در_دوره_شرکت_می+کند.
    از_محل_کار_بازدید_شد؛_شرایط_مناسب_است.
    به_جهاد_دانشگاهی_برای_دورهٔ_تکمیلی_ارجاع_شد.
    به_بنیاد_برکت_برای_تسهیلات_معرفی_شد.
    برای_گرفتن_وام_اشتغال_خانگی_راهنمایی_شد.
    طرح_کسب+وکار_را_با_هم_مرور_کردیم.
    نیاز_به_پیگیری_دوباره_پس_از_پایان_دوره.
    هنوز_کار_پیدا_نکرده_است.
    """
)

STATUS_NOTES = _words(
    """
    معرفی_به_دورهٔ_آموزشی_فنی_و_حرفه+ای.
    پس_از_جلسهٔ_مشاوره.
    گواهینامهٔ_دوره_را_گرفت.
    با_معرفی_مرکز_مشغول_به_کار_شد.
    """
)

OUTCOME_NOTES = _words(
    """
    قرارداد_شش+ماهه. بیمه_شده_است. با_وام_قرض+الحسنه_راه_افتاد.
    محصولاتش_در_فروشگاه_ویژه_فروخته_می+شود. دو_نفر_دیگر_را_هم_به_کار_گرفته_است.
    """
)

APPLICANT_NOTES = _words(
    """
    سرپرست_خانوار_است.
    معلولیت_جسمی_خفیف_دارد.
    دو_فرزند_زیر_هفت_سال_دارد.
    تحت_پوشش_کمیتهٔ_امداد_است.
    سابقهٔ_کار_در_کارگاه_خیاطی_دارد.
    ترجیح_می+دهد_در_منزل_کار_کند.
    صبح+ها_برای_تماس_در_دسترس_نیست.
    به_کار_پاره+وقت_علاقه_دارد.
    سابقهٔ_کار_ساختمانی_دارد.
    از_طریق_مسجد_محل_معرفی_شده_است.
    """
)

# The first three digits of a national code are the issuing office's; Tehran's offices
# first (a center in Tehran registers mostly its own), then other cities' plausible ones.
TEHRAN_CODE_PREFIXES = ("001", "002", "003", "004", "005", "006", "007", "008")
OTHER_CODE_PREFIXES = _words(
    """
    011 020 031 032 037 038 040 045 048 050 055 059 061 063 067 069 072 074 092 093
    094 102 110 127 128 136 137 159 228 229 230 249 250 274 275 287 293 309 318 329
    342 358 386 387 404 410 432 440 459 471 491 497 520 535
    """
)

# Mobile operators' prefixes (after 09), the common ones first.
MOBILE_PREFIXES = _words(
    "12 12 12 12 35 36 37 38 39 13 19 15 17 18 11 14 16 10 01 02 03 05 30 33 90 91 21 22"
)

LANDLINE_AREA_CODES = {"تهران": "021", "مشهد": "051", "اصفهان": "031", "شیراز": "071"}


# -- the generator ------------------------------------------------------------------


@dataclass
class DemoBatch:
    """One batch of people and their history; rows refer to people by batch index."""

    cleans: list[dict[str, Any]] = field(default_factory=list)
    registered_on: list[dt.date] = field(default_factory=list)
    # (person, status, on, note) for each step after «registered», in order
    steps: list[tuple[int, str, dt.date, str]] = field(default_factory=list)
    # (person, kind, held_on, notes, next_appointment, done)
    follow_ups: list[tuple[int, str, dt.date, str, dt.date | None, bool]] = field(
        default_factory=list
    )
    # (person, title, field, description, capital_rials, status)
    ideas: list[tuple[int, str, str, str, int, str]] = field(default_factory=list)
    # (person, kind, started_on, employer, partner index or -1, verified, notes)
    outcomes: list[tuple[int, str, dt.date, str, int, bool, str]] = field(default_factory=list)


def _table(items: Sequence[Any], weights: Sequence[float], size: int = 8192) -> list[Any]:
    """A lookup list in which each item appears in proportion to its weight (at least
    once): picking `table[int(random() * len(table))]` is a weighted choice in ~0.1 µs."""
    total = sum(weights)
    table: list[Any] = []
    for item, weight in zip(items, weights, strict=True):
        table.extend([item] * max(1, round(weight / total * size)))
    return table


def _popular(names: Sequence[str]) -> list[str]:
    """Names listed by popularity: a Zipf-like weighting (the first 25–40× the last)."""
    return _table(names, [1 / (rank + 6) ** 0.9 for rank in range(len(names))])


_DAY = dt.timedelta(days=1)
_FRIDAY = 4
_MALE_CATEGORIES = _table(
    [Category.JOB_SEEKER, Category.SEASONAL_WORKER, Category.SKILLED_NO_CAPITAL,
     Category.IDEA_HOLDER, Category.ENTREPRENEUR, Category.INVESTOR],
    [40, 22, 16, 10, 8, 4],
)  # fmt: skip
_FEMALE_CATEGORIES = _table(
    [Category.JOB_SEEKER, Category.SKILLED_NO_CAPITAL, Category.IDEA_HOLDER,
     Category.ENTREPRENEUR, Category.INVESTOR, Category.SEASONAL_WORKER],
    [38, 26, 16, 10, 5, 2],
)  # fmt: skip
_CATEGORY_ORDER = {category: index for index, category in enumerate(Category)}
_EDUCATION_BY_AGE = (
    # (up to this age, levels and weights)
    (30, _table(["none", "primary", "middle", "diploma", "associate", "bachelor", "master"],
                [1, 3, 12, 40, 12, 26, 6])),
    (45, _table(["none", "primary", "middle", "diploma", "associate", "bachelor", "master",
                 "doctorate"], [2, 8, 18, 38, 9, 20, 4, 1])),
    (99, _table(["none", "primary", "middle", "diploma", "associate", "bachelor", "master"],
                [8, 20, 24, 30, 5, 11, 2])),
)  # fmt: skip
_SCHOOL_LEVELS = {"diploma"}
_UNIVERSITY_LEVELS = {"associate", "bachelor", "master", "doctorate"}
_SKILL_COUNTS = _table([0, 1, 2, 3], [20, 40, 28, 12], size=100)
_FOLLOW_UP_KINDS = _table(
    [FollowUpKind.COUNSELLING.value, FollowUpKind.PHONE_CALL.value, FollowUpKind.VISIT.value,
     FollowUpKind.REFERRAL.value],
    [45, 35, 10, 10], size=100,
)  # fmt: skip
_IDEA_STATUSES = _table(
    [IdeaStatus.SUBMITTED.value, IdeaStatus.SHORTLISTED.value, IdeaStatus.SELECTED.value,
     IdeaStatus.FUNDED.value, IdeaStatus.LAUNCHED.value],
    [50, 20, 12, 10, 8], size=100,
)  # fmt: skip
# Rials: 50 million (5 million Tomans) to 3 billion, small sums the most common.
_CAPITALS = _table(
    [m * 1_000_000 for m in (50, 80, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 3000)],
    [6, 8, 12, 12, 14, 14, 12, 7, 7, 4, 3, 1], size=200,
)  # fmt: skip
# The programme, step by step: (status, chance of reaching it from the step before,
# days after the step before: fewest, most). Steps later than today are not taken.
_FUNNEL = (
    (Status.COUNSELLING.value, 0.38, 2, 30),
    (Status.IN_TRAINING.value, 0.55, 5, 45),
    (Status.TRAINED.value, 0.70, 30, 120),
    ("outcome", 0.45, 10, 120),
    (Status.EMPOWERED.value, 0.30, 60, 240),
)
_OPEN_STATUSES = {Status.COUNSELLING.value, Status.IN_TRAINING.value, Status.TRAINED.value}
_OUTCOME_KIND = {
    Status.EMPLOYED.value: OutcomeKind.WAGE_JOB.value,
    Status.SELF_EMPLOYED.value: OutcomeKind.SELF_EMPLOYMENT.value,
    Status.HOME_BUSINESS.value: OutcomeKind.HOME_BUSINESS.value,
}


class PeopleGenerator:
    """A seeded stream of demo people, made batch by batch (no database access).

    Values are exactly what `applicants.validate` returns for them; national codes are
    valid, never ten equal digits, and unique (also against `taken_codes`). Dates are
    relative to `today` (registrations over this Jalali year and the last, ages 18–65
    at registration), so the same seed gives the same people on the same day.
    """

    def __init__(
        self,
        rng: random.Random,
        *,
        count: int,
        districts: Sequence[int],
        partner_count: int = 0,
        area_code: str = "021",
        taken_codes: set[str] | None = None,
        today: dt.date | None = None,
    ):
        self.rng = rng
        self.count = count
        self.today = today or dt.date.today()
        self.partner_count = partner_count
        self.area_code = area_code
        self.taken = taken_codes if taken_codes is not None else set()
        self.last_mobile = ""
        # Registration days: the working days (not Friday) of this Jalali year and the
        # one before; person i of `count` registers on day i * days / count.
        first = jdatetime.date(jdatetime.date.fromgregorian(date=self.today).year - 1, 1, 1)
        start = first.togregorian()
        self.workdays = [
            start + n * _DAY
            for n in range((self.today - start).days + 1)
            if (start + n * _DAY).weekday() != _FRIDAY
        ]
        # Most people come from a few districts near the center.
        weights = [rng.uniform(0.2, 1.0) for _ in districts]
        weights[rng.randrange(len(weights))] *= 4
        self.districts = _table(list(districts), weights, size=1000)
        self.male = _popular(MALE_FIRST_NAMES)
        self.female = _popular(FEMALE_FIRST_NAMES)
        self.last = _popular(LAST_NAMES)
        self.female_skills = _table(
            SKILLS,
            [3 if s in FEMALE_LEANING_SKILLS else 1 for s in SKILLS],
        )
        self.male_skills = _table(
            SKILLS,
            [3 if s in MALE_LEANING_SKILLS else 1 for s in SKILLS],
        )

    def batch(self, start: int, size: int) -> DemoBatch:
        """People `start` … `start + size - 1` of the stream; call in order. Who they
        are does not depend on how the stream is cut into batches."""
        batch = DemoBatch()
        for index in range(size):
            self._person(batch, index, start + index)
        return batch

    def _person(self, batch: DemoBatch, index: int, number: int) -> None:
        rand = self.rng.random
        days = len(self.workdays)
        registered = self.workdays[min(days - 1, number * days // max(1, self.count))]
        female = rand() < 0.58
        names = self.female if female else self.male
        age = self.rng.triangular(18, 65.99, 30)
        born = registered - dt.timedelta(days=int(age * 365.25))
        education = _pick(rand, next(table for limit, table in _EDUCATION_BY_AGE if age < limit))
        category_table = _FEMALE_CATEGORIES if female else _MALE_CATEGORIES
        categories = [_pick(rand, category_table)]
        if rand() < 0.3:
            second = _pick(rand, category_table)
            if second not in categories:
                categories.append(second)
                categories.sort(key=_CATEGORY_ORDER.__getitem__)
        skill_table = self.female_skills if female else self.male_skills
        skills = dict.fromkeys(_pick(rand, skill_table) for _ in range(_pick(rand, _SKILL_COUNTS)))
        batch.cleans.append(
            {
                "first_name": _pick(rand, names),
                "last_name": _pick(rand, self.last),
                "father_name": _pick(rand, self.male),
                "national_code": self._national_code(),
                "gender": "female" if female else "male",
                "birth_date": born,
                "mobile": self._mobile(),
                "phone": f"{self.area_code}{int(rand() * 7e7) + 20_000_000}"
                if rand() < 0.3
                else "",
                "address": self._address() if rand() < 0.6 else "",
                "district": _pick(rand, self.districts),
                "education_level": education,
                "education_field": self._field(education),
                "marital_status": self._marital(age, female),
                "categories": ";".join(category.value for category in categories),
                "category_flags": category_flags(categories),
                "skills": ";".join(skills),
                "notes": _pick(rand, APPLICANT_NOTES) if rand() < 0.12 else "",
            }
        )
        batch.registered_on.append(registered)
        self._history(batch, index, registered, female, Category.IDEA_HOLDER in categories)

    def _national_code(self) -> str:
        rand = self.rng.random
        while True:
            prefixes = TEHRAN_CODE_PREFIXES if rand() < 0.7 else OTHER_CODE_PREFIXES
            nine = f"{_pick(rand, prefixes)}{int(rand() * 1_000_000):06d}"
            if nine in self.taken:
                continue
            code = f"{nine}{national_code_check_digit(nine)}"
            if code == code[0] * 10:  # valid by its check digit, refused by the registry
                continue
            self.taken.add(nine)
            return code

    def _mobile(self) -> str:
        rand = self.rng.random
        if not self.last_mobile or rand() >= 0.02:  # else: a family member's number
            self.last_mobile = f"09{_pick(rand, MOBILE_PREFIXES)}{int(rand() * 10_000_000):07d}"
        return self.last_mobile

    def _address(self) -> str:
        rand = self.rng.random
        street = _pick(rand, STREETS)
        alley = _pick(rand, ALLEY_NAMES)
        plate = persian_digits(int(rand() * 180) + 1)
        unit = f"، واحد {persian_digits(int(rand() * 12) + 1)}" if rand() < 0.5 else ""
        return f"خیابان {street}، کوچهٔ {alley}، پلاک {plate}{unit}"

    def _field(self, education: str) -> str:
        rand = self.rng.random
        if education in _SCHOOL_LEVELS and rand() < 0.85:
            return _pick(rand, SCHOOL_FIELDS)
        if education in _UNIVERSITY_LEVELS:
            return _pick(rand, UNIVERSITY_FIELDS)
        return ""

    def _marital(self, age: float, female: bool) -> str:
        value = self.rng.random()
        if age < 25:
            return "single" if value < 0.7 else "married"
        if age < 40:
            return ("single", "married", "divorced", "widowed")[
                (value >= 0.22) + (value >= 0.92) + (value >= 0.98)
            ]
        widowed = 0.12 if female else 0.04
        if value < widowed:
            return "widowed"
        return "divorced" if value < widowed + 0.08 else "married" if value < 0.95 else "single"

    # -- history -----------------------------------------------------------------------

    def _history(
        self, batch: DemoBatch, index: int, registered: dt.date, female: bool, has_idea: bool
    ) -> None:
        rand = self.rng.random
        today = self.today
        on = registered
        steps: list[tuple[str, dt.date]] = []
        for status, chance, fewest, most in _FUNNEL:
            if rand() >= chance:
                break
            on = on + dt.timedelta(days=fewest + int(rand() * (most - fewest)))
            if on > today:
                break
            if status == "outcome":
                value = rand()
                status = (
                    Status.EMPLOYED.value
                    if value < (0.35 if female else 0.55)
                    else Status.SELF_EMPLOYED.value
                    if value < (0.55 if female else 0.85)
                    else Status.HOME_BUSINESS.value
                )
            steps.append((status, on))
        for status, on in steps:
            note = _pick(rand, STATUS_NOTES) if rand() < 0.15 else ""
            batch.steps.append((index, status, on, note))
        if steps:
            self._follow_ups(batch, index, steps)
            self._outcome(batch, index, steps)
        if has_idea and rand() < 0.75:
            title, idea_field = _pick(rand, IDEAS)
            batch.ideas.append(
                (
                    index,
                    title,
                    idea_field,
                    _pick(rand, IDEA_DESCRIPTIONS) if rand() < 0.5 else "",
                    _pick(rand, _CAPITALS),
                    _pick(rand, _IDEA_STATUSES),
                )
            )

    def _follow_ups(self, batch: DemoBatch, index: int, steps: list[tuple[str, dt.date]]) -> None:
        """Notes from the first counselling (the day the person entered counselling) to a
        while after the last step; each meeting closes the appointment booked at the one
        before. Someone still in the programme is often still in touch (a recent call),
        and their last note books the next meeting: in the coming weeks, or overdue —
        the due list. Appointments long past were mostly closed by the clerk."""
        rand, today = self.rng.random, self.today
        first, last = steps[0][1], min(today, steps[-1][1] + 60 * _DAY)
        span = (last - first).days
        later = {first + (1 + int(rand() * span)) * _DAY for _ in range(int(rand() * 2.5))}
        days = [first, *sorted(later)] if span > 0 else [first]
        still_open = steps[-1][0] in _OPEN_STATUSES
        if still_open and days[-1] < today - 30 * _DAY and rand() < 0.35:
            days.append(today - (1 + int(rand() * 30)) * _DAY)
        for number, held in enumerate(days):
            kind = FollowUpKind.COUNSELLING.value if number == 0 else _pick(rand, _FOLLOW_UP_KINDS)
            notes = _pick(rand, FOLLOW_UP_NOTES) if rand() < 0.7 else ""
            following: dt.date | None = None
            done = False
            if number + 1 < len(days):
                following, done = days[number + 1], True
            elif still_open:
                following = held + (7 + int(rand() * 28)) * _DAY
                done = following < today - 14 * _DAY and rand() < 0.8
            batch.follow_ups.append((index, kind, held, notes, following, done))

    def _outcome(self, batch: DemoBatch, index: int, steps: list[tuple[str, dt.date]]) -> None:
        rand = self.rng.random
        for status, on in steps:
            kind = _OUTCOME_KIND.get(status)
            if kind is None:
                continue
            if kind == OutcomeKind.SELF_EMPLOYMENT.value and rand() < 0.12:
                kind = OutcomeKind.COOPERATIVE.value
            employer = _pick(rand, EMPLOYERS) if kind == OutcomeKind.WAGE_JOB.value else ""
            partner = (
                int(rand() * self.partner_count) if self.partner_count and rand() < 0.7 else -1
            )
            notes = _pick(rand, OUTCOME_NOTES) if rand() < 0.3 else ""
            batch.outcomes.append((index, kind, on, employer, partner, rand() < 0.6, notes))


def _pick(rand: Callable[[], float], table: Sequence[Any]) -> Any:
    return table[int(rand() * len(table))]
