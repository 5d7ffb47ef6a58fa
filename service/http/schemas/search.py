"""Search hits as the API returns them."""

from __future__ import annotations

from pydantic import BaseModel

from service.knowledge import DocumentKind, Outcome
from service.vocabulary import Language


class SearchHitPublic(BaseModel):
    id: str
    """The document id; this is what a citation names."""
    kind: DocumentKind
    title: str
    language: Language
    outcome: Outcome | None
    values: list[str]
    tags: list[str]
    score: float
    text: str
    """The passage that matched best."""


class SearchHitsPublic(BaseModel):
    data: list[SearchHitPublic]
    count: int
