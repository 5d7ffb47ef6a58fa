"""The learning events noted as stories are read and written and lessons published
(``service.learning_record`` sends them once the transaction commits, when an LRS is
configured)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from service.learning_record import LearningAct, LearningEvent, note_learning

from .columns import utcnow
from .models import Lesson, Story


def note_act(
    session: Session,
    act: LearningAct,
    subject: Story | Lesson,
    person_id: int,
    occurrence: str,
    at: datetime | None = None,
    response: str | None = None,
) -> None:
    """Note that ``person_id`` did ``act`` on ``subject`` (at ``at``, else now);
    ``occurrence`` tells this act apart from every other (the row it wrote, or, when empty,
    the moment of a read); ``response`` is a follow-up's answer."""
    at = at or utcnow()
    note_learning(
        session,
        LearningEvent(
            act=act,
            org=subject.org_id,
            person_id=person_id,
            subject_id=subject.id,
            title=subject.title,
            language=subject.language,
            occurrence=occurrence or at.isoformat(),
            at=at,
            response=response,
        ),
    )
