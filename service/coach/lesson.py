"""The compact lesson: one objective, why it matters, key points, practice, reflection, recall.

A lesson a leader can give in ten minutes (microlearning), built on one real story. Code owns
the lesson: the headings the corpus lessons use, the order, the objective's stem, the word
budget and the citations; the parts are written one checked step at a time
(``lesson_steps``), and a part no candidate could write is composed by code and listed in
``Lesson.fallbacks``, so a valid story always gives a lesson to review and edit.
"""

from __future__ import annotations

from pydantic import BaseModel

from service.knowledge import KnowledgeBase
from service.knowledge.citations import cited_ids
from service.vocabulary import Language
from service.words import load_words

from .making.field_steps import (
    built_on,
    markdown,
    quoting_language,
    resolve_language,
    story_sources,
)
from .making.lesson_parts import write_lesson_parts
from .making.lesson_steps import LessonBrief, LessonParts, Limits
from .making.parts import MissingPart
from .making.sources import ResultMeta, Sources
from .making.steps import StepLog
from .model import ChatModel
from .story_source import StorySource

LIMITS = Limits(
    objective=(6, 30), why=(40, 70), key_point=(8, 35), practice=(20, 60), question=(6, 30)
)
"""Word limits per part: at least 120 and at most 400 words in all, as the rubric asks."""


class Lesson(BaseModel):
    """A compact lesson; ``text`` is all of it as Markdown, under the corpus lessons' headings."""

    title: str
    objective: str
    """One sentence, starting with the stem code wrote."""
    why_it_matters: str
    key_points: list[str]
    practice: str
    reflection: str
    recall: str
    """A question to ask a week later, so the learner retrieves what they did."""
    text: str
    citations: list[str]
    """The story (when it is in the corpus) and the values the lesson cites."""
    language: Language
    story_id: str | None
    meta: ResultMeta
    fallbacks: list[str] = []
    """The parts code wrote after the model's candidates failed, by step name."""
    chosen: list[str] = []
    """The parts that are sentences of the story the model chose, inside a frame code owns."""
    notes: list[str] = []
    """What the coach could not do and did instead, in plain words and the lesson's language."""
    missing: list[MissingPart] = []
    """The parts the story has no sentence for, each asked of the leader: its text is the
    question, marked as still to write (ask, don't fake)."""


Sections = list[tuple[str, str | list[str]]]
"""A lesson's parts in reading order, each under its heading."""


def under_headings(parts: Sections, language: Language) -> Sections:
    """Each part, named by its key (``objective``, ``why``, ...), under its heading in
    ``language``: the headings the corpus lessons use (corpus/lessons/*.md), so L&D and the
    rubric read them."""
    headings = load_words("lesson", language).section("headings")
    return [(headings[key], text) for key, text in parts]


def lesson_sections(parts: LessonParts, language: Language) -> Sections:
    """The lesson's parts under their headings, in the corpus lessons' order."""
    return under_headings(
        [
            ("objective", parts.objective),
            ("why", parts.why_it_matters),
            ("key_points", parts.key_points),
            ("practice", parts.practice),
            ("reflection", parts.reflection),
            ("recall", parts.recall),
        ],
        language,
    )


def final_citations(text: str, sources: Sources) -> list[str]:
    """The ids the finished text cites, all among the sources (invalid ones are gone by now)."""
    kept, _ = sources.keep_cited(cited_ids(text))
    return kept


def make_lesson(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    story: StorySource,
    *,
    language: Language | str | None = None,
) -> Lesson:
    """A compact lesson from ``story``, in ``language`` (default: the story's language).

    Raises:
        InvalidInput: an unsupported language (field ``language``).
        ModelUnavailable: the model itself failed (a part it wrote badly falls back instead).
    """
    log = StepLog()
    chosen = quoting_language(model, resolve_language(language, story.language), story, log)
    sources = story_sources(knowledge, org, story)
    stem = load_words("lesson", chosen)["stems.lesson"]
    brief = LessonBrief("lesson", story, chosen, sources, LIMITS, stem)
    parts, removed = write_lesson_parts(model, brief, log).without_invalid_citations(sources)
    text = markdown(story.title, built_on(story, chosen), lesson_sections(parts, chosen))
    return Lesson(
        title=story.title,
        objective=parts.objective,
        why_it_matters=parts.why_it_matters,
        key_points=parts.key_points,
        practice=parts.practice,
        reflection=parts.reflection,
        recall=parts.recall,
        text=text,
        citations=final_citations(text, sources),
        language=chosen,
        story_id=story.id,
        meta=ResultMeta.of(model.name, log, sources, removed),
        fallbacks=log.fallbacks,
        chosen=log.chosen,
        notes=log.notes,
        missing=log.missing,
    )
