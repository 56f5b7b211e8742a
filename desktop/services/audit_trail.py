"""The audit trail: every change (the change log) and every event and sensitive read
(the audit log: logins, opening an applicant's file, a search by national code, an
export, a print), each entry chained to the one before by its hash (models/chain.py).

`verify` walks both chains — each center's change log in sequence order, the audit log
in order of writing — and names the first entry that was edited or is missing.

`listing` is the administrator's view of both logs as one list, newest first: a page at
a time, each page going on from where the one before ended (`after`, the last entry's
time and key), so a page costs the same at the first entry as at the millionth — every
query walks an index of the change log (migration 0020) or of the audit log newest
first and stops at the page's end. Entries at the same instant are ordered events
before changes, each by its key. Filters: a Jalali period, a user, a kind (change,
read, login, admin), a table, and a text — a national code, file number, serial or user
name, found through its record to the changes of that record and to the events whose
detail names it. `export` writes the filtered listing to XLSX (for people: right to
left, Persian headers, Jalali times, text never a formula) or CSV (for machines:
English keys, quoted as services/spreadsheet.py says), and is itself a sensitive read.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import heapq
import io
import json
import os
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from peewee import SQL, Expression, NodeList

from desktop import partial_files
from desktop.errors import UserError, ValidationError
from desktop.models import (
    SYNCED_MODELS,
    Applicant,
    AuditLog,
    Certificate,
    ChangeLog,
    Course,
    Producer,
    Role,
    Sale,
    User,
    db,
)
from desktop.models.backend import is_sqlite, read_snapshot
from desktop.models.base import tuples
from desktop.models.chain import AUDIT_FIELDS, CHANGE_FIELDS, Break, first_break
from desktop.services.applicant_files import jalali_ascii
from desktop.services.identity import clean_national_code
from desktop.services.records import audit_read
from desktop.services.session import Session
from desktop.services.spreadsheet import safe_row, starts_like_formula
from desktop.strings.audit import (
    ACTION_NAMES,
    ENTITY_NAMES,
    EXPORT_HEADERS,
    FIELD_NAMES,
    KIND_NAMES,
    OPERATION_NAMES,
    AuditMessages,
)
from desktop.text.digits import format_number, persian_digits
from desktop.text.jalali import local_time, utc_bounds
from desktop.text.normalize import normalize_digits, normalize_identifier, normalize_line

AUDITORS = (Role.ADMIN, Role.HQ_ADMIN)
KINDS = ("change", "read", "login", "admin")
ENTITIES = tuple(model._meta.table_name for model in SYNCED_MODELS)
PAGE_SIZE = 50
MOST = 1000  # entries in one page at most (the export walks pages of this size)

# The audit log's events by kind (services/records.py): a sensitive read is written by
# `audit_read` (tests check every caller's action is here), a login by services/auth.py;
# every other event is an administrator's or a shop's action.
READ_ACTIONS = frozenset(
    {
        "applicant.opened",
        "applicant.search_national_code",
        "applicant.export",
        "certificate.print",
        "audit.export",
        "audit.search",
    }
)
LOGIN_ACTIONS = frozenset({"login", "login_failed", "login_locked", "password_changed"})
# The table an event is about, so that choosing a table shows its reads and events too.
ACTION_ENTITIES = {
    "applicant.opened": "applicant",
    "applicant.search_national_code": "applicant",
    "applicant.export": "applicant",
    "certificate.print": "certificate",
    "certificate_revoked": "certificate",
    "reprint": "certificate",
    "user_added": "user",
    "display_name_changed": "user",
    "user_activated": "user",
    "user_deactivated": "user",
    "password_reset": "user",
    "producer.add": "producer",
    "product.add": "product",
    "sale.receipt": "sale",
    "sale.void": "sale",
    "sale.return": "sale_return",
    "shop.add": "shop",
    "shop.staff": "shop",
    "shop.close": "daily_close",
    "settlement.paid": "settlement",
    "stock.received": "stock_note",
    "stock.returned": "stock_note",
    "stock.adjusted": "stock_move",
    "keys.protected": "center_key",
    "keys.unprotected": "center_key",
    "keys.unlocked": "center_key",
    "keys.unlock_failed": "center_key",
}
# Records a text may name, by which column, and the column events name them by.
_NAMED_BY = (
    (Applicant, (Applicant.national_code, Applicant.file_number), Applicant.file_number),
    (Certificate, (Certificate.serial,), Certificate.serial),
    (User, (User.username,), User.username),
    (Course, (Course.code,), Course.code),
    (Producer, (Producer.code,), Producer.code),
    (Sale, (Sale.number,), Sale.number),
)
_MOST_NAMED = 50  # records one text may name (a national code at HQ: one per center)

# Two entries at the same instant: the higher rank first, then the higher key.
_CHANGE, _EVENT = 0, 1
_CHANGE_KEY: Any = ChangeLog._meta.primary_key  # (peewee's stubs know no `ChangeLog.id`)
_SEPARATOR = "~"


# -- the chains --------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    changes: int  # change-log entries walked
    events: int  # audit-log entries walked
    broken: Break | None  # the first break, or None: both chains whole


def verify(session: Session, progress: Callable[[int, int], None] | None = None) -> Verdict:
    """Walk both chains; `progress(done, total)` now and then (it may raise to stop).
    The numbers a center gave up after a restore (services/center_sync.py `resume`)
    are a gap, not entries missing."""
    from desktop.services.center_sync import given_up_ranges  # (its imports: when asked)

    session.require(*AUDITORS)
    param = db.obj.param
    counted = {"changes": 0, "events": 0}
    total = 0
    if progress is not None:
        total = ChangeLog.select().count() + AuditLog.select().count()
        progress(0, total)

    def rows(sql: str, params: tuple[Any, ...], kind: str) -> Iterator[tuple[Any, ...]]:
        for row in db.execute_sql(sql, params):
            counted[kind] += 1
            if progress is not None and (counted["changes"] + counted["events"]) % 10_000 == 0:
                progress(counted["changes"] + counted["events"], total)
            yield row

    centers = [c for (c,) in db.execute_sql("SELECT DISTINCT center_code FROM change_log")]
    for center in sorted(centers):
        sql = (
            f"SELECT seq, entry_hash, {', '.join(CHANGE_FIELDS)} FROM change_log "
            f"WHERE center_code = {param} ORDER BY seq"
        )
        found = first_break(
            "change_log", rows(sql, (center,), "changes"), CHANGE_FIELDS,
            numbered=True, center_code=center, given_up=given_up_ranges(center),
        )  # fmt: skip
        if found is not None:
            return Verdict(counted["changes"], 0, found)
    sql = f"SELECT id, entry_hash, {', '.join(AUDIT_FIELDS)} FROM audit_log ORDER BY id"
    found = first_break("audit_log", rows(sql, (), "events"), AUDIT_FIELDS, numbered=False)
    return Verdict(counted["changes"], counted["events"], found)


# -- the listing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrailFilter:
    """What the administrator asked for; every field empty: everything."""

    start: dt.date | None = None  # local days, both included
    end: dt.date | None = None
    user: str = ""  # a user name, as stored
    kind: str = ""  # one of KINDS
    entity: str = ""  # a table (ENTITIES): its changes, and the events about it
    text: str = ""  # a national code, file number, serial, user name, or an event's words

    def described(self) -> str:
        """The filter in one line, for the audit entry of an export."""
        parts = [
            f"{name}={value}"
            for name, value in (
                ("from", jalali_ascii(self.start) if self.start else ""),
                ("to", jalali_ascii(self.end) if self.end else ""),
                ("user", self.user),
                ("kind", self.kind),
                ("entity", self.entity),
                ("text", self.text),
            )
            if value
        ]
        return " ".join(parts) or "all"


@dataclass(frozen=True)
class TrailEntry:
    key: str  # unique in the listing: "c<id>" a change, "e<id>" an event
    at: dt.datetime  # stored: naive UTC
    kind: str  # one of KINDS
    username: str  # as stored ("" when no one: the system, an unknown name)
    entity: str  # the table a change is to (or an event is about), else ""
    row_id: str  # a change's record id, else ""
    action: str  # a change's operation (create, update, delete) or the event's action
    summary: str  # what changed, or the event's detail
    center_code: str  # a change's center ("" for an event)
    number: int  # a change's sequence number in its center, an event's id

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)

    @property
    def entity_name(self) -> str:
        return ENTITY_NAMES.get(self.entity, self.entity)

    @property
    def action_name(self) -> str:
        names = OPERATION_NAMES if self.kind == "change" else ACTION_NAMES
        return names.get(self.action, self.action)


@dataclass(frozen=True)
class TrailPage:
    entries: tuple[TrailEntry, ...]
    after: str | None  # where the next page starts (`listing(…, after=)`); None: the end


def listing(
    session: Session,
    filters: TrailFilter | None = None,
    *,
    after: str | None = None,
    limit: int = PAGE_SIZE,
) -> TrailPage:
    """A page of the trail, newest first, going on after `after` (a page's `after`)."""
    session.require(*AUDITORS)
    filters = filters or TrailFilter()
    if not 1 <= limit <= MOST:
        raise UserError(
            AuditMessages.BAD_LIMIT.format(most=persian_digits(MOST)), code="invalid_limit"
        )
    scope = _Scope.of(filters)
    if after is None and scope.national_code:  # looking a person up: a sensitive read
        audit_read(session, "audit.search", scope.national_code)
    return scope.page(_Position.parse(after) if after else None, limit)


def walk(session: Session, filters: TrailFilter | None = None) -> Iterator[TrailEntry]:
    """Every entry the filters match, newest first, a page at a time."""
    session.require(*AUDITORS)
    scope = _Scope.of(filters or TrailFilter())
    position: _Position | None = None
    while True:
        page = scope.page(position, MOST)
        yield from page.entries
        if page.after is None:
            return
        position = _Position.parse(page.after)


def user_names(session: Session) -> list[str]:
    """The user names of this installation's users (the listing's user choice)."""
    session.require(*AUDITORS)
    query = User.select(User.username).where(User.center_code == session.center_code)
    return sorted({name for (name,) in tuples(query)})


def parse_filter(
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    user: str = "",
    kind: str = "",
    entity: str = "",
    text: str = "",
) -> TrailFilter:
    """A filter as typed (the command line, the page), checked: ValidationError names
    the field that is wrong."""
    errors: dict[str, str] = {}
    if start is not None and end is not None and end < start:
        errors["end"] = AuditMessages.RANGE_REVERSED
    kind = kind.strip().lower()
    if kind and kind not in KINDS:
        errors["kind"] = AuditMessages.UNKNOWN_KIND.format(kind=kind, kinds=", ".join(KINDS))
    entity = entity.strip().lower()
    if entity and entity not in ENTITIES:
        errors["entity"] = AuditMessages.UNKNOWN_ENTITY.format(entity=entity)
    if errors:
        raise ValidationError(errors)
    return TrailFilter(start, end, user.strip(), kind, entity, normalize_line(text))


@dataclass(frozen=True)
class _Position:
    """Where a page ended: its last entry's time, rank (event or change) and key."""

    at: dt.datetime
    rank: int
    key: int

    @classmethod
    def parse(cls, text: str) -> _Position:
        try:
            at, rank, key = text.split(_SEPARATOR)
            position = cls(dt.datetime.fromisoformat(at), int(rank), int(key))
        except ValueError:
            position = None
        if position is None or position.rank not in (_CHANGE, _EVENT):
            raise UserError(AuditMessages.BAD_CURSOR, code="invalid_cursor")
        return position

    def text(self) -> str:
        return _SEPARATOR.join((self.at.isoformat(), str(self.rank), str(self.key)))


@dataclass(frozen=True)
class _Row:
    """An entry as read, before its summary is made: ordered as the listing is."""

    at: dt.datetime
    rank: int
    key: int
    values: tuple[Any, ...]

    def order(self) -> tuple[dt.datetime, int, int]:
        return self.at, self.rank, self.key


@dataclass(frozen=True)
class _Scope:
    """A filter turned into the conditions of both logs' queries."""

    filters: TrailFilter
    since: dt.datetime | None
    until: dt.datetime | None
    changes: bool  # whether the change log is read at all
    events: bool
    change_users: tuple[str, ...] | None  # user ids (None: any user)
    change_records: tuple[str, ...] | None  # record ids the text named (None: any)
    event_words: tuple[str, ...]  # the text and the names of the records it named
    national_code: str  # the text, when it is a whole national code

    @classmethod
    def of(cls, filters: TrailFilter) -> _Scope:
        start, end = filters.start, filters.end
        if start is not None and end is not None and end < start:
            raise ValidationError({"end": AuditMessages.RANGE_REVERSED})
        since = utc_bounds(start, start)[0] if start is not None else None
        until = utc_bounds(end, end)[1] if end is not None else None
        kind = filters.kind
        if kind and kind not in KINDS:
            raise ValidationError(
                {"kind": AuditMessages.UNKNOWN_KIND.format(kind=kind, kinds=", ".join(KINDS))}
            )
        changes = kind in ("", "change")
        events = kind != "change"
        change_users: tuple[str, ...] | None = None
        if filters.user:
            query = User.select(User.id).where(User.username == filters.user)
            change_users = tuple(str(uid) for (uid,) in tuples(query))
            changes = changes and bool(change_users)
        records: tuple[str, ...] | None = None
        words: tuple[str, ...] = ()
        national = ""
        if filters.text:
            found, names = _named(filters.text)
            records, words = tuple(found), tuple(names)
            changes = changes and bool(records)
            digits = normalize_digits(filters.text).strip()
            if len(digits) == 10:  # a whole code, as the applicant search takes it
                with contextlib.suppress(UserError):
                    national = clean_national_code(digits)
        return cls(filters, since, until, changes, events, change_users, records, words, national)

    def page(self, position: _Position | None, limit: int) -> TrailPage:
        rows: list[_Row] = []
        if self.changes:
            rows += self._changes(position, limit + 1)
        if self.events:
            rows += self._events(position, limit + 1)
        rows.sort(key=_Row.order, reverse=True)
        more = len(rows) > limit
        rows = rows[:limit]
        entries = _entries(rows)
        last = rows[-1] if rows else None
        after = _Position(last.at, last.rank, last.key).text() if more and last else None
        return TrailPage(tuple(entries), after)

    def _changes(self, position: _Position | None, limit: int) -> list[_Row]:
        columns = (
            ChangeLog.changed_at, _CHANGE_KEY, ChangeLog.center_code, ChangeLog.seq,
            ChangeLog.entity, ChangeLog.entity_id, ChangeLog.operation, ChangeLog.changed_by,
            ChangeLog.data,
        )  # fmt: skip
        common: list[Expression] = []
        if self.since is not None:
            common.append(ChangeLog.changed_at >= self.since)
        if self.until is not None:
            common.append(ChangeLog.changed_at < self.until)
        if self.filters.entity:
            common.append(ChangeLog.entity == self.filters.entity)
        if position is not None:
            common.append(_before(ChangeLog.changed_at, _CHANGE_KEY, _CHANGE, position))
        # One query per user or per record named, each walking its own index newest
        # first: an IN list over several would read every match to sort them.
        splits: list[Expression | None] = [None]
        if self.change_records is not None:
            splits = [ChangeLog.entity_id == record for record in self.change_records]
            if self.change_users is not None:
                common.append(ChangeLog.changed_by.in_(self.change_users))
        elif self.change_users is not None:
            splits = [ChangeLog.changed_by == user for user in self.change_users]
        found: list[list[_Row]] = []
        for split in splits:
            where = [*common, split] if split is not None else common
            query = ChangeLog.select(*columns)
            if where:
                query = query.where(*where)
            query = query.order_by(ChangeLog.changed_at.desc(), _CHANGE_KEY.desc()).limit(limit)
            found.append([_Row(row[0], _CHANGE, row[1], row[2:]) for row in tuples(query)])
        return _newest(found, limit)

    def _events(self, position: _Position | None, limit: int) -> list[_Row]:
        common: list[Expression] = []
        if self.since is not None:
            common.append(AuditLog.at >= self.since)
        if self.until is not None:
            common.append(AuditLog.at < self.until)
        actions = self.event_actions
        if actions is None and self.filters.kind == "admin":  # any action but these
            common.append(AuditLog.action.not_in(sorted(READ_ACTIONS | LOGIN_ACTIONS)))
        if self.filters.text:
            # Words inside the details: read in one pass over the log, the page sorted
            # after (walking the time index instead reads the whole log in its order,
            # one row at a time from all over the file: twice the time on SQLite).
            named = [_contains(AuditLog.detail, word) for word in self.event_words]
            matching = AuditLog.select(AuditLog.id).where(
                _any([AuditLog.username == self.filters.text, *named])
            )
            common.append(AuditLog.id.in_(matching))
        if position is not None:
            common.append(_before(AuditLog.at, AuditLog.id, _EVENT, position))
        # As for changes: one query per action, or for the user, each walking its index.
        splits: list[Expression | None] = [None]
        if actions is not None:
            splits = [AuditLog.action == action for action in actions]
            if self.filters.user:
                common.append(AuditLog.username == self.filters.user)
        elif self.filters.user:
            splits = [AuditLog.username == self.filters.user]
        found: list[list[_Row]] = []
        for split in splits:
            where = [*common, split] if split is not None else common
            query = AuditLog.select(
                AuditLog.at, AuditLog.id, AuditLog.username, AuditLog.action, AuditLog.detail
            )
            if where:
                query = query.where(*where)
            query = query.order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit)
            found.append([_Row(row[0], _EVENT, row[1], row[2:]) for row in tuples(query)])
        return _newest(found, limit)

    @property
    def event_actions(self) -> tuple[str, ...] | None:
        """The actions the kind and the table allow (None: any; admin: any but reads and
        logins, unless a table names them)."""
        allowed: set[str] | None = None
        kind, entity = self.filters.kind, self.filters.entity
        if kind == "read":
            allowed = set(READ_ACTIONS)
        elif kind == "login":
            allowed = set(LOGIN_ACTIONS)
        if entity:
            about = {action for action, table in ACTION_ENTITIES.items() if table == entity}
            if kind == "admin":
                about -= READ_ACTIONS | LOGIN_ACTIONS
            allowed = about if allowed is None else allowed & about
        return tuple(sorted(allowed)) if allowed is not None else None


