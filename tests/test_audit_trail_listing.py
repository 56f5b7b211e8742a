"""The audit trail's listing (services/audit_trail.py `listing`, `walk`, `export`) and
`audit list|export` on the command line: a hand-made history of a center's week — users
added, logins, applicants registered and edited, a file opened — written at instants
the test sets, listed newest first across both logs, filtered by period, user, kind,
table and text, paged by `after` at every page size, exported to XLSX and CSV with no
formula anywhere, and refused to a clerk."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditLog, ChangeLog, db, writes
from desktop.models.backend import is_sqlite
from desktop.services import applicants, audit_trail, auth, records
from desktop.services.audit_trail import (
    READ_ACTIONS,
    TrailEntry,
    TrailFilter,
    change_summary,
    export,
    listing,
    parse_filter,
    walk,
)
from desktop.strings.audit import ACTION_NAMES, EXPORT_HEADERS, AuditMessages
from desktop.text.jalali import from_jalali
from tests.factories import national_code
from tests.helpers.cli import init_database, run
from tests.helpers.people import USER_PASSWORD, login_as, person

ROOT = Path(__file__).resolve().parent.parent


YEAR = 1410  # Jalali: after the center's set-up (today), so the week is the newest


def azar(day: int) -> dt.date:
    return from_jalali(YEAR, 9, day)


class Clock:
    """The instant every write of the test is stamped with (UTC, naive)."""

    def __init__(self) -> None:
        self.now = dt.datetime.combine(azar(1), dt.time(8))

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, day: int, hour: int, minute: int = 0) -> None:
        """Azar `day` of YEAR, `hour`:`minute` UTC: about midday, the same local day
        wherever the tests run, from UTC-8 to UTC+9."""
        self.now = dt.datetime.combine(azar(day), dt.time(hour, minute))


@pytest.fixture
def clock(monkeypatch) -> Clock:  # type: ignore[no-untyped-def]
    clock = Clock()
    monkeypatch.setattr(writes, "utcnow", clock)
    monkeypatch.setattr(records, "utcnow", clock)
    return clock


@pytest.fixture
def week(admin, clock):  # type: ignore[no-untyped-def]
    """Azar: 1st a clerk added and logged in; 2nd she registers Maryam (at one
    instant: the file, its first status); 3rd she corrects Maryam's mobile; 4th the
    admin opens the file and someone fails to log in; 5th the admin registers Zahra."""
    clock.at(1, 8)
    clerk = login_as(admin, "clerk1", "clerk", "زهره رضایی")
    clock.at(2, 9)
    code = national_code()
    maryam = person(clerk, "مریم", national=code)
    clock.at(3, 10)
    record = applicants.get(clerk, maryam)
    form = applicants.to_input(record)
    form.mobile = "09351112233"
    applicants.update(clerk, maryam, form)
    clock.at(4, 11)
    applicants.open_file(admin, maryam)
    with pytest.raises(UserError):
        auth.login("nobody", "wrong password")
    clock.at(5, 12)
    zahra = person(admin, "زهرا")
    return {
        "admin": admin,
        "clerk": clerk,
        "maryam": maryam,
        "code": code,
        "file": record.file_number,
        "zahra": zahra,
    }


def everything(session, filters=None) -> list[TrailEntry]:  # type: ignore[no-untyped-def]
    return list(walk(session, filters))


def order(entry: TrailEntry) -> tuple[dt.datetime, int, int]:
    """The listing's order: time, then events before changes, then the newer key."""
    return entry.at, 1 if entry.key.startswith("e") else 0, entry.number


# -- what is listed -------------------------------------------------------------------------


def test_both_logs_are_listed_together_newest_first(week):
    entries = everything(week["admin"])
    changes = [e for e in entries if e.kind == "change"]
    events = [e for e in entries if e.kind != "change"]
    assert len(changes) == ChangeLog.select().count()
    assert len(events) == AuditLog.select().count()
    assert [order(e) for e in entries] == sorted((order(e) for e in entries), reverse=True)
    assert len({e.key for e in entries}) == len(entries)
    newest = entries[0]  # the last thing written: Zahra's registration
    last = ChangeLog.select().order_by(ChangeLog.seq.desc()).first()
    assert newest.key == f"c{last.get_id()}" and newest.username == "admin"
    assert newest.at == dt.datetime.combine(azar(5), dt.time(12))


