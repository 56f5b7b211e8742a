"""Finding an issued certificate by its serial, on the certificates page."""

from __future__ import annotations


class SerialSearch:
    LABEL = "جستجوی شمارهٔ گواهینامه:"
    # {serial}: a serial of this center, this year (an identifier, isolated).
    HINT = "همه یا بخشی از شماره، مانند {serial} یا 123"
    EMPTY = "گواهینامه‌ای با این شماره پیدا نشد."
    COUNT = "{count} گواهینامه با این شماره"
    MORE = "بیش از {count} گواهینامه؛ شمارهٔ کامل‌تری بنویسید."
