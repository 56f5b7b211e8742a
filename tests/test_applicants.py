"""The applicant registry service: every validation rule and its Persian message,
registration (file numbers, duplicates, near-duplicates), the change log of every write,
roles, soft delete and the bulk path (no Tk)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types

import pytest

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import (
    Applicant,
    ApplicantIndex,
    ChangeLog,
    Role,
    Status,
    StatusChange,
    db,
    writes,
)
from desktop.models.base import utcnow
from desktop.services import applicants
from desktop.services.applicant_search import ApplicantSearch, Filters
from desktop.services.applicants import (
    ApplicantInput,
    ApplicantRecord,
    DuplicateApplicant,
    NearDuplicate,
)
from desktop.strings import EDUCATION_NAMES, MARITAL_NAMES
from desktop.strings import Applicants as Messages
from desktop.text.digits import persian_digits
from desktop.text.jalali import format_jalali
from tests.factories import applicant_input, national_code
from tests.helpers.people import login_as

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
ADMIN_NAME = "مدیر مرکز"  # the display name tests/conftest.py gives the administrator


# -- helpers ---------------------------------------------------------------------------


entry = applicant_input


def register(session, *, confirm=True, **changes) -> ApplicantRecord:
    """Register through the service; near-duplicates are confirmed unless asked not to."""
    return applicants.register(session, entry(**changes), confirm_near_duplicate=confirm)


def counts() -> dict[str, int]:
    """Everything a write may add: rows, status entries, change log, search index."""
    return {
        "applicants": Applicant.select().count(),
        "status_changes": StatusChange.select().count(),
        "change_log": ChangeLog.select().count(),
        "search_index": _index_rows(),
    }


def _index_rows() -> int:
    if not ApplicantIndex.available():
        return 0  # no index table of its own off SQLite
    return db.execute_sql(f"SELECT count(*) FROM {ApplicantIndex.TABLE}").fetchone()[0]


def years_ago(years: int, today: dt.date = TODAY) -> dt.date:
    """The same day `years` before; 29 February falls back to the 28th."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def field_errors(data: ApplicantInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        applicants.validate(data)
    return raised.value.errors


def log_entries(after_seq: int) -> list[tuple[int, str, str, str]]:
    return [
        (log.seq, log.entity, log.entity_id, log.operation)
        for log in ChangeLog.select().where(ChangeLog.seq > after_seq).order_by(ChangeLog.seq)
    ]


def search_ids(session, text: str = "", filters: Filters | None = None) -> set[str]:
    return {row_id for row_id, _ in ApplicantSearch(session, text, filters).fetch(0, 1000)}


# -- validate: all errors at once ------------------------------------------------------


def test_an_empty_form_gets_every_required_message_at_once(admin):
    assert field_errors(ApplicantInput()) == {
        "first_name": Messages.REQUIRED,
        "last_name": Messages.REQUIRED,
        "father_name": Messages.REQUIRED,
        "national_code": Messages.REQUIRED,
        "gender": Messages.GENDER_REQUIRED,
        "birth_date": Messages.REQUIRED,
        "mobile": Messages.MOBILE_FORMAT,
        "district": Messages.REQUIRED,
        "categories": Messages.CATEGORY_REQUIRED,
    }


def test_a_valid_form_gives_clean_values(admin):
    clean = applicants.validate(
        entry(
            first_name="  زهرا ",
            national_code="۰۰۸۴-۵۷۵۹۴۸",
            gender="زن",
            birth_date="۱۳۷۰/۰۵/۱۲",
            mobile="+98 912 123 4567",
            phone="۰۲۱-۸۸۷۷۶۶۵۵",
            address="  تهران،   خيابان ولیعصر ",
            district="۵",
            education_level="diploma",
            education_field="  خياطي ",
            marital_status="married",
            categories=["job_seeker", "investor"],
            skills=["خياطي", "آشپزی"],
            notes="خط اول\n  خط   دوم ",
        )
    )
    assert clean == {
        "first_name": "زهرا",
        "last_name": "احمدی",
        "father_name": "علی",
        "national_code": "0084575948",
        "gender": "female",
        "birth_date": dt.date(1991, 8, 3),
        "mobile": "09121234567",
        "phone": "02188776655",
        "address": "تهران، خیابان ولیعصر",
        "district": 5,
        "education_level": "diploma",
        "education_field": "خیاطی",
        "marital_status": "married",
        "categories": "job_seeker;investor",
        "category_flags": 1 | 16,  # the first and the fifth category
        "skills": "خیاطی;آشپزی",
        "notes": "خط اول\nخط دوم",
    }


def test_phone_is_optional_but_checked(admin):
    assert applicants.validate(entry(phone=""))["phone"] == ""
    assert field_errors(entry(phone="1234")) == {"phone": Messages.PHONE_FORMAT}


def test_identifier_errors_carry_the_identity_messages(admin):
    assert field_errors(entry(national_code="12345")) == {
        "national_code": Messages.NATIONAL_CODE_FORMAT
    }
    assert field_errors(entry(national_code="0084575949")) == {
        "national_code": Messages.NATIONAL_CODE_INVALID
    }
    assert field_errors(entry(mobile="02188776655")) == {"mobile": Messages.MOBILE_FORMAT}


# -- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["first_name", "last_name", "father_name"])
@pytest.mark.parametrize("value", ["", "   ", "\u200c", "\u0640"])
def test_each_name_is_required(admin, name, value):
    assert field_errors(entry(**{name: value})) == {name: Messages.REQUIRED}


@pytest.mark.parametrize("name", ["first_name", "last_name", "father_name"])
@pytest.mark.parametrize("value", ["زهرا2", "علی ۲", "احمدی٣", "۱۲۳"])
def test_digits_in_a_name_are_refused(admin, name, value):
    assert field_errors(entry(**{name: value})) == {name: Messages.NAME_LETTERS}