def test_a_change_names_its_record_and_what_an_edit_changed(week):
    maryam = [e for e in everything(week["admin"]) if e.row_id == week["maryam"]]
    edit = next(e for e in maryam if e.at.date() == azar(3) and e.action == "update")
    assert (edit.action, edit.username, edit.action_name) == ("update", "clerk1", "ویرایش")
    assert week["file"] in edit.summary and "مریم احمدی" in edit.summary
    assert "تلفن همراه از «09121234567» به «09351112233»" in edit.summary
    created = next(e for e in maryam if e.action == "create")
    assert created.summary == f"{week['file']} مریم احمدی"
    assert created.center_code == "TEH05" and created.number > 0


def test_events_carry_their_kind_and_detail(week):
    events = [e for e in everything(week["admin"]) if e.kind != "change"]
    seen = {(e.kind, e.action, e.username) for e in events}
    assert ("read", "applicant.opened", "admin") in seen
    assert ("login", "login", "clerk1") in seen
    assert ("login", "login_failed", "") in seen
    assert ("admin", "user_added", "admin") in seen
    opened = next(e for e in events if e.action == "applicant.opened")
    assert opened.summary == week["file"] and opened.entity == "applicant"
    assert opened.action_name == ACTION_NAMES["applicant.opened"] and opened.row_id == ""


# Another record's id and a time: not what a summary says.
MOVED = {"moved_at": "2026-12-05T07:25:00", "product": "01a24518-49d4-70fb-a086-e64b1c2d3e4f"}


