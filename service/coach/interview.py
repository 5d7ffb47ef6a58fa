"""The interview: questions that draw out the leader's own experience, beat by beat.

A story is only as true as what the leader tells, so the coach asks rather than writes: one
question each for the situation, the setback or failure, what they did, what changed and why
it matters to the team. Each question is one small model step, checked to be open, short and
in the asked language.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.knowledge import KnowledgeBase, Language
from service.knowledge.languages import detect_language
from service.prompting import render_prompt
from service.quality.checks.questions import question_kind

from .model import ChatModel
from .parts import fallback_note
from .priority import LANGUAGE_NAMES, choose_language, resolve_priority
from .sources import ResultMeta, Sources
from .steps import StepLog, attempt_step, starting_with
from .structures import Beat

FOCUS: dict[Beat, tuple[str, dict[Language, str]]] = {
    Beat.SITUATION: (
        "a real situation they were in: where, when, who was involved",
        {
            Language.EN: "Where were you, and who was involved, when this last really mattered?",
            Language.NL: "Waar was je en wie waren erbij toen dit echt telde?",
        },
    ),
    Beat.SETBACK: (
        "the setback, mistake or failure in it, and how it felt",
        {
            Language.EN: "What went wrong, and what was your own part in it?",
            Language.NL: "Wat ging er mis, en wat was jouw eigen aandeel daarin?",
        },
    ),
    Beat.ACTION: (
        "what they did about it, step by step",
        {
            Language.EN: "What did you do next, and what made you choose that?",
            Language.NL: "Wat deed je daarna, en waarom koos je daarvoor?",
        },
    ),
    Beat.CHANGE: (
        "what changed afterwards, in numbers or in behaviour",
        {
            Language.EN: "What is different now, and how can you tell?",
            Language.NL: "Wat is er nu anders, en waaraan merk je dat?",
        },
    ),
    Beat.WHY: (
        "why this matters for their team today",
        {
            Language.EN: "Why should your team hear this story now?",
            Language.NL: "Waarom moet je team dit verhaal nu horen?",
        },
    ),
}


OPENINGS: dict[Beat, dict[Language, str]] = {
    Beat.SITUATION: {Language.EN: "Where were you", Language.NL: "Waar was je"},
    Beat.SETBACK: {Language.EN: "What went wrong", Language.NL: "Wat ging er mis"},
    Beat.ACTION: {Language.EN: "What did you do", Language.NL: "Wat deed je"},
    Beat.CHANGE: {Language.EN: "What is different", Language.NL: "Wat is er anders"},
    Beat.WHY: {Language.EN: "Why", Language.NL: "Waarom"},
}
"""Each beat's question starts with these words, chosen by code and enforced in decoding: the
small model asked "Did you ever...?" for the setback of one priority, a question a leader
can close with "no". The model writes the rest, connected to the priority."""


FOCUS_NL: dict[Beat, str] = {
    Beat.SITUATION: "een echte situatie waarin hij of zij zat: waar, wanneer, wie erbij was",
    Beat.SETBACK: "de tegenslag, fout of mislukking daarin, en hoe dat voelde",
    Beat.ACTION: "wat hij of zij eraan deed, stap voor stap",
    Beat.CHANGE: "wat er daarna veranderde, in getallen of in gedrag",
    Beat.WHY: "waarom dit vandaag belangrijk is voor het team",
}
"""The beats' focus for the Dutch prompt (``prompts/interview-question.nl.j2``)."""


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


FALLBACK_SOURCE = {
    Language.EN: "its standard question for that part of the story",
    Language.NL: "de vaste vraag voor dat deel van het verhaal",
}
QUESTION_NAME = {Language.EN: "a question", Language.NL: "een vraag"}


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
    for beat, (focus, examples) in FOCUS.items():
        opening = OPENINGS[beat][language]
        prompt = render_prompt(
            "interview-question",
            language=language.value,
            priority=resolved.text,
            beat_focus=FOCUS_NL[beat] if language is Language.NL else focus,
            example=examples[language],
            language_name=LANGUAGE_NAMES[language],
            opening=opening,
        )
        draft = attempt_step(
            model,
            prompt,
            starting_with(InterviewQuestionDraft, "question", opening),
            lambda d: check_question(d, language),
            log,
            max_tokens=80,
        )
        if draft is None:
            note = fallback_note(language, QUESTION_NAME[language], FALLBACK_SOURCE[language])
            log.fell_back(f"interview.{beat.value}", note)
            question = examples[language]
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
