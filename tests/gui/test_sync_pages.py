"""Sync and headquarters' pages driven with real widgets: a center writes a sync file and
reads HQ's acknowledgement (and its notices); HQ imports files, sees its centers, its
refused files and its cross-center duplicates, and provisions a center that the set-up
dialog then sets up from the file. HQ and centers are separate SQLite files opened one
at a time (tests/helpers/sync.py); the file dialogs are replaced by what a person
would have chosen."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.models import Setting
from desktop.services import applicants, auth, center_sync, certificates
from desktop.services.certificate_search import VerifyStatus
from desktop.services.demo_center import DEMO_FLAG
from desktop.services.hq import acks, duplicates, imports
from desktop.services.session import Role
from desktop.services.setup import is_initialised
from desktop.services.sync_keys import headquarters as hq_keys
from desktop.strings.hq_views import REFUSAL_REASONS
from desktop.strings.hq_views import Duplicates as DuplicateTexts
from desktop.strings.hq_views import Imports as HqTexts
from desktop.strings.sync import SyncMessages
from desktop.strings.sync_views import SyncPage
from desktop.views.hq.centers_view import CentersView
from desktop.views.hq.duplicates_view import DuplicatesView
from desktop.views.hq.imports_view import ImportView
from desktop.views.hq.provision_view import ProvisionView
from desktop.views.hq.refusals_view import RefusalsView
from desktop.views.hq.search_view import SearchAllView
from desktop.views.main_window import MainWindow
from desktop.views.setup_view import SetupView
from desktop.views.sync_view import SyncView
from desktop.views.widgets.rtl import RLabel
from tests.gui.conftest import pump
from tests.helpers.courses import finished_course
from tests.helpers.gui import descendants, fill, key, make_context, rows, show
from tests.helpers.people import login_as, person
from tests.helpers.sync import PASSWORD, Sites, headquarters, opened


@pytest.fixture
def sites(tmp_path):  # type: ignore[no-untyped-def]
    built = headquarters(tmp_path)
    built.add_center("TEH05", "مرکز منطقهٔ ۵")
    built.add_center("TEH07", "مرکز منطقهٔ ۷")
    return built


@pytest.fixture
def usb(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def saving_into(folder: Path, asked: list[dict] | None = None):  # type: ignore[no-untyped-def]
    """A save dialog where the person keeps the offered name, in `folder`."""

    def ask(**options):  # type: ignore[no-untyped-def]
        if asked is not None:
            asked.append(options)
        return str(folder / options["initialfile"])

    return ask


def opening(path: Path):  # type: ignore[no-untyped-def]
    return lambda **_options: str(path)


def page(window, view):  # type: ignore[no-untyped-def]
    window.geometry("1280x720+0+0")
    return show(window, view)


def texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.logical_text for w in descendants(widget) if isinstance(w, RLabel)]


def export(sites: Sites, code: str, folder: Path) -> Path:
    with sites.at(code) as admin:
        exported = center_sync.export_changes(admin, folder)
    assert exported is not None
    return exported.path


def same_person_at_two_centers(sites: Sites) -> str:
    with sites.at("TEH05") as admin:
        national = applicants.get(admin, person(admin, "زهرا")).national_code
    with sites.at("TEH07") as admin:
        person(admin, "زهره", national=national, district=7)
    return national


def test_the_center_writes_a_sync_file_then_reads_hq_s_acknowledgement(window, sites, usb):  # type: ignore[no-untyped-def]
    asked: list[dict] = []
    with sites.at("TEH05") as admin:
        person(admin, "مریم")
        view = page(window, SyncView(window, make_context(admin), ask_save=saving_into(usb, asked)))
        assert view.status.pending_changes > 0
        view.write_button.invoke()
        pump(window)
        written = view.last_written
        assert written is not None and written.is_file() and written.parent == usb
        # The name offered is the name written: the person sees it before and after.
        assert asked[0]["initialfile"] == written.name
        assert written.name in view.message.logical_text
        assert view.path_label.logical_text == str(written)
        assert view.status.pending_changes == 0
        assert SyncPage.CONFIRMED_NONE in texts(view)
        view.write_button.invoke()  # nothing new: said plainly, no file, no dialog
        assert view.message.logical_text == SyncPage.NOTHING and len(asked) == 1
        assert sorted(usb.iterdir()) == [written]
        window.update()
        view.destroy()
    with sites.at_hq() as hq:
        assert [o.status for o in imports.import_files(hq, [written])] == ["imported"]
        ack = acks.write_ack(hq, "TEH05", usb)
    with sites.at("TEH05") as admin:
        view = page(window, SyncView(window, make_context(admin), ask_open=opening(ack)))
        view.ack_button.invoke()
        pump(window)
        assert view.message.logical_text.startswith(SyncPage.ACK_READ.split(":")[0])
        status = center_sync.sync_status(admin)
        assert status.last_acknowledged_seq == status.last_exported_seq
        assert any(line.startswith(SyncPage.CONFIRMED.split(":")[0]) for line in texts(view))
        assert not view.lacks_row.winfo_ismapped()
        view.destroy()


def test_hq_lacking_a_range_is_offered_to_send_it_again(window, sites, usb):  # type: ignore[no-untyped-def]
    first = export(sites, "TEH05", usb)
    with sites.at_hq() as hq:
        imports.import_files(hq, [first])
        ack = acks.write_ack(hq, "TEH05", usb)
    with sites.at("TEH05") as admin:
        person(admin, "مریم")
        lost = center_sync.export_changes(admin, usb)  # a file that never reached HQ
        assert lost is not None
        center_sync.import_ack(admin, ack)
        again = usb / "again"
        again.mkdir()
        view = page(window, SyncView(window, make_context(admin), ask_save=saving_into(again)))
        assert view.lacks_row.winfo_ismapped()
        view.send_again_button.invoke()
        pump(window)
        assert view.last_written is not None and view.last_written.parent == again
        assert view.last_written.name == lost.path.name  # the same range, written again
        view.destroy()


class CancelledAtOnce:
    """A runner whose person pressed Cancel before the first step."""

    def run(self, parent, title, work, on_done, on_error, *, on_cancelled=None):  # type: ignore[no-untyped-def]
        from desktop.services.progress import Cancelled, Progress

        progress = Progress()
        progress.cancel()
        try:
            on_done(work(progress))
        except Cancelled:
            on_cancelled()


def test_cancelled_work_writes_nothing_and_says_so(window, sites, usb):  # type: ignore[no-untyped-def]
    with sites.at("TEH05") as admin:
        context = make_context(admin, runner=CancelledAtOnce())
        view = page(window, SyncView(window, context, ask_save=saving_into(usb)))
        view.write_button.invoke()
        assert view.message.logical_text == SyncPage.CANCELLED and list(usb.iterdir()) == []
        assert center_sync.sync_status(admin).last_exported_seq == 0
        view.destroy()
    sent = export(sites, "TEH05", usb)
    with sites.at_hq() as hq:
        context = make_context(hq, runner=CancelledAtOnce())
        view = page(window, ImportView(window, context, ask_open=opening(sent)))
        view.add_file()
        view.import_button.invoke()
        assert view.message.logical_text == HqTexts.CANCELLED and view.paths == [sent]
        view.destroy()


def test_a_training_database_refuses_to_write_and_says_why(window, sites, usb):  # type: ignore[no-untyped-def]
    with sites.at("TEH05") as admin:
        Setting.write(DEMO_FLAG, "1")
        view = page(window, SyncView(window, make_context(admin), ask_save=saving_into(usb)))
        view.write_button.invoke()
        pump(window)
        assert view.message.logical_text == SyncMessages.TRAINING
        assert list(usb.iterdir()) == []
        view.destroy()


def test_hq_imports_two_files_and_the_centers_page_shows_them(window, sites, usb):  # type: ignore[no-untyped-def]
    with sites.at("TEH05") as admin:
        person(admin, "مریم")
        sara = applicants.get(admin, person(admin, "سارا")).national_code
    files = [export(sites, "TEH05", usb), export(sites, "TEH07", usb)]
    with sites.at_hq() as hq:
        view = page(window, ImportView(window, make_context(hq), ask_open=opening(files[0])))
        view.add_folder()  # every sync file of the chosen file's folder
        assert sorted(view.paths) == sorted(files)
        view.import_button.invoke()
        pump(window)
        assert [o.status for o in view.outcomes] == ["imported", "imported"]
        lines = texts(view.lines)
        assert len(lines) == 2
        assert {
            name for name in (f.name for f in files) if any(name in line for line in lines)
        } == {f.name for f in files}
        report = {values[0]: values[1:4] for _, values in view.report_source.rows}
        assert report["متقاضیان"][0] == 2  # created
        assert view.paths == []
        view.destroy()

        centers = page(window, CentersView(window, make_context(hq)))
        assert {values[0] for values in rows(centers.table)} == {"TEH05", "TEH07"}
        shown = dict(centers.source.rows)
        for code, outcome in zip(("TEH05", "TEH07"), view.outcomes, strict=True):
            assert shown[code][4] == outcome.seq_to  # last sequence
            assert shown[code][5] == 1  # files
            assert shown[code][6] == 0  # days since the last file
        assert shown["TEH05"][7] == 2  # applicants
        centers.destroy()

        search = page(window, SearchAllView(window, make_context(hq)))
        search.query.set(sara)
        key(search.query, "Return")
        [(_, found)] = search.source.rows
        assert found[0] == "TEH05" and found[3].startswith("سارا")
        search.destroy()


def test_a_file_that_leaves_a_gap_is_refused_and_listed_in_persian(window, sites, usb):  # type: ignore[no-untyped-def]
    export(sites, "TEH05", usb)
    with sites.at("TEH05") as admin:
        person(admin, "مریم")
    second = export(sites, "TEH05", usb)
    with sites.at_hq() as hq:
        view = page(window, ImportView(window, make_context(hq), ask_open=opening(second)))
        view.add_file()
        view.import_button.invoke()
        pump(window)
        assert [o.reason for o in view.outcomes] == ["gap"]
        assert REFUSAL_REASONS["gap"] in texts(view.lines)[0]
        assert view.paths == [second]  # kept, to import once the missing file is here
        view.destroy()
        inbox = page(window, RefusalsView(window, make_context(hq)))
        [(_, refused)] = inbox.source.rows
        assert refused[1] == second.name
        assert refused[3] == HqTexts.GAP_DETAIL.format(
            reason=REFUSAL_REASONS["gap"], first="۱", last="۳"
        )
        inbox.destroy()


def test_a_duplicate_is_decided_and_the_notice_reaches_the_center(window, sites, usb):  # type: ignore[no-untyped-def]
    national = same_person_at_two_centers(sites)
    files = [export(sites, "TEH05", usb), export(sites, "TEH07", usb)]
    with sites.at_hq() as hq:
        imports.import_files(hq, files)
        view = page(window, DuplicatesView(window, make_context(hq)))
        assert len(rows(view.table)) == 1
        [(_, row)] = view.source.rows
        assert row[0] == national and row[3] == DuplicateTexts.STATUSES["open"]
        view.mark_error()
        assert view.message.logical_text == DuplicateTexts.SELECT_FIRST
        view.table.select_index(0)
        pump(window)
        view.center_box.set_key("TEH07")
        view.note.set("نام کوچک اشتباه است")
        view.mark_error()
        pump(window)
        [case] = duplicates.list_duplicates(hq)
        assert (case.status, case.correct_at, case.note) == (
            "data_error",
            "TEH07",
            "نام کوچک اشتباه است",
        )
        assert rows(view.table) == []  # the open cases only
        view.shown.set_key("")
        view.shown.event_generate("<<ComboboxSelected>>")
        pump(window)
        assert view.source.rows[0][1][3] == DuplicateTexts.STATUSES["data_error"].format(
            center="TEH07"
        )
        view.destroy()
        ack = acks.write_ack(hq, "TEH07", usb)
    with sites.at("TEH07") as admin:
        clerk = login_as(admin, "clerk1", "clerk")
        view = page(window, SyncView(window, make_context(clerk), ask_open=opening(ack)))
        view.ack_button.invoke()
        pump(window)
        [(_, notice)] = view.notice_source.rows
        assert notice[1] == national and len(rows(view.notices)) == 1
        view.notice_done()
        assert view.message.logical_text == SyncPage.SELECT_NOTICE
        view.notices.select_index(0)
        pump(window)
        view.notice_done()
        assert rows(view.notices) == [] and center_sync.notices(clerk) == []
        view.destroy()


def test_a_provisioning_file_sets_up_a_center_in_the_setup_dialog(window, sites, tmp_path):  # type: ignore[no-untyped-def]
    with sites.at_hq() as hq:
        view = page(window, ProvisionView(window, make_context(hq), ask_save=saving_into(tmp_path)))
        fill(view.form, center_code="mhd02", center_name="مرکز منطقهٔ ۲ مشهد", city="مشهد")
        view.write()
        pump(window)
        provisioning = view.written
        assert provisioning is not None and provisioning.name == "MHD02-provision.tavana-sync"
        fingerprint = center_sync.read_provisioning(provisioning).fingerprint
        assert fingerprint in view.message.logical_text
        view.destroy()
    with opened(str(tmp_path / "mhd02.sqlite3")):
        done: list[bool] = []
        setup = page(
            window,
            SetupView(
                window, make_context(), on_done=lambda: done.append(True),
                ask_open=opening(provisioning),
            ),
        )  # fmt: skip
        assert setup.form is not None and "center_code" in setup.form.fields
        setup.from_file_button.invoke()
        pump(window)
        form = setup.form
        assert form is not None and "center_code" not in form.fields
        shown = texts(setup.from_file)
        assert any("مرکز منطقهٔ ۲ مشهد" in line for line in shown)
        assert any(fingerprint in line for line in shown)
        fill(
            form, admin_display_name="رضا حسینی", admin_username="admin",
            password=PASSWORD, password_confirm=PASSWORD + "x",
        )  # fmt: skip
        setup.submit()
        assert form.error_text("password_confirm") and not is_initialised()
        fill(form, password_confirm=PASSWORD)
        setup.submit()
        assert done == [True]
        session = auth.login("admin", PASSWORD)
        assert session.center_code == "MHD02"
        assert hq_keys().signing_text  # HQ's keys came with the file
        assert Setting.read(DEMO_FLAG) is None  # no training data in a provisioned center
        setup.destroy()


def test_hq_users_see_hq_pages_and_center_users_do_not(window, sites, usb):  # type: ignore[no-untyped-def]
    with sites.at("TEH05") as admin:
        _, ids = finished_course(admin, admin.user_id, ["P" * 10])
        payload = certificates.issue_certificate(admin, ids[0]).qr_payload
    sent = export(sites, "TEH05", usb)
    with sites.at_hq() as hq:
        imports.import_files(hq, [sent])
        main = page(window, MainWindow(window, make_context(hq)))
        assert main.current_key == "hq_centers"
        # users: HQ's own, with HQ's roles only
        assert set(main.nav_buttons) == {
            "hq_centers", "hq_import", "hq_refusals", "hq_duplicates", "hq_search",
            "hq_provision", "certificates", "reports", "commitments", "users", "audit",
            "account",
        }  # fmt: skip
        # HQ's users verify any center's certificate (the key came with its file).
        verifying = main.show("certificates")
        pump(window)
        verifying.verify_panel.entry.insert(0, payload)  # type: ignore[attr-defined]
        result = verifying.verify_panel.verify()  # type: ignore[attr-defined]
        assert result is not None and result.status is VerifyStatus.VALID
        assert verifying.table is None  # type: ignore[attr-defined]  # no issuing at HQ
        main.destroy()
        # An analyst's session as login makes it (an hq_admin adds analysts on the users page).
        analyst = dataclasses.replace(hq, role=Role.HQ_ANALYST, username="analyst")
        main = page(window, MainWindow(window, make_context(analyst)))
        assert set(main.nav_buttons) == {
            "hq_centers", "hq_duplicates", "hq_search", "certificates", "reports",
            "commitments", "account",
        }  # fmt: skip
        main.show("hq_duplicates")
        assert main.current.decide_row is None  # type: ignore[union-attr]
        main.destroy()
    with sites.at("TEH05") as admin:
        main = page(window, MainWindow(window, make_context(admin)))
        assert not any(key.startswith("hq_") for key in main.nav_buttons)
        assert "sync" in main.nav_buttons
        main.show("sync")
        pump(window)
        main.destroy()
