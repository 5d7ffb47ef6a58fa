"""What the figures are computed from: plain records, not ORM rows.

``gather.py`` reads them from the store and the corpus; the figures (``figures.py``,
``coverage.py``) are pure functions of them, so a test states a known history in a few
lines (``tests/analytics/factories.py``) and checks every number without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from service.store.enums import AuditAction
from service.vocabulary import Language

DECISIONS = frozenset({AuditAction.APPROVE, AuditAction.REJECT, AuditAction.REQUEST_CHANGES})
"""The audit actions that are a reviewer's decision (what the approval rate counts)."""


@dataclass(frozen=True)
class ReviewStep:
    """One audit event of a lesson's review: what happened, when."""

    lesson_id: int
    action: AuditAction
    at: datetime


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on a lesson, with the rubric result the reviewer saw.

    The store keeps a lesson's score of its *latest* submission or edit only, so a lesson
    decided twice (changes requested, then approved) shows its latest result on both rows.
    """

    lesson_id: int
    action: AuditAction
    at: datetime
    criteria: Mapping[str, bool | None] = field(default_factory=dict)
    """Criterion id → passed (``None``: unscored, left out of pass rates)."""


@dataclass(frozen=True)
class Waiting:
    """A lesson in the review queue and when it was submitted."""

    lesson_id: int
    title: str
    submitted_at: datetime


@dataclass(frozen=True)
class PublishedStory:
    """A story the organisation can read, with how many reflections it drew."""

    story_id: int
    title: str
    reflections: int


@dataclass(frozen=True)
class Topic:
    """A corpus priority or value: an axis of the coverage map."""

    id: str
    title: str
    values: tuple[str, ...] = ()
    """Priorities: the values they link to (empty for a value)."""


@dataclass(frozen=True)
class Material:
    """A published story or lesson, as the coverage map counts it."""

    kind: str
    """``story`` or ``lesson``."""
    language: Language
    values: frozenset[str]
    priorities: frozenset[str]
    """The priorities it names (cites, or was drafted for); corpus documents name none."""
    from_corpus: bool = False


@dataclass(frozen=True)
class FollowUpRecord:
    """A follow-up (a 1:1 lesson given, or a story discussed, for one member) and its
    answer, if any."""

    kind: str
    """``lesson`` or ``story``."""
    subject_id: int
    """The lesson's id, or the story's."""
    title: str
    due_at: datetime
    answered_at: datetime | None = None
    tried: str | None = None
    """What the member tried, as they wrote it."""
