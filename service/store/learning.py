"""The learning events the store notes as it reads and writes stories (``service.learning_record``
sends them once the transaction commits, when an LRS is configured)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.learning_record import LearningAct, LearningEvent, note_learning

from .columns import utcnow
from .models import Story


def note_story_act(
    session: Session, act: LearningAct, story: Story, person_id: int, occurrence: str
) -> None:
    """Note that ``person_id`` did ``act`` on ``story``; ``occurrence`` tells this act apart
    from every other (the row it wrote, or the moment of a read)."""
    at = utcnow()
    note_learning(
        session,
        LearningEvent(
            act=act,
            org=story.org_id,
            person_id=person_id,
            subject_id=story.id,
            title=story.title,
            language=story.language,
            occurrence=occurrence or at.isoformat(),
            at=at,
        ),
    )
