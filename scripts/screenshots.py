"""Render the README's screenshots from the real app: docs/screenshots/*-WxH.png.

Drives the same root window `python run.py` opens (built by `desktop.app.build_app`)
through first-run set-up, login and the main pages, and captures each step with
ImageMagick's `import`, title bar and frame included. Needs a display with a window
manager, so the window is maximised and titled as people see it:

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
    DISPLAY=:99 .venv/bin/python scripts/screenshots.py --size 1024x700

Without `--size` the app has the whole screen (its work area, maximised). With it, the
app is told the screen is that size (a smaller one than the display): windows are
fitted to it and the main window's frame is made exactly that size, as a maximised
window on such a screen would be. File names end with the size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import tkinter as tk
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "screens-password"


def capture(window: tk.Misc, path: Path) -> None:
    window.update()
    window.update_idletasks()
    frame = window.winfo_toplevel().wm_frame()
    if shutil.which("import"):
        subprocess.run(["import", "-window", frame, str(path)], check=True)
    else:  # no ImageMagick: Pillow grabs the frame's rectangle of the screen
        from PIL import ImageGrab

        shown = subprocess.run(
            ["xwininfo", "-id", frame], capture_output=True, text=True, check=True
        ).stdout
        left, top, width, height = (
            int(re.search(rf"{name}:\s*(-?\d+)", shown).group(1))  # type: ignore[union-attr]
            for name in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        )
        box = (left, top, left + width, top + height)
        ImageGrab.grab(bbox=box, xdisplay=window.winfo_screen()).save(path)
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def frame_size(window: tk.Misc) -> tuple[int, int]:
    """The window's size with the window manager's frame (title bar, borders)."""
    shown = subprocess.run(
        ["xwininfo", "-id", window.winfo_toplevel().wm_frame()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = int(re.search(r"Width:\s*(\d+)", shown).group(1))  # type: ignore[union-attr]
    height = int(re.search(r"Height:\s*(\d+)", shown).group(1))  # type: ignore[union-attr]
    return width, height


def pretend_screen(size: tuple[int, int]) -> None:
    """Make the app believe the screen is `size`: its work area, and no maximising
    (the window manager would fill the real, larger screen)."""
    from desktop.views import screen

    screen.work_area = lambda _root: (0, 0, *size)  # type: ignore[assignment]
    screen._zoom = lambda _root, _zoomed: None  # type: ignore[assignment]


def fill_screen(root: tk.Tk, size: tuple[int, int]) -> None:
    """Give the main window, frame included, exactly `size` (a maximised window)."""
    root.update()
    frame_width, frame_height = frame_size(root)
    extra = (frame_width - root.winfo_width(), frame_height - root.winfo_height())
    root.geometry(f"{size[0] - extra[0]}x{size[1] - extra[1]}+0+0")
    root.update()


def fill(form, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for name, value in values.items():
        field = form.fields[name]
        if hasattr(field, "set"):
            field.set(value)
        else:
            field.delete(0, "end")
            field.insert(0, value)


def widget_gallery(root: tk.Misc) -> tk.Toplevel:
    """The Persian widgets side by side, with the text a clerk really types."""
    import ttkbootstrap as ttk

    from desktop.views.widgets.form import Form
    from desktop.views.widgets.jalali_date import JalaliDateEntry
    from desktop.views.widgets.ltr_entry import IdentifierEntry, MoneyEntry
    from desktop.views.widgets.paged_table import Column, PagedTable
    from desktop.views.widgets.rtl import RLabel
    from desktop.views.widgets.rtl_entry import RtlEntry
    from desktop.views.widgets.sources import ListSource

    top = ttk.Toplevel(root)
    top.geometry("900x640+0+0")
    frame = ttk.Frame(top, padding=20)
    frame.pack(fill="both", expand=True)
    RLabel(frame, text="ابزارهای فارسی توانا", font="-size 16 -weight bold").pack(fill="x")
    form = Form(frame, label_width=16)
    form.pack(fill="x", pady=(10, 10))
    name = form.add("name", "نام و نام خانوادگی", lambda p: RtlEntry(p))
    name.set("علی‌رضا می‌رزایی‌نژاد")
    address = form.add("address", "نشانی", lambda p: RtlEntry(p))
    address.set("تهران، خیابان ۱۷ شهریور، پلاک 12B، واحد ۳")
    code = form.add("national_code", "کد ملی", lambda p: IdentifierEntry(p, allowed="digits"))
    code.set("۰۰۸۴۵۷۵۹۴۸")
    money = form.add("capital", "سرمایهٔ لازم (ریال)", lambda p: MoneyEntry(p))
    money.set_rials(1_250_000_000)
    date = form.add("birth_date", "تاریخ تولد", lambda p: JalaliDateEntry(p))
    date.set_date(dt.date(1990, 3, 21))
    top.date_entry = date  # type: ignore[attr-defined]
    people = [
        ("1", ("ژاله", "یزدانی", "۰۰۱۲۳۴۵۶۷۸", 1_500_000)),
        ("2", ("آرش", "کاظمی", "۰۰۲۳۴۵۶۷۸۹", 0)),
        ("3", ("پریسا", "چگینی", "۰۰۳۴۵۶۷۸۹۰", 23_000_000)),
        ("4", ("بهروز", "گودرزی", "۰۰۴۵۶۷۸۹۰۱", 700_000)),
        ("5", ("مهسا", "اکبری", "۰۰۵۶۷۸۹۰۱۲", 12_000)),
    ]
    table = PagedTable(
        frame,
        [
            Column("first_name", "نام", 140),
            Column("last_name", "نام خانوادگی", 160),
            Column("national_code", "کد ملی", 140, kind="identifier"),
            Column("paid", "پرداختی", 160, kind="money"),
        ],
        ListSource(["first_name", "last_name", "national_code", "paid"], people),
        height=6,
    )
    table.pack(fill="both", expand=True)
    table.sort_by("last_name")
    table.select_index(1)
    return top


def make_shop(session):  # type: ignore[no-untyped-def]
    """A shop with two producers' goods (a database whose set-up made none)."""
    from desktop.models import Applicant
    from desktop.services.shops import producers, products, shops
    from desktop.services.shops.products import ProductFields

    shop = shops.add_shop(session, "S1", "فروشگاه محصولات خانگی منطقهٔ ۵", receipt_footer="سپاس")
    goods = (
        ("مربای بالنگ خانگی", 350_000, "شیشه"),
        ("ترشی لیتهٔ مادربزرگ", 210_000, "شیشه"),
        ("عروسک بافتنی", 1_250_000, "عدد"),
        ("کلوچهٔ محلی", 95_000, "بسته"),
    )
    people = list(Applicant.select().where(~Applicant.deleted).limit(2))
    for index, person in enumerate(people):
        producer = producers.add_producer(
            session,
            national_code=person.national_code,
            business_name=("کارگاه خانگی نرگس", "آشپزخانهٔ مهر")[index],
            iban=("IR820540102680020817909002", "IR062960000000100324200001")[index],
            commission="12.5",
            shop=shop.code,
        )
        for name, price, unit in goods[2 * index : 2 * index + 2]:
            fields = ProductFields(name, producer.code, price, unit, "خوراکی")
            products.add_product(session, fields, stock=20)
    return shop


