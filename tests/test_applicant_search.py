"""Search-as-you-type over the registry: every spelling of a name finds it, national
codes and mobiles by prefix, filters, counting, paging and Persian alphabetical order.

Applicants are made through `applicants.register`, as a clerk makes them. What a query
must find follows the routing in applicant_search's docstring: a word of three or more
letters matches anywhere in a name (names are indexed without spaces or ZWNJ); a shorter
word must start a name; a query of short words only looks up last names by their start.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from peewee import PostgresqlDatabase, SqliteDatabase

from desktop.errors import PermissionDenied
from desktop.models import Category, Status, db
from desktop.services import applicants, auth, users
from desktop.services.applicant_search import (
    COLUMNS,
    COUNT_CAP,
    ApplicantSearch,
    Filters,
    SearchRow,
)
from desktop.services.applicants import ApplicantInput
from desktop.services.identity import national_code_check_digit
from desktop.text.collation import persian_sort_key

ZWNJ = "\u200c"
TATWEEL = "\u0640"
HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b\u064c\u064d"
# Letters typed on an Arabic keyboard, for their Persian counterparts.
ARABIC_SPELLINGS = {"ی": "یيى", "ک": "کك"}
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
DIGIT_SCRIPTS = ("0123456789", PERSIAN_DIGITS, ARABIC_INDIC_DIGITS)
NAME_FIELDS = ("first_name", "last_name", "father_name")

# One database per test and many hypothesis examples over it (searches write nothing).
db_settings = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
    max_examples=150,
)


def code_from(first_nine: str) -> str:
    return first_nine + str(national_code_check_digit(first_nine))


# -- the people searched -------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A name as the clerk typed it, and its letters part by part (a part boundary is
    where people write a ZWNJ, a space or nothing: «علی‌رضا», «علی رضا», «علیرضا»)."""

    typed: str
    parts: tuple[str, ...]

    @property
    def letters(self) -> str:
        return "".join(self.parts)

    @property
    def boundaries(self) -> set[int]:
        return set(itertools.accumulate(len(part) for part in self.parts[:-1]))


@dataclass(frozen=True)
class Person:
    first_name: Name
    last_name: Name
    father_name: Name
    national_code: str
    mobile: str
    district: int
    categories: tuple[str, ...]
    status: str = "registered"
    deleted: bool = False


def plain(text: str) -> Name:
    return Name(text, (text,))


PEOPLE = {
    "alireza": Person(
        Name("علی\u200cرضا", ("علی", "رضا")),
        Name("علي\u200cزاده", ("علی", "زاده")),  # typed with the Arabic yeh
        plain("حسین"),
        code_from("008457594"),
        "09121110001",
        5,
        ("job_seeker",),
    ),
    "mohammad_hossein": Person(
        Name("محمد حسین", ("محمد", "حسین")),
        Name("كاظمي", ("کاظمی",)),
        Name("مُحَمَّد", ("محمد",)),  # stored with its harakat
        code_from("123450001"),
        "09121110002",
        5,
        ("investor",),
    ),
    "amirali": Person(
        Name("امیرعلی", ("امیر", "علی")),  # written as one word
        Name("نیک\u200cنام", ("نیک", "نام")),
        plain("رضا"),
        code_from("123460002"),
        "09351234567",
        7,
        ("job_seeker", "idea_holder"),
        status="counselling",
    ),
    "maryam": Person(
        Name("مريم", ("مریم",)),
        plain("پاکزاد"),
        plain("کیان"),
        code_from("271234567"),
        "09011234567",
        7,
        ("entrepreneur",),
    ),
    "fatemeh_zahra": Person(
        Name("فاطمه\u200cزهرا", ("فاطمه", "زهرا")),
        plain("یزدانی"),
        plain("یوسف"),
        code_from("381234567"),
        "09901234567",
        1,
        ("job_seeker",),
    ),
    "keyvan": Person(
        Name("كيوان", ("کیوان",)),
        plain("گودرزی"),
        plain("اکبر"),
        code_from("491234567"),
        "09131234567",
        10,
        ("seasonal_worker",),
        status="in_training",
    ),
    "zahra": Person(
        plain("زهرا"),
        Name("مُحَمَّدی", ("محمدی",)),
        plain("علی"),
        code_from("561234567"),
        "09121234567",
        5,
        ("idea_holder",),
        status="counselling",
    ),
    "deleted": Person(
        Name("علی\u200cرضا", ("علی", "رضا")),
        plain("زارع"),
        plain("حسین"),
        code_from("008400001"),
        "09121110009",
        5,
        ("job_seeker",),
        deleted=True,
    ),
}
LIVE = {key for key, person in PEOPLE.items() if not person.deleted}
# Running numbers, in registration order: alireza's file is TEH05-000001.
FILE_NUMBERS = {key: number for number, key in enumerate(PEOPLE, start=1)}


def register(session, person: Person, birth_date: str = "1370/01/01") -> str:
    record = applicants.register(
        session,
        ApplicantInput(
            first_name=person.first_name.typed,
            last_name=person.last_name.typed,
            father_name=person.father_name.typed,
            national_code=person.national_code,
            gender="female",
            birth_date=birth_date,
            mobile=person.mobile,
            district=str(person.district),
            categories=list(person.categories),
        ),
        confirm_near_duplicate=True,
    )
    return record.id


@pytest.fixture
def people(admin) -> dict[str, str]:
    """PEOPLE registered (statuses changed, one file deleted): key → applicant id."""
    ids = {}
    for key, person in PEOPLE.items():
        ids[key] = register(admin, person)
        if person.status != "registered":
            applicants.change_status(admin, ids[key], person.status)
        if person.deleted:
            applicants.delete(admin, ids[key], "ثبت تکراری")
    return ids


@pytest.fixture
def sqlite_only(database) -> None:
    """For tests of SQLite's own plans and FTS table (PostgreSQL has its own below)."""
    if not isinstance(db.obj, SqliteDatabase):
        pytest.skip("SQLite's own query plans")


@pytest.fixture
def postgres_only(database) -> None:
    if not isinstance(db.obj, PostgresqlDatabase):
        pytest.skip("PostgreSQL's own query plans")


def found(session, text: str = "", filters: Filters | None = None) -> set[str]:
    search = ApplicantSearch(session, text, filters)
    rows = search.fetch(0, 10_000)
    assert search.count() == len(rows)
    return {row_id for row_id, _ in rows}


def keys(people: dict[str, str], ids: set[str]) -> set[str]:
    by_id = {applicant_id: key for key, applicant_id in people.items()}
    return {by_id[applicant_id] for applicant_id in ids}