def test_stored_names_are_normalised(admin):
    record = register(
        admin,
        first_name="  علي\u200c\u200cرضا ",
        last_name="كاظمي",
        father_name="محـــمد  تقي",
    )
    assert (record.first_name, record.last_name, record.father_name) == (
        "علی\u200cرضا",
        "کاظمی",
        "محمد تقی",
    )
    row = Applicant.get_by_id(record.id)
    assert (row.first_name, row.last_name, row.father_name) == (
        "علی\u200cرضا",
        "کاظمی",
        "محمد تقی",
    )
    assert not set(row.first_name + row.last_name + row.father_name) & set("يكى\u0640")


# -- gender ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "gender"),
    [
        ("male", "male"),
        ("female", "female"),
        ("Male", "male"),
        (" FEMALE ", "female"),
        ("مرد", "male"),
        ("زن", "female"),
        (" زن ", "female"),
    ],
)
def test_gender_words(admin, typed, gender):
    assert applicants.validate(entry(gender=typed))["gender"] == gender


@pytest.mark.parametrize("typed", ["", " ", "man", "m", "f", "مذکر", "خانم", "1"])
def test_unknown_gender_words_are_refused(admin, typed):
    assert field_errors(entry(gender=typed)) == {"gender": Messages.GENDER_REQUIRED}


# -- birth date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["1370/05/12", "۱۳۷۰/۰۵/۱۲", "١٣٧٠/٠٥/١٢", "1370-5-12", "۱۳۷۰.۵.۱۲", " 1370 / 05 / 12 "],
)
def test_birth_date_spellings(admin, typed):
    assert applicants.validate(entry(birth_date=typed))["birth_date"] == dt.date(1991, 8, 3)


def test_birth_date_may_be_a_date(admin):
    assert applicants.validate(entry(birth_date=dt.date(1991, 8, 3)))["birth_date"] == dt.date(
        1991, 8, 3
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", Messages.REQUIRED),
        ("   ", Messages.REQUIRED),
        (None, Messages.REQUIRED),
        ("دیروز", "تاریخ را به شکل ۱۴۰۵/۰۹/۰۱ بنویسید."),
        ("1370/05", "تاریخ را به شکل ۱۴۰۵/۰۹/۰۱ بنویسید."),
        ("1370/13/01", "ماه باید از ۱ تا ۱۲ باشد."),
        ("1370/07/31", "مهر سال ۱۳۷۰ ۳۰ روز دارد."),
        ("۱۳۷۱/۱۲/۳۰", "اسفند سال ۱۳۷۱ ۲۹ روز دارد."),
    ],
)
def test_bad_birth_dates(admin, typed, message):
    assert field_errors(entry(birth_date=typed)) == {"birth_date": message}


def _range_message() -> str:
    return Messages.BIRTH_DATE_RANGE.format(
        earliest=format_jalali(years_ago(applicants.OLDEST_AGE)),
        latest=format_jalali(years_ago(applicants.YOUNGEST_AGE)),
    )


def test_birth_date_range_is_15_to_100_years(admin):
    assert (applicants.YOUNGEST_AGE, applicants.OLDEST_AGE) == (15, 100)
    youngest, oldest = years_ago(15), years_ago(100)
    for born in (youngest, oldest, years_ago(40)):
        assert applicants.validate(entry(birth_date=born))["birth_date"] == born
        assert applicants.validate(entry(birth_date=format_jalali(born)))["birth_date"] == born


@pytest.mark.parametrize(
    "born",
    [
        pytest.param(lambda: years_ago(15) + DAY, id="a day short of 15"),
        pytest.param(lambda: TODAY, id="born today"),
        pytest.param(lambda: TODAY + 400 * DAY, id="in the future"),
        pytest.param(lambda: years_ago(100) - DAY, id="a day over 100"),
        pytest.param(lambda: dt.date(1850, 1, 1), id="long ago"),
    ],
)
def test_birth_dates_outside_the_range_are_refused(admin, born):
    date = born()
    assert field_errors(entry(birth_date=date)) == {"birth_date": _range_message()}
    # Typed as a Jalali date, the same.
    assert field_errors(entry(birth_date=format_jalali(date))) == {"birth_date": _range_message()}


def test_the_range_message_names_both_ends_in_jalali():
    message = _range_message()
    assert format_jalali(years_ago(100)) in message and format_jalali(years_ago(15)) in message
    assert not any(char in "0123456789" for char in message)


def test_validation_works_on_29_february(admin, monkeypatch):
    class LeapDay(dt.date):
        @classmethod
        def today(cls):
            return cls(2028, 2, 29)

    fake_datetime = types.SimpleNamespace(
        date=LeapDay, datetime=dt.datetime, timedelta=dt.timedelta
    )
    monkeypatch.setattr(applicants, "dt", fake_datetime)
    clean = applicants.validate(entry(birth_date="1370/05/12"))
    assert clean["birth_date"] == dt.date(1991, 8, 3)
    # Born 2013-02-28: fifteen on 2028-02-28, so old enough on the 29th.
    assert applicants.validate(entry(birth_date="1391/12/10"))["birth_date"] == dt.date(2013, 2, 28)


# -- district ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "district"),
    [("5", 5), ("۵", 5), ("٥", 5), (5, 5), (" ۱۰ ", 10), ("1", 1), ("۰۷", 7)],
)
def test_district_numbers(admin, typed, district):
    assert applicants.validate(entry(district=typed))["district"] == district


@pytest.mark.parametrize("typed", ["11", "۲۳", "0", "-1", "پنج", "5.5", "۵ الف", 99])
def test_unknown_districts_are_refused_naming_the_range(admin, typed):
    expected = Messages.DISTRICT_UNKNOWN.format(first="۱", last="۱۰")
    assert expected == "منطقه باید یکی از منطقه‌های شهر (۱ تا ۱۰) باشد."
    assert field_errors(entry(district=typed)) == {"district": expected}


