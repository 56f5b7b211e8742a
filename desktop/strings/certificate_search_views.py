"""Finding an issued certificate by its serial, on the certificates page."""

from __future__ import annotations


class SerialSearch:
    LABEL = "جستجوی شمارهٔ گواهینامه:"
    HINT = "همه یا بخشی از شماره، مانند TEH05-1405-000123 یا 123"
    EMPTY = "گواهینامه‌ای با این شماره پیدا نشد."
    COUNT = "{count} گواهینامه با این شماره"
    MORE = "بیش از {count} گواهینامه؛ شمارهٔ کامل‌تری بنویسید."
