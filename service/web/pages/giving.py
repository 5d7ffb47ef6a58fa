"""The lesson page's part about giving a 1:1 lesson to a team member: the form while it is
not given, who it was given to (and its follow-up) once it is."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from service.http.auth import Caller
from service.http.follow_ups import follow_up_public
from service.store import (
    Lesson,
    LessonState,
    follow_up_days,
    lesson_follow_up,
    team_members,
)
from service.vocabulary import LessonKind

TEAM_SHOWN = 200
"""Team members offered in the form (a team is far smaller)."""


def giving(session: Session, caller: Caller, lesson: Lesson, now: datetime) -> dict[str, object]:
    """``given`` (the follow-up, once given), ``can_give`` and the ``team`` to choose from."""
    if lesson.kind is not LessonKind.ONE_ON_ONE:
        return {"given": None, "can_give": False, "team": []}
    days = follow_up_days(session, caller.org)
    given = lesson_follow_up(session, caller.org, lesson.id)
    if given is not None:
        return {"given": follow_up_public(given, days, now), "can_give": False, "team": []}
    mine = lesson.author_id == caller.person.id and lesson.state is not LessonState.REJECTED
    team = team_members(session, caller.person, limit=TEAM_SHOWN) if mine else []
    return {"given": None, "can_give": mine, "team": team, "follow_up_days": days}
