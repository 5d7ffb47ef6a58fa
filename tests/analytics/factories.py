"""Plain helpers that state a review history in a few lines, for the figures' unit tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from service.analytics.records import Decision, Material, PublishedStory, ReviewStep, Topic, Waiting
from service.store.enums import AuditAction
from service.vocabulary import Language

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""A Monday morning: day offsets from it fall in known ISO weeks."""


def at(days: float) -> datetime:
    return MONDAY + timedelta(days=days)


def decision(
    action: AuditAction, days: float, lesson: int = 1, **criteria: bool | None
) -> Decision:
    """A decision ``days`` after ``MONDAY``; criteria as ``facts=True`` (dashes as ``_``)."""
    results = {name.replace("_", "-"): passed for name, passed in criteria.items()}
    return Decision(lesson, action, at(days), results)


def step(lesson: int, action: AuditAction, days: float) -> ReviewStep:
    return ReviewStep(lesson, action, at(days))


def waiting(lesson: int, days: float, title: str = "") -> Waiting:
    return Waiting(lesson, title or f"Lesson {lesson}", at(days))


def story(story_id: int, reflections: int, title: str = "") -> PublishedStory:
    return PublishedStory(story_id, title or f"Story {story_id}", reflections)


def topic(id: str, *values: str) -> Topic:
    return Topic(id, id.replace("-", " ").title(), tuple(values))


def material(
    kind: str,
    language: Language,
    values: tuple[str, ...],
    priorities: tuple[str, ...] = (),
    *,
    from_corpus: bool = False,
) -> Material:
    return Material(kind, language, frozenset(values), frozenset(priorities), from_corpus)