@pytest.mark.parametrize("typed", ["", "  ", None])
def test_district_is_required(admin, typed):
    assert field_errors(entry(district=typed)) == {"district": Messages.REQUIRED}


def test_districts_can_be_given_to_validate(admin):
    data = entry(district="5")
    with pytest.raises(ValidationError) as raised:
        applicants.validate(data, districts=[12, 3, 7])
    assert raised.value.errors == {
        "district": Messages.DISTRICT_UNKNOWN.format(first=persian_digits(3), last="۱۲")
    }
    assert applicants.validate(entry(district="۱۲"), districts=[12, 3, 7])["district"] == 12


def test_district_choices_for_every_role_that_fills_forms(admin):
    choices = applicants.districts(admin)
    assert [number for number, _ in choices] == list(range(1, 11))
    assert all(name for _, name in choices)
    shop = login_as(admin, "shop1", "shop", "کاربر shop")
    assert applicants.districts(shop) == choices


# -- categories, choices, skills ---------------------------------------------------------


def test_categories_are_deduplicated_and_flagged(admin):
    clean = applicants.validate(
        entry(categories=[" INVESTOR ", "job_seeker", "", "investor", "seasonal_worker"])
    )
    assert clean["categories"] == "investor;job_seeker;seasonal_worker"
    assert clean["category_flags"] == 16 | 1 | 32


@pytest.mark.parametrize("typed", [[], [""], [" ", "\u200c"]])
def test_a_category_is_required(admin, typed):
    assert field_errors(entry(categories=typed)) == {"categories": Messages.CATEGORY_REQUIRED}


@pytest.mark.parametrize("typed", [["boss"], ["job_seeker", "boss"], ["boss", "chief"]])
def test_unknown_categories_are_named(admin, typed):
    assert field_errors(entry(categories=typed)) == {
        "categories": Messages.CATEGORY_UNKNOWN.format(key="boss")
    }


@pytest.mark.parametrize(
    ("name", "choices"),
    [("education_level", EDUCATION_NAMES), ("marital_status", MARITAL_NAMES)],
)
def test_choices(admin, name, choices):
    for key in [*choices, ""]:
        assert applicants.validate(entry(**{name: key}))[name] == key
    for typed in ("phd", "دیپلم", "متأهل", "Married"):
        assert field_errors(entry(**{name: typed})) == {name: Messages.CHOICE_UNKNOWN}


@pytest.mark.parametrize(
    "skills",
    [
        ["خياطي", " خیاطی ", "", "آشپزي", "آشپزی", "\u0640"],
        "خياطي;آشپزی; خیاطی ;;آشپزي",
    ],
    ids=["list", "text"],
)
def test_skills_are_normalised_and_deduplicated_in_order(admin, skills):
    assert applicants.validate(entry(skills=skills))["skills"] == "خیاطی;آشپزی"
    record = register(admin, skills=skills)
    assert record.skills == ("خیاطی", "آشپزی")


def test_no_skills(admin):
    assert applicants.validate(entry(skills=[]))["skills"] == ""
    assert register(admin, skills="").skills == ()


# -- register ----------------------------------------------------------------------------


def test_register_creates_a_file_with_numbers_that_count_up(admin):
    first = register(admin, first_name="زهرا")
    second = register(admin, first_name="مریم")
    third = register(admin, first_name="سارا")
    assert [r.file_number for r in (first, second, third)] == [
        "TEH05-000001",
        "TEH05-000002",
        "TEH05-000003",
    ]
    assert first.registered_on == TODAY and first.status == "registered"
    assert first.status_changed_on == TODAY and not first.deleted
    assert applicants.get(admin, first.id) == first


def test_register_returns_what_was_stored(admin):
    record = register(
        admin,
        national_code="۰۰۸۴ ۵۷۵ ۹۴۸",
        mobile="۹۱۲۳۴۵۶۷۸۹",
        categories=["investor", "job_seeker"],
        education_level="bachelor",
    )
    assert record.national_code == "0084575948"
    assert record.mobile == "09123456789"
    assert record.categories == ("investor", "job_seeker")
    assert record.education_level == "bachelor"
    assert record.full_name == "زهرا احمدی"
    assert record == applicants.get(admin, record.id)
    assert applicants.to_input(record) == ApplicantInput(
        first_name="زهرا",
        last_name="احمدی",
        father_name="علی",
        national_code="0084575948",
        gender="female",
        birth_date=dt.date(1991, 8, 3),
        mobile="09123456789",
        district=5,
        education_level="bachelor",
        categories=["investor", "job_seeker"],
    )


def test_file_numbers_go_on_after_a_deletion(admin):
    first = register(admin)
    applicants.delete(admin, first.id, "ثبت اشتباه")
    assert register(admin).file_number == "TEH05-000002"


def test_find_by_national_code_in_any_spelling(admin):
    record = register(admin, national_code="0084575948")
    assert applicants.find_by_national_code(admin, "۰۰۸۴-۵۷۵-۹۴۸").id == record.id
    assert applicants.find_by_national_code(admin, "84575948").id == record.id
    assert applicants.find_by_national_code(admin, national_code()) is None
    assert applicants.find_by_national_code(admin, "12") is None
    assert applicants.find_by_national_code(admin, "0084575949") is None


def test_duplicate_national_code_in_another_spelling(admin):
    first = register(admin, national_code="0084575948", first_name="مریم", last_name="کاظمی")
    before = counts()
    with pytest.raises(DuplicateApplicant) as raised:
        register(admin, national_code="۸۴-۵۷۵-۹۴۸", first_name="سارا")
    error = raised.value
    assert error.existing_id == first.id
    assert (error.code, error.field) == ("duplicate", "national_code")
    assert str(error) == Messages.DUPLICATE.format(file_number="TEH05-000001", name="مریم کاظمی")
    assert "TEH05-000001" in str(error)
    assert counts() == before


