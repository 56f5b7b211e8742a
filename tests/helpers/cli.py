"""The command line and its files: a database made by `init`, commands run in-process
or in a process without privileges, CSV lines and Excel sheets to import, and another
program holding SQLite's write lock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
import zipfile

import pytest
from openpyxl import Workbook

from desktop.cli import main
from desktop.services.identity import national_code_check_digit

# The import contract's columns (an applicant sheet's header row).
CONTRACT = [
    "national_code",
    "first_name",
    "last_name",
    "father_name",
    "gender",
    "birth_date",
    "mobile",
    "district",
    "categories",
]
SHEET = "xl/worksheets/sheet1.xml"
HEADER = (
    "national_code,first_name,last_name,father_name,gender,birth_date,mobile,district,categories"
)


def init_database(tmp_path, *extra):
    password = tmp_path / "password.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    path = str(tmp_path / "center.sqlite3")
    init = ["init", "--db", path, "--center-code", "TEH05", "--center-name", "مرکز پنج"]
    assert main([*init, "--admin", "admin", "--password-file", str(password), *extra]) == 0
    return path


def run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_a_user_without_privileges(argv, tmp_path):
    """Run the CLI in a process for which file permissions hold. As root (CI), that is
    root without its capabilities (setpriv): CAP_DAC_OVERRIDE is what lets root write a
    0444 file, and without it root is an ordinary owner."""
    command = [sys.executable, "-m", "desktop", *argv]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot drop the capabilities")
        command = [setpriv, "--bounding-set=-all", "--inh-caps=-all", *command]
    env = {**os.environ, "TAVANA_LOG": str(tmp_path / "log" / "tavana.log")}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def probe_privileges(tmp_path):
    done = as_a_user_without_privileges(["--version"], tmp_path)
    if done.returncode != 0:
        pytest.skip(f"cannot run without privileges here: {done.stderr.strip()}")


def numbered_code(n: int) -> str:
    """A valid national code numbered `n` (123450000 + n, with its check digit)."""
    nine = f"{123_450_000 + n:09d}"
    return nine + str(national_code_check_digit(nine))


def line(n: int, first_name: str = "زهرا", mobile: str | None = None) -> str:
    """A CSV line under HEADER for applicant number `n`."""
    mobile = mobile if mobile is not None else f"0912{n:07d}"
    return f"{numbered_code(n)},{first_name},احمدی,علی,female,1370/05/12,{mobile},5,job_seeker"


def sheet_xml(cells_xml):
    yield b'<?xml version="1.0" encoding="UTF-8"?>'
    yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    yield b"<sheetData>"
    yield from cells_xml
    yield b"</sheetData></worksheet>"


def xlsx_with_sheet(path, sheet_xml_chunks):
    """A real workbook whose first sheet's XML is replaced by `sheet_xml_chunks`,
    streamed into the zip (never held whole)."""
    plain = path.with_suffix(".plain.xlsx")
    book = Workbook()
    book.active.append(CONTRACT)
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != SHEET:
                out.writestr(item, source.read(item.filename))
        with out.open(SHEET, "w", force_zip64=True) as sheet:
            for chunk in sheet_xml_chunks:
                sheet.write(chunk)
    return path


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE center SET name = name")
    print("locked", flush=True)
    sys.stdin.readline()
    connection.execute("COMMIT")
    """
)


class WriteLockHolder:
    """Another program in the middle of writing: holds the lock until `release()`."""

    def __init__(self, path):
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline() == "locked\n"
        self._releasing = threading.Lock()
        self.released = False

    def release(self):
        """Once, from whichever thread comes first (a timer and a `finally` may race)."""
        with self._releasing:
            if self.released:
                return
            self.released = True
            try:
                self.process.stdin.write("\n")
                self.process.stdin.flush()
            except BrokenPipeError:  # it ended on its own
                pass
            self.process.wait(timeout=30)
