"""The review queue and the lesson page, where leaders submit and reviewers decide.

The actions themselves are the JSON API's (``/api/lessons/...``), called by ``app.js`` with the
session's CSRF token; this page only shows what is possible for this caller now.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from service.errors import NotFound
from service.http.auth import Caller
from service.http.deps import KnowledgeDep, NowDep, SessionDep
from service.http.ids import LessonId
from service.http.paging import DEFAULT_LIMIT as PAGE
from service.http.paging import PageDep, cut
from service.http.public import lesson_public
from service.http.routing import CommittingRoute
from service.review import review_queue
from service.review.four_eyes import refusal, why_not
from service.review.states import AUTHOR_EDITABLE, REVIEWER_EDITABLE
from service.store import (
    AuditAction,
    LessonState,
    Role,
    list_events,
    list_lessons,
    readable_lesson,
)
from service.store.access import OVERSEERS

from .giving import giving
from .rendering import PageCaller, not_found, page_for, page_language, render
from .sources import cited_documents

router = APIRouter(route_class=CommittingRoute)
ReviewerPage = Annotated[Caller, Depends(page_for(Role.REVIEWER))]


@router.get("/review")
def review_page(
    request: Request, caller: ReviewerPage, session: SessionDep, page: PageDep
) -> HTMLResponse:
    """The queue a page at a time; below it what is approved (or left half-published)."""
    rows = review_queue(session, caller.person, limit=page.peek, offset=page.offset)
    shown, following = cut(rows, page)
    approved = [
        lesson
        for state in (LessonState.APPROVED, LessonState.PUBLISHING, LessonState.UNPUBLISHING)
        for lesson in list_lessons(session, caller.org, state=state, limit=PAGE)
    ]
    context = {"queue": [lesson_public(x) for x in shown], "next": following, "approved": approved}
    return render(request, "review.html", caller, context)


@router.get("/lessons/{lesson_id}")
def lesson_page(
    request: Request,
    lesson_id: LessonId,
    caller: PageCaller,
    session: SessionDep,
    knowledge: KnowledgeDep,
    now: NowDep,
) -> HTMLResponse:
    try:
        lesson = readable_lesson(session, caller.person, lesson_id)
    except NotFound:
        return not_found(request, caller)
    public = lesson_public(lesson)
    reviewer = caller.role in OVERSEERS
    author = lesson.author_id == caller.person.id
    actions = set(public.allowed_actions)
    # Four eyes: a button the caller may not use is shown disabled, with the reason beside it.
    language = page_language(request, caller)
    held_back = {
        action.value: refusal(reason, action, language)
        for action in (AuditAction.APPROVE, AuditAction.PUBLISH)
        if reviewer and (reason := why_not(session, caller.person, lesson, action)) is not None
    }
    context = {
        "lesson": public,
        "story": lesson.story,
        "sources": cited_documents(knowledge, caller.org, lesson.citations),
        "events": list_events(session, caller.org, lesson_id=lesson.id),
        "can_edit": (author and lesson.state in AUTHOR_EDITABLE)
        or (reviewer and not author and lesson.state in REVIEWER_EDITABLE),
        "can_submit": author and AuditAction.SUBMIT in actions and caller.role is not Role.MEMBER,
        "can_decide": reviewer and AuditAction.APPROVE in actions,
        "can_publish": reviewer and AuditAction.PUBLISH in actions,
        "can_export": reviewer and lesson.state is LessonState.PUBLISHED,
        "can_unpublish": reviewer and AuditAction.UNPUBLISH in actions,
        "held_back": held_back,
        **giving(session, caller, lesson, now),
    }
    return render(request, "lesson.html", caller, context)