def test_duplicate_of_a_deleted_file(admin):
    first = register(admin, national_code="0084575948")
    applicants.delete(admin, first.id, "ثبت تکراری")
    before = counts()
    with pytest.raises(DuplicateApplicant) as raised:
        register(admin, national_code="٠٠٨٤٥٧٥٩٤٨")
    assert raised.value.existing_id == first.id
    assert str(raised.value) == Messages.DUPLICATE_DELETED.format(file_number="TEH05-000001")
    assert counts() == before


def test_duplicates_win_over_near_duplicates(admin):
    first = register(admin, national_code="0084575948")
    with pytest.raises(DuplicateApplicant) as raised:
        register(admin, national_code="0084575948", confirm=False)
    assert raised.value.existing_id == first.id
    assert counts()["applicants"] == 1


# Spelling pairs of the same names: (stored, typed the second time).
SAME_NAMES = [
    pytest.param(
        {"first_name": "علی", "last_name": "کاظمی", "father_name": "یحیی"},
        {"first_name": "علي", "last_name": "كاظمي", "father_name": "يحيى"},
        id="arabic yeh and kaf",
    ),
    pytest.param(
        {"first_name": "علی\u200cرضا", "last_name": "نیک\u200cنام"},
        {"first_name": "علیرضا", "last_name": "نیکنام"},
        id="zwnj vs nothing",
    ),
    pytest.param(
        {"first_name": "علی\u200cرضا", "last_name": "نیک\u200cنام"},
        {"first_name": "علی رضا", "last_name": "نیک نام"},
        id="zwnj vs space",
    ),
    pytest.param(
        {"first_name": "علیرضا"},
        {"first_name": "علی رضا"},
        id="nothing vs space",
    ),
    pytest.param(
        {"first_name": "محمد", "father_name": "حسن"},
        {"first_name": "مُحَمَّد", "father_name": "حَسَن"},
        id="harakat",
    ),
    pytest.param(
        {"first_name": "محمد", "last_name": "احمدی"},
        {"first_name": "محــمد", "last_name": "احـمدی"},
        id="tatweel",
    ),
]


@pytest.mark.parametrize(("stored", "typed"), SAME_NAMES)
def test_near_duplicates_need_confirmation(admin, stored, typed):
    first = register(admin, birth_date="1365/02/03", **stored)
    before = counts()
    with pytest.raises(NearDuplicate) as raised:
        register(admin, birth_date="۱۳۶۵/۰۲/۰۳", confirm=False, **typed)
    error = raised.value
    assert error.code == "near_duplicate"
    assert [match.id for match in error.matches] == [first.id]
    assert error.matches[0].file_number == first.file_number
    assert str(error) == Messages.NEAR_DUPLICATE.format(files="TEH05-000001")
    assert counts() == before

    second = register(admin, birth_date="۱۳۶۵/۰۲/۰۳", confirm=True, **typed)
    assert second.file_number == "TEH05-000002"
    assert counts()["applicants"] == 2


def test_near_duplicate_names_every_matching_file(admin):
    for _ in range(3):
        register(admin)
    with pytest.raises(NearDuplicate) as raised:
        register(admin, confirm=False)
    files = ["TEH05-000001", "TEH05-000002", "TEH05-000003"]
    assert sorted(m.file_number for m in raised.value.matches) == files
    named = "، ".join(match.file_number for match in raised.value.matches)
    assert str(raised.value) == Messages.NEAR_DUPLICATE.format(files=named)


@pytest.mark.parametrize(
    "different",
    [
        {"birth_date": "1365/02/04"},
        {"father_name": "حسن"},
        {"first_name": "زینب"},
        {"last_name": "احمدیان"},
        # Names stay in their fields: «زهرا احمدی» is not «احمدی زهرا».
        {"first_name": "احمدی", "last_name": "زهرا"},
    ],
)
def test_different_people_are_not_near_duplicates(admin, different):
    register(admin, birth_date="1365/02/03")
    changes = {"birth_date": "1365/02/03", **different}
    assert register(admin, confirm=False, **changes).file_number == "TEH05-000002"


def test_deleted_files_are_not_near_duplicates(admin):
    first = register(admin)
    applicants.delete(admin, first.id, "ثبت اشتباه")
    assert register(admin, confirm=False).file_number == "TEH05-000002"


def test_an_edit_that_makes_a_near_duplicate_needs_confirmation(admin):
    first = register(admin, birth_date="1365/02/03")
    second = register(admin, birth_date="1365/02/03", first_name="زینب")
    typed = applicants.to_input(applicants.get(admin, second.id))
    typed.first_name = "زهرا"  # now the same person as the first file, by the names
    before = counts()
    with pytest.raises(NearDuplicate) as raised:
        applicants.update(admin, second.id, typed)
    assert [match.id for match in raised.value.matches] == [first.id]
    assert counts() == before
    assert applicants.get(admin, second.id).first_name == "زینب"
    edited = applicants.update(admin, second.id, typed, confirm_near_duplicate=True)
    assert edited.first_name == "زهرا"
    typed.address = "خیابان آزادی"  # other edits of a near-duplicate do not ask again
    assert applicants.update(admin, second.id, typed).address == "خیابان آزادی"


def test_nothing_is_written_when_validation_fails(admin):
    register(admin)
    before = counts()
    with pytest.raises(ValidationError):
        register(admin, first_name="", district="99")
    assert counts() == before


def test_nothing_is_written_when_the_change_log_fails(admin, monkeypatch):
    register(admin)
    before = counts()
    original = writes._append
    calls = []

    def fail_on_the_status_entry(by, changes):
        calls.extend(model._meta.table_name for model, _, _ in changes)
        if calls[-1] == "status_change":
            raise RuntimeError("disk full")
        original(by, changes)

    monkeypatch.setattr(writes, "_append", fail_on_the_status_entry)
    with pytest.raises(RuntimeError):
        register(admin, first_name="مریم")
    assert calls == ["applicant", "status_change"]
    assert counts() == before


