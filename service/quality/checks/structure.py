"""Shape checks: length, required parts, how many items a part has, a story told as prose.

Microlearning asks for one short unit (≤ 400 words) with practice and recall; these checks hold
a document to the shape its rubric names, whatever headings the author used.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.knowledge.languages import words

from ..context import ScoringContext
from ..document import ParsedDocument
from ..signals import sentences
from .registry import CheckOutcome, check, quote, verdict


class WordCountParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_words: int = Field(default=0, ge=0)
    max_words: int | None = Field(default=None, ge=1)


@check("word_count", WordCountParams)
def word_count(
    document: ParsedDocument, context: ScoringContext, params: WordCountParams
) -> CheckOutcome:
    """Between ``min_words`` and ``max_words`` words, headings included (what a reader reads)."""
    count = document.word_count
    evidence = f"{count} words"
    if count < params.min_words:
        return verdict(False, f"{count} words; at least {params.min_words} needed", evidence)
    if params.max_words is not None and count > params.max_words:
        return verdict(False, f"{count} words; at most {params.max_words} allowed", evidence)
    return verdict(True, f"{count} words, within the limit", evidence)


class SectionsParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sections: tuple[str, ...] = Field(min_length=1)
    """Section keys (see ``service.quality.headings``) that must be present and not empty."""


@check("required_sections", SectionsParams)
def required_sections(
    document: ParsedDocument, context: ScoringContext, params: SectionsParams
) -> CheckOutcome:
    """Every named part is there, under any of its Dutch or English names, and has content."""
    missing = [key for key in params.sections if document.section(key) is None]
    found = [s.heading for s in document.sections if s.key in params.sections]
    if missing:
        return verdict(False, f"missing: {', '.join(missing)}", quote(found))
    return verdict(True, "all required parts are present", quote(found))


class ItemCountParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    section: str
    """The section key whose list items are counted (sentences when it has no list)."""
    min_items: int = Field(default=1, ge=0)
    max_items: int | None = Field(default=None, ge=1)


def section_items(document: ParsedDocument, key: str) -> list[str]:
    """The items of a part: its list items, or else its sentences.

    Questions are special: a question set without a heading is all its list items, or all
    lines ending in a question mark.
    """
    part = document.section(key)
    if part is not None:
        return part.items or sentences(" ".join(part.paragraphs))
    if key == "questions":
        if document.items:
            return document.items
        return [s for s in sentences(document.prose) if s.endswith("?")]
    return []


@check("item_count", ItemCountParams)
def item_count(
    document: ParsedDocument, context: ScoringContext, params: ItemCountParams
) -> CheckOutcome:
    """Between ``min_items`` and ``max_items`` items: three to five key points, say."""
    items = section_items(document, params.section)
    count = len(items)
    evidence = f"{count} item(s) in {params.section}"
    if count < params.min_items:
        return verdict(False, f"{evidence}; at least {params.min_items} needed", evidence)
    if params.max_items is not None and count > params.max_items:
        return verdict(False, f"{evidence}; at most {params.max_items} allowed", evidence)
    return verdict(True, f"{evidence}, within the range", evidence)


class StoryShapeParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_paragraphs: int = Field(default=3, ge=1)


@check("story_shape", StoryShapeParams)
def story_shape(
    document: ParsedDocument, context: ScoringContext, params: StoryShapeParams
) -> CheckOutcome:
    """A story is told in paragraphs, not bullet points: beats need room to unfold. A short
    timeline inside a story is fine; a story that is mostly list is not."""
    paragraphs = [p for p in document.paragraphs if len(words(p)) >= 8]
    items = document.items
    evidence = f"{len(paragraphs)} paragraph(s), {len(items)} list item(s)"
    list_words = sum(len(words(i)) for i in items)
    prose_words = sum(len(words(p)) for p in paragraphs)
    if items and list_words >= prose_words:
        return verdict(False, "told as a list, not as a story", quote(items, 2))
    if len(paragraphs) < params.min_paragraphs:
        needed = params.min_paragraphs
        return verdict(False, f"{len(paragraphs)} paragraph(s); at least {needed}", evidence)
    return verdict(True, "told in prose paragraphs", evidence)
