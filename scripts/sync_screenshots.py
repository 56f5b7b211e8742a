"""Render the README's screenshots of sync and headquarters: docs/screenshots/29-…32-….

Builds HQ and three centers in a temporary folder through the services (HQ set up,
centers provisioned and set up from their files, people registered — national codes
at two centers — sync files written, one file lost on the way), then opens the real
app on HQ's database (centers, the import report, the duplicates inbox) and on a
center's (its sync page, HQ's acknowledgement read and a notice for the clerks), each
in its own process. Needs a display with a window manager, as scripts/screenshots.py:

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 .venv/bin/python scripts/sync_screenshots.py [--size 1024x700]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.screenshots import (  # noqa: E402
    capture,
    fill_screen,
    parse_size,
    pretend_screen,
    stop_on_callback_errors,
)

PASSWORD = "screens-password"
PEOPLE = {
    "TEH05": [("زهرا", "کریمی"), ("علی", "رضایی"), ("مریم", "احمدی"), ("حسین", "موسوی")],
    "TEH07": [("زهرا", "کریمی"), ("رضا", "حسینی"), ("مریم", "احمدی")],
    "TEH12": [("سارا", "نوری"), ("فاطمه", "جعفری"), ("مهدی", "صادقی")],
}
FEMALE = {"زهرا", "مریم", "سارا", "فاطمه"}


def national_code(number: int) -> str:
    from desktop.services.identity import national_code_check_digit

    first_nine = f"{number:09d}"
    return first_nine + str(national_code_check_digit(first_nine))


def prepare(folder: Path) -> dict[str, Path]:
    """HQ, its centers and their files; returns where everything is."""
    from desktop.models.db import close_database
    from desktop.models.opening import open_database
    from desktop.services import applicants, auth, center_sync
    from desktop.services.hq import acks, duplicates, imports
    from desktop.services.hq import setup as hq_setup

    usb, inbox = folder / "usb", folder / "inbox"
    usb.mkdir()
    inbox.mkdir()
    hq_db = folder / "hq.sqlite3"
    open_database(str(hq_db))
    hq_setup.initialise_hq(
        name="ستاد توانمندسازی شهر تهران", city="تهران", admin_username="hqadmin",
        admin_display_name="نرگس صالحی", password=PASSWORD,
    )  # fmt: skip
    hq = auth.login("hqadmin", PASSWORD)
    provisioned = {
        code: hq_setup.provision(hq, code, name, "تهران", folder)
        for code, name in (
            ("TEH05", "مرکز خدمات اجتماعی منطقهٔ ۵"),
            ("TEH07", "مرکز خدمات اجتماعی منطقهٔ ۷"),
            ("TEH12", "مرکز خدمات اجتماعی منطقهٔ ۱۲"),
        )
    }
    close_database()
    number = 1_000_000
    shared = [national_code(number), national_code(number + 1)]  # at TEH05 and TEH07
    number += 1
    first_files: list[Path] = []
    for code, people in PEOPLE.items():
        open_database(str(folder / f"{code}.sqlite3"))
        center_sync.set_up_from_provisioning(
            center_sync.read_provisioning(provisioned[code]), admin_username="admin",
            admin_display_name="مدیر " + code, password=PASSWORD,
        )  # fmt: skip
        admin = auth.login("admin", PASSWORD)
        for index, (first, last) in enumerate(people):
            number += 1
            both = code in ("TEH05", "TEH07") and index in (0, 2)
            applicants.register(
                admin,
                applicants.ApplicantInput(
                    first_name=first, last_name=last, father_name="محمد",
                    national_code=shared[index // 2] if both else national_code(number),
                    gender="female" if first in FEMALE else "male",
                    birth_date="1368/05/12", mobile="09121234567", district=code[-1],
                    categories=["job_seeker"],
                ),
                confirm_near_duplicate=True,
            )  # fmt: skip
            if index == 1:  # a first file after two people, sent earlier
                exported = center_sync.export_changes(admin, usb)
                assert exported is not None
                first_files.append(exported.path)
        assert center_sync.export_changes(admin, inbox) is not None  # today's files
        close_database()
    # HQ holds the first files of TEH05 and TEH07; TEH12's never arrived, so its
    # second is refused (a gap).
    open_database(str(hq_db))
    hq = auth.login("hqadmin", PASSWORD)
    imports.import_files(hq, [p for p in first_files if not p.name.startswith("TEH12")])
    duplicates.decide(hq, shared[0], "data_error", correct_at="TEH05", note="نام پدر نادرست است")
    ack = acks.write_ack(hq, "TEH05", usb)
    close_database()
    return {"hq": hq_db, "center": folder / "TEH05.sqlite3", "ack": ack, "inbox": inbox}


def show(site: str, database: Path, extra: Path, out: Path, size: tuple[int, int] | None) -> int:
    """Open the app on `database`, log in and capture the site's pages."""
    if size is not None:
        pretend_screen(size)
    from desktop.app import build_app
    from desktop.views.shell import Shell

    root, context = build_app(str(database))
    shown_size = size or (root.winfo_screenwidth(), root.winfo_screenheight())
    context.modal_dialogs = False
    failures = stop_on_callback_errors(root)

    def shot(name: str) -> None:
        capture(root, out / f"{name}-{shown_size[0]}x{shown_size[1]}.png")

    shell = next(child for child in root.winfo_children() if isinstance(child, Shell))

    def login() -> None:
        shell.page.username.insert(0, "hqadmin" if site == "hq" else "admin")
        shell.page.password.insert(0, PASSWORD)
        shell.page.submit()
        if size is not None:
            fill_screen(root, size)

    def hq_pages() -> None:
        page = shell.page.show("hq_import")
        page.add_paths(sorted(extra.glob("*.tavana-sync")))
        page.import_files()

    def hq_report() -> None:
        shell.page.area.canvas.yview_moveto(1.0)  # a small screen: the report below
        root.update()
        shot("30-hq-import-report")
        centers = shell.page.show("hq_centers")
        centers.table.select_index(0)
        shot("29-hq-centers")
        duplicates = shell.page.show("hq_duplicates")
        duplicates.shown.set_key("")
        duplicates.reload()
        duplicates.table.select_index(0)
        shot("31-hq-duplicates")

    def center_page() -> None:
        page = shell.page.show("sync")
        page.ask_open = lambda **_options: str(extra)
        page.read_ack()
        root.update()
        shot("32-center-sync")

    steps: list[Callable[[], None]] = [login]
    steps += [hq_pages, hq_report] if site == "hq" else [center_page]
    steps.append(root.destroy)

    def run_next() -> None:
        steps.pop(0)()
        if steps:
            root.after(1500, run_next)

    root.after(500, run_next)
    root.mainloop()
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default=None, help="a smaller screen, e.g. 1024x700")
    parser.add_argument("--show", nargs=3, metavar=("SITE", "DB", "EXTRA"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    size = parse_size(args.size) if args.size else None
    if args.show:
        site, database, extra = args.show
        return show(site, Path(database), Path(extra), args.out, size)
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="tavana-sync-shots-"))
    sites = prepare(folder)
    sized = ["--size", args.size] if args.size else []
    failed = 0
    for site, database, extra in (
        ("hq", sites["hq"], sites["inbox"]),
        ("center", sites["center"], sites["ack"]),
    ):
        command = [sys.executable, __file__, "--out", str(args.out), *sized]
        failed |= subprocess.run([*command, "--show", site, str(database), str(extra)]).returncode
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
