"""Publishing a lesson into the search index, and taking it out again, as recorded steps.

A lesson lives in two stores: the database says what state it is in, the search index
(Chroma, and BM25 built from it) is what the coach retrieves and cites. No transaction spans
both, so each move is three steps, each committed before the next begins:

1. the database records the intent: ``publishing`` (or ``unpublishing``), with an audit
   event naming who asked;
2. the index is written (or the document removed);
3. the database records the result: ``published`` (``approved`` again after unpublishing),
   with its audit event. If step 2 fails, the index is cleaned and the lesson is
   ``approved`` again, audited as ``publish_failed`` with the reason.

If the process dies between the steps, the lesson is left in ``publishing`` or
``unpublishing`` and ``reconcile_publication`` (run by the app at every start) finishes or
rolls back the move; its audit event says which and that it happened at start. Both index
writes are idempotent (stable ids, upserts), so finishing twice does no harm, and asking
again (``publish`` on a lesson left ``publishing``) finishes it too.

These use cases take the ``Database`` and run each step in a transaction of its own, unlike
the other review use cases: a committed intent is what makes a half-done move visible.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import DatabaseBusy, StoryCoachError
from service.knowledge import KnowledgeBase
from service.learning_record import LearningAct
from service.store import (
    AuditAction,
    AuditEvent,
    Database,
    Lesson,
    LessonState,
    Person,
    note_act,
    readable_lesson,
    record_event,
    require_overseer,
)

from .four_eyes import require_second_pair_of_eyes
from .publishing import corpus_id, lesson_document
from .states import next_state

log = logging.getLogger(__name__)
S, A = LessonState, AuditAction

FINISHED_AT_START = "finished when the service started: the step before it was interrupted"
ROLLED_BACK_AT_START = "rolled back when the service started: {reason}"


def publish_lesson(
    database: Database, actor: Person, lesson_id: int, *, knowledge: KnowledgeBase
) -> Lesson:
    """Publish an approved lesson into the organisation's corpus, searchable and citable.

    Each step is its own transaction from ``database``; the caller holds no write of its own
    meanwhile (the API commits the request's session first). Returns the lesson as published,
    with its author and story loaded.

    Raises:
        NotAllowed: the actor is not a reviewer or admin, or wrote or edited the text.
        InvalidTransition: the lesson is not approved (nor left ``publishing``).
        InvalidInput: the lesson cannot be a corpus document (its story links no value).
    """
    require_overseer(actor, "publish lessons")
    with database.transaction() as session:
        lesson = readable_lesson(session, actor, lesson_id)
        next_state(lesson.state, A.PUBLISH)
        require_second_pair_of_eyes(session, actor, lesson, A.PUBLISH)
        document = lesson_document(lesson, knowledge)  # refused before anything is recorded
        if lesson.state is S.APPROVED:
            _record(session, lesson, actor.id, A.START_PUBLISH, S.PUBLISHING)
            lesson.corpus_id = document.id
    try:
        knowledge.ingest(lesson.org_id, [document], source="review", remove_missing=False)
    except Exception as exc:
        with database.transaction() as session:
            _undo(session, knowledge, _lesson(session, lesson_id), actor.id, _reason(exc))
        raise
    with database.transaction() as session:
        lesson = _lesson(session, lesson_id)
        if lesson.state is S.PUBLISHING:  # else another request or a start settled it
            _record(session, lesson, actor.id, A.PUBLISH, S.PUBLISHED)
    return lesson


def unpublish_lesson(
    database: Database,
    actor: Person,
    lesson_id: int,
    *,
    knowledge: KnowledgeBase,
    comment: str | None = None,
) -> Lesson:
    """Take a published lesson out of the corpus: it is no longer retrieved or cited, and is
    ``approved`` again (it can be published again). Steps as ``publish_lesson``'s."""
    require_overseer(actor, "unpublish lessons")
    with database.transaction() as session:
        lesson = readable_lesson(session, actor, lesson_id)
        next_state(lesson.state, A.UNPUBLISH)
        if lesson.state is S.PUBLISHED:
            _record(session, lesson, actor.id, A.START_UNPUBLISH, S.UNPUBLISHING, comment)
        document_id = lesson.corpus_id or corpus_id(lesson)
    knowledge.remove(lesson.org_id, document_id)
    with database.transaction() as session:
        lesson = _lesson(session, lesson_id)
        if lesson.state is S.UNPUBLISHING:
            _record(session, lesson, actor.id, A.UNPUBLISH, S.APPROVED, comment)
            lesson.corpus_id = None
    return lesson


def _lesson(session: Session, lesson_id: int) -> Lesson:
    """The lesson with what a response shows of it loaded (it outlives its transaction)."""
    lesson = session.get(Lesson, lesson_id, populate_existing=True)
    assert lesson is not None  # lessons are never deleted
    _ = (lesson.author.name, lesson.story.title)
    return lesson


class Outcome(StrEnum):
    FINISHED = "finished"
    ROLLED_BACK = "rolled_back"
    LEFT = "left"
    """Neither could be done now (the index is unreachable); the next start tries again."""


@dataclass(frozen=True)
class Reconciled:
    """What the start-up check did with one lesson left half-way."""

    lesson_id: int
    org: str
    was: LessonState
    outcome: Outcome
    state: LessonState


def reconcile_publication(database: Database, knowledge: KnowledgeBase) -> list[Reconciled]:
    """Finish or roll back every publish or unpublish left half-way, in every organisation.

    A publish is finished when the lesson can still be written to the index, else rolled
    back (the index cleaned, the lesson ``approved``); an unpublish is always finished. Each
    is audited in the name of the person who asked for it, with a comment saying it happened
    at start. One lesson per transaction: one that cannot be settled does not hold up others.
    """
    try:
        with database.transaction() as session:
            pending = list(
                session.scalars(
                    select(Lesson.id).where(Lesson.state.in_([S.PUBLISHING, S.UNPUBLISHING]))
                )
            )
    except DatabaseBusy as exc:  # the service still starts; the next start looks again
        log.error("cannot look for publishing left half-way now: %s", exc)
        return []
    done = []
    for lesson_id in pending:
        try:
            with database.transaction() as session:
                lesson = session.get(Lesson, lesson_id)
                if lesson is None or lesson.state not in (S.PUBLISHING, S.UNPUBLISHING):
                    continue  # settled meanwhile by a request that asked again
                was = lesson.state
                outcome = _settle(session, knowledge, lesson, _asked_by(session, lesson))
                done.append(Reconciled(lesson.id, lesson.org_id, was, outcome, lesson.state))
        except DatabaseBusy as exc:
            log.error("cannot settle lesson %s now: %s", lesson_id, exc)
            continue
        log.warning("lesson %s was left %s: %s at start", lesson_id, was.value, outcome.value)
    return done


def _settle(session: Session, knowledge: KnowledgeBase, lesson: Lesson, actor_id: int) -> Outcome:
    if lesson.state is S.UNPUBLISHING:
        try:
            knowledge.remove(lesson.org_id, lesson.corpus_id or corpus_id(lesson))
        except Exception as exc:
            log.error("cannot finish unpublishing lesson %s now: %s", lesson.id, _reason(exc))
            return Outcome.LEFT
        _record(session, lesson, actor_id, A.UNPUBLISH, S.APPROVED, FINISHED_AT_START)
        lesson.corpus_id = None
        return Outcome.FINISHED
    try:
        document = lesson_document(lesson, knowledge)
        knowledge.ingest(lesson.org_id, [document], source="review", remove_missing=False)
    except Exception as exc:
        reason = ROLLED_BACK_AT_START.format(reason=_reason(exc))
        undone = _undo(session, knowledge, lesson, actor_id, reason)
        return Outcome.ROLLED_BACK if undone else Outcome.LEFT
    lesson.corpus_id = document.id
    _record(session, lesson, actor_id, A.PUBLISH, S.PUBLISHED, FINISHED_AT_START)
    return Outcome.FINISHED


def _undo(
    session: Session, knowledge: KnowledgeBase, lesson: Lesson, actor_id: int, reason: str
) -> bool:
    """Remove whatever of the lesson reached the index, then record it approved again;
    ``False`` (nothing recorded: it stays ``publishing``) when the index cannot be cleaned."""
    try:
        knowledge.remove(lesson.org_id, lesson.corpus_id or corpus_id(lesson))
    except Exception as exc:
        log.error("cannot roll back publishing lesson %s now: %s", lesson.id, _reason(exc))
        return False
    _record(session, lesson, actor_id, A.PUBLISH_FAILED, S.APPROVED, reason)
    lesson.corpus_id = None
    return True


def _record(
    session: Session,
    lesson: Lesson,
    actor_id: int,
    action: AuditAction,
    to: LessonState,
    comment: str | None = None,
) -> None:
    entry = record_event(
        session,
        lesson.org_id,
        actor_id,
        action,
        lesson_id=lesson.id,
        from_state=lesson.state.value,
        to_state=to.value,
        comment=comment,
    )
    lesson.state = to
    session.flush()
    if to is S.PUBLISHED:  # a learning event, sent once this transaction commits
        note_act(
            session,
            LearningAct.PUBLISHED_LESSON,
            lesson,
            actor_id,
            f"audit-{entry.id}",
            at=entry.created_at,
        )


def _asked_by(session: Session, lesson: Lesson) -> int:
    """Who started the move left half-way: the actor of its ``start_`` event."""
    started = session.scalar(
        select(AuditEvent.actor_id)
        .where(
            AuditEvent.lesson_id == lesson.id,
            AuditEvent.action.in_([A.START_PUBLISH, A.START_UNPUBLISH]),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return started if started is not None else lesson.author_id


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300] if isinstance(exc, StoryCoachError) else f"{type(exc).__name__}: {text}"[:300]
