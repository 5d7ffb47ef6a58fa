"""Which lessons may leave StoryCoach, and what an export needs to know about one.

Only reviewed, published lessons are exported: a lesson published from review (by its row id)
or a lesson of the organisation's corpus (by its corpus id, e.g. ``lesson-listen-to-juniors``).
A lesson still in review is refused (``NotPublished``), and so is anything of another
organisation (``NotFound``, exactly as an id that does not exist).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound, NotPublished
from service.knowledge import DocumentKind, KnowledgeBase
from service.quality import parse_document
from service.store import LessonState, get_lesson
from service.vocabulary import Language

ID_NAMESPACE = uuid.UUID("6f1c7a52-3f0e-4c55-9d7e-2a7a4b1c9e10")
"""StoryCoach's namespace for the name-based (v5) UUIDs that identify exported lessons."""
MAX_DESCRIPTION = 500


@dataclass(frozen=True)
class ExportableLesson:
    """A published lesson as every export format reads it."""

    org: str
    key: str
    """Its corpus id: stable and readable, the same one search and citations use."""
    title: str
    language: Language
    text: str
    """The Markdown, as stored."""

    @property
    def iri(self) -> str:
        """A globally unique, stable IRI for the lesson (``urn:uuid:``, RFC 4122): the same
        lesson exported twice is the same course to an LMS, another organisation's never."""
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{self.org}/{self.key}')}"

    @property
    def au_iri(self) -> str:
        """The IRI of the lesson's one assignable unit (cmi5), distinct from the course's."""
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{self.org}/{self.key}/au')}"

    @property
    def description(self) -> str:
        """The objective (what an LMS shows under the title), else the first paragraph."""
        parsed = parse_document(self.text)
        part = parsed.section("objective")
        text = part.text if part is not None else next(iter(parsed.paragraphs), self.title)
        return " ".join(text.split())[:MAX_DESCRIPTION]

    @property
    def recall_question(self) -> str | None:
        """The lesson's recall question, asked of the learner at the end, if it has one."""
        part = parse_document(self.text).section("recall")
        return " ".join(part.text.split()) if part is not None else None


def published_lesson(
    session: Session, knowledge: KnowledgeBase, org: str, reference: str
) -> ExportableLesson:
    """The published lesson ``reference`` names in ``org``: a row id ("12") or a corpus id."""
    reference = reference.strip()
    if reference.isdigit():
        lesson = get_lesson(session, org, int(reference))
        if lesson.state is not LessonState.PUBLISHED or lesson.corpus_id is None:
            raise NotPublished("lesson", reference, lesson.state.value)
        return ExportableLesson(org, lesson.corpus_id, lesson.title, lesson.language, lesson.text)
    if not reference:
        raise InvalidInput("id", "lesson_reference")
    try:
        document = knowledge.document(org, reference)
    except InvalidInput:
        raise NotFound("lesson", reference) from None
    if document.kind is not DocumentKind.LESSON:
        raise NotFound("lesson", reference)
    return ExportableLesson(org, document.id, document.title, document.language, document.text)
