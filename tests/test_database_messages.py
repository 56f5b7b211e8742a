"""The database's Persian messages write quantities as every other quantity is written
(issue 8, item 9; found again by the reviewer as «۱۶ ثانیه» shown as «16 ثانیه»): Persian
digits with Persian separators. The English line the command line prints keeps ASCII."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from desktop.cli import _english
from desktop.models.db import DatabaseProblem

ASCII_DIGIT = re.compile("[0-9]")


def test_the_busy_message_says_how_long_in_persian_digits():
    problem = DatabaseProblem("busy", "/data/center.sqlite3", seconds=16)
    assert "۱۶ ثانیه" in problem.message
    assert not ASCII_DIGIT.search(problem.message)
    assert "for 16 s" in _english(problem)  # scripts read ASCII


@given(st.integers(min_value=0, max_value=10**7))
def test_any_wait_is_written_in_persian(seconds):
    message = DatabaseProblem("busy", "/data/center.sqlite3", seconds=seconds).message
    assert not ASCII_DIGIT.search(message)
    if seconds >= 1000:
        assert "٬" in message  # thousands are grouped
