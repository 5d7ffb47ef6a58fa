"""Lessons, their rubric scores and the review queue."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from service.store import AuditAction, LessonState
from service.store.limits import COMMENT_CHARS, NAME_CHARS, TEXT_CHARS, TITLE_CHARS
from service.vocabulary import Language, LessonKind

from .common import CorpusId, Paged, PersonRef, RequestModel, RowId
from .parts import ResultPartsPublic
from .stories import StoryPublic

Markdown = Annotated[str, Field(min_length=1, max_length=TEXT_CHARS)]
Comment = Annotated[str, Field(max_length=COMMENT_CHARS)]


class LessonCreate(RequestModel):
    story_id: RowId
    kind: LessonKind = LessonKind.LESSON
    text: Markdown
    title: Annotated[str, Field(min_length=1, max_length=TITLE_CHARS)] | None = None
    """Defaults to the story's title."""
    citations: list[CorpusId] = Field(default_factory=list, max_length=50)
    language: Language | None = None
    """Defaults to the story's language."""
    team_member_goal: Annotated[str, Field(max_length=TEXT_CHARS)] | None = None
    """1:1 lessons (required there): the team member's development goal."""
    team_member_role: Annotated[str, Field(max_length=NAME_CHARS)] | None = None


class LessonEdit(RequestModel):
    text: Markdown
    title: Annotated[str, Field(min_length=1, max_length=TITLE_CHARS)] | None = None
    citations: list[CorpusId] | None = Field(default=None, max_length=50)
    comment: Comment | None = None
    """What was changed and why (shown in the audit trail)."""


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"


class ReviewDecision(RequestModel):
    decision: Decision
    comment: Comment | None = None
    """Required when rejecting or asking for changes: the author is owed the reason."""


class Unpublish(RequestModel):
    comment: Comment | None = None
    """Why it is taken out (shown in the audit trail)."""


class CriterionPublic(BaseModel):
    id: str
    passed: bool | None
    """``None``: not scored (no judge configured, or missing context)."""
    score: float | None = None
    reason: str
    evidence: str = ""
    must_pass: bool
    weight: float


class ScorePublic(BaseModel):
    """The rubric score recorded when the lesson was submitted."""

    rubric: str
    passed: bool
    score: float
    complete: bool
    reason: str = ""
    criteria: list[CriterionPublic]
    judge_model: str | None = None


class LessonPublic(ResultPartsPublic):
    """A lesson or 1:1 lesson, with who wrote each of its parts (``ResultPartsPublic``)."""

    id: int
    story_id: int
    kind: LessonKind
    title: str
    text: str
    citations: list[str]
    language: Language
    state: LessonState
    allowed_actions: list[AuditAction]
    """The state moves possible now (whether the caller may make them depends on their role)."""
    score: ScorePublic | None
    team_member_goal: str | None
    team_member_role: str | None
    corpus_id: str | None
    """Set once published: the id to search for and cite."""
    author: PersonRef
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


class LessonsPublic(Paged):
    data: list[LessonPublic]


class ReviewItemPublic(BaseModel):
    """A lesson in the queue with what a reviewer needs beside it: the source story."""

    lesson: LessonPublic
    story: StoryPublic


class ReviewQueuePublic(Paged):
    data: list[ReviewItemPublic]


class AuditEventPublic(BaseModel):
    id: int
    action: AuditAction
    actor: PersonRef
    lesson_id: int | None
    story_id: int | None
    from_state: str | None
    to_state: str | None
    comment: str | None
    created_at: datetime


class AuditEventsPublic(BaseModel):
    data: list[AuditEventPublic]
    count: int