# -- spelling variants, as hypothesis draws them ---------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One word of a query: which name it comes from, where it starts, how long it is."""

    field: str
    start: int
    length: int


@st.composite
def spelled(draw: st.DrawFn, field: str, name: Name, start: int, end: int):
    """Letters start…end of `name` as someone may type them: Arabic or Persian ی/ک, any
    harakat or tatweel after a letter, and at each part boundary a ZWNJ, a space or
    nothing. Returns the text and the words it makes."""
    text, pieces, piece_start = "", [], start
    for index in range(start, end):
        if index > start and index in name.boundaries:
            separator = draw(st.sampled_from([ZWNJ, " ", ""]))
            if separator:
                pieces.append(Piece(field, piece_start, index - piece_start))
                piece_start = index
            text += separator
        letter = name.letters[index]
        text += draw(st.sampled_from(ARABIC_SPELLINGS.get(letter, letter)))
        text += draw(st.sampled_from(["", "", "", TATWEEL, *HARAKAT]))
    pieces.append(Piece(field, piece_start, end - piece_start))
    return text, pieces


def promised(pieces: list[Piece]) -> bool:
    """Whether the routing promises a match for these words (module docstring)."""
    if any(piece.length >= 3 for piece in pieces):
        rest = pieces
    else:  # short words only: a last name by its start, the rest start names
        first, rest = pieces[0], pieces[1:]
        if (first.field, first.start) != ("last_name", 0):
            return False
    return all(piece.length >= 3 or piece.start == 0 for piece in rest)


@st.composite
def fragments(draw: st.DrawFn, person: Person, *, prefix: bool, field: str | None = None):
    """A prefix (any length) or an inner fragment (3+ letters) of one of the names."""
    field = field or draw(st.sampled_from(NAME_FIELDS))
    name: Name = getattr(person, field)
    size = len(name.letters)
    if prefix:
        start = 0
        end = draw(st.integers(min_value=1, max_value=size))
    else:
        start = draw(st.integers(min_value=0, max_value=size - 3))
        end = draw(st.integers(min_value=start + 3, max_value=size))
    return draw(spelled(field, name, start, end))


def test_the_names_are_what_the_tests_think(people, admin):
    for key, person in PEOPLE.items():
        record = applicants.get(admin, people[key])
        for field in NAME_FIELDS:
            stored = getattr(record, field)
            assert not set(stored) & set("يكى")
            letters = "".join(c for c in stored if c not in HARAKAT + ZWNJ + " ")
            assert letters == getattr(person, field).letters


@db_settings
@given(data=st.data())
def test_every_spelling_of_a_prefix_of_a_last_name_finds_it(people, admin, data):
    key = data.draw(st.sampled_from(sorted(LIVE)))
    text, pieces = data.draw(fragments(PEOPLE[key], prefix=True, field="last_name"))
    assume(promised(pieces))
    assert people[key] in found(admin, text)


@db_settings
@given(data=st.data())
def test_every_spelling_of_a_fragment_of_any_name_finds_it(people, admin, data):
    key = data.draw(st.sampled_from(sorted(LIVE)))
    prefix = data.draw(st.booleans())
    text, pieces = data.draw(fragments(PEOPLE[key], prefix=prefix))
    assume(promised(pieces))
    assert people[key] in found(admin, text)


@db_settings
@given(data=st.data())
def test_two_names_typed_together_find_the_person(people, admin, data):
    key = data.draw(st.sampled_from(sorted(LIVE)))
    person = PEOPLE[key]
    first_field, second_field = data.draw(st.permutations(NAME_FIELDS))[:2]
    first, first_pieces = data.draw(fragments(person, prefix=True, field=first_field))
    second, second_pieces = data.draw(fragments(person, prefix=True, field=second_field))
    gap = data.draw(st.sampled_from([" ", "  ", " \u200c "]))
    assume(promised(first_pieces + second_pieces))
    assert people[key] in found(admin, first + gap + second)


@db_settings
@given(data=st.data())
def test_deleted_files_are_never_found_by_name(people, admin, data):
    text, pieces = data.draw(fragments(PEOPLE["deleted"], prefix=True, field="last_name"))
    assume(promised(pieces))
    assert people["deleted"] not in found(admin, text)
    assert people["deleted"] in found(admin, text, Filters(include_deleted=True))


# The routing, by example: 1, 2 and 3+ letters; prefixes and inner fragments; spellings.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one and two letters: last names that start with them
        ("ع", {"alireza"}),
        ("عل", {"alireza"}),
        ("ك", {"mohammad_hossein"}),
        ("کا", {"mohammad_hossein"}),
        ("كا", {"mohammad_hossein"}),
        ("گ", {"keyvan"}),
        ("پ", {"maryam"}),
        ("ی", {"fatemeh_zahra"}),
        ("ي", {"fatemeh_zahra"}),
        ("مُ", {"zahra"}),
        ("مـ", {"zahra"}),
        ("ر", set()),  # «رضا» is a first name and a father's name, not a last name
        # three letters and more: anywhere in any name
        ("علی", {"alireza", "amirali", "zahra"}),
        ("علي", {"alireza", "amirali", "zahra"}),
        ("رضا", {"alireza", "amirali"}),
        ("اظم", {"mohammad_hossein"}),
        ("زهرا", {"fatemeh_zahra", "zahra"}),
        ("کیان", {"maryam"}),
        ("کيوان", {"keyvan"}),
        ("مهزه", {"fatemeh_zahra"}),  # across the ZWNJ of «فاطمه‌زهرا»
        ("میرع", {"amirali"}),
        ("زرافه", set()),
        # compound names in every spelling (as two words, each may be in any name:
        # «امیرعلی», son of «رضا», matches «علی رضا» too)
        ("علی\u200cرضا", {"alireza", "amirali"}),
        ("علی رضا", {"alireza", "amirali"}),
        ("علیرضا", {"alireza"}),
        ("عليرضا", {"alireza"}),
        ("علـی‌رضـا", {"alireza", "amirali"}),
        ("عَلی رِضا", {"alireza", "amirali"}),
        ("علی\u200cزاده", {"alireza"}),
        ("علی زاده", {"alireza"}),
        ("علیزاده", {"alireza"}),
        ("امیر علی", {"amirali"}),
        ("امیر\u200cعلی", {"amirali"}),
        ("نیکنام", {"amirali"}),
        ("نیک نام", {"amirali"}),
        ("محمد حسین", {"mohammad_hossein"}),
        ("محمدحسین", {"mohammad_hossein"}),
        ("فاطمه زهرا", {"fatemeh_zahra"}),
        # harakat and tatweel, in the query or in the stored name
        ("مُحَمَّد", {"mohammad_hossein", "zahra"}),
        ("محمد", {"mohammad_hossein", "zahra"}),
        ("مـحـمـد", {"mohammad_hossein", "zahra"}),
        ("مُحَمَّدی", {"zahra"}),
        # several words: each must be in one of the names
        ("کیوان گودرزی", {"keyvan"}),
        ("گودرزی کیوان", {"keyvan"}),
        ("ک گودرزی", {"keyvan"}),
        ("گو ک", {"keyvan"}),
        ("گو کیو", {"keyvan"}),
        ("زهرا علی", {"zahra"}),
        ("زهرا ی", {"fatemeh_zahra"}),
        ("زهرا م", {"zahra"}),
        ("عل ح", {"alireza"}),
        ("علی نیک", {"amirali"}),
        ("  علی   رضا  ", {"alireza", "amirali"}),
    ],
)
def test_name_queries(people, admin, text, expected):
    assert keys(people, found(admin, text)) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("علی\u200cر", "alireza"),  # «علی‌رضا» typed as stored, one letter short
        ("علی ر", "alireza"),
        ("علی\u200cرض", "alireza"),
        ("علی\u200cز", "alireza"),  # the last name «علی‌زاده»
        ("علی زا", "alireza"),
        ("نیک\u200cنا", "amirali"),
        ("محمد ح", "mohammad_hossein"),  # «محمد حسین» was typed with this very space
        ("فاطمه\u200cزه", "fatemeh_zahra"),
    ],
)
def test_typing_a_compound_name_as_stored_keeps_finding_it(people, admin, text, key):
    assert people[key] in found(admin, text)


