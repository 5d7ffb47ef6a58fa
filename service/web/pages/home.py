"""``GET /``: what each role does next — leaders their stories and lessons (and the answers
waiting for their reply), reviewers the queue, team members the newest stories (and what has
come back to them to look back on)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from service.http.deps import NowDep, SessionDep
from service.http.follow_ups import follow_up_public
from service.http.paging import DEFAULT_LIMIT as PAGE
from service.http.routing import CommittingRoute
from service.store import (
    REPLY_CHARS,
    LessonState,
    Person,
    Role,
    StoryStatus,
    count_lessons,
    follow_up_days,
    list_follow_ups,
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
def home_page(
    request: Request, caller: PageCaller, session: SessionDep, now: NowDep
) -> HTMLResponse:
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
    context |= _follow_ups(session, me, now)
    if context["reviews"]:
        context |= {
            "queue_count": count_lessons(session, org, state=LessonState.IN_REVIEW),
            "approved": list_lessons(session, org, state=LessonState.APPROVED, limit=PAGE),
        }
    return render(request, "home.html", caller, context)


def _follow_ups(session: Session, me: Person, now: datetime) -> dict[str, object]:
    """What waits on follow-ups: for a team member, what has come back to them, the lessons
    given to them and their leaders' replies; for a leader, the answers waiting for a reply."""
    days = follow_up_days(session, me.org_id)
    mine = partial(list_follow_ups, session, me, member_id=me.id, current=True, limit=LATEST)
    found = {
        "due": mine(due_by=now - timedelta(days=days), answered=False),
        "given": mine(lessons=True, answered=False),
        "replies": mine(replied=True, newest_first=True),
        "waiting": list_follow_ups(
            session, me, leader_id=me.id, answered=True, replied=False, limit=PAGE
        ),
    }
    shown: dict[str, object] = {
        key: [follow_up_public(f, days, now) for f in rows] for key, rows in found.items()
    }
    return shown | {"reply_chars": REPLY_CHARS}