# -- change log ----------------------------------------------------------------------------


def test_every_write_is_logged_with_consecutive_sequence_numbers(admin):
    start = ChangeLog.last_seq("TEH05")
    record = register(admin)
    [status_entry] = StatusChange.select().where(StatusChange.applicant == record.id)
    assert log_entries(start) == [
        (start + 1, "applicant", record.id, "create"),
        (start + 2, "status_change", str(status_entry.id), "create"),
    ]

    applicants.update(
        admin,
        record.id,
        dataclasses.replace(applicants.to_input(record), mobile="09351112233"),
    )
    applicants.change_status(admin, record.id, "counselling", note="نخستین گفتگو")
    applicants.delete(admin, record.id, "ثبت اشتباه")
    entries = log_entries(start)
    assert [seq for seq, *_ in entries] == list(range(start + 1, start + 7))
    assert [(entity, operation) for _, entity, _, operation in entries] == [
        ("applicant", "create"),
        ("status_change", "create"),
        ("applicant", "update"),
        ("applicant", "update"),
        ("status_change", "create"),
        ("applicant", "delete"),
    ]
    assert {entity_id for _, entity, entity_id, _ in entries if entity == "applicant"} == {
        record.id
    }
    assert {log.changed_by for log in ChangeLog.select().where(ChangeLog.seq > start)} == {
        admin.user_id
    }


def test_logged_rows_are_the_rows_after_the_write(admin):
    start = ChangeLog.last_seq("TEH05")
    record = register(admin)
    applicants.change_status(admin, record.id, "counselling")
    applicants.delete(admin, record.id, "ثبت اشتباه")
    logs = list(ChangeLog.select().where(ChangeLog.seq > start).order_by(ChangeLog.seq))
    created, status_created, status_update, _, deleted = (log.row for log in logs)
    assert created["national_code"] == record.national_code and created["status"] == "registered"
    assert status_created["status"] == "registered"
    assert status_created["applicant"] == record.id
    assert status_update["status"] == "counselling"
    assert deleted["deleted"] is True and deleted["deleted_reason"] == "ثبت اشتباه"
    # The local search columns never travel to HQ.
    for row in (created, status_update, deleted):
        assert not {"sort_name", "name_keys", "search_rowid"} & set(row)
    stored = json.loads(json.dumps(Applicant.get_by_id(record.id).sync_row()))
    assert deleted == stored


def test_update_with_no_change_writes_nothing(admin):
    record = register(admin, phone="021 8877 6655", skills=["خیاطی"])
    before = counts()
    row_before = Applicant.get_by_id(record.id).__data__
    same = applicants.update(admin, record.id, applicants.to_input(record))
    # The same values typed differently are no change either.
    retyped = dataclasses.replace(
        applicants.to_input(record),
        national_code=persian_digits(record.national_code),
        mobile="+98 912 123 4567",
        first_name=" زهرا ",
        father_name="علي",
        gender="زن",
        district="۵",
        birth_date="۱۳۷۰/۰۵/۱۲",
    )
    again = applicants.update(admin, record.id, retyped)
    assert same == record == again
    assert counts() == before
    assert Applicant.get_by_id(record.id).__data__ == row_before


def test_update_saves_and_reindexes(admin):
    record = register(admin, first_name="زهرا", last_name="احمدی", district="5")
    before = counts()
    edited = applicants.update(
        admin,
        record.id,
        dataclasses.replace(
            applicants.to_input(record),
            first_name="زینب",
            last_name="کاظمی",
            district="۷",
            mobile="09351112233",
        ),
    )
    assert (edited.first_name, edited.last_name, edited.district, edited.mobile) == (
        "زینب",
        "کاظمی",
        7,
        "09351112233",
    )
    assert edited.file_number == record.file_number
    assert counts() == {**before, "change_log": before["change_log"] + 1}
    assert search_ids(admin, "کاظمی") == {record.id}
    assert search_ids(admin, "احمدی") == set()
    assert search_ids(admin, "زینب", Filters(district=7)) == {record.id}
    assert search_ids(admin, "زینب", Filters(district=5)) == set()


def test_update_refuses_another_files_national_code(admin):
    other = register(admin, national_code="0084575948", first_name="مریم")
    record = register(admin)
    before = counts()
    with pytest.raises(DuplicateApplicant) as raised:
        applicants.update(
            admin,
            record.id,
            dataclasses.replace(applicants.to_input(record), national_code="۰۰۸۴۵۷۵۹۴۸"),
        )
    assert raised.value.existing_id == other.id
    assert counts() == before
    with pytest.raises(ValidationError):
        applicants.update(
            admin, record.id, dataclasses.replace(applicants.to_input(record), gender="")
        )
    assert counts() == before
    with pytest.raises(UserError) as missing:
        applicants.update(admin, "00000000-0000-0000-0000-000000000000", entry())
    assert (missing.value.code, str(missing.value)) == ("not_found", Messages.NOT_FOUND)
    assert counts() == before


def test_change_history_says_who_changed_what_and_when(admin):
    clerk = login_as(admin, "clerk1", "clerk", "زهرا کارشناس")
    started = utcnow()
    record = register(admin)
    applicants.update(
        clerk,
        record.id,
        dataclasses.replace(applicants.to_input(record), first_name="زینب", mobile="09351112233"),
    )
    applicants.update(admin, record.id, applicants.to_input(applicants.get(admin, record.id)))
    applicants.change_status(clerk, record.id, "counselling")
    applicants.delete(admin, record.id, "ثبت اشتباه")
    history = applicants.change_history(admin, record.id)
    assert [(entry.operation, entry.by, entry.fields) for entry in history] == [
        ("create", ADMIN_NAME, ()),
        ("update", "زهرا کارشناس", ("first_name", "mobile")),
        ("update", "زهرا کارشناس", ("status",)),
        ("delete", ADMIN_NAME, ("deleted", "deleted_reason")),
    ]
    times = [entry.at for entry in history]
    assert times == sorted(times)
    assert started <= times[0] and times[-1] <= utcnow()