# -- national codes and mobiles --------------------------------------------------------------


@st.composite
def typed_digits(draw: st.DrawFn, digits: str) -> str:
    """Digits in any script, mixed, with spaces or dashes between some of them."""
    out = []
    for index, digit in enumerate(digits):
        if index:
            out.append(draw(st.sampled_from(["", "", "", " ", "-"])))
        out.append(draw(st.sampled_from(DIGIT_SCRIPTS))[int(digit)])
    return "".join(out)


@db_settings
@given(data=st.data())
def test_national_code_prefixes(people, admin, data):
    key = data.draw(st.sampled_from(sorted(LIVE)))
    prefix = PEOPLE[key].national_code[: data.draw(st.integers(min_value=1, max_value=10))]
    text = data.draw(typed_digits(prefix))
    expected = {k for k in LIVE if PEOPLE[k].national_code.startswith(prefix)}
    # Digits also name a file by its running number («3», or «000003» as printed).
    if not prefix.startswith("0") or len(prefix) == 6:
        expected |= {k for k in LIVE if FILE_NUMBERS[k] == int(prefix)}
    assert keys(people, found(admin, text)) == expected


@db_settings
@given(data=st.data())
def test_mobile_prefixes_in_every_form(people, admin, data):
    key = data.draw(st.sampled_from(sorted(LIVE)))
    number = PEOPLE[key].mobile[1:]  # 912…
    prefix = number[: data.draw(st.integers(min_value=1, max_value=10))]
    form = data.draw(st.sampled_from(["0", "", "+98", "98", "+98 ", "+۹۸"]))
    text = form + data.draw(typed_digits(prefix))
    expected = {k for k in LIVE if PEOPLE[k].mobile.startswith("0" + prefix)}
    assert keys(people, found(admin, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0084", {"alireza"}),
        ("۰۰۸۴", {"alireza"}),
        ("٠٠٨٤٥", {"alireza"}),
        ("۰۰۸-۴۵۷", {"alireza"}),
        (code_from("008457594"), {"alireza"}),
        ("1234", {"mohammad_hossein", "amirali"}),
        ("۱۲۳۴۵", {"mohammad_hossein"}),
        ("0912", {"alireza", "mohammad_hossein", "zahra"}),
        ("۰۹۱۲", {"alireza", "mohammad_hossein", "zahra"}),
        ("912", {"alireza", "mohammad_hossein", "zahra"}),
        ("+98912", {"alireza", "mohammad_hossein", "zahra"}),
        ("+۹۸ ۹۱۲", {"alireza", "mohammad_hossein", "zahra"}),
        ("98912111", {"alireza", "mohammad_hossein"}),
        ("0912 111 0002", {"mohammad_hossein"}),
        ("0935", {"amirali"}),
        ("09", LIVE),
        ("5555", set()),
    ],
)
def test_digit_queries(people, admin, text, expected):
    assert keys(people, found(admin, text)) == expected


# -- file numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TEH05-000006", {"keyvan"}),
        ("teh05-000006", {"keyvan"}),
        ("TEH05-۰۰۰۰۰۶", {"keyvan"}),
        ("TEH05-٠٠٠٠٠٦", {"keyvan"}),
        (" TEH05 - 000006 ", {"keyvan"}),
        ("TEH05-6", {"keyvan"}),  # without its zeros
        ("TEH05-۶", {"keyvan"}),
        ("000006", {"keyvan"}),  # the number as printed, without the center
        ("۰۰۰۰۰۶", {"keyvan"}),
        ("6", {"keyvan"}),
        ("۶", {"keyvan"}),
        ("0006", set()),  # zero-led and short: the start of a national code
        # The center code and the first digits, as they are typed.
        ("TEH05", LIVE),
        ("teh0", LIVE),
        ("TEH05-", LIVE),
        ("TEH05-00000", LIVE),
        ("TEH05-0000", LIVE),
        # No such file here: another center's, one past the last, a deleted one.
        ("THR07-000006", set()),
        ("TEH05-000009", set()),
        ("TEH05-000008", set()),
        ("8", set()),
        ("TEH06", set()),
    ],
)
def test_file_number_queries(people, admin, text, expected):
    assert keys(people, found(admin, text)) == expected


@pytest.mark.parametrize(
    ("text", "filters", "expected"),
    [
        ("TEH05-000006", Filters(district=10), {"keyvan"}),
        ("TEH05-000006", Filters(district=5), set()),
        ("6", Filters(status=Status.IN_TRAINING), {"keyvan"}),
        ("6", Filters(status=Status.COUNSELLING), set()),
        ("TEH05", Filters(district=7), {"amirali", "maryam"}),
        ("TEH05-000008", Filters(include_deleted=True), {"deleted"}),
        ("8", Filters(include_deleted=True), {"deleted"}),
    ],
)
def test_file_numbers_with_filters(people, admin, text, filters, expected):
    assert keys(people, found(admin, text, filters)) == expected


