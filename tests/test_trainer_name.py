"""A certificate names its trainer, never a user name or no one (issue 8, items 7 and 8
as the reviewer found them): a trainer added by a script without a full name, or whose
name on an upgraded database is their user name, stops issuing and printing with a
message naming what to fill in; an administrator fills it in (`users.set_display_name`,
`users set-name`, the Users page). One test of "is this a person's name"
(`users.person_name`) serves the certificates, the home page and the window's header.
"""

from __future__ import annotations

import uuid

import pytest

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import Course, User, writes
from desktop.models.db import close_database
from desktop.services import auth, certificate_issue, certificates, courses, dashboard, users
from desktop.services.setup import admin_session
from desktop.strings import Auth
from desktop.strings.settings import PersonName, TrainerName
from tests.helpers.cli import init_database, run
from tests.helpers.courses import finished_course

ALL = "PPPPPPPPPP"

OLD = "an older version's database, as it was written"


def unnamed_trainer(admin, username="trainer1"):
    """A trainer as `users add` without --name leaves them."""
    return users.add_user(
        admin,
        username=username,
        display_name="",
        role="trainer",
        password="12345678",
        name_required=False,
    )


def attempts(admin, record, ids, tmp_path):
    return (
        lambda: certificates.issue_certificate(admin, ids[0]),
        lambda: certificates.issue_course_certificates(admin, record.id),
        lambda: certificates.print_course(admin, record.id, tmp_path / "out.pdf"),
    )


@pytest.mark.parametrize("upgraded", [False, True])
def test_no_certificate_without_the_trainers_name(admin, renderer, tmp_path, upgraded):
    trainer = unnamed_trainer(admin)
    if upgraded:  # an older version defaulted the full name to the user name
        with writes.unlogged(OLD):
            User.update(display_name="trainer1").where(User.id == trainer.id).execute()
    record, ids = finished_course(admin, trainer.id, [ALL, ALL])
    for attempt in attempts(admin, record, ids, tmp_path):
        with pytest.raises(UserError) as refused:
            attempt()
        assert (refused.value.code, refused.value.field) == (
            "trainer_name_missing",
            "trainer_name",
        )
        assert refused.value.message == TrainerName.MISSING.format(username="trainer1")
    assert certificates.course_certificates(admin, record.id) == []
    assert renderer == []

    users.set_display_name(admin, trainer.id, "علی رضایی")
    made = certificates.print_course(admin, record.id, tmp_path / "out.pdf")
    assert (made.issued, made.printed) == (2, 2)
    assert [data.trainer_name for data in renderer[0]] == ["علی رضایی", "علی رضایی"]


def test_a_course_whose_trainer_is_no_user_here_issues_nothing(admin, renderer, tmp_path):
    """Every course is made with a trainer; a record naming no user (damaged, or made
    elsewhere) would print an empty «مدرس دوره» line: refused, saying to choose one."""
    record, ids = finished_course(admin, admin.user_id, [ALL])
    with writes.unlogged("a damaged record, as a test makes it"):
        Course.update(trainer=str(uuid.uuid4())).where(Course.id == record.id).execute()
    for attempt in attempts(admin, record, ids, tmp_path):
        with pytest.raises(UserError) as refused:
            attempt()
        assert (refused.value.code, refused.value.message) == (
            "trainer_missing",
            TrainerName.NO_TRAINER,
        )
    assert certificates.course_certificates(admin, record.id) == []


@pytest.mark.parametrize("stored", ["", "trainer1"])
def test_a_certificate_issued_without_the_trainers_name_is_not_printed_again(
    admin, renderer, tmp_path, monkeypatch, stored
):
    trainer = users.add_user(
        admin, username="trainer1", display_name="علی رضایی", role="trainer", password="12345678"
    )
    _record, ids = finished_course(admin, trainer.id, [ALL])
    with monkeypatch.context() as old_version:  # it issued with what the user row held
        old_version.setattr(certificate_issue, "trainer_name", lambda course: stored)
        issued = certificates.issue_certificate(admin, ids[0])
    with pytest.raises(UserError) as refused:
        certificates.reprint_certificate(admin, issued.id, tmp_path / "again.pdf")
    assert refused.value.code == "trainer_name_not_printed"
    template = TrainerName.ISSUED_WITH_USERNAME if stored else TrainerName.ISSUED_WITHOUT
    assert refused.value.message == template.format(serial=issued.serial, name=stored)
    assert renderer == []


# -- one test of a person's name, in every place that shows one ------------------------


def test_an_upgraded_databases_user_name_is_no_persons_name(admin):
    with writes.unlogged(OLD):
        User.update(display_name="admin").where(User.id == admin.user_id).execute()
    session = auth.login("admin", "admin-pass-1")
    assert users.person_name(session.display_name) == ""
    assert dashboard.summary(session).person_name == ""
    assert users.person_name("مدیر مرکز") == "مدیر مرکز"


def test_lists_to_choose_from_mark_a_trainer_without_a_name(admin):
    trainer = unnamed_trainer(admin)
    assert dict(courses.trainers(admin))[trainer.id] == Auth.UNNAMED_USER.format(
        username="trainer1"
    )
    listed = {row.username: row.name_missing for row in users.list_users(admin)}
    assert listed == {"admin": False, "trainer1": True}


def test_only_an_administrator_names_someone_else(admin):
    trainer = unnamed_trainer(admin)
    clerk = users.add_user(
        admin, username="clerk1", display_name="زهرا احمدی", role="clerk", password="12345678"
    )
    clerk_session = auth.login("clerk1", "12345678")
    with pytest.raises(PermissionDenied):
        users.set_display_name(clerk_session, trainer.id, "علی رضایی")
    assert users.set_display_name(clerk_session, clerk.id, "زهرا کریمی").display_name == (
        "زهرا کریمی"
    )
    with pytest.raises(ValidationError) as refused:
        users.set_display_name(admin, trainer.id, "trainer1")
    assert refused.value.errors == {"display_name": PersonName.IS_USERNAME}


# -- the command line ------------------------------------------------------------------------


def test_cli_print_stops_then_users_set_name_fills_it_in(tmp_path, renderer, capsys):
    path = init_database(tmp_path, "--admin-name", "مریم کریمی")
    try:
        trainer = unnamed_trainer(admin_session())
        record, _ids = finished_course(admin_session(), trainer.id, [ALL])
        out_file = str(tmp_path / "out.pdf")
        printing = ["certificates", "print", "--db", path, "--course", record.code]
        code, out, err = run(capsys, *printing, "--out", out_file)
        assert (code, out) == (1, "") and err.count("\n") == 1
        assert err.startswith("error: the course's trainer has no full name")
        assert "users set-name --username USER" in err

        code, out, err = run(
            capsys, "users", "set-name", "--db", path, "--username", "TRAINER1", "--name", "a"
        )
        assert code == 1 and "display_name" in err and err.count("\n") == 1
        code, out, err = run(
            capsys, "users", "set-name", "--db", path, "--username", "nobody", "--name", "علی"
        )
        assert code == 1 and err.startswith("error: not found")
        code, out, _ = run(
            capsys, "users", "set-name", "--db", path, "--username", "trainer1",
            "--name", "علی رضایی",
        )  # fmt: skip
        assert code == 0 and out == "the full name of trainer1 is علی رضایی\n"
        code, out, _ = run(capsys, *printing, "--out", out_file)
        assert code == 0 and [data.trainer_name for data in renderer[0]] == ["علی رضایی"]
    finally:
        close_database()
