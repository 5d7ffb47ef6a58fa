"""Follow-ups: a 1:1 lesson given to a team member, or a story their team discussed, asked
again after the organisation's ``follow_up_days``; the member answers, the leader replies.

A row is made when the lesson is given (``give_lesson``) or the story discussed
(``plan_story_follow_ups``, called as questions are kept). When it is due is worked out from
``since`` whenever it is read: nothing is scheduled, and changing the organisation's delay
applies to every open follow-up at once.

Who reads one: its member, the leader it is for (who gave the lesson, or told the story),
and reviewers and admins. Anyone else is told ``NotFound``, as for an id that does not exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound
from service.learning_record import LearningAct
from service.vocabulary import LessonKind

from .access import OVERSEERS, NotAllowed, readable_lesson
from .enums import LessonState, Role, StoryStatus
from .learning import note_act
from .limits import COMMENT_CHARS, checked_text
from .models import DiscussionQuestions, FollowUp, Organisation, Person, Story
from .paging import paged
from .people import get_organisation, get_person

MAX_FOLLOW_UP_DAYS = 365
REPLY_CHARS = 500
"""A reply is one line: a leader's short answer, not a second conversation."""


def follow_up_days(session: Session, org: str) -> int:
    """How many days after ``since`` an organisation's follow-ups fall due."""
    return get_organisation(session, org).follow_up_days


def set_follow_up_days(session: Session, org: str, days: int) -> Organisation:
    if not 1 <= days <= MAX_FOLLOW_UP_DAYS:
        raise InvalidInput("days", "days_range", most=MAX_FOLLOW_UP_DAYS, count=days)
    organisation = get_organisation(session, org)
    organisation.follow_up_days = days
    session.flush()
    return organisation


def due_at(follow_up: FollowUp, days: int) -> datetime:
    """When ``follow_up`` falls due, for an organisation whose delay is ``days``."""
    return follow_up.since + timedelta(days=days)


def team_members(
    session: Session, leader: Person, *, limit: int | None = None, offset: int = 0
) -> list[Person]:
    """The team members (role member) of ``leader``'s team, by name; none without a team."""
    if leader.team is None:
        return []
    query = select(Person).where(
        Person.org_id == leader.org_id,
        Person.team == leader.team,
        Person.role == Role.MEMBER,
        Person.id != leader.id,
    )
    return list(session.scalars(paged(query.order_by(Person.name, Person.id), limit, offset)))


def give_lesson(
    session: Session, giver: Person, lesson_id: int, member_id: int, at: datetime
) -> FollowUp:
    """Give ``giver``'s 1:1 lesson to a team member of theirs, at ``at``.

    The member must be a team member (role member) of the giver's own team in the same
    organisation; a person of another organisation is refused the same way as one of
    another team, so ids reveal nothing. A lesson is given to one person, once; a rejected
    lesson is not given.
    """
    lesson = readable_lesson(session, giver, lesson_id)
    if lesson.author_id != giver.id:
        raise NotAllowed("only the lesson's author may give it")
    if lesson.kind is not LessonKind.ONE_ON_ONE:
        raise InvalidInput("lesson", "only_one_on_one_given")
    if lesson.state is LessonState.REJECTED:
        raise InvalidInput("lesson", "rejected_not_given")
    given = session.scalar(select(FollowUp).where(FollowUp.lesson_id == lesson.id))
    if given is not None:
        raise InvalidInput("lesson", "given_already", name=given.member.name)
    if giver.team is None:
        raise InvalidInput("member_id", "giver_without_team")
    try:
        member = get_person(session, giver.org_id, member_id)
    except NotFound:
        member = None
    if member is None or member.role is not Role.MEMBER or member.team != giver.team:
        raise InvalidInput("member_id", "not_in_your_team")
    follow_up = FollowUp(
        org_id=giver.org_id,
        member_id=member.id,
        leader_id=giver.id,
        lesson_id=lesson.id,
        since=at,
    )
    session.add(follow_up)
    session.flush()
    return follow_up


