"""Demo users are the documented ones with the documented password (or the one given)
in every path — a new demo center, a center set up by `init`, the set-up dialog — and
`demo` says which users exist with which password. The demo center's settings that a
certificate prints are filled where empty, so no certificate names a user name."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.errors import UserError
from desktop.models import Certificate, Setting, User
from desktop.models.db import close_database
from desktop.services import auth, certificates, demo, demo_center
from desktop.services.setup import admin_session

DOCUMENTED = ["clerk", "trainer", "trainer2", "shop"]


@pytest.fixture
def db_path(tmp_path):
    yield str(tmp_path / "center.sqlite3")
    close_database()


def init(db_path, tmp_path, *, admin_name: str | None = None) -> None:
    password = tmp_path / "admin-password.txt"
    password.write_text("admin-pass-1\n", encoding="utf-8")
    words = ["init", "--db", db_path, "--center-code", "TEH05", "--city", "تهران",
             "--center-name", "مرکز خدمات اجتماعی منطقهٔ ۵", "--admin", "boss",
             "--password-file", str(password)]  # fmt: skip
    if admin_name is not None:
        words += ["--admin-name", admin_name]
    assert main(words) == 0
    close_database()


def logs_in(username: str, password: str) -> bool:
    try:
        auth.login(username, password)
    except UserError:
        return False
    return True


def test_demo_on_an_init_database_makes_the_documented_users(db_path, tmp_path, capsys):
    init(db_path, tmp_path)
    capsys.readouterr()
    assert main(["demo", "--db", db_path, "--applicants", "120"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "users with password tavana-demo: clerk, trainer, trainer2, shop" in out
    assert "users keeping their own password: boss" in out
    for username in DOCUMENTED:
        assert logs_in(username, demo_center.DEMO_PASSWORD), username
    assert logs_in("boss", "admin-pass-1")  # the administrator's own, untouched
    # Every trainer of a demo course is a documented demo user (no random passwords).
    assert {c.trainer_name for c in _courses()} <= {"علی رضایی", "سمیه موسوی"}
    assert User.select().count() == 5


def test_password_file_on_an_init_database(db_path, tmp_path, capsys):
    init(db_path, tmp_path)
    given = tmp_path / "demo-password.txt"
    given.write_text("training-pass-7\n", encoding="utf-8")
    capsys.readouterr()
    words = ["demo", "--db", db_path, "--applicants", "0", "--password-file", str(given)]
    assert main(words) == 0
    out = capsys.readouterr().out
    assert "users with password from --password-file: clerk, trainer, trainer2, shop" in out
    assert "training-pass-7" not in out and "tavana-demo" not in out
    for username in DOCUMENTED:
        assert logs_in(username, "training-pass-7")


def test_new_demo_center_then_a_second_run(db_path, capsys):
    assert main(["demo", "--db", db_path, "--applicants", "0"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "users with password tavana-demo: admin, clerk, trainer, trainer2, shop" in out
    for username in ["admin", *DOCUMENTED]:
        assert logs_in(username, demo_center.DEMO_PASSWORD)
    close_database()
    assert main(["demo", "--db", db_path, "--applicants", "0"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "users keeping their own password: admin, clerk, trainer, trainer2, shop" in out
    assert not any(line.startswith("users with password") for line in out)


def test_a_bad_password_file_writes_nothing(db_path, tmp_path, capsys):
    init(db_path, tmp_path)
    short = tmp_path / "short.txt"
    short.write_text("short\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["demo", "--db", db_path, "--applicants", "5", "--password-file", str(short)]) == 1
    assert capsys.readouterr().err.startswith("error: invalid password")
    assert User.select().count() == 1 and Setting.read(demo_center.DEMO_FLAG) is None


def test_set_up_dialog_path_returns_every_demo_user_with_its_role(admin):
    summary = demo.create_demo_data(admin, "demo-pass-1", applicant_count=0)
    assert [(u.username, u.role.value, u.created) for u in summary.users] == [
        ("clerk", "clerk", True),
        ("trainer", "trainer", True),
        ("trainer2", "trainer", True),
        ("shop", "shop", True),
    ]
    assert all(logs_in(u.username, "demo-pass-1") for u in summary.users)
    again = demo.create_demo_data(admin, "other-pass-2", applicant_count=0)
    assert again.usernames == [] and not any(u.created for u in again.users)
    assert logs_in("clerk", "demo-pass-1")  # made before: its password stays


# -- the demo center's settings ---------------------------------------------------------


def test_demo_fills_the_manager_name_so_certificates_never_name_a_user(db_path, tmp_path):
    init(db_path, tmp_path)  # no --admin-name: the administrator has no name of a person
    assert main(["demo", "--db", db_path, "--applicants", "150"]) == 0
    assert certificates.certificate_settings().manager_name == demo_center.DEMO_MANAGER_NAME
    boss = User.get(User.username == "boss")
    assert boss.display_name == demo_center.DEMO_MANAGER_NAME
    usernames = {user.username for user in User.select()}
    printed = {row.manager_name for row in Certificate.select()}
    assert printed == {demo_center.DEMO_MANAGER_NAME}  # the demo's certificates, none blank
    assert not printed & usernames


def test_demo_keeps_names_set_before(db_path, tmp_path):
    init(db_path, tmp_path, admin_name="پروین اعتمادی")
    from desktop.models.opening import open_database

    open_database(db_path)
    certificates.save_certificate_settings(admin_session(), manager_name="مهدی کاظمی", logo_path="")
    close_database()
    assert main(["demo", "--db", db_path, "--applicants", "0"]) == 0
    assert certificates.certificate_settings().manager_name == "مهدی کاظمی"
    assert User.get(User.username == "boss").display_name == "پروین اعتمادی"


def _courses():
    from desktop.services import courses

    return courses.list_courses(admin_session())


def test_demo_fills_an_empty_center_name(admin):
    from desktop.models import Center, writes

    with writes.unlogged("a test: as an older or hand-made database might hold"):
        Center.update(name="").execute()
    demo.create_demo_data(admin, "demo-pass-1", applicant_count=0)
    assert Center.local().name == demo_center.DEMO_CENTER_NAME
