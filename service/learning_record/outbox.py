"""Learning events wait with the database transaction that made them, and leave when it commits.

Domain code calls ``note_learning(session, event)`` where the act happens (the store writing
a reflection, the review publishing a lesson); nothing is sent until the transaction has
committed, so a statement never reports a reflection that was rolled back, and a rollback
discards what was noted. ``connect`` is the one hook: the app calls it in its lifespan when
an LRS is configured. Unconnected (the default) a note is a no-op and nothing is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from .events import LearningEvent

log = logging.getLogger(__name__)

Deliver = Callable[[LearningEvent], None]
RECIPIENT = "storycoach.learning_record"
"""``Session.info`` key of the function committed events go to (present only when on)."""
WAITING = "storycoach.learning_events"
"""``Session.info`` key of the events noted in the transaction under way."""


def note_learning(session: Session, happened: LearningEvent) -> None:
    """Keep ``happened`` until ``session`` commits; a no-op unless a recipient is connected."""
    if RECIPIENT in session.info:
        session.info.setdefault(WAITING, []).append(happened)


def connect(sessions: sessionmaker[Session], deliver: Deliver) -> Callable[[], None]:
    """Hand every event noted in a session from ``sessions`` to ``deliver`` once its
    transaction commits. Returns the function that disconnects again.

    ``deliver`` runs in the committing thread, after the commit: it must be quick, and any
    error it raises is logged, never passed on (the request's work is already saved)."""
    sessions.configure(info={**(sessions.kw.get("info") or {}), RECIPIENT: deliver})

    def committed(session: Session) -> None:
        waiting = session.info.pop(WAITING, [])
        for happened in waiting:
            try:
                session.info[RECIPIENT](happened)
            except Exception:  # a statement is never worth a failed request
                log.exception("could not record learning event %s", happened.act.value)

    def discarded(session: Session, *_: Any) -> None:
        session.info.pop(WAITING, None)

    event.listen(sessions, "after_commit", committed)
    event.listen(sessions, "after_rollback", discarded)

    def disconnect() -> None:
        event.remove(sessions, "after_commit", committed)
        event.remove(sessions, "after_rollback", discarded)
        info = dict(sessions.kw.get("info") or {})
        info.pop(RECIPIENT, None)
        sessions.configure(info=info)

    return disconnect
