"""Lessons: leaders create and submit them; reviewers edit, decide, publish and unpublish them."""

from __future__ import annotations

from fastapi import APIRouter

from service.http.deps import (
    DatabaseDep,
    JudgeDep,
    KnowledgeDep,
    LeaderDep,
    ReviewerDep,
    RubricsDep,
    SessionDep,
    WorkerDep,
)
from service.http.ids import LessonId
from service.http.paging import PageDep, cut
from service.http.public import event_public, lesson_public
from service.http.routing import CommittingRoute
from service.http.schemas import (
    AuditEventsPublic,
    LessonCreate,
    LessonEdit,
    LessonPublic,
    LessonsPublic,
    ReviewDecision,
    Unpublish,
)
from service.review import (
    decide_lesson,
    edit_lesson,
    publish_lesson,
    submit_lesson,
    unpublish_lesson,
)
from service.store import (
    AuditAction,
    LessonState,
    create_lesson,
    list_events,
    list_lessons,
    readable_lesson,
    readable_story,
)
from service.store.access import OVERSEERS

router = APIRouter(route_class=CommittingRoute, prefix="/lessons", tags=["lessons"])


@router.post("", status_code=201)
def new_lesson(body: LessonCreate, caller: LeaderDep, session: SessionDep) -> LessonPublic:
    """Save a draft lesson or 1:1 lesson made from a story the caller may read."""
    story = readable_story(session, caller.person, body.story_id)
    fields = body.model_dump(exclude={"story_id"})
    return lesson_public(create_lesson(session, caller.org, caller.person.id, story.id, **fields))


@router.get("")
def lessons(
    caller: WorkerDep, session: SessionDep, page: PageDep, state: LessonState | None = None
) -> LessonsPublic:
    """The caller's own lessons; reviewers and admins see all of the organisation's. Oldest
    submission first, a page at a time."""
    author = None if caller.role in OVERSEERS else caller.person.id
    rows = list_lessons(
        session, caller.org, state=state, author_id=author, limit=page.peek, offset=page.offset
    )
    shown, following = cut(rows, page)
    data = [lesson_public(x) for x in shown]
    return LessonsPublic(data=data, count=len(data), next=following)


@router.get("/{lesson_id}")
def read_lesson(lesson_id: LessonId, caller: WorkerDep, session: SessionDep) -> LessonPublic:
    return lesson_public(readable_lesson(session, caller.person, lesson_id))


@router.patch("/{lesson_id}")
def change_lesson(
    lesson_id: LessonId,
    body: LessonEdit,
    caller: WorkerDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    rubrics: RubricsDep,
    judge: JudgeDep,
) -> LessonPublic:
    """Edit the text: the author in draft or after changes were asked, a reviewer in review
    (then the rubric score is recorded again, and another reviewer must approve it)."""
    lesson = edit_lesson(
        session,
        caller.person,
        lesson_id,
        **body.model_dump(),
        knowledge=knowledge,
        rubrics=rubrics,
        judge=judge,
    )
    return lesson_public(lesson)


@router.post("/{lesson_id}/submit")
def submit(
    lesson_id: LessonId,
    caller: LeaderDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    rubrics: RubricsDep,
    judge: JudgeDep,
) -> LessonPublic:
    """Send the lesson to review; its rubric score is computed and recorded now."""
    lesson = submit_lesson(
        session, caller.person, lesson_id, knowledge=knowledge, rubrics=rubrics, judge=judge
    )
    return lesson_public(lesson)


@router.post("/{lesson_id}/decision")
def decide(
    lesson_id: LessonId, body: ReviewDecision, caller: ReviewerDep, session: SessionDep
) -> LessonPublic:
    """Approve, reject or ask for changes (a comment is required for the last two); 403
    ``four_eyes`` for a lesson the caller wrote, or approving a text they edited."""
    action = AuditAction(body.decision.value)
    return lesson_public(decide_lesson(session, caller.person, lesson_id, action, body.comment))


@router.post("/{lesson_id}/publish")
def publish(
    lesson_id: LessonId,
    caller: ReviewerDep,
    session: SessionDep,
    database: DatabaseDep,
    knowledge: KnowledgeDep,
) -> LessonPublic:
    """Publish an approved lesson into the organisation's corpus (searchable at once); 403
    ``four_eyes`` for a text the caller wrote or edited. Recorded in steps, so a publish cut
    short is finished or rolled back when the service starts; asking again finishes it."""
    session.commit()  # publishing writes in steps of its own; the request holds no lock
    return lesson_public(publish_lesson(database, caller.person, lesson_id, knowledge=knowledge))


@router.post("/{lesson_id}/unpublish")
def unpublish(
    lesson_id: LessonId,
    caller: ReviewerDep,
    session: SessionDep,
    database: DatabaseDep,
    knowledge: KnowledgeDep,
    body: Unpublish | None = None,
) -> LessonPublic:
    """Take a published lesson out of the corpus: it is no longer found or cited, and is
    approved again (409 ``invalid_transition`` when it is not published)."""
    comment = body.comment if body else None
    session.commit()  # as in publish
    lesson = unpublish_lesson(
        database, caller.person, lesson_id, knowledge=knowledge, comment=comment
    )
    return lesson_public(lesson)


@router.get("/{lesson_id}/audit")
def lesson_audit(lesson_id: LessonId, caller: WorkerDep, session: SessionDep) -> AuditEventsPublic:
    """Who did what to this lesson, and when, oldest first."""
    lesson = readable_lesson(session, caller.person, lesson_id)
    data = [event_public(e) for e in list_events(session, caller.org, lesson_id=lesson.id)]
    return AuditEventsPublic(data=data, count=len(data))
