"""Persian alphabetical order, in Python and in SQLite."""

from __future__ import annotations

import functools
import sqlite3

import peewee
from hypothesis import given
from hypothesis import strategies as st

from desktop.text.collation import (
    PERSIAN_ALPHABET,
    persian_collate,
    persian_sort_key,
    primary_key,
)
from desktop.text.normalize import normalize_text

ALPHABET = [
    "آ",
    "ا",
    "ء",
    "ب",
    "پ",
    "ت",
    "ث",
    "ج",
    "چ",
    "ح",
    "خ",
    "د",
    "ذ",
    "ر",
    "ز",
    "ژ",
    "س",
    "ش",
    "ص",
    "ض",
    "ط",
    "ظ",
    "ع",
    "غ",
    "ف",
    "ق",
    "ک",
    "گ",
    "ل",
    "م",
    "ن",
    "و",
    "ه",
    "ی",
]
ZWNJ = "\u200c"


def persian_sorted(texts: list[str]) -> list[str]:
    return sorted(texts, key=persian_sort_key)


def test_the_alphabet_is_in_persian_order() -> None:
    assert list(PERSIAN_ALPHABET) == ALPHABET
    shuffled = ALPHABET[::-1]
    assert persian_sorted(shuffled) == ALPHABET
    # Python's default order is the problem this module solves:
    assert sorted(ALPHABET) != ALPHABET


def test_persian_letters_that_code_points_put_last() -> None:
    assert persian_sorted(["گل", "کتاب", "ژاله", "زهرا", "چای", "جواد", "پدر", "بابا"]) == [
        "بابا",
        "پدر",
        "جواد",
        "چای",
        "زهرا",
        "ژاله",
        "کتاب",
        "گل",
    ]
    # و before ه in Persian; Unicode has ه (U+0647) before و (U+0648).
    assert persian_sorted(["یاس", "هادی", "وحید"]) == ["وحید", "هادی", "یاس"]
    assert sorted(["یاس", "هادی", "وحید"]) == ["هادی", "وحید", "یاس"]


def test_alef_madda_is_a_letter_before_alef() -> None:
    # Every آ-word before every ا-word, as in Persian dictionaries and CLDR 'fa'.
    assert persian_sorted(["اکبر", "آیدا", "ابر", "آب"]) == ["آب", "آیدا", "ابر", "اکبر"]


def test_arabic_spellings_sort_with_their_persian_letters() -> None:
    assert primary_key("علي") == primary_key("علی") == primary_key("على")
    assert primary_key("كاظم") == primary_key("کاظم")
    assert primary_key("فاطمة") == primary_key("فاطمه")
    assert primary_key("ٱلله") == primary_key("الله")
    # Hamza carriers sort as ء, right after ا (CLDR).
    assert primary_key("أ") == primary_key("إ") == primary_key("ؤ") == primary_key("ئ")
    assert persian_sorted(["ب", "ئ", "ا"]) == ["ا", "ئ", "ب"]


def test_harakat_tatweel_and_zwnj_are_ignored_at_the_primary_level() -> None:
    assert primary_key("مُحَمَّد") == primary_key("محمد") == primary_key("محــمد")
    assert primary_key("نامهٔ") == primary_key("نامه")
    assert primary_key(f"می{ZWNJ}خواهم") == primary_key("میخواهم")


def test_a_space_sorts_before_every_letter() -> None:
    words = ["میز", f"می{ZWNJ}خواهم", "می", "میان", "می خواهم", "میخواهم"]
    ordered = persian_sorted(words)
    assert ordered[0] == "می" and ordered[-1] == "میز"
    assert ordered[1] == "می خواهم"
    assert ordered.index("میان") < ordered.index("میخواهم")
    # The two spellings of the same word are neighbours.
    assert abs(ordered.index("میخواهم") - ordered.index(f"می{ZWNJ}خواهم")) == 1
    assert persian_sorted(["علیار", "علی زمانی", "علی احمدی"]) == [
        "علی احمدی",
        "علی زمانی",
        "علیار",
    ]


def test_classes_digits_then_persian_then_latin() -> None:
    assert persian_sorted(["zebra", "Alpha", "ب", "۲", "1", "الف", "!", " "]) == [
        " ",
        "!",
        "1",
        "۲",
        "الف",
        "ب",
        "Alpha",
        "zebra",
    ]
    assert primary_key("۱۲۳") == primary_key("123") == primary_key("١٢٣")
    assert primary_key("Élan") == primary_key("elan")
    assert persian_sorted(["Ω", "z", "ی"]) == ["ی", "z", "Ω"]


def test_ties_are_broken_so_the_order_is_total() -> None:
    assert persian_collate("علي", "علی") != 0
    assert persian_collate("علی", "علی") == 0
    assert persian_collate("علي", "علی") == -persian_collate("علی", "علي")


texts = st.text(
    alphabet=st.one_of(
        st.sampled_from("".join(ALPHABET) + "يكةأئؤ" + ZWNJ + " ـَُِّٔ۰۱۹019aZé-"),
        st.characters(),
    ),
    max_size=12,
)


@given(st.lists(texts, max_size=30))
def test_collate_agrees_with_the_sort_key(values: list[str]) -> None:
    by_key = sorted(values, key=persian_sort_key)
    by_collate = sorted(values, key=functools.cmp_to_key(persian_collate))
    assert by_key == by_collate


@given(texts, texts, texts)
def test_collate_is_a_total_order(a: str, b: str, c: str) -> None:
    assert (persian_collate(a, b) == 0) == (a == b)
    assert persian_collate(a, b) == -persian_collate(b, a)
    if persian_collate(a, b) <= 0 and persian_collate(b, c) <= 0:
        assert persian_collate(a, c) <= 0


@given(texts, texts)
def test_prefix_sorts_first_and_normalisation_keeps_the_primary_order(a: str, b: str) -> None:
    assert persian_collate(a, a + b) <= 0
    # For Persian input, normalising (ي → ی, spaces folded) leaves the primary key alone.
    if all(ch in "".join(ALPHABET) + "يكة " for ch in a):
        assert primary_key(normalize_text(a)) == primary_key(" ".join(a.split()))


def test_sqlite_order_by_collate_persian() -> None:
    names = ["گلاره", "کامران", "پروین", "بهرام", "آرش", "ژیلا", "علي", "چنگیز", "Zoe", "۱۲"]
    connection = sqlite3.connect(":memory:")
    connection.create_collation("persian", persian_collate)
    connection.execute("CREATE TABLE person (name TEXT)")
    connection.executemany("INSERT INTO person VALUES (?)", [(n,) for n in names])
    rows = connection.execute("SELECT name FROM person ORDER BY name COLLATE persian")
    assert [name for (name,) in rows] == persian_sorted(names)
    assert persian_sorted(names)[:5] == ["۱۲", "آرش", "بهرام", "پروین", "چنگیز"]
    connection.close()


def test_peewee_register_collation() -> None:
    database = peewee.SqliteDatabase(":memory:")
    database.register_collation(persian_collate, "persian")

    class Person(peewee.Model):
        name = peewee.TextField()

        class Meta:
            database = None

    with database.bind_ctx([Person]):
        database.create_tables([Person])
        for name in ["گل", "کاج", "پونه"]:
            Person.create(name=name)
        query = Person.select().order_by(Person.name.collate("persian"))
        assert [p.name for p in query] == ["پونه", "کاج", "گل"]
    database.close()