def test_the_file_that_digits_name_comes_first(people, admin):
    """«1» is file TEH05-000001 (alireza) and the start of two national codes: the file
    is on top in the default order; a heading's order places it like any row."""
    search = ApplicantSearch(admin, "1")

    def ids(offset: int, limit: int, sort: str | None = None, descending: bool = False):
        return [row_id for row_id, _ in search.fetch(offset, limit, sort, descending)]

    expected = [people[key] for key in ("alireza", "mohammad_hossein", "amirali")]
    assert ids(0, 10) == expected and search.count() == 3
    assert ids(0, 1) == expected[:1] and ids(1, 10) == expected[1:] and ids(2, 1) == expected[2:]
    assert ids(0, 10, "national_code")[0] == people["alireza"]  # 008… sorts first
    assert ids(0, 10, "national_code", descending=True)[-1] == people["alireza"]


@pytest.mark.parametrize(
    ("text", "filters", "index"),
    [
        ("TEH05-000006", Filters(), "applicant_file_number (file_number=?)"),
        ("TEH05-6", Filters(district=5), "applicant_file_number (file_number=?)"),
        ("TEH05-0000", Filters(), "applicant_file_number (file_number>? AND file_number<?)"),
        ("TEH05", Filters(status=Status.COUNSELLING), "applicant_status_sort_name (status=?)"),
        ("TEH05-0", Filters(), "applicant_file_number (file_number>? AND file_number<?)"),
        ("46", Filters(), "applicant_center_code_number (center_code=? AND number=?)"),
        ("000046", Filters(district=3), "applicant_center_code_number (center_code=?"),
        ("912", Filters(), "applicant_center_code_number (center_code=? AND number=?)"),
    ],
)
def test_file_numbers_are_found_through_indexes(sqlite_only, people, admin, text, filters, index):
    """Whole or typed, a file number is a search of an index, never a scan of the table."""
    search = ApplicantSearch(admin, text, filters)
    plan = search.plan
    statements = [(plan.where, plan.params)]
    if plan.pinned_where is not None:
        statements.append(plan.pinned_where)
    for where, params in statements:
        sql = f"EXPLAIN QUERY PLAN SELECT 1 FROM applicant a WHERE {where}"
        steps = " | ".join(row[-1] for row in db.execute_sql(sql, params))
        assert "SCAN a" not in steps, (text, steps)
    sql = f"EXPLAIN QUERY PLAN SELECT 1 FROM applicant a WHERE {plan.where}"
    steps = " | ".join(row[-1] for row in db.execute_sql(sql, plan.params))
    assert f"SEARCH a USING INDEX {index}" in steps, (text, steps)


@pytest.mark.parametrize(
    ("text", "filters", "index"),
    [
        ("0084", Filters(), "applicant_national_code_deleted_category_flags_district_status"),
        ("0935", Filters(), "applicant_mobile_deleted_category_flags_district_status"),
        ("اح", Filters(), "applicant_sort_name_deleted_category_flags_district_status"),
        ("TEH05-00001", Filters(), "applicant_file_number"),  # being typed: a range
        ("TEH05-000006", Filters(), "applicant_file_number"),
        ("46", Filters(), "applicant_center_code_n"),  # (center, number) or (center, code)
    ],
)
def test_postgresql_answers_through_its_indexes(postgres_only, people, admin, text, filters, index):
    """Digits and last-name prefixes through ranges of the "C"-collated btree indexes
    (migration 0008). The tables here are tiny, so whole scans (of the table, or of an
    index in its order) are ruled out to see which index the planner can search."""
    plan = ApplicantSearch(admin, text, filters).plan
    # On a table of a few rows a whole index read for `deleted = false` costs the
    # planner as little as a search, and which it took changed with the statistics
    # earlier tests left. So the question is asked of a table of 5,000 more people
    # whom no search here finds — in a transaction rolled back after it — and answered
    # by a condition on the named index's leading column, which only a WHERE it can
    # search gives.
    with db.atomic() as transaction:
        _add_unfound_people(5_000)
        db.execute_sql("ANALYZE applicant")
        db.execute_sql("SET LOCAL enable_seqscan = off")
        sql = f"EXPLAIN SELECT 1 FROM applicant a WHERE {plan.where}"
        steps = "\n".join(row[0] for row in db.execute_sql(sql, plan.params))
        leading = {
            definition.split("(", 1)[1].split()[0].strip('",)')
            for name, definition in db.execute_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'applicant'"
            )
            if name.startswith(index)
        }
        transaction.rollback()
    conditions = [line for line in steps.splitlines() if "Index Cond" in line]
    assert index in steps, (text, steps)
    assert any(column in line for line in conditions for column in leading), (text, steps)


def _add_unfound_people(count: int) -> None:
    """`count` copies of one applicant under codes, numbers, phones and names that none
    of the searches above matches."""
    made = {
        "id": "gen_random_uuid()",
        "number": "1000000 + g",
        "file_number": "'ZZZ-' || g",
        "national_code": "'9' || lpad(g::text, 9, '0')",
        "mobile": "'0999' || lpad(g::text, 7, '0')",
        "first_name": "'ژ' || g",
        "last_name": "'ژ' || g",
        "sort_name": "'ژ' || g",
        "name_keys": "'ژ' || g",
        "search_rowid": "NULL",
    }
    columns = [
        name
        for (name,) in db.execute_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'applicant'"
        )
    ]
    values = ", ".join(made.get(name, f'a."{name}"') for name in columns)
    db.execute_sql(
        f"INSERT INTO applicant ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)}) "
        f"SELECT {values} FROM (SELECT * FROM applicant LIMIT 1) a, generate_series(1, %s) g",
        (count,),
    )


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("علی", Filters()),
        ("علی رضا", Filters(district=5)),
        ("کاظمی", Filters(include_deleted=True)),
    ],
)
def test_postgresql_matches_names_through_the_trigram_index(
    postgres_only, people, admin, text, filters
):
    """Each long word is a `name_keys LIKE '%word%'`, which the pg_trgm GIN index over
    `name_keys` answers (at a million rows the plan is a Bitmap Index Scan on it: the
    bench prints it; on a table this small the planner rightly prefers anything else)."""
    plan = ApplicantSearch(admin, text, filters).plan
    long_words = [word for word in text.split() if len(word) >= 3]
    assert plan.where.count("a.name_keys LIKE %s") == len(long_words)
    assert [f"%{word}%" for word in long_words] == [p for p in plan.params if "%" in str(p)]
    [definition] = db.execute_sql(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'applicant_name_keys_trgm'"
    ).fetchone()
    assert "gin (name_keys gin_trgm_ops)" in definition


