"""Certificate PDFs: text that comes back in logical order, a QR that decodes, layout.

The checks read the PDF the way the world will: poppler's pdftotext/pdftoppm/pdfinfo and
zbar's zbarimg (CI installs poppler-utils and zbar-tools; without them those tests skip).
pdftotext returns the Persian as presentation forms in logical order, wrapped in bidi
embedding controls; NFKC turns the forms back into plain letters. ZWNJ comes back too
(the renderer carries it through the bidi step; Vazirmatn draws it with zero width), so
expected strings are compared with it, as stored.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.printing.certificate import fit_text, render_certificate, render_certificates
from desktop.printing.data import CertificateData
from desktop.services.progress import Cancelled, Progress
from desktop.text.jalali import format_jalali
from tests.helpers.pdf import needs_poppler, needs_zbar, plain_text, raw_text, run, word_boxes

ZWNJ = "\u200c"
PAYLOAD = "TAVANA1:TEH05-1405-000123:K7M2-9QXD:" + "hV3q_Zr8-KpL2mN9" * 5 + "xYw"


def certificate(**changes: object) -> CertificateData:
    values: dict[str, object] = {
        "serial": "TEH05-1405-000123",
        "code": "K7M2-9QXD",
        "full_name": "علی‌رضا میرزایی‌نژاد",
        "father_name": "غلام‌حسین",
        "national_code": "0012345678",
        "course_title": "آموزش Python برای کسب‌وکار",
        "hours": 120,
        "starts_on": dt.date(2026, 10, 23),
        "ends_on": dt.date(2026, 12, 21),
        "partner_name": "سازمان آموزش فنی و حرفه‌ای",
        "center_name": "مرکز خدمات اجتماعی شهرداری منطقهٔ ۵",
        "city": "تهران",
        "trainer_name": "سارا کاظمی",
        "manager_name": "حمید رحیمی",
        "issued_on": dt.date(2026, 12, 28),
        "qr_payload": PAYLOAD,
    }
    values.update(changes)
    return CertificateData(**values)  # type: ignore[arg-type]


@needs_poppler
def test_name_title_and_numbers_come_back_in_logical_order(tmp_path: Path) -> None:
    data = certificate()
    pdf = tmp_path / "one.pdf"
    render_certificate(data, pdf)
    text = plain_text(pdf)
    assert "علی‌رضا میرزایی‌نژاد" in text
    assert "آموزش Python برای کسب‌وکار" in text
    assert "فرزند " + "غلام‌حسین" in text
    assert "به کد ملی 0012345678" in text  # an identifier: Latin digits, as stored
    assert "به مدت ۱۲۰ ساعت" in text
    assert f"از تاریخ {format_jalali(data.starts_on, long=True)}" in text
    assert f"تا {format_jalali(data.ends_on, long=True)}" in text
    assert format_jalali(data.issued_on) in text  # issue date, numeric
    assert "TEH05-1405-000123" in text
    assert "K7M2-9QXD" in text
    assert "سازمان آموزش فنی و حرفه‌ای" in text
    assert "گواهینامهٔ پایان دوره" in text
    assert "المثنی" not in text


@needs_poppler
def test_zwnj_keeps_the_letters_around_it_unjoined(tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    render_certificate(certificate(), pdf)
    # «میرزایی‌نژاد» as printed: the ی before the ZWNJ is final (U+FBFD) and the ن after
    # it initial (U+FEE7); joined through they would be medial (U+FBFF, U+FEE8). The
    # ZWNJ itself is kept between them.
    printed = "\ufee3\ufbff\ufeae\ufeaf\ufe8d\ufbfe\ufbfd\u200c\ufee7\ufb8b\ufe8d\ufea9"
    assert unicodedata.normalize("NFKC", printed) == "میرزایی‌نژاد"
    assert printed in raw_text(pdf).split()


@needs_poppler
def test_long_name_and_title_fit_inside_the_frame_without_overlap(tmp_path: Path) -> None:
    name = "سیده‌فاطمه‌زهرا میرزایی‌نژاد حسینی‌طباطبایی اصفهانی‌زاده قاضی‌عسگر موسوی‌نسب"
    title = (
        "آموزش Python برای کسب‌وکار و تحلیل داده‌های فروش فروشگاه‌های خرد و متوسط"
        " با تمرین‌های عملی در محیط Jupyter و Excel"
    )
    data = certificate(
        full_name=name,
        course_title=title,
        center_name="مرکز نیکوکاری و خدمات اجتماعی و توانمندسازی بانوان شهرداری منطقهٔ ۱۸",
        trainer_name="مهندس سیده‌فاطمه‌زهرا حسینی‌طباطبایی",
        reprint=True,
        logo_path=_logo(tmp_path),
    )
    pdf = tmp_path / "long.pdf"
    render_certificate(data, pdf)
    text = plain_text(pdf)
    assert name in text
    assert title in text
    boxes = word_boxes(pdf)
    assert len(boxes) > 80
    for word, (x0, y0, x1, y1) in boxes:
        assert x0 >= 46 and x1 <= 841.89 - 46 and y0 >= 46 and y1 <= 595.28 - 46, word
    for i, (word, a) in enumerate(boxes):
        for other, b in boxes[i + 1 :]:
            assert not _overlap(a, b), (word, other)


@needs_poppler
@needs_zbar
@pytest.mark.parametrize("payload", [PAYLOAD, PAYLOAD + ":" + "A1b2C3d4" * 25])
def test_qr_decodes_to_the_payload(tmp_path: Path, payload: str) -> None:
    pdf = tmp_path / "qr.pdf"
    render_certificate(certificate(qr_payload=payload), pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    decoded = run("zbarimg", "--raw", "-q", str(tmp_path / "page.png"))
    assert decoded.strip() == payload


@needs_poppler
def test_batch_writes_one_page_per_certificate_and_reports_progress(tmp_path: Path) -> None:
    batch = [certificate(serial=f"TEH05-1405-00012{i}", full_name=n) for i, n in enumerate("ابج")]
    calls: list[tuple[int, int]] = []
    pdf = tmp_path / "batch.pdf"
    pages = render_certificates(
        batch, pdf, progress=lambda done, total: calls.append((done, total))
    )
    assert pages == 3
    info = run("pdfinfo", str(pdf))
    assert re.search(r"^Pages:\s+3$", info, re.M)
    assert re.search(r"^Page size:\s+841\.89 x 595\.28 pts \(A4\)", info, re.M)
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    text = plain_text(pdf)
    assert all(f"TEH05-1405-00012{i}" in text for i in range(3))
    assert list(tmp_path.iterdir()) == [pdf]  # no temporary file left beside it


@needs_poppler
def test_fonts_are_embedded(tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    render_certificate(certificate(), pdf)
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows and all("Vazirmatn" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows)  # the "emb" column


def test_cancelling_leaves_no_file(tmp_path: Path) -> None:
    progress = Progress()

    def step(done: int, total: int) -> None:
        if done == 2:
            progress.cancel()
        progress.step(done, total)

    pdf = tmp_path / "batch.pdf"
    with pytest.raises(Cancelled):
        render_certificates([certificate()] * 5, pdf, progress=step)
    assert list(tmp_path.iterdir()) == []


def test_cancelling_leaves_an_existing_file_as_it_was(tmp_path: Path) -> None:
    pdf = tmp_path / "batch.pdf"
    pdf.write_bytes(b"earlier print")

    def cancel(done: int, total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        render_certificates([certificate()], pdf, progress=cancel)
    assert pdf.read_bytes() == b"earlier print"
    assert list(tmp_path.iterdir()) == [pdf]


@needs_poppler
@pytest.mark.parametrize("kind", ["missing", "not an image", "truncated"])
def test_a_bad_logo_is_skipped(tmp_path: Path, kind: str) -> None:
    logo = tmp_path / "logo.png"
    if kind == "not an image":
        logo.write_text("this is not a picture")
    elif kind == "truncated":
        good = _logo(tmp_path / "good")
        logo.write_bytes(good.read_bytes()[:200])
    pdf = tmp_path / "out" / "one.pdf"
    pdf.parent.mkdir()
    render_certificate(certificate(logo_path=logo), pdf)
    assert re.search(r"^Pages:\s+1$", run("pdfinfo", str(pdf)), re.M)
    assert _image_count(pdf) == 0
    assert "علی‌رضا میرزایی‌نژاد" in plain_text(pdf)


@needs_poppler
def test_a_good_logo_is_drawn(tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    render_certificate(certificate(logo_path=_logo(tmp_path)), pdf)
    assert _image_count(pdf) == 1


@needs_poppler
def test_reprint_is_marked(tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    render_certificate(replace(certificate(), reprint=True), pdf)
    assert "المثنی" in plain_text(pdf)


@needs_poppler
def test_empty_father_name_and_partner_leave_no_dangling_words(tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    data = certificate(father_name="", partner_name="")
    render_certificate(data, pdf)
    text = plain_text(pdf)
    assert f"تا {format_jalali(data.ends_on, long=True)} با موفقیت به پایان" in text
    assert "فرزند" not in text
    assert "همکاری" not in text
    assert "به کد ملی 0012345678 دورهٔ آموزشی" in text


def test_an_empty_batch_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_certificates([], tmp_path / "none.pdf")
    assert list(tmp_path.iterdir()) == []


def test_fit_text_shrinks_then_wraps_keeping_word_order() -> None:
    short_size, short = fit_text("علی احمدی", "Vazirmatn-Bold", max_size=30, min_size=20, width=600)
    assert (short_size, short) == (30, ["علی احمدی"])
    name = "سیده‌فاطمه‌زهرا میرزایی‌نژاد حسینی‌طباطبایی"
    size, lines = fit_text(name, "Vazirmatn-Bold", max_size=30, min_size=10, width=300)
    assert 10 <= size < 30 and lines == [name]
    long_name = " ".join([name] * 3)
    size, lines = fit_text(
        long_name, "Vazirmatn-Bold", max_size=30, min_size=20, width=400, max_lines=3
    )
    assert size == 20 and len(lines) > 1
    assert " ".join(lines) == long_name


def test_fit_text_goes_below_the_minimum_only_to_stay_within_max_lines() -> None:
    text = " ".join(["کسب‌وکارهای"] * 15)
    size, lines = fit_text(text, "Vazirmatn", max_size=16, min_size=14, width=300, max_lines=2)
    assert size < 14 and len(lines) <= 2
    assert " ".join(lines) == text


def test_importing_the_renderers_does_not_import_reportlab() -> None:
    """reportlab is imported when a paper is drawn, not at start-up (DESIGN.md: ~0.13 s)."""
    code = (
        "import sys, desktop.printing.certificate, desktop.printing.receipt, "
        "desktop.printing.labels, desktop.printing.shop_papers; "
        "print(any(m.split('.')[0] in ('reportlab', 'segno') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "False"


# --- helpers ---------------------------------------------------------------------------


def _logo(folder: Path) -> Path:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", (120, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((4, 4, 116, 116), fill=(11, 81, 87, 255))
    path = folder / "logo.png"
    image.save(path)
    return path


def _image_count(pdf: Path) -> int:
    rows = run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    return sum(1 for row in rows if row.split()[2] == "image")


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    # A small tolerance: pdftotext's boxes take in the font's whole ascent and descent.
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 3 and b[1] < a[3] - 3


@needs_poppler
def test_a_zwnj_name_comes_back_with_its_zwnj(tmp_path: Path) -> None:
    name = "حسین‌زاده"
    pdf = tmp_path / "one.pdf"
    render_certificate(certificate(full_name=f"مریم {name}"), pdf)
    text = plain_text(pdf)
    assert f"مریم {name}" in text
    assert name.replace(ZWNJ, "") not in text.split()


def test_drawing_keeps_zwnj_and_changes_nothing_else() -> None:
    """The line drawn is the display conversion's, with each ZWNJ back in its place
    (zero width in Vazirmatn): python-bidi alone would drop it."""
    from desktop.printing.certificate import _visual
    from desktop.text.display import convert_line

    for line in (
        "سیده‌فاطمه‌زهرا میرزایی‌نژاد",
        "آموزش Python برای کسب‌وکار (مقدماتی)",
        "کتاب‌ها ۱۲۳‌تا",
        "‌می‌خواهم‌",
    ):
        drawn = _visual(line)
        assert drawn.count(ZWNJ) == line.count(ZWNJ), line
        assert drawn.replace(ZWNJ, "") == convert_line(line), line
