"""The interview: questions that draw out the leader's own experience, beat by beat.

A story is only as true as what the leader tells, so the coach asks rather than writes: one
question each for the situation, the setback or failure, what they did, what changed and why
it matters to the team. Each question is one small model step, checked to be open, short and
in the asked language.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from service.knowledge import KnowledgeBase
from service.knowledge.languages import detect_language
from service.prompting import render_prompt
from service.quality.checks.questions import question_kind
from service.vocabulary import Language
from service.words import load_words

from .making.beats import assign_beats
from .making.parts import fallback_note
from .making.sources import ResultMeta, Sources
from .making.steps import StepLog, attempt_step, starting_with
from .model import ChatModel
from .priority import LANGUAGE_NAMES, choose_language, resolve_priority
from .structures import Beat


@dataclass(frozen=True)
class BeatWords:
    """What the coach asks about one beat, in one language (the ``interview`` words)."""

    focus: str
    """What the question should draw out; the prompt's words, in its language."""
    question: str
    """The coach's own question for the beat, used when no model candidate passes."""
    opening: str
    """The words the beat's question starts with, chosen by code and enforced in decoding:
    the small model asked "Did you ever...?" for the setback of one priority, a question a
    leader can close with "no". The model writes the rest, connected to the priority."""


def beat_words(beat: Beat, language: Language) -> BeatWords:
    """The focus, standard question and opening of ``beat`` in ``language``."""
    said = load_words("interview", language).section(f"beats.{beat.value}")
    return BeatWords(focus=said["focus"], question=said["question"], opening=said["opening"])


def standard_question(beat: Beat, language: Language) -> str:
    """The coach's own open question for ``beat``: what to ask when that part is missing."""
    return beat_words(beat, language).question


def questions_for_missing_beats(sentences: list[str], language: Language) -> list[str]:
    """The coach's own question for each beat the leader's ``sentences`` (in their order) do
    not tell yet; the situation's when they tell every beat. What the chat asks for when an
    account is too short to build a story from."""
    beats = assign_beats(sentences)
    missing = [standard_question(beat, language) for beat in Beat if not beats.get(beat)]
    return missing or [standard_question(Beat.SITUATION, language)]


class InterviewQuestionDraft(BaseModel):
    question: str = Field(max_length=300)


class InterviewQuestion(BaseModel):
    beat: Beat
    question: str


class Interview(BaseModel):
    """Questions for the leader; their answers become the story's material."""

    priority: str
    priority_id: str | None
    language: Language
    questions: list[InterviewQuestion]
    citations: list[str]
    """The priority, when it came from the corpus."""
    meta: ResultMeta
    fallbacks: list[str] = []
    """Beats whose question is the coach's own standard one, because no candidate passed."""
    notes: list[str] = []


def check_question(draft: InterviewQuestionDraft, language: Language) -> str | None:
    question = draft.question.strip()
    if not question.endswith("?"):
        return "the question must end with a question mark"
    if len(question.split()) > 30:
        return "the question must have at most 25 words"
    if question_kind(question) == "closed":
        return "the question can be answered with yes or no; ask an open question"
    found = detect_language(question)
    if found is not None and found is not language:
        return f"the question is not in {LANGUAGE_NAMES[language]}"
    return None


def interview(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    priority: str,
    *,
    language: Language | None = None,
) -> Interview:
    """Five open questions, one per beat, that draw out the leader's own experience."""
    resolved = resolve_priority(knowledge, org, priority)
    language = choose_language(language, resolved.text)
    log = StepLog()
    questions = []
    fallback = load_words("interview", language).section("fallback")
    for beat in Beat:
        said = beat_words(beat, language)
        prompt = render_prompt(
            "interview-question",
            language=language.value,
            priority=resolved.text,
            beat_focus=said.focus,
            example=said.question,
            language_name=LANGUAGE_NAMES[language],
            opening=said.opening,
        )
        draft = attempt_step(
            model,
            prompt,
            starting_with(InterviewQuestionDraft, "question", said.opening),
            lambda d: check_question(d, language),
            log,
            max_tokens=80,
        )
        if draft is None:
            note = fallback_note(language, fallback["name"], fallback["source"])
            log.fell_back(f"interview.{beat.value}", note)
            question = said.question
        else:
            question = " ".join(draft.question.split())
        questions.append(InterviewQuestion(beat=beat, question=question))
    citations = [resolved.id] if resolved.id else []
    return Interview(
        priority=resolved.text,
        priority_id=resolved.id,
        language=language,
        questions=questions,
        citations=citations,
        meta=ResultMeta.of(model.name, log, Sources(())),
        fallbacks=log.fallbacks,
        notes=log.notes,
    )
