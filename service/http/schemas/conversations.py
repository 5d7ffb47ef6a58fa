"""Drafting conversations: the chat between a leader and the coach, and its SSE events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from service.chat.drafts import PART_CHARS, FallbackSource
from service.coach import Origin
from service.store import MessageRole
from service.store.limits import NAME_CHARS, TITLE_CHARS
from service.vocabulary import Language, LessonKind

from .common import Paged, RequestModel, RowId

MESSAGE_CHARS = 12_000
"""About 2,000 words: more than one story holds (the coach takes 1,500 words in all)."""
PRIORITY_CHARS = 2_000


class ConversationCreate(RequestModel):
    priority: Annotated[str, Field(min_length=1, max_length=PRIORITY_CHARS)]
    """A priority id from the organisation's corpus, or the priority in the leader's words."""
    language: Language | None = None
    """The language of the chat and its drafts; default: the priority's."""


class MessageCreate(RequestModel):
    content: Annotated[str, Field(min_length=1, max_length=MESSAGE_CHARS)]
    """An answer to the coach's questions, or feedback on its draft."""


PartKey = Annotated[str, Field(min_length=1, max_length=40)]
PartText = Annotated[str, Field(max_length=PART_CHARS)]


class StoryFromDraft(RequestModel):
    title: Annotated[str, Field(min_length=1, max_length=TITLE_CHARS)] | None = None
    """The story's title in lists. Default: the draft's own (edited) title."""
    message_id: RowId | None = None
    """The draft to save (one of the conversation's). Default: the latest; send it with
    ``parts`` so the edits land on the draft they were made to."""
    parts: dict[PartKey, PartText] | None = Field(default=None, max_length=40)
    """The leader's edits, by part key (see ``PartPublic.key``): ``{"core_message": "..."}``.
    Parts not named stay as drafted; an edited part is the leader's own words. A part may not
    be empty; a title holds at most 200 characters, another part 4,000. The story is then
    composed from the parts; without edits the draft's Markdown is saved as it is."""


class LessonGenerate(RequestModel):
    kind: LessonKind = LessonKind.LESSON
    goal: Annotated[str, Field(min_length=1, max_length=2_000)] | None = None
    """1:1 lessons (required there): the team member's development goal, in their words."""
    role: Annotated[str, Field(min_length=1, max_length=NAME_CHARS)] | None = None
    """1:1 lessons (required there): the team member's role."""
    language: Language | None = None
    """Default: the story's language (a 1:1 lesson: the goal's)."""


class CitationPublic(BaseModel):
    id: str
    title: str
    """The document's title; its id when the document is no longer in the corpus."""


class PartPublic(BaseModel):
    """One part of a draft or a story, and who wrote it."""

    key: str
    """Names the part within its draft (``title``, ``section-2``, ``core_message``): what an
    edit to it names when the draft is saved."""
    name: str
    """What kind of part: ``title``, ``section``, ``core_message``, ``why_it_matters``,
    ``call_to_action``."""
    label: str
    """Its heading, in the draft's language."""
    text: str
    origin: Origin
    """``leader``: the leader's own words; ``translated``: their sentence, translated by the
    model; ``coach``: written by the model and checked; ``fallback``: composed by code after
    the model failed (plain, meant to be edited)."""
    fallback_from: FallbackSource | None = None
    """For a fallback: what code built it from (``own_words``, ``company_value``, or
    ``plain``: a stand-in of its own), so a page can say so."""


class DraftPartsPublic(BaseModel):
    """Who wrote what in a draft (``parts`` is ``None`` when it is not known: drafts kept
    before parts were, and every reply that is not a draft)."""

    parts: list[PartPublic] | None = None
    fallbacks: list[str] = []
    """Names of the parts code composed after the model failed."""
    notes: list[str] = []
    """What the coach could not do and what it did instead, in the draft's language."""


class MessagePublic(DraftPartsPublic):
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
    language: Language
    created_at: datetime
    updated_at: datetime


class ConversationsPublic(Paged):
    data: list[ConversationPublic]


class DraftPublic(DraftPartsPublic):
    message_id: int
    title: str
    text: str
    """The story in Markdown, without the coach's notes."""
    citations: list[CitationPublic]


class MessagesPublic(Paged):
    data: list[MessagePublic]


class ConversationDetail(ConversationPublic):
    messages: list[MessagePublic]
    """Every message (a conversation holds at most 200); ``/messages`` pages them."""
    draft: DraftPublic | None
    """The latest draft, if the coach has written one."""


class QueuedEvent(BaseModel):
    """SSE ``queued``: the reply waits for the model; sent again whenever its place changes."""

    place: int
    """How many replies go before this one, plus one."""
    message: str
    """The place in plain words, in the conversation's language."""


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
    """SSE ``error``: the reply failed; the leader's message is kept, and
    ``POST /conversations/{id}/reply`` tries again."""

    code: str
    message: str
    """What happened, in plain words and the conversation's language: fit to show a person."""
    field: str | None = None
    """The request field at fault, for ``invalid_input``."""
    detail: str | None = None
    """The technical reason (which step failed and why), for developers and logs."""
    retry: bool = False
    """Whether trying again may well work (the model failed, not the leader's input)."""