# -- filters -----------------------------------------------------------------------------------

JOB_SEEKER, IDEA_HOLDER = Category.JOB_SEEKER, Category.IDEA_HOLDER
COUNSELLING = Status.COUNSELLING


@pytest.mark.parametrize(
    ("text", "filters", "expected"),
    [
        ("", Filters(), LIVE),
        ("", Filters(category=JOB_SEEKER), {"alireza", "amirali", "fatemeh_zahra"}),
        ("", Filters(category=IDEA_HOLDER), {"amirali", "zahra"}),
        ("", Filters(category=Category.INVESTOR), {"mohammad_hossein"}),
        ("", Filters(district=5), {"alireza", "mohammad_hossein", "zahra"}),
        ("", Filters(district=7), {"amirali", "maryam"}),
        ("", Filters(district=2), set()),
        ("", Filters(status=COUNSELLING), {"amirali", "zahra"}),
        ("", Filters(status=Status.IN_TRAINING), {"keyvan"}),
        ("", Filters(status=Status.REGISTERED), LIVE - {"amirali", "keyvan", "zahra"}),
        ("", Filters(category=JOB_SEEKER, district=5), {"alireza"}),
        ("", Filters(category=IDEA_HOLDER, status=COUNSELLING), {"amirali", "zahra"}),
        ("", Filters(category=IDEA_HOLDER, district=5, status=COUNSELLING), {"zahra"}),
        ("", Filters(category=JOB_SEEKER, district=7, status=Status.REGISTERED), set()),
        # with three letters or more (the index)
        ("علی", Filters(district=5), {"alireza", "zahra"}),
        ("علی", Filters(category=JOB_SEEKER), {"alireza", "amirali"}),
        ("علی", Filters(status=COUNSELLING), {"amirali", "zahra"}),
        ("علی", Filters(category=IDEA_HOLDER, district=5, status=COUNSELLING), {"zahra"}),
        # with one or two letters (last names by their start)
        ("پا", Filters(category=Category.ENTREPRENEUR), {"maryam"}),
        ("پا", Filters(category=JOB_SEEKER), set()),
        ("م", Filters(district=5, status=COUNSELLING), {"zahra"}),
        ("م", Filters(district=7), set()),
        # with digits
        ("0912", Filters(district=5), {"alireza", "mohammad_hossein", "zahra"}),
        ("0912", Filters(status=COUNSELLING), {"zahra"}),
        ("1234", Filters(category=IDEA_HOLDER), {"amirali"}),
        ("09", Filters(category=JOB_SEEKER, district=1), {"fatemeh_zahra"}),
        # deleted files, on request
        ("", Filters(include_deleted=True), set(PEOPLE)),
        ("علی", Filters(include_deleted=True), {"alireza", "amirali", "zahra", "deleted"}),
        ("ز", Filters(include_deleted=True), {"deleted"}),
        ("0084", Filters(include_deleted=True), {"alireza", "deleted"}),
        ("علی", Filters(district=5, include_deleted=True), {"alireza", "zahra", "deleted"}),
    ],
)
def test_filters_alone_and_with_text(people, admin, text, filters, expected):
    assert keys(people, found(admin, text, filters)) == expected


def test_counting(people, admin):
    assert ApplicantSearch(admin).count() == len(LIVE)
    assert ApplicantSearch(admin, "علی").count() == 3
    assert ApplicantSearch(admin, "", Filters(district=5)).count() == 3
    assert ApplicantSearch(admin, "زرافه").count() == 0
    assert ApplicantSearch(admin, "", Filters(include_deleted=True)).count() == len(PEOPLE)


def test_rows_carry_the_columns(people, admin):
    [row] = ApplicantSearch(admin, "کیوان").rows()
    person = PEOPLE["keyvan"]
    assert row == SearchRow(
        id=people["keyvan"],
        file_number="TEH05-000006",
        first_name="کیوان",
        last_name="گودرزی",
        father_name="اکبر",
        national_code=person.national_code,
        mobile=person.mobile,
        district=10,
        status="in_training",
        registered_on=dt.date.today(),
    )
    [(row_id, values)] = ApplicantSearch(admin, "کیوان").fetch(0, 10)
    assert row_id == people["keyvan"] and len(values) == len(COLUMNS)
    assert dict(zip(COLUMNS, values, strict=True))["last_name"] == "گودرزی"


def test_shop_staff_cannot_search_and_trainers_can(people, admin):
    for role in ("shop", "trainer"):
        users.add_user(
            admin,
            username=role + "1",
            display_name="کاربر",
            role=role,
            password="12345678",
            password_confirm="12345678",
        )
    with pytest.raises(PermissionDenied):
        ApplicantSearch(auth.login("shop1", "12345678"), "علی")
    assert ApplicantSearch(auth.login("trainer1", "12345678"), "علی").count() == 3


# -- order -------------------------------------------------------------------------------------

# Persian alphabetical order by last name, then first name (آ ا ب پ ت … چ … ژ … ک گ … ی).
ALPHABETICAL = [
    ("آقایی", "حسن"),
    ("ابراهیمی", "نرگس"),
    ("احمدی", "آرش"),
    ("احمدی", "بابک"),
    ("احمدی", "یاسر"),
    ("احمدیان", "الهام"),
    ("بهرامی", "سارا"),
    ("پاکزاد", "مریم"),
    ("تقوی", "زهرا"),
    ("جعفری", "امیر"),
    ("چگینی", "رضا"),
    ("زارع", "بهروز"),
    ("ژیان", "نسرین"),
    ("کاظمی", "ژاله"),
    ("گودرزی", "علی"),
    ("یزدانی", "کیان"),
]
# Registration order: shuffled, so that no order can pass by accident.
REGISTRATION_ORDER = [7, 12, 0, 15, 3, 9, 1, 14, 5, 10, 2, 13, 8, 4, 11, 6]
DISTRICTS = [3, 5, 5, 1, 3, 8, 5, 1, 2, 2, 9, 5, 3, 8, 1, 4]  # of ALPHABETICAL[i]