def plan_story_follow_ups(
    session: Session, story: Story, kept: DiscussionQuestions
) -> list[FollowUp]:
    """Follow-ups of ``story`` for the team that discussed it (``kept``): the person who
    asked for the questions when they are a team member, and the team members of their team;
    never the story's author (they told it), and once per member and story (the first
    discussion: its moment is the follow-ups' ``since``)."""
    asker = kept.person
    hearers = [Person.id == asker.id]
    if asker.team is not None:
        hearers.append(Person.team == asker.team)
    already = select(FollowUp.member_id).where(FollowUp.story_id == story.id)
    members = session.scalars(
        select(Person).where(
            Person.org_id == kept.org_id,
            Person.role == Role.MEMBER,
            Person.id != story.author_id,
            or_(*hearers),
            Person.id.not_in(already),
        )
    )
    planned = [
        FollowUp(
            org_id=kept.org_id,
            member_id=member.id,
            leader_id=story.author_id,
            story_id=story.id,
            since=kept.created_at,
        )
        for member in members
    ]
    session.add_all(planned)
    session.flush()
    return planned


def can_read_follow_up(person: Person, follow_up: FollowUp) -> bool:
    return follow_up.org_id == person.org_id and (
        person.id in (follow_up.member_id, follow_up.leader_id) or person.role in OVERSEERS
    )


def readable_follow_up(session: Session, person: Person, follow_up_id: int) -> FollowUp:
    """The follow-up if ``person`` may read it, else ``NotFound``."""
    follow_up = session.scalar(
        select(FollowUp).where(FollowUp.org_id == person.org_id, FollowUp.id == follow_up_id)
    )
    if follow_up is None or not can_read_follow_up(person, follow_up):
        raise NotFound("follow-up", str(follow_up_id))
    return follow_up


