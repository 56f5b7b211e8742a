"""The audit trail's listing at a center's scale: first page, pages deep in the trail,
every filter, the export and the chains' check (prints figures; asserts nothing).

    .venv/bin/python bench/audit.py [--changes 1000000] [--events 200000] [--keep DIR]
        [--db URL] [--repeat 15] [--no-indexes]

Builds a center of 20,000 demo applicants (services/demo.py, which logs no changes)
and then a year of history in the logs as a center writes them — `--changes` change-log
entries (applicants edited, status changes, follow-ups, enrollments, attendance,
certificates, sales; users in the proportions of a center's desks; a few entries per
transaction at one instant) and `--events` audit-log entries (logins, files opened,
national codes searched, prints), each chained to the one before as the app chains
them. Reuses DIR/audit-N.sqlite3 with --keep; with --db fills that database (a
postgresql:// URL or a path) unless it already holds the history. `--no-indexes`
drops migration 0020's indexes for the run (the figures before it), in a
transaction rolled back at the end.

Prints, on a warm connection, the median and p95 of `services.audit_trail.listing` for
each case (a page of 50), the query plan of each statement the case ran on either log,
then an export of one month to XLSX and CSV and `verify` over both chains.
Figures belong in the README, not here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.models import Applicant, AuditLog, ChangeLog, User, db
from desktop.models.backend import is_sqlite
from desktop.models.base import tuples
from desktop.models.chain import AUDIT_FIELDS, CHANGE_FIELDS, GENESIS, chained
from desktop.models.db import close_database, execute_many
from desktop.models.opening import open_database
from desktop.services import audit_trail, demo, users
from desktop.services.audit_trail import TrailFilter
from desktop.services.session import Session
from desktop.services.setup import admin_session, initialise_center, is_initialised

APPLICANTS = 20_000
PASSWORD = "bench-password"
# Who writes the changes: a center's desks (the auditor writes none).
WRITERS = {"clerk1": 30, "clerk2": 25, "clerk3": 20, "clerk4": 10, "admin": 10, "trainer1": 5}
# What the changes are to, in these shares.
ENTITIES = {
    "applicant": 30, "status_change": 10, "follow_up": 10, "enrollment": 15,
    "attendance": 20, "certificate": 3, "sale": 5, "sale_line": 7,
}  # fmt: skip
EVENTS = {
    "login": 20, "applicant.opened": 55, "applicant.search_national_code": 10,
    "certificate.print": 5, "reprint": 5, "login_failed": 5,
}  # fmt: skip
INDEXES_0020 = (
    "change_log_changed_at_id",
    "change_log_changed_by_changed_at_id",
    "change_log_entity_changed_at_id",
    "change_log_entity_id_id",
    "audit_log_action_at_id",
    "audit_log_username_at_id",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the database there")
    parser.add_argument("--db", metavar="URL", help="a postgresql:// URL or a SQLite path")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-indexes", action="store_true", help="without migration 0020's")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    target = args.db or str((args.keep or scratch) / f"audit-{args.changes}.sqlite3")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    session = prepare(target, args.changes, args.events)
    if not is_sqlite():
        db.execute_sql("ANALYZE change_log")
        db.execute_sql("ANALYZE audit_log")
    try:
        if not args.no_indexes:
            run(session, args.repeat, scratch)
            return
        with db.atomic() as transaction:  # the indexes are back when it rolls back
            for name in INDEXES_0020:
                db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
            print("-- without migration 0020's indexes --")
            run(session, args.repeat, scratch)
            transaction.rollback()
    finally:
        close_database()
        for path in scratch.glob("month.*"):
            path.unlink()
        if not any(scratch.iterdir()):
            scratch.rmdir()


# -- the history -----------------------------------------------------------------------------


def prepare(target: str, changes: int, events: int) -> Session:
    open_database(target)
    if is_initialised() and ChangeLog.select().count() >= changes:
        print(f"reusing {target}: {ChangeLog.select().count():,} changes, "
              f"{AuditLog.select().count():,} events")  # fmt: skip
        return admin_session()
    initialise_center(
        center_code="BENCH",
        center_name="مرکز سنجش",
        city="تهران",
        admin_username="admin",
        admin_display_name="مدیر مرکز",
        password=PASSWORD,
    )
    session = admin_session()
    for name, role in (*((f"clerk{n}", "clerk") for n in range(1, 5)),
                       ("trainer1", "trainer"), ("auditor", "admin")):  # fmt: skip
        users.add_user(session, username=name, display_name=f"کاربر {name[-1]}", role=role,
                       password=PASSWORD, password_confirm=PASSWORD)  # fmt: skip
    started = time.perf_counter()
    demo.create_demo_applicants(session, APPLICANTS)
    print(f"{APPLICANTS:,} demo applicants: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    fill_changes(changes)
    print(f"{changes:,} change-log entries: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    fill_events(events)
    print(f"{events:,} audit-log entries: {time.perf_counter() - started:.1f} s")
    return session


def _times(count: int) -> list[dt.datetime]:
    """`count` instants over the year before now, oldest first, a few at each instant."""
    end = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    step = dt.timedelta(days=365) / max(1, count)
    times: list[dt.datetime] = []
    at = end - dt.timedelta(days=365)
    while len(times) < count:
        burst = random.choice((1, 1, 2, 3, 5))
        times += [at] * burst
        at += step * burst
    return times[:count]


def fill_changes(count: int) -> None:
    rng = random.Random(13)
    people = [
        {"id": str(a), "file_number": f, "national_code": n, "first_name": fn, "last_name": ln,
         "mobile": m, "status": s, "deleted": False}
        for a, f, n, fn, ln, m, s in tuples(Applicant.select(
            Applicant.id, Applicant.file_number, Applicant.national_code, Applicant.first_name,
            Applicant.last_name, Applicant.mobile, Applicant.status))
    ]  # fmt: skip
    writers = _user_ids(WRITERS)
    seq, previous = ChangeLog.last_entry("BENCH")
    kinds, weights = list(ENTITIES), list(ENTITIES.values())
    names, shares = list(writers), list(WRITERS.values())
    param = db.obj.param
    sql = (
        f"INSERT INTO change_log ({', '.join(CHANGE_FIELDS)}, entry_hash) "
        f"VALUES ({', '.join([param] * (len(CHANGE_FIELDS) + 1))})"
    )
    batch: list[dict[str, Any]] = []
    for at in _times(count):
        seq += 1
        entity = rng.choices(kinds, weights)[0]
        if entity == "applicant":
            row = dict(rng.choice(people))
            row["mobile"] = f"0912{rng.randrange(10**7):07d}"
            record, operation = row["id"], "update"
        else:
            record = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            row = {"id": record, "applicant": rng.choice(people)["id"],
                   "note": "یادداشت پیگیری تلفنی و ارجاع به دوره", "status": "present"}  # fmt: skip
            operation = "create" if rng.random() < 0.8 else "update"
        batch.append({
            "center_code": "BENCH", "seq": seq, "entity": entity, "entity_id": record,
            "operation": operation, "data": json.dumps(row, ensure_ascii=False, sort_keys=True),
            "changed_at": at, "changed_by": writers[rng.choices(names, shares)[0]],
        })  # fmt: skip
        if len(batch) == 20_000:
            previous = _write(sql, batch, previous, CHANGE_FIELDS)
            batch = []
    if batch:
        _write(sql, batch, previous, CHANGE_FIELDS)


def fill_events(count: int) -> None:
    rng = random.Random(17)
    people = tuples(Applicant.select(Applicant.file_number, Applicant.national_code).limit(5000))
    everyone = [*WRITERS, "auditor"]
    ids = _user_ids(everyone)
    newest = AuditLog.select(AuditLog.entry_hash).order_by(AuditLog.id.desc()).limit(1)
    previous = newest.scalar() or GENESIS
    param = db.obj.param
    sql = (
        f"INSERT INTO audit_log ({', '.join(AUDIT_FIELDS)}, entry_hash) "
        f"VALUES ({', '.join([param] * (len(AUDIT_FIELDS) + 1))})"
    )
    kinds, weights = list(EVENTS), list(EVENTS.values())
    batch: list[dict[str, Any]] = []
    for at in _times(count):
        action = rng.choices(kinds, weights)[0]
        name = rng.choice(everyone)
        file_number, national = rng.choice(people)
        detail = {"applicant.opened": file_number, "applicant.search_national_code": national,
                  "certificate.print": "1: BENCH-1405-000123", "reprint": "BENCH-1405-000123",
                  "login_failed": "attempt 1"}.get(action, "")  # fmt: skip
        batch.append({"at": at, "user_id": ids[name], "username": name, "action": action,
                      "detail": detail})  # fmt: skip
        if len(batch) == 20_000:
            previous = _write(sql, batch, previous, AUDIT_FIELDS)
            batch = []
    if batch:
        _write(sql, batch, previous, AUDIT_FIELDS)


def _user_ids(names: Any) -> dict[str, str]:
    found = dict(tuples(User.select(User.username, User.id).where(User.username.in_(list(names)))))
    return {name: str(found[name]) for name in names}


def _write(sql: str, rows: list[dict[str, Any]], previous: str, fields: tuple[str, ...]) -> str:
    last = chained(previous, rows, fields)
    with db.atomic():
        execute_many(sql, [[row[f] for f in fields] + [row["entry_hash"]] for row in rows])
    return last


# -- the figures -------------------------------------------------------------------------------


def timed(action: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return statistics.median(samples), p95, result


class _Statements(logging.Handler):
    """The statements peewee runs (its DEBUG log: (sql, params))."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            self.seen.append(record.msg)


