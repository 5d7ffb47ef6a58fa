"""The one-on-one lesson: the compact lesson, aimed at one team member's development goal.

The same checked steps as the lesson (``field_steps``), told about one person: their role and
their goal in their own words go into every prompt, the objective and the practice are asked
for in that role, and two parts are added: where the person's goal and the organisation's
priority meet (with the goal quoted as they wrote it), and one next step with a moment to do it.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.knowledge import DocumentKind, KnowledgeBase, SearchFilters, title_in
from service.knowledge.citations import cite
from service.knowledge.languages import detect_language, index_terms
from service.quality.signals import time_markers
from service.vocabulary import Language
from service.words import load_words

from .lesson import Sections, final_citations, under_headings
from .making.choosing import writes_freely
from .making.fallbacks import frame, note, objective_rest
from .making.field_steps import (
    built_on,
    cleaned,
    markdown,
    quoting_language,
    resolve_language,
    story_query,
    story_sources,
    tidy,
)
from .making.lesson_choices import choose_next_step, quoted_in
from .making.lesson_parts import write_lesson_parts
from .making.lesson_steps import LessonBrief, LessonParts, Limits
from .making.parts import MissingPart
from .making.sources import ResultMeta, Sources
from .making.steps import StepLog, attempt_step
from .model import ChatModel
from .priority import check_text
from .story_source import StorySource

MAX_GOAL_WORDS = 40
MAX_ROLE_WORDS = 12
LIMITS = Limits(
    objective=(6, 25), why=(30, 45), key_point=(8, 35), practice=(20, 45), question=(6, 25)
)
"""Tighter than a team lesson's: the goal, the meeting point and the next step share the
400 words."""
MEET_WORDS = (15, 35)
NEXT_STEP_WORDS = (8, 30)
FRAMED_NEXT_STEP_WORDS = 45
PRIORITIES_SEARCHED = 10
"""Priorities searched for a 1:1's meeting point: enough to find the story's own among them."""
"""A chosen next step's frame and the story's sentence in it, together."""


class MeetDraft(BaseModel):
    meet: str = Field(max_length=600)


class NextStepDraft(BaseModel):
    next_step: str = Field(max_length=500)


class OneOnOneLesson(BaseModel):
    """A lesson for one team member; ``text`` is all of it as Markdown."""

    title: str
    goal: str
    """The development goal, as the team member put it."""
    role: str
    objective: str
    why_it_matters: str
    goal_and_priority: str
    """Where the personal goal and the organisational priority meet."""
    key_points: list[str]
    practice: str
    """A task in the team member's own role."""
    next_step: str
    reflection: str
    recall: str
    text: str
    citations: list[str]
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
    """The parts asked of the leader (``Lesson.missing``)."""


def _goal_terms(text: str) -> set[str]:
    """Content-word stems under both languages' rules ("accu's" meets "accu")."""
    return {t for lang in Language for t in index_terms(text, lang) if len(t) > 2}


def write_meeting_point(model: ChatModel, brief: LessonBrief, log: StepLog, *, goal: str) -> str:
    """One or two sentences on where the person's goal meets the priority; may cite it.

    A model that does not write freely does not write it: the embedded model's Dutch spoke of
    "het teamlid" in broken sentences (labels-v3), so code's frame says it to "you"."""
    priorities = Sources(tuple(brief.sources.of_kind(DocumentKind.PRIORITY)))
    if not writes_freely(model):
        return meeting_frame(brief, priorities)
    low, high = MEET_WORDS
    prompt = brief.prompt(
        "one-on-one-meet",
        priority=priorities.as_prompt_text() or brief.words["one_on_one.no_priority"],
        min_words=low,
        max_words=high,
        example=brief.words["examples.meet"],
    )

    def check(draft: MeetDraft) -> str | None:
        text = tidy(draft.meet, MEET_WORDS[1])
        if not _goal_terms(goal) & _goal_terms(text):
            return "it does not use any words of the team member's goal; build on their words"
        return brief.check(text, MEET_WORDS)

    draft = attempt_step(model, prompt, MeetDraft, check, log, max_tokens=160)
    if draft is not None:
        return tidy(draft.meet, MEET_WORDS[1])
    note(log, "meet", brief.language, "frame", f"{brief.job}.meet")
    return meeting_frame(brief, priorities)


def meeting_frame(brief: LessonBrief, priorities: Sources) -> str:
    """Code's sentence on where "your" goal meets the priority, linked when the priority has a
    title in the lesson's language (a Dutch title in an English sentence was sent back as the
    wrong language), else without it: the sentence that names no priority was sent back as
    "no link to our priority" (labels-v17, tune: 2 of 3)."""
    for priority in priorities.hits:
        title = title_in(priority, brief.language)
        if title is not None:
            return frame("meet", brief.language).format(link=cite(title, priority.id))
    return frame("meet_plain", brief.language)


def write_next_step(
    model: ChatModel, brief: LessonBrief, log: StepLog, practice: str, objective: str
) -> str:
    """One next step on real work, with a moment to do it by (a day, this week)."""
    prompt = brief.prompt(
        "one-on-one-next-step",
        practice=practice,
        max_words=NEXT_STEP_WORDS[1],
        example=brief.words["examples.next_step"],
    )

    def check(draft: NextStepDraft) -> str | None:
        text = tidy(draft.next_step, NEXT_STEP_WORDS[1])
        if not time_markers(text):
            return "say when: a day or a week, like 'this Friday' or 'next week'"
        return brief.check(text, NEXT_STEP_WORDS)

    draft = attempt_step(model, prompt, NextStepDraft, check, log, max_tokens=120)
    if draft is not None:
        return tidy(draft.next_step, NEXT_STEP_WORDS[1])
    return next_step_fallback(brief, log, objective)


