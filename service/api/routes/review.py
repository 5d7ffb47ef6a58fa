"""The L&D review queue and the organisation's audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.http.deps import ReviewerDep, SessionDep
from service.http.paging import PageDep, cut
from service.http.public import event_public, lesson_public, story_public
from service.http.routing import CommittingRoute
from service.http.schemas import AuditEventsPublic, ReviewItemPublic, ReviewQueuePublic
from service.review import review_queue
from service.store import list_events

router = APIRouter(route_class=CommittingRoute, tags=["review"])


@router.get("/review/queue")
def queue(caller: ReviewerDep, session: SessionDep, page: PageDep) -> ReviewQueuePublic:
    """Lessons in review, oldest submission first, each with its score and source story; a
    page at a time."""
    rows = review_queue(session, caller.person, limit=page.peek, offset=page.offset)
    shown, following = cut(rows, page)
    data = [
        ReviewItemPublic(lesson=lesson_public(lesson), story=story_public(lesson.story))
        for lesson in shown
    ]
    return ReviewQueuePublic(data=data, count=len(data), next=following)


@router.get("/audit")
def audit_trail(
    caller: ReviewerDep, session: SessionDep, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> AuditEventsPublic:
    """The organisation's audit trail, oldest first."""
    data = [event_public(e) for e in list_events(session, caller.org, limit=limit)]
    return AuditEventsPublic(data=data, count=len(data))
