"""Read one organisation's history from the store and its topics from the corpus, and compute
every figure the analytics page and ``GET /api/analytics`` show.

Reading is kept apart from computing (``figures.py``, ``coverage.py``): here are the queries,
each filtered by the organisation first; there the arithmetic, tested on known histories.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.errors import NotFound
from service.knowledge import DocumentKind, KnowledgeBase
from service.knowledge.citations import cited_ids
from service.store import (
    AuditEvent,
    Conversation,
    FollowUp,
    Lesson,
    LessonState,
    Person,
    Reflection,
    Story,
    StoryStatus,
    due_at,
    follow_up_days,
    require_overseer,
)
from service.store.columns import utcnow

from .coverage import Coverage, coverage_map
from .figures import (
    CriterionTrend,
    Durations,
    QueueAge,
    Reflections,
    WeeklyApproval,
    approval_by_week,
    criteria_by_week,
    queue_age,
    reflections_per_story,
    submit_to_publish,
)
from .follow_ups import FollowUpFigures, follow_up_figures
from .records import (
    DECISIONS,
    Decision,
    FollowUpRecord,
    Material,
    PublishedStory,
    ReviewStep,
    Topic,
    Waiting,
)

PRIORITY_PREFIX = "priority-"


class ProgrammeFigures(BaseModel):
    """Everything the analytics page shows, for one organisation, at one moment."""

    model_config = ConfigDict(frozen=True)

    org: str
    computed_at: datetime
    approval: list[WeeklyApproval]
    criteria: list[CriterionTrend]
    submit_to_publish: Durations
    queue: QueueAge
    reflections: Reflections
    coverage: Coverage
    follow_ups: FollowUpFigures


def decision_criteria(score: dict[str, object] | None) -> dict[str, bool | None]:
    """Criterion id → passed, from a lesson's recorded ``DocumentScore`` JSON."""
    criteria = (score or {}).get("criteria")
    if not isinstance(criteria, list):
        return {}
    return {str(c["id"]): c.get("passed") for c in criteria if isinstance(c, dict) and "id" in c}


def review_history(session: Session, org: str) -> tuple[list[ReviewStep], list[Decision]]:
    """``org``'s lesson audit events and, among them, the decisions with rubric results."""
    rows = session.execute(
        select(AuditEvent, Lesson.score)
        .join(Lesson, Lesson.id == AuditEvent.lesson_id)
        .where(AuditEvent.org_id == org, Lesson.org_id == org)
        .order_by(AuditEvent.id)
    ).all()
    steps = [ReviewStep(e.lesson_id or 0, e.action, e.created_at) for e, _ in rows]
    decisions = [
        Decision(e.lesson_id or 0, e.action, e.created_at, decision_criteria(score))
        for e, score in rows
        if e.action in DECISIONS
    ]
    return steps, decisions


def waiting_lessons(session: Session, org: str) -> list[Waiting]:
    lessons = session.scalars(
        select(Lesson).where(Lesson.org_id == org, Lesson.state == LessonState.IN_REVIEW)
    )
    return [Waiting(x.id, x.title, x.submitted_at or x.updated_at) for x in lessons]


def published_stories(session: Session, org: str) -> list[PublishedStory]:
    counted = (
        select(Reflection.story_id, func.count().label("n"))
        .where(Reflection.org_id == org)
        .group_by(Reflection.story_id)
        .subquery()
    )
    rows = session.execute(
        select(Story.id, Story.title, func.coalesce(counted.c.n, 0))
        .outerjoin(counted, counted.c.story_id == Story.id)
        .where(Story.org_id == org, Story.status == StoryStatus.PUBLISHED)
    ).all()
    return [PublishedStory(story_id, title, int(n)) for story_id, title, n in rows]


def _named_priorities(*citations: list[str], drafted_for: str | None = None) -> frozenset[str]:
    named = {c for cited in citations for c in cited if c.startswith(PRIORITY_PREFIX)}
    return frozenset(named | ({drafted_for} if drafted_for else set()))


