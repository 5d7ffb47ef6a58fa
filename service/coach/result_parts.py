"""Who wrote each part of a lesson, a 1:1 lesson or a set of discussion questions, kept with it.

A story lists its parts itself (``Story.parts``). The other jobs list only which steps fell
back (``fallbacks``), which the model chose from the leader's sentences (``chosen``) and what
the coach could not do (``notes``), by step name ("lesson.key_point.2"). This module reads
those into the parts a reviewer sees: each part with its label, its text, who wrote it and,
for a stand-in, the plain-words note that explains it; plus the parts the coach could not fill
at all (``missing``), each with the question to ask the leader. It is kept as JSON with the
lesson or the question set (``service.store``), so a reviewer still sees which parts are
code's stand-ins after the coach is long gone.

The results themselves are not given a ``parts`` field here on purpose: the eval reads a
result's ``parts`` when it has one, and that is the eval's to change, not the review's.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from service.words import Words, load_words

from .lesson import Lesson
from .making.parts import MissingPart, Origin, Part
from .one_on_one import OneOnOneLesson
from .questions import DiscussionQuestions

log = logging.getLogger(__name__)

STEP_PARTS = {
    "objective": ("objective", "objective"),
    "why": ("why_it_matters", "why"),
    "meet": ("goal_and_priority", "meet"),
    "practice": ("practice", "practice"),
    "next_step": ("next_step", "next_step"),
    "reflection": ("reflection", "reflection"),
    "recall": ("recall", "recall"),
}
"""A lesson step's name -> the part it writes and the heading (``lesson`` words) it is under."""


class ResultPart(Part):
    """One part as a reviewer sees it: a ``Part`` with a key and, for a stand-in, its note."""

    key: str
    """Names the part within its lesson or set (``objective``, ``key_point-2``, ``question-1``)."""
    note: str | None = None
    """For a stand-in: what the coach could not do and what it used instead, in plain words
    and the result's language."""


class ResultParts(BaseModel):
    """The parts of a lesson, 1:1 lesson or question set, in reading order, and what is not
    there. Every list is empty for a result kept before parts were, or written whole by a
    person."""

    parts: list[ResultPart] = []
    fallbacks: list[str] = []
    """Keys of the parts that are still code's stand-ins (an edited part is no longer one)."""
    notes: list[str] = []
    """What the coach could not do and did instead, in the result's language."""
    missing: list[MissingPart] = []

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def read_result_parts(stored: Mapping[str, Any] | None) -> ResultParts:
    """Kept parts as ``ResultParts``; empty when none were kept or when they no longer read
    (logged: the lesson's Markdown, always kept too, still shows all of it)."""
    if not stored:
        return ResultParts()
    try:
        return ResultParts.model_validate(stored)
    except ValidationError as exc:
        log.warning("kept result parts do not read; showing none: %s", exc)
        return ResultParts()


def lesson_parts(lesson: Lesson | OneOnOneLesson) -> ResultParts:
    """A lesson's or 1:1 lesson's parts in the order its Markdown shows them."""
    headings = load_words("lesson", lesson.language).section("headings")
    texts: list[tuple[str, str]] = [
        ("objective", lesson.objective),
        ("why", lesson.why_it_matters),
    ]
    if isinstance(lesson, OneOnOneLesson):
        texts.append(("meet", lesson.goal_and_priority))
    parts = [_part(step, text, headings) for step, text in texts]
    parts += [
        ResultPart(
            key=f"key_point-{n}",
            name="key_point",
            label=headings["key_points"],
            text=t,
            origin=Origin.COACH,
        )
        for n, t in enumerate(lesson.key_points, 1)
    ]
    after = [("practice", lesson.practice)]
    if isinstance(lesson, OneOnOneLesson):
        after.append(("next_step", lesson.next_step))
    after += [("reflection", lesson.reflection), ("recall", lesson.recall)]
    parts += [_part(step, text, headings) for step, text in after]
    asked = {m.name for m in lesson.missing}  # shown as missing, with its question
    parts = [p for p in parts if p.name not in asked]
    return _attributed(parts, lesson.fallbacks, lesson.chosen, lesson.notes, lesson)


def question_parts(questions: DiscussionQuestions) -> ResultParts:
    """A question set's parts: one per question, in the order asked."""
    label = load_words("questions", questions.language)["heading"]
    parts = [
        ResultPart(key=f"question-{n}", name="question", label=label, text=q, origin=Origin.COACH)
        for n, q in enumerate(questions.questions, 1)
    ]
    return _attributed(parts, questions.fallbacks, [], questions.notes, questions)


def _part(step: str, text: str, headings: Words) -> ResultPart:
    name, heading = STEP_PARTS[step]
    return ResultPart(key=name, name=name, label=headings[heading], text=text, origin=Origin.COACH)


def part_key(step: str) -> str | None:
    """The key of the part a step wrote: ``lesson.key_point.2`` -> ``key_point-2``,
    ``one_on_one.meet`` -> ``goal_and_priority``, ``questions.3.application`` ->
    ``question-3``; ``None`` for a step that writes no part of its own."""
    job, _, rest = step.partition(".")
    if job == "questions":
        number = rest.split(".", 1)[0]
        return f"question-{number}" if number.isdigit() else None
    if rest.startswith("key_point."):
        return f"key_point-{rest.removeprefix('key_point.')}"
    found = STEP_PARTS.get(rest)
    return found[0] if found else None


def _attributed(
    parts: list[ResultPart],
    fallbacks: list[str],
    chosen: list[str],
    notes: list[str],
    result: object,
) -> ResultParts:
    """``parts`` with their origins: a fallback is code's stand-in, with its note (a step that
    fell back records its note with it: ``StepLog.fell_back``); a chosen part is the leader's
    sentence; every other part the model wrote and code checked."""
    noted = {part_key(step): note for step, note in zip(fallbacks, notes, strict=False)}
    picked = {part_key(step) for step in chosen}
    for part in parts:
        if part.key in noted:
            part.origin, part.note = Origin.FALLBACK, noted[part.key]
        elif part.key in picked:
            part.origin = Origin.LEADER
    return ResultParts(
        parts=parts,
        fallbacks=[p.key for p in parts if p.origin is Origin.FALLBACK],
        notes=list(notes),
        missing=_missing(result),
    )


def _missing(result: object) -> list[MissingPart]:
    """The parts a result says it could not fill (``missing``, when the coach lists them)."""
    listed = getattr(result, "missing", None) or []
    return [MissingPart.model_validate(m, from_attributes=True) for m in listed]
