"""Certificates: issuing, serials and codes, printing and reprinting, revoking, and
verification of serials, codes and scanned QR payloads (services, no Tk)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from peewee import IntegrityError

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditLog, CenterKey, Certificate, ChangeLog, Enrollment, db, writes
from desktop.models.private_keys import store_for
from desktop.printing.data import CertificateData
from desktop.services import (
    applicants,
    center_keys,
    certificate_printing,
    certificate_search,
    certificates,
    course_changes,
    courses,
    enrollment,
)
from desktop.services.certificates import CODE_ALPHABET, VerifyStatus
from desktop.services.progress import Cancelled, Progress
from desktop.strings.courses import Certificates as Messages
from desktop.strings.courses import Enrollments
from desktop.text.jalali import format_jalali
from desktop.text.normalize import normalize_digits
from tests.factories import applicant_input
from tests.helpers.courses import finished_course, make_course, people
from tests.helpers.people import login_as

TODAY = dt.date.today()
JALALI_YEAR = int(normalize_digits(format_jalali(TODAY))[:4])
ALL = "PPPPPPPPPP"
SOME = "PPPPPAAAAA"


@pytest.fixture
def trainer(admin):
    session = login_as(admin, "trainer1", "trainer", "علی رضایی")
    return session.user_id, session


@pytest.fixture
def course(admin, trainer):
    """A finished course: two completed (the first and third), one failed."""
    record, ids = finished_course(admin, trainer[0], [ALL, SOME, ALL])
    return record, ids


class FakeRenderer:
    """Stands in for desktop.printing.certificate.render_certificates."""

    def __init__(self, fail: Exception | None = None):
        self.calls: list[tuple[list[CertificateData], object, object]] = []
        self.fail = fail

    def __call__(self, datas, path, *, progress=None):
        self.calls.append((list(datas), path, progress))
        if self.fail is not None:
            raise self.fail
        if progress is not None:  # as the real one: before the first page, after each
            for done in range(len(datas) + 1):
                progress(done, len(datas))


@pytest.fixture
def renderer(monkeypatch):
    fake = FakeRenderer()
    monkeypatch.setattr(certificate_printing, "_renderer", lambda: fake)
    return fake


# -- issuing -----------------------------------------------------------------------------


def test_issue_keeps_the_printed_fields_signed(admin, trainer, course):
    record, ids = course
    seq = ChangeLog.last_seq("TEH05")
    issued = certificates.issue_certificate(admin, ids[0])
    assert issued.serial == f"TEH05-{JALALI_YEAR}-000001"
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}", issued.code)
    person = applicants.get(admin, Enrollment.get_by_id(ids[0]).applicant_id)
    assert (issued.full_name, issued.father_name, issued.national_code) == (
        person.full_name,
        person.father_name,
        person.national_code,
    )
    assert (issued.course_title, issued.hours, issued.starts_on, issued.ends_on) == (
        record.title,
        record.hours,
        record.starts_on,
        record.ends_on,
    )
    assert (issued.center_name, issued.trainer_name, issued.manager_name) == (
        "مرکز خدمات اجتماعی منطقهٔ ۵",
        "علی رضایی",
        "مدیر مرکز",  # the first administrator, as no manager name is set
    )
    assert (issued.issued_on, issued.issued_by_name, issued.print_count) == (
        TODAY,
        "مدیر مرکز",
        0,
    )
    assert issued.qr_payload == (
        f"TVN1:{issued.serial}:{issued.code.replace('-', '')}:"
        f"{Certificate.get_by_id(issued.id).signature}"
    )
    # The center's key was made on first use; only its public half is logged.
    logs = list(ChangeLog.select().where(ChangeLog.seq > seq).order_by(ChangeLog.seq))
    assert [(log.entity, log.operation) for log in logs] == [
        ("center_key", "create"),
        ("certificate", "create"),
    ]
    assert "private_key" not in logs[0].row and logs[0].row["public_key"]
    assert store_for(db.obj).load(CenterKey.get().public_key)  # the private half: not here
    assert logs[1].row["serial"] == issued.serial


def test_issuing_twice_or_without_completion_is_refused(admin, trainer, course):
    _, ids = course
    first = certificates.issue_certificate(admin, ids[0])
    with pytest.raises(UserError) as caught:
        certificates.issue_certificate(admin, ids[0])
    assert caught.value.code == "already_issued"
    assert caught.value.message == Messages.ALREADY_ISSUED.format(serial=first.serial)
    with pytest.raises(UserError) as caught:
        certificates.issue_certificate(admin, ids[1])  # 50% attendance: failed
    assert caught.value.code == "not_completed"
    running = make_course(admin, trainer[0])
    eid = enrollment.enroll(admin, running.id, people(admin, 1)[0]).id
    with pytest.raises(UserError) as caught:
        certificates.issue_certificate(admin, eid)
    assert caught.value.code == "not_finished"
    # All at once: only the missing ones, only those who completed.
    rest = certificates.issue_course_certificates(admin, course[0].id)
    assert [c.enrollment_id for c in rest] == [ids[2]]
    assert certificates.issue_course_certificates(admin, course[0].id) == []
    assert Certificate.select().count() == 2


def test_serials_never_repeat_under_many_issues(admin, trainer):
    trainer_id, _ = trainer
    big, _ = finished_course(admin, trainer_id, ["P"] * 120, starts_on=TODAY, ends_on=TODAY)
    issued = certificates.issue_course_certificates(admin, big.id)
    assert len(issued) == 120
    certificates.revoke_certificate(admin, issued[5].id, "نام نادرست")
    # Another course: certificates issued this year, and dated last year.
    _, more = finished_course(admin, trainer_id, [ALL] * 5)
    last_year = TODAY - dt.timedelta(days=366)
    earlier = [certificates.issue_certificate(admin, eid, on=last_year) for eid in more[:2]]
    now = [certificates.issue_certificate(admin, eid) for eid in more[2:]]
    this_year = sorted(int(c.serial[-6:]) for c in [*issued, *now])
    assert this_year == list(range(1, 124))  # never reused, revoked or not
    assert [c.serial[6:10] for c in earlier] == [str(JALALI_YEAR - 1)] * 2
    assert sorted(int(c.serial[-6:]) for c in earlier) == [1, 2]
    with pytest.raises(UserError) as caught:
        certificates.issue_certificate(admin, more[0], on=TODAY + dt.timedelta(days=1))
    assert caught.value.field == "issued_on"
    everything = Certificate.select()
    assert len({c.serial for c in everything}) == len({c.code for c in everything}) == 125
    assert all(set(c.code) <= set(CODE_ALPHABET) and len(c.code) == 8 for c in everything)
    assert not set(CODE_ALPHABET) & set("01OI")


def test_a_later_correction_of_the_file_leaves_the_certificate_as_issued(admin, course):
    _, ids = course
    issued = certificates.issue_certificate(admin, ids[0])
    applicant_id = Enrollment.get_by_id(ids[0]).applicant_id
    record = applicants.get(admin, applicant_id)
    applicants.update(
        admin,
        str(applicant_id),
        applicant_input(**{**applicants.to_input(record).__dict__, "first_name": "مهسا"}),
    )
    result = certificates.verify(admin, issued.serial)
    assert result.status is VerifyStatus.VALID
    assert result.certificate is not None and result.certificate.full_name == issued.full_name


def test_certified_results_are_locked_until_revoked(admin, course):
    record, ids = course
    issued = certificates.issue_certificate(admin, ids[0])
    first = courses.course_sessions(admin, record.id)[0]
    with pytest.raises(UserError) as caught:
        enrollment.mark_attendance(admin, first.id, {ids[0]: "absent"})
    assert caught.value.code == "certified"
    with pytest.raises(UserError) as caught:
        enrollment.set_scores(admin, record.id, {ids[0]: "10"})
    assert caught.value.code == "certified"
    with pytest.raises(UserError) as caught:
        course_changes.set_course_status(admin, record.id, "running")
    assert caught.value.code == "certified"
    certificates.revoke_certificate(admin, issued.id, "حضور نادرست ثبت شده بود")
    assert enrollment.mark_attendance(admin, first.id, {ids[0]: "absent"}) == 1


# -- revoking and verifying ------------------------------------------------------------------


def test_verify_valid_revoked_and_unknown(admin, trainer, course):
    _, ids = course
    clerk = login_as(admin, "clerk1", "clerk")
    issued = certificates.issue_certificate(admin, ids[0])
    serial, code = issued.serial, issued.code
    persian = serial.replace(str(JALALI_YEAR), format_jalali(TODAY)[:4])
    for text in (serial, persian, code, code.lower(), code.replace("-", ""), f" {code}\n"):
        result = certificates.verify(clerk, text)
        assert result.status is VerifyStatus.VALID, text
        assert result.certificate == issued
    assert certificates.verify(admin, serial.replace("-000001", "-1")).status is VerifyStatus.VALID
    for text in ("TEH05-1300-000001", "ABCD-EFGH", "", "سلام", "TVN1:garbage"):
        result = certificates.verify(admin, text)
        assert (result.status, result.certificate) == (VerifyStatus.UNKNOWN, None), text
    with pytest.raises(ValidationError) as caught:
        certificates.revoke_certificate(admin, issued.id, " ")
    assert caught.value.errors == {"reason": Messages.REVOKE_REASON_REQUIRED}
    with pytest.raises(PermissionDenied):
        certificates.revoke_certificate(trainer[1], issued.id, "اشتباه")
    seq = ChangeLog.last_seq("TEH05")
    revoked = certificates.revoke_certificate(admin, issued.id, "مدارک جعلی")
    assert (revoked.revoked, revoked.revoked_reason, revoked.revoked_by_name) == (
        True,
        "مدارک جعلی",
        "مدیر مرکز",
    )
    assert [
        (log.entity, log.operation) for log in ChangeLog.select().where(ChangeLog.seq > seq)
    ] == [("certificate", "update")]
    assert AuditLog.select().where(AuditLog.action == "certificate_revoked").count() == 1
    for text in (serial, code, issued.qr_payload):
        result = certificates.verify(admin, text)
        assert result.status is VerifyStatus.REVOKED
        assert result.certificate is not None and result.certificate.revoked_reason == "مدارک جعلی"
    with pytest.raises(UserError) as caught:
        certificates.revoke_certificate(admin, issued.id, "دوباره")
    assert caught.value.code == "already_revoked"


def test_any_change_to_the_payload_fails(admin, course):
    _, ids = course
    first = certificates.issue_certificate(admin, ids[0])
    second = certificates.issue_certificate(admin, ids[2])
    payload = first.qr_payload
    assert certificates.verify(admin, payload).status is VerifyStatus.VALID
    prefix, serial, code, signature = payload.split(":")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    other_code = second.code.replace("-", "")
    tampered = [
        ":".join((prefix, serial, code, flipped)),
        ":".join((prefix, serial, other_code, signature)),  # another certificate's code
        ":".join((prefix, second.serial, code, signature)),  # another certificate's serial
        ":".join((prefix, serial, code, second.qr_payload.split(":")[3])),
    ]
    for text in tampered:
        result = certificates.verify(admin, text)
        assert result.status is VerifyStatus.BAD_SIGNATURE, text
        assert result.certificate is not None  # what the genuine record says
    unknown_serial = ":".join((prefix, serial.replace("000001", "000099"), code, signature))
    assert certificates.verify(admin, unknown_serial).status is VerifyStatus.UNKNOWN
    # Cut short (a character lost on the way): the certificate it names, but not valid.
    cut = certificates.verify(admin, payload[:-1])
    assert cut.status is VerifyStatus.BAD_SIGNATURE
    assert cut.certificate is not None and cut.certificate.serial == first.serial
    assert certificates.verify(admin, "TVN1:TEH05-1300-000001:X").status is VerifyStatus.UNKNOWN


def test_an_edited_stored_copy_fails(admin, course):
    _, ids = course
    issued = certificates.issue_certificate(admin, ids[0])
    for field, value in (("full_name", "نام دیگر"), ("hours", 400), ("national_code", "0")):
        original = getattr(Certificate.get_by_id(issued.id), field)
        with writes.unlogged("test: the stored copy edited behind the app's back"):
            Certificate.update({field: value}).where(Certificate.id == issued.id).execute()
        for text in (issued.serial, issued.code, issued.qr_payload):
            assert certificates.verify(admin, text).status is VerifyStatus.BAD_SIGNATURE
        with writes.unlogged("test: put back"):
            Certificate.update({field: original}).where(Certificate.id == issued.id).execute()
    assert certificates.verify(admin, issued.qr_payload).status is VerifyStatus.VALID
    # A different key for the center (a key swapped in the database) fails too.
    with writes.unlogged("test: the key swapped behind the app's back"):
        CenterKey.delete().execute()
    center_keys.signing_key("TEH05")
    assert certificates.verify(admin, issued.serial).status is VerifyStatus.BAD_SIGNATURE


# The ISIRI 9147 Persian layout, transcribed here independently of the service:
# what each Latin key gives without and with Shift.
PERSIAN_UNSHIFTED = dict(
    zip("qwertyuiopasdfghjklzxcvbnm", "ضصثقفغعهخحشسیبلاتنمظطزرذدپ", strict=True)
)
PERSIAN_SHIFTED = dict(
    zip(
        "QWERTYUIOPASDFGHJKLZXCVBNM",
        "\u0652\u064c\u064d\u064b\u064f\u0650\u064e\u0651][ؤئيإأآة»«ك\u0653ژ\u0670\u200c\u0654ء",
        strict=True,
    )
)
PERSIAN_DIGITS = dict(zip("0123456789", "۰۱۲۳۴۵۶۷۸۹", strict=True))


def typed_on_persian_layout(text, *, shift_for_capitals=True):
    keys = (
        PERSIAN_SHIFTED
        if shift_for_capitals
        else {letter.upper(): char for letter, char in PERSIAN_UNSHIFTED.items()}
    )
    return "".join(keys.get(char, PERSIAN_DIGITS.get(char, char)) for char in text)


def test_every_key_of_the_persian_layout_reads_back():
    keys = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:"
    for shifted in (True, False):
        typed = typed_on_persian_layout(keys, shift_for_capitals=shifted)
        assert not set(typed) & set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        assert certificates.scan_text(typed) == keys
    assert certificates.scan_text("\u200fk7m2-9qxd \n") == "K7M2-9QXD"


def test_a_scanner_typing_with_the_persian_layout_or_capslock_is_understood(admin, course):
    _, ids = course
    issued = certificates.issue_certificate(admin, ids[0])
    payload = issued.qr_payload
    variants = [
        typed_on_persian_layout(payload),
        typed_on_persian_layout(payload, shift_for_capitals=False),
        payload.lower(),  # CapsLock on
        "\u200f" + payload.replace(":", "|") + "\r\n",  # a bidi mark, another separator
        normalize_digits(typed_on_persian_layout(payload)).replace("ك", "ک"),
    ]
    assert variants[0] != payload and "۱۴" in variants[0]
    for text in variants:
        assert certificates.verify(admin, text).status is VerifyStatus.VALID, text
    serial_typed = typed_on_persian_layout(issued.serial)
    assert certificates.verify(admin, serial_typed).status is VerifyStatus.VALID
    code_typed = typed_on_persian_layout(issued.code, shift_for_capitals=False)
    assert certificates.verify(admin, code_typed).status is VerifyStatus.VALID


def test_verification_roles(admin, trainer, course):
    _, ids = course
    issued = certificates.issue_certificate(admin, ids[0])
    shop = login_as(admin, "shop1", "shop")
    other = login_as(admin, "trainer2", "trainer")
    with pytest.raises(PermissionDenied):
        certificates.verify(shop, issued.serial)
    # Any trainer may check a certificate, but only the course's trainer issues them.
    assert certificates.verify(other, issued.serial).status is VerifyStatus.VALID
    with pytest.raises(PermissionDenied):
        certificates.issue_certificate(other, ids[2])
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        certificates.issue_certificate(clerk, ids[2])
    assert certificates.issue_certificate(trainer[1], ids[2]).issued_by_name == "علی رضایی"


# -- printing ----------------------------------------------------------------------------


def test_certificate_data_and_its_settings(admin, course, tmp_path):
    _, ids = course
    first = certificates.issue_certificate(admin, ids[0])
    data = certificates.certificate_data(admin, first.id)
    assert isinstance(data, CertificateData)
    assert (data.serial, data.code, data.full_name, data.qr_payload) == (
        first.serial,
        first.code,
        first.full_name,
        first.qr_payload,
    )
    assert (data.hours, data.center_name, data.manager_name) == (40, first.center_name, "مدیر مرکز")
    assert (data.logo_path, data.reprint) == (None, False)
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG")
    settings = certificates.save_certificate_settings(
        admin, manager_name="  مهندس   کریمی ", logo_path=str(logo)
    )
    assert settings.manager_name == "مهندس کریمی"
    second = certificates.issue_certificate(admin, ids[2])
    assert second.manager_name == "مهندس کریمی"
    assert certificates.certificate_data(admin, second.id).logo_path == logo
    # Certificates already issued keep the manager they were signed with.
    assert certificates.certificate_data(admin, first.id).manager_name == "مدیر مرکز"
    with pytest.raises(ValidationError) as refused:  # a logo that is not there
        certificates.save_certificate_settings(
            admin, manager_name="مهندس کریمی", logo_path=str(tmp_path / "x")
        )
    assert set(refused.value.errors) == {"logo_path"}
    logo.unlink()  # a logo removed after it was chosen is left off, not an error
    assert certificates.certificate_data(admin, first.id).logo_path is None
    with pytest.raises(PermissionDenied):
        certificates.save_certificate_settings(
            login_as(admin, "clerk1", "clerk"), manager_name="", logo_path=""
        )


def test_print_course_issues_missing_then_prints_and_counts(admin, course, renderer, tmp_path):
    record, ids = course
    early = certificates.issue_certificate(admin, ids[2])
    out = tmp_path / "course.pdf"
    steps = []

    def progress(done, total):
        steps.append((done, total))

    made = certificates.print_course(admin, record.code, out, progress)
    assert (made.issued, made.printed, made.path) == (1, 2, out)
    ((datas, path, _),) = renderer.calls
    # Drawn under a temporary name beside the target, then renamed to it.
    assert path.parent == out.parent and path.name.startswith(f".{out.name}.")
    assert out.exists() and not path.exists()
    # One total for both phases: one certificate to issue, then two pages.
    assert steps == [(0, 3), (1, 3), (1, 3), (2, 3), (3, 3)]
    names = sorted(c.full_name for c in certificates.course_certificates(admin, record.id))
    assert [d.full_name for d in datas] == names
    assert {d.serial for d in datas} == {
        c.serial for c in certificates.course_certificates(admin, record.id)
    }
    assert not any(d.reprint for d in datas)
    assert {c.print_count for c in certificates.course_certificates(admin, record.id)} == {1}
    assert AuditLog.select().where(AuditLog.action == "reprint").count() == 0
    # The second print is a reprint: marked on paper and in the audit log.
    certificates.revoke_certificate(admin, early.id, "اشتباه در نام")
    certificates.print_course(admin, record.id, out)
    (datas, _, _) = renderer.calls[1]
    assert [d.reprint for d in datas] == [True] and early.serial not in {d.serial for d in datas}
    assert [a.detail for a in AuditLog.select().where(AuditLog.action == "reprint")] == [
        datas[0].serial
    ]
    with pytest.raises(UserError) as caught:
        certificates.reprint_certificate(admin, early.id, out)
    assert caught.value.code == "revoked"


def test_single_reprint_and_a_cancelled_print_counts_nothing(admin, course, monkeypatch, tmp_path):
    _, ids = course
    issued = certificates.issue_certificate(admin, ids[0])
    fake = FakeRenderer()
    monkeypatch.setattr(certificate_printing, "_renderer", lambda: fake)
    assert certificates.reprint_certificate(admin, issued.id, tmp_path / "a.pdf").print_count == 1
    again = certificates.reprint_certificate(admin, issued.id, tmp_path / "a.pdf")
    assert again.print_count == 2
    assert [call[0][0].reprint for call in fake.calls] == [False, True]
    cancelling = FakeRenderer(fail=Cancelled())
    monkeypatch.setattr(certificate_printing, "_renderer", lambda: cancelling)
    with pytest.raises(Cancelled):
        certificates.print_certificates(admin, [issued.id], tmp_path / "b.pdf")
    assert Certificate.get_by_id(issued.id).print_count == 2


def test_print_course_refusals(admin, trainer, renderer, tmp_path):
    trainer_id, _ = trainer
    running = make_course(admin, trainer_id)
    with pytest.raises(UserError) as caught:
        certificates.print_course(admin, running.code, tmp_path / "x.pdf")
    assert caught.value.code == "not_finished"
    nobody, _ = finished_course(admin, trainer_id, [SOME])
    with pytest.raises(UserError) as caught:
        certificates.print_course(admin, nobody.code, tmp_path / "x.pdf")
    assert caught.value.code == "nothing_to_print"
    with pytest.raises(UserError) as caught:
        certificates.print_course(admin, "TEH05-C-0404", tmp_path / "x.pdf")
    assert caught.value.code == "not_found"
    assert renderer.calls == []


def test_print_course_with_the_real_renderer(admin, course, tmp_path):
    pytest.importorskip("desktop.printing.certificate")
    record, _ = course
    out = tmp_path / "course.pdf"
    steps = []
    made = certificates.print_course(admin, record.id, out, lambda *step: steps.append(step))
    assert made.printed == 2 and steps[-1] == (4, 4)  # two issued, then two pages
    assert out.read_bytes().startswith(b"%PDF")


def test_missing_renderer_is_a_user_error(admin, course, monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def without_renderer(name, *args, **kwargs):
        if name == "desktop.printing.certificate":
            raise ModuleNotFoundError(name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_renderer)
    with pytest.raises(UserError) as caught:
        certificates.print_course(admin, course[0].id, tmp_path / "x.pdf")
    assert caught.value.code == "renderer_missing"
    # The certificates were issued all the same, and nothing was counted as printed.
    assert {c.print_count for c in Certificate.select()} == {0}


def test_the_signed_message_is_canonical_json():
    fields = {"serial": "TEH05-1405-000001", "full_name": "زهرا احمدی", "hours": 40}
    message = certificates.canonical_message(fields)
    assert message.startswith(b"TVN1\n")
    assert json.loads(message[5:]) == fields
    assert message == certificates.canonical_message(dict(reversed(fields.items())))
    assert "زهرا".encode() in message


def test_enrollment_must_exist(admin):
    with pytest.raises(UserError) as caught:
        certificates.issue_certificate(admin, "not-an-id")
    assert caught.value.message == Enrollments.NOT_FOUND


def test_every_single_letter_change_of_the_signature_fails(admin, course):
    """Base32 leaves filler bits in the signature's last letter: they are checked too."""
    _, ids = course
    payload = certificates.issue_certificate(admin, ids[0]).qr_payload
    prefix, signature = payload.rsplit(":", 1)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    for position in (0, len(signature) // 2, len(signature) - 1):
        for letter in alphabet.replace(signature[position], ""):
            changed = signature[:position] + letter + signature[position + 1 :]
            result = certificates.verify(admin, f"{prefix}:{changed}")
            assert result.status is VerifyStatus.BAD_SIGNATURE, (position, letter)


# -- replacing a revoked certificate ------------------------------------------------------


def test_a_revoked_certificate_can_be_replaced(admin, course, renderer, tmp_path):
    record, ids = course
    typo = certificates.issue_certificate(admin, ids[0])
    certificates.revoke_certificate(admin, typo.id, "نام اشتباه نوشته شده بود")
    applicant_id = str(Enrollment.get_by_id(ids[0]).applicant_id)
    person = applicants.get(admin, applicant_id)
    applicants.update(
        admin,
        applicant_id,
        applicant_input(**{**applicants.to_input(person).__dict__, "first_name": "مهسا"}),
    )
    seq = ChangeLog.last_seq("TEH05")
    fixed = certificates.issue_certificate(admin, ids[0])
    assert (fixed.serial, fixed.code) != (typo.serial, typo.code)
    assert fixed.full_name.startswith("مهسا") and not typo.full_name.startswith("مهسا")
    assert [
        (log.entity, log.operation) for log in ChangeLog.select().where(ChangeLog.seq > seq)
    ] == [("certificate", "create")]
    old = certificates.verify(admin, typo.qr_payload)
    assert (old.status, old.replaced_by) == (VerifyStatus.REVOKED, fixed.serial)
    new = certificates.verify(admin, fixed.serial)
    assert (new.status, new.replaced_by) == (VerifyStatus.VALID, "")
    # While the replacement is current, issuing again is refused.
    with pytest.raises(UserError) as caught:
        certificates.issue_certificate(admin, ids[0])
    assert caught.value.message == Messages.ALREADY_ISSUED.format(serial=fixed.serial)
    # The course page, the enrollment's history and the current one.
    shown = {e.enrollment.id: e for e in enrollment.course_detail(admin, record.id).enrollees}
    assert (shown[ids[0]].certificate_id, shown[ids[0]].certificate_serial) == (
        fixed.id,
        fixed.serial,
    )
    assert shown[ids[0]].certificate_revoked is False
    assert certificates.current_certificate(admin, ids[0]) == fixed
    assert [c.serial for c in certificates.enrollment_certificates(admin, ids[0])] == [
        typo.serial,
        fixed.serial,
    ]
    assert certificates.current_certificate(admin, ids[2]) is None
    # Printing the course prints the current one; the revoked one names its replacement.
    certificates.print_course(admin, record.id, tmp_path / "course.pdf")
    printed = {d.serial for d in renderer.calls[-1][0]}
    assert fixed.serial in printed and typo.serial not in printed
    with pytest.raises(UserError) as caught:
        certificates.reprint_certificate(admin, typo.id, tmp_path / "old.pdf")
    assert caught.value.message == Messages.REVOKED_REPLACED_NOT_PRINTED.format(
        serial=typo.serial, current=fixed.serial
    )
    # Both revoked: the latest one stands for the enrollment.
    certificates.revoke_certificate(admin, fixed.id, "دوباره اشتباه")
    shown = {e.enrollment.id: e for e in enrollment.course_detail(admin, record.id).enrollees}
    assert (shown[ids[0]].certificate_serial, shown[ids[0]].certificate_revoked) == (
        fixed.serial,
        True,
    )
    assert certificates.current_certificate(admin, ids[0]).serial == fixed.serial


def test_the_database_refuses_two_current_certificates_for_one_enrollment(admin, course):
    _, ids = course
    typo = certificates.issue_certificate(admin, ids[0])
    certificates.revoke_certificate(admin, typo.id, "نام اشتباه")
    fixed = certificates.issue_certificate(admin, ids[0])
    with pytest.raises(IntegrityError), db.atomic(), writes.unlogged("test: a forged row"):
        Certificate.update(revoked=False).where(Certificate.id == typo.id).execute()
    row = Certificate.get_by_id(fixed.id)
    twin = {name: getattr(row, name) for name in row._meta.fields if name != "id"}
    twin.update(serial="TEH05-1300-999999", number=999999, code="ZZZZZZZZ")
    with pytest.raises(IntegrityError), db.atomic(), writes.unlogged("test: a forged row"):
        Certificate.create(**twin)
    twin["revoked"] = True  # a revoked one beside the current one is allowed
    with writes.unlogged("test: a forged row"):
        assert Certificate.create(**twin).enrollment_id == row.enrollment_id


def test_issuing_all_does_not_replace_a_revoked_certificate(admin, course):
    """A revocation is undone only on purpose, one person at a time."""
    record, ids = course
    revoked = certificates.issue_certificate(admin, ids[0])
    certificates.revoke_certificate(admin, revoked.id, "مدارک ناقص")
    issued = certificates.issue_course_certificates(admin, record.id)
    assert [c.enrollment_id for c in issued] == [ids[2]]
    assert certificates.current_certificate(admin, ids[0]) == certificates.get_certificate(
        admin, revoked.id
    )


# -- a record edited after issuing is not printed ---------------------------------------


def test_a_record_edited_after_issuing_is_not_printed(admin, course, renderer, tmp_path):
    record, ids = course
    issued = certificates.issue_certificate(admin, ids[0])
    with writes.unlogged("test: the record edited behind the app's back"):
        Certificate.update(hours=400).where(Certificate.id == issued.id).execute()
    with pytest.raises(UserError) as caught:
        certificates.print_certificates(admin, [issued.id], tmp_path / "one.pdf")
    assert caught.value.code == "bad_signature"
    assert caught.value.message == Messages.TAMPERED_NOT_PRINTED.format(serial=issued.serial)
    with pytest.raises(UserError) as caught:
        certificates.reprint_certificate(admin, issued.id, tmp_path / "one.pdf")
    assert caught.value.code == "bad_signature"
    # The whole course is refused before anyone else's certificate is issued.
    with pytest.raises(UserError) as caught:
        certificates.print_course(admin, record.id, tmp_path / "course.pdf")
    assert caught.value.message == Messages.TAMPERED_NOT_PRINTED.format(serial=issued.serial)
    assert Certificate.select().count() == 1
    assert renderer.calls == [] and Certificate.get_by_id(issued.id).print_count == 0
    # The same check as verification: the record verifies as tampered with.
    assert certificates.verify(admin, issued.serial).status is VerifyStatus.BAD_SIGNATURE


# -- progress and cancel while issuing ---------------------------------------------------


def cancel_at(progress, when):
    """A progress callback as the GUI runner passes one: Cancel pressed once `when`
    (done, total) says so."""
    steps = []

    def step(done, total):
        steps.append((done, total))
        if when(done, total):
            progress.cancel()
        progress.step(done, total)

    return step, steps


def test_print_course_reports_issuing_and_can_be_cancelled_in_it(
    admin, trainer, renderer, tmp_path
):
    record, _ = finished_course(admin, trainer[0], [ALL] * 5)
    step, steps = cancel_at(Progress(), lambda done, total: done == 2)
    with pytest.raises(Cancelled):
        certificates.print_course(admin, record.id, tmp_path / "course.pdf", step)
    assert steps == [(0, 10), (1, 10), (2, 10)]  # 5 to issue, then 5 pages
    # The two issued before Cancel stay issued (each in its own transaction).
    assert Certificate.select().count() == 2 and renderer.calls == []
    assert not (tmp_path / "course.pdf").exists()
    step, steps = cancel_at(Progress(), lambda done, total: False)
    made = certificates.print_course(admin, record.id, tmp_path / "course.pdf", step)
    assert (made.issued, made.printed) == (3, 5)
    assert steps == [(0, 8), (1, 8), (2, 8), (3, 8), *[(3 + n, 8) for n in range(6)]]


def test_print_course_can_be_cancelled_while_drawing(admin, course, renderer, tmp_path):
    record, _ = course
    step, steps = cancel_at(Progress(), lambda done, total: done == 3)
    with pytest.raises(Cancelled):
        certificates.print_course(admin, record.id, tmp_path / "course.pdf", step)
    assert steps == [(0, 4), (1, 4), (2, 4), (2, 4), (3, 4)]
    # Issued, but nothing counted as printed.
    assert {c.print_count for c in Certificate.select()} == {0}
    assert Certificate.select().count() == 2


def test_issue_course_certificates_reports_progress_and_stops_on_cancel(admin, trainer):
    record, _ = finished_course(admin, trainer[0], [ALL] * 4)
    step, steps = cancel_at(Progress(), lambda done, total: done == 1)
    with pytest.raises(Cancelled):
        certificates.issue_course_certificates(admin, record.id, progress=step)
    assert steps == [(0, 4), (1, 4)] and Certificate.select().count() == 1
    steps = []
    rest = certificates.issue_course_certificates(
        admin, record.id, progress=lambda done, total: steps.append((done, total))
    )
    assert len(rest) == 3 and steps == [(0, 3), (1, 3), (2, 3), (3, 3)]


# -- finding by serial -------------------------------------------------------------------------


@pytest.fixture
def many(admin, trainer):
    """Twelve certificates this year (the fifth revoked) and two dated last year."""
    trainer_id, _ = trainer
    big, _ = finished_course(admin, trainer_id, ["P"] * 12, starts_on=TODAY, ends_on=TODAY)
    issued = certificates.issue_course_certificates(admin, big.id)
    certificates.revoke_certificate(admin, issued[4].id, "نام نادرست")
    _, more = finished_course(admin, trainer_id, [ALL] * 2)
    last_year = TODAY - dt.timedelta(days=366)
    for enrollment_id in more:
        certificates.issue_certificate(admin, enrollment_id, on=last_year)
    return {c.serial: c.id for c in Certificate.select()}


def serial(year: int, number: int) -> str:
    return certificates.make_serial("TEH05", year, number)


def found_serials(session, text: str) -> list[str]:
    return [record.serial for record in certificates.find_certificates(session, text).records]


PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_a_serial_whole_or_in_part_finds_its_certificates(admin, many):
    year, last = JALALI_YEAR, JALALI_YEAR - 1
    three = [serial(year, 3)]
    assert found_serials(admin, serial(year, 3)) == three
    assert found_serials(admin, serial(year, 3).lower()) == three
    assert found_serials(admin, serial(year, 3).translate(PERSIAN)) == three
    assert found_serials(admin, f" TEH05-{year}-3 ") == three  # without the zeros
    assert found_serials(admin, f"{year}-000003") == three  # this center's
    assert found_serials(admin, "فثا۰۵-" + f"{year}-3".translate(PERSIAN)) == three  # Persian keys
    # Digits alone: the running number, in any year.
    assert found_serials(admin, "000002") == [serial(last, 2), serial(year, 2)]
    assert found_serials(admin, "۲") == [serial(last, 2), serial(year, 2)]
    # A start, as it is typed: the serials that begin so.
    assert found_serials(admin, f"TEH05-{year}-00001") == [serial(year, n) for n in (10, 11, 12)]
    assert found_serials(admin, f"teh05-{last}") == [serial(last, 1), serial(last, 2)]
    assert found_serials(admin, "TEH05") == sorted(many)
    assert found_serials(admin, "TEH0") == sorted(many)
    # Revoked ones are listed (and say so); nothing else matches.
    [revoked] = certificates.find_certificates(admin, serial(year, 5)).records
    assert revoked.revoked
    for text in ("", "  ", "TEH06", serial(year, 13), "99", "1234567", "زهرا", "TEH05-x"):
        assert found_serials(admin, text) == [], text


def test_finding_is_capped_and_honours_roles(admin, trainer, many, monkeypatch):
    monkeypatch.setattr(certificate_search, "FOUND_LIMIT", 5)
    found = certificates.find_certificates(admin, "TEH05")
    assert len(found.records) == 5 and found.more
    assert not certificates.find_certificates(admin, "000002").more
    _, own = trainer
    assert found_serials(own, "000002") == [serial(JALALI_YEAR - 1, 2), serial(JALALI_YEAR, 2)]
    assert found_serials(login_as(admin, "trainer2", "trainer"), "TEH05") == []
    with pytest.raises(PermissionDenied):
        certificates.find_certificates(login_as(admin, "clerk1", "clerk"), "TEH05")


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("TEH05-1405-000123", "certificate_serial (serial=?)"),
        ("TEH05-14", "certificate_serial (serial>? AND serial<?)"),
        ("1405-0001", "certificate_serial (serial>? AND serial<?)"),
        ("123", "certificate_center_code_year_number (center_code=?"),
    ],
)
@pytest.mark.sqlite_only("SQLite's query plan")
def test_a_serial_is_found_through_an_index(admin, many, text, index):
    sql, params = certificates.serial_query(admin, text).sql()
    steps = " | ".join(row[-1] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
    assert f"USING INDEX {index}" in steps, steps
    assert "SCAN t1" not in steps and "SCAN certificate" not in steps, steps