def test_change_history_of_one_file_only(admin):
    first = register(admin)
    register(admin, first_name="مریم")
    assert len(applicants.change_history(admin, first.id)) == 1


def test_status_history_in_date_order(admin):
    clerk = login_as(admin, "clerk1", "clerk", "زهرا کارشناس")
    with db.atomic():
        [applicant_id] = applicants.bulk_create(
            admin, [applicants.validate(entry())], registered_on=[TODAY - 30 * DAY]
        )
    applicants.change_status(admin, applicant_id, "counselling", on=TODAY - 20 * DAY, note=" اول ")
    applicants.change_status(clerk, applicant_id, "in_training", on=TODAY - 10 * DAY)
    record = applicants.change_status(clerk, applicant_id, "trained")
    assert (record.status, record.status_changed_on) == ("trained", TODAY)
    # Same day: kept in the order entered.
    applicants.change_status(admin, applicant_id, "employed")
    applicants.change_status(admin, applicant_id, "empowered")
    assert [
        (e.status, e.changed_on, e.changed_by, e.note)
        for e in applicants.status_history(admin, applicant_id)
    ] == [
        ("registered", TODAY - 30 * DAY, ADMIN_NAME, ""),
        ("counselling", TODAY - 20 * DAY, ADMIN_NAME, "اول"),
        ("in_training", TODAY - 10 * DAY, "زهرا کارشناس", ""),
        ("trained", TODAY, "زهرا کارشناس", ""),
        ("employed", TODAY, ADMIN_NAME, ""),
        ("empowered", TODAY, ADMIN_NAME, ""),
    ]


def test_status_changes_that_are_refused_write_nothing(admin):
    record = register(admin)
    before = counts()
    with pytest.raises(UserError) as same:
        applicants.change_status(admin, record.id, "registered")
    assert (same.value.code, same.value.field, str(same.value)) == (
        "status_same",
        "status",
        Messages.STATUS_SAME,
    )
    with pytest.raises(UserError) as future:
        applicants.change_status(admin, record.id, "counselling", on=TODAY + DAY)
    assert (future.value.field, str(future.value)) == ("changed_on", Messages.DATE_IN_FUTURE)
    assert counts() == before
    assert applicants.get(admin, record.id).status == "registered"


def test_a_status_change_dated_before_the_last_one_is_refused(admin):
    with db.atomic():
        [applicant_id] = applicants.bulk_create(
            admin, [applicants.validate(entry())], registered_on=[TODAY - 30 * DAY]
        )
    applicants.change_status(admin, applicant_id, "counselling", on=TODAY - 10 * DAY)
    before = counts()
    for day in (TODAY - 11 * DAY, TODAY - 400 * DAY):
        with pytest.raises(UserError) as earlier:
            applicants.change_status(admin, applicant_id, "empowered", on=day)
        assert (earlier.value.code, earlier.value.field, str(earlier.value)) == (
            "status_before_last",
            "changed_on",
            Messages.STATUS_BEFORE_LAST.format(date=format_jalali(TODAY - 10 * DAY)),
        )
    assert counts() == before
    record = applicants.change_status(admin, applicant_id, "in_training", on=TODAY - 10 * DAY)
    assert record.status_changed_on == TODAY - 10 * DAY  # the same day is fine


def test_steps_caused_by_back_dated_work_keep_the_history_in_order(admin):
    """A follow-up or an outcome entered late moves the person along on the day of the
    last change at the earliest: the newest entry stays the current status."""
    with db.atomic():
        [applicant_id] = applicants.bulk_create(
            admin, [applicants.validate(entry())], registered_on=[TODAY - 30 * DAY]
        )
    applicants.change_status(admin, applicant_id, "trained", on=TODAY - 5 * DAY)
    record = applicants.move_status(admin, applicant_id, "employed", on=TODAY - 20 * DAY)
    assert record.status_changed_on == TODAY - 5 * DAY
    history = applicants.status_history(admin, applicant_id)
    assert [(e.status, e.changed_on) for e in history][-1] == ("employed", TODAY - 5 * DAY)


def test_status_filter_follows_status_changes(admin):
    record = register(admin)
    applicants.change_status(admin, record.id, "in_training")
    assert search_ids(admin, "زهرا", Filters(status=Status.IN_TRAINING)) == {record.id}
    assert search_ids(admin, "زهرا", Filters(status=Status.REGISTERED)) == set()
    assert search_ids(admin, "", Filters(status=Status.IN_TRAINING)) == {record.id}


# -- delete ------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", "\u200c\u0640"])
def test_delete_needs_a_reason(admin, reason):
    record = register(admin)
    before = counts()
    with pytest.raises(ValidationError) as raised:
        applicants.delete(admin, record.id, reason)
    assert raised.value.errors == {"reason": Messages.DELETE_REASON_REQUIRED}
    assert counts() == before
    assert not applicants.get(admin, record.id).deleted


