"""Installation settings and the center manager's name (issue 8, item 7).

A person's name is never a user name: set-up asks for the administrator's full name
and makes it the manager's name printed on certificates; a certificate is never issued
or printed with a user name or no name there, and the refusal names the setting. The
GUI's Settings page and `python -m desktop settings` save through one service.
"""

from __future__ import annotations

import json

import pytest

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import Setting, User
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import auth, certificate_issue, certificates, settings, users
from desktop.services.settings import MANAGER_NAME, list_settings, save_settings
from desktop.services.setup import admin_session, initialise_center
from desktop.services.validation import person_name_error
from desktop.strings.settings import ManagerName, PersonName
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.cli import init_database, run
from tests.helpers.courses import finished_course

ALL = "PPPPPPPPPP"


def set_up(name: str = "", **options):
    initialise_center(
        center_code="TEH05",
        center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
        admin_username="admin",
        admin_display_name=name,
        password=ADMIN_PASSWORD,
        **options,
    )
    return auth.login("admin", ADMIN_PASSWORD)


# -- a person's name -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, error",
    [
        ("مریم کریمی", None),
        ("  مریم   کریمی ", None),
        ("John Smith", None),  # a Latin name with a space is a name
        ("", PersonName.REQUIRED),
        ("admin", PersonName.IS_USERNAME),
        ("Admin", PersonName.IS_USERNAME),
        ("clerk.2", PersonName.IS_USERNAME),
        ("zahra", PersonName.IS_USERNAME),  # one Latin word shaped like a user name
    ],
)
def test_a_persons_name_is_never_a_user_name(typed, error):
    assert person_name_error(typed, ["admin"]) == error


def test_a_user_name_in_any_script_of_digits_is_caught():
    assert person_name_error("کاربر۲", ["کاربر2"]) is None  # not a user name here
    assert person_name_error("ADMIN", ["admin"]) == PersonName.IS_USERNAME


# -- set-up ----------------------------------------------------------------------------------


def test_set_up_requires_the_administrators_full_name(database):
    for name in ("", "admin", "Admin"):
        with pytest.raises(ValidationError) as refused:
            set_up(name)
        assert set(refused.value.errors) == {"admin_display_name"}
    assert User.select().count() == 0  # nothing half-written


def test_set_up_makes_the_administrators_name_the_managers(database):
    admin = set_up("مریم کریمی")
    assert admin.display_name == "مریم کریمی"
    assert certificates.certificate_settings().manager_name == "مریم کریمی"
    listed = {s.key: s for s in list_settings()}
    assert (listed[MANAGER_NAME].value, listed[MANAGER_NAME].is_set) == ("مریم کریمی", True)


def test_a_script_may_leave_the_name_out_and_it_stays_missing(database):
    admin = set_up("", admin_name_required=False)
    assert admin.display_name == ""  # never the user name
    assert certificates.certificate_settings().manager_name == ""
    assert {s.key: s.is_set for s in list_settings()}[MANAGER_NAME] is False


def test_a_script_still_cannot_give_a_user_name_as_the_name(database):
    with pytest.raises(ValidationError):
        set_up("admin", admin_name_required=False)


def test_a_users_full_name_is_not_a_user_name(admin):
    with pytest.raises(ValidationError) as refused:
        users.add_user(
            admin, username="clerk1", display_name="clerk1", role="clerk", password="12345678"
        )
    assert refused.value.errors == {"display_name": PersonName.IS_USERNAME}
    with pytest.raises(ValidationError):  # another user's name is no better
        users.add_user(
            admin, username="clerk1", display_name="ADMIN", role="clerk", password="12345678"
        )


# -- the settings service ------------------------------------------------------------------


def test_save_checks_every_value_and_writes_all_or_none(admin):
    with pytest.raises(ValidationError) as refused:
        save_settings(admin, {"money_unit": "toman", "theme": "no-such-theme"})
    assert set(refused.value.errors) == {"theme"}
    assert settings.load_settings().money_unit.value == "rial"  # nothing written
    save_settings(admin, {"money_unit": "toman", MANAGER_NAME: "  دکتر   حمید رحیمی "})
    assert settings.load_settings().money_unit.value == "toman"
    assert settings.read_setting(MANAGER_NAME) == "دکتر حمید رحیمی"  # normalised


@pytest.mark.parametrize(
    "key, value",
    [
        ("money_unit", "euro"),
        ("display_mode", "rtl"),
        ("theme", "darkly"),  # a ttkbootstrap theme the app does not offer
        (MANAGER_NAME, ""),
        (MANAGER_NAME, "admin"),
        ("certificate_logo_path", "/no/such/logo.png"),
    ],
)
def test_bad_values_are_refused_by_key(admin, key, value):
    before = Setting.read(key)
    with pytest.raises(ValidationError) as refused:
        save_settings(admin, {key: value})
    assert set(refused.value.errors) == {key}
    assert Setting.read(key) == before


def test_unknown_keys_and_other_roles_are_refused(admin):
    with pytest.raises(UserError) as refused:
        save_settings(admin, {"demo_data": "0"})  # internal flags are no settings
    assert (refused.value.code, refused.value.field) == ("unknown_setting", "demo_data")
    clerk = users.add_user(
        admin, username="clerk1", display_name="زهرا احمدی", role="clerk", password="12345678"
    )
    with pytest.raises(PermissionDenied):
        save_settings(auth.login(clerk.username, "12345678"), {"theme": "minty-light"})


