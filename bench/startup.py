"""Start-up benchmark: process start → login window idle, and login → main window idle.

Runs the real app (`desktop.app.run_app`) in fresh child processes under the current
DISPLAY, on a database set up through the CLI and optionally bulked up with
`--changes N` change-log rows (the home page counts them). The child records wall-clock
times at the moments the login window and the main window first become idle, logs in
through the real LoginView, and quits. Prints the median and spread of each figure.

    DISPLAY=:99 .venv/bin/python bench/startup.py [--runs 7] [--changes 1000000]
        [--applicants 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password"


def child(db: str, out: str) -> None:
    """Inside the measured process: patch the shell to time its pages, then run the app."""
    marks: dict[str, float] = {}
    from desktop.views import shell

    original_login, original_main = shell.Shell.show_login, shell.Shell.show_main

    def show_login(self):  # type: ignore[no-untyped-def]
        original_login(self)

        def logged_in_idle() -> None:
            marks["login_idle"] = time.time()
            page = self.page
            page.username.insert(0, "admin")
            page.password.insert(0, PASSWORD)
            marks["submit"] = time.time()
            page.submit()

        self.after_idle(lambda: self.after(1, logged_in_idle))

    def show_main(self, session):  # type: ignore[no-untyped-def]
        original_main(self, session)

        def main_idle() -> None:
            marks["main_idle"] = time.time()
            Path(out).write_text(json.dumps(marks))
            self.root.destroy()

        self.after_idle(lambda: self.after(1, main_idle))

    shell.Shell.show_login, shell.Shell.show_main = show_login, show_main
    from desktop.app import run_app

    run_app(db)


def prepare(db: str, changes: int, applicants: int) -> None:
    password_file = Path(db).with_suffix(".pw")
    password_file.write_text(PASSWORD)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "init",
            "--db",
            db,
            "--center-code",
            "BENCH",
            "--center-name",
            "مرکز سنجش",
            "--admin",
            "admin",
            "--password-file",
            str(password_file),
        ],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    if applicants:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "desktop", "demo", "--db", db, "--applicants", str(applicants)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        print(f"made {applicants:,} demo applicants in {time.perf_counter() - started:.1f} s")
    if changes:
        started = time.perf_counter()
        with sqlite3.connect(db) as connection:
            rows = (
                ("BENCH", seq, "applicant", f"{seq:032x}", "create", "{}", "2026-01-01 00:00:00")
                for seq in range(10, changes + 10)
            )
            connection.executemany(
                "INSERT INTO change_log (center_code, seq, entity, entity_id, operation, data,"
                " changed_at) VALUES (?,?,?,?,?,?,?)",
                rows,
            )
        print(f"filled {changes:,} change-log rows in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--changes", type=int, default=0, help="bulk change-log rows to add")
    parser.add_argument(
        "--applicants", type=int, default=0, help="demo applicants to add (python -m desktop demo)"
    )
    parser.add_argument("--child", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        sys.exit("needs a display: Xvfb :99 & DISPLAY=:99 python bench/startup.py")
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.sqlite3")
        prepare(db, args.changes, args.applicants)
        env = {**os.environ, "TAVANA_LOG": str(Path(folder) / "bench.log")}
        to_login, to_main = [], []
        for _ in range(args.runs):
            out = str(Path(folder) / "marks.json")
            started = time.time()
            subprocess.run(
                [sys.executable, __file__, "--child", db, out], check=True, env=env, cwd=ROOT
            )
            marks = json.loads(Path(out).read_text())
            to_login.append(marks["login_idle"] - started)
            to_main.append(marks["main_idle"] - marks["submit"])
    for label, values in (
        ("process start -> login window idle", to_login),
        ("login submitted -> main window idle", to_main),
    ):
        print(
            f"{label}: median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f}, {len(values)} runs)"
        )


if __name__ == "__main__":
    main()