@pytest.mark.parametrize(
    ("operation", "row", "before", "summary"),
    [
        ("create", {"id": "x", "serial": "TEH05-1405-000007"}, None, "TEH05-1405-000007"),
        ("create", {"id": "x", "status": "present", "note": ""}, None, "وضعیت: present"),
        ("create", {"kind": "sold", "quantity": -2, **MOVED}, None, "نوع: sold؛ تعداد: -۲"),
        (
            "update",
            {"id": "x", "code": "P12", "name": "ترشی"},
            None,  # written before the log kept its history (a demo's, an old import)
            "P12 ترشی: نسخهٔ پیش از این ویرایش در تاریخچه نیست",
        ),
        (
            "update",
            {"id": "x", "username": "sara", "active": False, "updated_at": "b"},
            {"id": "x", "username": "sara", "active": True, "updated_at": "a"},
            "sara: فعال از «بله» به «خیر»",
        ),
        ("update", {"id": "x", "note": "یک"}, {"id": "x", "note": "یک"}, "بی‌تغییر در داده‌ها"),
        (
            "update",
            {"id": "x", "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6},
            {"id": "x"},
            "a از «خالی» به «۱»؛ b از «خالی» به «۲»؛ c از «خالی» به «۳»؛ d از «خالی» به «۴»؛ "
            "و ۲ مورد دیگر",
        ),
    ],
)
def test_the_summary_of_a_change(operation, row, before, summary):
    assert change_summary(operation, row, before) == summary


# -- filters --------------------------------------------------------------------------------------


def test_a_jalali_period_takes_whole_local_days(week):
    start, end = azar(3), azar(4)
    found = everything(week["admin"], TrailFilter(start=start, end=end))
    days = {e.at.date() for e in found}
    assert days == {start, end}
    assert {e.action for e in found} >= {"update", "applicant.opened", "login_failed"}
    everyone = everything(week["admin"])
    assert len(found) == len([e for e in everyone if start <= e.at.date() <= end])
    only_start = everything(week["admin"], TrailFilter(start=azar(5)))
    assert only_start and {e.at.date() for e in only_start} == {azar(5)}
    only_end = everything(week["admin"], TrailFilter(end=azar(1)))
    assert only_end and all(e.at.date() <= azar(1) for e in only_end)


def test_a_user_is_their_changes_and_their_events(week):
    found = everything(week["admin"], TrailFilter(user="clerk1"))
    assert found and {e.username for e in found} == {"clerk1"}
    kinds = {e.kind for e in found}
    assert kinds == {"change", "login"}
    assert everything(week["admin"], TrailFilter(user="nobody-here")) == []


@pytest.mark.parametrize(
    ("kind", "actions"),
    [
        ("read", {"applicant.opened"}),
        ("login", {"login", "login_failed"}),
        ("admin", {"user_added"}),
        ("change", {"create", "update"}),
    ],
)
def test_a_kind(week, kind, actions):
    found = everything(week["admin"], TrailFilter(kind=kind))
    assert {e.kind for e in found} == {kind}
    assert {e.action for e in found} == actions


def test_a_table_is_its_changes_and_the_events_about_it(week):
    found = everything(week["admin"], TrailFilter(entity="applicant"))
    assert {(e.kind, e.entity) for e in found} == {("change", "applicant"), ("read", "applicant")}
    users = everything(week["admin"], TrailFilter(entity="user"))
    assert {e.action for e in users} == {"create", "user_added"}
    assert everything(week["admin"], TrailFilter(entity="settlement")) == []
    only_changes = everything(week["admin"], TrailFilter(entity="applicant", kind="change"))
    assert {e.kind for e in only_changes} == {"change"}


def test_a_national_code_finds_the_persons_changes_and_reads_and_is_itself_a_read(week):
    admin = week["admin"]
    page = listing(admin, TrailFilter(text=week["code"]))
    assert page.after is None
    found = page.entries
    record_changes = [e for e in found if e.kind == "change"]
    assert record_changes and {e.row_id for e in record_changes} == {week["maryam"]}
    assert {e.action for e in found if e.kind == "read"} >= {"applicant.opened"}
    assert week["zahra"] not in {e.row_id for e in found}
    searched = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert (searched.action, searched.detail) == ("audit.search", week["code"])
    assert found[0].key == f"e{searched.id}"  # written first: the newest entry
    # Typed with Persian digits: the same entries, the same read not written twice.
    persian = week["code"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    again = listing(admin, parse_filter(text=persian)).entries
    assert [e.key for e in again] == [e.key for e in found]
    assert AuditLog.select().order_by(AuditLog.id.desc()).first().id == searched.id


def test_a_file_number_or_user_name_finds_its_record(week):
    by_file = everything(week["admin"], TrailFilter(text=week["file"]))
    assert {e.row_id for e in by_file if e.kind == "change"} == {week["maryam"]}
    by_name = everything(week["admin"], TrailFilter(text="clerk1"))
    assert {e.entity for e in by_name if e.kind == "change"} == {"user"}
    assert everything(week["admin"], TrailFilter(text="TEH05-1405-999999")) == []


def test_filters_combine(week):
    start = azar(2)
    found = everything(week["admin"], TrailFilter(start=start, user="clerk1", kind="change"))
    assert found and all(
        e.kind == "change" and e.username == "clerk1" and e.at.date() >= start for e in found
    )


def test_a_wrong_filter_is_refused_naming_its_field(admin):
    with pytest.raises(ValidationError) as reversed_range:
        parse_filter(start=dt.date(2026, 11, 24), end=dt.date(2026, 11, 22))
    assert reversed_range.value.errors == {"end": AuditMessages.RANGE_REVERSED}
    with pytest.raises(ValidationError) as kind:
        parse_filter(kind="reads")
    assert set(kind.value.errors) == {"kind"}
    with pytest.raises(ValidationError) as entity:
        parse_filter(entity="applicants")
    assert set(entity.value.errors) == {"entity"}
    assert parse_filter(kind=" Read ", entity="Applicant", text="  ۱۲  ") == TrailFilter(
        kind="read", entity="applicant", text="۱۲"
    )


# -- pages --------------------------------------------------------------------------------------


def test_every_page_size_gives_the_same_listing_without_a_gap_or_a_repeat(week):
    admin = week["admin"]
    whole = everything(admin)
    assert len(whole) > 10
    for limit in (*range(1, 8), len(whole) - 1, len(whole), len(whole) + 1):
        seen: list[TrailEntry] = []
        after = None
        while True:
            page = listing(admin, after=after, limit=limit)
            assert len(page.entries) <= limit
            seen += page.entries
            if page.after is None:
                break
            assert len(page.entries) == limit  # only the last page is short
            after = page.after
        assert [e.key for e in seen] == [e.key for e in whole], limit


def test_pages_go_on_after_entries_of_one_instant_in_both_logs(admin, clock):
    """Several changes and events at one instant: a page may end inside them."""
    clock.at(7, 10)
    person(admin, "نرگس")  # a file and its first status at one instant
    records.audit(admin, "shop.add", "S1")
    records.audit(admin, "shop.add", "S2")
    tied = [e for e in everything(admin) if e.at == clock.now]
    assert len(tied) >= 4 and {e.kind for e in tied} == {"change", "admin"}
    for limit in (1, 2, 3):
        seen, after = [], None
        while True:
            page = listing(admin, after=after, limit=limit)
            seen += page.entries
            if page.after is None:
                break
            after = page.after
        assert [e.key for e in seen if e.at == clock.now] == [e.key for e in tied]


def test_a_page_goes_on_from_where_the_last_ended_while_new_entries_come(week, clock):
    admin = week["admin"]
    first = listing(admin, limit=3)
    clock.at(6, 9)
    person(admin, "لیلا")  # newer than anything on the first page
    second = listing(admin, after=first.after, limit=3)
    whole = everything(admin)
    keys = [e.key for e in whole]
    assert [e.key for e in second.entries] == keys[keys.index(first.entries[-1].key) + 1 :][:3]


def test_a_damaged_place_or_page_size_is_refused(admin):
    for after in ("yesterday", "2026-11-22T08:00:00~7~1", "2026-11-22T08:00:00~0"):
        with pytest.raises(UserError) as refused:
            listing(admin, after=after)
        assert refused.value.code == "invalid_cursor"
    for limit in (0, audit_trail.MOST + 1):
        with pytest.raises(UserError) as refused:
            listing(admin, limit=limit)
        assert refused.value.code == "invalid_limit"


# -- who may ---------------------------------------------------------------------------------------


def test_a_clerk_sees_none_of_it(week, tmp_path):
    clerk = week["clerk"]
    for call in (
        lambda: listing(clerk),
        lambda: list(walk(clerk)),
        lambda: export(clerk, None, tmp_path / "trail.xlsx"),
        lambda: audit_trail.verify(clerk),
        lambda: audit_trail.user_names(clerk),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not (tmp_path / "trail.xlsx").exists()


def test_the_user_choice_is_this_centers_users(week):
    assert audit_trail.user_names(week["admin"]) == ["admin", "clerk1"]


# -- the export ----------------------------------------------------------------------------------


@pytest.fixture
def formula_like(week):  # type: ignore[no-untyped-def]
    """Events whose words a spreadsheet would run, were they written as they are."""
    admin = week["admin"]
    for detail in ('=HYPERLINK("http://x.example","y")', "+98912", "-2+3", "@SUM(A1)"):
        records.audit(admin, "product.add", detail)
    return week


def test_the_xlsx_is_right_to_left_persian_jalali_and_runs_nothing(formula_like, tmp_path):
    admin = formula_like["admin"]
    path = tmp_path / "رویدادنگار.xlsx"
    whole = everything(admin)
    assert export(admin, None, path) == len(whole)
    book = load_workbook(path)
    sheet = book.active
    assert sheet.sheet_view.rightToLeft is True
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(EXPORT_HEADERS.values())
    assert len(rows) == len(whole) + 1
    first = dict(zip(EXPORT_HEADERS, rows[1], strict=True))
    assert re.fullmatch(rf"{YEAR}/09/\d\d \d\d:\d\d:\d\d", first["at"])
    assert first["kind"] in ("تغییر", "مدیریت") and first["number"] == whole[0].number
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    written = {c.value for c in cells if isinstance(c.value, str)}
    assert {'=HYPERLINK("http://x.example","y")', "+98912", "-2+3", "@SUM(A1)"} <= written
    with zipfile.ZipFile(path) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    assert 'rightToLeft="1"' in sheet_xml


def test_the_csv_is_for_machines_and_quotes_what_would_run(formula_like, tmp_path):
    admin = formula_like["admin"]
    path = tmp_path / "trail.csv"
    count = export(admin, TrailFilter(kind="admin"), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(text.lstrip("\ufeff").splitlines()))
    assert len(rows) == count and list(rows[0]) == list(EXPORT_HEADERS)
    assert {row["kind"] for row in rows} == {"admin"}
    summaries = {row["summary"] for row in rows}
    assert {'\'=HYPERLINK("http://x.example","y")', "'+98912", "'-2+3", "'@SUM(A1)"} <= summaries


def test_the_export_is_itself_a_sensitive_read(week, tmp_path):
    admin = week["admin"]
    count = export(admin, TrailFilter(user="clerk1"), tmp_path / "clerk.xlsx")
    last = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert (last.action, last.username) == ("audit.export", "admin")
    assert last.detail == f"{count} rows, xlsx: user=clerk1"
    assert listing(admin, TrailFilter(kind="read"), limit=1).entries[0].action == "audit.export"


def test_an_export_refused_leaves_no_file(week, tmp_path):
    admin = week["admin"]
    with pytest.raises(UserError) as kind:
        export(admin, None, tmp_path / "trail.pdf")
    assert kind.value.code == "unsupported_format"
    with pytest.raises(UserError) as folder:
        export(admin, None, tmp_path / "missing" / "trail.csv")
    assert folder.value.code == "folder_missing"
    with pytest.raises(ValidationError):
        export(admin, TrailFilter(kind="nothing"), tmp_path / "trail.csv")
    assert list(tmp_path.iterdir()) == []


# -- the schema and the plans ----------------------------------------------------------------------


def test_every_sensitive_read_and_event_is_named(admin):
    """Each `audit_read` in the code is a kind «read», and each event has a Persian name."""
    reads, events = set(), set()
    for path in (ROOT / "desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        reads |= set(re.findall(r'audit_read\(\s*\w+,\s*"([^"]+)"', text))
        events |= set(re.findall(r'\baudit\(\s*[^,()]+(?:\([^)]*\))?,\s*"([^"]+)"', text))
    assert reads and reads <= READ_ACTIONS
    assert events and events <= set(ACTION_NAMES), events - set(ACTION_NAMES)
    assert set(ACTION_NAMES) >= READ_ACTIONS


def _plan(query) -> str:  # type: ignore[no-untyped-def]
    sql, params = query.sql()
    if is_sqlite():
        return " ".join(str(row[-1]) for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")  # a small table: what would be used
        return " ".join(str(row[0]) for row in db.execute_sql(f"EXPLAIN {sql}", params))


def test_each_page_walks_an_index_of_the_change_log(week):
    key = ChangeLog._meta.primary_key
    newest = ChangeLog.select().order_by(ChangeLog.changed_at.desc(), key.desc()).limit(51)
    plan = _plan(newest)
    assert "change_log_changed_at_id" in plan and "TEMP B-TREE" not in plan
    by_user = newest.where(ChangeLog.changed_by == week["clerk"].user_id)
    assert "change_log_changed_by_changed_at_id" in _plan(by_user)
    by_table = newest.where(ChangeLog.entity == "applicant")
    assert "change_log_entity_changed_at_id" in _plan(by_table)
    by_record = ChangeLog.select().where(ChangeLog.entity_id == week["maryam"])
    assert "change_log_entity_id_id" in _plan(by_record)


@pytest.mark.sqlite_only("SQLite files made by older versions")
def test_a_version_19_database_gets_the_indexes_and_lists_its_history(tmp_path):
    from peewee import SqliteDatabase

    from desktop.models.migrations import migrate_to_latest

    database = SqliteDatabase(str(tmp_path / "old.sqlite3"))
    migrate_to_latest(database, target=19)
    before = {index.name for index in database.get_indexes("change_log")}
    assert not any(name.endswith("changed_at_id") for name in before)
    migrate_to_latest(database)
    after = {tuple(index.columns) for index in database.get_indexes("change_log")}
    assert {("changed_at", "id"), ("changed_by", "changed_at", "id"),
            ("entity", "changed_at", "id"), ("entity_id", "id")} <= after  # fmt: skip
    events = {tuple(index.columns) for index in database.get_indexes("audit_log")}
    assert {("action", "at", "id"), ("username", "at", "id")} <= events


# -- the command line ------------------------------------------------------------------------


def test_audit_list_and_export_on_the_command_line(tmp_path, capsys, close_database_after):
    path = init_database(tmp_path)
    password = tmp_path / "clerk.txt"
    password.write_text(USER_PASSWORD + "\n", encoding="utf-8")
    add = ["users", "add", "--db", path, "--username", "clerk1", "--name", "زهره رضایی"]
    assert run(capsys, *add, "--role", "clerk", "--password-file", str(password))[0] == 0
    code, out, err = run(capsys, "audit", "list", "--db", path)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 4  # the user's record, the event of adding her, admin, center
    first = lines[0].split("\t")
    assert len(first) == 7 and re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d", first[0])
    assert first[1:3] == ["admin", "admin"] and first[4] == "user_added"

    code, out, _ = run(capsys, "audit", "list", "--db", path, "--json", "--kind", "change")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["entity"] for r in rows] == ["user", "user", "center"]
    assert rows[0]["summary"] == "clerk1 زهره رضایی" and rows[0]["center"] == "TEH05"
    assert set(rows[0]) == {"at", "at_utc", "user", "kind", "entity", "row_id", "action",
                            "summary", "center", "number"}  # fmt: skip

    code, out, err = run(capsys, "audit", "list", "--db", path, "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1 and "more entries" in err
    today = dt.date.today()
    jalali_today = re.match(r"\S+", lines[0]).group(0)  # type: ignore[union-attr]
    for start in (jalali_today, today.isoformat(), "۱۴۰۰/۰۱/۰۱"):
        code, out, _ = run(capsys, "audit", "list", "--db", path, "--from", start, "--json")
        assert code == 0 and len(out.splitlines()) == 4, start
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    code, out, _ = run(capsys, "audit", "list", "--db", path, "--from", tomorrow)
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "audit", "list", "--db", path, "--user", "clerk1")
    assert code == 0 and out == ""  # she has done nothing yet

    xlsx = tmp_path / "trail.xlsx"
    code, out, err = run(capsys, "audit", "export", "--db", path, "--out", str(xlsx))
    assert code == 0 and out.strip() == f"4 entries: {xlsx}", err
    assert load_workbook(xlsx).active.sheet_view.rightToLeft is True
    trail = tmp_path / "trail.csv"
    code, out, _ = run(capsys, "audit", "export", "--db", path, "--out", str(trail),
                       "--kind", "read")  # fmt: skip
    assert code == 0 and out.strip() == f"1 entries: {trail}"  # the export before it
    assert "audit.export" in trail.read_text(encoding="utf-8")
    assert run(capsys, "audit", "verify", "--db", path)[0] == 0


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--from", "1405/13/01"], "invalid date"),
        (["--from", "1405/09/10", "--to", "1405/09/01"], "the period ends before it starts"),
        (["--entity", "applicants"], "--entity: no table 'applicants'"),
    ],
)
def test_audit_list_refuses_wrong_filters(tmp_path, capsys, close_database_after, arguments, said):
    path = init_database(tmp_path)
    code, out, err = run(capsys, "audit", "list", "--db", path, *arguments)
    assert code == 1 and out == "" and said in err


def test_audit_export_refuses_another_kind_of_file(tmp_path, capsys, close_database_after):
    path = init_database(tmp_path)
    code, _, err = run(capsys, "audit", "export", "--db", path, "--out", str(tmp_path / "a.pdf"))
    assert code == 1 and "write the export to a .xlsx or .csv file" in err
    assert not (tmp_path / "a.pdf").exists()
