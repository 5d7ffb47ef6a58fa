"""Discussion questions for a team after a story: open, mixed, in the asked language.

Code guarantees the mix: it asks for each question by type (understanding, reflection,
application) in turn and chooses its first words ("Why", "What did you do the last time",
"How"; in Dutch "Waarom", "Wat deed jij de laatste keer dat", "Hoe"), with decoding
constrained to them, so three questions always cover three kinds. Dutch questions are asked
with a Dutch prompt. Each is one checked step: open (not answerable with yes or no, by the
rubric's own ``question_kind``), short, in the asked language, not a repeat, and with no
name or number the story does not contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import cycle, islice

from pydantic import BaseModel, Field

from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.prompting import render_prompt
from service.vocabulary import Language
from service.words import load_words

from .fallbacks import note, question_fallback, story_clause
from .field_steps import (
    built_on,
    check_question,
    cleaned,
    markdown,
    resolve_language,
    story_material,
    story_sources,
    tidy,
)
from .lesson import final_citations
from .model import ChatModel
from .priority import LANGUAGE_NAMES
from .sources import ResultMeta
from .steps import StepLog, attempt_step, starting_with
from .story_source import StorySource

MIN_COUNT, MAX_COUNT = 3, 6
QUESTION_WORDS = (5, 30)


class QuestionType(StrEnum):
    UNDERSTANDING = "understanding"
    REFLECTION = "reflection"
    APPLICATION = "application"


ROUNDS = ("first", "second")
"""The ``questions`` words give, per round and type, the words a question starts with and
the question code builds when no candidate passed. A small model starts nearly every question
with "What"; code choosing the opening (and constraining decoding to it) makes the mix of
question kinds certain instead of hoped for. What each type asks about (``focus``) has no
example question: the small model copied examples word for word instead of asking about the
story."""


class DiscussionQuestionDraft(BaseModel):
    question: str = Field(max_length=400)


def draft_shape(opening: str) -> type[DiscussionQuestionDraft]:
    """The answer's shape: a question that starts with ``opening``."""
    return starting_with(DiscussionQuestionDraft, "question", opening)


class DiscussionQuestion(BaseModel):
    type: QuestionType
    question: str


class DiscussionQuestions(BaseModel):
    """Questions a team discusses after hearing a story; ``text`` is a Markdown numbered list."""

    title: str
    questions: list[str]
    tagged: list[DiscussionQuestion]
    """The same questions, each with the type it was asked for."""
    text: str
    citations: list[str]
    language: Language
    story_id: str | None
    meta: ResultMeta
    fallbacks: list[str] = []
    """Questions code built from the story's own phrases after the model's candidates failed."""
    notes: list[str] = []
    """What the coach could not do and did instead, in plain words and the set's language."""


def question_types(count: int) -> list[QuestionType]:
    """Understanding, reflection, application, and round again: any three cover the mix."""
    return list(islice(cycle(QuestionType), count))


def first_question(text: str) -> str:
    """The first question of an answer that asks several ("What happened? How did...?")."""
    end = text.find("?")
    return text[: end + 1] if 0 < end < len(text) - 1 else text


def _body(question: str) -> str:
    """A question without its first two words: a repeat with another opening is a repeat."""
    return " ".join(question.lower().split()[2:])


def make_questions(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    story: StorySource,
    *,
    count: int = 4,
    language: Language | str | None = None,
) -> DiscussionQuestions:
    """``count`` open discussion questions about ``story`` (default: in the story's language).

    The first three questions cover the three kinds; one the model could not write is built
    by code from a phrase of the story (listed in ``fallbacks``). A later question it could not
    write is left out, with a note: the good questions found are kept, never thrown away.

    Raises:
        InvalidInput: ``count`` outside 3..6, or an unsupported ``language``.
    """
    if not MIN_COUNT <= count <= MAX_COUNT:
        raise InvalidInput("count", f"must be between {MIN_COUNT} and {MAX_COUNT}, not {count}")
    chosen = resolve_language(language, story.language)
    sources = story_sources(knowledge, org, story)
    material = story_material(story, sources)
    log = StepLog()
    asked: list[str] = []
    types: list[QuestionType] = []
    said = load_words("questions", chosen)
    for number, kind in enumerate(question_types(count), 1):
        start = said.section(f"rounds.{ROUNDS[(number - 1) // len(QuestionType)]}.{kind.value}")
        step = _Step(f"questions.{number}.{kind.value}", kind, start["opening"])
        question = _ask(model, log, story, step, asked, chosen, material)
        if question is None and number <= len(QuestionType):
            note(log, "question", chosen, "story", step.name)
            clause = story_clause(story.text, number - 1)
            question = question_fallback(start["fallback"], clause)
        if question is not None:
            asked.append(question)
            types.append(kind)
    if len(asked) < count:
        log.notes.append(said["too_few"].format(found=len(asked), asked=count))
    questions, removed = cleaned(asked, sources)
    numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1))
    text = markdown(story.title, built_on(story, chosen), [(said["heading"], numbered)])
    return DiscussionQuestions(
        title=story.title,
        questions=questions,
        tagged=[
            DiscussionQuestion(type=t, question=q) for t, q in zip(types, questions, strict=True)
        ],
        text=text,
        citations=final_citations(text, sources),
        language=chosen,
        story_id=story.id,
        meta=ResultMeta.of(model.name, log, sources, removed),
        fallbacks=log.fallbacks,
        notes=log.notes,
    )


@dataclass(frozen=True)
class _Step:
    name: str
    kind: QuestionType
    opening: str
    """The word the question must start with, or ``None`` to leave it to the model."""


def _ask(
    model: ChatModel,
    log: StepLog,
    story: StorySource,
    step: _Step,
    asked: list[str],
    language: Language,
    material: str,
) -> str | None:
    """One question of ``step.kind``, different from those ``asked`` before it, or ``None``
    when no candidate passed."""
    prompt = render_prompt(
        "discussion-question",
        language=language.value,
        story=f"{story.title}\n\n{story.text}",
        focus=load_words("questions", language)[f"focus.{step.kind.value}"],
        previous="\n".join(f"- {q}" for q in asked),
        language_name=LANGUAGE_NAMES[language],
        max_words=QUESTION_WORDS[1],
        opening=step.opening,
    )

    def check(draft: DiscussionQuestionDraft) -> str | None:
        question = first_question(tidy(draft.question))
        if _body(question) in {_body(q) for q in asked}:
            return "it repeats an earlier question; ask something different"
        return check_question(question, language, material, QUESTION_WORDS)

    shape = draft_shape(step.opening)
    draft = attempt_step(model, prompt, shape, check, log, max_tokens=80)
    return None if draft is None else first_question(tidy(draft.question))
