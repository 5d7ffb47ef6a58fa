"""Team members' reflections on published stories (juniors teach seniors too)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.learning_record import LearningAct

from .learning import note_act
from .limits import COMMENT_CHARS, checked_text
from .models import Reflection
from .paging import paged
from .stories import get_story


def add_reflection(
    session: Session, org: str, story_id: int, person_id: int, text: str
) -> Reflection:
    """Add ``person_id``'s reflection to one of ``org``'s stories (a learning event: the
    reflection's text is never part of it)."""
    story = get_story(session, org, story_id)
    reflection = Reflection(
        org_id=org,
        story_id=story.id,
        person_id=person_id,
        text=checked_text("text", text, COMMENT_CHARS),
    )
    session.add(reflection)
    session.flush()
    note_act(
        session, LearningAct.REFLECTED_ON_STORY, story, person_id, f"reflection-{reflection.id}"
    )
    return reflection


def list_reflections(
    session: Session,
    org: str,
    story_id: int,
    *,
    person_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Reflection]:
    """A story's reflections, oldest first; only ``person_id``'s own when given."""
    query = select(Reflection).where(Reflection.org_id == org, Reflection.story_id == story_id)
    if person_id is not None:
        query = query.where(Reflection.person_id == person_id)
    return list(session.scalars(paged(query.order_by(Reflection.id), limit, offset)))
