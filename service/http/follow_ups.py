"""Follow-ups as the API answers them and the pages show them (one converter for both)."""

from __future__ import annotations

from datetime import datetime

from service.follow_ups import follow_up_questions
from service.store import FollowUp, Lesson, due_at

from .public import person_ref
from .schemas.follow_ups import FollowUpAnswerPublic, FollowUpPublic, FollowUpQuestionsPublic


def follow_up_public(follow_up: FollowUp, days: int, now: datetime) -> FollowUpPublic:
    """``follow_up`` at ``now``, for an organisation whose follow-ups come back after
    ``days``."""
    subject = follow_up.subject
    questions = follow_up_questions(follow_up)
    due = due_at(follow_up, days)
    answer = None
    if follow_up.answered_at is not None:
        answer = FollowUpAnswerPublic(
            recalled=follow_up.recalled or "",
            tried=follow_up.tried or "",
            answered_at=follow_up.answered_at,
            reply=follow_up.reply,
            replied_at=follow_up.replied_at,
        )
    return FollowUpPublic(
        id=follow_up.id,
        kind="lesson" if isinstance(subject, Lesson) else "story",
        lesson_id=follow_up.lesson_id,
        story_id=subject.story_id if isinstance(subject, Lesson) else subject.id,
        title=subject.title,
        language=subject.language,
        member=person_ref(follow_up.member),
        leader=person_ref(follow_up.leader),
        since=follow_up.since,
        due_at=due,
        due=now >= due,
        questions=FollowUpQuestionsPublic(
            recall=questions.recall, practice=questions.practice, tried=questions.tried
        ),
        answer=answer,
    )
