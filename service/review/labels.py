"""Human labels for calibrating the rubric engine, read off the reviewers' decisions.

A reviewer who approves a lesson says "this passes"; one who rejects it or asks for changes
says "this does not, yet". Set beside the rubric score recorded at submission, that is a
labelled example of whether the automatic score agrees with L&D, at no extra effort.
``storycoach eval calibration`` rescores them with ``service.evaluation.calibration``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.store import AuditAction, AuditEvent, Lesson
from service.vocabulary import Language


class HumanLabel(BaseModel):
    """A reviewer's decision on one document, as the review queue records it."""

    model_config = ConfigDict(frozen=True)

    id: str | None = None
    """The store's id for the label, to name documents where engine and reviewer differ."""
    kind: str
    """The document kind (lesson, one_on_one, story...): which rubric scores it."""
    text: str
    language: Language | None = None
    """The language the document was requested in, if known (the language check needs it)."""
    approved: bool
    """The reviewer's decision: approved or rejected."""
    criteria: dict[str, bool] = Field(default_factory=dict)
    """The reviewer's own verdict per criterion id, where they gave one."""
    engine_score: float | None = None
    """The engine's weighted score (0..1) shown to the reviewer when they decided."""


VERDICTS = {
    AuditAction.APPROVE: True,
    AuditAction.REJECT: False,
    AuditAction.REQUEST_CHANGES: False,
}


def human_labels(session: Session, org: str) -> list[HumanLabel]:
    """Every review decision in ``org``, oldest first, as a label on the lesson's text.

    Known limits: the text and score are the lesson's latest (a reviewer's later edit, or a
    resubmission, is what gets rescored); texts and scores are not versioned yet.
    """
    rows = session.execute(
        select(AuditEvent, Lesson)
        .join(Lesson, Lesson.id == AuditEvent.lesson_id)
        .where(
            AuditEvent.org_id == org,
            Lesson.org_id == org,
            AuditEvent.action.in_(list(VERDICTS)),
        )
        .order_by(AuditEvent.id)
    ).all()
    return [
        HumanLabel(
            id=f"lesson-{lesson.id}/event-{event.id}",
            kind=lesson.kind.value,
            text=lesson.text,
            language=lesson.language,
            approved=VERDICTS[event.action],
            engine_score=(lesson.score or {}).get("score"),
        )
        for event, lesson in rows
    ]