def next_step_fallback(brief: LessonBrief, log: StepLog, objective: str) -> str:
    """A free-writing model's next step when none of its candidates passed: the objective's
    rest as a task for this week."""
    note(log, "next_step", brief.language, "frame", f"{brief.job}.next_step")
    rest = objective_rest(objective, brief.stem)
    return frame("next_step", brief.language).format(rest=rest)


def next_step(model: ChatModel, brief: LessonBrief, log: StepLog, written: LessonParts) -> str:
    """The next step: written by a model that writes freely, else around a sentence of the
    story the model chose that no other part quotes (``lesson_choices.choose_next_step``);
    with none left it is asked of the leader, who agrees it in the conversation. Naming the
    story by its title (labels-v6: 10 of 10) and pointing to the practice above (labels-v8: 8
    of 10) were sent back as generic; the embedded model, asked to write the step, copied the
    practice or its prompt's example in every candidate on 2 of 2 English stories."""
    if writes_freely(model):
        return write_next_step(model, brief, log, written.practice, written.objective)
    parts = [
        written.objective,
        written.why_it_matters,
        written.practice,
        written.reflection,
        written.recall,  # a next step and a recall on the same sentence said it twice
        *written.key_points,
    ]
    taken = [*written.key_points, *quoted_in(brief.story.text, *parts)]
    chosen = choose_next_step(model, brief, log, taken, FRAMED_NEXT_STEP_WORDS)
    return chosen if chosen is not None else brief.ask(log, "next_step")


def make_one_on_one(
    model: ChatModel,
    knowledge: KnowledgeBase,
    org: str,
    story: StorySource,
    *,
    goal: str,
    role: str,
    language: Language | str | None = None,
) -> OneOnOneLesson:
    """A lesson from ``story`` for one team member with ``goal`` in ``role``.

    The language defaults to the goal's (the team member's words), else the story's.

    Raises:
        InvalidInput: an empty or too long ``goal`` or ``role``, or an unsupported ``language``.
        ModelUnavailable: the model itself failed (a part it wrote badly falls back instead).
    """
    goal = check_text("goal", goal, max_words=MAX_GOAL_WORDS)
    role = check_text("role", role, max_words=MAX_ROLE_WORDS)
    log = StepLog()
    asked = resolve_language(language, detect_language(goal) or story.language)
    chosen = quoting_language(model, asked, story, log)
    sources = sources_with_priority(knowledge, org, story, goal)
    said = load_words("lesson", chosen)
    brief = LessonBrief(
        "one_on_one",
        story,
        chosen,
        sources,
        LIMITS,
        said["stems.one_on_one"],
        person=f"{said['one_on_one.role']}\n{said['one_on_one.goal']}".format(role=role, goal=goal),
        extra_material=f"{goal}\n{role}",
    )
    written = write_lesson_parts(model, brief, log)
    meet = write_meeting_point(model, brief, log, goal=goal)
    step = next_step(model, brief, log, written)
    parts, removed = written.without_invalid_citations(sources)
    (meet, step), dropped = cleaned([meet, step], sources)
    text = markdown(
        story.title,
        f"{said['one_on_one.for_role'].format(role=role)} {built_on(story, chosen)}",
        _sections(parts, goal, meet, step, chosen),
    )
    return OneOnOneLesson(
        title=story.title,
        goal=goal,
        role=role,
        objective=parts.objective,
        why_it_matters=parts.why_it_matters,
        goal_and_priority=meet,
        key_points=parts.key_points,
        practice=parts.practice,
        next_step=step,
        reflection=parts.reflection,
        recall=parts.recall,
        text=text,
        citations=final_citations(text, sources),
        language=chosen,
        story_id=story.id,
        meta=ResultMeta.of(model.name, log, sources, removed + dropped),
        fallbacks=log.fallbacks,
        chosen=log.chosen,
        notes=log.notes,
        missing=log.missing,
    )


def sources_with_priority(
    knowledge: KnowledgeBase, org: str, story: StorySource, goal: str
) -> Sources:
    """The story's sources, plus the story's own priority (when known and found), else the
    organisation's priority that best fits goal and story. A 1:1 that met the member's goal at
    another priority than its story's read as invented to reviewers (quality-v1 labels)."""
    sources = story_sources(knowledge, org, story)
    query = f"{goal}\n{story_query(story)}"[:1500]
    only = SearchFilters(kind=DocumentKind.PRIORITY)
    found = knowledge.search(org, query, k=PRIORITIES_SEARCHED, filters=only)
    own = [hit for hit in found if hit.id == story.priority]
    return Sources((*sources.hits, *(own or found[:1])))


def _sections(
    parts: LessonParts, goal: str, meet: str, next_step: str, language: Language
) -> Sections:
    label = load_words("lesson", language)["one_on_one.goal_label"]
    quoted = f"{label}: “{goal}”\n\n{meet}"
    return under_headings(
        [
            ("objective", parts.objective),
            ("why", parts.why_it_matters),
            ("meet", quoted),
            ("key_points", parts.key_points),
            ("practice", parts.practice),
            ("next_step", next_step),
            ("reflection", parts.reflection),
            ("recall", parts.recall),
        ],
        language,
    )
