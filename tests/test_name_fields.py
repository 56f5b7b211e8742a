"""Every name field refuses what only a spreadsheet formula or a placeholder would be
(issue 8, item 19): a user's full name, the center manager's name, the administrator's
and the center's names at set-up, applicants' names, course and idea titles, an
employer. A person's name besides has at least two letters («-» or «a» names nobody).

The rule lives in desktop/services/validation.py (`name_problem`,
`person_name_problem`); these tests go through the services and the command line.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.cli import main
from desktop.errors import ValidationError
from desktop.models import Center, Setting, User
from desktop.models.db import close_database
from desktop.services import auth, casework, courses, setup, users
from desktop.services.settings import MANAGER_NAME, save_settings
from desktop.services.spreadsheet import FORMULA_TRIGGERS
from desktop.services.validation import Collector, clean_center_name, person_name_error
from desktop.strings.settings import PersonName
from desktop.strings.spreadsheet import NAME_STARTS_LIKE_FORMULA
from tests.conftest import ADMIN_PASSWORD
from tests.factories import register
from tests.helpers.courses import course_input

FORMULA = '=HYPERLINK("x")'


@pytest.mark.parametrize(
    "typed, error",
    [
        (FORMULA, NAME_STARTS_LIKE_FORMULA),
        ("@SUM(A1)", NAME_STARTS_LIKE_FORMULA),
        ("+98 مریم", NAME_STARTS_LIKE_FORMULA),
        ("-", NAME_STARTS_LIKE_FORMULA),
        ("\t=1+1", NAME_STARTS_LIKE_FORMULA),  # white space first does not hide it
        ("a", PersonName.TOO_FEW_LETTERS),
        ("ع", PersonName.TOO_FEW_LETTERS),
        ("ع.", PersonName.TOO_FEW_LETTERS),
        (". 1 .", PersonName.TOO_FEW_LETTERS),
        ("علی", None),
        ("مریم کریمی-نژاد", None),  # a dash inside a name is a name
        ("Jo Li", None),
    ],
)
def test_a_persons_name_is_a_name(typed, error):
    assert person_name_error(typed) == error


def _center_name_error(typed: str) -> str | None:
    found = Collector()
    clean_center_name(typed, found)
    return found.errors.get("center_name")


@given(trigger=st.sampled_from(FORMULA_TRIGGERS[:4]), rest=st.text(min_size=2, max_size=30))
def test_no_name_field_takes_a_formula(trigger, rest):
    typed = trigger + "مریم" + rest
    assert person_name_error(typed) == NAME_STARTS_LIKE_FORMULA
    assert _center_name_error(typed) == NAME_STARTS_LIKE_FORMULA


def _no_letter_once_folded(text: str) -> bool:
    """Without a letter even as the app folds it (﷼, a symbol, is the word ریال)."""
    folded = unicodedata.normalize("NFKC", text)
    return not any(unicodedata.category(c).startswith("L") for c in folded)


@given(
    st.text(alphabet=st.characters(categories=["Nd", "P", "S", "Zs"]), max_size=12).filter(
        _no_letter_once_folded
    )
)
def test_a_name_without_two_letters_is_nobodys(typed):
    assert person_name_error(typed + "ب") is not None


# -- through the services ----------------------------------------------------------------


@pytest.mark.parametrize("typed", [FORMULA, "-", "a"])
def test_a_users_full_name(admin, typed):
    with pytest.raises(ValidationError) as refused:
        users.add_user(
            admin, username="clerk1", display_name=typed, role="clerk", password="12345678"
        )
    assert set(refused.value.errors) == {"display_name"}
    with pytest.raises(ValidationError) as refused:
        auth.change_display_name(admin, typed)
    assert set(refused.value.errors) == {"display_name"}
    assert User.by_username("clerk1", admin.center_code) is None


@pytest.mark.parametrize("typed", [FORMULA, "-", "a"])
def test_the_managers_name(admin, typed):
    with pytest.raises(ValidationError) as refused:
        save_settings(admin, {MANAGER_NAME: typed})
    assert set(refused.value.errors) == {MANAGER_NAME}
    assert Setting.read(MANAGER_NAME) == "مدیر مرکز"  # as set up, unchanged


def test_set_up_and_renaming_the_center(database):
    with pytest.raises(ValidationError) as refused:
        setup.initialise_center(
            center_code="TEH05",
            center_name=FORMULA,
            city="-",
            admin_username="admin",
            admin_display_name="@admin",
            password=ADMIN_PASSWORD,
        )
    assert refused.value.errors == {
        "center_name": NAME_STARTS_LIKE_FORMULA,
        "city": NAME_STARTS_LIKE_FORMULA,
        "admin_display_name": NAME_STARTS_LIKE_FORMULA,
    }
    assert Center.select().count() == 0
    from tests.factories import set_up_center

    admin = set_up_center(ADMIN_PASSWORD)
    with pytest.raises(ValidationError) as refused:
        setup.rename_center(admin, "+مرکز پنج")
    assert set(refused.value.errors) == {"center_name"}


def test_applicants_names(admin):
    for field in ("first_name", "last_name", "father_name"):
        for typed in (FORMULA, "ع"):
            with pytest.raises(ValidationError) as refused:
                register(admin, **{field: typed})
            assert field in refused.value.errors


def test_titles_and_an_employer(admin):
    with pytest.raises(ValidationError) as refused:
        courses.create_course(admin, course_input(None, title="=cmd|' /C calc'!A0"))
    assert refused.value.errors.get("title") == NAME_STARTS_LIKE_FORMULA
    person = register(admin)
    with pytest.raises(ValidationError) as refused:
        casework.add_idea(admin, person, title="@SUM(1)")
    assert refused.value.errors == {"title": NAME_STARTS_LIKE_FORMULA}
    with pytest.raises(ValidationError) as refused:
        casework.add_outcome(
            admin, person, kind="wage_job", started_on=dt.date.today(), employer="-2+3+cmd|x"
        )
    assert refused.value.errors == {"employer": NAME_STARTS_LIKE_FORMULA}


# -- through the command line --------------------------------------------------------------


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password.txt"
    path.write_text("s3cret-pass\n", encoding="utf-8")
    yield str(path)
    close_database()


def _one_line(capsys, argv):
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, out) == (1, "") and err.startswith("error: ") and err.count("\n") == 1, err
    return err


def test_cli_init_refuses_every_bad_name_at_once(tmp_path, password_file, capsys):
    path = str(tmp_path / "center.sqlite3")
    err = _one_line(
        capsys,
        ["init", "--db", path, "--center-code", "TEH05", "--center-name", FORMULA,
         "--admin", "admin", "--admin-name", "-", "--password-file", password_file],
    )  # fmt: skip
    assert "center_name" in err and "admin_display_name" in err


def test_cli_users_add_and_settings_set(tmp_path, password_file, capsys):
    path = str(tmp_path / "center.sqlite3")
    init = ["init", "--db", path, "--center-code", "TEH05", "--center-name", "مرکز پنج"]
    assert main([*init, "--admin", "admin", "--password-file", password_file]) == 0
    err = _one_line(
        capsys,
        ["users", "add", "--db", path, "--username", "clerk1", "--name", FORMULA,
         "--role", "clerk", "--password-file", password_file],
    )  # fmt: skip
    assert "display_name" in err
    assert User.get_or_none(User.username == "clerk1") is None
    err = _one_line(capsys, ["settings", "set", "--db", path, MANAGER_NAME, FORMULA])
    assert err.startswith("error: bad value for certificate_manager_name")
    err = _one_line(capsys, ["settings", "set", "--db", path, MANAGER_NAME, "a"])
    assert Setting.read(MANAGER_NAME) is None
