"""Sync files and headquarters: what a center keeps of the files it wrote and the
notices HQ sent back, HQ's centers, ledger, inbox of refused files and duplicate cases
(models/sync.py), other centers' certificates as acknowledgements bring them, and user
names unique per center.

A user name was unique in the whole table; at HQ, which holds every center's users,
two centers' «admin» would collide. It becomes unique per center code, and logging in
looks among the users of this installation's own center (services/auth.py).
"""

from __future__ import annotations

from peewee import BooleanField, CharField, Database, DateTimeField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate

from desktop.models.base import utcnow


class Frozen(Model):
    class Meta:
        legacy_table_names = False


class SyncExport(Frozen):
    """A sync file this center wrote: the change-log range it carries."""

    seq_from = IntegerField()
    seq_to = IntegerField(index=True)
    file_name = CharField(max_length=200)
    sha256 = CharField(max_length=64)  # of the whole file: the next file names it
    changes = IntegerField()
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(max_length=36, null=True)


class SyncNotice(Frozen):
    """A notice HQ sent with an acknowledgement for this center's clerks (a national
    code registered here and at another center that HQ found to be a data error)."""

    key = CharField(max_length=100, unique=True)  # HQ's id of the notice: sent once
    national_code = CharField(max_length=10, default="")
    message = TextField()
    received_at = DateTimeField(default=utcnow)
    done = BooleanField(default=False)


class ForeignCertificate(Frozen):
    """A certificate another center issued, as HQ's acknowledgement brought it: the
    signed printed fields and the signature (checked with that center's public key,
    which came with it), and whether it was revoked. Verification at this center looks
    here when the serial is not one of its own."""

    serial = CharField(max_length=40, unique=True)
    code = CharField(max_length=8, index=True)
    center_code = CharField(max_length=16)
    fields = TextField()  # JSON of the signed fields (certificate_records.signed_fields)
    signature = CharField(max_length=128)
    revoked = BooleanField(default=False)
    revoked_reason = TextField(default="")
    revoked_at = DateTimeField(null=True)


class HqCenter(Frozen):
    """A center HQ provisioned, with the keys it signs and reads with."""

    code = CharField(max_length=16, unique=True)
    name = CharField(max_length=200)
    city = CharField(max_length=100, default="")
    signing_key = CharField(max_length=64, default="")  # Ed25519 public, once known
    reading_key = CharField(max_length=64, default="")  # X25519 public: acks to it
    enrolment_secret = CharField(max_length=64, default="")  # in its provisioning file
    approved = BooleanField(default=False)  # its signing key may sign files HQ applies
    approved_at = DateTimeField(null=True)
    provisioned_at = DateTimeField(default=utcnow)
    last_sequence = IntegerField(default=0)  # the last change-log number applied
    files = IntegerField(default=0)
    last_import_at = DateTimeField(null=True)


class HqImport(Frozen):
    """The ledger: one row per sync file applied."""

    center_code = CharField(max_length=16, index=True)
    seq_from = IntegerField()
    seq_to = IntegerField()
    sha256 = CharField(max_length=64, unique=True)
    file_name = CharField(max_length=200)
    imported_at = DateTimeField(default=utcnow)
    imported_by = CharField(max_length=36, null=True)
    report = TextField(default="{}")  # JSON: per entity created / updated / skipped


class HqRefusal(Frozen):
    """The inbox of files HQ refused, with why (a person decides what to do next)."""

    file_name = CharField(max_length=200)
    sha256 = CharField(max_length=64, index=True)
    center_code = CharField(max_length=16, default="")
    reason = CharField(max_length=40)  # a code: bad_signature, gap, unknown_center, …
    detail = TextField(default="")
    refused_at = DateTimeField(default=utcnow)
    dismissed = BooleanField(default=False)


class HqDuplicate(Frozen):
    """A national code registered at more than one center, as HQ decided it."""

    national_code = CharField(max_length=10, unique=True)
    status = CharField(max_length=16, default="open")
    correct_at = CharField(max_length=16, default="")  # the center to correct (data error)
    note = TextField(default="")
    decided_by = CharField(max_length=36, null=True)
    decided_at = DateTimeField(null=True)


TABLES = [SyncExport, SyncNotice, ForeignCertificate, HqCenter, HqImport, HqRefusal, HqDuplicate]


def apply(database: Database, migrator: SchemaMigrator) -> None:
    with database.bind_ctx(TABLES):
        database.create_tables(TABLES)
    migrate(
        migrator.drop_index("user", "user_username"),
        migrator.add_index("user", ("center_code", "username"), unique=True),
    )
