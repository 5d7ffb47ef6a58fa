"""Lessons and 1:1 lessons made from a story. Their review moves live in ``service.review``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound
from service.vocabulary import Language, LessonKind

from .audit import record_event
from .enums import AuditAction, LessonState
from .limits import (
    NAME_CHARS,
    TEXT_CHARS,
    TITLE_CHARS,
    checked_ids,
    checked_optional,
    checked_text,
)
from .models import Lesson, no_parts
from .paging import paged
from .stories import get_story, require_current


def create_lesson(
    session: Session,
    org: str,
    author_id: int,
    story_id: int,
    *,
    kind: LessonKind,
    text: str,
    title: str | None = None,
    citations: list[str] | tuple[str, ...] = (),
    language: Language | None = None,
    team_member_goal: str | None = None,
    team_member_role: str | None = None,
    parts: dict[str, Any] | None = None,
) -> Lesson:
    """A draft lesson of ``author_id`` from one of ``org``'s stories.

    The title and language default to the story's. A 1:1 lesson needs the team member's
    development goal: it is what the lesson is aligned with, and what the rubric checks.
    ``parts`` says who wrote each part (``ResultParts`` as JSON) when the coach wrote it;
    a lesson a person wrote whole keeps empty lists.
    """
    story = require_current(get_story(session, org, story_id))
    kind = LessonKind(kind)
    goal = checked_optional("team_member_goal", team_member_goal, TEXT_CHARS)
    if kind is LessonKind.ONE_ON_ONE and goal is None:
        raise InvalidInput("team_member_goal", "needs_member_goal")
    lesson = Lesson(
        org_id=org,
        author_id=author_id,
        story_id=story.id,
        kind=kind,
        title=checked_text("title", title if title is not None else story.title, TITLE_CHARS),
        text=checked_text("text", text, TEXT_CHARS),
        citations=checked_ids("citations", list(citations)),
        language=Language(language or story.language),
        state=LessonState.DRAFT,
        team_member_goal=goal,
        team_member_role=checked_optional("team_member_role", team_member_role, NAME_CHARS),
        parts=parts if parts is not None else no_parts(),
    )
    session.add(lesson)
    session.flush()
    record_event(
        session, org, author_id, AuditAction.CREATE, lesson_id=lesson.id, to_state=lesson.state
    )
    return lesson


def get_lesson(session: Session, org: str, lesson_id: int) -> Lesson:
    lesson = session.scalar(select(Lesson).where(Lesson.org_id == org, Lesson.id == lesson_id))
    if lesson is None:
        raise NotFound("lesson", str(lesson_id))
    return lesson


def list_lessons(
    session: Session,
    org: str,
    *,
    state: LessonState | None = None,
    author_id: int | None = None,
    story_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Lesson]:
    """``org``'s lessons, oldest submission first (the order a review queue works through)."""
    query = _filtered(select(Lesson), org, state, author_id, story_id)
    order = (Lesson.submitted_at.is_(None), Lesson.submitted_at, Lesson.id)
    return list(session.scalars(paged(query.order_by(*order), limit, offset)))


def count_lessons(session: Session, org: str, *, state: LessonState | None = None) -> int:
    """How many of ``org``'s lessons there are (in ``state``): a figure, without the rows."""
    query = _filtered(select(func.count(Lesson.id)), org, state, None, None)
    return int(session.scalar(query) or 0)


def _filtered(
    query: Select[Any],
    org: str,
    state: LessonState | None,
    author_id: int | None,
    story_id: int | None,
) -> Select[Any]:
    query = query.where(Lesson.org_id == org)
    if state is not None:
        query = query.where(Lesson.state == state)
    if author_id is not None:
        query = query.where(Lesson.author_id == author_id)
    if story_id is not None:
        query = query.where(Lesson.story_id == story_id)
    return query
