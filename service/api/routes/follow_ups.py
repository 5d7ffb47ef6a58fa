"""Follow-ups: a leader gives a 1:1 lesson to a team member; it, and a story their team
discussed, comes back to the member after the organisation's delay; the member answers the
recall question and what they tried; the leader replies in one line.

Every follow-up is read by its member, the leader it is for and reviewers and admins only;
to anyone else it does not exist (404). Lists are paged.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from service.http.deps import CallerDep, LeaderDep, NowDep, SessionDep
from service.http.follow_ups import follow_up_public
from service.http.ids import FollowUpId, LessonId
from service.http.paging import PageDep, cut
from service.http.public import person_ref
from service.http.routing import CommittingRoute
from service.http.schemas.common import MAX_ID
from service.http.schemas.follow_ups import (
    FollowUpAnswerCreate,
    FollowUpPublic,
    FollowUpReplyCreate,
    FollowUpsPublic,
    LessonGive,
    TeamMembersPublic,
)
from service.store import (
    answer_follow_up,
    follow_up_days,
    give_lesson,
    list_follow_ups,
    readable_follow_up,
    reply_to_answer,
    team_members,
)

router = APIRouter(route_class=CommittingRoute, tags=["follow-ups"])

Filter = Annotated[int | None, Query(ge=1, le=MAX_ID)]


@router.get("/team-members")
def my_team(caller: CallerDep, session: SessionDep, page: PageDep) -> TeamMembersPublic:
    """The team members of the caller's team (to give a 1:1 lesson to), by name; none for
    someone in no team."""
    rows = team_members(session, caller.person, limit=page.peek, offset=page.offset)
    shown, following = cut(rows, page)
    data = [person_ref(p) for p in shown]
    return TeamMembersPublic(data=data, count=len(data), next=following)


@router.post("/lessons/{lesson_id}/give", status_code=201)
def give(
    lesson_id: LessonId, body: LessonGive, caller: LeaderDep, session: SessionDep, now: NowDep
) -> FollowUpPublic:
    """Give the caller's 1:1 lesson to a team member of their team: they see it on their
    home page, and it comes back to them as a follow-up after the organisation's delay.
    A lesson is given once; 422 names the field for anyone who is not such a member."""
    given = give_lesson(session, caller.person, lesson_id, body.member_id, now)
    return follow_up_public(given, follow_up_days(session, caller.org), now)


@router.get("/follow-ups")
def follow_ups(
    caller: CallerDep,
    session: SessionDep,
    now: NowDep,
    page: PageDep,
    member_id: Filter = None,
    lesson_id: Filter = None,
    story_id: Filter = None,
    due: bool | None = None,
    answered: bool | None = None,
    replied: bool | None = None,
) -> FollowUpsPublic:
    """The follow-ups the caller may read (their own as team member, those for them as
    leader; every one for reviewers and admins), oldest first, a page at a time. ``due``:
    only those that have come back (or, false, not yet); ``answered``, ``replied``: only
    those answered (replied to), or not."""
    days = follow_up_days(session, caller.org)
    cutoff = now - timedelta(days=days)
    rows = list_follow_ups(
        session,
        caller.person,
        member_id=member_id,
        lesson_id=lesson_id,
        story_id=story_id,
        due_by=cutoff if due else None,
        not_due_by=cutoff if due is False else None,
        answered=answered,
        replied=replied,
        limit=page.peek,
        offset=page.offset,
    )
    shown, following = cut(rows, page)
    data = [follow_up_public(f, days, now) for f in shown]
    return FollowUpsPublic(data=data, count=len(data), next=following)


@router.get("/follow-ups/{follow_up_id}")
def read_follow_up(
    follow_up_id: FollowUpId, caller: CallerDep, session: SessionDep, now: NowDep
) -> FollowUpPublic:
    found = readable_follow_up(session, caller.person, follow_up_id)
    return follow_up_public(found, follow_up_days(session, caller.org), now)


@router.post("/follow-ups/{follow_up_id}/answer")
def answer(
    follow_up_id: FollowUpId,
    body: FollowUpAnswerCreate,
    caller: CallerDep,
    session: SessionDep,
    now: NowDep,
) -> FollowUpPublic:
    """The team member answers their follow-up once it is due: what they recall and what
    they tried. Once; 422 ``follow_up`` before it is due or when answered already."""
    answered = answer_follow_up(
        session, caller.person, follow_up_id, recalled=body.recalled, tried=body.tried, at=now
    )
    return follow_up_public(answered, follow_up_days(session, caller.org), now)


@router.post("/follow-ups/{follow_up_id}/reply")
def reply(
    follow_up_id: FollowUpId,
    body: FollowUpReplyCreate,
    caller: CallerDep,
    session: SessionDep,
    now: NowDep,
) -> FollowUpPublic:
    """The leader it is for replies to the answer in one line (once)."""
    replied = reply_to_answer(session, caller.person, follow_up_id, body.text, now)
    return follow_up_public(replied, follow_up_days(session, caller.org), now)
