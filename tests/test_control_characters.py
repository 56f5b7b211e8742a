"""No control or format character is stored: every text a service takes is normalised.

Each kind of record is made through its service with a NUL, an escape sequence, a
backspace, a soft hyphen, an Arabic number sign and a word joiner typed into every text
field; then every text column of every table is read back. Only line breaks (in
multi-line fields), ZWNJ and ZWJ may remain — and single-line fields hold no line break.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from desktop.models import db
from desktop.services import applicants, casework, courses, users
from desktop.text.jalali import format_jalali
from tests.factories import applicant_input
from tests.helpers.courses import course_input

DIRT = "\x00\x1b\x08\x7f\u00ad\u0600\u2060\U000e0041\r\n\x0b\x85"
MULTI_LINE = {
    "address",
    "notes",
    "description",
    "note",
    "reason",
    "revoked_reason",
    "deleted_reason",
    "data",  # the change log's JSON
}


def dirty(text: str) -> str:
    """`text` with control characters typed around it, and inside it those that are not
    white space (a line break inside a name is a space between two words)."""
    middle = len(text) // 2
    inside = "".join(char for char in DIRT if not char.isspace())
    return f"{DIRT}{text[:middle]}{inside}{text[middle:]}{DIRT}"


def stored_controls() -> list[tuple[str, str, str]]:
    """(table, column, text) of every stored text holding a character it may not."""
    found = []
    for table in db.get_tables():
        if table.startswith("applicant_fts"):
            continue  # the index's own copy of the names (checked through `applicant`)
        columns = [column.name for column in db.get_columns(table)]
        for column in columns:
            for (value,) in db.execute_sql(f'SELECT "{column}" FROM "{table}"'):
                if not isinstance(value, str):
                    continue
                allowed = {"\u200c", "\u200d"} | ({"\n"} if column in MULTI_LINE else set())
                bad = {
                    char
                    for char in value
                    if unicodedata.category(char) in ("Cc", "Cf", "Cs") and char not in allowed
                }
                if bad:
                    found.append((table, column, value))
    return found


def test_no_service_stores_a_control_character(admin):
    trainer = users.add_user(
        admin,
        username="trainer1",
        display_name=dirty("علی رضایی"),
        role="trainer",
        password="12345678",
    )
    record = applicants.register(
        admin,
        applicant_input(
            first_name=dirty("زهرا"),
            last_name=dirty("احمدی"),
            father_name=dirty("علی"),
            address=dirty("تهران، خیابان آزادی\nکوچهٔ دوم"),
            education_field=dirty("حسابداری"),
            skills=[dirty("خیاطی"), dirty("آشپزی")],
            notes=dirty("یادداشت\nخط دوم"),
        ),
    )
    assert record.first_name == "زهرا" and record.last_name == "احمدی"
    assert record.notes == "یادداشت\nخط دوم"
    today = format_jalali(dt.date.today())
    casework.add_follow_up(
        admin, record.id, kind="counselling", held_on=today, notes=dirty("گفتگو")
    )
    casework.add_idea(
        admin, record.id, title=dirty("تولید لباس"), field=dirty("پوشاک"), description=dirty("شرح")
    )
    casework.add_outcome(
        admin, record.id, kind="wage_job", started_on=today, employer=dirty("کارگاه"), notes="x"
    )
    courses.create_course(
        admin,
        course_input(
            trainer.id,
            title=dirty("خیاطی"),
            field=dirty("پوشاک"),
            location=dirty("سالن ۱"),
            time_text=dirty("۸ تا ۱۰"),
        ),
    )
    applicants.change_status(admin, record.id, "counselling", note=dirty("یادداشت"))
    assert stored_controls() == []
