"""The corpus document model: one Markdown file with YAML front matter (see docs/design.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# Re-exported for the modules that still import the language from here.
from service.vocabulary import Language as Language

DOCUMENT_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class DocumentKind(StrEnum):
    VALUE = "value"
    PRIORITY = "priority"
    STORY = "story"
    LESSON = "lesson"


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    MIXED = "mixed"


class FrontMatter(BaseModel):
    """The fields a corpus file declares. Unknown fields are an error: a typo must not pass."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    """Unique within the organisation; lowercase letters, digits and dashes."""
    kind: DocumentKind
    title: str = Field(min_length=1, max_length=200)
    language: Language
    titled: dict[
        Language,
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)],
    ] = {}
    """Values and priorities only: the title in the other language, so that a text in either
    language can name the value it shows ("our value “Knowledge belongs to everyone”") or the
    priority it serves instead of "one of our values", or a title in a language its reader was
    not asked to read (docs/design.md, the corpus format)."""
    values: tuple[str, ...] = ()
    """Ids of the values this document illustrates (not used on values themselves)."""
    outcome: Outcome | None = None
    """Stories only: failures are as welcome as successes."""
    tags: tuple[str, ...] = ()
    author: str | None = None

    @field_validator("id")
    @classmethod
    def _id_is_plain(cls, value: str) -> str:
        if not DOCUMENT_ID_PATTERN.match(value):
            raise ValueError("must be lowercase letters, digits and single dashes")
        return value

    @field_validator("title", "author")
    @classmethod
    def _stripped(cls, value: str | None) -> str | None:
        return value.strip() if isinstance(value, str) else value

    @field_validator("tags", "values", mode="before")
    @classmethod
    def _numbers_as_text(cls, value: object) -> object:
        # YAML reads `tags: [q2, 2026]` as a string and a number; both are plain tags.
        if isinstance(value, list | tuple):
            return [str(v) if type(v) in (int, float) else v for v in value]
        return value

    @field_validator("tags")
    @classmethod
    def _tags_are_plain(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for tag in value:
            if not TAG_PATTERN.match(tag):
                raise ValueError(f"tag '{tag}' must be lowercase letters, digits, '-' or '_'")
        return value

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> FrontMatter:
        if self.kind is DocumentKind.STORY and self.outcome is None:
            raise ValueError("outcome: a story needs an outcome (success, failure or mixed)")
        if self.kind is not DocumentKind.STORY and self.outcome is not None:
            raise ValueError(f"outcome: only stories have an outcome, not a {self.kind}")
        if self.kind is DocumentKind.VALUE and self.values:
            raise ValueError("values: a value does not link to other values")
        if self.kind is not DocumentKind.VALUE and not self.values:
            raise ValueError(f"values: a {self.kind} must link to at least one value")
        if self.titled and self.kind not in (DocumentKind.VALUE, DocumentKind.PRIORITY):
            raise ValueError(
                f"titled: only values and priorities have titles in other languages, "
                f"not a {self.kind}"
            )
        if self.language in self.titled:
            raise ValueError(f"titled: the {self.language.value} title is the title itself")
        return self


class Titled(Protocol):
    """A document with a title in its own language and, maybe, in others (``FrontMatter``,
    ``SearchHit``, ``IndexedDocument``)."""

    @property
    def title(self) -> str: ...
    @property
    def language(self) -> Language: ...
    @property
    def titled(self) -> Mapping[Language, str]: ...


def title_in(document: Titled, language: Language) -> str | None:
    """The title a text in ``language`` names ``document`` by, or ``None`` when it has none in
    that language."""
    return document.title if language is document.language else document.titled.get(language)


def every_title(document: Titled) -> str:
    """``document``'s titles in every language it gives, a line each: what a part that names it
    may draw on ("De fietser gaat voor" names an English value)."""
    return "\n".join([document.title, *document.titled.values()])


class CorpusDocument(BaseModel):
    """A validated corpus document: its front matter, Markdown body and where it came from."""

    model_config = ConfigDict(frozen=True)

    meta: FrontMatter
    body: str
    path: Path | None = None

    @property
    def id(self) -> str:
        return self.meta.id
