"""The steps a lesson is written in: one short checked part each, with an honest fallback.

A lesson a leader can give in ten minutes (microlearning), built on one real story. The model
writes each part as one short step (a Dutch prompt for a Dutch lesson), checked like every
written field (``field_steps.check_field``): nothing about the leader that the story does not
say gets in. Each step tries a few candidates (``steps.attempt_step``); when none passes, code
writes the part from the story and the objective (``fallbacks``) and the result says so. The
lesson is concrete by design: code picks the story's sentences with the most concrete detail
(a number, a name, a place, a moment) and asks "why it matters" to use them.
The one-on-one lesson runs the same steps for one team member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from service.knowledge import DocumentKind
from service.knowledge.languages import words
from service.prompting import RenderedPrompt, render_prompt
from service.quality.checks.faithfulness import unsupported_claims
from service.quality.checks.objectives import VAGUE_VERBS, measurable_verbs
from service.quality.publishable.shape import quoted as quoted_sentences
from service.quality.signals import NUMBER_WORDS, names, places, sentences, time_markers
from service.vocabulary import Language
from service.words import Words, load_words

from ..model import ChatModel
from ..priority import LANGUAGE_NAMES
from ..story_source import StorySource
from .fallbacks import (
    concrete_details,
    frame,
    inner_quotes,
    note,
    objective_rest,
    practice_fallback,
    story_clause,
    why_text,
)
from .field_steps import (
    check_field,
    check_question,
    cleaned,
    concrete_kinds,
    copies,
    objective_shape,
    story_material,
    tidy,
)
from .parts import MissingPart
from .publishable import publishable_problem
from .sources import Sources
from .steps import StepLog, attempt_step
from .told_sentences import point_options

KEY_POINT_FOCI = ("went_wrong", "worked", "habit")
"""One focus per key point (``lesson`` words ``key_point_focus``), so three short steps give
three different points: what went wrong, what worked, the habit to take away."""


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
    def named(self) -> str:
        """The story as a frame names it, in its quotes: its title's first sentence, whole (a
        title of two sentences read as two in an objective; cut at 12 words, a title of the
        leader's of up to 16 was sent back as a fragment: "“When the trainer finally went up
        in May, it took him one”", labels-v19, tune), its own quotes made single (a title "A
        story about “…”" nested in the frame's quotes read as broken)."""
        first = (sentences(self.story.title) or [self.story.title])[0].rstrip(".!?")
        return inner_quotes(" ".join(first.split()))

    def ask(self, log: StepLog, part: str) -> str:
        """``part`` asked of the leader (ask, don't fake): the story has no sentence for it,
        and a frame that only names the story was sent back as generic (labels-v6: 9 of 18
        tune practices, 9 of 10 English objectives; labels-v8: 8 of 10 1:1 next steps)."""
        heading = self.words[f"headings.{part}"]
        question = self.words[f"missing.{part}"]
        return log.asked(MissingPart(name=part, label=heading, question=question), self.language)

    @property
    def details(self) -> list[str]:
        """The story's sentences with the most concrete detail, for "why it matters"."""
        return concrete_details(self.story.text)

    @property
    def words(self) -> Words:
        """The ``lesson`` words in the lesson's language: examples, foci, choices."""
        return load_words("lesson", self.language)

    def key_point_focus(self) -> list[str]:
        """The focus of each key point, in order."""
        return [self.words[f"key_point_focus.{key}"] for key in KEY_POINT_FOCI]

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES[self.language]

    def unfaithful(self, text: str) -> str | None:
        """What ``text`` claims that the story does not say (the rubric engine's own check);
        a value may be named, but its text is the company's, not the story's."""
        titles = "\n".join(h.title for h in self.sources.of_kind(DocumentKind.VALUE))
        source = f"{self.story.title}\n{self.story.text}\n{self.extra_material}"
        claims = unsupported_claims(text, source, allowed=titles, moments=False)
        return f"it says what the story does not: {claims[0]}" if claims else None

    def check(self, text: str, limits: tuple[int, int], *, example: str = "") -> str | None:
        """A part's problem: the shared field checks, or copying the prompt's example."""
        if example and copies(text, example, self.language):
            return "it copies the example; write about this story instead"
        return check_field(text, self.language, self.material, limits)

    def prompt(self, prompt_id: str, **variables: Any) -> RenderedPrompt:
        """A lesson-part prompt: every one gets the story, the person and the language."""
        return render_prompt(
            prompt_id,
            language=self.language.value,
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


def detail_anchors(details: list[str]) -> list[str]:
    """The numbers, names, places and moments of ``details``: a "why" must use one of the
    story's own (the prompt suggests the richest sentence; any real detail of the story will
    do, and none that is not in it)."""
    text = " ".join(details)
    spelled = [w for w in words(text) if w in NUMBER_WORDS]
    digits = re.findall(r"\d[\d.,:]*", text)
    return list(
        dict.fromkeys([*digits, *spelled, *names(text), *places(text), *time_markers(text)])
    )


def objective_problem(brief: LessonBrief, sentence: str) -> str | None:
    """What is wrong with a whole objective (stem and rest), or ``None``."""
    rest = sentence[len(brief.stem) :].strip(" .")
    if len(sentences(sentence)) > 1:
        return "write one sentence: one objective"
    if problem := objective_shape(rest, brief.language):
        return problem
    if not measurable_verbs(sentence):
        vague = [w for w in words(rest) if w in VAGUE_VERBS]
        said = f"'{vague[0]}' cannot be observed" if vague else "it has no observable verb"
        return f"{said}; use a verb you can see someone do, such as explain, sort or write"
    return brief.check(rest, brief.limits.objective, example=brief.words["examples.objective"])


def objective_fallback(brief: LessonBrief, log: StepLog) -> str:
    """The objective in code's frame around the story's title, cut to its first sentence: a
    title of two sentences read as two objectives (story-sem-left-unasked, 2026-11-30)."""
    note(log, "objective", brief.language, "frame", f"{brief.job}.objective")
    return f"{brief.stem} {frame('objective', brief.language).format(title=brief.named)}."


def write_objective(model: ChatModel, brief: LessonBrief, log: StepLog) -> str:
    """The one objective: code writes the stem, the model the observable rest."""
    stem = brief.stem
    prompt = brief.prompt(
        "lesson-objective",
        stem=stem,
        max_words=brief.limits.objective[1],
        example="",  # the small model copied any example objective word for word
    )

    def full(draft: ObjectiveDraft) -> str:
        rest = tidy(draft.objective).rstrip(".!")
        if rest.lower().startswith(stem.lower()):
            rest = rest[len(stem) :].strip(" ,:")
        return f"{stem} {rest}."

    draft = attempt_step(
        model,
        prompt,
        ObjectiveDraft,
        lambda d: objective_problem(brief, full(d)),
        log,
        max_tokens=100,
    )
    return full(draft) if draft is not None else objective_fallback(brief, log)


def write_why(model: ChatModel, brief: LessonBrief, log: StepLog) -> str:
    """Why it matters, told through the story's most concrete sentences; may cite a value."""
    values = Sources(tuple(brief.sources.of_kind(DocumentKind.VALUE)))
    low, high = brief.limits.why
    details = brief.details
    prompt = brief.prompt(
        "lesson-why",
        values=values.as_prompt_text() or "(none)",
        detail=" ".join(details) or "-",
        min_words=low,
        max_words=high,
        example=brief.words["examples.why"],
    )
    anchors = detail_anchors([brief.story.text])

    def check(draft: WhyDraft) -> str | None:
        text = tidy(draft.why, high)
        used = (
            [a for a in anchors if a.lower() in text.lower()] if anchors else concrete_kinds(text)
        )
        if not used:
            detail = " ".join(details) or "a number, a name, a place or a moment"
            return f"use the concrete detail from the story: {detail}"
        if problem := brief.unfaithful(text):
            return problem
        return brief.check(text, brief.limits.why, example=brief.words["examples.why"])

    # Two candidates, not three: a "why" is the longest part to decode, and its fallback (the
    # story's own concrete sentences and the cited value) is a good one.
    draft = attempt_step(model, prompt, WhyDraft, check, log, max_tokens=200, candidates=2)
    if draft is not None:
        return tidy(draft.why, high)
    note(log, "why", brief.language, "value", f"{brief.job}.why")
    return why_text(details, [], list(values.hits), brief.language, (low, high))


def write_key_points(model: ChatModel, brief: LessonBrief, log: StepLog) -> list[str]:
    """Three key points, one step each with its own focus; no point repeats another."""
    points: list[str] = []
    limits = brief.limits.key_point
    for number, focus in enumerate(brief.key_point_focus(), 1):
        prompt = brief.prompt(
            "lesson-key-point",
            focus=focus,
            previous="\n".join(f"- {p}" for p in points),
            max_words=limits[1],
        )

        def check(draft: PointDraft) -> str | None:
            text = tidy(draft.point, limits[1])
            if text.lower() in (p.lower() for p in points):
                return "it repeats an earlier key point; say something different"
            return brief.check(text, limits)  # advice, not a claim: not held to the story

        draft = attempt_step(model, prompt, PointDraft, check, log, max_tokens=80)
        if draft is not None:
            points.append(tidy(draft.point, limits[1]))
            continue
        options = point_options(brief.story.text, brief.language, number - 1, points, limits)
        if options:  # else the lesson has one key point fewer, not a padded one
            note(log, "key_point", brief.language, "story", f"{brief.job}.key_point.{number}")
            points.append(options[0])
    return points


def write_practice(model: ChatModel, brief: LessonBrief, log: StepLog, objective: str) -> str:
    """One practice task on real work, doable within a week, that trains the objective."""
    low, high = brief.limits.practice
    prompt = brief.prompt(
        "lesson-practice",
        objective=objective,
        min_words=low,
        max_words=high,
        example=brief.words["examples.practice"],
    )

    def check(draft: PracticeDraft) -> str | None:
        text = tidy(draft.practice, high)
        if text.endswith("?"):
            return "write a task to do, not a question"
        if copies(text, objective, brief.language):
            return "it repeats the objective; write a task to do this week"
        return brief.check(text, brief.limits.practice, example=brief.words["examples.practice"])

    draft = attempt_step(model, prompt, PracticeDraft, check, log, max_tokens=160, candidates=2)
    if draft is not None:
        return tidy(draft.practice, high)
    note(log, "practice", brief.language, "frame", f"{brief.job}.practice")
    return practice_fallback(objective, brief.stem, brief.language, brief.named)


def recall_frame(brief: LessonBrief) -> str:
    """The recall question code writes: what the story, named by its title, taught a week on."""
    return brief.words["recall_frame"].format(title=brief.named)


def write_question(
    model: ChatModel,
    brief: LessonBrief,
    log: StepLog,
    kind: Literal["reflection", "recall"],
    *,
    objective: str,
    practice: str,
) -> str:
    """The reflection or the recall question of a model that writes freely: open, short, in
    the asked language, and one the detectors find publishable (about this story,
    grammatical). Any other model's are code's (``lesson_choices``): the 1.5B model's recall
    questions were generic in both languages ("What did you do in the practice?", "Wat deed
    je bij de oefening?": 18 of 18 tune parts sent back in labels-v3)."""
    example = brief.words[f"examples.{kind}"]
    prompt = brief.prompt(
        "lesson-question",
        focus=brief.words[f"question_focus.{kind}"],
        objective=objective,
        practice=practice,
        max_words=brief.limits.question[1],
        example=example,
    )

    def check(draft: QuestionDraft) -> str | None:
        question = tidy(draft.question)
        if copies(question, example, brief.language):
            return "it copies the example; ask about this story instead"
        if copies(question, objective, brief.language):
            return "it repeats the objective; ask the learner about their own experience"
        problem = check_question(question, brief.language, brief.material, brief.limits.question)
        return problem or publishable_problem(kind, question, brief.story.text, brief.language)

    draft = attempt_step(model, prompt, QuestionDraft, check, log, max_tokens=80)
    if draft is not None:
        return tidy(draft.question)
    note(log, kind, brief.language, "frame", f"{brief.job}.{kind}")
    if kind == "recall" and quoted_sentences(practice):
        return recall_frame(brief)
    if kind == "recall":
        return frame("recall", brief.language).format(rest=objective_rest(objective, brief.stem))
    return frame("reflection", brief.language).format(clause=story_clause(brief.story.text, 0))
