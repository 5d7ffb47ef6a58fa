"""``GET /``: what each role does next — leaders their stories and lessons, reviewers the
queue, team members the newest stories."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.http.deps import SessionDep
from service.http.paging import DEFAULT_LIMIT as PAGE
from service.http.routing import CommittingRoute
from service.store import (
    LessonState,
    Role,
    StoryStatus,
    count_lessons,
    list_lessons,
    list_reflections,
    list_stories,
)
from service.store.access import OVERSEERS

from .rendering import PageCaller, render

router = APIRouter(route_class=CommittingRoute)
LATEST = 6
REFLECTIONS = 10


@router.get("/")
def home_page(request: Request, caller: PageCaller, session: SessionDep) -> HTMLResponse:
    role, org, me = caller.role, caller.org, caller.person
    context: dict[str, object] = {
        "latest": list_stories(
            session,
            org,
            status=StoryStatus.PUBLISHED,
            audience=None if role in OVERSEERS else me,
            limit=LATEST,
        ),
        "leads": role in (Role.LEADER, Role.ADMIN),
        "reviews": role in (Role.REVIEWER, Role.ADMIN),
    }
    if context["leads"]:
        mine = list_stories(session, org, author_id=me.id, include_retired=True, limit=PAGE)
        reflections = [
            (story, reflection)
            for story in mine
            if story.status is StoryStatus.PUBLISHED
            for reflection in list_reflections(session, org, story.id, limit=REFLECTIONS)
        ]
        reflections.sort(key=lambda pair: pair[1].created_at, reverse=True)
        context |= {
            "my_stories": mine,
            "my_lessons": list_lessons(session, org, author_id=me.id, limit=PAGE),
            "reflections": reflections[:REFLECTIONS],
        }
    if context["reviews"]:
        context |= {
            "queue_count": count_lessons(session, org, state=LessonState.IN_REVIEW),
            "approved": list_lessons(session, org, state=LessonState.APPROVED, limit=PAGE),
        }
    return render(request, "home.html", caller, context)
