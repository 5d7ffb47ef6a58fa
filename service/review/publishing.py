"""An approved lesson as a corpus document, so that it can be indexed, searched and cited."""

from __future__ import annotations

import re
import unicodedata

from pydantic import ValidationError

from service.errors import InvalidInput, NotFound
from service.knowledge import CorpusDocument, DocumentKind, FrontMatter, KnowledgeBase
from service.store import Lesson

SLUG_CHARS = 40


def slug(title: str) -> str:
    """``"Eén dag, één antwoord!"`` → ``"een-dag-een-antwoord"``: plain enough for a corpus id."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    text = "-".join(words)[:SLUG_CHARS].strip("-")
    return text


def corpus_id(lesson: Lesson) -> str:
    """Stable per lesson (the database id makes it unique), readable by its title."""
    words = slug(lesson.title)
    return f"lesson-{words}-{lesson.id}" if words else f"lesson-{lesson.id}"


def linked_values(lesson: Lesson, knowledge: KnowledgeBase) -> tuple[str, ...]:
    """The story's values that are real values of the organisation (a lesson needs one)."""
    kept = []
    for value_id in lesson.story.values:
        try:
            document = knowledge.document(lesson.org_id, value_id)
        except (NotFound, InvalidInput):
            continue
        if document.kind is DocumentKind.VALUE:
            kept.append(value_id)
    if not kept:
        raise InvalidInput("values", "no_value_linked")
    return tuple(kept)


def lesson_document(lesson: Lesson, knowledge: KnowledgeBase) -> CorpusDocument:
    """The lesson as a ``kind: lesson`` corpus document, tagged as reviewed; never while a
    part the coach asked the leader for is still to write (its question is not lesson text)."""
    asked = [str(m.get("label", "")) for m in (lesson.parts or {}).get("missing", [])]
    if asked:
        raise InvalidInput("text", "still_to_write", parts=", ".join(asked))
    tags = ["reviewed", lesson.kind.dashed]
    try:
        meta = FrontMatter(
            id=corpus_id(lesson),
            kind=DocumentKind.LESSON,
            title=lesson.title,
            language=lesson.language,
            values=linked_values(lesson, knowledge),
            tags=tuple(tags),
            author=lesson.author.name,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "lesson"
        raise InvalidInput(field, first["msg"]) from None
    return CorpusDocument(meta=meta, body=lesson.text)