def test_delete_is_soft_and_hides_the_file(admin):
    record = register(admin, national_code="0084575948")
    kept = register(admin, first_name="مریم")
    applicants.delete(admin, record.id, "  ثبت   تکراری ")
    deleted = applicants.get(admin, record.id)
    assert deleted.deleted and deleted.deleted_reason == "ثبت تکراری"
    assert Applicant.select().count() == 2
    assert search_ids(admin) == {kept.id}
    assert search_ids(admin, "زهرا") == set()
    assert search_ids(admin, "0084") == set()
    assert search_ids(admin, "ا") == {kept.id}
    everyone = Filters(include_deleted=True)
    assert search_ids(admin, "", everyone) == {record.id, kept.id}
    assert search_ids(admin, "زهرا", everyone) == {record.id}
    assert search_ids(admin, "۰۰۸۴", everyone) == {record.id}
    assert search_ids(admin, "ا", everyone) == {record.id, kept.id}
    assert ApplicantSearch(admin).count() == 1
    assert ApplicantSearch(admin, "", everyone).count() == 2
    for write in (
        lambda: applicants.update(admin, record.id, applicants.to_input(deleted)),
        lambda: applicants.change_status(admin, record.id, "counselling"),
        lambda: applicants.delete(admin, record.id, "دوباره"),
    ):
        with pytest.raises(UserError) as raised:
            write()
        assert raised.value.code == "not_found"


def test_get_unknown_file(admin):
    with pytest.raises(UserError) as raised:
        applicants.get(admin, "00000000-0000-0000-0000-000000000000")
    assert (raised.value.code, str(raised.value)) == ("not_found", Messages.NOT_FOUND)


# -- roles -------------------------------------------------------------------------------


def test_shop_staff_can_neither_read_nor_write(admin):
    record = register(admin)
    shop = login_as(admin, "shop1", "shop", "کاربر shop")
    before = counts()
    denied = [
        lambda: applicants.get(shop, record.id),
        lambda: ApplicantSearch(shop, "زهرا"),
        lambda: ApplicantSearch(shop),
        lambda: applicants.find_by_national_code(shop, record.national_code),
        lambda: applicants.status_history(shop, record.id),
        lambda: applicants.change_history(shop, record.id),
        lambda: register(shop),
        lambda: applicants.update(shop, record.id, applicants.to_input(record)),
        lambda: applicants.change_status(shop, record.id, "counselling"),
        lambda: applicants.delete(shop, record.id, "دلیل"),
        lambda: applicants.bulk_create(shop, [applicants.validate(entry())]),
    ]
    for call in denied:
        with pytest.raises(PermissionDenied):
            call()
    assert counts() == before


