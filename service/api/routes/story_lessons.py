"""Lessons the coach writes from a saved story: ``POST /stories/{id}/lessons``.

``POST /lessons`` keeps a lesson the leader wrote; this route has the coach write it (a
compact lesson, or a 1:1 lesson for one team member's goal) and keeps it the same way, as a
draft the leader can edit and submit for review (``POST /lessons/{id}/submit``).
"""

from __future__ import annotations

from fastapi import APIRouter

from service.chat import generate_lesson
from service.http.deps import KnowledgeDep, LeaderDep, ModelDep, ModelTurnDep, SessionDep
from service.http.ids import StoryId
from service.http.public import lesson_public
from service.http.routing import CommittingRoute
from service.http.schemas import LessonGenerate, LessonPublic
from service.store import readable_story

router = APIRouter(route_class=CommittingRoute, prefix="/stories", tags=["stories"])


@router.post("/{story_id}/lessons", status_code=201)
def generate(
    queued: ModelTurnDep,
    story_id: StoryId,
    body: LessonGenerate,
    caller: LeaderDep,
    session: SessionDep,
    model: ModelDep,
    knowledge: KnowledgeDep,
) -> LessonPublic:
    """Have the coach write a lesson or 1:1 lesson from a story the caller may read."""
    story = readable_story(session, caller.person, story_id)
    lesson = generate_lesson(
        session,
        model,
        knowledge,
        caller.person.id,
        story,
        kind=body.kind,
        goal=body.goal,
        role=body.role,
        language=body.language,
    )
    return lesson_public(lesson)
