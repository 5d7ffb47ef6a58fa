"""Follow-ups: the team member's own (``/follow-ups``), one follow-up with its answer and
reply (``/follow-ups/{id}``), and the answers a leader reads and replies to
(``/follow-ups/answers``).

Answering and replying are the JSON API's (``/api/follow-ups/{id}/answer`` and ``/reply``),
called by ``app.js``; these pages show what there is, and what the caller may do now.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from service.errors import NotFound
from service.http.deps import NowDep, SessionDep
from service.http.follow_ups import follow_up_public
from service.http.ids import FollowUpId
from service.http.paging import PageDep, cut
from service.http.routing import CommittingRoute
from service.http.schemas.common import MAX_ID
from service.http.schemas.follow_ups import FollowUpPublic
from service.store import (
    REPLY_CHARS,
    FollowUp,
    Role,
    follow_up_days,
    list_follow_ups,
    readable_follow_up,
)
from service.store.access import OVERSEERS
from service.store.limits import COMMENT_CHARS

from .rendering import PageCaller, not_found, render

router = APIRouter(route_class=CommittingRoute)
Filter = Annotated[int | None, Query(ge=1, le=MAX_ID)]


def shown(rows: list[FollowUp], days: int, now: datetime) -> list[FollowUpPublic]:
    return [follow_up_public(f, days, now) for f in rows]


@router.get("/follow-ups")
def follow_ups_page(
    request: Request, caller: PageCaller, session: SessionDep, now: NowDep, page: PageDep
) -> HTMLResponse:
    """The caller's own follow-ups, as a team member: lessons given to them and stories
    their team discussed, oldest first, a page at a time."""
    days = follow_up_days(session, caller.org)
    rows = list_follow_ups(
        session,
        caller.person,
        member_id=caller.person.id,
        current=True,
        limit=page.peek,
        offset=page.offset,
    )
    mine, following = cut(rows, page)
    context = {"follow_ups": shown(mine, days, now), "next": following, "days": days}
    return render(request, "follow_ups.html", caller, context)


@router.get("/follow-ups/answers")
def answers_page(
    request: Request,
    caller: PageCaller,
    session: SessionDep,
    now: NowDep,
    page: PageDep,
    lesson_id: Filter = None,
    story_id: Filter = None,
    waiting: bool = False,
) -> HTMLResponse:
    """Answers the caller reads, newest first: to their lessons and stories (a leader), every
    one (reviewers and admins), their own (a team member); per lesson or story with
    ``lesson_id`` or ``story_id``, only those waiting for a reply with ``waiting``."""
    me = caller.person
    overseer, member = me.role in OVERSEERS, me.role is Role.MEMBER
    rows = list_follow_ups(
        session,
        me,
        leader_id=None if overseer or member else me.id,
        member_id=me.id if member else None,
        lesson_id=lesson_id,
        story_id=story_id,
        answered=True,
        replied=False if waiting else None,
        newest_first=True,
        limit=page.peek,
        offset=page.offset,
    )
    answers, following = cut(rows, page)
    context = {
        "answers": shown(answers, follow_up_days(session, caller.org), now),
        "next": following,
        "waiting": waiting,
        "lesson_id": lesson_id,
        "story_id": story_id,
        "reply_chars": REPLY_CHARS,
    }
    return render(request, "answers.html", caller, context)


@router.get("/follow-ups/{follow_up_id}")
def follow_up_page(
    request: Request,
    follow_up_id: FollowUpId,
    caller: PageCaller,
    session: SessionDep,
    now: NowDep,
) -> HTMLResponse:
    try:
        found = readable_follow_up(session, caller.person, follow_up_id)
    except NotFound:
        return not_found(request, caller)
    days = follow_up_days(session, caller.org)
    public = follow_up_public(found, days, now)
    context = {
        "follow_up": public,
        "lesson": found.lesson,
        "story": found.lesson.story if found.lesson is not None else found.story,
        "is_member": found.member_id == caller.person.id,
        "is_leader": found.leader_id == caller.person.id,
        "comment_chars": COMMENT_CHARS,
        "reply_chars": REPLY_CHARS,
    }
    return render(request, "follow_up.html", caller, context)
