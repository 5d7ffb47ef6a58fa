"""Who may read what inside one organisation. (Other organisations are never reachable: every
query is scoped by ``org`` first; these rules decide within it.)

Something a person may not read is reported as ``NotFound``, exactly like an id that does not
exist, so that ids never reveal what exists.

- Published stories: everyone in the organisation; one told for its team only, the people of
  its author's team (and its author, reviewers and admins).
- Draft stories: their author, and reviewers and admins (a lesson's source must be reviewable).
- Lessons and their audit trail: their author, reviewers and admins.
- Reflections: the story's author, reviewers and admins read all; others only their own.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.errors import NotFound, StoryCoachError
from service.learning_record import LearningAct

from .enums import Role, StoryStatus, StoryVisibility
from .learning import note_act
from .lessons import get_lesson
from .models import Lesson, Person, Story
from .stories import get_story

OVERSEERS = frozenset({Role.REVIEWER, Role.ADMIN})
"""Roles that read every story and lesson of their organisation."""


def can_read_story(person: Person, story: Story) -> bool:
    return story.org_id == person.org_id and (
        (story.status is StoryStatus.PUBLISHED and in_audience(person, story))
        or story.author_id == person.id
        or person.role in OVERSEERS
    )


def in_audience(person: Person, story: Story) -> bool:
    """Whether ``person`` is among those the story is told to (its visibility)."""
    if story.visibility is StoryVisibility.ORGANISATION:
        return True
    team = story.author.team
    return team is not None and person.team == team


def can_read_lesson(person: Person, lesson: Lesson) -> bool:
    return lesson.org_id == person.org_id and (
        lesson.author_id == person.id or person.role in OVERSEERS
    )


def can_read_all_reflections(person: Person, story: Story) -> bool:
    return story.org_id == person.org_id and (
        story.author_id == person.id or person.role in OVERSEERS
    )


def readable_story(session: Session, person: Person, story_id: int) -> Story:
    """The story if ``person`` may read it, else ``NotFound``."""
    story = get_story(session, person.org_id, story_id)
    if not can_read_story(person, story):
        raise NotFound("story", str(story_id))
    return story


def open_story(session: Session, person: Person, story_id: int) -> Story:
    """The story ``person`` opens to read (page or API): ``readable_story``, and a learning
    event when it is a published story and they are not its author."""
    story = readable_story(session, person, story_id)
    if story.status is StoryStatus.PUBLISHED and story.author_id != person.id:
        note_act(session, LearningAct.OPENED_STORY, story, person.id, "")
    return story


def readable_lesson(session: Session, person: Person, lesson_id: int) -> Lesson:
    """The lesson if ``person`` may read it, else ``NotFound``."""
    lesson = get_lesson(session, person.org_id, lesson_id)
    if not can_read_lesson(person, lesson):
        raise NotFound("lesson", str(lesson_id))
    return lesson


class NotAllowed(StoryCoachError):
    """The caller can see the thing but their role (or relation to it) does not allow the act."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def require_overseer(person: Person, doing: str) -> None:
    """Only reviewers and admins may ``doing``."""
    if person.role not in OVERSEERS:
        raise NotAllowed(f"only reviewers and admins may {doing}")
