"""Discussion questions for a team after a story: open, mixed, asked from the team's side.

Code guarantees the mix: it asks for each question by type (understanding, reflection,
application) in turn, so three questions always cover three kinds. Each question is either
written by the model or built by code in a frame around one whole sentence of the story
(``question_frames``); which one is decided per language by measurement (``MODEL_WRITES``).

Where the model writes, it writes several sampled candidates of one prompt (``sampling``),
each starting with words code chose (decoding is constrained to them: a small model starts
nearly every question with "What"). A candidate is used only if it is an open question
(by the rubric's own ``question_kind``), short, in the asked language, not a repeat, with no
name or number the story does not contain, and if the publishability detectors find nothing
in it beside the questions before it: no storyteller's "I", no phrase pasted from inside a
sentence of the story, no unknown word, no phrase shared with two other questions. When no
candidate passes, the question is built in its frame (listed in ``fallbacks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import cycle, islice

from pydantic import BaseModel, Field

from service.errors import InvalidInput
from service.knowledge import KnowledgeBase
from service.knowledge.languages import words
from service.prompting import render_prompt
from service.quality.publishable import PartContext, ReadPart, judge_parts
from service.vocabulary import Language
from service.words import Words, load_words

from .lesson import final_citations
from .making.choosing import writes_freely
from .making.fallbacks import note
from .making.field_steps import (
    built_on,
    check_question,
    cleaned,
    markdown,
    quoting_language,
    resolve_language,
    story_material,
    story_sources,
    tidy,
)
from .making.question_frames import frame_question
from .making.sampling import sample_best
from .making.sources import ResultMeta
from .making.steps import StepLog, starting_with
from .model import ChatModel
from .priority import LANGUAGE_NAMES
from .story_source import StorySource

MIN_COUNT, MAX_COUNT = 3, 6
QUESTION_WORDS = (5, 30)
ECHO_WORDS = 7
"""A question that copies this many words in a row from the prompt's description of its
kind asks about the prompt, not the story."""
MODEL_WRITES: frozenset[Language] = frozenset()
"""The languages whose questions the embedded model writes (a model listed as writing freely
writes them in every language); the others are built in frames. Measured on the human part
labels (evals/quality/labels-v1.yaml, tune split): the embedded model's English questions were
publishable 33 of 60 times (16 asked about facts the story does not hold), the Dutch framed
questions 33 of 48. So no language is listed: frames are the better path in both."""


class QuestionType(StrEnum):
    UNDERSTANDING = "understanding"
    REFLECTION = "reflection"
    APPLICATION = "application"


ROUNDS = ("first", "second")
"""The ``questions`` words give, per round and type, the words a model's question starts with
and the frame code builds the question in. A small model starts nearly every question with
"What"; code choosing the opening (and constraining decoding to it) makes the mix of question
kinds certain instead of hoped for; each frame asks with the same kind of question word. What
each type asks about (``focus``) has no example question: the small model copied examples word
for word instead of asking about the story."""


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
    """Questions code built in a frame around a sentence of the story after the model's
    candidates failed (where the model writes; elsewhere frames are the design, not a
    fallback)."""
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


def _echoes(question: list[str], focus: list[str], run: int = ECHO_WORDS) -> bool:
    """Whether ``question`` copies ``run`` words in a row from the prompt's ``focus`` text
    ("What happened in the story, and why people acted as they did?")."""
    runs = {tuple(focus[i : i + run]) for i in range(len(focus) - run + 1)}
    return any(tuple(question[i : i + run]) in runs for i in range(len(question) - run + 1))


def model_writes(model: ChatModel, language: Language) -> bool:
    """Whether the model writes the questions in ``language`` (else code's frames do)."""
    return language in MODEL_WRITES or writes_freely(model)


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

    The first three questions cover the three kinds. A question the model could not write is
    built by code in a frame around a sentence of the story (listed in ``fallbacks``); when
    the story has no sentence left to quote, a later question is left out, with a note: the
    good questions found are kept, never thrown away.

    Raises:
        InvalidInput: ``count`` outside 3..6, or an unsupported ``language``.
    """
    if not MIN_COUNT <= count <= MAX_COUNT:
        raise InvalidInput("count", "out_of_range", least=MIN_COUNT, most=MAX_COUNT, count=count)
    log = StepLog()
    chosen = quoting_language(model, resolve_language(language, story.language), story, log)
    sources = story_sources(knowledge, org, story)
    material = story_material(story, sources)
    asked: list[str] = []
    types: list[QuestionType] = []
    quoted: set[str] = set()
    said = load_words("questions", chosen)
    writes = model_writes(model, chosen)
    for number, kind in enumerate(question_types(count), 1):
        start = said.section(f"rounds.{ROUNDS[(number - 1) // len(QuestionType)]}.{kind.value}")
        step = _Step(f"questions.{number}.{kind.value}", kind, start["opening"])
        question = _ask(model, log, story, step, asked, chosen, material) if writes else None
        if question is None:
            question = _framed(start, story, step, asked, quoted, chosen)
            if question is not None and writes:
                note(log, "question", chosen, "story", step.name)
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


def _framed(
    start: Words,
    story: StorySource,
    step: _Step,
    asked: list[str],
    quoted: set[str],
    language: Language,
) -> str | None:
    """A question of ``step.kind`` built in ``frame`` around a sentence not ``quoted`` yet
    (which then is). One of the first three quotes a sentence again when a very short story
    has none left; a later one is then left out."""
    frame = start["frame"]
    others = {key: start[f"{key}_frame"] for key in ("result", "open") if f"{key}_frame" in start}
    kind = step.kind.value
    found = frame_question(frame, story.text, kind, asked, quoted, language, others)
    if found is None and len(asked) < len(QuestionType):
        found = frame_question(frame, story.text, kind, asked, set(), language, others)
    if found is None:
        return None
    quoted.update(found[1])
    return found[0]


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

    context = PartContext(language=language, account=story.text)
    earlier = [ReadPart(f"questions.{n}", q) for n, q in enumerate(asked, 1)]

    focus = words(load_words("questions", language)[f"focus.{step.kind.value}"])

    def judge(draft: DiscussionQuestionDraft) -> str | None:
        question = first_question(tidy(draft.question))
        if _body(question) in {_body(q) for q in asked}:
            return "it repeats an earlier question"
        if _echoes(words(question), focus):
            return "it repeats the prompt's description of the question, not the story"
        problem = check_question(question, language, material, QUESTION_WORDS)
        if problem is not None:
            return problem
        part = ReadPart(f"questions.{len(asked) + 1}", question, "coach")
        found = judge_parts([*earlier, part], context)[-1].found
        return "; ".join(f"{reason.value}: {why}" for reason, why in found.items()) or None

    draft = sample_best(model, prompt, draft_shape(step.opening), judge, log, max_tokens=80)
    return None if draft is None else first_question(tidy(draft.question))
