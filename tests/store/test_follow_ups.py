"""Follow-ups in the store: who a 1:1 lesson may be given to, who a discussed story comes
back to, when each is due (worked out when read, by the moment given), and who reads them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound
from service.store import (
    Database,
    FollowUp,
    LessonState,
    NotAllowed,
    Person,
    Role,
    answer_follow_up,
    follow_up_days,
    get_person,
    give_lesson,
    keep_questions,
    list_follow_ups,
    readable_follow_up,
    reply_to_answer,
    set_follow_up_days,
    team_members,
)
from service.vocabulary import Language, LessonKind
from tests.store.factories import Member, add_lesson, add_person, add_story

GIVEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TEAM = "Customer desk"


def person(session: Session, member: Member) -> Person:
    return get_person(session, member.org, member.id)


@pytest.fixture
def desk(database: Database) -> dict[str, Member]:
    """A leader with two team members, a member of another team, a leader of another team,
    a reviewer, and a member of another organisation."""
    with database.transaction() as session:
        return {
            "lea": add_person(session, "acme", "Lea", Role.LEADER, team=TEAM),
            "tom": add_person(session, "acme", "Tom", Role.MEMBER, team=TEAM),
            "ann": add_person(session, "acme", "Ann", Role.MEMBER, team=TEAM),
            "max": add_person(session, "acme", "Max", Role.MEMBER, team="Workshop"),
            "joe": add_person(session, "acme", "Joe", Role.LEADER, team="Workshop"),
            "rev": add_person(session, "acme", "Rev", Role.REVIEWER),
            "gus": add_person(session, "globex", "Gus", Role.MEMBER, team=TEAM),
        }


def one_on_one(session: Session, author: Member) -> int:
    story = add_story(session, author)
    return add_lesson(session, author, story.id, LessonKind.ONE_ON_ONE).id


def test_a_leader_gives_a_1_1_lesson_to_a_member_of_their_own_team_only(
    database: Database, desk: dict[str, Member]
) -> None:
    with database.transaction() as session:
        lea = person(session, desk["lea"])
        assert [p.name for p in team_members(session, lea)] == ["Ann", "Tom"]
        assert team_members(session, person(session, desk["joe"])) == [person(session, desk["max"])]
        lesson_id = one_on_one(session, desk["lea"])
        for other in ("max", "joe", "rev", "gus", "lea"):  # another team, role, org, or self
            with pytest.raises(InvalidInput) as refused:
                give_lesson(session, lea, lesson_id, desk[other].id, GIVEN)
            assert refused.value.field == "member_id"
        with pytest.raises(InvalidInput, match="member_id"):
            give_lesson(session, lea, lesson_id, 2**31 - 1, GIVEN)  # nobody
        given = give_lesson(session, lea, lesson_id, desk["tom"].id, GIVEN)
        assert (given.member_id, given.leader_id, given.since) == (desk["tom"].id, lea.id, GIVEN)
        with pytest.raises(InvalidInput, match="given to Tom already"):
            give_lesson(session, lea, lesson_id, desk["ann"].id, GIVEN)


def test_only_the_author_s_own_current_1_1_lesson_is_given(
    database: Database, desk: dict[str, Member]
) -> None:
    with database.transaction() as session:
        lea = person(session, desk["lea"])
        story = add_story(session, desk["lea"])
        team_lesson = add_lesson(session, desk["lea"], story.id)
        with pytest.raises(InvalidInput, match="only a 1:1 lesson"):
            give_lesson(session, lea, team_lesson.id, desk["tom"].id, GIVEN)
        rejected = add_lesson(session, desk["lea"], story.id, LessonKind.ONE_ON_ONE)
        rejected.state = LessonState.REJECTED
        with pytest.raises(InvalidInput, match="rejected"):
            give_lesson(session, lea, rejected.id, desk["tom"].id, GIVEN)
        joes = one_on_one(session, desk["joe"])
        with pytest.raises(NotFound):  # another leader's lesson is not even readable
            give_lesson(session, lea, joes, desk["tom"].id, GIVEN)
        admin = add_person(session, "acme", "Ada", Role.ADMIN, team=TEAM)
        with pytest.raises(NotAllowed):  # an admin reads it, but it is not theirs to give
            give_lesson(session, person(session, admin), joes, desk["max"].id, GIVEN)


def test_a_discussed_story_comes_back_to_each_member_of_the_team_once(
    database: Database, desk: dict[str, Member]
) -> None:
    with database.transaction() as session:
        story = add_story(session, desk["joe"])  # told by the workshop's leader
        keep_questions(session, "acme", story.id, desk["lea"].id, Language.EN, ["Why?"])
        keep_questions(session, "acme", story.id, desk["tom"].id, Language.EN, ["How?"])
        keep_questions(session, "acme", story.id, desk["max"].id, Language.EN, ["What?"])
        rows = session.query(FollowUp).filter(FollowUp.story_id == story.id).all()
        by_member = {f.member_id: f for f in rows}
        # Lea's desk discussed it: its members (not Lea, a leader); Max asked for himself.
        assert set(by_member) == {desk["tom"].id, desk["ann"].id, desk["max"].id}
        assert {f.leader_id for f in rows} == {desk["joe"].id}  # the story's author replies
        own = add_story(session, desk["lea"])
        keep_questions(session, "acme", own.id, desk["tom"].id, Language.EN, ["Why?"])
        told = session.query(FollowUp).filter(FollowUp.story_id == own.id).all()
        assert {f.member_id for f in told} == {desk["tom"].id, desk["ann"].id}


def test_due_is_worked_out_when_read_and_answered_once_then_replied_once(
    database: Database, desk: dict[str, Member]
) -> None:
    with database.transaction() as session:
        lea, tom = person(session, desk["lea"]), person(session, desk["tom"])
        given = give_lesson(session, lea, one_on_one(session, desk["lea"]), tom.id, GIVEN)
        assert follow_up_days(session, "acme") == 7  # the default
        week = GIVEN + timedelta(days=7)
        # What is due at a moment: given at least the delay before it.
        just_before = week - timedelta(seconds=1) - timedelta(days=7)
        assert list_follow_ups(session, tom, due_by=just_before) == []
        assert list_follow_ups(session, tom, due_by=week - timedelta(days=7)) == [given]
        with pytest.raises(InvalidInput, match="not due yet: it comes back on 2026-03-09"):
            answer_follow_up(
                session, tom, given.id, recalled="r", tried="t", at=week - timedelta(minutes=1)
            )
        set_follow_up_days(session, "acme", 3)  # a shorter delay applies at once
        early = GIVEN + timedelta(days=3)
        with pytest.raises(InvalidInput) as not_yet:
            reply_to_answer(session, lea, given.id, "Well done", early)
        assert not_yet.value.field == "follow_up"
        with pytest.raises(NotAllowed):  # the leader cannot answer for the member
            answer_follow_up(session, lea, given.id, recalled="r", tried="t", at=early)
        answer_follow_up(
            session, tom, given.id, recalled=" The headset ", tried="I took the call.", at=early
        )
        assert (given.recalled, given.tried, given.answered_at) == (
            "The headset",
            "I took the call.",
            early,
        )
        with pytest.raises(InvalidInput, match="answered already"):
            answer_follow_up(session, tom, given.id, recalled="again", tried="again", at=early)
        with pytest.raises(NotAllowed):  # the member does not reply to themselves
            reply_to_answer(session, tom, given.id, "Me", early)
        reply_to_answer(session, lea, given.id, "Good call.\nNext one alone?", early)
        assert given.reply == "Good call. Next one alone?"  # one line
        with pytest.raises(InvalidInput, match="replied already"):
            reply_to_answer(session, lea, given.id, "Again", early)
        for wrong in (0, 366):
            with pytest.raises(InvalidInput, match="days"):
                set_follow_up_days(session, "acme", wrong)


def test_a_follow_up_is_read_by_its_member_its_leader_and_reviewers_only(
    database: Database, desk: dict[str, Member]
) -> None:
    with database.transaction() as session:
        lea, tom = person(session, desk["lea"]), person(session, desk["tom"])
        given = give_lesson(session, lea, one_on_one(session, desk["lea"]), tom.id, GIVEN)
        for reader in ("tom", "lea", "rev"):
            assert readable_follow_up(session, person(session, desk[reader]), given.id) is given
            assert list_follow_ups(session, person(session, desk[reader])) == [given]
        for other in ("ann", "max", "joe", "gus"):
            with pytest.raises(NotFound):
                readable_follow_up(session, person(session, desk[other]), given.id)
            assert list_follow_ups(session, person(session, desk[other])) == []
