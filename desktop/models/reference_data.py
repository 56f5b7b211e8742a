"""Reference data a new center starts with (HQ owns it and may send updates later).

District counts: Tehran's municipality has 22 districts, Mashhad's 13; for another city
a center starts with 10 numbered districts. Partner bodies are the ones the programme
names: they co-run courses and are credited with employment outcomes.
"""

from __future__ import annotations

from desktop.text.digits import persian_digits

DISTRICT_COUNT: dict[str, int] = {"تهران": 22, "مشهد": 13, "": 10}

PARTNERS: list[tuple[str, str]] = [
    ("سازمان آموزش فنی و حرفه‌ای کشور", "فنی و حرفه‌ای"),
    ("جهاد دانشگاهی", "جهاد دانشگاهی"),
    ("بنیاد برکت", "برکت"),
    ("بنیاد علوی", "علوی"),
    ("دانشگاه", "دانشگاه"),
    ("شهرداری", "شهرداری"),
    ("کمیتهٔ امداد امام خمینی", "کمیتهٔ امداد"),
    ("سازمان بهزیستی", "بهزیستی"),
]


def district_name(number: int) -> str:
    return f"منطقهٔ {persian_digits(number)}"