def _before(time: Any, key: Any, rank: int, position: _Position) -> Expression:
    """The entries of a log (of `rank`) that come after `position` in the listing. The
    bound on the time alone comes first, so that the time index is walked from there."""
    if rank > position.rank:  # at the same instant this log's entries came before
        return time < position.at
    if rank < position.rank:  # … or they come after
        return time <= position.at
    later: Expression = (time < position.at) | (key < position.key)
    return (time <= position.at) & later


def _any(conditions: Sequence[Expression]) -> Expression:
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = combined | condition
    return combined


def _contains(column: Any, word: str) -> Expression:
    """`column` holds `word` (Latin letters in any case), its % and _ taken literally.
    SQLite's LIKE ignores the case of Latin letters, as PostgreSQL's ILIKE does (a
    LOWER() on every row cost SQLite seven times the scan)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = SQL("LIKE" if is_sqlite() else "ILIKE")
    return NodeList((column, like, f"%{escaped}%", SQL("ESCAPE '\\'")))  # type: ignore[return-value]


def _newest(lists: list[list[_Row]], limit: int) -> list[_Row]:
    """The `limit` newest of several lists each newest first."""
    if len(lists) == 1:
        return lists[0][:limit]
    merged = heapq.merge(*lists, key=_Row.order, reverse=True)
    return list(islice(merged, limit))


def _named(text: str) -> tuple[set[str], set[str]]:
    """The ids of the records `text` names (by national code, file number, serial, user
    name, course, producer or sale code) and the words events name them by."""
    line = normalize_line(normalize_digits(text))
    candidates = sorted({line, line.upper(), normalize_identifier(line)} - {""})
    ids: set[str] = set()
    words: set[str] = {line}
    for model, columns, named_by in _NAMED_BY:
        condition = _any([column.in_(candidates) for column in columns])
        query = model.select(model.id, named_by).where(condition).limit(_MOST_NAMED)
        for record_id, name in tuples(query):
            ids.add(str(record_id))
            if name:
                words.add(str(name))
    with contextlib.suppress(ValueError):  # a record's id itself
        ids.add(str(uuid.UUID(line)))
    return ids, words


# -- entries and their summaries ------------------------------------------------------------


def _entries(rows: list[_Row]) -> list[TrailEntry]:
    users = {row.values[5] for row in rows if row.rank == _CHANGE and row.values[5]}
    names = _usernames(users)
    previous = _previous_rows([row for row in rows if row.rank == _CHANGE])
    entries = []
    for row in rows:
        if row.rank == _CHANGE:
            center, seq, entity, record, operation, by, data = row.values
            summary = change_summary(operation, json.loads(data), previous.get(row.key))
            entries.append(
                TrailEntry(
                    key=f"c{row.key}",
                    at=row.at,
                    kind="change",
                    username=names.get(by or "", ""),
                    entity=entity,
                    row_id=record,
                    action=operation,
                    summary=summary,
                    center_code=center,
                    number=int(seq),
                )
            )
        else:
            username, action, detail = row.values
            entries.append(
                TrailEntry(
                    key=f"e{row.key}",
                    at=row.at,
                    kind=kind_of(action),
                    username=username or "",
                    entity=ACTION_ENTITIES.get(action, ""),
                    row_id="",
                    action=action,
                    summary=detail or "",
                    center_code="",
                    number=row.key,
                )
            )
    return entries


def kind_of(action: str) -> str:
    """The kind of an audit-log event."""
    if action in READ_ACTIONS:
        return "read"
    if action in LOGIN_ACTIONS:
        return "login"
    return "admin"


def _usernames(ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    query = User.select(User.id, User.username).where(User.id.in_(sorted(ids)))
    return {str(uid): name for uid, name in tuples(query)}


def _previous_rows(rows: list[_Row]) -> dict[int, dict[str, Any]]:
    """For each update among `rows`: the record as its change before had left it. One
    statement for the page (a round trip per row cost PostgreSQL half an export's time),
    each a short walk of the change log's (entity_id, id) index."""
    updates = [row.key for row in rows if row.values[4] == "update"]
    found: dict[int, dict[str, Any]] = {}
    param = db.obj.param
    for start in range(0, len(updates), _PREVIOUS_BATCH):
        batch = updates[start : start + _PREVIOUS_BATCH]
        sql = (
            "SELECT c.id, (SELECT p.data FROM change_log p WHERE p.entity_id = c.entity_id "
            "AND p.id < c.id ORDER BY p.id DESC LIMIT 1) FROM change_log c "
            f"WHERE c.id IN ({', '.join([param] * len(batch))})"
        )
        for key, before in db.execute_sql(sql, batch):
            if before is not None:
                found[int(key)] = json.loads(before)
    return found


_PREVIOUS_BATCH = 500  # ids in one statement (SQLite takes 999 parameters at least)


_UNSHOWN = frozenset({"id", "center_code", "created_at", "updated_at"})
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:")
_LABELS = ("file_number", "serial", "code", "number", "barcode", "username")
_NAMES = (("first_name", "last_name"), ("display_name",), ("name",), ("title",))
_SHOWN_CHANGES = 4  # fields a summary names; the rest are counted
_LONGEST_VALUE = 40


def change_summary(
    operation: str, row: dict[str, Any], previous: dict[str, Any] | None = None
) -> str:
    """A change in words: the record it is (its number or serial, its name), and for an
    update what changed, from what to what."""
    head = " ".join(part for part in (_label(row), _name(row)) if part)
    if operation == "update" and previous is None:  # (written before the log kept it)
        note = AuditMessages.NO_PREVIOUS
        return f"{head}: {note}" if head else note
    if operation == "update" and previous is not None:
        changed = [k for k in sorted(row) if k not in _UNSHOWN and row.get(k) != previous.get(k)]
        parts = [
            AuditMessages.CHANGED.format(
                field=FIELD_NAMES.get(k, k), old=_value(previous.get(k)), new=_value(row.get(k))
            )
            for k in changed[:_SHOWN_CHANGES]
        ]
        if len(changed) > _SHOWN_CHANGES:
            extra = persian_digits(len(changed) - _SHOWN_CHANGES)
            parts.append(AuditMessages.MORE_FIELDS.format(count=extra))
        details = "؛ ".join(parts) or AuditMessages.NOTHING_CHANGED
        return f"{head}: {details}" if head else details
    if head:
        return head
    shown = [(k, v) for k, v in sorted(row.items()) if _telling(k, v)]
    return "؛ ".join(f"{FIELD_NAMES.get(k, k)}: {_value(v)}" for k, v in shown[:3])


def _telling(key: str, value: Any) -> bool:
    """Whether a field says something of a record with no number or name: not its
    bookkeeping, not an empty value, not another record's id or a time."""
    if key in _UNSHOWN or key == "deleted" or value in (None, "", False):
        return False
    return not (isinstance(value, str) and (_ID.fullmatch(value) or _TIME.match(value)))


def _label(row: dict[str, Any]) -> str:
    return next((str(row[k]) for k in _LABELS if isinstance(row.get(k), str) and row[k]), "")


def _name(row: dict[str, Any]) -> str:
    for keys in _NAMES:
        words = [str(row[k]) for k in keys if isinstance(row.get(k), str) and row[k]]
        if words:
            return " ".join(words)
    return ""


def _value(value: Any) -> str:
    if value is True or value is False:
        return AuditMessages.YES if value else AuditMessages.NO
    if value is None or value == "":
        return AuditMessages.EMPTY
    if isinstance(value, int | float):  # a quantity or an amount: as people read them
        return format_number(value)
    text = " ".join(str(value).split())
    return text if len(text) <= _LONGEST_VALUE else text[: _LONGEST_VALUE - 1] + "…"


def jalali_time(at: dt.datetime) -> str:
    """A stored time as this machine's local Jalali time with ASCII digits (files and
    the command line): 1405/09/14 13:05:09."""
    local = local_time(at)
    return f"{jalali_ascii(local.date())} {local:%H:%M:%S}"


# -- the export ---------------------------------------------------------------------------------

EXPORT_SUFFIXES = (".xlsx", ".csv")
EXPORT_FIELDS = tuple(EXPORT_HEADERS)
_WIDTHS = {"at": 20, "user": 14, "kind": 9, "entity": 14, "row_id": 38, "action": 20,
           "summary": 70, "center": 9, "number": 10}  # fmt: skip


def export(
    session: Session,
    filters: TrailFilter | None,
    path: str | Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every entry the filters match to `path` (.xlsx or .csv), newest first; how
    many. The file appears only when whole; the export is an entry of the trail."""
    session.require(*AUDITORS)
    filters = filters or TrailFilter()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise UserError(AuditMessages.FILE_KIND, code="unsupported_format")
    if not path.parent.is_dir():
        raise UserError(
            AuditMessages.FOLDER_MISSING.format(folder=path.parent), code="folder_missing"
        )
    _Scope.of(filters)  # a wrong filter is refused before a file is begun
    partial_files.remove_stale(path.parent)
    partial = partial_files.reserve(path)
    writer = _Workbook(partial) if suffix == ".xlsx" else _Csv(partial)
    count = 0
    try:
        with read_snapshot():  # one consistent view, while others go on writing
            for entry in walk(session, filters):
                writer.write(entry)
                count += 1
                if progress is not None and count % MOST == 0:
                    progress(count)
        writer.close()
        os.replace(partial, path)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    partial_files.sync_folder(path.parent)
    audit_read(session, "audit.export", f"{count} rows, {suffix[1:]}: {filters.described()}")
    return count


def _cells(entry: TrailEntry) -> dict[str, Any]:
    return {
        "at": jalali_time(entry.at),
        "user": entry.username,
        "kind": entry.kind,
        "entity": entry.entity,
        "row_id": entry.row_id,
        "action": entry.action,
        "summary": entry.summary,
        "center": entry.center_code,
        "number": entry.number,
    }


class _Csv:
    """For machines: English keys and codes, UTF-8 with a BOM (Excel reads it so),
    text that would run as a formula quoted."""

    def __init__(self, path: Path):
        self._file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._file)
        self._csv.writerow(EXPORT_FIELDS)

    def write(self, entry: TrailEntry) -> None:
        cells = _cells(entry)
        self._csv.writerow(safe_row([cells[name] for name in EXPORT_FIELDS]))

    def close(self) -> None:
        self._file.close()

    def abort(self) -> None:
        self._file.close()


class _Workbook:
    """For people: one right-to-left sheet, Persian headers and names, Jalali times;
    every text cell is text (one that starts like a formula too: never run).

    openpyxl makes the workbook around the rows — right to left, the bold header,
    widths, the frozen header row — and the rows go into the sheet as XML text,
    streamed into the zip, as services/applicant_export.py does: openpyxl's own cell
    objects and XML writer took three quarters of an export's time (3,700 rows/s).
    Every text is an inline string (never a formula); one that starts like a formula
    also carries the text ("@") format, so that editing the cell keeps it text.
    """

    SHEET = "xl/worksheets/sheet1.xml"
    _FLUSH_EVERY = 1000  # rows buffered before each write into the zip

    def __init__(self, path: Path):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # ~0.1 s the app need not pay
        from openpyxl.utils import get_column_letter

        self._illegal = ILLEGAL_CHARACTERS_RE
        self._letters = [get_column_letter(n) for n in range(1, len(EXPORT_FIELDS) + 1)]
        prefix, self._suffix, self._text_style = self._skeleton(path)
        self._row = 1  # the header's
        self._pending: list[str] = []
        self._zip = zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheet = self._zip.open(self.SHEET, "w", force_zip64=True)
        self._sheet.write(prefix)

    def _skeleton(self, path: Path) -> tuple[bytes, bytes, str]:
        """Write to `path` the workbook without its sheet; return the sheet's XML before
        and after the data rows, and the style number of a text ("@") cell."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        book = Workbook(write_only=True)
        sheet = book.create_sheet(AuditMessages.SHEET_TITLE)
        sheet.sheet_view.rightToLeft = True
        sheet.freeze_panes = "A2"
        for letter, name in zip(self._letters, EXPORT_FIELDS, strict=True):
            sheet.column_dimensions[letter].width = _WIDTHS[name]
        bold = Font(bold=True)
        header = []
        for name in EXPORT_FIELDS:
            cell = WriteOnlyCell(sheet, EXPORT_HEADERS[name])
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        sample = WriteOnlyCell(sheet, "0")  # a text cell, for the number of its style
        sample.data_type = "s"
        sample.number_format = "@"
        sheet.append([sample])
        whole = io.BytesIO()
        book.save(whole)
        with zipfile.ZipFile(whole) as built, zipfile.ZipFile(path, "w") as out:
            xml = built.read(self.SHEET)
            for item in built.infolist():
                if item.filename != self.SHEET:
                    out.writestr(item, built.read(item.filename), zipfile.ZIP_DEFLATED)
        start = xml.index(b'<row r="2"')
        end = xml.index(b"</row>", start) + len(b"</row>")
        style = re.search(rb' s="(\d+)"', xml[start:end])
        assert style is not None, "openpyxl wrote the text cell without a style"
        return xml[:start], xml[end:], style.group(1).decode()

    def write(self, entry: TrailEntry) -> None:
        cells = _cells(entry)
        cells["kind"] = entry.kind_name
        cells["entity"] = entry.entity_name
        cells["action"] = entry.action_name
        self._row += 1
        number = str(self._row)
        xml = "".join(
            self._cell(letter + number, cells[name])
            for letter, name in zip(self._letters, EXPORT_FIELDS, strict=True)
        )
        self._pending.append(f'<row r="{number}">{xml}</row>')
        if len(self._pending) >= self._FLUSH_EVERY:
            self._flush()

    def _cell(self, ref: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            return f'<c r="{ref}"><v>{value}</v></c>'
        value = self._illegal.sub("", value)  # control characters Excel refuses
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        style = f' s="{self._text_style}"' if starts_like_formula(value) else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'

    def _flush(self) -> None:
        self._sheet.write("".join(self._pending).encode("utf-8"))
        self._pending.clear()

    def close(self) -> None:
        self._flush()
        self._sheet.write(self._suffix)
        self._sheet.close()
        self._zip.close()

    def abort(self) -> None:
        with contextlib.suppress(Exception):  # the caller deletes the partial file
            self._sheet.close()
            self._zip.close()
