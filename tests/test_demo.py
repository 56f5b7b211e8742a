"""Demo applicants: realistic, valid, reproducible, kept out of the change log."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from desktop.cli import main
from desktop.errors import PermissionDenied
from desktop.models import (
    Applicant,
    ApplicantIndex,
    ChangeLog,
    FollowUp,
    Idea,
    Outcome,
    Partner,
    Setting,
    Status,
    StatusChange,
    db,
    deferred_indexes,
)
from desktop.models.base import tuples
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import applicants, auth, demo, demo_center, demo_people
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.demo_people import PeopleGenerator
from desktop.services.identity import clean_national_code
from desktop.services.setup import initialise_center
from desktop.text.jalali import format_jalali
from desktop.text.normalize import ZWNJ, normalize_text

PASSWORD = "admin-pass-1"


def _generator(seed: int = 0, count: int = 500) -> PeopleGenerator:
    return PeopleGenerator(
        random.Random(seed), count=count, districts=list(range(1, 23)), partner_count=8
    )


def _snapshot() -> list[tuple[object, ...]]:
    """Everything about the people that a seed decides (not ids or timestamps)."""
    people = tuples(
        Applicant.select(
            Applicant.number, Applicant.national_code, Applicant.first_name,
            Applicant.last_name, Applicant.father_name, Applicant.birth_date, Applicant.mobile,
            Applicant.district, Applicant.categories, Applicant.skills, Applicant.address,
            Applicant.status, Applicant.status_changed_on, Applicant.registered_on,
        ).order_by(Applicant.number)
    )  # fmt: skip
    history = [
        sorted(tuples(model.select(*fields).join(Applicant).switch(model)))
        for model, fields in (
            (StatusChange, (Applicant.number, StatusChange.status, StatusChange.changed_on)),
            (FollowUp, (Applicant.number, FollowUp.held_on, FollowUp.next_appointment)),
            (Idea, (Applicant.number, Idea.title, Idea.capital_rials)),
            (Outcome, (Applicant.number, Outcome.kind, Outcome.started_on)),
        )
    ]
    return [*people, *map(tuple, history)]


def _fresh_center_snapshot(count: int, seed: int) -> list[tuple[object, ...]]:
    open_database(":memory:")
    try:
        initialise_center(
            center_code="TEH05",
            center_name="مرکز نمونه",
            city="تهران",
            admin_username="admin",
            admin_display_name="مدیر",
            password=PASSWORD,
        )
        demo.create_demo_applicants(auth.login("admin", PASSWORD), count, seed=seed)
        return _snapshot()
    finally:
        close_database()


# -- the generator (no database) -------------------------------------------------------


def test_word_lists_are_big_stored_form_and_have_compound_names():
    male, female = demo_people.MALE_FIRST_NAMES, demo_people.FEMALE_FIRST_NAMES
    last = demo_people.LAST_NAMES
    assert len(set(male)) >= 150 and len(set(female)) >= 150 and len(set(last)) >= 300
    assert 70 <= len(set(demo_people.SKILLS)) <= 100
    for names in (male, female, last, demo_people.SKILLS, demo_people.STREETS):
        assert all(normalize_text(name) == name and name for name in names)
    assert {"علی\u200cرضا", "محمد\u200cحسین", "محمد رضا"} <= set(male)
    assert "میر\u200cزایی" in last and sum(ZWNJ in name for name in last) >= 30
    assert {"خیاطی", "آشپزی", "قالی\u200cبافی", "برق\u200cکاری ساختمان", "حسابداری"} <= set(
        demo_people.SKILLS
    )


def test_same_seed_same_people_other_seed_other_people():
    first, again = _generator(7).batch(0, 300), _generator(7).batch(0, 300)
    assert first == again
    in_two = _generator(7)
    head, tail = in_two.batch(0, 120), in_two.batch(120, 180)
    assert head.cleans + tail.cleans == first.cleans
    assert head.steps + [(i + 120, *rest) for i, *rest in tail.steps] == first.steps
    other = _generator(8).batch(0, 300)
    assert [c["national_code"] for c in other.cleans] != [c["national_code"] for c in first.cleans]


def test_national_codes_valid_unique_and_never_taken():
    taken = {c["national_code"][:9] for c in _generator(1, count=2000).batch(0, 2000).cleans}
    generator = _generator(1, count=4000)
    generator.taken = set(taken)
    codes = [c["national_code"] for c in generator.batch(0, 4000).cleans]
    assert len(set(codes)) == len(codes)
    assert not {code[:9] for code in codes} & taken
    for code in codes:
        assert clean_national_code(code) == code
        assert len(set(code)) > 1


def test_people_pass_validation_unchanged():
    """The generator skips `validate` for speed, so it must build exactly its output."""
    batch = _generator(3, count=400).batch(0, 400)
    for clean in batch.cleans:
        typed = applicants.ApplicantInput(
            first_name=clean["first_name"],
            last_name=clean["last_name"],
            father_name=clean["father_name"],
            national_code=clean["national_code"],
            gender=clean["gender"],
            birth_date=format_jalali(clean["birth_date"]),
            mobile=clean["mobile"],
            phone=clean["phone"],
            address=clean["address"],
            district=str(clean["district"]),
            education_level=clean["education_level"],
            education_field=clean["education_field"],
            marital_status=clean["marital_status"],
            categories=clean["categories"].split(";"),
            skills=clean["skills"],
            notes=clean["notes"],
        )
        assert applicants.validate(typed, districts=range(1, 23)) == clean


def test_people_look_like_a_registry():
    batch = _generator(5, count=3000).batch(0, 3000)
    cleans = batch.cleans
    today = dt.date.today()
    ages = [
        (on - c["birth_date"]).days / 365.25
        for c, on in zip(cleans, batch.registered_on, strict=True)
    ]
    assert min(ages) >= 18 and max(ages) < 66
    assert min(batch.registered_on) >= today - dt.timedelta(days=2 * 366)
    assert max(batch.registered_on) <= today
    assert batch.registered_on == sorted(batch.registered_on)  # file numbers follow dates
    assert all(c["mobile"].startswith("09") and len(c["mobile"]) == 11 for c in cleans)
    assert len({c["mobile"] for c in cleans}) > 0.95 * len(cleans)
    counts = Counter(len(c["categories"].split(";")) for c in cleans)
    assert set(counts) == {1, 2} and counts[1] > counts[2]
    assert 0.3 < sum(bool(c["address"]) for c in cleans) / len(cleans) < 0.9
    assert 0 < sum(bool(c["notes"]) for c in cleans) < len(cleans) / 4
    first_names = Counter(c["first_name"] for c in cleans)
    assert any(" " in name or ZWNJ in name for name in first_names)
    assert first_names.most_common(1)[0][1] > 10 * min(first_names.values())


# -- in the database ---------------------------------------------------------------------


def test_demo_applicants_with_history_and_no_change_log(admin):
    logged = ChangeLog.select().count()
    assert not demo_center.has_demo_data()
    made = demo.create_demo_applicants(admin, 600, seed=2)

    assert made.applicants == Applicant.select().count() == 600
    assert ChangeLog.select().count() == logged  # nothing for HQ
    assert demo_center.has_demo_data()
    assert made.status_changes == StatusChange.select().count() - 600 > 0
    assert made.follow_ups == FollowUp.select().count() > 0
    assert made.ideas == Idea.select().count() > 0
    assert made.outcomes == Outcome.select().count() > 0
    assert (made.first_file_number, made.last_file_number) == ("TEH05-000001", "TEH05-000600")
    # Keys are UUIDv7, made as the models make them.
    assert {row.id.version for row in FollowUp.select().limit(20)} == {7}

    # Each applicant's status is its last status change, also in the search index.
    for applicant in Applicant.select().where(Applicant.status != Status.REGISTERED.value):
        last = (
            StatusChange.select()
            .where(StatusChange.applicant == applicant.id)
            .order_by(StatusChange.changed_on.desc(), StatusChange.status.desc())
            .first()
        )
        assert (last.status, last.changed_on) == (applicant.status, applicant.status_changed_on)
    if ApplicantIndex.available():  # SQLite's name index holds a copy of the status
        mismatched = db.execute_sql(
            f"SELECT count(*) FROM applicant a JOIN {ApplicantIndex.TABLE} f "
            f"ON f.rowid = a.search_rowid WHERE f.names != {ApplicantIndex.text_sql()}"
        ).fetchone()[0]
        assert mismatched == 0

    today = dt.date.today()
    open_ones = FollowUp.select().where(FollowUp.done == False)  # noqa: E712
    assert open_ones.where(FollowUp.next_appointment > today).count() > 0  # coming weeks
    assert open_ones.where(FollowUp.next_appointment <= today).count() > 0  # due now
    for follow_up in FollowUp.select().where(FollowUp.next_appointment.is_null(False)):
        assert follow_up.next_appointment > follow_up.held_on
    idea_holders = {str(i.applicant_id) for i in Idea.select()}
    for applicant in Applicant.select().where(Applicant.id.in_(list(idea_holders))):
        assert "idea_holder" in applicant.categories
    partners = {p.id for p in Partner.select()}
    assert {o.partner_id for o in Outcome.select() if o.partner_id} <= partners
    assert all(i.capital_rials >= 50_000_000 for i in Idea.select())


def test_without_sqlite_shortcuts_the_portable_path_writes_the_same(admin, monkeypatch):
    """Where there is no SQLite connection (PostgreSQL) rows go through peewee."""
    monkeypatch.setattr(ApplicantIndex, "available", staticmethod(lambda: False))
    made = demo.create_demo_applicants(admin, 300, seed=2)
    assert Applicant.select().count() == 300
    assert StatusChange.select().count() == 300 + made.status_changes
    assert (FollowUp.select().count(), Idea.select().count()) == (made.follow_ups, made.ideas)
    moved = Applicant.select().where(Applicant.status != Status.REGISTERED.value).count()
    assert moved == len({s.applicant_id for s in StatusChange.select()
                         .where(StatusChange.status != Status.REGISTERED.value)})  # fmt: skip


def test_demo_people_are_found_by_search(admin):
    demo.create_demo_applicants(admin, 400)
    person = Applicant.select().order_by(Applicant.number).first()
    assert ApplicantSearch(admin, person.national_code[:6]).count() >= 1
    found = ApplicantSearch(admin, f"{person.first_name} {person.last_name}").fetch(0, 1000)
    assert person.file_number in {values[0] for _, values in found}


def test_setup_demo_data_makes_users_and_a_few_hundred_applicants(admin):
    summary = demo.create_demo_data(admin, "demo-pass-1")
    assert summary.usernames == ["clerk", "trainer", "trainer2", "shop"]
    assert [user.username for user in summary.users] == summary.usernames
    assert summary.applicants == demo.DEMO_APPLICANTS == Applicant.select().count()
    assert demo_center.has_demo_data()
    # …and the demo courses, some finished with people who completed and some who did not.
    from desktop.models import Course, Enrollment

    assert Course.select().count() == 5
    statuses = {e.status for e in Enrollment.select()}
    assert {"completed", "failed"} <= statuses
    # …and the demo shops, where the demo shop user sells (tests/test_demo_shop.py).
    from desktop.models import Shop

    assert [shop.code for shop in Shop.select().order_by(Shop.code)] == ["S1", "S2"]


def test_only_an_admin_makes_demo_applicants(admin):
    demo.create_demo_data(admin, "demo-pass-1", applicant_count=0)
    clerk = auth.login("clerk", "demo-pass-1")
    with pytest.raises(PermissionDenied):
        demo.create_demo_applicants(clerk, 10)
    assert Applicant.select().count() == 0


def test_same_seed_same_database():
    first = _fresh_center_snapshot(300, seed=4)
    assert first == _fresh_center_snapshot(300, seed=4)
    assert first != _fresh_center_snapshot(300, seed=5)


def test_large_load_in_a_worker_defers_indexes_and_gives_the_same_people(monkeypatch):
    """The large-load path (worker process, indexes built at the end) makes the same
    people as the small one, and leaves the schema exactly as it was."""
    small = _fresh_center_snapshot(1200, seed=9)
    monkeypatch.setattr(demo, "LARGE_LOAD", 1000)
    monkeypatch.setattr(demo, "BATCH_SIZE", 500)
    open_database(":memory:")
    try:
        initialise_center(
            center_code="TEH05", center_name="مرکز نمونه", city="تهران",
            admin_username="admin", admin_display_name="مدیر", password=PASSWORD,
        )  # fmt: skip
        indexes = sorted(db.execute_sql("SELECT name, sql FROM sqlite_master").fetchall())
        demo.create_demo_applicants(auth.login("admin", PASSWORD), 1200, seed=9)
        assert sorted(db.execute_sql("SELECT name, sql FROM sqlite_master").fetchall()) == indexes
        assert Setting.read(deferred_indexes.PENDING_KEY) is None
        assert _snapshot() == small
    finally:
        close_database()


@pytest.mark.sqlite_only("a bulk load drops SQLite's indexes")
def test_cancel_keeps_whole_batches_and_restores_indexes(admin, monkeypatch):
    monkeypatch.setattr(demo, "LARGE_LOAD", 200)
    monkeypatch.setattr(demo, "BATCH_SIZE", 100)
    schema = sorted(db.execute_sql("SELECT name, sql FROM sqlite_master").fetchall())

    def progress(done: int, total: int) -> None:
        if done >= 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        demo.create_demo_applicants(admin, 500, progress=progress)
    assert Applicant.select().count() == 200
    assert sorted(db.execute_sql("SELECT name, sql FROM sqlite_master").fetchall()) == schema


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def db_path(tmp_path):
    yield str(tmp_path / "demo.sqlite3")
    close_database()


def test_cli_sets_up_a_demo_center_then_adds_more(db_path, capsys):
    assert main(["demo", "--db", db_path, "--applicants", "150"]) == 0
    out = capsys.readouterr().out
    assert "set up demo center DEMO01" in out and "tavana-demo" in out
    assert "applicants: 150 rows" in out
    assert "shop user: shop (works in S1, supervisor; sells at once)" in out
    assert Applicant.select().count() == 150
    assert auth.login("clerk", "tavana-demo").username == "clerk"
    close_database()

    # Twice more with the same seed: new people, no number or national code reused.
    assert main(["demo", "--db", db_path, "--applicants", "150", "--seed", "0"]) == 0
    assert main(["demo", "--db", db_path, "--applicants", "150", "--seed", "0"]) == 0
    out = capsys.readouterr().out
    assert "set up demo center" not in out
    rows = tuples(Applicant.select(Applicant.number, Applicant.national_code))
    assert len(rows) == 450
    assert len({number for number, _ in rows}) == len({code for _, code in rows}) == 450
    assert ChangeLog.select().where(ChangeLog.entity == "applicant").count() == 0


def test_cli_password_file_and_bad_usage(db_path, tmp_path, capsys):
    password_file = tmp_path / "password.txt"
    password_file.write_text("another-pass-9\n", encoding="utf-8")
    args = ["demo", "--db", db_path, "--applicants", "0", "--password-file", str(password_file)]
    assert main(args) == 0
    assert "tavana-demo" not in capsys.readouterr().out
    assert auth.login("admin", "another-pass-9").username == "admin"
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--db", db_path, "--applicants", "-1"])
    assert exited.value.code == 2
    capsys.readouterr()
    password_file.write_text("short\n", encoding="utf-8")
    close_database()
    fresh = str(tmp_path / "other.sqlite3")
    assert (
        main(["demo", "--db", fresh, "--applicants", "5", "--password-file", str(password_file)])
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("error: invalid password") and err.count("\n") == 1
