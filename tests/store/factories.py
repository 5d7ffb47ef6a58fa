"""Plain helpers that put organisations, people, stories and lessons in a test database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.store import (
    Database,
    Lesson,
    Person,
    Role,
    Story,
    create_api_key,
    create_lesson,
    create_person,
    ensure_organisation,
    publish_story,
    save_story,
)
from service.vocabulary import Language, LessonKind

STORY_TEXT = (
    "Last spring a customer's e-bike battery got hot on the charger. I promised a callback "
    "within the hour and missed it because I was in meetings. She posted about it. I called "
    "her the next morning, apologised, and we replaced the charger the same day. Since then "
    "our team answers every battery complaint within one working day."
)
LESSON_TEXT = (
    "# Answer battery complaints within a day\n\n"
    "## Goal\nEvery battery complaint gets an answer within one working day.\n\n"
    "## Why it matters\nA hot battery frightens people; silence makes it worse "
    "[story-battery-scare].\n\n"
    "## What to do\n1. Call back the same day.\n2. Say what happens next.\n"
)


@dataclass(frozen=True)
class Member:
    """A person of a test organisation and their API key."""

    id: int
    org: str
    role: Role
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


def add_person(
    session: Session, org: str, name: str, role: Role, *, team: str | None = None
) -> Member:
    ensure_organisation(session, org)
    person = create_person(session, org, name, role, team=team)
    _, key = create_api_key(session, person)
    return Member(person.id, org, role, key)


def seed_org(database: Database, org: str) -> dict[Role, Member]:
    """``org`` with one person of each role, each with a key."""
    with database.transaction() as session:
        return {role: add_person(session, org, f"{org} {role.value}", role) for role in Role}


def add_story(
    session: Session,
    author: Member | Person,
    *,
    published: bool = True,
    values: tuple[str, ...] = ("value-care",),
    title: str = "The battery that got hot",
) -> Story:
    org = author.org if isinstance(author, Member) else author.org_id
    story = save_story(
        session,
        org,
        author.id,
        title=title,
        text=STORY_TEXT,
        language=Language.EN,
        values=values,
        citations=["story-battery-scare"],
    )
    if published:
        publish_story(session, org, story.id, author.id)
    return story


def add_lesson(
    session: Session, author: Member, story_id: int, kind: LessonKind = LessonKind.LESSON
) -> Lesson:
    goal = "Learn to handle upset customers calmly" if kind is LessonKind.ONE_ON_ONE else None
    return create_lesson(
        session,
        author.org,
        author.id,
        story_id,
        kind=kind,
        text=LESSON_TEXT,
        citations=["story-battery-scare"],
        team_member_goal=goal,
        team_member_role="workshop mechanic" if goal else None,
    )
