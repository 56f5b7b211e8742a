"""The key file's passphrase in the app (views/unlock_keys.py): an administrator who logs
in while the keys are locked is asked for it, a wrong one is said under the field, «Later»
leaves the keys locked; a clerk is never asked, and writing a sync file tells them to ask
an administrator; the settings page shows where the keys are, protects and unlocks them.

"A new run of the app" is `forget_unlocked()`: unlocking lives in the process's memory.
"""

from __future__ import annotations

import pytest

from desktop.models import protected_keys
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.models.private_keys import forget_unlocked
from desktop.models.protected_keys import KdfCost
from desktop.services import center_keys
from desktop.services.key_protection import (
    MIN_PASSPHRASE_LENGTH,
    keys_status,
    protect_keys,
)
from desktop.strings.keys import KeyMessages
from desktop.strings.keys_views import KeysSectionText, ProtectText, UnlockText
from desktop.text.digits import format_number
from desktop.text.display import ltr_in_rtl
from desktop.views.main_window import MainWindow
from desktop.views.settings_view import SettingsView
from desktop.views.shell import Shell
from desktop.views.sync_view import SyncView
from desktop.views.unlock_keys import KeysSection, ProtectKeysDialog, UnlockKeysDialog
from tests.conftest import ADMIN_PASSWORD
from tests.factories import set_up_center
from tests.gui.conftest import pump
from tests.helpers.gui import dialog_text, fill, make_context, press_return, show
from tests.helpers.people import USER_PASSWORD, login_as, person
from tests.helpers.sync import headquarters

PASSPHRASE = "a long passphrase, said once"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(protected_keys, "KDF_COST", KdfCost(memory_kib=64, iterations=1, lanes=1))
    forget_unlocked()
    yield
    forget_unlocked()


@pytest.fixture
def center_file(tmp_path):
    """A center on a file, whose signing key is in a plain key file beside it."""
    path = tmp_path / "center.sqlite3"
    open_database(path)
    admin = set_up_center()
    center_keys.signing_key("TEH05", admin.user_id)
    yield path, admin
    close_database()


def logged_in(shell, username, password):
    login = shell.page
    fill(login.form, username=username, password=password)
    login.submit_button.invoke()
    pump(shell)
    assert isinstance(shell.page, MainWindow)


def test_an_administrator_is_asked_for_the_passphrase_after_logging_in(window, center_file):
    path, admin = center_file
    protect_keys(admin, PASSPHRASE)
    forget_unlocked()  # a new run of the app
    shell = Shell(window, make_context(database=str(path)))
    shell.pack(fill="both", expand=True)
    pump(window)

    logged_in(shell, "admin", ADMIN_PASSWORD)

    dialog = shell.unlock_dialog
    assert isinstance(dialog, UnlockKeysDialog) and dialog.winfo_ismapped()
    assert dialog.wm_title() == UnlockText.TITLE
    assert UnlockText.EXPLAIN in dialog_text(dialog)
    entry = dialog.entry("passphrase")
    assert dialog.focus_get() is entry
    fill(dialog.form, passphrase="not the passphrase at all")
    press_return(entry)
    assert dialog.form.error_text("passphrase") == KeyMessages.WRONG_PASSPHRASE
    assert entry.get() == "" and dialog.winfo_exists()
    assert keys_status().locked

    fill(dialog.form, passphrase=PASSPHRASE)
    dialog.submit_button.invoke()
    pump(window)
    assert not dialog.winfo_exists()
    assert not keys_status().locked


def test_later_leaves_the_keys_locked_and_a_clerk_is_never_asked(window, center_file):
    path, admin = center_file
    login_as(admin, "clerk1", "clerk")
    protect_keys(admin, PASSPHRASE)
    forget_unlocked()
    shell = Shell(window, make_context(database=str(path)))
    shell.pack(fill="both", expand=True)
    pump(window)
    logged_in(shell, "admin", ADMIN_PASSWORD)
    dialog = shell.unlock_dialog
    assert isinstance(dialog, UnlockKeysDialog)
    assert dialog.cancel_button.logical_text == UnlockText.LATER

    dialog.entry("passphrase").event_generate("<Escape>")
    pump(window)
    assert not dialog.winfo_exists() and keys_status().locked

    shell.unlock_dialog = None
    shell.show_login()
    pump(window)
    logged_in(shell, "clerk1", USER_PASSWORD)
    assert shell.unlock_dialog is None