@pytest.fixture
def alphabet(admin) -> list[str]:
    """ALPHABETICAL registered in REGISTRATION_ORDER; their ids in alphabetical order."""
    ids: dict[int, str] = {}
    for number, index in enumerate(REGISTRATION_ORDER):
        last, first = ALPHABETICAL[index]
        person = Person(
            plain(first),
            plain(last),
            plain("حسن"),
            code_from(f"{(index * 37) % 16:02d}{number:07d}"),
            f"0912{(index * 7) % 16:07d}",
            DISTRICTS[index],
            ("job_seeker",),
        )
        ids[index] = register(admin, person)
    statuses = ["counselling", "trained", "employed"]
    for index in range(0, len(ALPHABETICAL), 3):
        applicants.change_status(admin, ids[index], statuses[index // 3 % len(statuses)])
    return [ids[index] for index in range(len(ALPHABETICAL))]


def names_of(rows) -> list[tuple[str, str]]:
    return [(values[2], values[1]) for _, values in rows]


def test_the_alphabet_itself():
    """The pairs the order must honour, independent of the code under test."""
    letters = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    position = {letter: index for index, letter in enumerate(letters)}
    for (last, first), (next_last, next_first) in itertools.pairwise(ALPHABETICAL):
        a = [position[c] for c in last] + [-1] + [position[c] for c in first]
        b = [position[c] for c in next_last] + [-1] + [position[c] for c in next_first]
        assert a < b


def test_default_order_is_persian_alphabetical(alphabet, admin):
    rows = ApplicantSearch(admin).fetch(0, 100)
    assert names_of(rows) == ALPHABETICAL
    order = [last for last, _ in names_of(rows)]
    assert order.index("بهرامی") < order.index("پاکزاد") < order.index("تقوی")
    assert order.index("جعفری") < order.index("چگینی")
    assert order.index("زارع") < order.index("ژیان")
    assert order.index("کاظمی") < order.index("گودرزی")
    descending = ApplicantSearch(admin).fetch(0, 100, descending=True)
    assert names_of(descending) == ALPHABETICAL[::-1]
    for sort in ("name", "last_name"):
        assert names_of(ApplicantSearch(admin).fetch(0, 100, sort=sort)) == ALPHABETICAL


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("حسن", Filters()),  # the index (every father is «حسن»)
        ("اح", Filters()),  # two letters: last names
        ("0912", Filters()),  # a mobile prefix
        ("", Filters(district=5)),
        ("", Filters(status=Status.REGISTERED)),
        ("حسن", Filters(category=Category.JOB_SEEKER, district=3)),
    ],
)
def test_every_route_sorts_alphabetically(alphabet, admin, text, filters):
    rows = ApplicantSearch(admin, text, filters).fetch(0, 100)
    assert rows
    expected = [ALPHABETICAL[alphabet.index(row_id)] for row_id, _ in rows]
    assert names_of(rows) == sorted(
        expected, key=lambda pair: (persian_sort_key(pair[0]), persian_sort_key(pair[1]))
    )
    assert names_of(rows) == [pair for pair in ALPHABETICAL if pair in expected]
    descending = ApplicantSearch(admin, text, filters).fetch(0, 100, descending=True)
    assert names_of(descending) == names_of(rows)[::-1]


@pytest.mark.parametrize("filters", [Filters(), Filters(district=5)])
@pytest.mark.parametrize("descending", [False, True])
def test_pages_after_a_count_come_from_the_matches_it_kept(alphabet, admin, filters, descending):
    """The table counts, then fetches pages: a name query under the cap is matched once,
    and its pages are the ones the index would give."""
    straight = ApplicantSearch(admin, "حسن", filters).fetch(0, 100, descending=descending)
    counted = ApplicantSearch(admin, "حسن", filters)
    assert counted.count() == len(straight) and counted._matches is not None
    pages = [counted.fetch(offset, 5, descending=descending) for offset in range(0, 20, 5)]
    assert [row for page in pages for row in page] == straight
    assert counted.fetch(100, 5) == []


@pytest.mark.parametrize("text", ["", "حسن", "09"])
def test_sorting_by_other_columns(alphabet, admin, text):
    search = ApplicantSearch(admin, text)
    column = {name: index for index, name in enumerate(COLUMNS)}

    def values(sort, descending=False, name="file_number"):
        return [row[column[name]] for _, row in search.fetch(0, 100, sort, descending)]

    files = values("file_number")
    assert files == sorted(files) and len(files) == len(ALPHABETICAL)
    assert values("file_number", True) == files[::-1]
    for name in ("national_code", "mobile"):
        ascending = values(name, name=name)
        assert ascending == sorted(ascending) and len(set(ascending)) == len(ascending)
        assert values(name, True, name=name) == ascending[::-1]

    # Districts repeat: ties keep alphabetical order.
    rows = search.fetch(0, 100, "district")
    assert [row[column["district"]] for _, row in rows] == sorted(DISTRICTS)
    for district in set(DISTRICTS):
        within = [(v[2], v[1]) for _, v in rows if v[column["district"]] == district]
        assert within == [p for i, p in enumerate(ALPHABETICAL) if DISTRICTS[i] == district]
    rows = search.fetch(0, 100, "district", descending=True)
    assert [row[column["district"]] for _, row in rows] == sorted(DISTRICTS, reverse=True)

    # Statuses come grouped, in the reverse order when descending.
    statuses = values("status", name="status")
    groups = [status for status, _ in itertools.groupby(statuses)]
    assert len(groups) == len(set(statuses)) == 4
    reverse = [status for status, _ in itertools.groupby(values("status", True, name="status"))]
    assert reverse == groups[::-1]


def test_sorting_by_registration_date(admin):
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=d) for d in (30, 2, 90, 2, 45)]
    firsts = ["مریم", "سارا", "نرگس", "الهام", "زهرا"]
    cleans = [
        applicants.validate(
            ApplicantInput(
                first_name=first,
                last_name="احمدی",
                father_name="علی",
                national_code=code_from(f"7000000{index:02d}"),
                gender="female",
                birth_date="1370/01/01",
                mobile="09121234567",
                district="5",
                categories=["job_seeker"],
            )
        )
        for index, first in enumerate(firsts)
    ]
    with db.atomic():
        applicants.bulk_create(admin, cleans, registered_on=days)
    rows = ApplicantSearch(admin, "احمدی").fetch(0, 10, "registered_on")
    assert [(values[-1], values[1]) for _, values in rows] == [
        (dt.date(2025, 1, 3), "الهام"),  # same day: alphabetical
        (dt.date(2025, 1, 3), "سارا"),
        (dt.date(2025, 1, 31), "مریم"),
        (dt.date(2025, 2, 15), "زهرا"),
        (dt.date(2025, 4, 1), "نرگس"),
    ]
    descending = ApplicantSearch(admin, "").fetch(0, 10, "registered_on", descending=True)
    assert [values[-1] for _, values in descending] == sorted(days, reverse=True)


