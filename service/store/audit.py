"""The audit trail: who did what to which lesson or story, and when. Append only.

Updates and deletes of audit rows are refused at the ORM level, so no code path can rewrite
history by accident; review decisions here are also what human calibration labels come from.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from .enums import AuditAction
from .limits import COMMENT_CHARS, checked_optional
from .models import AuditEvent


class AuditTrailIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event (a programming error)."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_changes(*_: Any) -> None:
    raise AuditTrailIsAppendOnly("audit events are never changed or deleted")


def record_event(
    session: Session,
    org: str,
    actor_id: int,
    action: AuditAction,
    *,
    lesson_id: int | None = None,
    story_id: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    comment: str | None = None,
) -> AuditEvent:
    """Add one event to ``org``'s trail (in the caller's transaction, with the change itself)."""
    entry = AuditEvent(
        org_id=org,
        actor_id=actor_id,
        action=AuditAction(action),
        lesson_id=lesson_id,
        story_id=story_id,
        from_state=from_state,
        to_state=to_state,
        comment=checked_optional("comment", comment, COMMENT_CHARS),
    )
    session.add(entry)
    session.flush()
    return entry


def list_events(
    session: Session,
    org: str,
    *,
    lesson_id: int | None = None,
    story_id: int | None = None,
    limit: int = 200,
) -> list[AuditEvent]:
    """``org``'s events, oldest first; only one lesson's or story's when given."""
    query = select(AuditEvent).where(AuditEvent.org_id == org)
    if lesson_id is not None:
        query = query.where(AuditEvent.lesson_id == lesson_id)
    if story_id is not None:
        query = query.where(AuditEvent.story_id == story_id)
    return list(session.scalars(query.order_by(AuditEvent.id).limit(limit)))
