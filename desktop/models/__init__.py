"""peewee models, one module per aggregate, bound to the one `db` proxy in db.py.

Nothing here imports tkinter. Services own transactions; models own query helpers.
"""

from desktop.models.applicant import (
    APPLICANT_MODELS,
    REFERENCE_MODELS,
    Applicant,
    ApplicantIndex,
    Category,
    Commitment,
    District,
    FollowUp,
    FollowUpKind,
    Gender,
    Idea,
    IdeaStatus,
    Outcome,
    OutcomeKind,
    Partner,
    Status,
    StatusChange,
)
from desktop.models.audit import AuditLog
from desktop.models.base import BaseModel, SyncedModel, utcnow
from desktop.models.center import Center, Setting
from desktop.models.changelog import ChangeLog
from desktop.models.course import (
    COURSE_MODELS,
    Attendance,
    AttendanceMark,
    CenterKey,
    Certificate,
    Course,
    CourseSession,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
)
from desktop.models.db import db
from desktop.models.reports import REPORT_MODELS, ReportCohortBlock, ReportPerson
from desktop.models.shop import (
    SHOP_MODELS,
    DailyClose,
    HeldCart,
    PaymentMethod,
    PriceChange,
    Producer,
    Product,
    ReturnLine,
    Sale,
    SaleLine,
    SalePayment,
    SaleReturn,
    SaleStatus,
    Settlement,
    Shop,
    StockMove,
    StockMoveKind,
    StockNote,
)
from desktop.models.sync import (
    SYNC_MODELS,
    DuplicateStatus,
    ForeignCertificate,
    HqCenter,
    HqDuplicate,
    HqImport,
    HqRefusal,
    SyncExport,
    SyncNotice,
)
from desktop.models.user import Role, User

ALL_MODELS: list[type[BaseModel]] = [
    Center,
    Setting,
    User,
    ChangeLog,
    AuditLog,
    *REFERENCE_MODELS,
    *APPLICANT_MODELS,
    *COURSE_MODELS,
    *SHOP_MODELS,
    *SYNC_MODELS,
    *REPORT_MODELS,
]

# What travels to headquarters: every model whose rows the change log carries, in an
# order where a row's parents come first (the order replay and table checks use).
SYNCED_MODELS: list[type[SyncedModel]] = [
    model for model in ALL_MODELS if issubclass(model, SyncedModel)
]

__all__ = [
    "ALL_MODELS",
    "SHOP_MODELS",
    "SYNCED_MODELS",
    "SYNC_MODELS",
    "Applicant",
    "ApplicantIndex",
    "Attendance",
    "AttendanceMark",
    "AuditLog",
    "BaseModel",
    "Category",
    "Center",
    "CenterKey",
    "Certificate",
    "ChangeLog",
    "Commitment",
    "Course",
    "CourseSession",
    "CourseStatus",
    "DailyClose",
    "District",
    "DuplicateStatus",
    "Enrollment",
    "EnrollmentStatus",
    "FollowUp",
    "FollowUpKind",
    "ForeignCertificate",
    "Gender",
    "HeldCart",
    "HqCenter",
    "HqDuplicate",
    "HqImport",
    "HqRefusal",
    "Idea",
    "IdeaStatus",
    "Outcome",
    "OutcomeKind",
    "Partner",
    "PaymentMethod",
    "PriceChange",
    "Producer",
    "Product",
    "ReportCohortBlock",
    "ReportPerson",
    "ReturnLine",
    "Role",
    "Sale",
    "SaleLine",
    "SalePayment",
    "SaleReturn",
    "SaleStatus",
    "Setting",
    "Settlement",
    "Shop",
    "Status",
    "StatusChange",
    "StockMove",
    "StockMoveKind",
    "StockNote",
    "SyncExport",
    "SyncNotice",
    "SyncedModel",
    "User",
    "db",
    "utcnow",
]
