"""Discussion questions kept per story: what a team was asked to talk about, and when."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import InvalidInput
from service.learning_record import LearningAct
from service.vocabulary import Language

from .follow_ups import plan_story_follow_ups
from .learning import note_act
from .limits import COMMENT_CHARS, checked_text
from .models import DiscussionQuestions, no_parts
from .paging import paged
from .stories import get_story

MAX_QUESTIONS = 10


def keep_questions(
    session: Session,
    org: str,
    story_id: int,
    person_id: int,
    language: Language,
    questions: Sequence[str],
    parts: dict[str, Any] | None = None,
) -> DiscussionQuestions:
    """Keep ``person_id``'s set of questions for one of ``org``'s stories (a learning event:
    the person is preparing a team conversation about it). ``parts`` says who wrote each
    question (``ResultParts`` as JSON) when the coach did; a person's own keep empty lists.
    The story comes back to the team's members as a follow-up
    (``follow_ups.plan_story_follow_ups``)."""
    story = get_story(session, org, story_id)
    if not questions or len(questions) > MAX_QUESTIONS:
        raise InvalidInput("questions", "question_count", most=MAX_QUESTIONS)
    kept = DiscussionQuestions(
        org_id=org,
        story_id=story.id,
        person_id=person_id,
        language=Language(language),
        questions=[checked_text("questions", q, COMMENT_CHARS) for q in questions],
        parts=parts if parts is not None else no_parts(),
    )
    session.add(kept)
    session.flush()
    note_act(session, LearningAct.DISCUSSED_STORY, story, person_id, f"questions-{kept.id}")
    plan_story_follow_ups(session, story, kept)
    return kept


def list_questions(
    session: Session, org: str, story_id: int, *, limit: int | None = None, offset: int = 0
) -> list[DiscussionQuestions]:
    """A story's kept question sets, newest first (``limit`` of them from ``offset`` when
    given)."""
    query = select(DiscussionQuestions).where(
        DiscussionQuestions.org_id == org, DiscussionQuestions.story_id == story_id
    )
    newest_first = query.order_by(DiscussionQuestions.id.desc())
    return list(session.scalars(paged(newest_first, limit, offset)))