def test_list_shows_every_key_with_its_default_and_whether_it_is_set(admin):
    listed = {s.key: s for s in list_settings()}
    assert list(listed) == list(settings.SETTING_KEYS)
    assert (listed["money_unit"].value, listed["money_unit"].is_set) == ("rial", False)
    assert listed["money_unit"].choices == ("rial", "toman")
    assert (listed["certificate_logo_path"].value, listed["certificate_logo_path"].is_set) == (
        "",
        False,
    )


# -- certificates never carry a user name or no name -------------------------------------


@pytest.fixture
def course(admin):
    record, ids = finished_course(admin, admin.user_id, [ALL, ALL])
    return record, ids


@pytest.mark.parametrize(
    "stored, code",
    [("", "manager_name_missing"), ("admin", "manager_name_is_username")],
)
def test_issuing_and_printing_stop_at_a_missing_or_user_name(
    admin, course, renderer, tmp_path, stored, code
):
    record, ids = course
    Setting.write(MANAGER_NAME, stored)  # as an older version or a script left it
    attempts = (
        lambda: certificates.issue_certificate(admin, ids[0]),
        lambda: certificates.issue_course_certificates(admin, record.id),
        lambda: certificates.print_course(admin, record.id, tmp_path / "out.pdf"),
    )
    for attempt in attempts:
        with pytest.raises(UserError) as refused:
            attempt()
        assert (refused.value.code, refused.value.field) == (code, "manager_name")
        assert "تنظیمات ← گواهینامه‌ها ← نام مدیر مرکز" in refused.value.message
    assert certificates.course_certificates(admin, record.id) == []
    assert renderer == []


def test_a_certificate_signed_with_a_user_name_is_not_printed_again(
    admin, course, renderer, tmp_path, monkeypatch
):
    record, ids = course
    with monkeypatch.context() as old_version:  # it issued with the user name
        old_version.setattr(certificate_issue, "manager_name", lambda: "admin")
        issued = certificates.issue_certificate(admin, ids[0])
    with pytest.raises(UserError) as refused:
        certificates.reprint_certificate(admin, issued.id, tmp_path / "again.pdf")
    assert refused.value.message == ManagerName.ISSUED_WITH_USERNAME.format(
        serial=issued.serial, name="admin"
    )
    with pytest.raises(UserError):
        certificates.print_course(admin, record.id, tmp_path / "all.pdf")
    assert renderer == []


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def db_path(tmp_path):
    yield init_database(tmp_path)
    close_database()


def test_init_without_a_name_leaves_it_missing_and_says_so(tmp_path, capsys):
    try:
        init_database(tmp_path)
        assert "certificate_manager_name" in capsys.readouterr().out
        assert admin_session().display_name == ""
    finally:
        close_database()


def test_settings_list_as_text_and_json(db_path, capsys):
    code, out, err = run(capsys, "settings", "list", "--db", db_path)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "display_mode\tauto",
        "money_unit\trial",
        "theme\tbootstrap-light",
        "certificate_manager_name\t",
        "certificate_logo_path\t",
    ]
    code, out, _ = run(capsys, "settings", "list", "--db", db_path, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[1] == {
        "key": "money_unit",
        "value": "rial",
        "set": False,
        "choices": ["rial", "toman"],
    }
    assert rows[3] == {"key": MANAGER_NAME, "value": "", "set": False, "choices": None}


def test_settings_set_saves_through_the_service(db_path, capsys):
    code, out, err = run(capsys, "settings", "set", "--db", db_path, MANAGER_NAME, "مریم کریمی")
    assert (code, err) == (0, "") and out == f"{MANAGER_NAME} set to 'مریم کریمی'\n"
    code, out, _ = run(capsys, "settings", "set", "--db", db_path, "money_unit", "toman")
    assert code == 0
    code, out, _ = run(capsys, "settings", "list", "--db", db_path)
    assert "money_unit\ttoman" in out.splitlines()
    assert f"{MANAGER_NAME}\tمریم کریمی" in out.splitlines()


@pytest.mark.parametrize(
    "key, value, start",
    [
        (
            "money_unit",
            "euro",
            "error: bad value for money_unit: 'euro'; expected one of: rial, toman",
        ),
        (MANAGER_NAME, "admin", f"error: bad value for {MANAGER_NAME}: 'admin'; expected the"),
        ("colour", "red", "error: unknown setting 'colour'; known: display_mode, money_unit"),
    ],
)
def test_settings_set_refuses_with_one_line(db_path, capsys, key, value, start):
    code, out, err = run(capsys, "settings", "set", "--db", db_path, key, value)
    assert (code, out) == (1, "")
    assert err.startswith(start) and err.count("\n") == 1
    assert Setting.read(key) is None  # nothing written


def test_settings_on_a_database_not_set_up(tmp_path, capsys):
    path = str(tmp_path / "empty.sqlite3")
    open_database(path)  # a database whose set-up never ran
    close_database()
    try:
        code, _, err = run(capsys, "settings", "list", "--db", path)
        assert code == 1 and "not set up yet" in err
    finally:
        close_database()
