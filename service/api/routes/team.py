"""What a team does with a story: ask for discussion questions, leave reflections."""

from __future__ import annotations

from fastapi import APIRouter

from service.coach import JOBS, DiscussionQuestions, JobName, QuestionsInput, StorySource
from service.coach.result_parts import question_parts
from service.errors import InvalidInput
from service.http.deps import CallerDep, KnowledgeDep, ModelDep, ModelTurnDep, SessionDep
from service.http.ids import StoryId
from service.http.paging import PageDep, cut
from service.http.public import question_set_public, reflection_public, result_parts_public
from service.http.routing import CommittingRoute
from service.http.schemas import (
    QuestionPublic,
    QuestionSetsPublic,
    QuestionsPublic,
    QuestionsRequest,
    ReflectionCreate,
    ReflectionPublic,
    ReflectionsPublic,
)
from service.store import (
    StoryStatus,
    add_reflection,
    keep_questions,
    list_questions,
    list_reflections,
    readable_story,
    require_current,
)
from service.store.access import can_read_all_reflections

router = APIRouter(route_class=CommittingRoute, prefix="/stories", tags=["team"])


@router.post("/{story_id}/questions")
def discussion_questions(
    queued: ModelTurnDep,
    story_id: StoryId,
    body: QuestionsRequest,
    caller: CallerDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    model: ModelDep,
) -> QuestionsPublic:
    """Open discussion questions about a story the caller may read, for a team conversation;
    kept with the story, so the team can come back to them, with who wrote each (a question
    code built after the model failed is a stand-in, with its note). Not for a retired story
    (409)."""
    story = require_current(readable_story(session, caller.person, story_id))
    source = StorySource(
        id=None,  # a saved story is not a corpus document, so it is not itself citable
        title=story.title,
        text=story.text,
        language=story.language,
        values=tuple(story.values),
    )
    given = QuestionsInput(source, count=body.count, language=body.language)
    result: DiscussionQuestions = JOBS[JobName.QUESTIONS].run(model, knowledge, caller.org, given)
    asked = [q.question for q in result.tagged]
    parts = question_parts(result).as_json()
    keep_questions(session, caller.org, story.id, caller.person.id, result.language, asked, parts)
    return QuestionsPublic(
        **result_parts_public(parts).model_dump(),
        story_id=story.id,
        language=result.language,
        questions=[QuestionPublic(type=q.type.value, question=q.question) for q in result.tagged],
        text=result.text,
        citations=result.citations,
    )


@router.get("/{story_id}/questions")
def kept_questions(
    story_id: StoryId, caller: CallerDep, session: SessionDep, page: PageDep
) -> QuestionSetsPublic:
    """The question sets kept for a story the caller may read, newest first, each with who
    wrote its questions; a page at a time."""
    story = readable_story(session, caller.person, story_id)
    rows = list_questions(session, caller.org, story.id, limit=page.peek, offset=page.offset)
    shown, following = cut(rows, page)
    data = [question_set_public(k) for k in shown]
    return QuestionSetsPublic(data=data, count=len(data), next=following)


@router.post("/{story_id}/reflections", status_code=201)
def reflect(
    story_id: StoryId, body: ReflectionCreate, caller: CallerDep, session: SessionDep
) -> ReflectionPublic:
    """Leave a reflection on a published story."""
    story = readable_story(session, caller.person, story_id)
    if story.status is not StoryStatus.PUBLISHED:
        raise InvalidInput("story", "reflections_need_published")
    return reflection_public(
        add_reflection(session, caller.org, story.id, caller.person.id, body.text)
    )


@router.get("/{story_id}/reflections")
def read_reflections(
    story_id: StoryId, caller: CallerDep, session: SessionDep, page: PageDep
) -> ReflectionsPublic:
    """All reflections for the story's author (and reviewers, admins); others see their own.
    Oldest first, a page at a time."""
    story = readable_story(session, caller.person, story_id)
    only = None if can_read_all_reflections(caller.person, story) else caller.person.id
    rows = list_reflections(
        session, caller.org, story.id, person_id=only, limit=page.peek, offset=page.offset
    )
    shown, following = cut(rows, page)
    data = [reflection_public(r) for r in shown]
    return ReflectionsPublic(data=data, count=len(data), next=following)
