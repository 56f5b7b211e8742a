"""The audit trail page, driven with real widgets: the trail newest first, filtered by
the fields a person fills, more rows a page at a time, a row's whole summary, the export
into the file the save dialog would have named, and the chains checked — whole, then
broken where an entry was edited."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop.errors import PermissionDenied
from desktop.models import AuditLog, ChangeLog, db
from desktop.services import applicants, audit_trail, auth
from desktop.strings.audit import ACTION_NAMES, KIND_NAMES, AuditMessages
from desktop.strings.audit_views import AuditPage
from desktop.text.digits import group_thousands
from desktop.views import audit_view
from desktop.views.audit_view import AuditView
from desktop.views.registry import build_registry
from tests.gui.conftest import pump
from tests.helpers.gui import make_context, rows, show
from tests.helpers.people import login_as, person


@pytest.fixture
def center(admin):  # type: ignore[no-untyped-def]
    """A clerk who registered two people and edited one; the admin opened that file."""
    clerk = login_as(admin, "clerk1", "clerk", "زهره رضایی")
    maryam = person(clerk, "مریم")
    person(clerk, "زهرا")
    form = applicants.to_input(applicants.get(clerk, maryam))
    form.mobile = "09351112233"
    applicants.update(clerk, maryam, form)
    applicants.open_file(admin, maryam)
    return admin


def page(window, session, **options) -> AuditView:  # type: ignore[no-untyped-def]
    return show(window, AuditView(window, make_context(session), **options))


def shown(view: AuditView) -> list[tuple[str, ...]]:
    """Every row loaded (logical text, as the table was given them), newest first."""
    return [values for _key, values in view.source.rows]


def test_the_trail_is_listed_newest_first(window, center):
    view = page(window, center)
    listed = shown(view)
    whole = list(audit_trail.walk(center))
    assert len(listed) == len(whole) and len(rows(view.table)) > 0
    newest = listed[0]
    assert newest[1:5] == ("admin", KIND_NAMES["read"], "متقاضی", ACTION_NAMES["applicant.opened"])
    assert newest[0] == audit_view.cells(whole[0])[0]  # «۱۴۰۵/۰۹/۱۴ ۱۰:۱۲»
    assert all(ch in "۰۱۲۳۴۵۶۷۸۹/: " for ch in newest[0])
    assert view.count_line.logical_text == AuditPage.SHOWN_ALL.format(
        count=group_thousands(len(whole))
    )
    assert str(view.more_button.cget("state")) == "disabled"


def test_the_filters_a_person_fills(window, center):
    view = page(window, center)
    view.kind.set_key("login")
    view.show_button.invoke()
    assert {row[2] for row in shown(view)} == {KIND_NAMES["login"]}
    view.kind.set_key("")
    view.user.set_key("clerk1")
    view.show_button.invoke()
    assert shown(view) and {row[1] for row in shown(view)} == {"clerk1"}
    view.user.set_key("")
    view.entity.set_key("applicant")
    view.show_button.invoke()
    assert {row[3] for row in shown(view)} == {"متقاضی"}
    view.clear_button.invoke()
    assert len(shown(view)) == len(list(audit_trail.walk(center)))
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    view.start.set_date(tomorrow)
    view.show_button.invoke()
    assert shown(view) == [] and view.count_line.logical_text == ""
    view.end.set_date(dt.date.today())  # before the start
    view.show_button.invoke()
    assert view.message.logical_text == AuditMessages.RANGE_REVERSED
    view.end.set_date(None)
    view.start.entry.set("۱۴۰۵/۱۳/۰۱")
    view.show_button.invoke()
    assert view.message.logical_text == "ماه باید از ۱ تا ۱۲ باشد."


def test_a_national_code_typed_finds_that_person(window, center):
    code = (
        ChangeLog.select(ChangeLog.data)
        .where(ChangeLog.entity == "applicant")
        .first()
        .row["national_code"]
    )
    view = page(window, center)
    view.text.set(code)
    view.show_button.invoke()
    listed = shown(view)
    assert listed and all(row[3] in ("متقاضی", "") for row in listed)
    assert listed[0][4] == ACTION_NAMES["audit.search"]  # the search is itself a read


def test_more_rows_come_a_page_at_a_time(window, center, monkeypatch):
    monkeypatch.setattr(audit_view, "PAGE", 4)
    view = page(window, center)
    whole = list(audit_trail.walk(center))
    assert len(shown(view)) == 4
    assert view.count_line.logical_text == AuditPage.SHOWN_MORE.format(count="۴")
    assert str(view.more_button.cget("state")) == "normal"
    while str(view.more_button.cget("state")) == "normal":
        view.more_button.invoke()
        pump(window)
    assert [key for key, _ in view.source.rows] == [entry.key for entry in whole]
    assert view.table.selected_id == whole[len(whole) - (len(whole) - 1) % 4 - 1].key


def test_a_chosen_row_shows_its_whole_summary(window, center):
    view = page(window, center)
    edit = next(key for key, entry in view.entries.items() if entry.action == "update")
    index = [key for key, _ in view.source.rows].index(edit)
    view.table.select_index(index)
    pump(window)
    detail = view.detail.logical_text
    entry = view.entries[edit]
    assert entry.summary in detail and "09351112233" in detail
    assert entry.row_id in detail


def test_the_export_writes_the_chosen_file_and_is_itself_a_read(window, center, tmp_path):
    asked: list[dict] = []

    def ask(**options):  # type: ignore[no-untyped-def]
        asked.append(options)
        return str(tmp_path / options["initialfile"])

    view = page(window, center, ask_save=ask)
    view.kind.set_key("change")
    view.excel_button.invoke()
    pump(window)
    [options] = asked
    assert (
        options["initialfile"].startswith("audit-TEH05-") and options["defaultextension"] == ".xlsx"
    )
    written = tmp_path / options["initialfile"]
    sheet = load_workbook(written).active
    assert sheet.sheet_view.rightToLeft is True
    changes = ChangeLog.select().count()
    assert sheet.max_row == changes + 1
    assert view.message.logical_text == AuditPage.SAVED.format(
        count=group_thousands(changes), name=written.name
    )
    last = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert last.action == "audit.export" and "kind=change" in last.detail
    view.csv_button.invoke()
    pump(window)
    assert (tmp_path / asked[1]["initialfile"]).read_text(encoding="utf-8-sig").startswith("at,")


def test_the_chains_checked_whole_then_broken(window, center):
    view = page(window, center)
    assert view.chain_line.logical_text == AuditPage.CHAIN_UNCHECKED
    view.verify_button.invoke()
    pump(window)
    assert view.chain_line.logical_text.startswith(AuditPage.CHAIN_WHOLE.split(":")[0])
    with db.atomic():
        db.execute_sql("UPDATE change_log SET changed_by = 'x' WHERE seq = 3")
    view.verify_button.invoke()
    pump(window)
    said = view.chain_line.logical_text
    assert said.startswith(AuditPage.CHAIN_BROKEN.split(":")[0])
    assert "۳" in said and AuditPage.REASONS["edited"] in said and "TEH05" in said


def test_the_page_is_an_administrators(center):
    spec = next(view for view in build_registry().views if view.key == "audit")
    assert spec.group == "admin" and spec.title == AuditPage.NAV_TITLE
    assert {role.value for role in spec.roles} == {"admin", "hq_admin"}


def test_a_clerk_is_refused_by_the_service_even_with_the_page(window, center):
    clerk = auth.login("clerk1", "12345678")
    with pytest.raises(PermissionDenied):
        AuditView(window, make_context(clerk))
