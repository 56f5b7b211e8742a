"""Certificates: issue, print and reprint, revoke, and verify — one name for the views,
the CLI and the tests over certificate_issue.py (issue, revoke), certificate_search.py
(find, verify), certificate_printing.py (print, reprint), certificate_setup.py (the
names signed in) and certificate_records.py (the stored, signed record).

A certificate is issued to someone who completed a finished course; an enrollment
holds at most one that is not revoked (a partial unique index). Once every certificate
of an enrollment is revoked (a typo in the name, corrected in the applicant's file) a
new one can be issued for it, with a new serial and code; the revoked one keeps
verifying as revoked. Where one certificate must stand for an enrollment (the course
page, printing) it is the current one, or else the latest revoked one.

A certificate keeps a copy of every field printed on it (name, father's name,
national code, course, hours, dates, partner body, center, trainer, manager, issue
date), and the center's Ed25519 signature over them (desktop/services/center_keys.py):
a later correction of the applicant's file does not change a certificate already
handed out, and an edit of the stored copy — or of the QR payload — makes verification fail.

Numbers people read:
- serial `TEH05-1405-000123`: the center's code, the Jalali year of issue and a running
  number per center and year (a unique index; revoked certificates keep theirs, so a
  serial never repeats);
- verification code: 8 characters from an alphabet without 0/O/1/I, printed
  `K7M2-9QXD`, random and unique;
- QR payload `TVN1:<serial>:<code>:<signature>`: the signature is base32 (A–Z, 2–7)
  rather than base64url so that letter case carries nothing — a USB scanner typing
  into a field with CapsLock on, or with the Persian keyboard layout active (each key
  then gives its Persian letter, shifted or not, and Persian digits), is read back
  exactly by `scan_text`. Every character is in the QR alphanumeric set, so the symbol
  is version 6 (41×41 modules) where `|` and base64url would need version 8 (49×49):
  larger modules at the same printed size, easier to scan. Any single character is
  accepted between the parts.

Printing draws what `certificate_data` builds (desktop/printing/certificate.py);
every print counts, and a print after the first is a reprint («المثنی» on paper, an
audit entry "reprint"). A revoked certificate, or one whose stored fields no longer
match its signature (edited after issuing: its QR would fail verification), is never
printed. Revoking is the admin's, with a reason.
"""

from __future__ import annotations

from desktop.services.certificate_issue import (
    issue_certificate,
    issue_course_certificates,
    revoke_certificate,
    revoke_serial,
)
from desktop.services.certificate_printing import (
    CoursePrint,
    certificate_data,
    print_certificates,
    print_course,
    reprint_certificate,
)
from desktop.services.certificate_records import (
    CODE_ALPHABET,
    CODE_LENGTH,
    PAYLOAD_PREFIX,
    PAYLOAD_SEPARATOR,
    SIGNATURE_LENGTH,
    SIGNERS,
    VERIFIERS,
    CertificateRecord,
    ProgressCallback,
    canonical_message,
    format_code,
    make_serial,
    qr_payload,
    signed_fields,
)
from desktop.services.certificate_search import (
    FOUND_LIMIT,
    FoundCertificates,
    Verification,
    VerifyStatus,
    course_certificates,
    current_certificate,
    enrollment_certificates,
    find_certificates,
    get_certificate,
    scan_text,
    serial_query,
    verify,
)
from desktop.services.certificate_setup import (
    SETTING_LOGO_PATH,
    SETTING_MANAGER_NAME,
    CertificateSettings,
    certificate_settings,
    manager_name,
    save_certificate_settings,
    trainer_name,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "FOUND_LIMIT",
    "PAYLOAD_PREFIX",
    "PAYLOAD_SEPARATOR",
    "SETTING_LOGO_PATH",
    "SETTING_MANAGER_NAME",
    "SIGNATURE_LENGTH",
    "SIGNERS",
    "VERIFIERS",
    "CertificateRecord",
    "CertificateSettings",
    "CoursePrint",
    "FoundCertificates",
    "ProgressCallback",
    "Verification",
    "VerifyStatus",
    "canonical_message",
    "certificate_data",
    "certificate_settings",
    "course_certificates",
    "current_certificate",
    "enrollment_certificates",
    "find_certificates",
    "format_code",
    "get_certificate",
    "issue_certificate",
    "issue_course_certificates",
    "make_serial",
    "manager_name",
    "print_certificates",
    "print_course",
    "qr_payload",
    "reprint_certificate",
    "revoke_certificate",
    "revoke_serial",
    "save_certificate_settings",
    "scan_text",
    "serial_query",
    "signed_fields",
    "trainer_name",
    "verify",
]