# -- paging ----------------------------------------------------------------------------------


@pytest.fixture
def crowd(admin) -> int:
    """48 applicants with many equal names (ties everywhere): the paging test set."""
    count = 0
    for first, last, father in itertools.product(
        ("علی", "مریم", "زهرا"), ("احمدی", "کاظمی"), ("حسن", "رضا", "یوسف", "کیان")
    ):
        for twin in range(2):
            count += 1
            register(
                admin,
                Person(
                    plain(first),
                    plain(last),
                    plain(father),
                    code_from(f"{600000000 + count * 1_234:09d}"),
                    f"0912{count % 5:07d}",
                    1 + count % 3,
                    ("job_seeker",) if twin else ("investor", "job_seeker"),
                ),
                birth_date=f"13{60 + twin}/01/01",
            )
    return count


@db_settings
@given(
    text=st.sampled_from(
        [
            "",
            "احمدی",
            "علی",
            "اح",
            "ک",
            "0912",
            "09120000",
            "6",
            "زهرا ک",
            "912",
            "TEH05-00001",
            "TEH05-12",
        ]
    ),
    filters=st.sampled_from(
        [
            Filters(),
            Filters(district=2),
            Filters(category=Category.INVESTOR),
            Filters(status=Status.REGISTERED),
            Filters(include_deleted=True),
        ]
    ),
    sort=st.sampled_from([None, "name", "file_number", "national_code", "mobile", "district"]),
    descending=st.booleans(),
    limit=st.integers(min_value=1, max_value=17),
)
def test_pages_concatenate_to_the_whole_result(
    crowd, admin, text, filters, sort, descending, limit
):
    search = ApplicantSearch(admin, text, filters)
    whole = search.fetch(0, 10_000, sort, descending)
    assert len(whole) == search.count()
    pages = []
    for offset in range(0, len(whole) + limit, limit):
        page = search.fetch(offset, limit, sort, descending)
        assert len(page) == min(limit, max(0, len(whole) - offset))
        pages.extend(page)
    assert pages == whole
    assert len({row_id for row_id, _ in pages}) == len(pages)


WALK_SORTS = [
    None,
    "name",
    "file_number",
    "national_code",
    "mobile",
    "district",
    "status",
    "registered_on",
    "first_name",
]


@db_settings
@given(
    text=st.sampled_from(["", "احمدی", "علی", "اح", "0912", "6", "زهرا ک", "TEH05-00001"]),
    filters=st.sampled_from(
        [Filters(), Filters(district=2), Filters(include_deleted=True), Filters(district=99)]
    ),
    sort=st.sampled_from(WALK_SORTS),
    descending=st.booleans(),
    chunk=st.integers(min_value=1, max_value=7),
)
def test_a_walk_yields_every_match_once_in_order(
    crowd, admin, text, filters, sort, descending, chunk
):
    """Paged by key, chunk after chunk — across boundaries inside runs of equal names,
    districts and statuses (the crowd's twins) — every match comes exactly once, in the
    order the table shows (descending: that order reversed)."""
    search = ApplicantSearch(admin, text, filters)
    columns = ("file_number", "sort_name", "number", "district")
    chunks = list(search.walk(sort, descending, chunk, columns))
    assert all(len(each) == chunk for each in chunks[:-1])
    assert all(0 < len(each) <= chunk for each in chunks)
    walked = [row["id"] for each in chunks for row in each]
    assert len(walked) == len(set(walked))
    table = [row_id for row_id, _ in search.fetch(0, 10_000, sort or "name")]
    assert walked == (table[::-1] if descending else table)
    assert set(chunks[0][0]) == {"id", *columns} if chunks else not table


def test_a_walk_keeps_equal_names_apart_by_number(crowd, admin):
    """Twins share a name (so a sort key): the key walked on goes on to the number."""
    search = ApplicantSearch(admin, "احمدی")
    chunks = search.walk("name", chunk=3, columns=("sort_name", "number"))
    rows = [row for each in chunks for row in each]
    keys = [(row["sort_name"], row["number"]) for row in rows]
    assert keys == sorted(keys) and len(rows) == search.count() == crowd // 2
    assert len({key for key, _ in keys}) < len(keys)  # there are ties to cross


def test_paging_through_everyone(crowd, admin):
    search = ApplicantSearch(admin)
    assert search.count() == crowd
    pages = [search.fetch(offset, 10) for offset in range(0, crowd, 10)]
    assert [len(page) for page in pages] == [10, 10, 10, 10, 8]
    rows = [row for page in pages for row in page]
    assert len({row_id for row_id, _ in rows}) == crowd
    keys_in_order = [(persian_sort_key(v[2]), persian_sort_key(v[1])) for _, v in rows]
    assert keys_in_order == sorted(keys_in_order)
    assert search.fetch(crowd, 10) == []


def test_more_matches_than_the_count_cap(admin):
    """Counting stops at COUNT_CAP for narrowed lists; every match still pages through."""
    total = COUNT_CAP + 30
    cleans = [
        applicants.validate(
            ApplicantInput(
                first_name="مریم",
                last_name="احمدی",
                father_name="علی",
                national_code=code_from(f"{300000000 + n:09d}"),
                gender="female",
                birth_date="1370/01/01",
                mobile=f"0912{n:07d}",
                district="5",
                categories=["job_seeker"],
            )
        )
        for n in range(total)
    ]
    with db.atomic():
        ids = applicants.bulk_create(admin, cleans, log_changes=False)
    assert ApplicantSearch(admin).count() == total
    for text in ("احمدی", "اح", "0912", "3"):
        search = ApplicantSearch(admin, text)
        assert search.count() == COUNT_CAP and search.capped
        rows = [row for offset in range(0, total, 200) for row in search.fetch(offset, 200)]
        assert {row_id for row_id, _ in rows} == set(ids), text
        assert len(rows) == total
    # At the cap a name query lists the newest files first (no sort over every match).
    assert ApplicantSearch(admin, "احمدی").fetch(0, 1)[0][0] == ids[-1]
    assert not ApplicantSearch(admin, "مریم", Filters(district=4)).capped


