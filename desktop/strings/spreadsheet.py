"""Messages about text that a spreadsheet would run as a formula."""

from __future__ import annotations

# By a name field: a name that starts with = + - @ would run as a formula in Excel.
NAME_STARTS_LIKE_FORMULA = "نام با حرف آغاز می‌شود، نه با = یا + یا - یا @."