def plans(action: Callable[[], Any]) -> list[str]:
    """The plan of each listing statement `action` runs (of either log)."""
    logger = logging.getLogger("peewee")
    handler = _Statements()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        action()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    found = []
    for sql, params in handler.seen:
        if "ORDER BY" not in sql or not ('"change_log"' in sql or '"audit_log"' in sql):
            continue
        if is_sqlite():
            rows = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            found.append(" / ".join(str(row[-1]) for row in rows))
        else:
            rows = db.execute_sql(f"EXPLAIN {sql}", params).fetchall()
            found.append(" / ".join(str(row[0]).strip() for row in rows[:4]))
    return found


def run(session: Session, repeat: int, scratch: Path) -> None:
    today = dt.date.today()
    month_start, month_end = today - dt.timedelta(days=200), today - dt.timedelta(days=170)
    applicant = json.loads(
        ChangeLog.select(ChangeLog.data).where(ChangeLog.entity == "applicant")
        .order_by(ChangeLog.seq.desc()).limit(1).scalar()
    )  # fmt: skip
    middle = tuples(
        ChangeLog.select(ChangeLog.changed_at, ChangeLog._meta.primary_key)
        .order_by(ChangeLog.seq).offset(ChangeLog.select().count() // 2).limit(1)
    )[0]  # fmt: skip
    deep = f"{middle[0].isoformat()}~0~{middle[1]}"
    cases: list[tuple[str, TrailFilter, str | None]] = [
        ("first page, no filter", TrailFilter(), None),
        ("a page half-way back (after=)", TrailFilter(), deep),
        ("user: a busy clerk (30 %)", TrailFilter(user="clerk1"), None),
        ("user: the trainer (5 %)", TrailFilter(user="trainer1"), None),
        ("user: no changes, few events", TrailFilter(user="auditor"), None),
        ("kind: change", TrailFilter(kind="change"), None),
        ("kind: read", TrailFilter(kind="read"), None),
        ("kind: login", TrailFilter(kind="login"), None),
        ("kind: admin (none in the history)", TrailFilter(kind="admin"), None),
        ("entity: applicant (30 %)", TrailFilter(entity="applicant"), None),
        ("entity: certificate (3 %)", TrailFilter(entity="certificate"), None),
        ("entity: settlement (none)", TrailFilter(entity="settlement"), None),
        ("a month, 200 days back", TrailFilter(start=month_start, end=month_end), None),
        ("a month and a user", TrailFilter(start=month_start, end=month_end, user="clerk3"), None),
        ("text: a national code", TrailFilter(text=applicant["national_code"]), None),
        ("text: a file number", TrailFilter(text=applicant["file_number"]), None),
        ("text: matching nothing", TrailFilter(text="ZZ-0000-999999"), None),
    ]
    print(f"\nlisting, a page of {audit_trail.PAGE_SIZE} (median / p95 of {repeat}, ms):")
    for name, filters, after in cases:

        def page(filters: TrailFilter = filters, after: str | None = after) -> Any:
            return audit_trail.listing(session, filters, after=after)

        median, p95, result = timed(page, repeat)
        more = "more" if result.after else "end"
        print(f"  {name:<36} {median:8.2f} {p95:8.2f}   {len(result.entries):>3} rows, {more}")
        for plan in plans(page):
            print(f"      plan: {plan}")
    month = TrailFilter(start=month_start, end=month_end)
    for suffix in (".xlsx", ".csv"):
        path = scratch / f"month{suffix}"
        started = time.perf_counter()
        count = audit_trail.export(session, month, path)
        took = time.perf_counter() - started
        print(f"export a month to {suffix}: {count:,} rows in {took:.2f} s "
              f"({count / took:,.0f} rows/s, {path.stat().st_size / 2**20:.1f} MiB)")  # fmt: skip
    started = time.perf_counter()
    verdict = audit_trail.verify(session)
    print(f"verify: {verdict.changes:,} changes, {verdict.events:,} events, "
          f"{'whole' if verdict.broken is None else verdict.broken.line()} "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