def stop_on_callback_errors(root: tk.Tk) -> list[BaseException]:
    """A Tk callback that raises is printed and ends the run; the list it fills says
    whether one did."""
    failures: list[BaseException] = []

    def fail(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        traceback.print_exception(exc_type, exc, tb)
        failures.append(exc)
        root.destroy()

    root.report_callback_exception = fail
    return failures


def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--size", type=parse_size, default=None, help="a smaller screen, e.g. 1024x700"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.size is not None:
        pretend_screen(args.size)

    from desktop.app import build_app
    from desktop.views.shell import Shell

    workdir = Path(tempfile.mkdtemp(prefix="tavana-shots-"))
    root, context = build_app(str(workdir / "tavana.db"))
    size = args.size or (root.winfo_screenwidth(), root.winfo_screenheight())

    def shot(window: tk.Misc, name: str) -> None:
        capture(window, args.out / f"{name}-{size[0]}x{size[1]}.png")

    context.modal_dialogs = False
    failures = stop_on_callback_errors(root)
    shell = next(child for child in root.winfo_children() if isinstance(child, Shell))
    steps: list[Callable[[], None]] = []

    def setup_with_errors() -> None:
        fill(
            shell.page.form,
            {
                "center_code": "teh 05",
                "center_name": "مركز خدمات اجتماعي منطقهٔ ۵",
                "city": "",
                "admin_display_name": "مریم احمدی",
                "admin_username": "admin",
                "password": PASSWORD,
                "password_confirm": "another",
            },
        )
        shell.page.submit()
        shot(root, "01-setup-errors")

    def setup_done() -> None:
        fill(
            shell.page.form,
            {
                "center_code": "TEH05",
                "city": "تهران",
                "password_confirm": PASSWORD,
            },
        )
        shell.page.submit()
        for child in root.winfo_children():
            if isinstance(child, tk.Toplevel):
                shot(child, "02-demo-users-dialog")
                child.destroy()

    def login() -> None:
        shell.page.username.insert(0, "admin")
        shell.page.password.insert(0, "wrong password")
        shell.page.submit()
        shot(root, "03-login")
        shell.page.password.insert(0, PASSWORD)
        shell.page.submit()

    def maximised() -> None:
        if args.size is not None:
            fill_screen(root, args.size)

    def scroll_to_end() -> None:
        shell.page.area.canvas.yview_moveto(1.0)

    def main_pages() -> None:
        maximised()
        shot(root, "04-main-home")
        users = shell.page.show("users")
        shot(root, "05-users")
        users.table.select_index(1)
        root.update()
        users.open_reset()
        shot(root, "21-users-password-reset")
        settings = shell.page.show("settings")
        shot(root, "06-settings")
        logo = workdir / "files" / "نشان مرکز.png"  # a Persian path, drawn left to right
        logo.parent.mkdir()
        logo.write_bytes(b"\x89PNG\r\n\x1a\n")
        settings.certificate_form.set_value("logo_path", str(logo))
        scroll_to_end()
        shot(root, "22-settings-certificates")

    def applicant_pages() -> None:
        view = shell.page.show("applicants")
        view.search.entry.set("علی")
        view.search.search_now()
        shot(root, "10-applicants-search")
        form = view.open_new()
        fields = form.fields
        fields["first_name"].set("زهرا")
        fields["last_name"].set("کریمی‌نژاد")
        fields["national_code"].set("۰۰۸۴۵۷۵۹۴۹")
        fields["mobile"].set("۰۹۱۲۳۴")
        fields["district"].set("۳۰")
        form.save()
        shot(root, "11-applicant-form-errors")
        view.back_to_list()  # leave the form without its "discard changes?" question
        view.search.entry.set("")
        view.search.search_now()
        first_id = view.search.table.visible_rows()[0][0]
        page = view.open_file(first_id)
        shot(root, "12-applicant-file")
        page.open_status_panel()
        shot(root, "23-applicant-status-panel")
        page.close_panel()
        tabs = page.notebook.tabs()
        page.notebook.select(tabs[-4])  # the follow-ups tab (added last to first: RTL)
        shot(root, "13-applicant-follow-ups")
        shell.page.show("followups")
        shot(root, "14-due-follow-ups")

    def course_pages() -> None:
        from desktop.services import courses

        view = shell.page.show("courses")
        shot(root, "16-courses")
        finished = next(c for c in courses.list_courses(context.session) if c.status == "finished")
        page = view.open_course(finished.id)
        shot(root, "17-course-enrollees")
        page.notebook.select(page.attendance)
        shot(root, "18-course-attendance")
        page.notebook.select(page.sessions)
        shot(root, "20-course-sessions")
        from desktop.services import certificates

        course_id, issued = next(
            (course.id, certificate)
            for course in courses.list_courses(context.session, status="finished")
            for certificate in certificates.course_certificates(context.session, course.id)
        )
        view = shell.page.show("certificates")
        view.verify_panel.entry.insert(0, issued.qr_payload)
        view.verify_panel.verify()
        shot(root, "19-certificate-verified")
        view.choose_course(course_id)
        view.table.select_index(0)
        root.update()
        scroll_to_end()
        shot(root, "24-certificates-issued")

    def shop_pages() -> None:
        """The till mid-sale, recent sales, products and the daily close (issue 10), in
        the demo's shop when set-up made one, else in a shop made here."""
        from desktop.services.shops import products, shops

        session = context.session
        shop = next(iter(shops.list_shops(session)), None) or make_shop(session)
        context.current_shop = shop.id
        goods = [p for p in products.list_products(session, shop=shop.id) if p.stock >= 10]
        barcodes = [p.barcode for p in goods[:4]]
        search = goods[2].name.split()[0]
        till = shell.page.show("sales")
        for code in (barcodes[0], barcodes[2], barcodes[0], barcodes[3], barcodes[1]):
            till.scan.set(code)
            till.enter()
        till.cart_table.select_index(1)
        root.update()
        till.quantity.set("3")
        till.apply_line()
        till.scan.set(search)
        till.search()
        till.payment.cash.set(str(till.priced.total + 120_000))
        root.update()
        shot(root, "25-till-mid-sale")
        till.quantity.set("۱۰۰۰۰۱")  # past MAX_QUANTITY: said by the line, nothing changed
        till.apply_line()
        root.update()
        shot(root, "42-till-quantity-past-the-bound")
        till.quantity.set("")
        till.clear_scan()
        from desktop.services.shops import sales

        lines = [sales.CartLine(p, 2) for p in {x.product_id for x in till.lines}]
        total = sales.price_cart(session, shop.id, lines).total
        sales.sell(session, shop.id, lines, [sales.Payment("cash", total)])
        till.show_recent()
        till.recent.table.select_index(0)
        root.update()
        till.recent.open_return()
        root.update()
        shot(root, "27-till-recent-sales-return")
        till.hide_recent()
        shell.page.show("shop_products")
        shot(root, "26-shop-products")
        close = shell.page.show("daily_close")
        close.counted.set(str(close.period.expected_cash - 20_000))
        close.note.set("بیست هزار ریال کم است")
        root.update()
        shot(root, "28-daily-close")

    def report_steps(kind: str, name: str) -> list[Any]:
        """Show a report (computed on the app's runner), then capture it."""

        def start() -> None:
            page = shell.page.show("reports")
            page.kind.set_key(kind)
            page.kind.event_generate("<<ComboboxSelected>>")
            page.show()

        return [start, lambda: shot(root, name)]

    def commitments_page() -> None:
        shell.page.show("commitments")
        root.update()
        shot(root, "37-commitments")

    def backups_page() -> None:
        """The backups page with a day's automatic backup and one before a restore."""
        from desktop.services import backups

        source = backups.database_path()
        backups.automatic_backup(source, "daily")
        backups.write_backup(source, backups.automatic_folder(source), "before-restore")
        shell.page.show("backups")
        root.update()
        shot(root, "38-backups")

    def audit_steps() -> list[Any]:
        """The audit trail after the session's work and a file edited and opened: the
        chains checked (on the app's runner), an edit chosen to show its whole summary;
        then the changes to applicants alone."""
        from desktop.models import Applicant
        from desktop.services import applicants

        shown: dict[str, Any] = {}

        def start() -> None:
            session = context.session
            first = Applicant.select(Applicant.id).where(~Applicant.deleted).limit(1).scalar()
            form = applicants.to_input(applicants.get(session, str(first)))
            form.mobile, form.address = "09351112233", "تهران، خیابان آزادی، کوچهٔ هفتم"
            applicants.update(session, str(first), form)
            applicants.open_file(session, str(first))
            shown["page"] = page = shell.page.show("audit")
            page.verify()

        def checked() -> None:
            page = shown["page"]
            edit = next(key for key, entry in page.entries.items() if entry.action == "update")
            page.table.select_index([key for key, _ in page.source.rows].index(edit))
            root.update()
            shot(root, "39-audit")

        def applicants_only() -> None:
            page = shown["page"]
            page.entity.set_key("applicant")
            page.show()
            page.table.select_index(0)
            root.update()
            shot(root, "39-audit-applicants")

        return [start, checked, applicants_only]

    def clerk() -> None:
        context.on_logout()
        shell.page.username.insert(0, "clerk")
        shell.page.password.insert(0, PASSWORD)
        shell.page.submit()
        maximised()
        shot(root, "15-clerk-navigation")

    def gallery() -> None:
        top = widget_gallery(root)
        shot(top, "08-widgets")
        picker = top.date_entry.open_picker()
        picker.update()
        shot(picker, "09-date-picker")
        top.destroy()

    steps += [
        setup_with_errors,
        setup_done,
        login,
        main_pages,
        shop_pages,
        *report_steps("funnel", "33-report-funnel"),
        *report_steps("commitments", "34-report-commitments"),
        *report_steps("courses", "35-report-courses"),
        *report_steps("sales", "36-report-sales"),
        *report_steps("ideas", "41-report-ideas"),
        commitments_page,
        backups_page,
        *audit_steps(),
        applicant_pages,
        course_pages,
        clerk,
        gallery,
        root.destroy,
    ]

    def run_next() -> None:
        step = steps.pop(0)
        step()
        if steps:
            root.after(300, run_next)

    root.after(500, run_next)
    root.mainloop()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