def test_a_clerk_writing_a_sync_file_while_locked_is_told_to_ask_an_administrator(window, tmp_path):
    sites = headquarters(tmp_path)
    sites.add_center("TEH05", "مرکز منطقهٔ ۵")
    usb = tmp_path / "usb"
    usb.mkdir()
    with sites.at("TEH05") as admin:
        person(admin, "مریم")
        clerk = login_as(admin, "clerk1", "clerk")
        protect_keys(admin, PASSPHRASE)
        forget_unlocked()
        view = SyncView(
            window,
            make_context(clerk),
            ask_save=lambda **options: str(usb / options["initialfile"]),
        )
        show(window, view)
        view.write_button.invoke()
        pump(window)
        key_file = f"{sites.centers['TEH05']}.keys"
        assert view.message.logical_text == KeyMessages.LOCKED.format(where=key_file)
        assert list(usb.iterdir()) == []
        view.destroy()


def test_the_settings_page_protects_the_keys_and_unlocks_them(big_window, center_file):
    path, admin = center_file
    context = make_context(admin, database=str(path))
    page = SettingsView(big_window, context)
    assert isinstance(page.keys_section, KeysSection)  # the page's last part
    page.destroy()
    section = show(big_window, KeysSection(big_window, context))
    where = KeysSectionText.IN_FILE.format(path=ltr_in_rtl(f"{path}.keys"))
    assert section.where.logical_text == where
    assert section.protect_button.winfo_ismapped() and not section.unlock_button.winfo_ismapped()

    section.protect_button.invoke()
    pump(big_window)
    dialog = section.dialog
    assert isinstance(dialog, ProtectKeysDialog)
    hint = ProtectText.PASSPHRASE_HINT.format(minimum=format_number(MIN_PASSPHRASE_LENGTH))
    assert hint in dialog_text(dialog).split("\n")  # under the field, before any error
    fill(dialog.form, passphrase="short", passphrase_confirm="short")
    press_return(dialog.entry("passphrase"))
    assert dialog.form.error_text("passphrase") == KeyMessages.PASSPHRASE_SHORT.format(
        minimum=format_number(MIN_PASSPHRASE_LENGTH)
    )
    fill(dialog.form, passphrase=PASSPHRASE, passphrase_confirm=PASSPHRASE + "!")
    press_return(dialog.entry("passphrase_confirm"))
    assert dialog.form.error_text("passphrase_confirm") == KeyMessages.PASSPHRASE_MISMATCH
    assert keys_status().where == "file"  # nothing sealed yet
    fill(dialog.form, passphrase=PASSPHRASE, passphrase_confirm=PASSPHRASE)
    dialog.submit_button.invoke()
    pump(big_window)

    assert not dialog.winfo_exists()
    assert keys_status().where == "protected_file" and not keys_status().locked
    protected = KeysSectionText.IN_PROTECTED_FILE.format(path=ltr_in_rtl(f"{path}.keys"))
    assert section.where.logical_text == f"{protected}\n{KeysSectionText.UNLOCKED}"
    assert section.done.logical_text == ProtectText.PROTECTED
    assert not section.protect_button.winfo_ismapped()

    forget_unlocked()  # as the next run of the app finds it
    section.refresh()
    pump(big_window)
    assert section.where.logical_text == f"{protected}\n{KeysSectionText.LOCKED}"
    assert section.unlock_button.winfo_ismapped()
    section.unlock_button.invoke()
    pump(big_window)
    unlock = section.dialog
    assert isinstance(unlock, UnlockKeysDialog)
    fill(unlock.form, passphrase=PASSPHRASE)
    press_return(unlock.entry("passphrase"))
    pump(big_window)
    assert not unlock.winfo_exists() and not keys_status().locked
    assert section.done.logical_text == UnlockText.UNLOCKED
    assert not section.unlock_button.winfo_ismapped()


def test_an_administrator_refused_for_locked_keys_is_asked_there(window, tmp_path, monkeypatch):
    from desktop.views import unlock_keys

    asked: list[object] = []
    monkeypatch.setattr(
        unlock_keys, "UnlockKeysDialog", lambda parent, context: asked.append(parent)
    )
    sites = headquarters(tmp_path)
    sites.add_center("TEH05", "مرکز منطقهٔ ۵")
    usb = tmp_path / "usb"
    usb.mkdir()
    with sites.at("TEH05") as admin:
        person(admin, "مریم")
        protect_keys(admin, PASSPHRASE)
        forget_unlocked()
        view = SyncView(
            window,
            make_context(admin),
            ask_save=lambda **options: str(usb / options["initialfile"]),
        )
        show(window, view)
        view.write_button.invoke()
        pump(window)
        assert asked == [view] and list(usb.iterdir()) == []
        view.destroy()
