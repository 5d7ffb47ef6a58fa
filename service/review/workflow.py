"""The review use cases: submit, decide, edit. Each checks who may do it (four eyes included:
``four_eyes.py``), asks the state machine whether the move is allowed, changes the lesson and
records the audit event, all in the caller's transaction, so a refused or failed step writes
nothing. Publishing spans the database and the search index: ``publication.py``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.errors import InvalidInput, NotFound
from service.knowledge import KnowledgeBase
from service.quality import Judge, Rubric, ScoringContext, score_document
from service.store import (
    AuditAction,
    Lesson,
    LessonState,
    NotAllowed,
    Person,
    list_lessons,
    readable_lesson,
    record_event,
    require_overseer,
)
from service.store.access import OVERSEERS
from service.store.columns import utcnow
from service.store.limits import TEXT_CHARS, TITLE_CHARS, checked_ids, checked_text
from service.vocabulary import LessonKind

from .four_eyes import require_second_pair_of_eyes
from .part_edits import parts_after_edit
from .states import AUTHOR_EDITABLE, REVIEWER_EDITABLE, InvalidTransition, next_state

DECISIONS = frozenset({AuditAction.APPROVE, AuditAction.REJECT, AuditAction.REQUEST_CHANGES})
NEEDS_COMMENT = frozenset({AuditAction.REJECT, AuditAction.REQUEST_CHANGES})
"""A leader told "no" or "not yet" is owed the reason."""


def _move(
    session: Session, actor: Person, lesson: Lesson, action: AuditAction, comment: str | None
) -> Lesson:
    target = next_state(lesson.state, action)
    record_event(
        session,
        lesson.org_id,
        actor.id,
        action,
        lesson_id=lesson.id,
        from_state=lesson.state.value,
        to_state=target.value,
        comment=comment,
    )
    lesson.state = target
    session.flush()
    return lesson


def submit_lesson(
    session: Session,
    actor: Person,
    lesson_id: int,
    *,
    knowledge: KnowledgeBase,
    rubrics: dict[LessonKind, Rubric],
    judge: Judge | None = None,
) -> Lesson:
    """Send the author's lesson to review, with its rubric score recorded.

    The score is computed now, on the text the reviewer will see, so the queue shows it
    without waiting; judge criteria stay unscored unless a judge is configured.
    """
    lesson = readable_lesson(session, actor, lesson_id)
    if lesson.author_id != actor.id:
        raise NotAllowed("only the lesson's author may submit it")
    next_state(lesson.state, AuditAction.SUBMIT)  # refuse before the (slower) scoring
    _score(lesson, knowledge, rubrics, judge)
    lesson.submitted_at = utcnow()
    return _move(session, actor, lesson, AuditAction.SUBMIT, None)


def _score(
    lesson: Lesson,
    knowledge: KnowledgeBase,
    rubrics: dict[LessonKind, Rubric],
    judge: Judge | None,
) -> None:
    """Record the rubric score of the lesson's text as it is now."""
    context = scoring_context(lesson, knowledge)
    result = score_document(lesson.text, rubrics[lesson.kind], context=context, judge=judge)
    lesson.score = result.model_dump(mode="json")


def scoring_context(lesson: Lesson, knowledge: KnowledgeBase) -> ScoringContext:
    """What the lesson is held to: its language, the corpus documents it may cite (those of
    its and its story's citations that exist in the organisation), and its story's text."""
    cited = dict.fromkeys([*lesson.citations, *lesson.story.citations])
    texts = [lesson.story.text]
    allowed: set[str] = set()
    for document_id in cited:
        try:
            texts.append(knowledge.document(lesson.org_id, document_id).text)
        except (NotFound, InvalidInput):
            continue
        allowed.add(document_id)
    return ScoringContext(
        language=lesson.language,
        allowed_sources=frozenset(allowed),
        source_texts=tuple(texts),
        development_goal=lesson.team_member_goal,
        team_member_role=lesson.team_member_role,
    )


def decide_lesson(
    session: Session, actor: Person, lesson_id: int, action: AuditAction, comment: str | None
) -> Lesson:
    """A reviewer's decision: approve, reject or request changes (the last two need a reason)."""
    require_overseer(actor, "review lessons")
    if action not in DECISIONS:
        raise InvalidInput("decision", "unknown_decision")
    lesson = readable_lesson(session, actor, lesson_id)
    require_second_pair_of_eyes(session, actor, lesson, action)
    if action in NEEDS_COMMENT and not (comment or "").strip():
        rejected = action is AuditAction.REJECT
        raise InvalidInput("comment", "say_why_reject" if rejected else "say_why_request_changes")
    return _move(session, actor, lesson, action, comment)


def edit_lesson(
    session: Session,
    actor: Person,
    lesson_id: int,
    *,
    text: str,
    title: str | None = None,
    citations: list[str] | None = None,
    comment: str | None = None,
    knowledge: KnowledgeBase,
    rubrics: dict[LessonKind, Rubric],
    judge: Judge | None = None,
) -> Lesson:
    """Change a lesson's text: its author before review, a reviewer during review.

    A reviewer's edit is audited (with the optional comment) so the author sees what L&D
    changed, and the rubric score is recorded again on the edited text: the score a reviewer
    approves on is the score of the text that will be published. The editor has become one
    of the text's writers, so another reviewer approves it (``four_eyes.py``), and each part
    they changed is theirs (``part_edits.py``): no longer marked as a stand-in.
    """
    lesson = readable_lesson(session, actor, lesson_id)
    if actor.role in OVERSEERS and lesson.author_id != actor.id:
        editable = REVIEWER_EDITABLE
    elif lesson.author_id == actor.id:
        editable = AUTHOR_EDITABLE
    else:
        raise NotAllowed("only the author or a reviewer may edit a lesson")
    if lesson.state not in editable:
        raise InvalidTransition(lesson.state, AuditAction.EDIT)
    before = lesson.text
    lesson.text = checked_text("text", text, TEXT_CHARS)
    lesson.parts = parts_after_edit(lesson.parts, before, lesson.text)
    if title is not None:
        lesson.title = checked_text("title", title, TITLE_CHARS)
    if citations is not None:
        lesson.citations = checked_ids("citations", citations)
    if lesson.state in REVIEWER_EDITABLE:
        _score(lesson, knowledge, rubrics, judge)
    record_event(
        session,
        lesson.org_id,
        actor.id,
        AuditAction.EDIT,
        lesson_id=lesson.id,
        from_state=lesson.state.value,
        to_state=lesson.state.value,
        comment=comment,
    )
    return lesson


def review_queue(
    session: Session, actor: Person, *, limit: int | None = None, offset: int = 0
) -> list[Lesson]:
    """Lessons waiting for review in the reviewer's organisation, oldest submission first."""
    require_overseer(actor, "see the review queue")
    return list_lessons(
        session, actor.org_id, state=LessonState.IN_REVIEW, limit=limit, offset=offset
    )
