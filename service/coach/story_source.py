"""The story a lesson, a 1:1 lesson, questions or a critique is made from: a corpus story by
id, or a Markdown file the leader wrote."""

from __future__ import annotations

from dataclasses import dataclass

from service.errors import InvalidInput, NotFound
from service.knowledge import DocumentKind, KnowledgeBase
from service.vocabulary import Language

from .priority import MAX_ACCOUNT_WORDS, check_text, choose_language


@dataclass(frozen=True)
class StorySource:
    id: str | None
    """The corpus id when the story came from the corpus (then it can be cited)."""
    title: str
    text: str
    language: Language
    values: tuple[str, ...] = ()
    priority: str | None = None
    """The id of the priority the story was written for, when known: a 1:1 lesson meets the
    member's goal there rather than at whichever priority a search finds first."""


def load_story(
    knowledge: KnowledgeBase,
    org: str,
    *,
    story_id: str | None = None,
    story_text: str | None = None,
) -> StorySource:
    """Exactly one of ``story_id`` and ``story_text``; an id must name a story of ``org``."""
    if (story_id is None) == (story_text is None):
        raise InvalidInput("story", "story_id_or_text")
    if story_id is not None:
        try:
            document = knowledge.document(org, story_id.strip())
        except NotFound:
            raise InvalidInput("story", "no_such_story", id=story_id) from None
        if document.kind is not DocumentKind.STORY:
            raise InvalidInput("story", "not_a_story", id=story_id, kind=document.kind.value)
        return StorySource(
            document.id, document.title, document.text, document.language, document.values
        )
    assert story_text is not None
    text = check_text("story", story_text, max_words=MAX_ACCOUNT_WORDS, min_words=20)
    lines = text.splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else ""
    body = "\n".join(lines[1:]).strip() if title else text
    return StorySource(None, title or body.split(".")[0][:80], body, choose_language(None, body))
