"""Follow-ups: a 1:1 lesson given to a team member, or a story their team discussed, asked
again after the organisation's delay; the member answers, the leader replies in one line."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from service.store import REPLY_CHARS
from service.store.limits import COMMENT_CHARS
from service.vocabulary import Language

from .common import Paged, PersonRef, RequestModel, RowId


class LessonGive(RequestModel):
    member_id: RowId
    """A team member of the caller's own team (``GET /api/team-members``)."""


class TeamMembersPublic(Paged):
    data: list[PersonRef]


class FollowUpQuestionsPublic(BaseModel):
    recall: str
    """The recall question: the lesson's own, or a fixed one naming the lesson or story."""
    practice: str | None
    """What the lesson asked the member to try (none for a story)."""
    tried: str
    """The question about what they tried."""


class FollowUpAnswerCreate(RequestModel):
    recalled: Annotated[str, Field(min_length=1, max_length=COMMENT_CHARS)]
    """The answer to the recall question."""
    tried: Annotated[str, Field(min_length=1, max_length=COMMENT_CHARS)]
    """What the member tried, and what happened."""


class FollowUpReplyCreate(RequestModel):
    text: Annotated[str, Field(min_length=1, max_length=REPLY_CHARS)]
    """One line; line breaks become spaces."""


class FollowUpAnswerPublic(BaseModel):
    recalled: str
    tried: str
    answered_at: datetime
    reply: str | None
    replied_at: datetime | None


class FollowUpPublic(BaseModel):
    id: int
    kind: Literal["lesson", "story"]
    """``lesson``: a 1:1 lesson given to the member; ``story``: a story their team discussed."""
    lesson_id: int | None
    story_id: int
    """The story (for a lesson, the story it was made from)."""
    title: str
    language: Language
    member: PersonRef
    leader: PersonRef
    """Who reads the answer and replies: who gave the lesson, or told the story."""
    since: datetime
    """When the lesson was given, or the story first discussed with the member's team."""
    due_at: datetime
    due: bool
    """Whether it has come back (``due_at`` has passed), answered or not."""
    questions: FollowUpQuestionsPublic
    answer: FollowUpAnswerPublic | None


class FollowUpsPublic(Paged):
    data: list[FollowUpPublic]
