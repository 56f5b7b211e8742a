"""The certificates page, driven as an admin, a trainer and a clerk.

Certificates are issued through the services over a course finished as in
tests/test_certificates.py; the page verifies them by serial, code and scanned QR
payload, reprints one into a file the test chooses (the real renderer, no viewer
opened) and revokes one with a reason typed into its panel.
"""

from __future__ import annotations

import pytest

from desktop.services import certificates
from desktop.services.certificates import CODE_ALPHABET, VerifyStatus
from desktop.strings.certificate_search_views import SerialSearch
from desktop.strings.certificate_views import Issued, Verify
from desktop.strings.courses import Certificates as Messages
from desktop.text.digits import persian_digits
from desktop.text.display import ltr_in_rtl
from desktop.text.jalali import format_jalali
from desktop.text.keyboard import LETTER_KEYS as KEYS
from desktop.views.certificates_view import CertificatesView
from desktop.views.widgets.rtl import t
from tests.gui.conftest import pump
from tests.helpers.courses import finished_course
from tests.helpers.gui import make_context, press_return, rows, show
from tests.helpers.people import login_as

ALL = "PPPPPPPPPP"
SOME = "PPPPPAAAAA"


@pytest.fixture
def trainer(admin):
    session = login_as(admin, "trainer1", "trainer", "علی رضایی")
    return session.user_id, session


@pytest.fixture
def issued(admin, trainer):
    """A finished course with two certificates issued (the third person failed)."""
    course, _ids = finished_course(admin, trainer[0], [ALL, SOME, ALL])
    records = certificates.issue_course_certificates(admin, course.id)
    assert len(records) == 2
    return course, records


def make_view(window, session, **hooks):
    return show(window, CertificatesView(window, make_context(session), **hooks))


def verify(view, text):
    panel = view.verify_panel
    panel.entry.delete(0, "end")
    panel.entry.insert(0, text)
    press_return(panel.entry)
    return panel


def shown_fields(panel):
    return {key: label.logical_text for key, label in panel.values.items()}


def tamper(payload):
    """The payload with the signature's first letter changed. Not the last: 103 base32
    letters carry 515 bits for a 512-bit signature, so the last letter's low 3 bits are
    padding, and changing only those leaves the same signature."""
    head, signature = payload.rsplit(":", 1)
    first = "B" if signature[0] != "B" else "C"
    return f"{head}:{first}{signature[1:]}"


def colour(label):
    """The bootstyle colour a label was given ("success.TLabel" → "success")."""
    return str(label.cget("style")).split(".")[0]


def select(view, serial):
    index = [values[0] for values in rows(view.table)].index(serial)
    view.table.select_index(index)
    pump(view)


def test_a_serial_verifies_valid_and_every_printed_field_is_shown(window, admin, issued):
    course, records = issued
    record = records[0]
    view = make_view(window, admin)
    panel = verify(view, record.serial)

    assert panel.last is not None and panel.last.status is VerifyStatus.VALID
    assert panel.status.logical_text == Verify.VALID
    assert panel.detail.logical_text == Verify.COMPARE
    assert colour(panel.status) == "success"
    assert panel.grid_frame.winfo_ismapped()
    fields = shown_fields(panel)
    assert fields["full_name"] == record.full_name
    assert fields["father_name"] == record.father_name
    # An identifier: shown as stored, in Latin digits, to be copied or compared.
    assert fields["national_code"] == record.national_code
    assert fields["national_code"].isdigit() and fields["national_code"].isascii()
    assert fields["course_title"] == course.title
    assert fields["hours"] == Verify.HOURS_VALUE.format(hours=persian_digits(course.hours))
    assert fields["dates"] == Verify.DATES_VALUE.format(
        start=format_jalali(course.starts_on), end=format_jalali(course.ends_on)
    )
    assert record.center_name in fields["center"]
    assert fields["trainer_name"] == "علی رضایی"
    assert fields["manager_name"] == record.manager_name
    assert fields["serial"] == record.serial
    assert fields["code"] == record.code
    assert fields["issued_on"] == format_jalali(record.issued_on)
    assert all(fields[key] for key in fields if key != "partner_name")  # no partner set