def list_follow_ups(
    session: Session,
    reader: Person,
    *,
    member_id: int | None = None,
    leader_id: int | None = None,
    lesson_id: int | None = None,
    story_id: int | None = None,
    lessons: bool | None = None,
    due_by: datetime | None = None,
    not_due_by: datetime | None = None,
    answered: bool | None = None,
    replied: bool | None = None,
    current: bool = False,
    newest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[FollowUp]:
    """The follow-ups ``reader`` may read, oldest first, narrowed by the filters given.

    Team members and leaders read their own (as member, or as the leader they are for);
    reviewers and admins every one of their organisation. ``due_by``: only those given or
    discussed by then (``now`` minus the organisation's delay: the ones due now);
    ``lessons``: only lessons given (true) or only stories discussed (false);
    ``not_due_by``: only those given or discussed after it (not due yet). ``current``: not
    those of a retired story (nothing new draws on it). ``newest_first``: newest answer
    first (unanswered last), else oldest ``since`` first."""
    query = _readable(select(FollowUp), reader)
    conditions: list[Any] = []
    if current:
        query = query.outerjoin(Story, Story.id == FollowUp.story_id)
        conditions.append(or_(FollowUp.story_id.is_(None), Story.retired_at.is_(None)))
    if not_due_by is not None:
        conditions.append(FollowUp.since > not_due_by)
    if member_id is not None:
        conditions.append(FollowUp.member_id == member_id)
    if leader_id is not None:
        conditions.append(FollowUp.leader_id == leader_id)
    if lesson_id is not None:
        conditions.append(FollowUp.lesson_id == lesson_id)
    if story_id is not None:
        conditions.append(FollowUp.story_id == story_id)
    if lessons is not None:
        conditions.append(_is_set(FollowUp.lesson_id, lessons))
    if due_by is not None:
        conditions.append(FollowUp.since <= due_by)
    if answered is not None:
        conditions.append(_is_set(FollowUp.answered_at, answered))
    if replied is not None:
        conditions.append(_is_set(FollowUp.replied_at, replied))
    if newest_first:
        order: tuple[Any, ...] = (
            FollowUp.answered_at.is_(None),
            FollowUp.answered_at.desc(),
            FollowUp.id.desc(),
        )
    else:
        order = (FollowUp.since, FollowUp.id)
    return list(session.scalars(paged(query.where(*conditions).order_by(*order), limit, offset)))


def _is_set(column: Any, wanted: bool) -> Any:
    return column.is_not(None) if wanted else column.is_(None)


def _readable(query: Select[Any], reader: Person) -> Select[Any]:
    query = query.where(FollowUp.org_id == reader.org_id)
    if reader.role in OVERSEERS:
        return query
    return query.where(or_(FollowUp.member_id == reader.id, FollowUp.leader_id == reader.id))


def answer_follow_up(
    session: Session,
    member: Person,
    follow_up_id: int,
    *,
    recalled: str,
    tried: str,
    at: datetime,
) -> FollowUp:
    """``member``'s answer to their follow-up, once it is due at ``at`` (a learning event:
    the answer is its response)."""
    follow_up = readable_follow_up(session, member, follow_up_id)
    if follow_up.member_id != member.id:
        raise NotAllowed("only the team member it is for may answer a follow-up")
    if follow_up.answered_at is not None:
        raise InvalidInput("follow_up", "answered_already")
    due = due_at(follow_up, follow_up_days(session, member.org_id))
    if at < due:
        raise InvalidInput("follow_up", "not_due_yet", date=due.date().isoformat())
    follow_up.recalled = checked_text("recalled", recalled, COMMENT_CHARS)
    follow_up.tried = checked_text("tried", tried, COMMENT_CHARS)
    follow_up.answered_at = at
    session.flush()
    act = (
        LearningAct.ANSWERED_LESSON_FOLLOW_UP
        if follow_up.lesson_id is not None
        else LearningAct.ANSWERED_STORY_FOLLOW_UP
    )
    response = f"{follow_up.recalled}\n\n{follow_up.tried}"
    note_act(
        session,
        act,
        follow_up.subject,
        member.id,
        f"follow-up-{follow_up.id}",
        at=at,
        response=response,
    )
    return follow_up


def reply_to_answer(
    session: Session, leader: Person, follow_up_id: int, text: str, at: datetime
) -> FollowUp:
    """The leader's one-line reply to a member's answer (once; line breaks become spaces)."""
    follow_up = readable_follow_up(session, leader, follow_up_id)
    if follow_up.leader_id != leader.id:
        raise NotAllowed("only the leader the answer is for may reply")
    if follow_up.answered_at is None:
        raise InvalidInput("follow_up", "not_answered_yet")
    if follow_up.replied_at is not None:
        raise InvalidInput("reply", "replied_already")
    follow_up.reply = checked_text("reply", " ".join(text.split()), REPLY_CHARS)
    follow_up.replied_at = at
    session.flush()
    return follow_up


def lesson_follow_up(session: Session, org: str, lesson_id: int) -> FollowUp | None:
    """The follow-up of a given lesson (``None`` while it is not given)."""
    return session.scalar(
        select(FollowUp).where(FollowUp.org_id == org, FollowUp.lesson_id == lesson_id)
    )


def due_for_reminder(
    session: Session, org: str, due_by: datetime, *, limit: int | None = None
) -> list[FollowUp]:
    """``org``'s follow-ups due by ``due_by``, not answered and not e-mailed yet, of current
    stories and lessons, by member (what ``storycoach follow-ups send`` mails)."""
    query = (
        select(FollowUp)
        .outerjoin(Story, Story.id == FollowUp.story_id)
        .where(
            FollowUp.org_id == org,
            FollowUp.since <= due_by,
            FollowUp.answered_at.is_(None),
            FollowUp.reminded_at.is_(None),
            or_(
                FollowUp.story_id.is_(None),
                and_(Story.retired_at.is_(None), Story.status == StoryStatus.PUBLISHED),
            ),
        )
        .order_by(FollowUp.member_id, FollowUp.since, FollowUp.id)
    )
    return list(session.scalars(paged(query, limit)))
