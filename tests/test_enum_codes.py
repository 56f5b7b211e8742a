"""Every code an enumeration stores, written out: reordering or inserting a member must
never change a value already in a database or in a sync file.

Stored enumerations keep explicit codes (their string keys; `Category.bit` in
`category_flags`; `Status.code` and `Category.code` in the search index's tags), never
a member's position. This file lists each one literally, so a change to any stored
value fails here, and an enumeration added to desktop/models without its codes listed
fails too.
"""

from __future__ import annotations

import enum
import inspect

import desktop.models
from desktop.models import (
    AttendanceMark,
    Category,
    CourseStatus,
    DuplicateStatus,
    EnrollmentStatus,
    FollowUpKind,
    Gender,
    IdeaStatus,
    OutcomeKind,
    PaymentMethod,
    Role,
    SaleStatus,
    Status,
    StockMoveKind,
)
from desktop.models.applicant import ApplicantIndex

STORED_KEYS: dict[type[enum.Enum], list[str]] = {
    Gender: ["male", "female"],
    Category: [
        "job_seeker",
        "idea_holder",
        "entrepreneur",
        "skilled_no_capital",
        "investor",
        "seasonal_worker",
    ],
    Status: [
        "registered",
        "counselling",
        "in_training",
        "trained",
        "employed",
        "self_employed",
        "home_business",
        "empowered",
    ],
    FollowUpKind: ["counselling", "phone_call", "visit", "referral"],
    IdeaStatus: ["submitted", "shortlisted", "selected", "funded", "launched"],
    OutcomeKind: ["wage_job", "self_employment", "home_business", "cooperative"],
    Role: ["admin", "clerk", "trainer", "shop", "hq_admin", "hq_analyst"],
    DuplicateStatus: ["open", "linked", "data_error"],
    CourseStatus: ["planned", "open", "running", "finished", "cancelled"],
    EnrollmentStatus: ["enrolled", "waitlisted", "withdrawn", "completed", "failed"],
    AttendanceMark: ["present", "absent", "excused"],
    SaleStatus: ["sold", "voided"],
    PaymentMethod: ["cash", "card"],
    StockMoveKind: ["received", "returned", "adjusted", "sold", "sale_return", "voided"],
}

# `applicant.category_flags` holds these bits; the index tags `~c` and the character
# standing for each bit's position (TAG_BASE + the position).
CATEGORY_BITS = {
    "job_seeker": 1,
    "idea_holder": 2,
    "entrepreneur": 4,
    "skilled_no_capital": 8,
    "investor": 16,
    "seasonal_worker": 32,
}
CATEGORY_TAGS = {
    "job_seeker": "~c\ue400",
    "idea_holder": "~c\ue401",
    "entrepreneur": "~c\ue402",
    "skilled_no_capital": "~c\ue403",
    "investor": "~c\ue404",
    "seasonal_worker": "~c\ue405",
}
STATUS_TAGS = {
    "registered": "~s\ue400",
    "counselling": "~s\ue401",
    "in_training": "~s\ue402",
    "trained": "~s\ue403",
    "employed": "~s\ue404",
    "self_employed": "~s\ue405",
    "home_business": "~s\ue406",
    "empowered": "~s\ue407",
}


def test_every_enumeration_in_the_models_is_pinned():
    found = {
        value
        for value in vars(desktop.models).values()
        if inspect.isclass(value) and issubclass(value, enum.Enum) and value.__members__
    }
    assert found == set(STORED_KEYS)


def test_stored_keys():
    for kind, keys in STORED_KEYS.items():
        assert sorted(member.value for member in kind) == sorted(keys), kind.__name__


def test_category_bits_and_tags():
    assert {member.value: member.bit for member in Category} == CATEGORY_BITS
    assert {member.value: ApplicantIndex.category_tag(member) for member in Category} == (
        CATEGORY_TAGS
    )


def test_status_tags():
    assert {member.value: ApplicantIndex.status_tag(member) for member in Status} == STATUS_TAGS


def test_the_codes_do_not_come_from_the_order():
    """A member's codes are its own: listing the members in another order (as a
    reordered class would) gives every member the same bit and tag."""
    for members in (list(Category), list(reversed(Category))):
        assert {member.value: member.bit for member in members} == CATEGORY_BITS
    for members in (list(Status), list(reversed(Status))):
        tags = {member.value: ApplicantIndex.status_tag(member) for member in members}
        assert tags == STATUS_TAGS
    text = ApplicantIndex.text("علی", 5, "in_training", CATEGORY_BITS["investor"] | 1)
    assert text == "علی ~d\ue405 ~s\ue402 ~c\ue400 ~c\ue404"
