"""Discussion questions for a team after a story: open, mixed, in the asked language.

Code guarantees the mix: it asks for each question by type (understanding, reflection,
application) in turn, so three questions always cover all three. Each is one checked step:
open (not answerable with yes or no, by the rubric's own ``question_kind``), short, in the
asked language, not a repeat, and with no name or number the story does not contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import cycle, islice

from pydantic import BaseModel, Field

from service.errors import InvalidInput
from service.knowledge import KnowledgeBase, Language
from service.prompting import render_prompt
from service.quality.checks.questions import question_kind

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
from .steps import StepLog, run_step
from .story_source import StorySource

MIN_COUNT, MAX_COUNT = 3, 6
QUESTION_WORDS = (5, 30)
HEADING = {Language.EN: "Questions for the team", Language.NL: "Vragen voor het team"}


class QuestionType(StrEnum):
    UNDERSTANDING = "understanding"
    REFLECTION = "reflection"
    APPLICATION = "application"


FOCUS: dict[QuestionType, tuple[str, dict[Language, str]]] = {
    QuestionType.UNDERSTANDING: (
        "understanding: what happened in the story, and why the people in it acted as they did",
        {
            Language.EN: "Why do you think the turning point in this story came when it did?",
            Language.NL: "Waarom denk je dat het keerpunt in dit verhaal juist toen kwam?",
        },
    ),
    QuestionType.REFLECTION: (
        "reflection: the listener's own experience of something like this, mistakes included",
        {
            Language.EN: "What did you do the last time something like this happened to you?",
            Language.NL: "Wat deed jij de laatste keer dat je zoiets zelf meemaakte?",
        },
    ),
    QuestionType.APPLICATION: (
        "application: what the listener will do differently in their own work from now on",
        {
            Language.EN: "How will you use this in your own work this week?",
            Language.NL: "Hoe ga je dit deze week in je eigen werk gebruiken?",
        },
    ),
}


class DiscussionQuestionDraft(BaseModel):
    question: str = Field(max_length=400)


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


def question_types(count: int) -> list[QuestionType]:
    """Understanding, reflection, application, and round again: any three cover the mix."""
    return list(islice(cycle(QuestionType), count))


def _open_kinds(questions: list[str]) -> set[str]:
    return {k for q in questions if (k := question_kind(q)) not in (None, "closed")}


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

    Raises:
        InvalidInput: ``count`` outside 3..6, or an unsupported ``language``.
        GenerationFailed: a question stayed invalid after its retry; names the step.
    """
    if not MIN_COUNT <= count <= MAX_COUNT:
        raise InvalidInput("count", f"must be between {MIN_COUNT} and {MAX_COUNT}, not {count}")
    chosen = resolve_language(language, story.language)
    sources = story_sources(knowledge, org, story)
    material = story_material(story, sources)
    log = StepLog()
    asked: list[str] = []
    types = question_types(count)
    for number, kind in enumerate(types, 1):
        step = _Step(f"questions.{number}.{kind.value}", kind, last=number == count)
        asked.append(_ask(model, log, story, step, asked, chosen, material))
    questions, removed = cleaned(asked, sources)
    numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1))
    text = markdown(story.title, built_on(story, chosen), [(HEADING[chosen], numbered)])
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
    )


@dataclass(frozen=True)
class _Step:
    name: str
    kind: QuestionType
    last: bool
    """The last question must make sure there are at least two kinds of open question."""


def _ask(
    model: ChatModel,
    log: StepLog,
    story: StorySource,
    step: _Step,
    asked: list[str],
    language: Language,
    material: str,
) -> str:
    """One question of ``step.kind``, different from those ``asked`` before it."""
    focus, examples = FOCUS[step.kind]
    prompt = render_prompt(
        "discussion-question",
        story=f"{story.title}\n\n{story.text}",
        focus=focus,
        previous="\n".join(f"- {q}" for q in asked),
        language_name=LANGUAGE_NAMES[language],
        max_words=QUESTION_WORDS[1],
        example=examples[language],
    )

    def check(draft: DiscussionQuestionDraft) -> str | None:
        question = tidy(draft.question)
        if question.lower() in (q.lower() for q in asked):
            return "it repeats an earlier question; ask something different"
        problem = check_question(question, language, material, QUESTION_WORDS)
        if problem is None and step.last and len(_open_kinds([*asked, question])) < 2:
            return "every question starts the same way; start this one with another question word"
        return problem

    draft = run_step(model, step.name, prompt, DiscussionQuestionDraft, check, log, max_tokens=80)
    return tidy(draft.question)