def test_the_code_and_the_scanned_payload_verify_too(window, admin, issued):
    _course, records = issued
    record = records[1]
    view = make_view(window, admin)

    assert verify(view, record.code).last.certificate.serial == record.serial
    assert view.verify_panel.last.status is VerifyStatus.VALID
    assert verify(view, record.code.replace("-", "").lower()).last.status is VerifyStatus.VALID

    panel = verify(view, record.qr_payload)
    assert panel.last.status is VerifyStatus.VALID
    assert shown_fields(panel)["serial"] == record.serial
    # CapsLock on while the scanner typed: still the same certificate.
    assert verify(view, record.qr_payload.swapcase()).last.status is VerifyStatus.VALID
    # The entry is selected after each check, so the next scan replaces it.
    assert panel.entry.selection_present()


def test_a_payload_typed_under_the_persian_layout_still_verifies(window, admin, issued):
    """A USB scanner is a keyboard: with the Persian layout active each letter key gives
    its Persian letter (shifted ones combining marks) and digits come out Persian. The
    entry reads them back as the keys that typed them, as the service would: the clerk
    sees the payload, not Persian letters drawn unjoined and backwards."""
    _course, records = issued
    record = records[0]
    # Capital letters are shifted keys: under the Persian layout, often combining marks.
    persian_key = {key: chars[1] for key, chars in KEYS.items()}
    typed = persian_digits("".join(persian_key.get(char, char) for char in record.qr_payload))
    assert typed != record.qr_payload and not typed.isascii()
    view = make_view(window, admin)
    panel = verify(view, typed)
    assert panel.entry.displayed() == record.qr_payload
    assert panel.last.status is VerifyStatus.VALID
    assert shown_fields(panel)["serial"] == record.serial


def test_a_tampered_payload_says_the_signature_fails(window, admin, issued):
    _course, records = issued
    record = records[0]
    tampered = tamper(record.qr_payload)
    view = make_view(window, admin)
    panel = verify(view, tampered)

    assert panel.last.status is VerifyStatus.BAD_SIGNATURE
    assert panel.status.logical_text == Verify.BAD_SIGNATURE_TITLE
    assert panel.detail.logical_text == Verify.BAD_SIGNATURE
    assert colour(panel.status) == "warning"
    # The genuine record is shown beside the warning, to compare with the paper.
    assert shown_fields(panel)["full_name"] == record.full_name


def test_unknown_and_empty_input_explain_themselves(window, admin, issued):
    view = make_view(window, admin)
    unused = "".join(CODE_ALPHABET[i] for i in range(8))
    panel = verify(view, f"TEH05-1300-{'9' * 6}")
    assert panel.last.status is VerifyStatus.UNKNOWN
    assert panel.status.logical_text == Verify.UNKNOWN_TITLE
    assert panel.detail.logical_text == Verify.UNKNOWN
    assert colour(panel.status) == "warning"
    assert not panel.grid_frame.winfo_ismapped()
    assert all(text == "" for text in shown_fields(panel).values())
    if all(r.code.replace("-", "") != unused for r in issued[1]):
        assert verify(view, unused).last.status is VerifyStatus.UNKNOWN

    panel = verify(view, "   ")
    assert panel.last is None and panel.detail.logical_text == Verify.EMPTY_INPUT


def test_the_list_shows_the_course_certificates(window, admin, issued):
    course, records = issued
    view = make_view(window, admin)
    assert view.course_id == course.id
    shown = rows(view.table)
    assert sorted(values[0] for values in shown) == sorted(r.serial for r in records)
    assert {values[4] for values in shown} == {t(Issued.STATUS_VALID)}
    assert {values[1] for values in shown} == {t(r.full_name) for r in records}
    assert view.summary.logical_text == Issued.COUNT.format(count=persian_digits(2))