def test_trainers_read_but_do_not_write(admin):
    record = register(admin)
    trainer = login_as(admin, "trainer1", "trainer", "کاربر trainer")
    assert applicants.get(trainer, record.id) == record
    assert search_ids(trainer, "زهرا") == {record.id}
    assert applicants.find_by_national_code(trainer, record.national_code) == record
    assert len(applicants.status_history(trainer, record.id)) == 1
    assert len(applicants.change_history(trainer, record.id)) == 1
    before = counts()
    for call in (
        lambda: register(trainer, first_name="مریم"),
        lambda: applicants.update(trainer, record.id, applicants.to_input(record)),
        lambda: applicants.change_status(trainer, record.id, "counselling"),
        lambda: applicants.delete(trainer, record.id, "دلیل"),
        lambda: applicants.bulk_create(trainer, [applicants.validate(entry())]),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert counts() == before


def test_clerks_write_but_only_admins_delete(admin):
    clerk = login_as(admin, "clerk1", "clerk", "کاربر clerk")
    record = register(clerk)
    applicants.update(
        clerk, record.id, dataclasses.replace(applicants.to_input(record), mobile="09351112233")
    )
    applicants.change_status(clerk, record.id, "counselling")
    before = counts()
    with pytest.raises(PermissionDenied):
        applicants.delete(clerk, record.id, "ثبت اشتباه")
    assert counts() == before
    applicants.delete(admin, record.id, "ثبت اشتباه")
    assert applicants.get(clerk, record.id).deleted


def test_role_tuples():
    # HQ's roles read the merged registry (on HQ's database; no center has such users).
    assert set(applicants.READERS) == {
        Role.ADMIN, Role.CLERK, Role.TRAINER, Role.HQ_ADMIN, Role.HQ_ANALYST,
    }  # fmt: skip
    assert set(applicants.WRITERS) == {Role.ADMIN, Role.CLERK}


# -- bulk_create -------------------------------------------------------------------------

# Columns that differ between any two files by nature. The registration date is compared
# in its own tests below (both paths must take "today" from the local clock).
_DATES = {"registered_on", "status_changed_on", "changed_on"}
_OWN = {"id", "number", "file_number", "national_code", "created_at", "updated_at", *_DATES}
_OWN_LOCAL = _OWN | {"search_rowid"}


def test_bulk_rows_are_the_rows_register_writes(admin):
    start = ChangeLog.last_seq("TEH05")
    registered = register(admin, skills=["خیاطی"], education_level="diploma", phone="02188776655")
    clean = applicants.validate(
        entry(skills=["خیاطی"], education_level="diploma", phone="02188776655")
    )
    with db.atomic():
        [bulk_id] = applicants.bulk_create(admin, [clean])

    one, other = Applicant.get_by_id(registered.id), Applicant.get_by_id(bulk_id)
    assert set(one.__data__) == set(other.__data__)
    assert {k: v for k, v in one.__data__.items() if k not in _OWN_LOCAL} == {
        k: v for k, v in other.__data__.items() if k not in _OWN_LOCAL
    }
    assert other.file_number == "TEH05-000002"
    if ApplicantIndex.available():  # SQLite's name index links rows by their own key
        assert other.search_rowid is not None and other.search_rowid != one.search_rowid

    [entry_one] = StatusChange.select().where(StatusChange.applicant == registered.id)
    [entry_other] = StatusChange.select().where(StatusChange.applicant == bulk_id)
    ignore = {"id", "applicant", "created_at", "updated_at", *_DATES}
    assert {k: v for k, v in entry_one.__data__.items() if k not in ignore} == {
        k: v for k, v in entry_other.__data__.items() if k not in ignore
    }

    logs = list(ChangeLog.select().where(ChangeLog.seq > start).order_by(ChangeLog.seq))
    assert [log.seq for log in logs] == list(range(start + 1, start + 5))
    assert [(log.entity, log.entity_id, log.operation) for log in logs] == [
        ("applicant", registered.id, "create"),
        ("status_change", str(entry_one.id), "create"),
        ("applicant", bulk_id, "create"),
        ("status_change", str(entry_other.id), "create"),
    ]
    assert logs[2].changed_by == logs[0].changed_by == admin.user_id
    # Each logged row is the stored row, in the same shape for both paths.
    for log, row in zip(logs, (one, entry_one, other, entry_other), strict=True):
        assert log.row == json.loads(json.dumps(row.sync_row()))
    assert {k: v for k, v in logs[0].row.items() if k not in _OWN} == {
        k: v for k, v in logs[2].row.items() if k not in _OWN
    }
    assert applicants.get(admin, bulk_id).status == "registered"
    assert [e.status for e in applicants.status_history(admin, bulk_id)] == ["registered"]
    assert [e.operation for e in applicants.change_history(admin, bulk_id)] == ["create"]


def test_bulk_file_numbers_continue_and_search_finds_them(admin):
    register(admin, first_name="زهرا", last_name="احمدی")
    cleans = [
        applicants.validate(entry(first_name=first, last_name=last, mobile=mobile))
        for first, last, mobile in [
            ("مریم", "کاظمی", "09351110001"),
            ("سارا", "پاکزاد", "09351110002"),
            ("علی\u200cرضا", "گودرزی", "09351110003"),
        ]
    ]
    with db.atomic():
        ids = applicants.bulk_create(admin, cleans)
    assert [applicants.get(admin, i).file_number for i in ids] == [
        "TEH05-000002",
        "TEH05-000003",
        "TEH05-000004",
    ]
    assert register(admin, first_name="نرگس").file_number == "TEH05-000005"
    assert search_ids(admin, "کاظمی") == {ids[0]}
    assert search_ids(admin, "پا") == {ids[1]}
    assert search_ids(admin, "علی رضا") == {ids[2]}
    assert search_ids(admin, "0935111000") == set(ids)
    assert search_ids(admin, cleans[1]["national_code"]) == {ids[1]}
    assert search_ids(admin, "", Filters(district=5)) >= set(ids)
    assert ApplicantSearch(admin).count() == 5
    with pytest.raises(DuplicateApplicant) as raised:
        register(admin, national_code=cleans[0]["national_code"])
    assert raised.value.existing_id == ids[0]


def test_bulk_create_logs_every_row_in_order_through_the_write_path(admin):
    """Each applicant, then each status entry, one log row each, in the order given,
    numbered on from the last entry and holding the row as it was written."""
    start = ChangeLog.last_seq("TEH05")
    cleans = [applicants.validate(entry(first_name=name)) for name in ("مریم", "سارا", "نرگس")]
    with db.atomic():
        ids = applicants.bulk_create(admin, cleans)
    entries = list(ChangeLog.select().where(ChangeLog.seq > start).order_by(ChangeLog.seq))
    assert [e.seq for e in entries] == list(range(start + 1, start + 7))
    assert [(e.entity, e.operation) for e in entries] == [("applicant", "create")] * 3 + [
        ("status_change", "create")
    ] * 3
    assert [e.entity_id for e in entries[:3]] == ids
    assert [e.row["applicant"] for e in entries[3:]] == ids
    assert {e.changed_by for e in entries} == {admin.user_id}
    for entry_, applicant_id in zip(entries, ids, strict=False):
        stored = Applicant.get_by_id(applicant_id)
        assert entry_.row == stored.sync_row()
        assert entry_.row["first_name"] == stored.first_name
    # A write after it numbers on without a gap.
    register(admin)
    assert ChangeLog.last_seq("TEH05") == start + 8


def test_bulk_create_without_change_log(admin):
    before = counts()
    with db.atomic():
        ids = applicants.bulk_create(
            admin,
            [applicants.validate(entry(first_name=name)) for name in ("مریم", "سارا")],
            log_changes=False,
        )
    assert counts() == {
        "applicants": before["applicants"] + 2,
        "status_changes": before["status_changes"] + 2,
        "change_log": before["change_log"],
        "search_index": before["search_index"] + (2 if ApplicantIndex.available() else 0),
    }
    assert search_ids(admin, "سارا") == {ids[1]}
    # The log goes on without a gap when the next write is logged.
    start = ChangeLog.last_seq("TEH05")
    register(admin)
    assert [seq for seq, *_ in log_entries(start)] == [start + 1, start + 2]


def test_bulk_create_of_nothing(admin):
    before = counts()
    assert applicants.bulk_create(admin, []) == []
    assert counts() == before


def test_bulk_create_with_registration_dates(admin):
    dates = [TODAY - 400 * DAY, TODAY - 3 * DAY]
    with db.atomic():
        ids = applicants.bulk_create(
            admin,
            [applicants.validate(entry(first_name=name)) for name in ("مریم", "سارا")],
            registered_on=dates,
        )
    for applicant_id, date in zip(ids, dates, strict=True):
        record = applicants.get(admin, applicant_id)
        assert (record.registered_on, record.status_changed_on) == (date, date)
        assert [e.changed_on for e in applicants.status_history(admin, applicant_id)] == [date]


def test_bulk_registration_date_is_the_local_date_like_register(admin, monkeypatch):
    # 02:30 in Tehran is 23:00 UTC the day before.
    late_utc = dt.datetime.combine(TODAY - DAY, dt.time(23, 0))
    monkeypatch.setattr(writes, "utcnow", lambda: late_utc)
    with db.atomic():
        [applicant_id] = applicants.bulk_create(admin, [applicants.validate(entry())])
    assert applicants.get(admin, applicant_id).registered_on == TODAY
