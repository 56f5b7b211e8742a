"""How PagedTable feels over 1,000,000 SQLite rows (prints figures; asserts nothing).

    DISPLAY=:0 python bench/table.py [rows]

Builds the table with raw sqlite3 in a temp file, opens a PagedTable over it and
times: the first page shown, a page move (page down, and a jump as when the thumb is
dragged), and a sort change through an index. Times include Tk drawing the page
(`update()`), which is what a person waits for.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import ttkbootstrap as ttk

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.views.widgets.paged_table import Column, PagedTable

SORTABLE = {"name", "code", "born", "amount"}
COLUMNS = [
    Column("name", "نام و نام خانوادگی", 180),
    Column("code", "کد ملی", 110, "identifier"),
    Column("born", "تاریخ تولد", 100, "date"),
    Column("amount", "مبلغ", 120, "money"),
]
FIRST_NAMES = ["مریم", "علی", "زهرا", "محمد", "فاطمه", "حسین", "کیان", "نرگس", "رضا", "سارا"]
LAST_NAMES = ["احمدی", "رضایی", "کریمی", "حسینی", "موسوی", "جعفری", "صادقی", "نوری"]


class SqlitePageSource:
    """LIMIT/OFFSET over an index. Past the middle it reads the index backwards, so
    OFFSET never has to step over more than half the rows."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.total = 0

    def count(self) -> int:
        # The table asks once per refresh; fetch reuses the answer.
        self.total = self.db.execute("SELECT count(*) FROM person").fetchone()[0]
        return self.total

    def fetch(self, offset, limit, sort, descending):  # type: ignore[no-untyped-def]
        column = sort if sort in SORTABLE else "id"
        total = self.total
        backwards = offset > total // 2 > 0
        if backwards:
            offset, descending = max(0, total - offset - limit), not descending
        direction = "DESC" if descending else "ASC"
        rows = self.db.execute(
            f"SELECT id, name, code, born, amount FROM person "
            f"ORDER BY {column} {direction}, id {direction} LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        if backwards:
            rows.reverse()
        return [(str(row[0]), row[1:]) for row in rows]


def build(path: Path, rows: int) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, code TEXT, born TEXT, "
        "amount INTEGER)"
    )
    rng = random.Random(1)
    started = time.perf_counter()
    db.executemany(
        "INSERT INTO person VALUES (?, ?, ?, ?, ?)",
        (
            (
                i,
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                f"{rng.randrange(10**10):010d}",
                f"{rng.randrange(1940, 2008)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",  # noqa: E501
                rng.randrange(10**9),
            )
            for i in range(1, rows + 1)
        ),
    )
    db.commit()
    print(f"generate {rows:,} rows: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    for column in ("name", "amount", "born"):
        db.execute(f"CREATE INDEX person_{column} ON person ({column}, id)")
    db.commit()
    print(f"index name, amount, born: {time.perf_counter() - started:.2f} s")
    return db


def timed(app: ttk.App, action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    app.update()
    return (time.perf_counter() - started) * 1000


def report(label: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{label:<34} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder) / "bench.sqlite", rows)
        app = ttk.App(theme="litera")
        app.geometry("900x700+0+0")
        app.update()
        source = SqlitePageSource(db)

        started = time.perf_counter()
        table = PagedTable(app, COLUMNS, source)
        table.pack(fill="both", expand=True)
        app.update()
        print(
            f"first page shown: {(time.perf_counter() - started) * 1000:.1f} ms "
            f"({len(table.tree.get_children())} rows in the Treeview)"
        )

        rng = random.Random(2)
        page_downs = [timed(app, lambda: table.scroll(table.page_size)) for _ in range(100)]
        report("page move (page down)", page_downs)
        jumps = [timed(app, lambda: table.scroll_to(rng.randrange(rows))) for _ in range(100)]
        report("page move (thumb jump anywhere)", jumps)
        wheel = [timed(app, lambda: table.scroll(3)) for _ in range(100)]
        report("wheel notch (3 rows)", wheel)

        sorts = []
        for _ in range(4):
            for column in ("name", "amount", "born"):
                sorts.append(timed(app, lambda c=column: table.sort_by(c)))
                sorts.append(timed(app, lambda c=column: table.sort_by(c)))  # toggle
        report("sort change (indexed column)", sorts)
        table.sort_by("amount", descending=True)
        app.update()
        sorted_jumps = [timed(app, lambda: table.scroll_to(rng.randrange(rows))) for _ in range(50)]
        report("thumb jump, sorted by amount", sorted_jumps)

        started = time.perf_counter()
        table.refresh()
        app.update()
        print(f"refresh (count + page): {(time.perf_counter() - started) * 1000:.1f} ms")
        app.destroy()
        db.close()


if __name__ == "__main__":
    main()