def test_typing_a_serial_lists_its_certificate_from_every_course(window, admin, trainer, issued):
    course, records = issued
    other, _ = finished_course(admin, trainer[0], [ALL])
    [elsewhere] = certificates.issue_course_certificates(admin, other.id)
    view = make_view(window, admin)
    view.choose_course(course.id)
    assert view.course_id == course.id
    wanted = elsewhere.serial  # in the course not chosen
    for typed in (wanted, wanted.lower(), persian_digits(wanted), wanted[6:], wanted[-6:]):
        view.serial_entry.delete(0, "end")
        view.serial_entry.insert(0, typed)
        pump(view)
        assert [values[0] for values in rows(view.table)] == [wanted], typed
    view.serial_entry.delete(0, "end")
    view.serial_entry.insert(0, wanted[:6])  # «TEH05-»: every certificate, in serial order
    pump(view)
    every = sorted(record.serial for record in [*records, elsewhere])
    assert [values[0] for values in rows(view.table)] == every
    view.serial_entry.insert("end", "0000-")
    pump(view)
    assert rows(view.table) == []
    assert view.table.empty_label.logical_text == SerialSearch.EMPTY
    view.serial_entry.delete(0, "end")
    pump(view)  # empty again: the chosen course's list
    assert sorted(values[0] for values in rows(view.table)) == sorted(r.serial for r in records)
    # Found by serial, it is reprinted or revoked like any row of the list.
    view.serial_entry.insert(0, wanted)
    pump(view)
    select(view, wanted)
    assert view.selected().id == elsewhere.id


def test_revoke_asks_a_reason_then_verification_says_revoked(window, admin, issued):
    _course, records = issued
    record = records[0]
    view = make_view(window, admin)

    view.revoke_button.invoke()  # nothing selected yet
    assert view.message.logical_text == Issued.SELECT_FIRST
    assert not view.revoke_panel.winfo_ismapped()

    select(view, record.serial)
    view.revoke_button.invoke()
    pump(view)
    assert view.revoke_panel.winfo_ismapped()
    press_return(view.reason)  # no reason: refused, nothing written
    assert view.reason_error.logical_text == Messages.REVOKE_REASON_REQUIRED
    assert certificates.get_certificate(admin, record.id).revoked is False

    view.reason.set("نام در گواهینامه اشتباه چاپ شده بود")
    press_return(view.reason)
    assert not view.revoke_panel.winfo_ismapped()
    assert view.message.logical_text == Issued.REVOKED.format(serial=record.serial)
    assert certificates.get_certificate(admin, record.id).revoked is True
    statuses = {values[0]: values[4] for values in rows(view.table)}
    assert statuses[record.serial] == t(Issued.STATUS_REVOKED)

    panel = verify(view, record.serial)
    assert panel.last.status is VerifyStatus.REVOKED
    assert panel.status.logical_text == Verify.REVOKED
    assert colour(panel.status) == "danger"
    assert "نام در گواهینامه اشتباه چاپ شده بود" in panel.detail.logical_text
    assert shown_fields(panel)["full_name"] == record.full_name

    view.revoke_button.invoke()  # again: already revoked, no panel
    assert view.message.logical_text == Issued.ALREADY_REVOKED
    assert not view.revoke_panel.winfo_ismapped()


def test_reprint_writes_the_chosen_file_and_opens_it(window, admin, issued, tmp_path):
    _course, records = issued
    record = records[1]
    target = tmp_path / "reprint.pdf"
    asked, opened = [], []

    def ask_path(**options):
        asked.append(options)
        return str(target)

    view = make_view(window, admin, ask_path=ask_path, opener=opened.append)
    select(view, record.serial)
    view.reprint_button.invoke()
    pump(view)

    assert target.read_bytes().startswith(b"%PDF")
    assert opened == [target]
    assert asked[0]["initialfile"] == Issued.FILE_NAME.format(serial=record.serial)
    assert view.message.logical_text == Issued.REPRINTED.format(
        serial=record.serial,
        name=ltr_in_rtl(target.name),  # a file name kept in one piece
    )
    assert certificates.get_certificate(admin, record.id).print_count == 1
    prints = {values[0]: values[5] for values in rows(view.table)}
    assert prints[record.serial] == persian_digits(1)


