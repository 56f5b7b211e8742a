"""Linking people: who to introduce an applicant to, and why.

An idea holder is offered investors and skilled people (skilled without capital, job
seekers) whose skills or field of study share words with the idea holder's ideas,
skills and field; an investor or a skilled person is offered idea holders whose ideas,
skills or field share words with theirs.

Words are compared in search form (`search_key`), without stop words and words of
fewer than MIN_WORD letters, and with a plural or adjectival ending taken off
(`strings.casework.LINK_SUFFIXES`), so a trade meets the word for practising it. SQL
narrows the candidates (category flag, substring LIKE on the stems, LIMIT); Python
scores them. No index serves a substring LIKE: the scan stops at CANDIDATE_LIMIT
matches, which common words reach at once, while words that match nobody walk the
whole table (the README has the figures). A trigram index over skills, fields and idea
titles (FTS5 on SQLite, pg_trgm on PostgreSQL) would serve it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_
from typing import Any

from peewee import Expression

from desktop.models import Applicant, Category, Idea
from desktop.models.base import tuples
from desktop.models.reference_data import district_name
from desktop.services.applicants import READERS, ApplicantSummary
from desktop.services.casework.inputs import live_applicant
from desktop.services.session import Session
from desktop.strings.casework import LINK_SUFFIXES, STOP_WORDS, LinkReasons
from desktop.text.normalize import search_key

MIN_WORD = 3
CANDIDATE_LIMIT = 500  # candidates read; all are scored, the best returned
MAX_QUERY_WORDS = 8  # stems sent to SQL, longest first: each one costs a LIKE per row
_TOKEN = re.compile(r"[^\W_]+")
_STOP = frozenset(search_key(word) for word in STOP_WORDS.split())
_PARTNER_SIDE = (Category.INVESTOR, Category.SKILLED_NO_CAPITAL, Category.JOB_SEEKER)
_PROFILE_COLUMNS = (
    Applicant.id,
    Applicant.category_flags,
    Applicant.district,
    Applicant.sort_name,
    Applicant.skills,
    Applicant.education_field,
)
_SUMMARY_COLUMNS = (
    Applicant.id,
    Applicant.file_number,
    Applicant.national_code,
    Applicant.first_name,
    Applicant.last_name,
    Applicant.father_name,
    Applicant.mobile,
    Applicant.district,
    Applicant.status,
    Applicant.birth_date,
)
_REASONS = {  # source kind → (its words also in the subject's same kind, otherwise)
    "skill": (LinkReasons.SKILL_SHARED, LinkReasons.SKILL_RELATED),
    "field": (LinkReasons.FIELD_SHARED, LinkReasons.FIELD_RELATED),
    "idea": (LinkReasons.IDEA_RELATED, LinkReasons.IDEA_RELATED),
}


@dataclass(frozen=True)
class LinkSuggestion:
    applicant: ApplicantSummary
    kind: str  # "investor" | "skilled" | "idea_holder"
    reasons: tuple[str, ...]
    score: int


def link_words(text: str) -> frozenset[str]:
    """The words of `text` that can link two people, in compared (stemmed) form."""
    return _link_words(text)


def suggest_links(session: Session, applicant_id: str, limit: int = 20) -> list[LinkSuggestion]:
    """People to introduce this person to, best first (see the module's docstring).

    Score: shared words, plus one for the same district. Never the person themselves,
    never a deleted file.
    """
    session.require(*READERS)
    applicant = live_applicant(applicant_id)
    (subject,) = _profiles(Applicant.id == applicant.id)
    wanted = _candidates_of(subject)
    if wanted is None:
        return []
    others = (Applicant.deleted != True) & (Applicant.id != applicant.id)  # noqa: E712
    best = _best(subject, _profiles(others & wanted), limit)
    summaries = _summaries([match.profile.id for match in best])
    return [
        LinkSuggestion(summaries[match.profile.id], match.kind, match.reasons, match.score)
        for match in best
    ]


# -- what a person has that may match ------------------------------------------------


@lru_cache(maxsize=8192)
def _link_words(text: str) -> frozenset[str]:
    # Cached: skill tags, fields and idea titles repeat across thousands of files.
    words: set[str] = set()
    for token in _TOKEN.findall(search_key(text)):
        if token in _STOP or token.isdigit():
            continue
        for suffix in LINK_SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= MIN_WORD:
                token = token.removesuffix(suffix)
                break
        if len(token) >= MIN_WORD:
            words.add(token)
    return frozenset(words)


@dataclass(frozen=True)
class _Source:
    """One thing a person has that may match: a skill, their field, or an idea."""

    kind: str  # "skill" | "field" | "idea"
    text: str
    words: frozenset[str]


@dataclass(frozen=True)
class _Profile:
    id: str
    flags: int
    district: int | None
    sort_name: str
    sources: tuple[_Source, ...]

    @property
    def words(self) -> frozenset[str]:
        return frozenset().union(*(source.words for source in self.sources))

    def words_of(self, kind: str) -> frozenset[str]:
        return frozenset().union(*(s.words for s in self.sources if s.kind == kind))

    def has(self, *categories: Category) -> bool:
        return any(self.flags & category.bit for category in categories)


def _profiles(condition: Expression) -> list[_Profile]:
    """The linking profile (skills, field, ideas) of up to CANDIDATE_LIMIT files."""
    rows = tuples(Applicant.select(*_PROFILE_COLUMNS).where(condition).limit(CANDIDATE_LIMIT))
    if not rows:
        return []
    ideas_of = _idea_sources([row[0] for row in rows])
    profiles = []
    for key, flags, district, sort_name, skills, education_field in rows:
        sources = [_Source("skill", skill, _link_words(skill)) for skill in skills.split(";")]
        sources.append(_Source("field", education_field, _link_words(education_field)))
        sources.extend(ideas_of.get(str(key), []))
        profiles.append(_Profile(str(key), int(flags), district, sort_name, tuple(sources)))
    return profiles


def _idea_sources(owners: list[Any]) -> dict[str, list[_Source]]:
    """{owner id: their live ideas as sources}."""
    ideas_of: dict[str, list[_Source]] = {}
    query = Idea.select(Idea.applicant, Idea.title, Idea.field).where(
        Idea.applicant.in_(owners) & (Idea.deleted != True)  # noqa: E712
    )
    for owner, title, field in tuples(query):
        ideas_of.setdefault(str(owner), []).append(
            _Source("idea", title, _link_words(f"{title} {field}"))
        )
    return ideas_of


# -- the candidates SQL reads ------------------------------------------------------------


def _candidates_of(subject: _Profile) -> Expression | None:
    """The files worth scoring for `subject`: on the other side of a link, mentioning one
    of its longest stems. None when no one can be (no words, or no side to link)."""
    stems = sorted(subject.words, key=lambda word: (-len(word), word))[:MAX_QUERY_WORDS]
    # One scan of the registry for both directions (a person may be on both sides).
    mask = 0
    if subject.has(Category.IDEA_HOLDER):
        mask |= sum(category.bit for category in _PARTNER_SIDE)
    if subject.has(*_PARTNER_SIDE):
        mask |= Category.IDEA_HOLDER.bit
    if not stems or not mask:
        return None
    wanted = _in_categories(mask) & _mention(stems)
    if subject.has(*_PARTNER_SIDE):
        by_idea = Applicant.id.in_(_idea_mentions(stems))
        wanted |= _in_categories(Category.IDEA_HOLDER.bit) & by_idea
    return wanted


def _in_categories(mask: int) -> Expression:
    """Files in any category of `mask` (no index: a scan, cut short by the LIMIT)."""
    return Applicant.category_flags.bin_and(mask) != 0


def _mention(stems: Iterable[str]) -> Expression:
    """Skills or field of study contain one of the stems (substring LIKE)."""
    return reduce(
        or_,
        [Applicant.skills.contains(s) | Applicant.education_field.contains(s) for s in stems],
    )


def _idea_mentions(stems: Iterable[str]) -> Any:
    """A subquery: owners of live ideas whose title or field contains one of the stems."""
    matches = reduce(or_, [Idea.title.contains(s) | Idea.field.contains(s) for s in stems])
    return (
        Idea.select(Idea.applicant)
        .where((Idea.deleted != True) & matches)  # noqa: E712
        .limit(CANDIDATE_LIMIT)
    )


# -- scoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scored:
    profile: _Profile
    kind: str
    reasons: tuple[str, ...]
    score: int


def _best(subject: _Profile, candidates: list[_Profile], limit: int) -> list[_Scored]:
    """The `limit` best matches among `candidates`: highest score, then by name."""
    scored = [match for other in candidates if (match := _score(subject, other)) is not None]
    scored.sort(key=lambda match: (-match.score, match.profile.sort_name, match.profile.id))
    return scored[:limit]


def _score(subject: _Profile, other: _Profile) -> _Scored | None:
    """How well `other` matches `subject`, with the reasons a person reads; None when
    they share no word."""
    shared = subject.words & other.words
    if not shared:
        return None
    reasons: list[str] = []
    for source in other.sources:
        matched = source.words & shared
        if not matched:
            continue
        same_kind, related = _REASONS[source.kind]
        template = same_kind if matched & subject.words_of(source.kind) else related
        reason = template.format(text=source.text)
        if reason not in reasons:
            reasons.append(reason)
    score = len(shared)
    if subject.district is not None and subject.district == other.district:
        score += 1
        reasons.append(LinkReasons.SAME_DISTRICT.format(district=district_name(subject.district)))
    return _Scored(other, _kind(subject, other), tuple(reasons), score)


def _kind(subject: _Profile, other: _Profile) -> str:
    """What the other person is to the subject: "investor", "skilled" or "idea_holder"."""
    if subject.has(Category.IDEA_HOLDER):
        if other.has(Category.INVESTOR):
            return "investor"
        if other.has(Category.SKILLED_NO_CAPITAL, Category.JOB_SEEKER):
            return "skilled"
    return "idea_holder"


def _summaries(ids: list[str]) -> dict[str, ApplicantSummary]:
    if not ids:
        return {}
    query = Applicant.select(*_SUMMARY_COLUMNS).where(Applicant.id.in_(ids))
    return {str(row[0]): ApplicantSummary(str(row[0]), *row[1:]) for row in tuples(query)}
