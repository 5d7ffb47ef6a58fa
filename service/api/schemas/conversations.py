"""Drafting conversations: the chat between a leader and the coach, and its SSE events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from service.store import LessonKind, Locale, MessageRole
from service.store.limits import NAME_CHARS, TITLE_CHARS

from .common import RequestModel

MESSAGE_CHARS = 12_000
"""About 2,000 words: more than one story holds (the coach takes 1,500 words in all)."""
PRIORITY_CHARS = 2_000


class ConversationCreate(RequestModel):
    priority: Annotated[str, Field(min_length=1, max_length=PRIORITY_CHARS)]
    """A priority id from the organisation's corpus, or the priority in the leader's words."""
    language: Locale | None = None
    """The language of the chat and its drafts; default: the priority's."""


class MessageCreate(RequestModel):
    content: Annotated[str, Field(min_length=1, max_length=MESSAGE_CHARS)]
    """An answer to the coach's questions, or feedback on its draft."""


class StoryFromDraft(RequestModel):
    title: Annotated[str, Field(min_length=1, max_length=TITLE_CHARS)] | None = None
    """Default: the draft's own title."""


class LessonGenerate(RequestModel):
    kind: LessonKind = LessonKind.LESSON
    goal: Annotated[str, Field(min_length=1, max_length=2_000)] | None = None
    """1:1 lessons (required there): the team member's development goal, in their words."""
    role: Annotated[str, Field(min_length=1, max_length=NAME_CHARS)] | None = None
    """1:1 lessons (required there): the team member's role."""
    language: Locale | None = None
    """Default: the story's language (a 1:1 lesson: the goal's)."""


class CitationPublic(BaseModel):
    id: str
    title: str
    """The document's title; its id when the document is no longer in the corpus."""


class MessagePublic(BaseModel):
    id: int
    role: MessageRole
    content: str
    citations: list[CitationPublic]
    is_draft: bool
    """A story draft (the latest one can be saved as a story)."""
    created_at: datetime


class ConversationPublic(BaseModel):
    id: int
    title: str
    priority_id: str | None
    """The corpus priority the chat is about; ``None`` when the leader wrote their own."""
    language: Locale
    created_at: datetime
    updated_at: datetime


class ConversationsPublic(BaseModel):
    data: list[ConversationPublic]
    count: int


class DraftPublic(BaseModel):
    message_id: int
    title: str
    text: str
    """The story in Markdown, without the coach's notes."""
    citations: list[CitationPublic]


class ConversationDetail(ConversationPublic):
    messages: list[MessagePublic]
    draft: DraftPublic | None
    """The latest draft, if the coach has written one."""


class DeltaEvent(BaseModel):
    """SSE ``delta``: a piece of a part the model is writing (a preview: the finished reply
    arrives in ``done``)."""

    text: str
    step: str
    restart: bool = False
    """The part's text so far was rejected and is being written again."""


class DoneEvent(BaseModel):
    """SSE ``done``: the coach's reply as kept."""

    message: MessagePublic


class ErrorEvent(BaseModel):
    """SSE ``error``: the reply failed; the leader's message is kept."""

    code: str
    message: str
    field: str | None = None
