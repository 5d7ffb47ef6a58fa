"""Stories: what leaders save and publish, and what members read."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from service.store import StoryStatus, StoryVisibility
from service.store.limits import TEXT_CHARS, TITLE_CHARS
from service.vocabulary import Language

from .common import CorpusId, Paged, PersonRef, RequestModel, RowId
from .conversations import PartPublic

Title = Annotated[str, Field(min_length=1, max_length=TITLE_CHARS)]
Markdown = Annotated[str, Field(min_length=1, max_length=TEXT_CHARS)]


class StoryCreate(RequestModel):
    title: Title
    text: Markdown
    """The story in Markdown, in the leader's own words."""
    language: Language
    citations: list[CorpusId] = Field(default_factory=list, max_length=50)
    core_message: Annotated[str, Field(max_length=TEXT_CHARS)] | None = None
    values: list[CorpusId] = Field(default_factory=list, max_length=50)
    """Ids of the organisation's values the story illustrates (a published lesson needs one)."""
    conversation_id: RowId | None = None
    """The drafting conversation it came from, if any."""


class StoryUpdate(RequestModel):
    """Only the fields sent are changed."""

    title: Title | None = None
    text: Markdown | None = None
    citations: list[CorpusId] | None = Field(default=None, max_length=50)
    core_message: Annotated[str, Field(max_length=TEXT_CHARS)] | None = None
    values: list[CorpusId] | None = Field(default=None, max_length=50)
    visibility: StoryVisibility | None = None
    """``team``: only the author's team reads it; ``organisation``: everyone."""
    current: bool | None = None
    """``false`` retires the story (listed nowhere, nothing new drawn on it); ``true``
    makes it current again."""
    told_by: Annotated[str, Field(max_length=TITLE_CHARS)] | None = None
    """Who told it, when not its author; ``""`` says the author did."""


class StoryPublic(BaseModel):
    id: int
    title: str
    text: str
    language: Language
    status: StoryStatus
    citations: list[str]
    core_message: str | None
    values: list[str]
    author: PersonRef
    conversation_id: int | None
    parts: list[PartPublic] | None = None
    """Who wrote each part, for a story saved from a draft (parts the leader edited are
    theirs); ``None`` for a story written whole, or once its text was changed as a whole."""
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    visibility: StoryVisibility = StoryVisibility.ORGANISATION
    current: bool = True
    retired_at: datetime | None = None
    told_by: str | None = None
    """Who told it, when not its author (``None``: its author)."""


class StoriesPublic(Paged):
    data: list[StoryPublic]
