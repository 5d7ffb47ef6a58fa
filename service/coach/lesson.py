"""The compact lesson: one objective, why it matters, key points, practice, reflection, recall.

A lesson a leader can give in ten minutes (microlearning), built on one real story. Code owns
the lesson: the headings the corpus lessons use, the order, the objective's stem, the word
budget and the citations. The model writes each part as one short step, checked like every
written field (``field_steps.check_field``): nothing about the leader that the story does not
say gets in. The one-on-one lesson runs the same part steps for one team member.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from service.knowledge import DocumentKind, KnowledgeBase, Language
from service.knowledge.languages import words
from service.prompting import RenderedPrompt, render_prompt
from service.quality.checks.objectives import VAGUE_VERBS, measurable_verbs
from service.quality.signals import sentences

from .field_steps import (
    built_on,
    check_field,
    check_length,
    check_question,
    cleaned,
    concrete_kinds,
    markdown,
    resolve_language,
    story_material,
    story_sources,
    tidy,
)
from .model import ChatModel
from .priority import LANGUAGE_NAMES
from .sources import ResultMeta, Sources, cited_ids
from .steps import StepLog, run_step
from .story_source import StorySource

HEADINGS: dict[str, dict[Language, str]] = {
    "objective": {Language.EN: "Objective", Language.NL: "Leerdoel"},
    "why": {Language.EN: "Why it matters", Language.NL: "Waarom het ertoe doet"},
    "meet": {
        Language.EN: "Where your goal and our priority meet",
        Language.NL: "Waar jouw doel en onze prioriteit elkaar raken",
    },
    "key_points": {Language.EN: "Key points", Language.NL: "Kernpunten"},
    "practice": {Language.EN: "Practice", Language.NL: "Oefening"},
    "next_step": {Language.EN: "Next step", Language.NL: "Volgende stap"},
    "reflection": {Language.EN: "Reflection", Language.NL: "Reflectie"},
    "recall": {Language.EN: "Recall", Language.NL: "Terugblikvraag"},
}
"""The headings the corpus lessons use (corpus/lessons/*.md), so L&D and the rubric read them."""

KEY_POINT_FOCUS = (
    "what went wrong or was hard in the story, and what that teaches",
    "what the people in the story did that worked",
    "the habit to take from this story into your own work",
)
"""One focus per key point, so three short steps give three different points."""

_EXAMPLES: dict[str, dict[Language, str]] = {
    "objective": {
        Language.EN: "explain to a customer why their repair takes longer, with a date",
        Language.NL: "een klant uitleggen waarom de reparatie langer duurt, met een datum erbij",
    },
    "why": {
        Language.EN: "A nurse paid for taxis for four days while her email waited for a "
        "five-minute fix. That is what a slow first answer costs a real person.",
        Language.NL: "Een wijkverpleegkundige betaalde vier dagen lang taxi's terwijl haar mail "
        "wachtte op een reparatie van vijf minuten. Dat kost een traag eerste antwoord.",
    },
    "practice": {
        Language.EN: "Take the open tickets in today's queue, sort them by how urgent they are, "
        "and write a first answer to the three most urgent ones before lunch.",
        Language.NL: "Neem de open tickets van vandaag, sorteer ze op urgentie en schrijf voor "
        "de lunch een eerste antwoord op de drie dringendste.",
    },
    "reflection": {
        Language.EN: "When did you last act on a signal from a new colleague, and what made you?",
        Language.NL: "Wanneer deed je voor het laatst iets met een signaal van een nieuwe "
        "collega, en waarom toen wel?",
    },
    "recall": {
        Language.EN: "Which ticket did you answer first last Monday, and why that one?",
        Language.NL: "Welk ticket beantwoordde je vorige maandag als eerste, en waarom dat?",
    },
}


LENGTH = (120, 400)
STEMS = {Language.EN: "After this lesson you can", Language.NL: "Na deze les kun je"}


class ObjectiveDraft(BaseModel):
    objective: str = Field(max_length=400)


class WhyDraft(BaseModel):
    why: str = Field(max_length=800)


class PointDraft(BaseModel):
    point: str = Field(max_length=240)  # the grammar closes a run-on point near 35 words


class PracticeDraft(BaseModel):
    practice: str = Field(max_length=800)


class QuestionDraft(BaseModel):
    question: str = Field(max_length=400)


@dataclass(frozen=True)
class Limits:
    """Word limits per part. They add up to a lesson that fits the rubric's 400 words."""

    objective: tuple[int, int]
    why: tuple[int, int]
    key_point: tuple[int, int]
    practice: tuple[int, int]
    question: tuple[int, int]


@dataclass(frozen=True)
class LessonBrief:
    """What every lesson step is given: the story, the language and who the lesson is for."""

    job: str
    """Prefix of the step names: ``lesson`` or ``one_on_one``."""
    story: StorySource
    language: Language
    sources: Sources
    limits: Limits
    stem: str
    """The opening of the objective that code writes ("After this lesson you can")."""
    person: str = ""
    """The team member (role and development goal) for a one-on-one; empty for a team."""
    extra_material: str = ""
    """Other given text names and numbers may come from (the goal and the role)."""

    @property
    def material(self) -> str:
        return story_material(self.story, self.sources, self.extra_material)

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES[self.language]

    def check(self, text: str, limits: tuple[int, int]) -> str | None:
        return check_field(text, self.language, self.material, limits)

    def prompt(self, prompt_id: str, **variables: Any) -> RenderedPrompt:
        """A lesson-part prompt: every one gets the story, the person and the language."""
        return render_prompt(
            prompt_id,
            story=f"{self.story.title}\n\n{self.story.text}",
            person=self.person,
            language_name=self.language_name,
            **variables,
        )


@dataclass(frozen=True)
class LessonParts:
    """What the model wrote for a lesson, each part checked; code adds headings and order."""

    objective: str
    why_it_matters: str
    key_points: list[str]
    practice: str
    reflection: str
    recall: str

    def without_invalid_citations(self, sources: Sources) -> tuple[LessonParts, int]:
        """The parts with citations of ids that were not retrieved removed, and how many."""
        texts = [self.objective, self.why_it_matters, self.practice, self.reflection, self.recall]
        (objective, why, practice, reflection, recall), removed = cleaned(texts, sources)
        points, dropped = cleaned(self.key_points, sources)
        kept = LessonParts(objective, why, points, practice, reflection, recall)
        return kept, removed + dropped


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


def write_objective(model: ChatModel, brief: LessonBrief, log: StepLog) -> str:
    """The one objective: code writes the stem, the model the observable rest."""
    stem = brief.stem
    prompt = brief.prompt(
        "lesson-objective",
        stem=stem,
        max_words=brief.limits.objective[1],
        example=_EXAMPLES["objective"][brief.language],
    )

    def full(draft: ObjectiveDraft) -> str:
        rest = tidy(draft.objective).rstrip(".!")
        if rest.lower().startswith(stem.lower()):
            rest = rest[len(stem) :].strip(" ,:")
        return f"{stem} {rest}."

    def check(draft: ObjectiveDraft) -> str | None:
        sentence = full(draft)
        rest = sentence[len(stem) :].strip(" .")
        if len(sentences(sentence)) > 1:
            return "write one sentence: one objective"
        if not measurable_verbs(sentence):
            vague = [w for w in words(rest) if w in VAGUE_VERBS]
            said = f"'{vague[0]}' cannot be observed" if vague else "it has no observable verb"
            return f"{said}; use a verb you can see someone do, such as explain, sort or write"
        return brief.check(rest, brief.limits.objective)

    draft = run_step(
        model, f"{brief.job}.objective", prompt, ObjectiveDraft, check, log, max_tokens=100
    )
    return full(draft)


def write_why(model: ChatModel, brief: LessonBrief, log: StepLog) -> str:
    """Why it matters, told through what happened to a person in the story; may cite a value."""
    values = Sources(tuple(brief.sources.of_kind(DocumentKind.VALUE)))
    low, high = brief.limits.why
    prompt = brief.prompt(
        "lesson-why",
        values=values.as_prompt_text() or "(none)",
        min_words=low,
        max_words=high,
        example=_EXAMPLES["why"][brief.language],
    )

    def check(draft: WhyDraft) -> str | None:
        text = tidy(draft.why, brief.limits.why[1])
        if not concrete_kinds(text):
            return (
                "name one concrete detail from the story: a person, a number, a place or a moment"
            )
        return brief.check(text, brief.limits.why)

    draft = run_step(model, f"{brief.job}.why", prompt, WhyDraft, check, log, max_tokens=200)
    return tidy(draft.why, brief.limits.why[1])


def write_key_points(model: ChatModel, brief: LessonBrief, log: StepLog) -> list[str]:
    """Three key points, one step each with its own focus; no point repeats another."""
    points: list[str] = []
    for number, focus in enumerate(KEY_POINT_FOCUS, 1):
        prompt = brief.prompt(
            "lesson-key-point",
            focus=focus,
            previous="\n".join(f"- {p}" for p in points),
            max_words=brief.limits.key_point[1],
        )

        def check(draft: PointDraft) -> str | None:
            text = tidy(draft.point, brief.limits.key_point[1])
            if text.lower() in (p.lower() for p in points):
                return "it repeats an earlier key point; say something different"
            return brief.check(text, brief.limits.key_point)

        name = f"{brief.job}.key_point.{number}"
        draft = run_step(model, name, prompt, PointDraft, check, log, max_tokens=80)
        points.append(tidy(draft.point, brief.limits.key_point[1]))
    return points


def write_practice(model: ChatModel, brief: LessonBrief, log: StepLog, objective: str) -> str:
    """One practice task on real work, doable within a week, that trains the objective."""
    low, high = brief.limits.practice
    prompt = brief.prompt(
        "lesson-practice",
        objective=objective,
        min_words=low,
        max_words=high,
        example=_EXAMPLES["practice"][brief.language],
    )

    def check(draft: PracticeDraft) -> str | None:
        text = tidy(draft.practice, brief.limits.practice[1])
        if text.endswith("?"):
            return "write a task to do, not a question"
        return brief.check(text, brief.limits.practice)

    name = f"{brief.job}.practice"
    draft = run_step(model, name, prompt, PracticeDraft, check, log, max_tokens=160)
    return tidy(draft.practice, brief.limits.practice[1])


QUESTION_FOCUS: dict[str, str] = {
    "reflection": "a reflection question: the learner looks at their own experience or habits "
    "in the light of this story",
    "recall": "a follow-up recall question, asked a week later: the learner must bring back "
    "from memory what they did in the practice, or what the lesson taught",
}


def write_question(
    model: ChatModel,
    brief: LessonBrief,
    log: StepLog,
    kind: Literal["reflection", "recall"],
    *,
    objective: str,
    practice: str,
) -> str:
    """The reflection or the recall question: open, short, in the asked language."""
    prompt = brief.prompt(
        "lesson-question",
        focus=QUESTION_FOCUS[kind],
        objective=objective,
        practice=practice,
        max_words=brief.limits.question[1],
        example=_EXAMPLES[kind][brief.language],
    )

    def check(draft: QuestionDraft) -> str | None:
        return check_question(
            tidy(draft.question), brief.language, brief.material, brief.limits.question
        )

    name = f"{brief.job}.{kind}"
    draft = run_step(model, name, prompt, QuestionDraft, check, log, max_tokens=80)
    return tidy(draft.question)


def write_lesson_parts(model: ChatModel, brief: LessonBrief, log: StepLog) -> LessonParts:
    """The parts both kinds of lesson have, in the order they are written."""
    objective = write_objective(model, brief, log)
    why = write_why(model, brief, log)
    points = write_key_points(model, brief, log)
    practice = write_practice(model, brief, log, objective)
    asked = {"objective": objective, "practice": practice}
    reflection = write_question(model, brief, log, "reflection", **asked)
    recall = write_question(model, brief, log, "recall", **asked)
    return LessonParts(objective, why, points, practice, reflection, recall)


def lesson_sections(parts: LessonParts, language: Language) -> list[tuple[str, str | list[str]]]:
    """The lesson's parts under their headings, in the corpus lessons' order."""
    return [
        (HEADINGS["objective"][language], parts.objective),
        (HEADINGS["why"][language], parts.why_it_matters),
        (HEADINGS["key_points"][language], parts.key_points),
        (HEADINGS["practice"][language], parts.practice),
        (HEADINGS["reflection"][language], parts.reflection),
        (HEADINGS["recall"][language], parts.recall),
    ]


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
        GenerationFailed: a part stayed invalid after its retry; names the step.
    """
    chosen = resolve_language(language, story.language)
    sources = story_sources(knowledge, org, story)
    log = StepLog()
    brief = LessonBrief("lesson", story, chosen, sources, LIMITS, STEMS[chosen])
    parts, removed = write_lesson_parts(model, brief, log).without_invalid_citations(sources)
    text = markdown(story.title, built_on(story, chosen), lesson_sections(parts, chosen))
    check_length(text, "lesson.length", LENGTH)
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
    )
