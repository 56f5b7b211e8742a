"""Casework on an applicant's file: follow-ups, ideas, outcomes, and linking people.

The programme follows a person from registration until they are empowered: the center
counsels them (follow-ups with a next appointment, listed when due), records their
business ideas, records the job or business they started (an outcome credited to a
partner body's employment commitment), and links idea holders with the capital holders
and skilled people who could make the idea work.

One module per part, as the casework tabs are split: `follow_up`, `idea`, `outcome`,
`matching` (linking), `report` (employment per partner body), and `inputs` (what
their forms share). This package re-exports the public API, so callers write
`casework.add_follow_up(...)`.

Input comes as typed (strings, Jalali dates, amounts with Persian digits); each write
validates every field first (ValidationError with a Persian message per field) and then
runs in one transaction through the write path (`desktop.models.writes`), which logs
it. Reading needs the admin, clerk or trainer role; writing the admin or clerk role;
verifying an outcome the admin role. Status moves that casework implies (first
counselling, an outcome) go through `applicants.move_status`, so they are logged like
any other status change.
"""

from __future__ import annotations

from desktop.services.casework.follow_up import (
    DueFollowUps,
    FollowUpRecord,
    add_follow_up,
    close_follow_up,
    due_follow_ups,
    follow_ups,
)
from desktop.services.casework.idea import (
    MAX_CAPITAL_RIALS,
    IdeaRecord,
    add_idea,
    ideas,
    set_idea_status,
    update_idea,
)
from desktop.services.casework.matching import (
    CANDIDATE_LIMIT,
    MAX_QUERY_WORDS,
    MIN_WORD,
    LinkSuggestion,
    link_words,
    suggest_links,
)
from desktop.services.casework.outcome import (
    OUTCOME_STATUS,
    OutcomeRecord,
    add_outcome,
    outcomes,
    verify_outcome,
)
from desktop.services.casework.report import employment_by_partner

__all__ = [
    "CANDIDATE_LIMIT",
    "MAX_CAPITAL_RIALS",
    "MAX_QUERY_WORDS",
    "MIN_WORD",
    "OUTCOME_STATUS",
    "DueFollowUps",
    "FollowUpRecord",
    "IdeaRecord",
    "LinkSuggestion",
    "OutcomeRecord",
    "add_follow_up",
    "add_idea",
    "add_outcome",
    "close_follow_up",
    "due_follow_ups",
    "employment_by_partner",
    "follow_ups",
    "ideas",
    "link_words",
    "outcomes",
    "set_idea_status",
    "suggest_links",
    "update_idea",
    "verify_outcome",
]
