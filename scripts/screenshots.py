"""Render the README's screenshots from the real app: docs/screenshots/*.png.

Drives the same root window `python run.py` opens (built by `desktop.app.build_app`)
through first-run set-up, login and the main pages, and captures each step with
ImageMagick's `import`. Needs a display (Xvfb is fine):

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import tkinter as tk
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "screens-password"


def capture(window: tk.Misc, path: Path) -> None:
    window.update()
    window.update_idletasks()
    frame = window.winfo_toplevel().wm_frame()
    subprocess.run(["import", "-window", frame, str(path)], check=True)
    print(path.relative_to(ROOT))


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from desktop.app import build_app

    workdir = Path(tempfile.mkdtemp(prefix="tavana-shots-"))
    root, context = build_app(str(workdir / "tavana.db"))
    context.modal_dialogs = False
    failures: list[BaseException] = []

    def fail(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        traceback.print_exception(exc_type, exc, tb)
        failures.append(exc)
        root.destroy()

    root.report_callback_exception = fail
    shell = root.winfo_children()[0]
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
        capture(root, args.out / "01-setup-errors.png")

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
                capture(child, args.out / "02-demo-users-dialog.png")
                child.destroy()

    def login() -> None:
        shell.page.username.insert(0, "admin")
        shell.page.password.insert(0, "wrong password")
        shell.page.submit()
        capture(root, args.out / "03-login.png")
        shell.page.password.insert(0, PASSWORD)
        shell.page.submit()

    def main_pages() -> None:
        capture(root, args.out / "04-main-home.png")
        for key, name in (("users", "05-users"), ("settings", "06-settings")):
            shell.page.show(key)
            capture(root, args.out / f"{name}.png")
        shell.page.show("sales")
        capture(root, args.out / "07-coming-soon.png")

    def applicant_pages() -> None:
        view = shell.page.show("applicants")
        view.search.entry.set("علی")
        view.search.search_now()
        capture(root, args.out / "10-applicants-search.png")
        form = view.open_new()
        fields = form.fields
        fields["first_name"].set("زهرا")
        fields["last_name"].set("کریمی‌نژاد")
        fields["national_code"].set("۰۰۸۴۵۷۵۹۴۹")
        fields["mobile"].set("۰۹۱۲۳۴")
        fields["district"].set("۳۰")
        form.save()
        capture(root, args.out / "11-applicant-form-errors.png")
        view.back_to_list()  # leave the form without its "discard changes?" question
        view.search.entry.set("")
        view.search.search_now()
        first_id = view.search.table.visible_rows()[0][0]
        page = view.open_file(first_id)
        capture(root, args.out / "12-applicant-file.png")
        tabs = page.notebook.tabs()
        page.notebook.select(tabs[-4])  # the follow-ups tab (added last to first: RTL)
        capture(root, args.out / "13-applicant-follow-ups.png")
        shell.page.show("followups")
        capture(root, args.out / "14-due-follow-ups.png")

    def course_pages() -> None:
        from desktop.services import courses

        view = shell.page.show("courses")
        capture(root, args.out / "16-courses.png")
        finished = next(c for c in courses.list_courses(context.session) if c.status == "finished")
        page = view.open_course(finished.id)
        capture(root, args.out / "17-course-enrollees.png")
        page.notebook.select(page.attendance)
        capture(root, args.out / "18-course-attendance.png")
        from desktop.services import certificates

        issued = next(
            certificate
            for course in courses.list_courses(context.session, status="finished")
            for certificate in certificates.course_certificates(context.session, course.id)
        )
        view = shell.page.show("certificates")
        view.verify_panel.entry.insert(0, issued.qr_payload)
        view.verify_panel.verify()
        capture(root, args.out / "19-certificate-verified.png")

    def clerk() -> None:
        context.on_logout()
        shell.page.username.insert(0, "clerk")
        shell.page.password.insert(0, PASSWORD)
        shell.page.submit()
        capture(root, args.out / "15-clerk-navigation.png")

    def gallery() -> None:
        top = widget_gallery(root)
        capture(top, args.out / "08-widgets.png")
        picker = top.date_entry.open_picker()
        picker.update()
        capture(picker, args.out / "09-date-picker.png")
        top.destroy()

    steps += [
        setup_with_errors,
        setup_done,
        login,
        main_pages,
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
