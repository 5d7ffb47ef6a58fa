"""Reflections and discussion questions: what team members do with a published story."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from service.store.limits import COMMENT_CHARS
from service.vocabulary import Language

from .common import Paged, PersonRef, RequestModel
from .parts import ResultPartsPublic


class ReflectionCreate(RequestModel):
    text: Annotated[str, Field(min_length=1, max_length=COMMENT_CHARS)]


class ReflectionPublic(BaseModel):
    id: int
    story_id: int
    text: str
    person: PersonRef
    created_at: datetime


class ReflectionsPublic(Paged):
    data: list[ReflectionPublic]


class QuestionsRequest(RequestModel):
    count: Annotated[int, Field(ge=3, le=6)] = 4
    language: Language | None = None
    """Defaults to the story's language."""


class QuestionPublic(BaseModel):
    type: str
    """understanding, reflection or application."""
    question: str


class QuestionsPublic(ResultPartsPublic):
    """New discussion questions, with who wrote each (``ResultPartsPublic``)."""

    story_id: int
    language: Language
    questions: list[QuestionPublic]
    text: str
    """The questions as a Markdown document."""
    citations: list[str]


class QuestionSetPublic(ResultPartsPublic):
    """A set of discussion questions kept with a story, with who wrote each."""

    id: int
    story_id: int
    language: Language
    questions: list[str]
    """The questions, in the order they were asked."""
    person: PersonRef
    """Who asked for them."""
    created_at: datetime


class QuestionSetsPublic(Paged):
    data: list[QuestionSetPublic]