def stored_material(session: Session, org: str) -> list[Material]:
    """Published stories and lessons of ``org``, with the priorities they name."""
    stories = session.execute(
        select(Story, Conversation.priority_id)
        .outerjoin(Conversation, Conversation.id == Story.conversation_id)
        .where(Story.org_id == org, Story.status == StoryStatus.PUBLISHED)
    ).all()
    material = [
        Material(
            "story",
            s.language,
            frozenset(s.values),
            _named_priorities(s.citations, drafted_for=priority),
        )
        for s, priority in stories
    ]
    lessons = session.execute(
        select(Lesson, Story, Conversation.priority_id)
        .join(Story, Story.id == Lesson.story_id)
        .outerjoin(Conversation, Conversation.id == Story.conversation_id)
        .where(Lesson.org_id == org, Lesson.state == LessonState.PUBLISHED)
    ).all()
    material += [
        Material(
            "lesson",
            lesson.language,
            frozenset(story.values),
            _named_priorities(lesson.citations, story.citations, drafted_for=priority),
        )
        for lesson, story, priority in lessons
    ]
    return material


def follow_up_records(session: Session, org: str) -> list[FollowUpRecord]:
    """``org``'s follow-ups, each with when it falls due under the organisation's delay."""
    days = follow_up_days(session, org)
    rows = session.scalars(select(FollowUp).where(FollowUp.org_id == org).order_by(FollowUp.id))
    return [
        FollowUpRecord(
            kind=f.kind,
            subject_id=f.lesson_id if f.lesson_id is not None else f.subject.id,
            title=f.subject.title,
            due_at=due_at(f, days),
            answered_at=f.answered_at,
            tried=f.tried,
        )
        for f in rows
    ]


def corpus_topics(knowledge: KnowledgeBase, org: str) -> tuple[list[Topic], list[Topic]]:
    """``org``'s priorities (with their values) and values, from its corpus."""
    values = [Topic(d.id, d.title) for d in knowledge.list_documents(org, DocumentKind.VALUE)]
    priorities = []
    for listed in knowledge.list_documents(org, DocumentKind.PRIORITY):
        try:
            linked = knowledge.document(org, listed.id).values
        except NotFound:  # removed between the list and the read
            continue
        priorities.append(Topic(listed.id, listed.title, linked))
    return priorities, values


def corpus_material(knowledge: KnowledgeBase, org: str) -> list[Material]:
    """The corpus's own stories and lessons (those published from review are in the store)."""
    material = []
    for kind in (DocumentKind.STORY, DocumentKind.LESSON):
        for listed in knowledge.list_documents(org, kind):
            try:
                document = knowledge.document(org, listed.id)
            except NotFound:
                continue
            named = frozenset(i for i in cited_ids(document.text) if i.startswith(PRIORITY_PREFIX))
            material.append(
                Material(kind.value, document.language, frozenset(document.values), named, True)
            )
    return material


def programme_figures(
    session: Session,
    knowledge: KnowledgeBase,
    actor: Person,
    *,
    now: datetime | None = None,
) -> ProgrammeFigures:
    """Every figure for ``actor``'s organisation; reviewers and admins only (``NotAllowed``)."""
    require_overseer(actor, "see the analytics")
    org = actor.org_id
    now = now or utcnow()
    steps, decisions = review_history(session, org)
    priorities, values = corpus_topics(knowledge, org)
    material = stored_material(session, org) + corpus_material(knowledge, org)
    return ProgrammeFigures(
        org=org,
        computed_at=now,
        approval=approval_by_week(decisions),
        criteria=criteria_by_week(decisions),
        submit_to_publish=submit_to_publish(steps),
        queue=queue_age(waiting_lessons(session, org), now),
        reflections=reflections_per_story(published_stories(session, org)),
        coverage=coverage_map(priorities, values, material),
        follow_ups=follow_up_figures(follow_up_records(session, org), now),
    )
