"""Human labels for calibrating the rubric engine, read off the reviewers' decisions.

A reviewer who approves a lesson says "this passes"; one who rejects it or asks for changes
says "this does not, yet". Set beside the rubric score recorded at submission, that is a
labelled example of whether the automatic score agrees with L&D, at no extra effort.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.store import AuditAction, AuditEvent, Lesson

VERDICTS = {
    AuditAction.APPROVE: True,
    AuditAction.REJECT: False,
    AuditAction.REQUEST_CHANGES: False,
}


@dataclass(frozen=True)
class HumanLabel:
    lesson_id: int
    kind: str
    human_pass: bool
    """The reviewer's verdict: approved, or not (rejected or sent back)."""
    rubric_pass: bool | None
    """What the rubric said at the submission before the decision; ``None`` if unscored."""
    rubric_score: float | None
    decision: AuditAction
    reviewer_id: int
    decided_at: datetime
    comment: str | None


def human_labels(session: Session, org: str) -> list[HumanLabel]:
    """Every review decision in ``org``, oldest first, with the lesson's recorded score.

    The score is the lesson's latest one: for a lesson sent back and resubmitted, earlier
    decisions are paired with the newer score (scores are not versioned yet).
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
    labels = []
    for event, lesson in rows:
        score = lesson.score or {}
        labels.append(
            HumanLabel(
                lesson_id=lesson.id,
                kind=lesson.kind.value,
                human_pass=VERDICTS[event.action],
                rubric_pass=score.get("passed"),
                rubric_score=score.get("score"),
                decision=event.action,
                reviewer_id=event.actor_id,
                decided_at=event.created_at,
                comment=event.comment,
            )
        )
    return labels
