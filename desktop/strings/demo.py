"""Persian strings of the demo data generator."""

from __future__ import annotations


class Demo:
    NO_DISTRICTS = "برای این مرکز هیچ منطقه‌ای تعریف نشده است؛ داده‌های نمونه ساخته نشد."
