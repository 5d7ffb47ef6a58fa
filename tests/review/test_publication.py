"""Publishing and unpublishing as recorded steps, and what a start does with a step cut short.

A kill between the steps is played here by an index write that does its work and then
raises ``SystemExit`` (which no ``except Exception`` catches, as nothing catches a kill);
``tests/e2e/test_faults.py`` kills a real server with ``kill -9``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from service.errors import InvalidInput, NotFound
from service.knowledge import DocumentKind, KnowledgeBase, SearchFilters
from service.review import (
    InvalidTransition,
    decide_lesson,
    publish_lesson,
    reconcile_publication,
    submit_lesson,
    unpublish_lesson,
)
from service.review.publication import FINISHED_AT_START, Outcome
from service.review.rubrics import review_rubrics
from service.settings import Settings
from service.store import (
    AuditAction,
    Database,
    LessonState,
    Person,
    Role,
    get_lesson,
    get_person,
    list_events,
)
from service.store.database import database_url
from service.store.models import Story
from tests.helpers.knowledge_faults import Failing, Interrupted
from tests.store.factories import Member, add_lesson, add_story

RUBRICS = review_rubrics()
LESSONS = SearchFilters(kind=DocumentKind.LESSON)
A = AuditAction


def person(database: Database, member: Member) -> Person:
    with database.transaction() as session:
        return get_person(session, member.org, member.id)


def approved(database: Database, acme: dict[Role, Member], knowledge: KnowledgeBase) -> int:
    with database.transaction() as session:
        story = add_story(session, acme[Role.LEADER])
        lesson_id = add_lesson(session, acme[Role.LEADER], story.id).id
        leader = get_person(session, "acme", acme[Role.LEADER].id)
        submit_lesson(session, leader, lesson_id, knowledge=knowledge, rubrics=RUBRICS)
        reviewer = get_person(session, "acme", acme[Role.REVIEWER].id)
        decide_lesson(session, reviewer, lesson_id, A.APPROVE, None)
    return lesson_id


def state_and_trail(database: Database, lesson_id: int) -> tuple[LessonState, list[Any]]:
    with database.transaction() as session:
        events = list_events(session, "acme", lesson_id=lesson_id)
        trail = [(e.action, e.from_state, e.to_state, e.actor_id, e.comment) for e in events]
        return get_lesson(session, "acme", lesson_id).state, trail


def indexed(knowledge: KnowledgeBase, lesson_id: int) -> bool:
    hits = knowledge.search("acme", "battery complaints within a day", k=50, filters=LESSONS)
    return any(h.id.endswith(f"-{lesson_id}") for h in hits)


def test_publishing_records_the_intent_then_the_result(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    lesson = publish_lesson(database, reviewer, lesson_id, knowledge=loaded)
    assert lesson.state is LessonState.PUBLISHED and indexed(loaded, lesson_id)
    _, trail = state_and_trail(database, lesson_id)
    assert trail[-2:] == [
        (A.START_PUBLISH, "approved", "publishing", reviewer.id, None),
        (A.PUBLISH, "publishing", "published", reviewer.id, None),
    ]


def test_a_lesson_with_a_part_still_to_write_is_not_published(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    """The coach asked the leader for a part (ask, don't fake): its question is not lesson
    text, so the lesson is refused, named by the part, and nothing is recorded."""
    lesson_id = approved(database, acme, loaded)
    asked = {"name": "practice", "label": "Practice", "question": "What should they try?"}
    with database.transaction() as session:
        lesson = get_lesson(session, "acme", lesson_id)
        lesson.parts = {**lesson.parts, "missing": [asked]}
    reviewer = person(database, acme[Role.REVIEWER])
    with pytest.raises(InvalidInput) as refused:
        publish_lesson(database, reviewer, lesson_id, knowledge=loaded)
    assert refused.value.field == "text" and "Practice" in refused.value.reason
    state, trail = state_and_trail(database, lesson_id)
    assert state is LessonState.APPROVED and not indexed(loaded, lesson_id)
    assert trail[-1][0] is A.APPROVE


def test_a_failed_index_write_is_cleaned_and_rolled_back(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    with pytest.raises(OSError, match="disk full"):
        publish_lesson(database, reviewer, lesson_id, knowledge=Failing(loaded))
    state, trail = state_and_trail(database, lesson_id)
    assert state is LessonState.APPROVED
    assert trail[-1][:3] == (A.PUBLISH_FAILED, "publishing", "approved")
    assert "disk full" in trail[-1][4]
    assert not indexed(loaded, lesson_id)  # what reached the index was taken out again
    with database.transaction() as session:
        assert get_lesson(session, "acme", lesson_id).corpus_id is None


@pytest.mark.parametrize("after_write", [False, True], ids=["before-index", "after-index"])
def test_a_publish_cut_short_is_finished_at_start(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase, after_write: bool
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    with pytest.raises(SystemExit):
        publish_lesson(
            database, reviewer, lesson_id, knowledge=Interrupted(loaded, after_write=after_write)
        )
    assert state_and_trail(database, lesson_id)[0] is LessonState.PUBLISHING
    assert indexed(loaded, lesson_id) is after_write

    (done,) = reconcile_publication(database, loaded)
    assert (done.lesson_id, done.was, done.outcome) == (
        lesson_id,
        LessonState.PUBLISHING,
        Outcome.FINISHED,
    )
    state, trail = state_and_trail(database, lesson_id)
    assert state is LessonState.PUBLISHED and indexed(loaded, lesson_id)
    assert trail[-1] == (A.PUBLISH, "publishing", "published", reviewer.id, FINISHED_AT_START)
    assert reconcile_publication(database, loaded) == []  # nothing is left to settle


def test_a_publish_that_can_no_longer_be_finished_is_rolled_back_at_start(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    with pytest.raises(SystemExit):
        publish_lesson(
            database, reviewer, lesson_id, knowledge=Interrupted(loaded, after_write=True)
        )
    with database.transaction() as session:  # meanwhile, the story lost its only value
        lesson = get_lesson(session, "acme", lesson_id)
        story = session.get(Story, lesson.story_id)
        assert story is not None
        story.values = ["value-gone"]
    (done,) = reconcile_publication(database, loaded)
    assert done.outcome is Outcome.ROLLED_BACK
    state, trail = state_and_trail(database, lesson_id)
    assert state is LessonState.APPROVED and not indexed(loaded, lesson_id)
    assert trail[-1][:4] == (A.PUBLISH_FAILED, "publishing", "approved", reviewer.id)
    assert trail[-1][4].startswith("rolled back when the service started: values:")


def test_asking_again_finishes_a_publish_cut_short(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    with pytest.raises(SystemExit):
        publish_lesson(
            database, reviewer, lesson_id, knowledge=Interrupted(loaded, after_write=False)
        )
    lesson = publish_lesson(database, reviewer, lesson_id, knowledge=loaded)
    assert lesson.state is LessonState.PUBLISHED and indexed(loaded, lesson_id)
    actions = [event[0] for event in state_and_trail(database, lesson_id)[1]]
    assert actions[-2:] == [A.START_PUBLISH, A.PUBLISH]  # one intent, one result


def test_unpublish_takes_the_lesson_out_of_search_and_citation(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    published = publish_lesson(database, reviewer, lesson_id, knowledge=loaded)
    assert published.corpus_id and loaded.document("acme", published.corpus_id)

    lesson = unpublish_lesson(database, reviewer, lesson_id, knowledge=loaded, comment="outdated")
    assert lesson.state is LessonState.APPROVED and lesson.corpus_id is None
    assert not indexed(loaded, lesson_id)
    with pytest.raises(NotFound):  # what a citation is checked against
        loaded.document("acme", published.corpus_id)
    _, trail = state_and_trail(database, lesson_id)
    assert trail[-2:] == [
        (A.START_UNPUBLISH, "published", "unpublishing", reviewer.id, "outdated"),
        (A.UNPUBLISH, "unpublishing", "approved", reviewer.id, "outdated"),
    ]
    with pytest.raises(InvalidTransition):
        unpublish_lesson(database, reviewer, lesson_id, knowledge=loaded)
    again = publish_lesson(database, reviewer, lesson_id, knowledge=loaded)  # it can come back
    assert again.state is LessonState.PUBLISHED and indexed(loaded, lesson_id)


def test_an_unpublish_cut_short_is_finished_at_start(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    publish_lesson(database, reviewer, lesson_id, knowledge=loaded)

    class Killed(KnowledgeBase):
        def remove(self, org: str, document_id: str) -> int:
            raise SystemExit("killed")

    with pytest.raises(SystemExit):
        unpublish_lesson(
            database, reviewer, lesson_id, knowledge=Killed(loaded.store, loaded.embedder)
        )
    assert state_and_trail(database, lesson_id)[0] is LessonState.UNPUBLISHING
    (done,) = reconcile_publication(database, loaded)
    assert done.outcome is Outcome.FINISHED and done.state is LessonState.APPROVED
    assert not indexed(loaded, lesson_id)
    assert state_and_trail(database, lesson_id)[1][-1][4] == FINISHED_AT_START


def test_only_reviewers_unpublish(
    database: Database, acme: dict[Role, Member], loaded: KnowledgeBase
) -> None:
    from service.store import NotAllowed

    lesson_id = approved(database, acme, loaded)
    publish_lesson(database, person(database, acme[Role.REVIEWER]), lesson_id, knowledge=loaded)
    with pytest.raises(NotAllowed):
        unpublish_lesson(database, person(database, acme[Role.LEADER]), lesson_id, knowledge=loaded)
    assert indexed(loaded, lesson_id)


def test_a_database_locked_at_start_leaves_the_lesson_for_the_next_start(
    database: Database,
    acme: dict[Role, Member],
    loaded: KnowledgeBase,
    settings: Settings,
) -> None:
    lesson_id = approved(database, acme, loaded)
    reviewer = person(database, acme[Role.REVIEWER])
    with pytest.raises(SystemExit):
        cut = Interrupted(loaded, after_write=False)
        publish_lesson(database, reviewer, lesson_id, knowledge=cut)
    impatient = Database.open(settings.model_copy(update={"database_timeout": 0.2}))
    holder = sqlite3.connect(database_url(settings).removeprefix("sqlite:///"), timeout=5)
    holder.isolation_level = None
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert reconcile_publication(impatient, loaded) == []  # the service still starts
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.close()
    assert state_and_trail(database, lesson_id)[0] is LessonState.PUBLISHING
    (done,) = reconcile_publication(database, loaded)
    assert done.outcome is Outcome.FINISHED and indexed(loaded, lesson_id)
