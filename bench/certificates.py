"""Certificate PDF benchmark: a batch of N certificates into one file, and a 1-page file.

"First page" is the time a fresh process takes to import the printing code (reportlab
included), register the fonts and write a one-page PDF: a batch is written to one file
that appears when it is complete, so this is what a person waits for before a single
certificate opens. Prints figures; asserts nothing.

    .venv/bin/python bench/certificates.py [--count 500] [--runs 3]
    .venv/bin/python bench/certificates.py --screenshots docs/screenshots   # the PNG renders
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_NAMES = ("علی‌رضا", "فاطمه", "محمدحسین", "زهرا", "امیرعلی", "نرگس", "مهدی", "سیده‌مریم")
LAST_NAMES = ("میرزایی‌نژاد", "احمدی", "حسین‌زاده", "کریمی", "طباطبایی", "رضوانی")
TITLES = (
    "آموزش Python برای کسب‌وکار",
    "خیاطی و طراحی لباس",
    "حسابداری مقدماتی با نرم‌افزار",
    "مهارت‌های زندگی و کارآفرینی",
)


def sample(index: int, *, logo: Path | None = None, **changes: object):  # type: ignore[no-untyped-def]
    """A plausible certificate; `changes` override fields (e.g. a long name)."""
    from desktop.printing.data import CertificateData

    values: dict[str, object] = {
        "serial": f"TEH05-1405-{index:06d}",
        "code": f"K7M2-{index:04d}",
        "full_name": f"{FIRST_NAMES[index % 8]} {LAST_NAMES[index % 6]}",
        "father_name": ("محمد", "حسن", "غلام‌رضا", "اکبر")[index % 4],
        "national_code": f"{(1234567 + index * 7919) % 10**10:010d}",
        "course_title": TITLES[index % 4],
        "hours": 40 + 20 * (index % 5),
        "starts_on": dt.date(2026, 10, 23),
        "ends_on": dt.date(2026, 12, 21),
        "partner_name": "سازمان آموزش فنی و حرفه‌ای کشور" if index % 3 else "",
        "center_name": "مرکز خدمات اجتماعی شهرداری منطقهٔ ۵",
        "city": "تهران",
        "trainer_name": "مهندس سارا کاظمی",
        "manager_name": "دکتر حمید رحیمی",
        "issued_on": dt.date(2026, 12, 28),
        # Serial, code and an Ed25519 signature in base64url, as the service builds it.
        "qr_payload": f"TAVANA1:TEH05-1405-{index:06d}:K7M2-{index:04d}:" + "Qx7_" * 21 + "Ab",
        "logo_path": logo,
        "reprint": False,
    }
    values.update(changes)
    return CertificateData(**values)  # type: ignore[arg-type]


def make_logo(path: Path) -> Path:
    """A stand-in emblem (a real center sets its own logo in the settings)."""
    from PIL import Image, ImageDraw

    size = 360
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    teal, gold = (11, 81, 87, 255), (176, 135, 61, 255)
    draw.ellipse((6, 6, size - 6, size - 6), fill=teal)
    draw.ellipse((28, 28, size - 28, size - 28), outline=gold, width=8)
    # Three rising figures joined at the base: people supported by the center.
    for offset, height in ((-78, 150), (0, 190), (78, 150)):
        x = size // 2 + offset
        top = size // 2 + 100 - height
        draw.ellipse((x - 22, top - 46, x + 22, top - 2), fill=gold)
        draw.rounded_rectangle((x - 28, top + 4, x + 28, size // 2 + 100), radius=22, fill=gold)
    draw.rectangle((size // 2 - 120, size // 2 + 104, size // 2 + 120, size // 2 + 118), fill=gold)
    image.save(path)
    return path


def child_first_page(out: str) -> None:
    """Inside a fresh process: import, register fonts, write one page; print seconds."""
    start = time.perf_counter()
    from desktop.printing.certificate import render_certificate

    render_certificate(sample(1), Path(out))
    print(json.dumps({"first_page": time.perf_counter() - start}))


def first_page(runs: int) -> list[tuple[float, float]]:
    """(inside the process, whole process including interpreter start) per run."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            out = str(Path(tmp) / f"one-{run}.pdf")
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, __file__, "--child", out],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            wall = time.perf_counter() - start
            inside = json.loads(result.stdout.strip().splitlines()[-1])["first_page"]
            times.append((inside, wall))
    return times


def batch(count: int, runs: int) -> None:
    from desktop.printing.certificate import prepare_reportlab, render_certificates

    start = time.perf_counter()
    prepare_reportlab()
    print(f"font registration (this process): {(time.perf_counter() - start) * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        logo = make_logo(Path(tmp) / "logo.png")
        certificates = [sample(i, logo=logo, reprint=i % 50 == 0) for i in range(count)]
        totals = []
        for run in range(runs):
            out = Path(tmp) / f"batch-{run}.pdf"
            start = time.perf_counter()
            pages = render_certificates(certificates, out)
            totals.append(time.perf_counter() - start)
            size = out.stat().st_size
        best, median = min(totals), statistics.median(totals)
        print(
            f"batch of {pages} into one file: median {median:.2f} s, best {best:.2f} s "
            f"({median / pages * 1000:.2f} ms per certificate median, "
            f"{best / pages * 1000:.2f} ms best); file {size / 1e6:.1f} MB "
            f"({size / pages / 1024:.1f} KB a page)"
        )


def screenshots(folder: Path) -> None:
    """Render the two README certificates as PNGs (pdftoppm at 100 dpi)."""
    from desktop.printing.certificate import render_certificate

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        logo = make_logo(Path(tmp) / "logo.png")
        shots = {
            "certificate-1": sample(0, logo=logo, full_name="فاطمه احمدی", father_name="محمد"),
            "certificate-2": sample(
                7,
                logo=logo,
                full_name="سیده‌فاطمه‌زهرا میرزایی‌نژاد حسینی‌طباطبایی اصفهانی‌زاده",
                father_name="سیدمحمدعلی",
                course_title="آموزش Python برای کسب‌وکار و تحلیل داده‌های فروش فروشگاه‌های خرد",
                hours=120,
                reprint=True,
            ),
        }
        for name, certificate in shots.items():
            pdf = Path(tmp) / f"{name}.pdf"
            render_certificate(certificate, pdf)
            subprocess.run(
                ["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(folder / name)],
                check=True,
            )
            print(folder / f"{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", type=Path, help="write the PNG renders here and stop")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_first_page(args.child)
        return
    if args.screenshots:
        screenshots(args.screenshots)
        return
    times = first_page(args.runs)
    inside = statistics.median(t for t, _ in times)
    wall = statistics.median(w for _, w in times)
    print(
        f"first page, 1-page file in a fresh process: {inside:.3f} s for imports + fonts + "
        f"render + write (median of {len(times)}); {wall:.3f} s including interpreter start"
    )
    batch(args.count, args.runs)


if __name__ == "__main__":
    main()