def test_index_text_is_the_same_whether_written_by_python_or_by_sql(sqlite_only, admin):
    """Rows indexed one by one (register, edits, status changes) and rows re-indexed in
    bulk by SQL carry the same text, tags included."""
    from desktop.models import ApplicantIndex

    first = applicants.register(
        admin,
        ApplicantInput(
            first_name="علی‌رضا",
            last_name="میرزایی",
            father_name="حسن",
            national_code=code_from("123456789"),
            gender="male",
            birth_date="1370/01/01",
            mobile="09121234567",
            district="5",
            categories=["investor", "idea_holder"],
        ),
    )
    applicants.change_status(admin, first.id, "counselling")
    mismatched = db.execute_sql(
        f"SELECT count(*) FROM applicant a JOIN {ApplicantIndex.TABLE} f "
        f"ON f.rowid = a.search_rowid WHERE f.names != {ApplicantIndex.text_sql()}"
    ).fetchone()[0]
    assert mismatched == 0
    assert ApplicantSearch(admin, "علیرضا", Filters(district=5)).count() == 1
    assert ApplicantSearch(admin, "علیرضا", Filters(district=6)).count() == 0
    assert ApplicantSearch(admin, "علیرضا", Filters(status=Status.COUNSELLING)).count() == 1
    assert ApplicantSearch(admin, "علیرضا", Filters(category=Category.INVESTOR)).count() == 1
    assert ApplicantSearch(admin, "علیرضا", Filters(category=Category.JOB_SEEKER)).count() == 0


# -- the course filter -------------------------------------------------------------------


@pytest.fixture
def course_people(people, admin) -> tuple[str, str]:
    """A course of two seats: alireza withdrew (his seat went to zahra), mohammad_hossein
    completed, amirali waits; maryam is only in another course. → (course id, other id)."""
    from desktop.models import Enrollment, writes
    from desktop.services import courses, enrollment

    trainer = users.add_user(
        admin, username="trainer1", display_name="مربی", role="trainer", password="12345678"
    )
    today = dt.date.today()

    def course(title: str) -> str:
        data = courses.CourseInput(
            title=title,
            trainer_id=trainer.id,
            hours="40",
            capacity="2",
            starts_on=today,
            ends_on=today + dt.timedelta(days=9),
            weekdays="0,1,2,3,4,5,6",
            status="open",
        )
        return courses.create_course(admin, data).id

    sewing, cooking = course("خیاطی"), course("آشپزی")
    for key in ("alireza", "mohammad_hossein", "zahra", "amirali"):
        enrollment.enroll(admin, sewing, people[key])
    enrollment.enroll(admin, cooking, people["maryam"])
    withdrawn = Enrollment.get(Enrollment.applicant == people["alireza"])
    enrollment.withdraw(admin, str(withdrawn.id), "جابه‌جایی محل کار")
    completed = Enrollment.get(Enrollment.applicant == people["mohammad_hossein"])
    completed.status = "completed"
    with db.atomic():  # through the one write path, as the results sheet would
        writes.update(completed, admin)
    return sewing, cooking


IN_SEWING = {"mohammad_hossein", "zahra", "amirali"}


@pytest.mark.parametrize(
    ("text", "filters", "expected"),
    [
        ("", Filters(), IN_SEWING),
        ("", Filters(district=5), {"mohammad_hossein", "zahra"}),
        ("", Filters(category=IDEA_HOLDER), {"zahra", "amirali"}),
        # the index (three letters or more), alone and with the index's tags
        ("علی", Filters(), {"zahra", "amirali"}),
        ("علی", Filters(district=7), {"amirali"}),
        ("محمد", Filters(), {"mohammad_hossein", "zahra"}),
        ("رضا", Filters(), {"amirali"}),  # alireza withdrew
        # one or two letters (last-name prefixes)
        ("م", Filters(), {"zahra"}),
        ("ک", Filters(), {"mohammad_hossein"}),
        ("نی", Filters(), {"amirali"}),
        # digits: national codes and mobiles
        ("0912", Filters(), {"mohammad_hossein", "zahra"}),
        ("0935", Filters(), {"amirali"}),
        ("1234", Filters(), {"mohammad_hossein", "amirali"}),
        ("0084", Filters(), set()),  # alireza withdrew
        ("0901", Filters(), set()),  # maryam is in the other course
    ],
)
def test_the_course_filter_alone_and_with_text(
    people, course_people, admin, text, filters, expected
):
    sewing, _cooking = course_people
    filters = Filters(**{**filters.__dict__, "course": sewing})
    assert keys(people, found(admin, text, filters)) == expected


def test_the_course_filter_keeps_current_places_only(people, course_people, admin):
    sewing, cooking = course_people
    assert keys(people, found(admin, "", Filters(course=cooking))) == {"maryam"}
    assert people["alireza"] not in found(admin, "", Filters(course=sewing))
    assert people["alireza"] in found(admin, "علی")  # still in the registry
    # Every way of fetching a page honours the filter (name, other columns, natural order).
    search = ApplicantSearch(admin, "", Filters(course=sewing))
    for sort in (None, "name", "first_name", "district", "registered_on", "mobile"):
        assert {row_id for row_id, _ in search.fetch(0, 50, sort)} == {
            people[key] for key in IN_SEWING
        }, sort
    for text in ("علی", "0912", "م"):
        search = ApplicantSearch(admin, text, Filters(course=sewing))
        for sort in (None, "status", "father_name"):
            assert len(search.fetch(0, 50, sort)) == search.count(), (text, sort)
    assert Filters(course=None) == Filters()
    assert not ApplicantSearch(admin, "", Filters(course=sewing)).unfiltered


def test_the_course_filter_uses_the_course_index(sqlite_only, people, course_people, admin):
    sewing, _cooking = course_people
    for text in ("", "علی", "م", "0912", "1234"):
        plan = ApplicantSearch(admin, text, Filters(course=sewing)).plan
        source = "applicant_fts f" if plan.in_index else "applicant a"
        sql = f"EXPLAIN QUERY PLAN SELECT 1 FROM {source} WHERE {plan.where}"
        steps = " | ".join(row[-1] for row in db.execute_sql(sql, plan.params))
        assert "SEARCH e USING" in steps and "course_id" in steps, (text, steps)
        assert "SCAN e" not in steps, (text, steps)


def test_a_trainer_filters_only_by_their_own_courses(people, course_people, admin):
    sewing, _cooking = course_people
    users.add_user(
        admin, username="trainer2", display_name="مربی دیگر", role="trainer", password="12345678"
    )
    other = auth.login("trainer2", "12345678")
    with pytest.raises(PermissionDenied):
        ApplicantSearch(other, "", Filters(course=sewing))
    own = auth.login("trainer1", "12345678")
    assert keys(people, found(own, "", Filters(course=sewing))) == IN_SEWING