def test_reprint_with_no_pdf_viewer_says_where_the_file_is(window, admin, issued, tmp_path):
    """No `xdg-open` (a bare Linux): the shared opener raises OSError; the page says
    the file was saved, nothing is raised into Tk."""
    _course, records = issued
    target = tmp_path / "reprint.pdf"

    def no_viewer(_path):
        raise FileNotFoundError(2, "No such file or directory", "xdg-open")

    view = make_view(window, admin, ask_path=lambda **_o: str(target), opener=no_viewer)
    select(view, records[0].serial)
    view.reprint_button.invoke()
    pump(view)
    assert target.read_bytes().startswith(b"%PDF")
    assert view.message.logical_text == Issued.OPEN_FAILED
    assert certificates.get_certificate(admin, records[0].id).print_count == 1


def test_reprint_cancelled_in_the_dialog_writes_nothing(window, admin, issued, tmp_path):
    _course, records = issued
    opened = []
    view = make_view(window, admin, ask_path=lambda **_o: "", opener=opened.append)
    select(view, records[0].serial)
    view.reprint_button.invoke()
    pump(view)
    assert opened == [] and list(tmp_path.iterdir()) == []
    assert certificates.get_certificate(admin, records[0].id).print_count == 0


def test_a_revoked_certificate_is_not_reprinted(window, admin, issued, tmp_path):
    _course, records = issued
    certificates.revoke_certificate(admin, records[0].id, "اشتباه")
    opened = []
    target = tmp_path / "x.pdf"
    view = make_view(window, admin, ask_path=lambda **_o: str(target), opener=opened.append)
    select(view, records[0].serial)
    view.reprint_button.invoke()
    pump(view)
    assert view.message.logical_text == Messages.REVOKED_NOT_PRINTED.format(
        serial=records[0].serial
    )
    assert opened == [] and not target.exists()


def test_a_trainer_sees_the_list_without_revoke(window, admin, trainer, issued):
    _course, records = issued
    view = make_view(window, trainer[1])
    assert view.revoke_button is None
    assert len(rows(view.table)) == 2
    assert verify(view, records[0].serial).last.status is VerifyStatus.VALID


def test_a_clerk_can_verify_only(window, admin, issued):
    _course, records = issued
    clerk = login_as(admin, "clerk1", "clerk")
    view = make_view(window, clerk)
    assert view.table is None
    assert verify(view, records[0].code).last.status is VerifyStatus.VALID


def persian_layout(text: str) -> str:
    """What the keys of `text` give with the Persian layout on (lower-case letter keys,
    Persian digits): «teh05» is «فثا۰۵»."""
    keys = {key.lower(): chars[0] for key, chars in KEYS.items()}
    return persian_digits("".join(keys.get(char.lower(), char) for char in text))


def test_a_serial_typed_on_the_persian_layout_is_shown_and_found(window, admin, issued):
    """A serial is an identifier: the search field shows the Latin keys that were
    pressed, in capitals, as the serial is printed — never unjoined Persian letters."""
    _course, records = issued
    view = make_view(window, admin)
    wanted = records[0].serial
    typed = persian_layout(wanted)
    assert typed != wanted and not typed.isascii()
    view.serial_entry.focus_force()
    for char in typed:  # one keystroke at a time, as the field receives them
        view.serial_entry.insert("end", char)
    pump(view)
    assert view.serial_entry.displayed() == wanted
    assert [values[0] for values in rows(view.table)] == [wanted]


def test_the_serial_hint_shows_this_centers_code(window, database):
    from tests.factories import set_up_center

    admin = set_up_center(center_code="SHZ12")
    view = make_view(window, admin)
    assert "SHZ12-" in view.serial_hint.logical_text
    assert "TEH05" not in view.serial_hint.logical_text
